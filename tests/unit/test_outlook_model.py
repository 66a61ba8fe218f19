"""
The outlook model's parameters: published defaults, validation, changes, interchange.
"""

from __future__ import annotations

import math

import pytest

import pipeline_core as pc
from pipeline_core.outlook import (
    DEFAULT_CORRELATION,
    DEFAULT_RESPONSE_QUANTILE,
    NEGATIVE_SIGNAL_RATIO,
    POSITIVE_SIGNAL_RATIO,
    OutlookModel,
    SourceEffect,
    StageEvidence,
    StageFigures,
)


def test_default_model_takes_the_default_pipelines_figures() -> None:
    """Each stage of the default model carries its pipeline stage's chance, window and source."""
    model = OutlookModel.default()
    expected = [
        (stage.name, stage.kind, stage.p_advance, stage.response_days, stage.reference)
        for stage in pc.DEFAULT_PIPELINE.stages
    ]
    actual = [(f.name, f.kind, f.p_advance, f.response_days, f.reference) for f in model.stages]
    assert expected == actual


def test_every_default_figure_names_its_source() -> None:
    """Every stage the employer decides, and every source effect, names where its figure is from."""
    model = OutlookModel.default()
    decided = [f for f in model.stages if f.p_advance is not None]
    assert all(f.reference for f in decided)
    assert all(effect.reference for effect in model.sources)


def test_published_source_factors() -> None:
    """Referral, careers page and job board factors come from CareerPlug; agency fee drag is 0.8."""
    model = OutlookModel.default()
    expected = {
        pc.Source.REFERRAL: (5.5, 1.0),
        pc.Source.COMPANY_SITE: (2.0, 1.0),
        pc.Source.JOB_BOARD: (0.7, 1.0),
        pc.Source.AGENCY_RECRUITER: (1.0, 0.8),
        pc.Source.NETWORK: (1.0, 1.0),
    }
    actual = {
        source: (model.source_effect(source).application, model.source_effect(source).decision)
        for source in expected
    }
    assert expected == actual


def test_modelling_defaults() -> None:
    """The assumptions that are not published figures have their documented values."""
    model = OutlookModel.default()
    expected = (
        POSITIVE_SIGNAL_RATIO,
        NEGATIVE_SIGNAL_RATIO,
        3,
        DEFAULT_RESPONSE_QUANTILE,
        DEFAULT_CORRELATION,
    )
    actual = (
        model.positive_signal_ratio,
        model.negative_signal_ratio,
        model.max_signals,
        model.response_quantile,
        model.correlation,
    )
    assert expected == actual


def test_for_pipeline_is_the_default_for_the_default_pipeline() -> None:
    """Building the model for the default pipeline gives the default model."""
    assert OutlookModel.default() == OutlookModel.for_pipeline(pc.DEFAULT_PIPELINE)


def test_for_pipeline_refuses_a_non_pipeline() -> None:
    """A value that is not a pipeline definition is a wrong type, named 'pipeline'."""
    with pytest.raises(pc.WrongTypeError) as caught:
        OutlookModel.for_pipeline("default")  # type: ignore[arg-type]
    assert "pipeline" == caught.value.path


def test_mean_response_days_follows_the_quantile() -> None:
    """The mean wait is the window divided by -ln(1 - quantile): 7 / ln 4 at the default 0.75."""
    model = OutlookModel.default()
    assert 7.0 / math.log(4.0) == pytest.approx(model.mean_response_days("interviewing"))


def test_mean_response_days_is_none_without_a_window() -> None:
    """A stage that awaits no answer has no mean wait."""
    assert OutlookModel.default().mean_response_days("accepted") is None


def test_mean_response_days_is_none_once_the_offer_is_in_hand() -> None:
    """At the written offer the outlook awaits nothing from the employer."""
    assert OutlookModel.default().mean_response_days("written_offer") is None


def test_evolve_returns_a_new_validated_model() -> None:
    """Evolving changes the copy and leaves the original alone."""
    model = OutlookModel.default()
    changed = model.evolve(correlation=0.0)
    assert (DEFAULT_CORRELATION, 0.0) == (model.correlation, changed.correlation)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("correlation", 1.0),
        ("correlation", -0.1),
        ("positive_signal_ratio", 0.9),
        ("negative_signal_ratio", 1.5),
        ("response_quantile", 1.0),
        ("response_quantile", 0.0),
        ("max_signals", -1),
        ("max_signals", 101),
    ],
)
def test_evolve_refuses_values_out_of_range(field: str, value: float) -> None:
    """A parameter out of range is an InvalidValueError naming the parameter."""
    with pytest.raises(pc.InvalidValueError) as caught:
        OutlookModel.default().evolve(**{field: value})
    assert field == caught.value.path


def test_with_stage_changes_one_stage() -> None:
    """with_stage replaces the figures of the named stage only."""
    model = OutlookModel.default().with_stage("applied", p_advance=0.1)
    assert (0.1, 0.5) == (model.stage("applied").p_advance, model.stage("screening").p_advance)


def test_with_stage_refuses_an_unknown_stage() -> None:
    """An unknown stage name is an InvalidValueError that lists the stages."""
    with pytest.raises(pc.InvalidValueError) as caught:
        OutlookModel.default().with_stage("lunch", p_advance=0.1)
    assert "applied" in caught.value.allowed


def test_with_source_changes_one_source() -> None:
    """with_source replaces one source's effect, keeping the others."""
    model = OutlookModel.default().with_source("agency_recruiter", decision=0.6)
    expected = (0.6, 5.5)
    actual = (
        model.source_effect(pc.Source.AGENCY_RECRUITER).decision,
        model.source_effect(pc.Source.REFERRAL).application,
    )
    assert expected == actual


