"""Parameter documentation stays in sync with the parameters files it is generated from."""
import pytest

from conftest import ROOT, run_cli

# (parameters file, its generated documentation), relative to the repository root.
DOCUMENTED = [
    ("models/revolving_door/parameters.yaml", "docs/model/parameters.md"),
]


@pytest.mark.parametrize("parameters, document", DOCUMENTED)
def test_committed_parameter_tables_are_current(revolve_cli, parameters, document):
    fresh = run_cli(revolve_cli, "params", "doc", ROOT / parameters).stdout
    committed = (ROOT / document).read_text()
    assert committed == fresh, (
        f"{document} is stale: run `build/revolve params doc {parameters} --out {document}` and commit it")


def test_params_check_prints_counts_by_status(revolve_cli):
    result = run_cli(revolve_cli, "params", "check", ROOT / DOCUMENTED[0][0])
    line = result.stdout.strip()
    assert "revolving_door:" in line and "sourced" in line and "assumption" in line


def test_params_check_rejects_a_bad_file_with_file_and_line(revolve_cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (ROOT / DOCUMENTED[0][0]).read_text().replace("value: 5750", "value: -5", 1)
    bad.write_text(text)
    result = run_cli(revolve_cli, "params", "check", bad, check=False)
    assert result.returncode != 0
    assert "bad.yaml:" in result.stderr and "cohort.size" in result.stderr and "out of bounds" in result.stderr
    assert result.stdout == ""
