"""The model's output dictionary reaches Python and the report from one place (C++ beside the model)."""
import json

import pytest

import revolve
from viz import labels


def test_the_dictionary_names_outcomes_groups_payers_and_interventions():
    words = revolve.model_dictionary()
    outcomes = [m for m in words["measures"] if m["better"] != 0]
    assert len(outcomes) == 19 and all(m["label"] != m["name"] for m in outcomes)
    assert {p["name"] for p in words["payers"]} >= {"nhs", "la_housing", "police"}
    assert words["groups"][0] == {"name": "", "label": "Everyone", "short_label": "Everyone"}
    assert [i["label"] for i in words["interventions"]][:2] == ["Housing First", "My Team Around Me"]
    assert any("Priority groups are exclusive" in t for t in words["limitations"])


def test_an_unknown_model_is_an_error_naming_it():
    with pytest.raises(revolve.ScenarioError, match="unknown model 'revolving_dor'.*revolving_door"):
        revolve.model_dictionary("revolving_dor")


def test_viz_labels_are_the_dictionary_words():
    words = revolve.model_dictionary()
    by_name = {m["name"]: m for m in words["measures"]}
    for name, (label, better, unit) in labels.OUTCOMES.items():
        assert (label, better, unit) == (by_name[name]["label"], by_name[name]["better"], by_name[name]["unit"])
    assert labels.measure("events.s136_detention") == "Section 136 detentions (police, mental health)"
    assert labels.PAYERS["la_social_care"] == "Council: social care"
    assert list(labels.STATES) == ["Housing", "Justice", "Mental health"]


def test_results_carry_labels_and_the_model_limitations(tmp_path):
    small = revolve.Scenario.load("scenarios/bristol/baseline.yaml").with_changes(horizon_years=0.1,
                                                                                   population_scale=0.05)
    results = revolve.run(small, runs=1, seed=3)
    assert results.measures.loc["events.ae_attendance", "label"] == "A&E attendances"
    results.save(tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    model = manifest["scenarios"][0]["model_manifest"]
    assert model["limitations"] == revolve.model_dictionary()["limitations"]
    assert any(f["path"].endswith("limitations.yaml") for f in model["files"])


def test_the_states_of_example_lives_are_the_dictionary_words():
    columns = revolve.model_dictionary()["life_columns"]
    assert [c["column"] for c in columns] == ["housing", "justice", "mental_health", "support"]
    assert labels.LIFE_STATES["housing"] == ("Home", {s["name"]: s["label"] for s in columns[0]["states"]})
    assert labels.LIFE_STATES["justice"][1]["recalled"] == "Recalled to prison"
