"""The batch API: assess_many streams lazily, Assessor pickles, assess_dict speaks plain data."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import pickle
from collections.abc import Iterator
from typing import Any

import pytest

import pipeline_core as pc

MONDAY = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
AS_OF = MONDAY + dt.timedelta(days=30)
DAY = dt.timedelta(days=1)


def small_search(number: int) -> pc.Search:
    """A search of ``number + 1`` applications, one of them at an interview."""
    opportunities = [
        pc.Opportunity(
            id=f"opp-{index}",
            organization=f"Org {index}",
            title="Analyst",
            source="job_board",
            events=(pc.Applied(at=MONDAY + index * DAY),),
        )
        for index in range(number + 1)
    ]
    opportunities[0] = opportunities[0].with_event(
        pc.Advanced(at=MONDAY + 10 * DAY, stage="interviewing", round=1)
    )
    return pc.Search(opportunities=tuple(opportunities))


def test_assess_many_matches_assess_search_by_search() -> None:
    """Each report of assess_many equals assess() of the same search, in order."""
    searches = [small_search(n) for n in range(4)]
    expected = [pc.assess(s, as_of=AS_OF) for s in searches]
    assert expected == list(pc.assess_many(searches, as_of=AS_OF))


def test_assess_many_as_dicts_yields_report_dicts() -> None:
    """With as_dicts=True each item is the report's to_dict()."""
    searches = [small_search(n) for n in range(3)]
    expected = [pc.assess(s, as_of=AS_OF).to_dict() for s in searches]
    assert expected == list(pc.assess_many(searches, as_of=AS_OF, as_dicts=True))


def test_assess_many_accepts_interchange_dicts() -> None:
    """A search's interchange dict gives the same report as the search itself."""
    search = small_search(2)
    expected = pc.assess(search, as_of=AS_OF)
    assert [expected] == list(pc.assess_many([search.to_dict()], as_of=AS_OF))


def test_assess_many_is_lazy() -> None:
    """The input is read one search per report asked for, never all at once."""
    read: list[int] = []

    def generate() -> Iterator[pc.Search]:
        for number in range(1_000_000):
            read.append(number)
            yield small_search(number % 3)

    reports = pc.assess_many(generate(), as_of=AS_OF)
    assert [] == read
    next(reports)
    next(reports)
    assert [0, 1] == read


def test_assess_many_checks_options_before_reading() -> None:
    """A naive as_of is refused when assess_many is called, before any search is read."""
    read: list[int] = []

    def generate() -> Iterator[pc.Search]:
        read.append(1)
        yield small_search(0)

    with pytest.raises(pc.NaiveDatetimeError):
        pc.assess_many(generate(), as_of=dt.datetime(2026, 11, 2))  # noqa: DTZ001
    assert [] == read


def test_assess_many_refuses_a_single_search() -> None:
    """Passing one Search instead of an iterable of them is a WrongTypeError on 'searches'."""
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.assess_many(small_search(0), as_of=AS_OF)  # type: ignore[arg-type]
    assert "searches" == caught.value.path


def test_assess_many_refuses_a_non_iterable() -> None:
    """A number is not an iterable of searches."""
    with pytest.raises(pc.WrongTypeError):
        pc.assess_many(3, as_of=AS_OF)  # type: ignore[call-overload]


def test_assess_many_names_the_position_of_a_bad_item() -> None:
    """An item that is neither a Search nor a dict raises with its position in the path."""
    reports = pc.assess_many([small_search(0), "nope"], as_of=AS_OF)  # type: ignore[list-item]
    next(reports)
    with pytest.raises(pc.WrongTypeError) as caught:
        next(reports)
    assert "searches[1]" == caught.value.path


def test_assess_many_names_the_path_inside_a_bad_dict() -> None:
    """A bad interchange dict raises a DecodeError whose path starts with its position."""
    data = small_search(0).to_dict()
    data["opportunities"][0]["events"][0]["at"] = "yesterday"
    with pytest.raises(pc.DecodeError) as caught:
        next(pc.assess_many([data], as_of=AS_OF))
    assert "searches[0].opportunities[0].events[0].at" == caught.value.path


def test_assess_many_refuses_a_wrong_rule_set() -> None:
    """rules must be a RuleSet."""
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.assess_many([], as_of=AS_OF, rules={"builtin": {}})  # type: ignore[call-overload]
    assert "rules" == caught.value.path


