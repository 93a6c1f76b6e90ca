#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets, fuzz/corpus/<target>/, from the repository's own inputs:

  scenario_fuzz    scenarios/**/*.yaml and tests/scenarios/*.yaml
  sd_yaml_fuzz     the stock-flow model files under models/ (YAML) and the model blocks of docs/sd.md
  xmile_fuzz       tests/data/sd-conformance: every .xmile and the three smallest legacy .stmx
  expression_fuzz  every distinct equation of those models (YAML equation/initial/default, XMILE <eqn>)

Run from anywhere after the inputs change: python3 fuzz/make_corpus.py. It rewrites the files it makes
(named after their source, so the same input keeps its name) and leaves others alone: seeds written by
hand are named hand-*. Only the standard library: nothing to install.
"""
import argparse
import hashlib
import pathlib
import re
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def write(target, name, text):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def flat_name(path, base):
    """scenarios/bristol/mtam.yaml -> scenarios-bristol-mtam.yaml: unique, and says where it came from."""
    return str(path.relative_to(base)).replace("/", "-")


def scenario_seeds():
    for path in sorted([*ROOT.glob("scenarios/**/*.yaml"), *ROOT.glob("tests/scenarios/*.yaml")]):
        write("scenario_fuzz", flat_name(path, ROOT), path.read_text(encoding="utf-8"))


def is_model_file(text):
    return re.search(r"^variables:", text, re.MULTILINE) is not None


def yaml_models():
    """(name, text) of each stock-flow model file under models/, and each model block in docs/sd.md."""
    for path in sorted(ROOT.glob("models/**/*.yaml")):
        text = path.read_text(encoding="utf-8")
        if is_model_file(text):
            yield flat_name(path, ROOT), text
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "docs/sd.md").read_text(encoding="utf-8"), re.DOTALL)
    for number, block in enumerate(blocks, 1):
        if is_model_file(block):
            yield f"docs-sd-{number}.yaml", block


def xmile_models():
    """(name, text) of every conformance .xmile and the three smallest .stmx (the legacy drafts' reader)."""
    base = ROOT / "tests/data/sd-conformance"
    for path in sorted(base.glob("**/*.xmile")):
        yield flat_name(path, base), path.read_text(encoding="utf-8")
    for path in sorted(base.glob("**/*.stmx"), key=lambda p: (p.stat().st_size, p))[:3]:
        yield flat_name(path, base), path.read_text(encoding="utf-8")


YAML_EQUATION = re.compile(r"^\s*(?:-\s+)?(?:equation|initial|default):\s*(.+?)\s*$", re.MULTILINE)


def yaml_equations(text):
    for value in YAML_EQUATION.findall(text):
        value = re.sub(r"\s+#.*$", "", value)  # a YAML comment, not part of the equation
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        yield value


def xmile_equations(text):
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "eqn" and element.text and element.text.strip():
            yield element.text.strip()


def main():
    scenario_seeds()
    equations = set()
    for name, text in yaml_models():
        write("sd_yaml_fuzz", name, text)
        equations.update(yaml_equations(text))
    for name, text in xmile_models():
        write("xmile_fuzz", name, text)
        equations.update(xmile_equations(text))
    for equation in sorted(equations):
        digest = hashlib.sha1(equation.encode("utf-8")).hexdigest()[:12]
        write("expression_fuzz", f"eqn-{digest}", equation)
    for folder in sorted(CORPUS.iterdir()):
        files = [f for f in folder.iterdir() if f.is_file()]
        print(f"{folder.name}: {len(files)} files, {sum(f.stat().st_size for f in files) / 1024:.0f} KiB")


if __name__ == "__main__":
    # No options: --help prints the description above instead of rewriting the corpora.
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    main()
