"""
The engine's options, checked once: horizon, rules, model, and the steps of a history.

Every entry point (:func:`~pipeline_core.assess`, :class:`~pipeline_core.Assessor`,
:func:`~pipeline_core.assess_many`, :func:`~pipeline_core.assess_dict` and
:func:`~pipeline_core.risk_history`) builds one :class:`Options` from its arguments, so
each accepts and refuses the same values with the same error type, message and path.
Every limit is defined here or, for the horizon that :func:`~pipeline_core.forecast`
shares, in :mod:`pipeline_core._checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.instants import SECONDS_PER_DAY, format_instant
from pipeline_core.outlook import OutlookModel
from pipeline_core.rules import RuleSet, default_rules

__all__ = [
    "DEFAULT_HORIZON",
    "DEFAULT_STEP",
    "MAX_HORIZON",
    "MAX_STEPS",
    "Options",
    "check_horizon_days",
    "check_model",
    "check_period",
    "check_rules",
    "check_step",
    "count_steps",
]

MAX_HORIZON: Final = _checks.MAX_HORIZON
"""The longest horizon accepted: ten years (a longer one is certainly a unit mistake)."""

DEFAULT_HORIZON: Final = dt.timedelta(days=30)
"""The default horizon: 30 days."""

DEFAULT_STEP: Final = dt.timedelta(days=1)
"""The default step of a risk history: one day."""

MAX_STEPS: Final = 100_000
"""The most steps one history may have (about 270 years of days: more is a unit mistake)."""

_HORIZON_DAYS_ALLOWED = f"a positive number of days, at most {_checks.MAX_HORIZON_DAYS:g}"
_STEP_ALLOWED = "a positive datetime.timedelta (pendulum's Duration is one)"
_NO_TIME = dt.timedelta(0)


def check_rules(rules: object) -> RuleSet:
    """
    Return the rule set to use: ``rules``, or the default rules when it is ``None``.

    Raises:
        WrongTypeError: ``rules`` is neither a :class:`~pipeline_core.RuleSet` nor ``None``.
    """
    if rules is None:
        return default_rules()
    return _checks.check_instance(
        rules, RuleSet, path="rules", allowed="pipeline_core.RuleSet or None"
    )


def check_model(model: object) -> OutlookModel | None:
    """
    Return ``model`` if it is an :class:`~pipeline_core.OutlookModel` or ``None``.

    Whether it fits a search's pipeline is checked per search, when it is used.

    Raises:
        WrongTypeError: it is neither.
    """
    if model is None:
        return None
    return _checks.check_instance(
        model, OutlookModel, path="model", allowed="pipeline_core.OutlookModel or None"
    )


def check_horizon_days(days: object) -> dt.timedelta:
    """
    Return a horizon given in days (plain data, as :func:`~pipeline_core.assess_dict` takes it).

    Raises:
        WrongTypeError: ``days`` is not a number.
        InvalidValueError: it is not positive, or more than the longest horizon.
    """
    if isinstance(days, bool) or not isinstance(days, int | float):
        raise WrongTypeError(
            "expected a number of days",
            path="horizon_days",
            received=days,
            allowed=_HORIZON_DAYS_ALLOWED,
        )
    if not 0 < days <= _checks.MAX_HORIZON_DAYS:
        raise InvalidValueError(
            "out of range", path="horizon_days", received=days, allowed=_HORIZON_DAYS_ALLOWED
        )
    return dt.timedelta(days=days)


def check_step(step: object) -> dt.timedelta:
    """
    Return the step of a risk history as a plain ``timedelta``.

    Raises:
        WrongTypeError: ``step`` is not a ``timedelta``.
        InvalidValueError: it is not positive.
    """
    if not isinstance(step, dt.timedelta):
        raise WrongTypeError(
            "expected a timedelta", path="step", received=step, allowed=_STEP_ALLOWED
        )
    if step <= _NO_TIME:
        raise InvalidValueError(
            "must be positive", path="step", received=step, allowed=_STEP_ALLOWED
        )
    return dt.timedelta(seconds=step.total_seconds())


def check_period(first: dt.datetime, last: dt.datetime) -> None:
    """
    Check that a period's end, ``last``, is not before its start, ``first``.

    Raises:
        InvalidValueError: it is.
    """
    if last < first:
        raise InvalidValueError(
            "the end is before the start",
            path="end",
            received=format_instant(last),
            allowed=f"an instant not before the start, {format_instant(first)}",
        )


def count_steps(first: dt.datetime, last: dt.datetime, step: dt.timedelta) -> int:
    """
    Return the number of steps from ``first`` to ``last`` (a checked period), ``last`` included.

    Raises:
        InvalidValueError: there would be more than :data:`MAX_STEPS` steps.
    """
    count = int((last - first) / step) + 1
    if count > MAX_STEPS:
        raise InvalidValueError(
            "too many steps",
            path="step",
            received=f"{step} from {format_instant(first)} to {format_instant(last)}",
            allowed=f"at most {MAX_STEPS} steps; use a longer step or a shorter period",
        )
    return count


@attrs.frozen(kw_only=True)
class Options:
    """
    The options every engine entry point shares, each checked once, when built.

    Args:
        horizon: The outlook's horizon (any ``timedelta``), in (0, :data:`MAX_HORIZON`].
        rules: The rule set; the default rules when ``None``.
        model: The outlook model, or ``None`` for the published figures of each
            search's pipeline.

    Raises:
        WrongTypeError: an option has the wrong type (the path names it).
        InvalidValueError: the horizon is not positive or longer than ten years.
    """

    horizon: dt.timedelta = attrs.field(default=DEFAULT_HORIZON, converter=_checks.check_horizon)
    rules: RuleSet = attrs.field(default=None, converter=check_rules)
    model: OutlookModel | None = attrs.field(default=None, converter=check_model)

    @property
    def horizon_days(self) -> float:
        """
        The horizon in days, as the outlook and the facts take it.
        """
        return self.horizon.total_seconds() / SECONDS_PER_DAY
