"""Plot a stock-flow run with pandas and matplotlib, into a PNG file (docs/python.md).

Run from the repository root: .venv/bin/python docs/examples/sd_plot.py
"""
import pathlib

import matplotlib

matplotlib.use("Agg")  # draw to files, no window: works on servers, in CI and in tests

import revolve  # noqa: E402

results = revolve.sd.load("docs/examples/housing_first_queue.xmile").run(save=["Waiting", "Housed", "places"])
ax = results.plot(xlabel="week", ylabel="people, places", title="Housing First queue (illustrative numbers)")
out = pathlib.Path("out/python")
out.mkdir(parents=True, exist_ok=True)
ax.figure.savefig(out / "housing_first_queue.png", dpi=100)
print(f"wrote {out / 'housing_first_queue.png'}")
