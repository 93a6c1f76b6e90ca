"""``revolve workshop [SCENARIO_DIR]``: a local dashboard for a board, with sliders for the interventions.

A board asks "what if we doubled Housing First?" and sees it at once: each change of a slider starts new runs
of the model (through the Python package), and the charts update as each run finishes, the first within about
a second at Bristol scale, then refine as more runs come in. It serves 127.0.0.1 only, with the standard
library's HTTP server, and answers only its own page (viz/workshop_server.py: Host, Origin and a session token);
the page loads nothing from outside (Chart.js is inlined, as in the report). Ctrl-C or SIGTERM stops the server
and the worker processes.

How it stays quick: every run is one *chunk*, ``revolve.run(scenario, runs=1, seed=s)``, for seeds 1, 2, ...
Chunk s of the baseline and chunk s of the board's choice share their random numbers (common random numbers),
so their difference is paired. Two worker processes (one per core) run chunks; when a slider moves, a worker
still running a chunk for the old settings is interrupted (the run stops within about 50 ms, as on Ctrl-C) and
starts on the new ones; if both are busy with baseline chunks, one drops its chunk (run again later) so the
board's choice does not wait for two runs. Baseline chunks are kept, so only the board's choice is run again.

The controls and what each setting means for the model are in viz/workshop_controls.py.

Example:
    >>> from viz.workshop import Controls
    >>> import revolve
    >>> controls = Controls(revolve.Scenario.load("scenarios/bristol/baseline.yaml"))
    >>> controls.scenario({"housing_first": 60}).parameters["housing_first.added_places"]
    30.0
"""
from __future__ import annotations

import argparse
import datetime
import itertools
import multiprocessing
import os
import pathlib
import secrets
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection, wait

import numpy as np

import revolve

from . import labels
from .workshop_controls import YOURS, Control, Controls
from .workshop_server import Server, finite_number, handler

ASSETS = pathlib.Path(__file__).resolve().parent / "assets"
ROOT = pathlib.Path(__file__).resolve().parents[1]
SERIES = ["people.rough_sleeping", "people.homeless", "people.in_prison", "people.mh_crisis"]
COST_LABEL = "Cost to all payers (discounted)"


# --- workers: each runs one chunk (one run, one seed) at a time and can be interrupted ----------------------------

class Superseded(Exception):
    """The settings of the running chunk have changed: drop it."""


