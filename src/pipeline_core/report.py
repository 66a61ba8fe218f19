"""
The risk report: score, level, findings and the facts behind them, for people and programs.

:class:`RiskReport` is what :func:`pipeline_core.assess` returns. It converts
to JSON-safe primitives and back (:meth:`RiskReport.to_dict`,
:meth:`RiskReport.from_dict`), prints readably in a terminal (``str``) and
renders as HTML in Jupyter (``_repr_html_``), where every string that came
from a user — organisation names, titles, templates of custom rules — is
escaped.

The report carries the outlook (the chance of an offer within the horizon,
:class:`~pipeline_core.outlook.Outlook`) that :func:`~pipeline_core.assess`
computes; the slot accepts any object of the small :class:`OutlookLike`
protocol, or ``None`` for a report built without one.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Callable, Iterable
from typing import Any, Protocol, runtime_checkable

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import DecodeError, InputError, WrongTypeError
from pipeline_core.facts import FACTS, Facts
from pipeline_core.instants import SECONDS_PER_DAY, format_instant, parse_instant
from pipeline_core.outlook._forecast import Outlook
from pipeline_core.render._domain import STYLE
from pipeline_core.rules._catalog import Finding, format_value
from pipeline_core.rules._scoring import RiskLevel

__all__ = ["REPORT_SCHEMA", "OutlookLike", "RiskLevel", "RiskReport"]

REPORT_SCHEMA = 1
"""The version of the report's plain-data form."""

