"""Static figures: each has data, axis labels with units, and a legend; each is saved as PNG and SVG."""
import math
import re

import matplotlib.pyplot as plt
import pytest

from viz import figures
from viz.data import Comparison, DataError
from viz_support import small_comparison, small_psa, small_report

# A label has a unit when it names one of these (people, money, time, percent, or a per-something rate).
UNIT = re.compile(r"people|person-weeks|£|%|years|per |attendances|recalls|deaths|bed days|crises|arrests")


@pytest.fixture(scope="module")
def drawn():
    data = Comparison.load(small_comparison())
    out = figures.figures(data)
    yield data, out
    for fig in out.values():
        plt.close(fig)


def plotted_values(ax):
    """Every number an axes draws: line points, filled areas and bars."""
    values = [y for line in ax.get_lines() for y in line.get_ydata()]
    values += [v for c in ax.collections for path in c.get_paths() for v in path.vertices.ravel()]
    values += [v for p in ax.patches if hasattr(p, "get_width") for v in (p.get_width(), p.get_height())]
    return [float(v) for v in values if isinstance(v, (int, float)) or hasattr(v, "__float__")]


def test_every_figure_is_drawn(drawn):
    data, out = drawn
    expected = {"outcomes", "who_pays", "groups_change", "groups_baseline", "fan_rough_sleeping", "year_by_year",
                "fan_housing_first_places_short_of_staff"}
    expected |= {f"cohort_{figures.slug(s)}" for s in data.scenarios}
    expected |= {f"pathways_{figures.slug(s)}" for s in data.scenarios}
    assert expected <= set(out)


def test_each_figure_has_data_units_and_a_legend(drawn):
    _, out = drawn
    for name, fig in out.items():
        check_figure(name, fig)


def test_a_psa_adds_its_figures_with_data_units_and_a_legend():
    data = Comparison.load(small_psa())
    plans = figures.plans(data)
    assert {"psa_ranges", "ceac"} <= set(plans)
    assert "psa_ranges" not in figures.plans(Comparison.load(small_comparison()))
    for name in ("psa_ranges", "ceac"):
        fig = plans[name]()
        check_figure(name, fig)
        plt.close(fig)


def check_figure(name, fig):
    """The figure has data in every panel, an x-axis label, a unit on an axis and a legend of two entries or more."""
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert axes, name
    for ax in axes:
        values = plotted_values(ax)
        assert any(math.isfinite(v) and v != 0 for v in values), f"{name}: a panel without data"
    xlabels = [ax.get_xlabel() for ax in axes if ax.get_xlabel()]
    ylabels = [ax.get_ylabel() for ax in axes if ax.get_ylabel()]
    value_labels = xlabels + ylabels
    assert xlabels, f"{name}: no x-axis label"
    assert ylabels or all(ax.get_yticklabels() for ax in axes), f"{name}: no y-axis label or categories"
    assert any(UNIT.search(label) for label in value_labels), f"{name}: no unit in {value_labels}"
    legends = list(fig.legends) + [ax.get_legend() for ax in axes if ax.get_legend()]
    assert legends and all(len(lg.get_texts()) >= 2 for lg in legends), f"{name}: no legend"


def test_every_figure_is_saved_as_png_and_svg():
    data = Comparison.load(small_comparison())
    folder = small_report().parent / "figures"  # revolve report draws them with figures.save_all
    for name in figures.plans(data):
        png, svg = folder / f"{name}.png", folder / f"{name}.svg"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert png.stat().st_size > 20_000, name
        assert b"<svg" in svg.read_bytes()[:2000], name


def some_plans(data, count=3):
    """The first few figures' plans: enough to share among workers, quicker than all of them."""
    return dict(list(figures.plans(data).items())[:count])


def test_figures_drawn_by_several_processes_are_the_same_bytes_as_by_one(tmp_path, monkeypatch):
    data = Comparison.load(small_comparison())
    chosen = some_plans(data)
    monkeypatch.setattr(figures, "plans", lambda _: chosen)
    one = figures.save_all(data, tmp_path / "one", jobs=1)
    two = figures.save_all(data, tmp_path / "two", jobs=2)
    assert list(one) == list(two) == list(chosen)
    for name in chosen:
        assert [p.name for p in one[name]] == [p.name for p in two[name]] == [f"{name}.png", f"{name}.svg"]
        for a, b in zip(one[name], two[name]):
            assert a.read_bytes() == b.read_bytes(), b  # an SVG's ids too: their salt is fixed


def test_a_figure_failing_in_a_worker_fails_save_all_with_its_error(tmp_path, monkeypatch):
    data = Comparison.load(small_comparison())

    def broken():
        raise DataError("results.csv: no rows for this figure")

    chosen = {**some_plans(data, 1), "broken": broken}
    monkeypatch.setattr(figures, "plans", lambda _: chosen)
    with pytest.raises(DataError, match="no rows for this figure"):
        figures.save_all(data, tmp_path / "figures", jobs=2)
    assert figures._job is None  # nothing left for a later call's workers
    with pytest.raises(ValueError, match="jobs: 0 is not a number of processes of 1 or more"):
        figures.save_all(data, tmp_path / "none", jobs=0)
    assert not (tmp_path / "none").exists()


def test_the_page_renders_while_workers_draw_and_an_error_there_stops_them(tmp_path, monkeypatch):
    data = Comparison.load(small_comparison())
    chosen = some_plans(data, 2)
    monkeypatch.setattr(figures, "plans", lambda _: chosen)
    with figures.drawing_all(data, tmp_path / "drawn", jobs=2) as paths:
        assert [p.name for p in paths[next(iter(chosen))]][0].endswith(".png")  # known before they are drawn
    assert all(p.stat().st_size > 0 for files in paths.values() for p in files)
    with pytest.raises(RuntimeError, match="the page failed"):
        with figures.drawing_all(data, tmp_path / "stopped", jobs=2):
            raise RuntimeError("the page failed")
    assert figures._job is None


def test_errors_name_the_file(tmp_path):
    with pytest.raises(DataError, match="no such folder"):
        Comparison.load(tmp_path / "missing")
    (tmp_path / "manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(str(tmp_path / "manifest.json")) + ": malformed JSON"):
        Comparison.load(tmp_path)
    (tmp_path / "manifest.json").write_text('{"scenarios": [{"label": "a"}, {"label": "b"}]}', encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(str(tmp_path / "comparison.csv")) + ": no such file"):
        Comparison.load(tmp_path)
    (tmp_path / "comparison.csv").write_text("scenario,measure\n", encoding="utf-8")
    with pytest.raises(DataError, match="comparison.csv: missing column"):
        Comparison.load(tmp_path)
