"""
Text and HTML views of an outlook: every figure with what it rests on.

Registered on the views of :mod:`pipeline_core._views`:
:class:`~pipeline_core.outlook.Outlook`'s ``str()`` and ``explain()`` call
:func:`~pipeline_core._views.text_view` and
:func:`~pipeline_core._views.explain_view`, ``summary()`` calls
:func:`~pipeline_core._views.summary_view`, and ``_repr_html_()`` calls
:func:`~pipeline_core._views.html_view`. Every string that came from a user (ids,
organisations, stage names, references) goes through :func:`html.escape` in the
HTML view. :func:`safety_net_text` is also the report's line on the safety net.
"""

from __future__ import annotations

import datetime as dt
import html

from pipeline_core._views import explain_view, html_view, summary_view, text_view
from pipeline_core.outlook import MAX_APPLICATIONS, OpportunityOutlook, Outlook, OutlookStatus
from pipeline_core.render._domain import STYLE

__all__ = [
    "opportunity_lines",
    "opportunity_text",
    "outlook_html",
    "outlook_summary",
    "outlook_text",
    "safety_net_text",
]

_SAFETY_TARGET = 0.2


def _percent(value: float) -> str:
    return f"{value:.1%}"


def _days(value: float) -> str:
    return f"{value:.1f} days"


def _stage_chain(outlook: Outlook, item: OpportunityOutlook) -> str:
    """
    ``interviewing 50.0 % x final_round 60.0 % (x 0.8, source) x … = 21.0 %``.
    """
    model = outlook.model
    stages = model.stages
    start = next(index for index, figures in enumerate(stages) if figures.name == item.stage)
    parts: list[str] = []
    for figures in stages[start:]:
        if figures.kind.value == "signed":
            break
        chance = 1.0 if figures.p_advance is None else figures.p_advance
        parts.append(f"{figures.name} {_percent(chance)}")
    factors = []
    if item.application_factor != 1.0:
        factors.append(f"x {item.application_factor:g} on the application ({item.source.value})")
    if item.decision_factor != 1.0:
        factors.append(f"x {item.decision_factor:g} on the decision ({item.source.value})")
    chain = " x ".join(parts) if parts else "nothing left to decide"
    extra = f", {', '.join(factors)}" if factors else ""
    return f"{chain}{extra} = {_percent(item.prior_chance)}"


def _counted(item: OpportunityOutlook) -> str:
    if item.status is OutlookStatus.WON:
        return "signed: the search is won (P(offer) = 1)"
    if item.status is OutlookStatus.CLOSED:
        outcome = item.outcome.value if item.outcome is not None else "closed"
        return f"ended ({outcome}): counted as 0"
    if item.status is OutlookStatus.NOT_APPLIED:
        return "not applied yet: not in the pipeline, counted as 0"
    if item.hypothetical:
        return "a fresh application sent now (what-if)"
    return "pending"


def opportunity_lines(outlook: Outlook, item: OpportunityOutlook) -> list[str]:
    """
    Return the lines that explain one opportunity's figures.
    """
    horizon = f"{outlook.horizon_days:g} days"
    head = f"{item.id} - {item.organization} ({item.source.value}), stage {item.stage}"
    lines = [f"{head}: {_counted(item)}"]
    if item.status is not OutlookStatus.PENDING:
        return lines
    lines.append(
        f"  offer within {horizon} {_percent(item.p_offer_within_horizon)}, eventually "
        f"{_percent(item.p_offer)}; share of expected offers {_percent(item.share)}; "
        f"without it P(any offer) would drop by {_percent(item.contribution)}"
        + (
            ""
            if item.represents_organization
            else " (another opportunity stands for its organisation)"
        )
    )
    lines.append(f"  prior: {_stage_chain(outlook, item)}")
    figures = outlook.model.stage(item.stage)
    silence = item.silence_days or 0.0
    mean = outlook.model.mean_response_days(item.stage)
    if mean is not None and item.stage_chance < 1.0:
        lines.append(
            f"  silence {_days(silence)} against a {figures.response_days:g}-day response window "
            f"(mean wait {_days(mean)}): P(it moves on) {_percent(item.p_alive)} given the "
            f"silence and signals ({_percent(item.stage_chance)} before them)"
        )
    else:
        lines.append(f"  silence {_days(silence)}: no answer is awaited at this stage")
    if item.positive_signals or item.negative_signals:
        lines.append(
            f"  signals counted: {item.positive_signals} positive, {item.negative_signals} "
            f"negative: odds of an offer x {item.signal_ratio:.2f}"
        )
    if item.expected_days_to_offer is not None:
        lines.append(
            f"  if the offer comes: expected in {_days(item.expected_days_to_offer)}; "
            f"{_percent(item.p_on_time)} chance it comes within {horizon}"
        )
    return lines


