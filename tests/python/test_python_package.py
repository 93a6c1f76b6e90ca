"""The package itself: its version, what it exports, and a type stub that matches the compiled module."""
import ast
import inspect
import os
import pathlib
import shutil
import subprocess
import sys

import revolve
from conftest import ROOT, run_cli

STUB = ROOT / "bindings/revolve/_core.pyi"


def stub_names():
    """{name: set of public member names} for the stub's top level (functions and variables: an empty set)."""
    names = {}
    for node in ast.parse(STUB.read_text()).body:
        if isinstance(node, ast.ClassDef):
            members = {n.target.id if isinstance(n, ast.AnnAssign) else n.name for n in node.body
                       if isinstance(n, (ast.FunctionDef, ast.AnnAssign))}
            names[node.name] = {m for m in members if not m.startswith("_")}
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = set()
        elif isinstance(node, ast.AnnAssign):
            names[node.target.id] = set()
    return names


def module_names():
    """The same, read from the compiled module."""
    core = revolve._core
    names = {}
    for name, value in vars(core).items():
        if name.startswith("__") and name != "__version__" or inspect.ismodule(value):
            continue
        members = set()
        if inspect.isclass(value):
            members = {m for m in vars(value) if not m.startswith("_")}
        names[name] = members
    return names


def test_version_is_the_engine_version(revolve_cli):
    assert revolve.__version__ == run_cli(revolve_cli, "--version").stdout.split()[0]


def test_the_code_version_is_the_commit_built_not_the_one_configured(revolve_cli):
    """Manifests name the code version: `git describe` as at the last build (make test builds first), which once
    stayed what it was when CMake configured the build folder."""
    described = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"], cwd=ROOT, capture_output=True,
                               text=True)
    if described.returncode != 0:
        return  # not a git checkout: the version is "unknown", and nothing to compare it with
    built = run_cli(revolve_cli, "--version").stdout.split()[1].strip("()")
    assert revolve._core.git_version == built
    # The commit alone: a file edited since the build (which needs none, such as a test) makes only the checkout dirty.
    assert built.removesuffix("-dirty") == described.stdout.strip().removesuffix("-dirty")


def test_package_exports_what_it_lists():
    assert all(hasattr(revolve, name) for name in revolve.__all__)
    assert revolve.sd.load and revolve.sd.Model and revolve.parameters


def test_type_stub_matches_the_compiled_module():
    assert stub_names() == module_names()


def test_the_package_as_pip_installs_it_runs_scenarios_with_the_model_files_it_ships(tmp_path):
    """setup.py's build_py lays out the package as pip installs it; with the compiled module beside it, a scenario
    runs with the model files inside the package (parameters.yaml, system.yaml and limitations.yaml), not the source tree's."""
    subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", tmp_path], cwd=ROOT, check=True,
                   capture_output=True)
    package = tmp_path / "revolve"
    assert sorted(p.name for p in (package / "models/revolving_door").iterdir()) == ["limitations.yaml", "parameters.yaml",
                                                                                 "system.yaml"]
    shutil.copy(next(pathlib.Path(revolve._core.__file__).parent.glob("_core*.so")), package)
    script = ("import revolve; s = revolve.Scenario.load(r'%s').with_changes(horizon_years=0.2, population_scale=0.05);"
              "print(*[f['path'] for f in revolve.run(s, runs=1).manifest['scenarios'][0]['model_manifest']['files']])"
              % (ROOT / "scenarios/bristol/baseline.yaml"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REVOLVE_MODELS_DIR")}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    models = package / "models/revolving_door"
    assert result.stdout.split() == [str(models / name) for name in ("parameters.yaml", "system.yaml", "limitations.yaml")]
