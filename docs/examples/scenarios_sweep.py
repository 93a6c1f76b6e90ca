"""A parameter sweep: Housing First places added from 0 to 100, each compared with the baseline (docs/python.md).

Run from the repository root: .venv/bin/python docs/examples/scenarios_sweep.py
Quick on purpose: five years and 5 runs per value; widen both before drawing conclusions.
"""
import pathlib

import matplotlib

matplotlib.use("Agg")  # draw to files, no window

import revolve  # noqa: E402

base = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(horizon_years=5)
added = [0, 25, 50, 75, 100]  # Housing First places on top of the baseline's 30
sweep = [base.with_changes(params={"housing_first.added_places": n}, interventions={"housing_first": {"start": 0}},
                           label=f"+{n} places") for n in added]
res = revolve.compare([base, *sweep], runs=5, seed=1)  # one comparison: every value shares the random numbers

# Statistics of our own from every run's totals: the paired change in weeks of rough sleeping, per run.
per_run = res.runs("person_weeks.rough_sleeping").pivot(index="run", columns="scenario", values="value")
change = per_run[[s.label for s in sweep]].sub(per_run[base.label], axis=0)
change.columns = added
effect = change.agg(["mean", "min", "max"]).T.rename_axis("added places")
print(effect.round(0))

ax = effect["mean"].plot(marker="o", label="mean over runs", xlabel="Housing First places added",
                         ylabel="change in weeks of rough sleeping (5 years)", title="Housing First sweep")
ax.fill_between(effect.index, effect["min"], effect["max"], alpha=0.2, label="range over runs")
ax.legend()
out = pathlib.Path("out/python")
out.mkdir(parents=True, exist_ok=True)
ax.figure.savefig(out / "housing_first_sweep.png", dpi=100)
print(f"wrote {out / 'housing_first_sweep.png'}")