def opportunity_text(outlook: Outlook, item: OpportunityOutlook) -> str:
    """
    Return the explanation of one opportunity.
    """
    return "\n".join(opportunity_lines(outlook, item))


def safety_net_text(outlook: Outlook) -> str:
    """
    Return the safety net's sentence: how many fresh applications bring P(no offer) to 20 %.
    """
    if outlook.won:
        return "Safety net: not needed, the search is won."
    needed = outlook.applications_needed(_SAFETY_TARGET)
    target = _percent(_SAFETY_TARGET)
    fresh = (
        f"a fresh application has a {_percent(outlook.p_fresh_application)} chance of an offer "
        f"within {outlook.horizon_days:g} days"
    )
    if needed == 0:
        return f"Safety net: P(no offer) is already at most {target}."
    if needed is None:
        return (
            f"Safety net: no number of fresh applications up to {MAX_APPLICATIONS} brings "
            f"P(no offer) to {target} within the horizon ({fresh})."
        )
    return (
        f"Safety net: {needed} fresh application(s) sent now would bring P(no offer) to "
        f"{target} or less ({fresh})."
    )


def _figures_lines(outlook: Outlook) -> list[str]:
    model = outlook.model
    lines = ["Figures used:"]
    for figures in model.stages:
        if figures.p_advance is None and figures.response_days is None:
            continue
        chance = "-" if figures.p_advance is None else _percent(figures.p_advance)
        window = (
            "no answer awaited"
            if figures.response_days is None
            else f"window {figures.response_days:g} days"
        )
        reference = f" - {figures.reference}" if figures.reference else ""
        lines.append(f"  {figures.name}: moves on {chance}, {window}{reference}")
        if figures.evidence is not None:
            lines.append(f"    calibrated: {figures.evidence.describe()}")
    for effect in model.sources:
        if effect.application == 1.0 and effect.decision == 1.0:
            continue
        reference = f" - {effect.reference}" if effect.reference else ""
        lines.append(
            f"  source {effect.source.value}: application x {effect.application:g}, "
            f"decision x {effect.decision:g}{reference}"
        )
    lines.append(
        f"  signals: odds x {model.positive_signal_ratio:g} per positive, "
        f"x {model.negative_signal_ratio:g} per negative, at most {model.max_signals} of each "
        "(modelling assumptions)"
    )
    lines.append(
        f"  response windows: {_percent(model.response_quantile)} of live employers have "
        f"answered by the end of the window; correlation of the shared factor "
        f"{model.correlation:g} (modelling assumptions)"
    )
    return lines


def outlook_summary(outlook: Outlook) -> str:
    """
    Return the headline figures of an outlook, without the per-opportunity detail.
    """
    return "\n".join(_headline_lines(outlook))


def outlook_text(outlook: Outlook) -> str:
    """
    Return the explanation of a whole outlook.
    """
    lines = _headline_lines(outlook)
    if outlook.opportunities:
        lines.append("Opportunities:")
        for item in outlook.opportunities:
            lines.extend(f"  {line}" for line in opportunity_lines(outlook, item))
    lines.extend(_figures_lines(outlook))
    return "\n".join(lines)


