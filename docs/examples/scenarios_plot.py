"""Plot a comparison: fan charts of people sleeping rough, and differences with their intervals (docs/python.md).

Run from the repository root: .venv/bin/python docs/examples/scenarios_plot.py
Quick on purpose: five years and 8 runs.
"""
import pathlib

import matplotlib

matplotlib.use("Agg")  # draw to files, no window: works on servers, in CI and in tests

import matplotlib.pyplot as plt  # noqa: E402

import revolve  # noqa: E402

scenarios = [revolve.Scenario.load(f"scenarios/bristol/{name}.yaml").with_changes(horizon_years=5)
             for name in ("baseline", "housing_first_x2", "mtam")]
res = revolve.compare(scenarios, runs=8, seed=1)

fig, (fan, diffs) = plt.subplots(1, 2, figsize=(12, 4.5))
rough = res.timeseries("people.rough_sleeping")  # one row per scenario and week: mean, sd, p05 ... p95
for scenario, series in rough.groupby("scenario", sort=False):
    line, = fan.plot(series.time, series["mean"], label=scenario)
    fan.fill_between(series.time, series.p05, series.p95, color=line.get_color(), alpha=0.2)  # 90% of runs
fan.set(xlabel="years", ylabel="people sleeping rough", title="People sleeping rough: mean and 90% band")
fan.legend()

table = res.summary().replace({"group": {"": "everyone"}})
changes = table[(table.measure == "person_weeks.rough_sleeping") & (table.period == "total")
                & (table.scenario != res.scenarios[0])]
mean, low, high = (changes.pivot(index="group", columns="scenario", values=column)
                   for column in ("diff_mean", "diff_low", "diff_high"))
mean.plot.barh(ax=diffs, xerr=[[mean[c] - low[c], high[c] - mean[c]] for c in mean.columns], capsize=3)
diffs.axvline(0, color="black", linewidth=0.8)
diffs.set(xlabel="change in weeks of rough sleeping over 5 years (90% interval)", ylabel="",
          title="Against the baseline, paired by run")

out = pathlib.Path("out/python")
out.mkdir(parents=True, exist_ok=True)
fig.tight_layout()
fig.savefig(out / "bristol_rough_sleeping.png", dpi=100)
print(f"wrote {out / 'bristol_rough_sleeping.png'}")
