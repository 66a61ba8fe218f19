"""
The risk report: score, level, findings and the facts behind them, for people and programs.

:class:`RiskReport` is what :func:`pipeline_core.assess` returns. It converts
to JSON-safe primitives and back (:meth:`RiskReport.to_dict`,
:meth:`RiskReport.from_dict`), prints readably in a terminal (``str``) and
renders as HTML in Jupyter (``_repr_html_``), where every string that came
from a user — organisation names, titles, templates of custom rules — is
escaped. The render layer draws both (:mod:`pipeline_core.render` registers
the report's views, see :mod:`pipeline_core._views`); this module holds the data.

The report carries the outlook (the chance of an offer within the horizon,
:class:`~pipeline_core.outlook.Outlook`) that :func:`~pipeline_core.assess`
computes; the slot accepts any object of the small :class:`OutlookLike`
protocol, or ``None`` for a report built without one.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Protocol, runtime_checkable

import attrs

from pipeline_core import _checks
from pipeline_core._views import html_view, text_view
from pipeline_core.actions import FollowUp
from pipeline_core.exceptions import DecodeError, InputError, InvalidValueError, WrongTypeError
from pipeline_core.facts import Facts
from pipeline_core.instants import SECONDS_PER_DAY, format_instant, parse_instant, to_utc
from pipeline_core.outlook import Outlook
from pipeline_core.rules import Finding, RiskLevel

__all__ = ["MAX_NEXT_ACTIONS", "REPORT_SCHEMA", "OutlookLike", "RiskLevel", "RiskReport"]

REPORT_SCHEMA = 1
"""The version of the report's plain-data form."""


@runtime_checkable
class OutlookLike(Protocol):
    """
    What the report needs of an outlook: a headline chance, plain data, text and HTML.

    :func:`~pipeline_core.assess` fills the report's ``outlook`` with an
    :class:`~pipeline_core.outlook.Outlook`; any object with these members fits.

    .. versionadded:: 0.1.0
    """

    @property
    def p_any_offer(self) -> float:
        """
        The chance of at least one offer within the horizon.
        """

    def to_dict(self) -> dict[str, Any]:
        """
        Return the outlook as JSON-safe primitives.
        """

    def __str__(self) -> str:
        """
        Return the outlook as text for a terminal.
        """

    def _repr_html_(self) -> str:
        """
        Return the outlook as HTML, with user strings escaped.
        """


def _to_findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


_OUTLOOK_TYPES: set[type] = set()
"""Types already seen to satisfy OutlookLike (a protocol check is slow; a set lookup is not)."""


def _check_outlook(_instance: object, _attribute: object, value: OutlookLike | None) -> None:
    if value is None or type(value) in _OUTLOOK_TYPES:
        return
    if isinstance(value, OutlookLike):
        _OUTLOOK_TYPES.add(type(value))
    else:
        raise WrongTypeError(
            "expected an outlook",
            path="outlook",
            received=value,
            allowed="None or an object with p_any_offer, to_dict, __str__ and _repr_html_",
        )


MAX_NEXT_ACTIONS = 5
"""The most follow-ups a report lists as its next actions."""


def _to_next_actions(value: Iterable[FollowUp]) -> tuple[FollowUp, ...]:
    actions = _checks.check_tuple(value, field="next_actions")
    if len(actions) > MAX_NEXT_ACTIONS:
        raise InvalidValueError(
            "too many next actions",
            path="next_actions",
            received=len(actions),
            allowed=f"at most {MAX_NEXT_ACTIONS}",
        )
    for position, action in enumerate(actions):
        _checks.check_instance(
            action, FollowUp, path=f"next_actions[{position}]", allowed="a FollowUp"
        )
    return actions