def _worker(conn: Connection, baseline_file: str) -> None:
    """A worker process: receive (job, settings, seed), run one chunk, send back its numbers (or None if stopped)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers; Ctrl-C is for the parent
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited through fork
    parent = os.getppid()
    running = False

    def supersede(*_):
        if running:
            raise Superseded

    signal.signal(signal.SIGUSR1, supersede)
    controls = Controls(revolve.Scenario.load(baseline_file))
    while True:
        try:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    return  # the workshop was killed outright (SIGKILL): do not outlive it
                continue
            message = conn.recv()
        except (EOFError, OSError):
            return
        job, settings, seed = message
        try:
            scenario = controls.scenario(settings)
            running = True
            results = revolve.run(scenario, runs=1, seed=seed, threads=1)
            running = False
            conn.send((job, chunk_numbers(results)))
        except Superseded:
            running = False
            conn.send((job, None))
        except revolve.Error as e:
            running = False
            conn.send((job, {"error": str(e)}))


def chunk_numbers(results: revolve.Results) -> dict:
    """One run's numbers: weekly values of the charted measures, totals over the horizon and each year, and what
    they are (unit, payer, and whether fewer or more is better, from the model or viz/labels.py)."""
    measures = results.measures
    everyone = measures[measures["group"] == ""]
    wanted = everyone[(everyone["better"] != 0) | everyone["measure"].isin(labels.OUTCOMES) |
                      everyone["measure"].str.startswith(("cost_discounted.", "intervention_cost_discounted."))]
    table = results.runs(list(wanted["measure"]), period=None, group="")
    totals = table[table["period"] == "total"]
    years = table[table["period"] != "total"].sort_values("period_start")
    series = results.timeseries([m for m in SERIES if m in set(everyone["measure"])])
    return {
        "time": series["time"].drop_duplicates().to_numpy(),
        "series": {m: series.loc[series["measure"] == m, "mean"].to_numpy() for m in SERIES
                   if m in set(series["measure"])},
        "units": dict(zip(series["measure"], series["unit"])),
        "totals": dict(zip(totals["measure"], totals["value"])),
        "periods": list(dict.fromkeys(years["period"])),
        "yearly": {m: rows["value"].to_numpy() for m, rows in years.groupby("measure", sort=False)},
        "meta": {r.measure: (r.unit, r.payer, int(r.better) or labels.better(r.measure)) for r in wanted.itertuples()},
    }


# --- the scheduler: hands chunks to workers, drops stale ones, and publishes results --------------------------------

class Workshop:
    """Runs the chunks for the latest settings and keeps the newest result for the page.

    Args:
        baseline_file: the baseline scenario file.
        target_runs: runs to refine to for each setting.
        workers: worker processes (one per core by default).
        seed: the first seed; chunk k uses seed + k (default: the baseline's seed).
    """

    def __init__(self, baseline_file: str, target_runs: int = 20, workers: int | None = None,
                 seed: int | None = None) -> None:
        self.baseline = revolve.Scenario.load(baseline_file)
        self.controls = Controls(self.baseline)
        self.target = target_runs
        self.seed = self.baseline.seed if seed is None else seed
        self.lock = threading.Condition()
        self.settings = self.controls.defaults()
        self.version = 0          # bumps with every change of settings
        self.changed_at = time.monotonic()
        self.published = {"seq": 0}
        self.base_chunks: dict[int, dict] = {}
        self.chunks: dict[int, dict] = {}   # the current settings' chunks, by seed index
        self.error = ""
        context = multiprocessing.get_context("fork")
        self.pipes, self.procs = [], []
        try:
            for _ in range(workers or os.cpu_count() or 2):
                here, there = context.Pipe()
                proc = context.Process(target=_worker, args=(there, baseline_file), daemon=True)
                proc.start()
                self.pipes.append(here)
                self.procs.append(proc)
        except BaseException:  # Ctrl-C or SIGTERM while starting: no worker is left behind
            self.close()
            raise
        self.busy: dict[int, tuple] = {}     # worker -> (version or -1 for the baseline, seed index)
        self.preempted: set[int] = set()     # workers told to drop a baseline chunk for new settings
        self.wake_r, self.wake_w = multiprocessing.Pipe(duplex=False)

    def update(self, settings: dict) -> int:
        """New settings from the page; returns their version. Workers on older settings are interrupted.

        Raises:
            ValueError: an unknown control, or a slider's value that is not a finite number.
        """
        known = {c.key for c in self.controls.items}
        unknown = sorted(str(key) for key in settings if key not in known)
        if unknown:
            raise ValueError(f"unknown control '{unknown[0]}' (known: {', '.join(sorted(known))})")
        clean = {c.key: _coerce(c, settings.get(c.key, c.value)) for c in self.controls.items}
        with self.lock:
            if clean == self.settings:
                return self.version
            self.settings, self.version, self.changed_at = clean, self.version + 1, time.monotonic()
            self.chunks = {}
            self.error = ""
        self.wake_w.send(True)
        return self.version

    def serve_forever(self) -> None:
        """The scheduling loop (call from the main thread): assign chunks, collect them, publish."""
        while True:
            self._interrupt_stale()
            self._assign()
            ready = wait(self.pipes + [self.wake_r], timeout=1.0)
            for conn in ready:
                if conn is self.wake_r:
                    conn.recv()
                    continue
                self._collect(self.pipes.index(conn), conn.recv())

    def close(self) -> None:
        """Stop the worker processes and wait for them, so none outlives the workshop."""
        for proc in self.procs:
            proc.kill()
        for proc in self.procs:
            proc.join(timeout=5)

    def _interrupt_stale(self) -> None:
        """Stop chunks of superseded settings, and free a worker for new settings if none would be free soon."""
        for w, (version, _) in list(self.busy.items()):
            if version not in (-1, self.version):
                os.kill(self.procs[w].pid, signal.SIGUSR1)
        w = self._baseline_worker_to_preempt()
        if w is not None:
            self.preempted.add(w)
            os.kill(self.procs[w].pid, signal.SIGUSR1)

    def _baseline_worker_to_preempt(self) -> int | None:
        """A worker on a spare baseline chunk, when new settings have no result yet and every worker is busy on
        the baseline: without it the board would wait up to two runs (about 0.9 s at Bristol scale) to see
        its change. The chunk is run again later. The lowest baseline chunk is kept while the baseline has
        none, since the first result needs a pair."""
        if (self.chunks or self.settings == self.controls.defaults() or self.preempted
                or len(self.busy) < len(self.procs) or any(v != -1 for v, _ in self.busy.values())):
            return None
        spare = sorted(self.busy, key=lambda w: self.busy[w][1], reverse=True)
        if not self.base_chunks:
            spare = spare[:-1]
        return spare[0] if spare else None

    def _next_job(self) -> tuple[int, dict, int] | None:
        """The most useful chunk not yet done or running: paired chunks for the current settings first."""
        running = set(self.busy.values())
        same = self.settings == self.controls.defaults()
        for k in range(self.target):
            if k not in self.base_chunks and (-1, k) not in running:
                return -1, self.controls.defaults(), k
            if not same and k not in self.chunks and (self.version, k) not in running:
                return self.version, dict(self.settings), k
        return None

    def _assign(self) -> None:
        for w, conn in enumerate(self.pipes):
            if w in self.busy:
                continue
            with self.lock:
                job = self._next_job()
            if job is None:
                return
            version, settings, k = job
            self.busy[w] = (version, k)
            conn.send(((version, k), settings, self.seed + k))

    def _collect(self, w: int, message) -> None:
        (version, k), numbers = message
        self.busy.pop(w, None)
        self.preempted.discard(w)
        with self.lock:  # update() may change the version meanwhile
            if numbers is None or version not in (-1, self.version):
                return
            if "error" in numbers:
                self.error = numbers["error"]
            elif version == -1:
                self.base_chunks[k] = numbers
            else:
                self.chunks[k] = numbers
            self._publish()

    def _publish(self) -> None:
        same = self.settings == self.controls.defaults()
        chunks = self.base_chunks if same else self.chunks
        seeds = sorted(k for k in chunks if k in self.base_chunks)
        with self.lock:
            payload = {"seq": self.published["seq"] + 1, "version": self.version, "runs": len(seeds),
                       "target": self.target, "error": self.error,
                       "seconds": round(time.monotonic() - self.changed_at, 3), "settings": self.settings}
            if seeds and not self.error:
                payload.update(summarise([self.base_chunks[k] for k in seeds], [chunks[k] for k in seeds],
                                         self.baseline.label))
            self.published = payload
            self.lock.notify_all()

    def result(self, have: int, timeout: float = 20.0) -> dict:
        """The newest result once it is newer than `have` (waits up to `timeout` seconds)."""
        with self.lock:
            self.lock.wait_for(lambda: self.published["seq"] > have, timeout=timeout)
            return self.published

    def snapshot(self, folder: pathlib.Path) -> pathlib.Path:
        """Compare the baseline with the current settings as `revolve compare` does, and write its report."""
        from .report import write_report
        with self.lock:
            settings, runs = dict(self.settings), max(2, self.published.get("runs", 0))
        label = self.controls.describe(settings)
        scenario = self.controls.scenario(settings, label=label if label != self.baseline.label else YOURS)
        out = _new_folder(folder, datetime.datetime.now().strftime("snapshot-%Y%m%d-%H%M%S"))
        try:
            revolve.compare([self.baseline, scenario], runs=runs, seed=self.seed, threads=1).save(out)
        except BaseException:
            out.rmdir()  # still the empty folder made for it
            raise
        return write_report(out, title=f"Workshop snapshot: {label}")


def _new_folder(folder: pathlib.Path, name: str) -> pathlib.Path:
    """A new empty folder `name` (or `name-2`, ...) in `folder`, made at once: snapshots taken in the same second,
    even at the same time, never share one, so one never replaces another."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in itertools.count(1):
        out = folder / (name if n == 1 else f"{name}-{n}")
        try:
            out.mkdir()
            return out
        except FileExistsError:
            continue


def _coerce(control: Control, value):
    """A control's value from the page: a choice it offers (else its baseline), a slider's number within range."""
    if control.kind == "choice":
        return value if isinstance(value, str) and value in dict(control.options) else control.value
    return max(control.minimum, min(control.maximum, finite_number(value, control.key)))


def summarise(base: list[dict], mine: list[dict], baseline_label: str) -> dict:
    """The page's numbers from paired chunks: weekly bands, outcome changes and cost changes with 90% intervals."""
    meta = base[0]["meta"]
    series = {}
    for m, values in base[0]["series"].items():
        bands = {}
        for name, chunks in ((baseline_label, base), (YOURS, mine)):
            runs = np.vstack([c["series"][m] for c in chunks])
            q = np.percentile(runs, [5, 25, 50, 75, 95], axis=0)
            bands[name] = {f"p{p:02d}": np.round(row, 1).tolist() for p, row in zip((5, 25, 50, 75, 95), q)}
        series[m] = {"label": labels.measure(m), "unit": base[0]["units"][m], "scenarios": bands}

    def change(measure: str) -> list:
        diff = np.array([c["totals"][measure] - b["totals"][measure] for b, c in zip(base, mine)])
        level = np.mean([b["totals"][measure] for b in base])
        low, high = np.percentile(diff, [5, 95])
        pct = 100 / level if level else float("nan")
        return [_round(v) for v in (diff.mean(), low, high, diff.mean() * pct, low * pct, high * pct, level)]

    def yearly(measure: str) -> dict:
        """The change in each year: [mean, low, high] per year (the early dip shows here)."""
        diff = np.vstack([c["yearly"][measure] - b["yearly"][measure] for b, c in zip(base, mine)])
        low, high = np.percentile(diff, [5, 95], axis=0)
        return {"label": labels.measure(measure) if measure != "cost_discounted.total" else COST_LABEL,
                "unit": meta[measure][0], "better": meta[measure][2], "periods": base[0]["periods"],
                "change": [[_round(m), _round(lo), _round(hi)] for m, lo, hi in zip(diff.mean(axis=0), low, high)]}

    outcomes = [m for m in labels.OUTCOMES if m in meta and meta[m][2]]
    outcomes += [m for m, (_, _, better) in meta.items() if better and m not in outcomes]
    payers = [p for p in labels.PAYERS if f"cost_discounted.{p}" in meta]
    spent = {}
    for m, (_, payer, _) in meta.items():
        if m.startswith("intervention_cost_discounted."):
            spent[payer] = spent.get(payer, 0.0) + float(np.mean([c["totals"][m] - b["totals"][m]
                                                                   for b, c in zip(base, mine)]))
    return {
        "time": np.round(base[0]["time"], 3).tolist(),
        "series": series,
        "outcomes": [{"measure": m, "label": labels.measure(m), "unit": meta[m][0], "better": meta[m][2],
                      "change": change(m)} for m in outcomes],
        "payers": {"names": [labels.PAYERS[p] for p in payers] + ["All payers"],
                   "change": [change(f"cost_discounted.{p}")[:3] for p in payers] + [change("cost_discounted.total")[:3]],
                   "spent": [_round(spent.get(p, 0.0)) for p in payers] + [_round(sum(spent.values()))]},
        "yearly": {m: yearly(m) for m in ["cost_discounted.total"] + outcomes if m in base[0]["yearly"]},
    }


def _round(x: float) -> float | None:
    return None if not np.isfinite(x) else float(f"{x:.4g}")


# --- the command: serve the page (viz/workshop_server.py) and run the scheduler until stopped ----------------------

def _whole_number(least: int, most: int | None = None):
    """An argparse type: a whole number from `least` to `most`, with a message that says so."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < least or (most is not None and value > most):
            bound = f"from {least} to {most}" if most is not None else f"of {least} or more"
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number {bound}")
        return value
    return parse


def _stop(signum, frame) -> None:
    """SIGTERM stops the workshop as Ctrl-C does: the server shuts down and the workers are stopped."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """``revolve workshop [SCENARIO_DIR]``: serve the dashboard on 127.0.0.1 until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(prog="revolve workshop", description="A local dashboard for a board: sliders "
                                     "for the interventions; charts update as runs finish. Serves 127.0.0.1 only.")
    parser.add_argument("folder", nargs="?", default=str(ROOT / "scenarios" / "bristol"), metavar="SCENARIO_DIR",
                        help="a folder with baseline.yaml (default: scenarios/bristol)")
    parser.add_argument("--port", type=_whole_number(0, 65535), default=8050,
                        help="port on 127.0.0.1, 0 to 65535 (0: any free port; default 8050)")
    parser.add_argument("--runs", type=_whole_number(1), default=20,
                        help="runs to refine to after each change (default 20)")
    parser.add_argument("--workers", type=_whole_number(1), help="worker processes (default: one per core)")
    parser.add_argument("--out", default="out/workshop", help="where snapshots are saved (default out/workshop)")
    args = parser.parse_args(argv)
    baseline = pathlib.Path(args.folder) / "baseline.yaml"
    if not baseline.is_file():
        print(f"error: {baseline}: no such file (SCENARIO_DIR must hold baseline.yaml)", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, _stop)
    try:
        workshop = Workshop(str(baseline), target_runs=args.runs, workers=args.workers)
    except revolve.Error as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    try:
        server = Server(("127.0.0.1", args.port), handler(workshop, pathlib.Path(args.out), secrets.token_urlsafe(32)))
    except OSError as e:  # most often the port is taken, by another workshop or another program
        workshop.close()
        print(f"error: cannot serve on 127.0.0.1:{args.port}: {e.strerror} (choose another with --port, "
              "or --port 0 for any free port)", file=sys.stderr)
        return 1
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        # Inside the try: once this line is out, a caller may stop the workshop at once, even before print
        # returns (a Ctrl-C there used to end it by SIGINT, exit -2, instead of a clean stop).
        print(f"workshop: http://127.0.0.1:{server.server_address[1]}/ ({workshop.baseline.label}; Ctrl-C to stop)",
              flush=True)
        workshop.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        workshop.close()
    return 0
