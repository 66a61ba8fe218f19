"""Pipeline definitions: the default one, and custom ones validated when built."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

import pipeline_core as pc
from pipeline_core.pipeline import StageKind


def _stages(*names_and_kinds: tuple[str, StageKind]) -> tuple[pc.Stage, ...]:
    return tuple(pc.Stage(name=name, kind=kind) for name, kind in names_and_kinds)


BASIC = _stages(
    ("prospect", StageKind.PROSPECT),
    ("applied", StageKind.APPLIED),
    ("interview", StageKind.PROCESS),
    ("offer", StageKind.WRITTEN_OFFER),
    ("signed", StageKind.SIGNED),
)
CHAIN = {
    "prospect": ["applied"],
    "applied": ["interview"],
    "interview": ["offer"],
    "offer": ["signed"],
}


def test_default_pipeline_has_the_spec_stages_in_order() -> None:
    """The default definition is SPEC §3's, in order."""
    assert pc.DEFAULT_PIPELINE.names == (
        "interested",
        "applied",
        "screening",
        "interviewing",
        "final_round",
        "verbal_offer",
        "written_offer",
        "accepted",
    )


def test_default_figures_name_their_source() -> None:
    """Every stage with a default chance says where the figure comes from."""
    for stage in pc.DEFAULT_PIPELINE.stages:
        if stage.p_advance is not None:
            assert stage.reference, stage.name


def test_queries_on_the_default_pipeline() -> None:
    """Lookups by name and kind, moves, reachability and terminality."""
    pipeline = pc.DEFAULT_PIPELINE
    assert pipeline.initial.name == "interested"
    assert pipeline.index("final_round") == 4
    assert pipeline.get("nope") is None
    assert pipeline.stage("screening").p_advance == 0.5
    assert pipeline.stage_of_kind(StageKind.VERBAL_OFFER) == pipeline.stage("verbal_offer")
    assert pipeline.can_move("interviewing", "interviewing")
    assert not pipeline.can_move("final_round", "screening")
    assert pipeline.next_stages("written_offer") == frozenset({"written_offer", "accepted"})
    assert pipeline.can_reach("applied", "accepted")
    assert not pipeline.can_reach("accepted", "applied")
    assert pipeline.is_terminal("accepted")
    assert not pipeline.is_terminal("applied")


def test_unknown_stage_lookups_name_the_known_stages() -> None:
    """Asking for a stage that does not exist lists the stages that do."""
    with pytest.raises(pc.InvalidValueError, match="unknown stage") as info:
        pc.DEFAULT_PIPELINE.index("phone_screen")
    assert "screening" in info.value.allowed


def test_a_custom_pipeline_from_stages_and_a_mapping() -> None:
    """from_stages builds and validates a definition; transitions are stored as sorted pairs."""
    pipeline = pc.PipelineDefinition.from_stages("basic", BASIC, CHAIN)
    assert pipeline.transitions == tuple(sorted((a, b) for a, bs in CHAIN.items() for b in bs))
    assert pipeline.stage_of_kind(StageKind.VERBAL_OFFER) is None


def test_transitions_may_be_pairs() -> None:
    """Transitions are accepted as (from, to) pairs too; equal definitions compare equal."""
    pairs = [(a, b) for a, bs in CHAIN.items() for b in bs]
    by_pairs = pc.PipelineDefinition(name="basic", stages=BASIC, transitions=pairs)
    assert by_pairs == pc.PipelineDefinition.from_stages("basic", BASIC, CHAIN)
    assert hash(by_pairs) == hash(pc.PipelineDefinition.from_stages("basic", BASIC, CHAIN))


def _refused(stages: Sequence[object], transitions: object, match: str) -> None:
    with pytest.raises(pc.InvalidPipelineError, match=match):
        pc.PipelineDefinition(name="bad", stages=stages, transitions=transitions)  # type: ignore[arg-type]


def test_duplicate_stage_names_are_refused() -> None:
    """Stage names are unique."""
    _refused((*BASIC, pc.Stage(name="interview")), CHAIN, "duplicate stage name")


def test_a_stage_that_is_not_a_stage_is_refused() -> None:
    """Stages must be Stage objects."""
    _refused((*BASIC, "interview2"), CHAIN, "expected a Stage")


@pytest.mark.parametrize("kind", [StageKind.PROSPECT, StageKind.APPLIED, StageKind.SIGNED])
def test_unique_kinds_must_appear_once(kind: StageKind) -> None:
    """A pipeline has exactly one prospect, applied, written-offer and signed stage."""
    _refused(tuple(s for s in BASIC if s.kind is not kind), CHAIN, "exactly one")


def test_two_verbal_offer_stages_are_refused() -> None:
    """At most one verbal-offer stage."""
    extra = _stages(("v1", StageKind.VERBAL_OFFER), ("v2", StageKind.VERBAL_OFFER))
    _refused((*BASIC[:3], *extra, *BASIC[3:]), CHAIN, "at most one")


def test_the_first_stage_is_the_prospect_stage() -> None:
    """The pipeline starts with its prospect stage."""
    _refused((BASIC[1], BASIC[0], *BASIC[2:]), CHAIN, "first stage")


def test_transitions_name_known_stages() -> None:
    """A transition to an unknown stage is refused."""
    _refused(BASIC, {**CHAIN, "interview": ["offer", "tour"]}, "unknown stage")


def test_transitions_do_not_go_backwards() -> None:
    """Stages are ordered: no move to an earlier stage."""
    _refused(BASIC, {**CHAIN, "interview": ["offer", "applied"]}, "backwards")


def test_the_signed_stage_is_terminal() -> None:
    """Nothing leaves the signed stage."""
    _refused(BASIC, {**CHAIN, "signed": ["signed"]}, "terminal")


def test_every_stage_is_reachable() -> None:
    """A stage no move reaches is refused, named in the error."""
    with pytest.raises(pc.InvalidPipelineError, match="cannot be reached") as info:
        pc.PipelineDefinition(name="bad", stages=BASIC, transitions={**CHAIN, "applied": ["offer"]})
    assert info.value.received == ["interview"]


def test_a_transition_must_be_a_pair() -> None:
    """Pairs have two members."""
    _refused(BASIC, [("prospect", "applied", "interview")], "a pair")


def test_transition_names_must_be_text() -> None:
    """Stage names in transitions are strings."""
    with pytest.raises(pc.WrongTypeError):
        pc.PipelineDefinition(name="bad", stages=BASIC, transitions=[("prospect", 1)])  # type: ignore[list-item]


@pytest.mark.parametrize("name", ["", "final round", "a/b", "x" * 65])
def test_stage_names_are_short_identifiers(name: str) -> None:
    """Stage names are identifiers (letters, digits, _ and -), at most 64 characters."""
    with pytest.raises(pc.InvalidValueError, match="name"):
        pc.Stage(name=name)


@pytest.mark.parametrize(("field", "value"), [("p_advance", 1.5), ("response_days", 0)])
def test_stage_figures_are_checked(field: str, value: float) -> None:
    """Chances lie in [0, 1]; response windows are positive."""
    with pytest.raises(pc.InvalidValueError, match=field):
        pc.Stage(name="x", **{field: value})  # type: ignore[arg-type]
