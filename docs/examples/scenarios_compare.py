"""Load the Bristol scenarios, change one, compare them with the baseline and read the results (docs/python.md).

Run from the repository root: .venv/bin/python docs/examples/scenarios_compare.py
Quick on purpose: five years and 8 runs (the demo runs ten years; papers want 200 runs or more).
"""
import revolve

base = revolve.Scenario.load("scenarios/bristol/baseline.yaml")
hf = revolve.Scenario.load("scenarios/bristol/housing_first_x2.yaml")
print(base)
print(hf.parameters, hf.interventions)

# Five years instead of ten, for every scenario of the comparison (they must share their horizon).
base, hf = (s.with_changes(horizon_years=5) for s in (base, hf))
# A scenario of our own, which no file has: Housing First x2 and MTAM from the start.
both = hf.with_changes(interventions={"mtam": {"start": 0}}, label="Housing First x2 + MTAM")

res = revolve.compare([base, hf, both], runs=8, seed=1)  # C++, paired by common random numbers
print(res)

table = res.summary()
outcomes = ["person_weeks.rough_sleeping", "events.mh_crisis", "events.ae_attendance", "cost_discounted.total"]
whole_horizon = table[table.measure.isin(outcomes) & (table.group == "") & (table.period == "total")]
columns = ["scenario", "measure", "mean", "diff_mean", "diff_low", "diff_high"]
print(whole_horizon[columns].to_string(index=False, float_format="{:,.0f}".format))

# Costs by who pays: the change in each payer's discounted cost over the five years [thousand GBP].
payers = table[table.measure.str.startswith("cost_discounted.") & (table.group == "") & (table.period == "total")]
change = payers.pivot(index="payer", columns="scenario", values="diff_mean").drop(columns=base.label) / 1000
print(change.to_string(float_format="{:,.0f}".format))

# What a year costs by where a person is, and who pays: cost per person-year in each housing state (undiscounted).
per_year = revolve.cost_per_person_year(table)
per_year = per_year[(per_year.scenario == base.label) & per_year.payer.isin(["la_homelessness", "dwp", "total"])]
print(per_year.pivot(index="place", columns="payer", values="per_person_year").to_string(float_format="{:,.0f}".format))

res.save("out/python/bristol_compare")  # the files of `revolve compare`, and manifest.json to reproduce them
print(res.manifest["seed"], res.manifest["runs"], [s["hash"] for s in res.manifest["scenarios"]])
