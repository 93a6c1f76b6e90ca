"""Runs release the GIL, and Ctrl-C stops a long run promptly with KeyboardInterrupt."""
import _thread
import signal
import threading
import time

import pytest

import revolve
from conftest import ROOT


def decay_model(steps):
    """A one-stock model that takes `steps` Euler steps (about 30 ns each) and saves two rows."""
    stop = steps * 1e-4
    m = revolve.sd.Model(stop=stop, dt=1e-4, save_step=stop)
    m.stock("x", 1, outflows="decay")
    m.flow("decay", "x / 100")
    return m


def test_other_python_threads_run_while_a_model_runs():
    ticks, done = [], threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.002)

    ticker = threading.Thread(target=tick)
    ticker.start()
    start = time.perf_counter()
    decay_model(20_000_000).run()
    end = time.perf_counter()
    done.set()
    ticker.join()
    assert end - start > 0.2, "the run was too short to tell whether the GIL was released"
    # Holding the GIL for the whole run would leave no ticks between its first and last 50 ms.
    assert sum(start + 0.05 < t < end - 0.05 for t in ticks) >= 10


def interrupt_main():
    _thread.interrupt_main()


def raise_sigint():
    signal.raise_signal(signal.SIGINT)  # what Ctrl-C in a terminal, or a notebook's interrupt button, sends


@pytest.mark.parametrize("interrupt", [interrupt_main, raise_sigint])
def test_ctrl_c_stops_a_long_run_with_keyboard_interrupt(interrupt):
    model = decay_model(200_000_000)  # several seconds if nothing stops it
    timer = threading.Timer(0.2, interrupt)
    results = None
    start = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        results = model.run()
    elapsed = time.perf_counter() - start
    timer.join()
    assert results is None, "an interrupted run returns nothing"
    assert elapsed < 1.5, f"the run stopped {elapsed:.2f} s after it started; the interrupt came at 0.2 s"
    model.specs.stop = model.specs.save_step = 1
    assert model.run().equals(decay_model(10_000).run()), "the model runs as before"


def bristol(horizon_years):
    """The Bristol baseline and Housing First x2 at full size (each run takes about 35 ms per simulated year)."""
    base, hf = (revolve.Scenario.load(f"scenarios/bristol/{name}.yaml") for name in ("baseline", "housing_first_x2"))
    return [s.with_changes(horizon_years=horizon_years) for s in (base, hf)]


def test_other_python_threads_run_while_a_comparison_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    scenarios = bristol(horizon_years=2)
    ticks, done = [], threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.002)

    ticker = threading.Thread(target=tick)
    ticker.start()
    start = time.perf_counter()
    revolve.compare(scenarios, runs=2, seed=1, threads=2)
    end = time.perf_counter()
    done.set()
    ticker.join()
    assert end - start > 0.2, "the comparison was too short to tell whether the GIL was released"
    assert sum(start + 0.05 < t < end - 0.05 for t in ticks) >= 10


@pytest.mark.parametrize("interrupt", [interrupt_main, raise_sigint])
def test_ctrl_c_stops_a_comparison_with_keyboard_interrupt_and_writes_nothing(interrupt, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    scenarios = bristol(horizon_years=10)  # 200 runs: a minute or more if nothing stops it
    monkeypatch.chdir(tmp_path)
    timer = threading.Timer(0.3, interrupt)
    results = None
    start = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        results = revolve.compare(scenarios, runs=100, seed=1)
    elapsed = time.perf_counter() - start
    timer.join()
    assert results is None and list(tmp_path.iterdir()) == [], "an interrupted comparison returns and writes nothing"
    assert elapsed < 1.5, f"the comparison stopped {elapsed:.2f} s after it started; the interrupt came at 0.3 s"
    assert revolve.compare([s.with_changes(horizon_years=1) for s in scenarios], runs=1).scenarios == [
        "Bristol-like baseline", "Housing First x2"], "comparisons run as before"