def test_with_source_adds_a_source_not_listed() -> None:
    """A source missing from the model is neutral until with_source adds it."""
    model = OutlookModel.default().evolve(sources=())
    changed = model.with_source(pc.Source.NETWORK, application=2.0)
    expected = (1.0, 2.0)
    actual = (
        model.source_effect(pc.Source.NETWORK).application,
        changed.source_effect(pc.Source.NETWORK).application,
    )
    assert expected == actual


def test_model_needs_the_stages_of_a_pipeline() -> None:
    """A model without a signed stage is refused."""
    stages = tuple(f for f in OutlookModel.default().stages if f.name != "accepted")
    with pytest.raises(pc.InvalidValueError) as caught:
        OutlookModel(stages=stages)
    assert "stages" == caught.value.path


def test_model_refuses_duplicate_stage_names() -> None:
    """Two stages with one name are refused, with the path of the second."""
    stages = OutlookModel.default().stages
    with pytest.raises(pc.InvalidValueError) as caught:
        OutlookModel(stages=(*stages, stages[1]))
    assert f"stages[{len(stages)}].name" == caught.value.path


def test_model_refuses_a_stage_of_the_wrong_type() -> None:
    """A stage that is not StageFigures is a wrong type."""
    with pytest.raises(pc.WrongTypeError) as caught:
        OutlookModel(stages=("applied",))  # type: ignore[arg-type]
    assert "stages[0]" == caught.value.path


def test_model_refuses_a_source_of_the_wrong_type() -> None:
    """A source effect that is not a SourceEffect is a wrong type."""
    with pytest.raises(pc.WrongTypeError) as caught:
        OutlookModel.default().evolve(sources=("referral",))
    assert "sources[0]" == caught.value.path


def test_model_refuses_a_source_listed_twice() -> None:
    """Each source has at most one effect."""
    effect = SourceEffect(source=pc.Source.REFERRAL, application=2.0)
    with pytest.raises(pc.InvalidValueError) as caught:
        OutlookModel.default().evolve(sources=(effect, effect))
    assert "sources[1].source" == caught.value.path


def test_stage_figures_refuse_a_chance_above_one() -> None:
    """A chance above 1 is refused, naming p_advance."""
    with pytest.raises(pc.InvalidValueError) as caught:
        StageFigures(name="applied", kind="applied", p_advance=1.5)
    assert "p_advance" == caught.value.path


def test_stage_figures_refuse_evidence_of_the_wrong_type() -> None:
    """Evidence must be StageEvidence."""
    with pytest.raises(pc.WrongTypeError) as caught:
        StageFigures(name="applied", evidence="lots")  # type: ignore[arg-type]
    assert "evidence" == caught.value.path


def test_source_effect_refuses_a_negative_factor() -> None:
    """A factor below zero is refused."""
    with pytest.raises(pc.InvalidValueError) as caught:
        SourceEffect(source="referral", application=-1.0)
    assert "application" == caught.value.path


def test_matches_its_own_pipeline_only() -> None:
    """The default model matches the default pipeline and not a different one."""
    model = OutlookModel.default()
    other = pc.PipelineDefinition.from_stages(
        "short",
        [
            pc.Stage(name="interested", kind="prospect"),
            pc.Stage(name="applied", kind="applied", p_advance=0.1, response_days=10),
            pc.Stage(name="written_offer", kind="written_offer", p_advance=0.9),
            pc.Stage(name="accepted", kind="signed"),
        ],
        {"interested": ["applied"], "applied": ["written_offer"], "written_offer": ["accepted"]},
    )
    assert (True, False) == (model.matches(pc.DEFAULT_PIPELINE), model.matches(other))


def test_model_round_trips_through_a_dict() -> None:
    """from_dict(to_dict()) gives back an equal model, evidence included."""
    evidence = StageEvidence(stage="applied", prior=0.06, prior_strength=20, trials=10, successes=2)
    model = OutlookModel.default().with_stage("applied", p_advance=0.1, evidence=evidence)
    assert model == OutlookModel.from_dict(model.to_dict())


def test_model_from_dict_names_the_bad_path() -> None:
    """A bad value deep in the dict is a DecodeError naming its JSON path."""
    data = OutlookModel.default().to_dict()
    data["stages"][1]["p_advance"] = 2
    with pytest.raises(pc.DecodeError) as caught:
        OutlookModel.from_dict(data, "model")
    assert "model.stages[1].p_advance" == caught.value.path


def test_model_from_dict_refuses_unknown_keys() -> None:
    """An unknown key is refused with its path."""
    data = OutlookModel.default().to_dict()
    data["sources"][0]["bonus"] = 1
    with pytest.raises(pc.DecodeError) as caught:
        OutlookModel.from_dict(data)
    assert "sources[0].bonus" == caught.value.path


def test_model_from_dict_reads_evidence_paths() -> None:
    """A bad evidence count is reported under the stage's evidence path."""
    data = OutlookModel.default().to_dict()
    data["stages"][1]["evidence"] = {
        "stage": "applied",
        "prior": 0.06,
        "prior_strength": 20,
        "trials": 1,
        "successes": 2,
    }
    with pytest.raises(pc.DecodeError) as caught:
        OutlookModel.from_dict(data)
    assert "stages[1].evidence.successes" == caught.value.path


def test_model_from_dict_accepts_the_minimum() -> None:
    """Only the stages are required; everything else takes its default."""
    data = {"stages": [f.to_dict() for f in OutlookModel.default().stages]}
    assert OutlookModel.default().evolve(sources=()) == OutlookModel.from_dict(data)
