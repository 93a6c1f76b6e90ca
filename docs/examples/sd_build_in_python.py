"""Build a stock-flow model in Python with equation strings, with an array over groups (docs/python.md).

Run from the repository root: .venv/bin/python docs/examples/sd_build_in_python.py
"""
import revolve

m = revolve.sd.Model("Waiting list by group", start=0, stop=52, dt=0.25, time_units="weeks")
m.dimension("group", ["young", "women", "chronic"])
m.stock("waiting", {"young": 10, "women": 8, "chronic": 20}, inflows="referrals", outflows="placements",
        non_negative=True, dimensions="group", units="people")
m.flow("referrals", {"young": 0.6, "women": 0.4, "chronic": 0.5}, dimensions="group", units="people/week")
m.flow("placements", "places per week * SAFEDIV(waiting, SUM(waiting[*]))", dimensions="group",
       units="people/week", doc="free places shared in proportion to who is waiting")
m.constant("places per week", 1.2, units="people/week", doc="illustrative, not evidence")

results = m.run(save="waiting")
print(results.iloc[[0, -1]].round(1))
print(results.attrs["units"]["waiting[young]"])
