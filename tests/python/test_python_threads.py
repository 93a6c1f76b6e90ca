"""Runs release the GIL, and Ctrl-C stops a long run or comparison promptly with KeyboardInterrupt."""
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


def bristol(horizon_years):
    """The Bristol baseline and Housing First x2 at full size (a run takes tens of milliseconds per simulated year)."""
    names = ("baseline", "housing_first_x2")
    return [revolve.Scenario.load(ROOT / f"scenarios/bristol/{name}.yaml").with_changes(horizon_years=horizon_years)
            for name in names]


def ticks_during(action):
    """Runs `action` while another thread ticks every 2 ms; returns (seconds taken, ticks well inside it)."""
    ticks, done = [], threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.002)

    ticker = threading.Thread(target=tick)
    ticker.start()
    start = time.perf_counter()
    action()
    end = time.perf_counter()
    done.set()
    ticker.join()
    return end - start, sum(start + 0.05 < t < end - 0.05 for t in ticks)


def assert_other_threads_run_during(action_of_size, size):
    """Another thread keeps ticking while C++ works: holding the GIL would leave no ticks inside the work.

    The work doubles in size until it lasts long enough to tell (at least 0.3 s), so a faster machine
    does not make the test meaningless.
    """
    for _ in range(6):
        seconds, ticks = ticks_during(lambda: action_of_size(size))
        if seconds >= 0.3:
            break
        size *= 2
    assert seconds >= 0.3, "the work was too short to tell whether the GIL was released"
    assert ticks >= 10, f"only {ticks} ticks of another thread in {seconds:.2f} s of work"


def interrupt_main():
    _thread.interrupt_main()


def raise_sigint():
    signal.raise_signal(signal.SIGINT)  # what Ctrl-C in a terminal, or a notebook's interrupt button, sends


def assert_interrupt_stops(action, interrupt, at=0.2):
    """`interrupt` after `at` seconds makes `action` raise KeyboardInterrupt promptly, returning nothing."""
    timer = threading.Timer(at, interrupt)
    returned = None
    start = time.perf_counter()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        returned = action()
    elapsed = time.perf_counter() - start
    timer.join()
    assert returned is None, "an interrupted run returns nothing"
    assert elapsed < at + 1.3, f"the work stopped {elapsed:.2f} s after it started; the interrupt came at {at} s"


def test_other_python_threads_run_while_a_model_runs():
    assert_other_threads_run_during(lambda steps: decay_model(steps).run(), size=20_000_000)


def test_other_python_threads_run_while_a_comparison_runs():
    scenarios = bristol(horizon_years=2)
    assert_other_threads_run_during(lambda runs: revolve.compare(scenarios, runs=runs, seed=1, threads=2), size=2)


@pytest.mark.parametrize("interrupt", [interrupt_main, raise_sigint])
def test_ctrl_c_stops_a_long_run_with_keyboard_interrupt(interrupt):
    model = decay_model(200_000_000)  # several seconds if nothing stops it
    assert_interrupt_stops(model.run, interrupt)
    model.specs.stop = model.specs.save_step = 1
    assert model.run().equals(decay_model(10_000).run()), "the model runs as before"


@pytest.mark.parametrize("interrupt", [interrupt_main, raise_sigint])
def test_ctrl_c_stops_a_comparison_with_keyboard_interrupt_and_writes_nothing(interrupt, monkeypatch, tmp_path):
    scenarios = bristol(horizon_years=10)
    monkeypatch.chdir(tmp_path)
    assert_interrupt_stops(lambda: revolve.compare(scenarios, runs=100, seed=1), interrupt, at=0.3)  # a minute or more
    assert list(tmp_path.iterdir()) == [], "an interrupted comparison writes nothing"
    shorter = [s.with_changes(horizon_years=1) for s in scenarios]
    assert revolve.compare(shorter, runs=1).scenarios == ["Bristol-like baseline", "Housing First x2"], \
        "comparisons run as before"
