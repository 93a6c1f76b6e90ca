"""Load an XMILE model, look at it, run it, change it and sweep a constant (docs/python.md).

Run from the repository root: .venv/bin/python docs/examples/sd_load_and_run.py
"""
import pandas as pd

import revolve

model = revolve.sd.load("docs/examples/housing_first_queue.xmile")
print(model)
print(model.specs)
print(model.variables[["kind", "equation", "units"]].to_string())

results = model.run()
print(results[["Waiting", "Housed", "places"]].iloc[::104])  # every 26 weeks: dt is a quarter of a week

# A sweep, one run per value: shorter support frees places sooner; how many are still waiting after two years?
support = [52, 104, 156]  # length of tenancy support [weeks]
waiting = [model.run(save="Waiting", overrides={"length of tenancy support": weeks})["Waiting"].iloc[-1]
           for weeks in support]
print(pd.Series(waiting, index=pd.Index(support, name="support [weeks]"), name="waiting at week 104").round(1))

# Change an equation: 40 more places from week 52 instead of 20.
model["places"].equation = "30 + STEP(40, 52)"
print(model.run(save="Waiting")["Waiting"].iloc[-1].round(1))
