"""The workshop's controls and numbers: effect-size sliders with their provenance and baseline, and the change year
by year from paired chunks (the early dip)."""
import numpy as np
import revolve

from viz.workshop import chunk_numbers, summarise
from viz.workshop_controls import EFFECTS, Controls
from viz_support import SCENARIOS


def controls():
    return Controls(revolve.Scenario.load(SCENARIOS / "baseline.yaml"))


def test_effect_sliders_run_over_the_stated_range_from_the_baseline_with_status_and_source():
    table = revolve.parameters("revolving_door")
    effects = [c for c in controls().items if c.group == "effect"]
    assert {c.key for c in effects} == set(EFFECTS)
    for c in effects:
        p = table.loc[c.key]
        assert c.value == p["value"] and c.minimum <= c.value <= c.maximum
        assert abs((c.value - c.minimum) / c.step - round((c.value - c.minimum) / c.step)) < 1e-9  # on the grid
        assert c.status == p["status"] and c.source and c.spec()["group"] == "effect"
        if p["source"]:
            assert c.source.startswith(p["source"][:40])


def test_an_effect_slider_changes_only_its_parameter():
    c = controls()
    params, interventions = c.changes({"mtam.treatment_entry_multiplier": 2.5})
    assert params == {"mtam.treatment_entry_multiplier": 2.5} and interventions == {}
    assert c.describe({"mtam.treatment_entry_multiplier": 2.5}) == "MTAM: effect on starting treatment: 2.5 multiplier"


def test_the_change_year_by_year_comes_from_paired_chunks():
    c = controls()
    base = revolve.run(c.scenario(c.defaults()), runs=1, seed=1, threads=1)
    mine = revolve.run(c.scenario({"housing_first": c.defaults()["housing_first"] + 100}), runs=1, seed=1, threads=1)
    b, m = chunk_numbers(base), chunk_numbers(mine)
    assert b["periods"] == ["year 1", "year 2", "year 3"]
    page = summarise([b, b], [m, m], "Small baseline")
    cost = page["yearly"]["cost_discounted.total"]
    assert cost["periods"] == b["periods"] and cost["unit"] == "GBP"
    expected = m["yearly"]["cost_discounted.total"] - b["yearly"]["cost_discounted.total"]
    assert np.allclose([v[0] for v in cost["change"]], expected, rtol=1e-3)
    assert "events.s136_detention" in page["yearly"]  # the outcomes viz names, even if the model does not headline them
