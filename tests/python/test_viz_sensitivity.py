"""`revolve report DIR` on a sensitivity folder: a self-contained page with a sorted tornado (and Sobol's bars),
the figures as PNG and SVG, and a clear error for a folder that is not one."""
import pytest

from conftest import ROOT, run_cli

SMALL = ROOT / "tests/scenarios/small_baseline.yaml"
PARAMS = "housing.rough_to_supported,housing.temporary_to_rough,justice.arrest_rate"


@pytest.fixture(scope="module", params=["morris", "sobol"])
def folder(request, revolve_cli, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param) / "out"
    run_cli(revolve_cli, "sensitivity", SMALL, "--method", request.param, "--samples", "4", "--params", PARAMS,
            "--measure", "person_weeks.rough_sleeping", "--resamples", "100", "--out", out)
    return out


def test_report_inlines_the_figures_and_lists_every_index(revolve_cli, folder):
    result = run_cli(revolve_cli, "report", folder)
    assert "report.html" in result.stdout
    page = (folder / "report.html").read_text()
    sobol = "sobol" in folder.parent.name
    assert page.count("<svg") == (2 if sobol else 1) and "<script" not in page and "http" not in page.split("<svg")[0]
    assert "What moves person_weeks.rough_sleeping most" in page
    assert page.count("<tr><td>") == 3 * (2 if sobol else 3)  # every parameter and index
    names = {p.name for p in (folder / "figures").iterdir()}
    assert {"sensitivity_tornado.png", "sensitivity_tornado.svg"} <= names
    assert ("sensitivity_sobol.svg" in names) == sobol


def test_the_tornado_is_sorted_largest_first(folder):
    from viz.sensitivity import HEADLINE, Sensitivity, tornado
    s = Sensitivity.load(folder)
    order = s.index(HEADLINE[s.method])
    assert list(order["estimate"]) == sorted(order["estimate"], reverse=True)
    fig = tornado(s)
    ticks = sorted(fig.axes[0].get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in ticks] == list(order["parameter"])  # the largest at the top


def test_a_folder_without_sensitivity_files_is_refused(tmp_path):
    from viz.data import DataError
    from viz.sensitivity import Sensitivity
    (tmp_path / "sensitivity.csv").write_text("parameter,index\n")
    with pytest.raises(DataError, match="manifest.json|missing columns"):
        Sensitivity.load(tmp_path)
