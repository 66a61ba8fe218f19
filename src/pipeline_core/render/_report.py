"""
Text and HTML views of a risk report: the headline, the findings with what to do, the facts.

Registered as the :func:`~pipeline_core._views.text_view` and
:func:`~pipeline_core._views.html_view` of :class:`~pipeline_core.report.RiskReport`,
which shows itself through them (``str``, ``_repr_html_``). Every string that came from
a user (organisation names, titles, templates of custom rules) is escaped in HTML.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import textwrap

from pipeline_core._views import html_view, text_view
from pipeline_core.actions import FollowUp
from pipeline_core.facts import FACTS, Facts
from pipeline_core.outlook import Outlook
from pipeline_core.render import _words as words
from pipeline_core.render._domain import STYLE
from pipeline_core.render._outlook import safety_net_text
from pipeline_core.report import OutlookLike, RiskReport
from pipeline_core.rules import Finding

__all__ = ["report_html", "report_text"]

_WIDTH = 88
"""The width the report's text wraps at."""

_NOTHING_FIRED = "No rule fired: keep the pipeline moving."


# -- text -------------------------------------------------------------------------------------


@text_view.register
def report_text(report: RiskReport, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the signature the views share
    """
    Return the report as text for a terminal: headline, findings with actions, key facts.

    Args:
        report: The report.
        as_of: Unused: a report is shown as of the instant it assessed.

    .. versionadded:: 0.1.0
    """
    lines = [
        f"Search risk {words.whole(report.score)}/100: {report.level.value.upper()}",
        (
            f"as of {words.moment(report.as_of)}, horizon {words.horizon(report.horizon)}, "
            f"rules {words.short_identity(report.rules_identity)}"
        ),
    ]
    if report.outlook is not None:
        lines += ["", _outlook_summary(report.outlook)]
    if not report.findings:
        lines += ["", _NOTHING_FIRED]
    for heading, principal in (("Principal findings", True), ("Also", False)):
        chosen = [finding for finding in report.findings if finding.principal is principal]
        if not chosen:
            continue
        lines += ["", heading]
        for finding in chosen:
            lines += _finding_lines(report.findings.index(finding) + 1, finding)
    lines += _next_actions_lines(report)
    lines += ["", *textwrap.wrap("Facts: " + _facts_summary(report.facts), _WIDTH)]
    return "\n".join(lines)


def _when_due(follow_up: FollowUp, as_of: dt.datetime) -> str:
    """
    When a follow-up is due, as a person reads it: "overdue since …" or "due …".
    """
    moment = words.moment(follow_up.due)
    return f"overdue since {moment}" if follow_up.is_due(as_of) else f"due {moment}"


def _next_actions_lines(report: RiskReport) -> list[str]:
    """
    The next actions (follow-ups) with their dates, and when to look again; none if unplanned.
    """
    lines: list[str] = []
    if report.next_actions:
        lines += ["", "Next actions"]
        indent = "    "
        for follow_up in report.next_actions:
            lines += textwrap.wrap(
                f"{follow_up.action} ({_when_due(follow_up, report.as_of)})",
                _WIDTH,
                initial_indent=" - ",
                subsequent_indent="   ",
            )
            lines += textwrap.wrap(
                follow_up.reason, _WIDTH, initial_indent=indent, subsequent_indent=indent
            )
    if report.next_review_at is not None:
        lines += ["", f"Look again on {words.moment(report.next_review_at)}."]
    return lines


def _outlook_summary(outlook: OutlookLike) -> str:
    # An Outlook explains itself at length; the report shows its headline figures.
    return outlook.summary() if isinstance(outlook, Outlook) else str(outlook)


def _share_text(finding: Finding, suffix: str) -> str:
    if finding.covered_by is not None:
        return f"covered by {finding.covered_by}"
    return words.percent(finding.share) + suffix


def _finding_lines(rank: int, finding: Finding) -> list[str]:
    """
    Return one finding as wrapped lines: rank, title, share and strength, message, action, evidence.
    """
    head = f"{rank:>2}. {finding.title} [{finding.rule_id}]"
    share = _share_text(finding, " of the score")
    lines = [f"{head}  {share}, strength {words.decimals(finding.strength)}"]
    indent = "    "
    lines += textwrap.wrap(finding.message, _WIDTH, initial_indent=indent, subsequent_indent=indent)
    lines += textwrap.wrap(
        finding.action, _WIDTH, initial_indent=indent + "-> ", subsequent_indent=indent + "   "
    )
    if finding.evidence:
        lines += textwrap.wrap(
            "evidence: " + words.evidence_text(finding),
            _WIDTH,
            initial_indent=indent,
            subsequent_indent=indent + "  ",
        )
    return lines


def _facts_summary(facts: Facts) -> str:
    """
    Return the key facts as one sentence: live opportunities, offers, applications and their rate.
    """
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
        parts.append(f"last application {days} {words.noun(days, 'day')} ago")
    rate = f"{words.number(facts.weekly_application_rate)} applications a week"
    if facts.weekly_application_goal is not None:
        rate += f" (goal {facts.weekly_application_goal:g})"
    parts.append(rate)
    return "; ".join(parts) + "."


# -- HTML -------------------------------------------------------------------------------------


@html_view.register
def report_html(report: RiskReport, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the signature the views share
    """
    Return the report as HTML for Jupyter (see :meth:`RiskReport._repr_html_`), escaped.

    Args:
        report: The report.
        as_of: Unused: a report is shown as of the instant it assessed.

    .. versionadded:: 0.1.0
    """
    return (
        f'{STYLE}<div class="pc-view pipeline-core-risk-report">{_head(report)}'
        f"{_outlook_headline(report)}{_findings_table(report.findings)}"
        f"{_next_actions_html(report)}"
        f"{_opportunities_table(report.facts)}{_outlook_details(report.outlook)}"
        f"<details><summary>Facts</summary><table>{_facts_rows(report.facts)}</table></details>"
        "</div>"
    )


def _head(report: RiskReport) -> str:
    e = words.escape
    level = e(report.level.value)
    return (
        '<div class="pc-head">'
        f'<span class="pc-score" title="risk score out of 100">{words.whole(report.score)}</span>'
        '<span class="pc-muted">/100</span>'
        f'<span class="pc-badge pc-{level}">{level}</span>'
        f'<span class="pc-muted">as of {e(words.moment(report.as_of))}, horizon '
        f"{e(words.horizon(report.horizon))}, rules "
        f"<code>{e(words.short_identity(report.rules_identity))}</code>"
        "</span></div>"
    )


def _outlook_headline(report: RiskReport) -> str:
    if report.outlook is None:
        return ""
    chance = words.percent(report.outlook.p_any_offer)
    line = (
        f"<p>Chance of at least one offer within {words.escape(words.horizon(report.horizon))}: "
        f"<strong>{chance}</strong>"
    )
    if isinstance(report.outlook, Outlook):
        line += f"<br><small>{words.escape(safety_net_text(report.outlook))}</small>"
    return line + "</p>"


def _findings_table(findings: tuple[Finding, ...]) -> str:
    if not findings:
        return f"<p>{_NOTHING_FIRED}</p>"
    rows = "".join(_finding_row(index, finding) for index, finding in enumerate(findings, start=1))
    return (
        "<table><thead><tr><th>#</th><th>Finding</th><th>What to do</th><th>Share</th>"
        f"<th>Strength</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _finding_row(rank: int, finding: Finding) -> str:
    e = words.escape
    evidence = words.evidence_text(finding)
    title = f"<strong>{e(finding.title)}</strong>" if finding.principal else e(finding.title)
    small = f"<br><small>{e(evidence)}</small>" if evidence else ""
    return (
        f"<tr><td>{rank}</td><td>{title} "
        f'<code class="pc-muted">{e(finding.rule_id)}</code><br>{e(finding.message)}{small}</td>'
        f'<td>{e(finding.action)}</td><td class="pc-num">{e(_share_text(finding, ""))}</td>'
        f'<td class="pc-num">{words.decimals(finding.strength)}</td></tr>'
    )


def _next_actions_html(report: RiskReport) -> str:
    """
    The next actions as a list with their dates, and when to look again; empty if unplanned.
    """
    e = words.escape
    items = "".join(
        f"<li>{e(follow_up.action)} <small>({e(_when_due(follow_up, report.as_of))})</small>"
        f'<br><small class="pc-muted">{e(follow_up.reason)}</small></li>'
        for follow_up in report.next_actions
    )
    html = f"<p><strong>Next actions</strong></p><ul>{items}</ul>" if items else ""
    if report.next_review_at is not None:
        html += f"<p><small>Look again on {e(words.moment(report.next_review_at))}.</small></p>"
    return html


def _opportunities_table(facts: Facts) -> str:
    """
    One row per live opportunity: its stage, how long the employer has been silent, its chance.
    """
    if not facts.opportunities:
        return ""
    e = words.escape
    rows = []
    for item in facts.opportunities:
        window = item.response_window
        silent = f"{words.whole(item.business_days_silent)} business days"
        if window is not None and item.business_days_silent > window:
            silent = f'<span class="pc-warn">{silent} (usual: {words.whole(window)})</span>'
        chance = "-" if item.offer_chance is None else words.percent(item.offer_chance)
        rows.append(
            f"<tr><td>{e(item.organization)}</td><td>{e(item.stage)}</td>"
            f'<td class="pc-num">{words.whole(item.days_in_stage)}</td><td>{silent}</td>'
            f'<td class="pc-num">{chance}</td></tr>'
        )
    return (
        "<table><thead><tr><th>Organisation</th><th>Stage</th><th>Days in stage</th>"
        "<th>Employer silent</th><th>P(offer)</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _outlook_details(outlook: OutlookLike | None) -> str:
    if outlook is None:
        return ""
    return f"<details><summary>Outlook</summary>{outlook._repr_html_()}</details>"


def _facts_rows(facts: Facts) -> str:
    e = words.escape
    return "".join(
        f"<tr><td><code>{e(name)}</code></td><td>{e(words.number(value))}</td>"
        f"<td>{e(FACTS[name].description)}</td></tr>"
        for name, value in facts.scalars().items()
    )