_WIDTH = 88


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
            "horizon_days": check_horizon_days(self.horizon),
            "score": self.score,
            "level": self.level.value,
            "rules_identity": self.rules_identity,
            "findings": [finding.to_dict() for finding in self.findings],
            "facts": self.facts.to_dict(),
            "outlook": None if self.outlook is None else self.outlook.to_dict(),
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
        fields = _checks.read_mapping(data, "", error=DecodeError, required=_REPORT_KEYS)
        if fields["schema"] != REPORT_SCHEMA or isinstance(fields["schema"], bool):
            raise DecodeError(
                "unknown schema",
                path="schema",
                received=fields["schema"],
                allowed=str(REPORT_SCHEMA),
            )
        try:
            as_of = parse_instant(fields["as_of"], field="as_of")
        except InputError as error:
            raise DecodeError(
                error.problem, path=error.path, received=error.received, allowed=error.allowed
            ) from None
        horizon = _checks.read_number(
            fields["horizon_days"], "horizon_days", error=DecodeError, minimum=0, maximum=36_500
        )
        level = fields["level"]
        if level not in {member.value for member in RiskLevel}:
            raise DecodeError(
                "unknown level",
                path="level",
                received=level,
                allowed=", ".join(member.value for member in RiskLevel),
            )
        items = _checks.read_sequence(
            fields["findings"], "findings", error=DecodeError, max_items=10_000
        )
        outlook: OutlookLike | None = None
        if fields["outlook"] is not None:
            if outlook_from_dict is None:
                outlook = Outlook.from_dict(fields["outlook"], "outlook")
            else:
                outlook = outlook_from_dict(fields["outlook"])
        return cls(
            score=_checks.read_number(
                fields["score"], "score", error=DecodeError, minimum=0, maximum=100
            ),
            level=RiskLevel(level),
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
        )

    # -- text ----------------------------------------------------------------------------------

    def __str__(self) -> str:
        """
        Return the report as text for a terminal: headline, findings with actions, key facts.
        """
        lines = [
            f"Search risk {self.score:.0f}/100: {self.level.value.upper()}",
            (
                f"as of {self.as_of:%Y-%m-%d %H:%M} UTC, horizon {_days_text(self.horizon)}, "
                f"rules {_short(self.rules_identity)}"
            ),
        ]
        if self.outlook is not None:
            # An Outlook explains itself at length; the report shows its headline figures.
            shown = (
                self.outlook.summary() if isinstance(self.outlook, Outlook) else str(self.outlook)
            )
            lines += ["", shown]
        if not self.findings:
            lines += ["", "No rule fired: keep the pipeline moving."]
        for heading, principal in (("Principal findings", True), ("Also", False)):
            chosen = [f for f in self.findings if f.principal is principal]
            if not chosen:
                continue
            lines += ["", heading]
            for finding in chosen:
                lines += _finding_lines(self.findings.index(finding) + 1, finding)
        lines += ["", *textwrap.wrap("Facts: " + _facts_summary(self.facts), _WIDTH)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """
        Return the report as HTML for Jupyter; every string is escaped.

        At a glance: the score and its level, the chance of an offer within the
        horizon and the safety net, then the findings with what to do, and each
        live opportunity's stage and silence; the full outlook and the facts
        are folded away. The colours are JupyterLab's theme variables (with
        fallbacks), so it reads in light and dark themes alike.
        """
        e = _escape
        level = e(self.level.value)
        head = (
            '<div class="pc-head">'
            f'<span class="pc-score" title="risk score out of 100">{self.score:.0f}</span>'
            '<span class="pc-muted">/100</span>'
            f'<span class="pc-badge pc-{level}">{level}</span>'
            f'<span class="pc-muted">as of {e(f"{self.as_of:%Y-%m-%d %H:%M}")} UTC, horizon '
            f"{e(_days_text(self.horizon))}, rules <code>{e(_short(self.rules_identity))}</code>"
            "</span></div>"
        )
        rows = "".join(
            _finding_row(index, finding) for index, finding in enumerate(self.findings, start=1)
        )
        table = (
            "<table><thead><tr><th>#</th><th>Finding</th><th>What to do</th><th>Share</th>"
            f"<th>Strength</th></tr></thead><tbody>{rows}</tbody></table>"
            if self.findings
            else "<p>No rule fired: keep the pipeline moving.</p>"
        )
        facts = "".join(
            f"<tr><td><code>{e(name)}</code></td><td>{e(format_value(value))}</td>"
            f"<td>{e(FACTS[name].description)}</td></tr>"
            for name, value in self.facts.scalars().items()
        )
        return (
            f'{STYLE}<div class="pc-view pipeline-core-risk-report">{head}'
            f"{self._outlook_headline()}{table}{_opportunities_table(self.facts)}"
            f"{self._outlook_details()}"
            f"<details><summary>Facts</summary><table>{facts}</table></details>"
            "</div>"
        )

    def _outlook_headline(self) -> str:
        if self.outlook is None:
            return ""
        chance = self.outlook.p_any_offer
        line = (
            f"<p>Chance of at least one offer within {_escape(_days_text(self.horizon))}: "
            f"<strong>{chance:.0%}</strong>"
        )
        if isinstance(self.outlook, Outlook):
            from pipeline_core.render import _outlook as _outlook_render  # noqa: PLC0415 - it imports the outlook

            line += f"<br><small>{_escape(_outlook_render.safety_net_text(self.outlook))}</small>"
        return line + "</p>"

    def _outlook_details(self) -> str:
        if self.outlook is None:
            return ""
        return f"<details><summary>Outlook</summary>{self.outlook._repr_html_()}</details>"


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


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def check_horizon_days(horizon: dt.timedelta) -> float:
    days = horizon.total_seconds() / SECONDS_PER_DAY
    return int(days) if days.is_integer() else days


def _days_text(horizon: dt.timedelta) -> str:
    days = horizon.total_seconds() / SECONDS_PER_DAY
    return f"{format_value(days)} day{'' if days == 1 else 's'}"


def _short(identity: str) -> str:
    return identity[:19] + "…" if len(identity) > 20 else identity  # noqa: PLR2004


def _finding_lines(rank: int, finding: Finding) -> list[str]:
    head = f"{rank:>2}. {finding.title} [{finding.rule_id}]"
    share = (
        f"covered by {finding.covered_by}"
        if finding.covered_by is not None
        else f"{finding.share:.0%} of the score"
    )
    lines = [f"{head}  {share}, strength {finding.strength:.2f}"]
    indent = "    "
    lines += textwrap.wrap(finding.message, _WIDTH, initial_indent=indent, subsequent_indent=indent)
    lines += textwrap.wrap(
        finding.action, _WIDTH, initial_indent=indent + "-> ", subsequent_indent=indent + "   "
    )
    if finding.evidence:
        evidence = "; ".join(str(item) for item in finding.evidence)
        lines += textwrap.wrap(
            "evidence: " + evidence, _WIDTH, initial_indent=indent, subsequent_indent=indent + "  "
        )
    return lines


def _finding_row(rank: int, finding: Finding) -> str:
    e = _escape
    evidence = "; ".join(str(item) for item in finding.evidence)
    share = (
        f"covered by {finding.covered_by}"
        if finding.covered_by is not None
        else f"{finding.share:.0%}"
    )
    title = f"<strong>{e(finding.title)}</strong>" if finding.principal else e(finding.title)
    small = f"<br><small>{e(evidence)}</small>" if evidence else ""
    return (
        f"<tr><td>{rank}</td><td>{title} "
        f'<code class="pc-muted">{e(finding.rule_id)}</code><br>{e(finding.message)}{small}</td>'
        f'<td>{e(finding.action)}</td><td class="pc-num">{e(share)}</td>'
        f'<td class="pc-num">{finding.strength:.2f}</td></tr>'
    )


def _opportunities_table(facts: Facts) -> str:
    """
    One row per live opportunity: its stage, how long the employer has been silent, its chance.
    """
    if not facts.opportunities:
        return ""
    e = _escape
    rows = []
    for item in facts.opportunities:
        window = item.response_window
        silent = f"{item.business_days_silent:.0f} business days"
        if window is not None and item.business_days_silent > window:
            silent = f'<span class="pc-warn">{silent} (usual: {window:.0f})</span>'
        chance = "-" if item.offer_chance is None else f"{item.offer_chance:.0%}"
        rows.append(
            f"<tr><td>{e(item.organization)}</td><td>{e(item.stage)}</td>"
            f'<td class="pc-num">{item.days_in_stage:.0f}</td><td>{silent}</td>'
            f'<td class="pc-num">{chance}</td></tr>'
        )
    return (
        "<table><thead><tr><th>Organisation</th><th>Stage</th><th>Days in stage</th>"
        "<th>Employer silent</th><th>P(offer)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _facts_summary(facts: Facts) -> str:
    parts = [
        (
            f"{facts.live} live ({facts.live_advanced} past the application, "
            f"{facts.live_late} late-stage)"
        ),
        f"{facts.verbal_offers + facts.written_offers} unsigned offer(s)",
    ]
    if facts.signed:
        parts.append(f"{facts.signed} signed")
    idle = facts.days_since_last_application
    if idle is None:
        parts.append("no application yet")
    else:
        days = round(idle)
        parts.append(f"last application {days} day{'' if days == 1 else 's'} ago")
    rate = f"{format_value(facts.weekly_application_rate)} applications a week"
    if facts.weekly_application_goal is not None:
        rate += f" (goal {facts.weekly_application_goal:g})"
    parts.append(rate)
    return "; ".join(parts) + "."
