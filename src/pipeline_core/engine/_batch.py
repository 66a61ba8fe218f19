"""
Batch scoring: assess many searches with the same options, lazily or in other processes.

Three forms of one operation:

* :func:`assess_many` streams one report (or its dict) per search from any
  iterable, reading the next search only when the next report is asked for,
  so a generator over a database cursor or a file of JSON lines never has to
  fit in memory;
* :class:`Assessor` is a small frozen callable holding the options; it
  pickles, so ``executor.map(Assessor(as_of=…), searches)`` spreads the work
  over a :class:`concurrent.futures.ProcessPoolExecutor` or a Dask cluster;
* :func:`assess_dict` takes and returns plain data only (an interchange dict,
  an ISO instant, a number of days), for engines that move JSON.

Every search may be a :class:`~pipeline_core.search.Search` or its
interchange dict (decoded with :meth:`Search.from_dict
<pipeline_core.search.Search.from_dict>`). The options are checked once, up
front, with the same errors as :func:`~pipeline_core.assess`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, overload

import attrs

from pipeline_core import _checks
from pipeline_core.engine._assess import assess_checked
from pipeline_core.engine._options import (
    DEFAULT_HORIZON,
    Options,
    check_horizon_days,
    check_model,
    check_rules,
)
from pipeline_core.exceptions import InputError, WrongTypeError
from pipeline_core.instants import SECONDS_PER_DAY, parse_instant, to_utc
from pipeline_core.outlook import OutlookModel
from pipeline_core.report import RiskReport
from pipeline_core.rules import RuleSet
from pipeline_core.search import Search

__all__ = ["Assessor", "assess_dict", "assess_many"]

_SEARCH_ALLOWED = "a pipeline_core.Search or its interchange dict"


def _to_as_of(value: object) -> dt.datetime:
    return to_utc(value, field="as_of")


def _to_search(item: object, path: str) -> Search:
    """
    Return ``item`` as a Search: itself, or decoded from its interchange dict.
    """
    if isinstance(item, Search):
        return item
    if isinstance(item, Mapping):
        try:
            return Search.from_dict(item)
        except InputError as error:
            raise error.at(path) from error
    raise WrongTypeError("expected a search", path=path, received=item, allowed=_SEARCH_ALLOWED)


@attrs.frozen(kw_only=True)
class Assessor:
    """
    A picklable callable that assesses one search with fixed options.

    ``Assessor(as_of=…)(search)`` is ``assess(search, as_of=…).to_dict()``:
    plain data out, so the result crosses process and machine boundaries
    cheaply. Build it once and hand it to ``executor.map`` or ``client.map``.

    Args:
        as_of: The instant to assess at (any aware datetime; stored in UTC).
        horizon: The horizon of the outlook, 30 days by default.
        rules: The rule set; :func:`~pipeline_core.default_rules` when ``None``.
        model: The outlook model, or ``None`` for the published figures.

    Raises:
        NaiveDatetimeError: ``as_of`` has no time zone.
        WrongTypeError: an option has the wrong type.
        InvalidValueError: the horizon is not positive or longer than ten years.

    Every option is checked when the assessor is built, with the errors of
    :func:`~pipeline_core.assess`; only a model built for another pipeline is
    found per search.

    .. versionadded:: 0.1.0
    """

    as_of: dt.datetime = attrs.field(converter=_to_as_of)
    horizon: dt.timedelta = attrs.field(default=DEFAULT_HORIZON, converter=_checks.check_horizon)
    rules: RuleSet = attrs.field(default=None, converter=check_rules)
    model: OutlookModel | None = attrs.field(default=None, converter=check_model)
    options: Options = attrs.field(init=False, eq=False, repr=False)
    """The checked options (horizon, rules, model), built with the assessor."""

    @options.default
    def _build_options(self) -> Options:
        return Options(horizon=self.horizon, rules=self.rules, model=self.model)

    def report(self, search: Search | Mapping[str, Any]) -> RiskReport:
        """
        Assess one search and return the report object.

        Args:
            search: A :class:`~pipeline_core.search.Search` or its interchange dict.

        Returns:
            The :class:`~pipeline_core.report.RiskReport`.

        Raises:
            WrongTypeError: ``search`` is neither a Search nor a dict.
            DecodeError: the dict is not a valid search; the error names the path.
        """
        return assess_checked(_to_search(search, "search"), when=self.as_of, options=self.options)

    def __call__(self, search: Search | Mapping[str, Any]) -> dict[str, Any]:
        """
        Assess one search and return the report as plain data (``RiskReport.to_dict``).

        Args:
            search: A :class:`~pipeline_core.search.Search` or its interchange dict.

        Returns:
            The report's dict.

        Raises:
            WrongTypeError: ``search`` is neither a Search nor a dict.
            DecodeError: the dict is not a valid search; the error names the path.
        """
        return self.report(search).to_dict()


@overload
def assess_many(
    searches: Iterable[Search | Mapping[str, Any]],
    *,
    as_of: dt.datetime,
    horizon: dt.timedelta = ...,
    rules: RuleSet | None = ...,
    model: OutlookModel | None = ...,
    as_dicts: Literal[False] = ...,
) -> Iterator[RiskReport]: ...


@overload
def assess_many(
    searches: Iterable[Search | Mapping[str, Any]],
    *,
    as_of: dt.datetime,
    horizon: dt.timedelta = ...,
    rules: RuleSet | None = ...,
    model: OutlookModel | None = ...,
    as_dicts: Literal[True],
) -> Iterator[dict[str, Any]]: ...


def assess_many(
    searches: Iterable[Search | Mapping[str, Any]],
    *,
    as_of: dt.datetime,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    rules: RuleSet | None = None,
    model: OutlookModel | None = None,
    as_dicts: bool = False,
) -> Iterator[RiskReport] | Iterator[dict[str, Any]]:
    """
    Assess every search of an iterable with the same options, one report at a time.

    Lazy: the input is read one search per report asked for and never held
    whole, so it may be a generator of any length. The options are checked
    when this function is called, before any search is read; a bad search
    raises when its turn comes, with its position in the path
    (``searches[3]`` or ``searches[3].opportunities[0].events[1].at``).

    Args:
        searches: Searches, or their interchange dicts, in any iterable.
        as_of: The instant to assess at (any aware datetime).
        horizon: The horizon of the outlook, 30 days by default.
        rules: The rule set; :func:`~pipeline_core.default_rules` when ``None``.
        model: The outlook model, or ``None`` for the published figures.
        as_dicts: Yield ``report.to_dict()`` instead of the report objects.

    Returns:
        An iterator of reports (or their dicts), in the order of the searches.

    Raises:
        WrongTypeError: ``searches`` is not iterable, an option has the wrong
            type, or (while iterating) an item is neither a Search nor a dict.
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidValueError: the horizon is out of range.
        DecodeError: (while iterating) a dict is not a valid search.

    .. versionadded:: 0.1.0
    """
    if isinstance(searches, Search | Mapping | str | bytes) or not isinstance(searches, Iterable):
        raise WrongTypeError(
            "expected an iterable of searches",
            path="searches",
            received=searches,
            allowed="any iterable (list, generator, …) of Search objects or their dicts",
        )
    assessor = Assessor(as_of=as_of, horizon=horizon, rules=rules, model=model)
    if as_dicts:
        return _stream_dicts(searches, assessor)
    return _stream(searches, assessor)


def _stream(searches: Iterable[object], assessor: Assessor) -> Iterator[RiskReport]:
    for position, item in enumerate(searches):
        search = _to_search(item, f"searches[{position}]")
        yield assessor.report(search)


def _stream_dicts(searches: Iterable[object], assessor: Assessor) -> Iterator[dict[str, Any]]:
    for report in _stream(searches, assessor):
        yield report.to_dict()


def assess_dict(
    search: Mapping[str, Any],
    *,
    as_of: str,
    horizon_days: float = DEFAULT_HORIZON.total_seconds() / SECONDS_PER_DAY,
    rules: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """
    Assess a search given as plain data and return the report as plain data.

    A module-level function of JSON-safe arguments, so any engine that can
    pickle a function reference and ship JSON can call it remotely.

    Args:
        search: The search's interchange dict (see :doc:`/reference/interchange`).
        as_of: The instant, as an ISO 8601 string with a time zone.
        horizon_days: The horizon in days, 30 by default.
        rules: A rule-set configuration (:meth:`RuleSet.from_dict
            <pipeline_core.RuleSet.from_dict>`), or ``None`` for the defaults.

    Returns:
        ``RiskReport.to_dict()`` of the assessment.

    Raises:
        DecodeError: ``search`` is not a valid search.
        WrongTypeError: ``search`` is not a dict, ``as_of`` not a string or
            ``horizon_days`` not a number.
        NaiveDatetimeError: ``as_of`` has no offset.
        InvalidValueError: ``as_of`` is not ISO 8601, or the horizon is not
            positive or longer than ten years.
        RuleConfigError: ``rules`` is not a valid configuration.

    .. versionadded:: 0.1.0
    """
    if not isinstance(search, Mapping):
        raise WrongTypeError(
            "expected a dict", path="search", received=search, allowed="a search's interchange dict"
        )
    horizon = check_horizon_days(horizon_days)
    assessor = Assessor(
        as_of=parse_instant(as_of, field="as_of"),
        horizon=horizon,
        rules=None if rules is None else RuleSet.from_dict(rules),
    )
    return assessor(search)