def _headline_lines(outlook: Outlook) -> list[str]:
    horizon = f"{outlook.horizon_days:g} days"
    counts = outlook.counts
    first = outlook.expected_days_to_first_offer
    timing = (
        "no offer can come within the horizon"
        if first is None
        else f"the first offer is expected in {_days(first)}, if one comes within the horizon"
    )
    any_offer = _percent(outlook.p_any_offer)
    no_offer = _percent(outlook.p_no_offer)
    tied = f"correlation {outlook.correlation:g}"
    counted = (
        f"{counts['pending']} pending, {counts['won']} won, {counts['closed']} closed, "
        f"{counts['not_applied']} not applied"
    )
    return [
        f"Outlook as of {outlook.as_of.isoformat()}, horizon {horizon}",
        f"  P(at least one offer within {horizon}): {any_offer} (no offer: {no_offer})",
        f"  with organisations tied by a shared factor ({tied}): "
        + _percent(outlook.p_any_offer_correlated),
        f"  expected offers within {horizon}: {outlook.expected_offers:.2f}; {timing}",
        f"  counted: {counted}",
        f"  {safety_net_text(outlook)}",
    ]


def outlook_html(outlook: Outlook) -> str:
    """
    Return a whole outlook as an HTML fragment; every user string is escaped.
    """
    escape = html.escape
    horizon = f"{outlook.horizon_days:g} days"
    first = outlook.expected_days_to_first_offer
    summary = [
        ("P(at least one offer within " + horizon + ")", _percent(outlook.p_any_offer)),
        ("P(no offer)", _percent(outlook.p_no_offer)),
        (
            f"correlated variant (correlation {outlook.correlation:g})",
            _percent(outlook.p_any_offer_correlated),
        ),
        ("expected offers", f"{outlook.expected_offers:.2f}"),
        ("days to the first offer", "-" if first is None else _days(first)),
    ]
    parts = [
        f'{STYLE}<div class="pc-view pipeline-core-outlook">',
        f"<h4>Outlook as of {outlook.as_of:%Y-%m-%d %H:%M} UTC</h4>",
        "<table>",
        *(f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>" for name, value in summary),
        "</table>",
        f"<p>{escape(safety_net_text(outlook))}</p>",
    ]
    if outlook.opportunities:
        parts.append(
            "<table><tr><th>id</th><th>organisation</th><th>stage</th><th>counted</th>"
            f"<th>within {escape(horizon)}</th><th>eventually</th><th>alive</th><th>share</th></tr>"
        )
        for item in outlook.opportunities:
            cells = (
                item.id,
                item.organization,
                item.stage,
                _counted(item),
                _percent(item.p_offer_within_horizon),
                _percent(item.p_offer),
                _percent(item.p_alive),
                _percent(item.share),
            )
            parts.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
        parts.append("</table>")
        parts.append("<details><summary>Why these figures</summary><pre>")
        parts.extend(
            escape("\n".join(opportunity_lines(outlook, item))) for item in outlook.opportunities
        )
        parts.append("</pre></details>")
    parts.append("<details><summary>Figures used</summary><pre>")
    parts.append(escape("\n".join(_figures_lines(outlook))))
    parts.append("</pre></details></div>")
    return "\n".join(parts)


# -- the views of an outlook (see pipeline_core._views) ---------------------------------------


@text_view.register
def _outlook_text_view(outlook: Outlook, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the views' signature
    return outlook_text(outlook)


@html_view.register
def _outlook_html_view(outlook: Outlook, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the views' signature
    return outlook_html(outlook)


@summary_view.register
def _outlook_summary_view(outlook: Outlook) -> str:
    return outlook_summary(outlook)


@explain_view.register
def _outlook_explain_view(outlook: Outlook, part: object) -> str:
    if not isinstance(part, OpportunityOutlook):
        raise TypeError(f"an outlook explains an OpportunityOutlook, not {type(part).__name__}")
    return opportunity_text(outlook, part)