def test_assess_many_refuses_a_wrong_model() -> None:
    """model must be an OutlookModel or None."""
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.assess_many([], as_of=AS_OF, model="default")  # type: ignore[call-overload]
    assert "model" == caught.value.path


def test_assess_many_passes_the_options_through() -> None:
    """Horizon, rules and model reach the assessment."""
    search = small_search(3)
    rules = pc.default_rules().disable("single-basket")
    model = pc.OutlookModel.default()
    options: dict[str, Any] = {"horizon": 10 * DAY, "rules": rules, "model": model}
    expected = pc.assess(search, as_of=AS_OF, **options)
    assert [expected] == list(pc.assess_many([search], as_of=AS_OF, **options))


def test_assessor_returns_the_report_dict() -> None:
    """Assessor(as_of=…)(search) is assess(search, as_of=…).to_dict()."""
    search = small_search(1)
    assert pc.assess(search, as_of=AS_OF).to_dict() == pc.Assessor(as_of=AS_OF)(search)


def test_assessor_pickles_to_an_equal_assessor() -> None:
    """An Assessor survives a pickle round trip unchanged."""
    assessor = pc.Assessor(as_of=AS_OF, horizon=14 * DAY)
    assert assessor == pickle.loads(pickle.dumps(assessor))  # noqa: S301 - our own data


def test_assessor_runs_in_a_process_pool() -> None:
    """Mapped over a ProcessPoolExecutor, an Assessor gives the serial results, in order."""
    searches = [small_search(n) for n in range(4)]
    assessor = pc.Assessor(as_of=AS_OF)
    expected = [assessor(search) for search in searches]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        assert expected == list(pool.map(assessor, searches))


def test_assessor_refuses_a_bad_horizon() -> None:
    """A negative horizon is an InvalidValueError on 'horizon'."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Assessor(as_of=AS_OF, horizon=-DAY)
    assert "horizon" == caught.value.path


def test_assessor_names_a_bad_search_as_search() -> None:
    """Calling an Assessor on something else raises a WrongTypeError on 'search'."""
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.Assessor(as_of=AS_OF)(42)  # type: ignore[arg-type]
    assert "search" == caught.value.path


def test_assess_dict_matches_assess() -> None:
    """Plain data in, the report's plain data out."""
    search = small_search(2)
    expected = pc.assess(search, as_of=AS_OF, horizon=14 * DAY).to_dict()
    assert expected == pc.assess_dict(search.to_dict(), as_of=AS_OF.isoformat(), horizon_days=14)


def test_assess_dict_reads_a_rule_configuration() -> None:
    """A rule-set configuration dict is applied."""
    search = small_search(0)
    rules = pc.default_rules().disable("single-basket")
    expected = pc.assess(search, as_of=AS_OF, rules=rules).to_dict()
    assert expected == pc.assess_dict(
        search.to_dict(), as_of=AS_OF.isoformat(), rules=rules.to_dict()
    )


def test_assess_dict_refuses_a_non_dict() -> None:
    """A search object (not its dict) is a WrongTypeError."""
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.assess_dict(small_search(0), as_of=AS_OF.isoformat())  # type: ignore[arg-type]
    assert "search" == caught.value.path


@pytest.mark.parametrize("days", [True, "30"])
def test_assess_dict_refuses_a_horizon_that_is_not_a_number(days: object) -> None:
    """horizon_days must be a number (not a bool, not text)."""
    with pytest.raises(pc.WrongTypeError) as caught:
        pc.assess_dict(small_search(0).to_dict(), as_of=AS_OF.isoformat(), horizon_days=days)  # type: ignore[arg-type]
    assert "horizon_days" == caught.value.path


@pytest.mark.parametrize("days", [0, -1, 4000, float("nan"), float("inf")])
def test_assess_dict_refuses_a_horizon_out_of_range(days: float) -> None:
    """horizon_days must be in (0, 3660]."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.assess_dict(small_search(0).to_dict(), as_of=AS_OF.isoformat(), horizon_days=days)
    assert "horizon_days" == caught.value.path


def test_assess_dict_refuses_a_naive_instant() -> None:
    """as_of without an offset is a NaiveDatetimeError on 'as_of'."""
    with pytest.raises(pc.NaiveDatetimeError) as caught:
        pc.assess_dict(small_search(0).to_dict(), as_of="2026-11-02T09:00:00")
    assert "as_of" == caught.value.path
