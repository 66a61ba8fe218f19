"""Hostile values (huge numbers, instants at the edge of time, deep nesting) raise typed errors."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import attrs
import pytest

import pipeline_core as pc
from pipeline_core import codec
from pipeline_core.testing.hostile import Unprintable, deeply_nested
from pipeline_core.testing.samples import sample_search

AS_OF = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
HUGE = 10**400
EARLY = "0001-01-01T00:00:00+01:00"
LATE = "9999-12-31T23:59:59-01:00"
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))
MINUS_ONE = dt.timezone(dt.timedelta(hours=-1))


def _document() -> dict[str, Any]:
    data = sample_search().to_dict()
    data["goals"] = {"min_live": 3, "weekly_applications": 5, "offer_by": AS_OF.isoformat()}
    data["opportunities"][0]["salary"] = {"min": 1000, "max": 2000, "currency": "USD"}
    data["opportunities"][0]["events"].append(
        {"type": "offer", "at": "2026-10-20T09:00:00+00:00", "form": "written"}
    )
    return data


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _decode_error(data: dict[str, Any]) -> pc.DecodeError:
    before = copy.deepcopy(data)
    with pytest.raises(pc.DecodeError) as caught:
        pc.Search.from_dict(data)
    assert before == data
    return caught.value


@pytest.mark.parametrize("text", [EARLY, LATE])
@pytest.mark.parametrize(
    ("where", "path"),
    [
        (("goals", "offer_by"), "goals.offer_by"),
        (("opportunities", 0, "created_at"), "opportunities[0].created_at"),
        (("opportunities", 0, "events", 0, "at"), "opportunities[0].events[0].at"),
        (("opportunities", 0, "events", -1, "at"), "opportunities[0].events[4].at"),
    ],
)
def test_instants_beyond_the_utc_range_are_decode_errors(
    text: str, where: tuple[Any, ...], path: str
) -> None:
    """A timestamp whose offset takes it before year 1 or after 9999 in UTC names its path."""
    data = _document()
    target: Any = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = text
    error = _decode_error(data)
    assert (path, text) == (error.path, error.received)
    assert "out of range" in str(error)


def test_a_deadline_beyond_the_utc_range_is_a_decode_error() -> None:
    """An offer's deadline at the edge of time is refused with its path."""
    data = _document()
    data["opportunities"][0]["events"][-1]["deadline"] = LATE
    assert _decode_error(data).path == "opportunities[0].events[4].deadline"


@pytest.mark.parametrize(
    "when", [dt.datetime(1, 1, 1, tzinfo=PLUS_ONE), dt.datetime(9999, 12, 31, 23, tzinfo=MINUS_ONE)]
)
def test_an_aware_datetime_beyond_the_utc_range_is_refused(when: dt.datetime) -> None:
    """Constructors and ``as_of`` refuse an instant that has no UTC datetime."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Applied(at=when)
    assert caught.value.path == "at"
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.assess(sample_search(), as_of=when)
    assert caught.value.path == "as_of"


def test_the_edges_of_the_utc_range_are_accepted() -> None:
    """The first and last instants a UTC datetime holds are still instants."""
    first = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
    last = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    assert (first, last) == (pc.Applied(at=first).at, pc.Applied(at=last).at)


class _BrokenZone(dt.tzinfo):
    def utcoffset(self, _when: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(days=2)  # more than a day: datetime itself refuses it

    def dst(self, _when: dt.datetime | None) -> None:
        return None

    def tzname(self, _when: dt.datetime | None) -> str:
        return "broken"


def test_a_time_zone_without_a_valid_offset_is_refused() -> None:
    """A tzinfo whose offset datetime refuses gives a typed error, not a raw one."""
    with pytest.raises(pc.InvalidValueError, match="no valid offset") as caught:
        pc.Applied(at=dt.datetime(2026, 10, 1, tzinfo=_BrokenZone()))
    assert caught.value.path == "at"


def test_nanosecond_timestamps_are_cut_to_microseconds() -> None:
    """Digits beyond microseconds are read and cut, as the interchange reference says."""
    data = _document()
    data["opportunities"][0]["events"][0]["at"] = "2026-10-01T09:00:00.123456789+00:00"
    search = pc.Search.from_dict(data)
    at = search.opportunities[0].events[0].at
    assert at == dt.datetime(2026, 10, 1, 9, 0, 0, 123456, tzinfo=dt.UTC)


@pytest.mark.parametrize("number", [HUGE, -HUGE], ids=["huge", "minus-huge"])
@pytest.mark.parametrize(
    ("where", "path"),
    [
        (("goals", "min_live"), "goals.min_live"),
        (("goals", "weekly_applications"), "goals.weekly_applications"),
        (("opportunities", 0, "salary", "min"), "opportunities[0].salary.min"),
        (("opportunities", 0, "salary", "max"), "opportunities[0].salary.max"),
        (("opportunities", 0, "events", 2, "round"), "opportunities[0].events[2].round"),
    ],
)
def test_huge_integers_in_a_document_are_decode_errors(
    number: int, where: tuple[Any, ...], path: str
) -> None:
    """An integer no float can hold is out of range, with its path."""
    data = _document()
    target: Any = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = number
    assert _decode_error(data).path == path


@pytest.mark.parametrize("key", ["p_advance", "response_days"])
def test_huge_integers_in_a_pipeline_definition_are_decode_errors(key: str) -> None:
    """A custom stage's figures refuse integers no float can hold."""
    data = _document()
    pipeline = codec.pipeline_to_dict(pc.DEFAULT_PIPELINE)
    pipeline["name"] = "custom"
    pipeline["stages"][1][key] = HUGE
    data["pipeline"] = pipeline
    assert _decode_error(data).path == f"pipeline.stages[1].{key}"


