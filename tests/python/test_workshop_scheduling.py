"""The workshop's scheduler frees a worker for new settings, so a board sees its change within about one run."""
import pytest

from viz.workshop import Workshop
from viz_support import SCENARIOS


@pytest.fixture
def workshop():
    w = Workshop(str(SCENARIOS / "baseline.yaml"), target_runs=8, workers=2)
    yield w
    w.close()


def moved(workshop):
    """The board has doubled the Housing First places: settings that differ from the baseline's."""
    settings = dict(workshop.settings)
    settings["housing_first"] = settings["housing_first"] * 2 + 10
    workshop.update(settings)


def test_a_spare_baseline_chunk_is_dropped_when_new_settings_would_wait(workshop):
    workshop.base_chunks = {0: {}}
    workshop.busy = {0: (-1, 1), 1: (-1, 2)}
    assert workshop._baseline_worker_to_preempt() is None, "nothing to hurry while the settings are the baseline's"
    moved(workshop)
    assert workshop._baseline_worker_to_preempt() == 1, "the baseline chunk needed last (seed index 2) is dropped"


def test_nothing_is_dropped_when_a_worker_is_free_or_already_on_the_new_settings(workshop):
    moved(workshop)
    workshop.base_chunks = {0: {}}
    workshop.busy = {0: (-1, 1)}
    assert workshop._baseline_worker_to_preempt() is None, "worker 1 is free"
    workshop.busy = {0: (-1, 1), 1: (workshop.version, 0)}
    assert workshop._baseline_worker_to_preempt() is None, "worker 1 already runs the new settings"
    workshop.busy = {0: (-1, 1), 1: (-1, 2)}
    workshop.preempted = {1}
    assert workshop._baseline_worker_to_preempt() is None, "one worker is being freed already"
    workshop.preempted = set()
    workshop.chunks = {0: {}}
    assert workshop._baseline_worker_to_preempt() is None, "the new settings already show a result"


def test_the_first_baseline_chunk_is_kept_since_the_first_result_needs_it(workshop):
    moved(workshop)
    workshop.base_chunks = {}
    workshop.busy = {0: (-1, 0), 1: (-1, 1)}
    assert workshop._baseline_worker_to_preempt() == 1
    workshop.busy = {0: (-1, 0), 1: (-1, 0)}
    assert workshop._baseline_worker_to_preempt() in (0, 1)
