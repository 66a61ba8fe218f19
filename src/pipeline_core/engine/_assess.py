"""
Assessment: the risk engine's entry point, snapshot → facts → rules → report.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from pipeline_core import _checks
from pipeline_core.engine._options import DEFAULT_HORIZON, Options
from pipeline_core.facts import facts_from_states
from pipeline_core.instants import to_utc
from pipeline_core.outlook import OutlookModel
from pipeline_core.outlook._forecast import forecast_unchecked, resolve_model
from pipeline_core.report import RiskReport
from pipeline_core.rules import RuleSet
from pipeline_core.search import Search

__all__ = ["assess", "assess_checked", "check_search"]


def assess(
    search: Search,
    *,
    as_of: dt.datetime,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    rules: RuleSet | None = None,
    model: OutlookModel | None = None,
) -> RiskReport:
    """
    Assess how fragile a search is at an instant: score, level, findings and the facts.

    A pure function: the same search, instant and options give the same
    report; events after ``as_of`` are ignored, and the clock is never read.

    Args:
        search: The search to assess.
        as_of: The instant to assess at (any aware datetime; pendulum's too).
        horizon: The horizon of the outlook (any ``timedelta``; pendulum's
            ``Duration`` is one), 30 days by default.
        rules: The rule set; :func:`~pipeline_core.default_rules` when ``None``.
        model: The outlook model's parameters (:class:`~pipeline_core.OutlookModel`);
            ``None`` for the published figures of the search's pipeline. The
            outlook fills ``report.outlook``, and its chances feed the facts
            (``p_no_offer``, ``top_offer_share``) that the rules read.

    Returns:
        The :class:`~pipeline_core.report.RiskReport`.

    Raises:
        WrongTypeError: ``search``, ``horizon`` or ``rules`` has the wrong type.
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidValueError: the horizon is not positive or longer than ten
            years, or ``model`` was built for another pipeline definition.

    .. versionadded:: 0.1.0
    """
    checked = check_search(search)
    when = to_utc(as_of, field="as_of")
    options = Options(horizon=horizon, rules=rules, model=model)
    return assess_checked(checked, when=when, options=options)


def check_search(search: object) -> Search:
    """
    Return ``search`` if it is a :class:`~pipeline_core.Search`.

    Raises:
        WrongTypeError: it is not.
    """
    return _checks.check_instance(search, Search, path="search", allowed="pipeline_core.Search")


def assess_checked(search: Search, *, when: dt.datetime, options: Options) -> RiskReport:
    """
    The work of :func:`assess`, on a checked search, instant (UTC) and options.

    Raises:
        InvalidValueError: the model was built for another pipeline definition.
    """
    horizon_days = options.horizon_days
    model = resolve_model(search, options.model)
    # Replay each opportunity once; the outlook and the facts read the same states, which
    # come from the library itself (one per opportunity), as do the chances (in [0, 1]).
    states = search.states(when)
    outlook = forecast_unchecked(
        search, when=when, horizon_days=horizon_days, model=model, states=states
    )
    facts = facts_from_states(
        search,
        when=when,
        horizon_days=horizon_days,
        chances=outlook.by_opportunity,
        p_no_offer=outlook.p_no_offer,
        states=states,
    )
    rules = options.rules
    score, level, findings = rules.evaluate(facts)
    return RiskReport(
        score=score,
        level=level,
        findings=findings,
        facts=facts,
        as_of=when,
        horizon=options.horizon,
        rules_identity=rules.identity,
        outlook=outlook,
    )