def test_counts_above_a_database_integer_are_refused() -> None:
    """A count beyond 2**63 - 1 fits no database column, so it is refused where it enters."""
    with pytest.raises(pc.InvalidValueError, match="too large") as caught:
        pc.Goals(min_live=2**63)
    assert caught.value.path == "min_live"
    assert pc.Goals(min_live=2**63 - 1).min_live == 2**63 - 1


def test_huge_goals_are_refused() -> None:
    """``pc.Goals`` refuses a weekly target no float can hold."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Goals(weekly_applications=HUGE)
    assert caught.value.path == "weekly_applications"


@pytest.mark.parametrize("name", ["days", "weight"])
def test_huge_rule_parameters_are_refused(name: str) -> None:
    """``RuleSet.configure`` refuses a parameter no float can hold, naming it."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.default_rules().configure("search-stalled", **{name: HUGE})
    assert caught.value.path == name


@pytest.mark.parametrize(
    ("config", "path"),
    [
        ({"scoring": {"scale": HUGE}}, "scoring.scale"),
        ({"builtin": {"search-stalled": {"weight": HUGE}}}, "builtin.search-stalled.weight"),
        ({"builtin": {"search-stalled": {"days": HUGE}}}, "builtin.search-stalled.days"),
        (
            {
                "rules": [
                    {
                        "id": "many-live",
                        "title": "Many live",
                        "when": {"fact": "opportunities_known", "op": ">", "value": HUGE},
                        "message": "many",
                        "action": "none",
                    }
                ]
            },
            "rules[0].when.value",
        ),
    ],
)
def test_huge_numbers_in_a_rule_config_are_rule_config_errors(
    config: dict[str, Any], path: str
) -> None:
    """A rule configuration with a number no float can hold names its path."""
    before = copy.deepcopy(config)
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.RuleSet.from_dict(config)
    assert before == config
    assert caught.value.path.startswith(path)


def test_huge_outlook_figures_are_refused() -> None:
    """The outlook model refuses figures no float can hold."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.StageFigures(name="applied", p_advance=HUGE)
    assert caught.value.path == "p_advance"
    model = pc.OutlookModel.for_pipeline(pc.DEFAULT_PIPELINE)
    with pytest.raises(pc.InvalidValueError) as caught:
        attrs.evolve(model, correlation=HUGE)
    assert caught.value.path == "correlation"


def test_a_deeply_nested_value_is_summarised_in_the_message() -> None:
    """A value nested 100,000 levels deep reaches the message as a short summary."""
    data = _document()
    before = copy.deepcopy(data)
    nested = _nested(100_000)
    data["opportunities"][0]["id"] = nested
    with pytest.raises(pc.DecodeError) as caught:
        pc.Search.from_dict(data)
    error = caught.value
    assert (nested, "opportunities[0].id") == (data["opportunities"][0].pop("id"), error.path)
    before["opportunities"][0].pop("id")
    assert before == data
    assert "[[[[[...]]]]]" in str(error)


def test_a_value_whose_repr_raises_is_shown_by_its_type() -> None:
    """A received object whose ``__repr__`` raises does not break the error."""
    with pytest.raises(RuntimeError):
        repr(Unprintable())
    error = pc.InvalidValueError("bad", path="x", received=Unprintable(), allowed="good")
    assert "Unprintable" in str(error)


def test_a_deeply_nested_dict_is_summarised_too() -> None:
    """A dict nested 100,000 levels deep (the kit's own) is summarised without recursion."""
    nested = deeply_nested("dict")
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.Goals(min_live=nested)
    assert "{'a': {'a': {'a': {'a': {...}}}}}" in str(caught.value)
    assert deeply_nested("dict") is nested  # built once, shared


def test_a_rule_title_in_any_script_is_accepted() -> None:
    """A rule title of letters beyond ASCII keeps the policy and loads."""
    rule = {
        "id": "many-live",
        "title": "Beaucoup de pistes — café",
        "when": {"fact": "opportunities_known", "op": ">", "value": 3},
        "message": "many",
        "action": "none",
    }
    rules = pc.RuleSet.from_dict({"rules": [rule]})
    assert rules.get("many-live").title == "Beaucoup de pistes — café"


def test_an_integer_too_long_to_print_is_shown_by_its_type() -> None:
    """An integer Python refuses to print (over 4,300 digits) is shown as an int."""
    error = pc.InvalidValueError("bad", path="x", received=10**5000, allowed="good")
    assert "received <int object>" in str(error)


def test_summaries_are_short() -> None:
    """A long list, a big dict and long text all stay within 80 characters."""
    for value in (list(range(10_000)), {str(i): i for i in range(1_000)}, "x" * 10_000):
        error = pc.InvalidValueError("bad", path="", received=value, allowed="good")
        assert len(str(error)) < len("bad; received ; allowed: good") + 81
