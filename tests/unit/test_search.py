"""The search aggregate: unique ids, one pipeline, changes that return new searches."""

from __future__ import annotations

import datetime as dt

import pytest

import pipeline_core as pc
from pipeline_core.pipeline import StageKind

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def opp(
    id_: str, *events: pc.Event, pipeline: pc.PipelineDefinition | None = None
) -> pc.Opportunity:
    return pc.Opportunity(
        id=id_,
        organization=f"Org {id_}",
        title="Engineer",
        source="job_board",
        events=events,
        pipeline=pipeline or pc.DEFAULT_PIPELINE,
    )


def test_reading_a_search() -> None:
    """len, iteration, membership and lookup by id."""
    search = pc.Search(opportunities=(opp("a"), opp("b")))
    assert len(search) == 2
    assert [o.id for o in search] == ["a", "b"]
    assert "b" in search
    assert "c" not in search
    assert search.get("b").organization == "Org b"


def test_duplicate_ids_are_refused() -> None:
    """Ids are unique within a search; the error names the second one's path."""
    with pytest.raises(pc.DuplicateIdError) as info:
        pc.Search(opportunities=(opp("a"), opp("b"), opp("a")))
    assert info.value.path == "opportunities[2].id"


def test_add_refuses_a_duplicate_and_leaves_the_search_as_it_was() -> None:
    """Adding an opportunity with a taken id fails; the original search is unchanged."""
    search = pc.Search(opportunities=(opp("a"),))
    with pytest.raises(pc.DuplicateIdError):
        search.add(opp("a"))
    assert search.add(opp("b")).get("b").id == "b"
    assert len(search) == 1


def test_unknown_id_lists_the_known_ones() -> None:
    """Looking up a missing id names the ids there are."""
    search = pc.Search(opportunities=(opp("a"),))
    with pytest.raises(pc.UnknownOpportunityError) as info:
        search.get("z")
    assert info.value.allowed == "'a'"
    with pytest.raises(pc.UnknownOpportunityError, match="the search is empty"):
        pc.Search().remove("z")


def test_record_replace_and_remove() -> None:
    """Each change returns a new search and keeps the order."""
    search = pc.Search(opportunities=(opp("a"), opp("b")))
    recorded = search.record("a", pc.Applied(at=T0))
    assert recorded.get("a").stage == "applied"
    assert search.get("a").stage == "interested"
    assert [o.id for o in recorded] == ["a", "b"]
    assert [o.id for o in recorded.remove("a")] == ["b"]
    replaced = recorded.replace(opp("b", pc.Applied(at=T0)))
    assert replaced.get("b").stage == "applied"


def test_states_as_of_a_day() -> None:
    """states() gives every opportunity's state on a day, in order."""
    search = pc.Search(
        opportunities=(
            opp("a", pc.Applied(at=T0)),
            opp("b", pc.Applied(at=T0 + dt.timedelta(days=5))),
        )
    )
    states = search.states(T0 + dt.timedelta(days=1))
    assert [s.stage for s in states] == ["applied", "interested"]
    assert [s.stage for s in search.states()] == ["applied", "applied"]


def test_goals_are_validated_and_replaceable() -> None:
    """Goals are checked when built; with_goals returns a new search."""
    search = pc.Search().with_goals(pc.Goals(min_live=3, weekly_applications=5))
    assert search.goals.min_live == 3
    assert pc.Goals().is_empty
    with pytest.raises(pc.InvalidValueError, match="min_live"):
        pc.Goals(min_live=-1)
    with pytest.raises(pc.WrongTypeError, match="weekly_applications"):
        pc.Goals(weekly_applications="5")  # type: ignore[arg-type]
    with pytest.raises(pc.WrongTypeError, match="goals"):
        pc.Search(goals={"min_live": 3})  # type: ignore[arg-type]


def test_every_opportunity_follows_the_search_pipeline() -> None:
    """An opportunity on another pipeline definition is refused."""
    custom = pc.PipelineDefinition.from_stages(
        "contract",
        (
            pc.Stage(name="prospect", kind=StageKind.PROSPECT),
            pc.Stage(name="submitted", kind=StageKind.APPLIED),
            pc.Stage(name="offer", kind=StageKind.WRITTEN_OFFER),
            pc.Stage(name="signed", kind=StageKind.SIGNED),
        ),
        {"prospect": ["submitted"], "submitted": ["offer"], "offer": ["signed"]},
    )
    with pytest.raises(pc.InvalidValueError, match="another pipeline") as info:
        pc.Search(opportunities=(opp("a", pipeline=custom),))
    assert info.value.path == "opportunities[0].pipeline"
    assert len(pc.Search(opportunities=(opp("a", pipeline=custom),), pipeline=custom)) == 1


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"opportunities": ["a"]}, "opportunities[0]"),
        ({"opportunities": "a"}, "opportunities"),
        ({"pipeline": None}, "pipeline"),
    ],
)
def test_wrong_types_are_refused(kwargs: dict[str, object], path: str) -> None:
    """Fields of the wrong type raise WrongTypeError naming them."""
    with pytest.raises(pc.WrongTypeError) as info:
        pc.Search(**kwargs)  # type: ignore[arg-type]
    assert info.value.path == path
