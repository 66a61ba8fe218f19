"""
Assessment: the risk engine's entry point, snapshot → facts → rules → report.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.facts import _compute_facts
from pipeline_core.instants import to_utc
from pipeline_core.outlook._forecast import (
    OutlookModel,
    check_horizon_days,
    forecast_unchecked,
    resolve_model,
)
from pipeline_core.report import RiskReport
from pipeline_core.rules._ruleset import RuleSet, default_rules
from pipeline_core.search import Search

__all__ = ["MAX_HORIZON", "assess"]

MAX_HORIZON = dt.timedelta(days=3_660)
"""The longest horizon accepted: ten years (a longer one is certainly a unit mistake)."""

DEFAULT_HORIZON = dt.timedelta(days=30)
"""The default horizon: 30 days."""


_NO_TIME = dt.timedelta(0)


def check_horizon(horizon: object) -> dt.timedelta:
    if type(horizon) is dt.timedelta and _NO_TIME < horizon <= MAX_HORIZON:
        # The common case, without building a new timedelta: a plain one in range is
        # already what the conversion below returns (total_seconds is exact to the µs here).
        return horizon
    allowed = "a positive datetime.timedelta of at most 3660 days (pendulum's Duration is one)"
    if not isinstance(horizon, dt.timedelta):
        raise WrongTypeError(
            "expected a timedelta", path="horizon", received=horizon, allowed=allowed
        )
    if not dt.timedelta(0) < horizon <= MAX_HORIZON:
        raise InvalidValueError("out of range", path="horizon", received=horizon, allowed=allowed)
    return dt.timedelta(seconds=horizon.total_seconds())


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
    if not isinstance(search, Search):
        raise WrongTypeError(
            "expected a Search", path="search", received=search, allowed="pipeline_core.Search"
        )
    when = to_utc(as_of, field="as_of")
    span = check_horizon(horizon)
    if rules is None:
        rules = default_rules()
    elif not isinstance(rules, RuleSet):
        raise WrongTypeError(
            "expected a RuleSet",
            path="rules",
            received=rules,
            allowed="pipeline_core.RuleSet or None",
        )
    # The outlook's own checks of the horizon (its range is a little shorter) and the model.
    horizon_days = check_horizon_days(span)
    chosen = resolve_model(search, model)
    # Replay each opportunity once; the outlook and the facts read the same states. Every
    # argument is checked above, and the states and chances come from the library itself
    # (one state per opportunity, chances in [0, 1]), so the checks that forecast and
    # compute_facts would repeat on them are skipped.
    states = search.states(when)
    outlook = forecast_unchecked(
        search, when=when, horizon_days=horizon_days, model=chosen, states=states
    )
    facts = _compute_facts(
        search,
        when=when,
        horizon_days=horizon_days,
        chances=outlook.by_opportunity,
        p_no_offer=outlook.p_no_offer,
        states=states,
    )
    score, level, findings = rules.evaluate(facts)
    return RiskReport(
        score=score,
        level=level,
        findings=findings,
        facts=facts,
        as_of=when,
        horizon=span,
        rules_identity=rules.identity,
        outlook=outlook,
    )
