"""revolve.parameters: every parameter of a model with its unit, provenance, uncertainty and bounds."""
import re

import pytest

import revolve
from conftest import ROOT, run_cli

PARAMETERS = """\
model: demo
conventions:
  time_unit: week
  price_year: 2023/24
  uprating: {index: a price index, status: assumption, rationale: for tests, factors: {2016/17: 1.25}}
sections:
  health:
    title: Health
    parameters:
      relapse:
        value: 0.2
        unit: probability per year
        kind: probability
        description: Chance of relapse within a year.
        source: {citation: A study, where: table 2}
        uncertainty: {distribution: uniform, low: 0.1, high: 0.3}
        status: sourced
      ae_attendance:
        value: 148
        unit: GBP
        kind: money
        price_year: 2016/17
        description: Cost of an A&E attendance.
        uncertainty: {distribution: triangular, low: 100, mode: 148, high: 200}
        bounds: [0, 1000]
        status: assumption
        rationale: a round figure
"""


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text(PARAMETERS)
    return path


def test_one_row_per_parameter_with_its_specification(demo_file):
    table = revolve.parameters(demo_file)
    assert table.index.tolist() == ["health.relapse", "health.ae_attendance"]
    relapse = table.loc["health.relapse"]
    assert (relapse.value, relapse.unit, relapse.kind, relapse.status) == (0.2, "probability per year",
                                                                            "probability", "sourced")
    assert (relapse.source, relapse.source_location) == ("A study", "table 2")
    assert (relapse.distribution, relapse.uncertainty) == ("uniform", "uniform 0.1 to 0.3")
    assert (relapse.lower_bound, relapse.upper_bound) == (0, 1)
    assert relapse.model_value == pytest.approx(1 - 0.8 ** (7 / 365.25))  # per year -> per week, once
    cost = table.loc["health.ae_attendance"]
    assert (cost.status, cost.rationale, cost.source, cost.price_year) == ("assumption", "a round figure", "",
                                                                          "2016/17")
    assert cost.model_value == pytest.approx(148 * 1.25)
    assert (cost.lower_bound, cost.upper_bound) == (0, 1000)
    assert table.attrs == {"model": "demo", "time_unit": "week", "price_year": "2023/24"}


def test_a_model_name_finds_its_parameters_file(revolve_cli):
    by_name = revolve.parameters("revolving_door")
    assert by_name.equals(revolve.parameters(ROOT / "models/revolving_door/parameters.yaml"))
    assert by_name.equals(revolve.parameters(ROOT / "models/revolving_door"))
    summary = run_cli(revolve_cli, "params", "check", ROOT / "models/revolving_door/parameters.yaml").stdout
    assert len(by_name) == int(re.search(r"(\d+) parameters", summary).group(1))
    assert by_name.index.is_unique and by_name.attrs["model"] == "revolving_door"
    assert set(by_name.status) <= {"sourced", "derived", "calibrated", "assumption"}
    assert ((by_name.value >= by_name.lower_bound) & (by_name.value <= by_name.upper_bound)).all()


def test_an_unknown_model_name_lists_the_known_ones():
    with pytest.raises(revolve.InputError, match=r"no model named 'revolving_dor' \(known models: .*revolving_door"):
        revolve.parameters("revolving_dor")


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(revolve.InputError, match="cannot open parameters file"):
        revolve.parameters(tmp_path / "parameters.yaml")