def _to_review_at(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else to_utc(value, field="next_review_at")


@attrs.frozen(kw_only=True)
class RiskReport:
    """
    How fragile a search is at one instant, why, and what to do about it.

    Args:
        score: The risk score, in [0, 100].
        level: The score's band (:class:`RiskLevel`).
        findings: The fired rules, strongest first (the first four with
            points are ``principal``).
        facts: The facts the rules read.
        as_of: The instant assessed (UTC).
        horizon: The horizon of the outlook.
        rules_identity: The identity of the rule set (``"sha256:…"``).
        outlook: The outlook, or ``None`` (see :class:`OutlookLike`).
        next_actions: The follow-ups to send next, soonest first (at most
            :data:`MAX_NEXT_ACTIONS`); filled by :func:`~pipeline_core.review`,
            empty from :func:`~pipeline_core.assess`.
        next_review_at: The earliest instant after ``as_of`` at which, with no new
            events, the report would change (a follow-up falls due, a finding appears
            or goes, the level moves), or ``None``: not looked for (``assess``) or no
            change within the look-ahead (``review``).

    .. versionadded:: 0.1.0
    """

    score: float
    level: RiskLevel
    findings: tuple[Finding, ...] = attrs.field(converter=_to_findings)
    facts: Facts
    as_of: dt.datetime
    horizon: dt.timedelta
    rules_identity: str
    outlook: OutlookLike | None = attrs.field(default=None, validator=_check_outlook)
    next_actions: tuple[FollowUp, ...] = attrs.field(default=(), converter=_to_next_actions)
    next_review_at: dt.datetime | None = attrs.field(default=None, converter=_to_review_at)

    @property
    def principal(self) -> tuple[Finding, ...]:
        """
        The principal findings: the (at most four) that weigh most.
        """
        return tuple(finding for finding in self.findings if finding.principal)

    def finding(self, rule_id: str) -> Finding | None:
        """
        Return the finding of rule ``rule_id``, or ``None`` if it did not fire.
        """
        for finding in self.findings:
            if finding.rule_id == rule_id:
                return finding
        return None

    # -- plain data ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """
        Return the report as JSON-safe primitives (``"schema": 1``).
        """
        return {
            "schema": REPORT_SCHEMA,
            "as_of": format_instant(self.as_of),
            "horizon_days": _horizon_days(self.horizon),
            "score": self.score,
            "level": self.level.value,
            "rules_identity": self.rules_identity,
            "findings": [finding.to_dict() for finding in self.findings],
            "facts": self.facts.to_dict(),
            "outlook": None if self.outlook is None else self.outlook.to_dict(),
            "next_actions": [follow_up.to_dict() for follow_up in self.next_actions],
            "next_review_at": None
            if self.next_review_at is None
            else format_instant(self.next_review_at),
        }

    @classmethod
    def from_dict(
        cls,
        data: object,
        *,
        outlook_from_dict: Callable[[Any], OutlookLike] | None = None,
    ) -> RiskReport:
        """
        Build a report from :meth:`to_dict` output.

        Args:
            data: The plain data.
            outlook_from_dict: Rebuilds the outlook from its plain data;
                :meth:`Outlook.from_dict <pipeline_core.outlook.Outlook.from_dict>`
                when ``None``. Pass your own for a custom :class:`OutlookLike`.

        Returns:
            A report equal to the one written.

        Raises:
            DecodeError: the data is not a valid report; the error names the path.
        """
        fields = _checks.read_mapping(
            data, "", error=DecodeError, required=_REPORT_KEYS, optional=_PLAN_KEYS
        )
        if fields["schema"] != REPORT_SCHEMA or isinstance(fields["schema"], bool):
            raise DecodeError(
                "unknown schema",
                path="schema",
                received=fields["schema"],
                allowed=str(REPORT_SCHEMA),
            )
        as_of = _read_as_of(fields["as_of"])
        horizon = _checks.read_number(
            fields["horizon_days"], "horizon_days", error=DecodeError, minimum=0, maximum=36_500
        )
        level = _read_level(fields["level"])
        items = _checks.read_sequence(
            fields["findings"], "findings", error=DecodeError, max_items=10_000
        )
        outlook = _read_outlook(fields["outlook"], outlook_from_dict)
        return cls(
            score=_checks.read_number(
                fields["score"], "score", error=DecodeError, minimum=0, maximum=100
            ),
            level=level,
            findings=tuple(
                Finding.from_dict(item, f"findings[{index}]") for index, item in enumerate(items)
            ),
            facts=Facts.from_dict(fields["facts"], "facts"),
            as_of=as_of,
            horizon=dt.timedelta(days=horizon),
            rules_identity=_checks.read_text(
                fields["rules_identity"],
                "rules_identity",
                error=DecodeError,
                max_length=_checks.MAX_NAME,
            ),
            outlook=outlook,
            next_actions=_read_next_actions(fields.get("next_actions", [])),
            next_review_at=_read_review_at(fields.get("next_review_at")),
        )

    # -- views -------------------------------------------------------------------------------

    def __str__(self) -> str:
        """
        Return the report as text for a terminal: headline, findings with actions, key facts.
        """
        return text_view(self)

    def _repr_html_(self) -> str:
        """
        Return the report as HTML for Jupyter; every string is escaped.

        At a glance: the score and its level, the chance of an offer within the
        horizon and the safety net, then the findings with what to do, and each
        live opportunity's stage and silence; the full outlook and the facts
        are folded away. The colours are JupyterLab's theme variables (with
        fallbacks), so it reads in light and dark themes alike.
        """
        return html_view(self)


_REPORT_KEYS = frozenset(
    {
        "schema",
        "as_of",
        "horizon_days",
        "score",
        "level",
        "rules_identity",
        "findings",
        "facts",
        "outlook",
    }
)


_PLAN_KEYS = frozenset({"next_actions", "next_review_at"})
"""Keys a report written before follow-ups were planned does not have: optional."""


def _read_next_actions(value: object) -> tuple[FollowUp, ...]:
    items = _checks.read_sequence(
        value, "next_actions", error=DecodeError, max_items=MAX_NEXT_ACTIONS
    )
    return tuple(
        FollowUp.from_dict(item, f"next_actions[{index}]") for index, item in enumerate(items)
    )


def _read_review_at(value: object) -> dt.datetime | None:
    return (
        None
        if value is None
        else _checks.build_at("", lambda: parse_instant(value, field="next_review_at"))
    )


def _read_as_of(value: object) -> dt.datetime:
    try:
        return parse_instant(value, field="as_of")
    except InputError as error:
        raise DecodeError(
            error.problem, path=error.path, received=error.received, allowed=error.allowed
        ) from None


def _read_level(value: object) -> RiskLevel:
    if value not in {member.value for member in RiskLevel}:
        raise DecodeError(
            "unknown level",
            path="level",
            received=value,
            allowed=", ".join(member.value for member in RiskLevel),
        )
    return RiskLevel(value)


def _read_outlook(
    value: object, outlook_from_dict: Callable[[Any], OutlookLike] | None
) -> OutlookLike | None:
    if value is None:
        return None
    if outlook_from_dict is None:
        return Outlook.from_dict(value, "outlook")
    return outlook_from_dict(value)


def _horizon_days(horizon: dt.timedelta) -> float:
    """
    Return a horizon in days for the plain data: an int when it is a whole number of days.
    """
    days = horizon.total_seconds() / SECONDS_PER_DAY
    return int(days) if days.is_integer() else days
