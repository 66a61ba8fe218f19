"""
The follow-up planner: what to send to whom, and when, as a pure function of the search.

Each live opportunity has at most one follow-up at a time: the next step after the
latest word in its history. The *anchor* is the latest application, stage move, offer or
inbound contact; each outbound contact after it is a step taken. After an interview the
steps are a thank-you note, a check-in, a last check-in and a decision (let it go, or not);
after a written offer, the answer comes first; after anything else, the check-ins and the
decision. Recording a step (an outbound contact) moves to the next one, due at least the
cadence's gap after the contact, so planning again right after recording never finds it
due; a new word from the employer starts again. Closed opportunities get none, and so do
those not applied for yet.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from pipeline_core import _checks
from pipeline_core.actions._cadence import Cadence, add_business_days, subtract_business_days
from pipeline_core.events import Advanced, Applied, Contact, Direction, Event, Offer, OfferForm
from pipeline_core.exceptions import DecodeError
from pipeline_core.instants import format_instant, parse_instant, to_utc
from pipeline_core.opportunity import Opportunity
from pipeline_core.pipeline import StageKind
from pipeline_core.search import Search

__all__ = ["DEFAULT_CADENCE", "FollowUp", "FollowUpKind", "follow_ups", "plan_opportunity"]

DEFAULT_CADENCE = Cadence()
"""The cadence :func:`follow_ups` uses when none is given."""


class FollowUpKind(enum.StrEnum):
    """
    What a follow-up is for.

    .. versionadded:: 0.1.0
    """

    THANK_YOU = "thank_you"
    """A thank-you note after an interview."""
    CHASE = "chase"
    """A first polite check-in after a silence."""
    LAST_CHASE = "last_chase"
    """One last check-in; after it, the opportunity is left to rest."""
    ANSWER_OFFER = "answer_offer"
    """Answer a written offer before its deadline."""
    DECIDE = "decide"
    """The opportunity has gone cold: decide whether to let it go and improve the set."""


_ORDER = {kind: position for position, kind in enumerate(FollowUpKind)}


def _to_kind(value: FollowUpKind | str) -> FollowUpKind:
    return _checks.check_enum(FollowUpKind, value, field="kind")


def _to_due(value: dt.datetime) -> dt.datetime:
    return to_utc(value, field="due")


def _to_since(value: dt.datetime) -> dt.datetime:
    return to_utc(value, field="since")


def _check_ordinal(_instance: object, _attribute: object, value: int) -> None:
    _checks.check_count(value, field="ordinal", minimum=1)


@attrs.frozen(kw_only=True)
class FollowUp:
    """
    One thing to send, to whom, by when, and why.

    Args:
        opportunity_id: The opportunity it concerns.
        organization: Its employer.
        title: Its role.
        kind: What it is for (see :class:`FollowUpKind`; its value is accepted too).
        ordinal: Which word in the opportunity's history it answers, counted from 1
            (applications, stage moves, offers and inbound contacts count). With the
            opportunity and the kind it identifies the follow-up across plans, so a
            calendar entry keeps its UID while its due date moves.
        due: When it falls due (any aware datetime; stored in UTC).
        since: The word it answers: when the silence began.
        reason: Why, in a plain sentence with the real dates.
        action: What to do, in a plain sentence.

    .. versionadded:: 0.1.0
    """

    opportunity_id: str = attrs.field(validator=_checks.text("opportunity_id"))
    organization: str = attrs.field(validator=_checks.text("organization"))
    title: str = attrs.field(validator=_checks.text("title"))
    kind: FollowUpKind = attrs.field(converter=_to_kind)
    ordinal: int = attrs.field(validator=_check_ordinal)
    due: dt.datetime = attrs.field(converter=_to_due)
    since: dt.datetime = attrs.field(converter=_to_since)
    reason: str = attrs.field(validator=_checks.text("reason", max_length=_checks.MAX_TEXT))
    action: str = attrs.field(validator=_checks.text("action", max_length=_checks.MAX_TEXT))

    def to_dict(self) -> dict[str, Any]:
        """
        Return the follow-up as JSON-safe primitives; :meth:`from_dict` reads them back.
        """
        return {
            "opportunity_id": self.opportunity_id,
            "organization": self.organization,
            "title": self.title,
            "kind": self.kind.value,
            "ordinal": self.ordinal,
            "due": format_instant(self.due),
            "since": format_instant(self.since),
            "reason": self.reason,
            "action": self.action,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> FollowUp:
        """
        Build a follow-up from :meth:`to_dict` output.

        Raises:
            DecodeError: the data is not a valid follow-up; the error names the path.
        """
        fields = _checks.read_mapping(data, path, error=DecodeError, required=_KEYS)
        return _checks.build_at(
            path,
            lambda: cls(
                **{key: fields[key] for key in _KEYS - _INSTANT_KEYS},
                due=parse_instant(fields["due"], field="due"),
                since=parse_instant(fields["since"], field="since"),
            ),
        )

    def is_due(self, as_of: dt.datetime) -> bool:
        """
        Return whether the follow-up is due (or overdue) at ``as_of``.

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone.
        """
        return self.due <= to_utc(as_of, field="as_of")


_INSTANT_KEYS = frozenset({"due", "since"})
_KEYS = frozenset(attrs.fields_dict(FollowUp))
"""The keys of a follow-up's dict form: its fields."""


def follow_ups(
    search: Search, *, as_of: dt.datetime, cadence: Cadence | None = None
) -> tuple[FollowUp, ...]:
    """
    Return the follow-ups of a search as of an instant, soonest first.

    Pure: no clock is read, and events after ``as_of`` are ignored, so any past day can
    be planned again. Overdue follow-ups are included (their ``due`` is before
    ``as_of``); see :meth:`FollowUp.is_due`.

    Args:
        search: The search.
        as_of: The instant to plan at (any aware datetime).
        cadence: The timings; :data:`DEFAULT_CADENCE` when ``None``.

    Returns:
        At most one follow-up per live opportunity, sorted by due date, then
        opportunity id.

    Raises:
        WrongTypeError: ``search`` is not a Search or ``cadence`` not a Cadence.
        NaiveDatetimeError: ``as_of`` has no time zone.

    .. versionadded:: 0.1.0
    """
    search = _checks.check_instance(search, Search, path="search", allowed="Search")
    when = to_utc(as_of, field="as_of")
    if cadence is None:
        cadence = DEFAULT_CADENCE
    cadence = _checks.check_instance(cadence, Cadence, path="cadence", allowed="Cadence or None")
    planned = [
        follow_up
        for opportunity in search.opportunities
        if (follow_up := plan_opportunity(opportunity, when, cadence)) is not None
    ]
    planned.sort(key=lambda item: (item.due, item.opportunity_id, _ORDER[item.kind]))
    return tuple(planned)


_AFTER_INTERVIEW = (
    FollowUpKind.THANK_YOU,
    FollowUpKind.CHASE,
    FollowUpKind.LAST_CHASE,
    FollowUpKind.DECIDE,
)
_AFTER_OFFER = (
    FollowUpKind.ANSWER_OFFER,
    FollowUpKind.CHASE,
    FollowUpKind.LAST_CHASE,
    FollowUpKind.DECIDE,
)
_AFTER_WORD = (FollowUpKind.CHASE, FollowUpKind.LAST_CHASE, FollowUpKind.DECIDE)
_ANCHORS = (Applied, Advanced, Offer, Contact)


def _steps(anchor: Event) -> tuple[FollowUpKind, ...]:
    if isinstance(anchor, Advanced):
        return _AFTER_INTERVIEW
    if isinstance(anchor, Offer) and anchor.form is OfferForm.WRITTEN:
        return _AFTER_OFFER
    return _AFTER_WORD


def plan_opportunity(
    opportunity: Opportunity, as_of: dt.datetime, cadence: Cadence
) -> FollowUp | None:
    """
    Return the next follow-up of one opportunity as of ``as_of`` (UTC), or ``None``.

    Args:
        opportunity: The opportunity.
        as_of: The instant to plan at, a UTC datetime.
        cadence: The timings.
    """
    state = opportunity.state(as_of)
    if state.outcome is not None or state.stage_kind is StageKind.PROSPECT:
        return None
    anchor: Event | None = None
    ordinal = 0
    outbound: list[float] = []
    for event in opportunity.events:
        if event.at > as_of:  # both in UTC: compared without a conversion
            break
        if isinstance(event, Contact) and event.direction is Direction.OUTBOUND:
            outbound.append(event.at.timestamp())
        elif isinstance(event, _ANCHORS):
            anchor, ordinal, outbound = event, ordinal + 1, []
    if anchor is None:  # pragma: no cover - a stage past the first always has an anchor
        return None
    steps = _steps(anchor)
    if len(outbound) >= len(steps):
        return None  # every step was taken: it is left to rest
    kind = steps[len(outbound)]
    due = _due(kind, anchor, outbound, steps, cadence)
    return FollowUp(
        opportunity_id=opportunity.id,
        organization=opportunity.organization,
        title=opportunity.title,
        kind=kind,
        ordinal=ordinal,
        due=dt.datetime.fromtimestamp(due, tz=dt.UTC),
        since=anchor.at,
        reason=_reason(kind, anchor, outbound, due, cadence),
        action=_ACTIONS[kind].format(organization=opportunity.organization),
    )


_CHASE_OFFSETS = {
    FollowUpKind.CHASE: "first_chase_days",
    FollowUpKind.LAST_CHASE: "second_chase_days",
    FollowUpKind.DECIDE: "cold_days",
}


def _due(
    kind: FollowUpKind,
    anchor: Event,
    outbound: list[float],
    steps: tuple[FollowUpKind, ...],
    cadence: Cadence,
) -> float:
    start = anchor.at.timestamp()
    holidays = cadence.holiday_ordinals
    if kind is FollowUpKind.THANK_YOU:
        return start + cadence.thank_you_hours * 3_600.0
    if kind is FollowUpKind.ANSWER_OFFER:
        deadline = anchor.deadline if isinstance(anchor, Offer) else None
        if deadline is None:
            return add_business_days(start, cadence.first_chase_days, holidays)
        answer = subtract_business_days(deadline.timestamp(), cadence.offer_answer_days, holidays)
        return max(start, answer)
    offset = getattr(cadence, _CHASE_OFFSETS[kind])
    due = add_business_days(start, offset, holidays)
    if outbound:
        # Measured from the last step too: a step taken late pushes the next one back.
        previous = steps[len(outbound) - 1]
        if previous is FollowUpKind.THANK_YOU:
            gap = 1  # the check-in counts from the interview, a day after the note at least
        elif previous is FollowUpKind.ANSWER_OFFER:
            gap = offset  # after an answer, the employer gets the whole first wait
        else:
            gap = offset - getattr(cadence, _CHASE_OFFSETS[previous])
        due = max(due, add_business_days(outbound[-1], gap, holidays))
    return due


_ACTIONS = {
    FollowUpKind.THANK_YOU: "Send the people you met at {organization} a short thank-you note.",
    FollowUpKind.CHASE: (
        "Write to {organization}: ask politely where things stand and restate your interest."
    ),
    FollowUpKind.LAST_CHASE: "Send {organization} one last short check-in, then let it rest.",
    FollowUpKind.ANSWER_OFFER: (
        "Answer {organization}'s offer in writing: accept, decline or ask for more time."
    ),
    FollowUpKind.DECIDE: (
        "Decide whether to let {organization} go (close it as ghosted) and put the time "
        "into new applications."
    ),
}


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date(when: dt.datetime | float) -> str:
    # By hand, not strftime: a plan words a date or two per follow-up, and strftime costs
    # more than the rest of planning one.
    if not isinstance(when, dt.datetime):
        when = dt.datetime.fromtimestamp(when, tz=dt.UTC)
    return f"{_WEEKDAYS[when.weekday()]} {when.day} {_MONTHS[when.month - 1]} {when.year}"


def _moment(ts: float) -> str:
    when = dt.datetime.fromtimestamp(ts, tz=dt.UTC)
    return f"{_date(when)} {when.hour:02d}:{when.minute:02d} UTC"


def _anchor_words(anchor: Event) -> str:
    if isinstance(anchor, Applied):
        return "the application"
    if isinstance(anchor, Advanced):
        return "the " + _interview_words(anchor)
    if isinstance(anchor, Offer):
        return f"the {anchor.form.value} offer"
    return "their last message"


def _interview_words(event: Advanced) -> str:
    stage = "interview" if event.stage == "interviewing" else event.stage.replace("_", " ")
    return stage if event.round is None else f"{stage} round {event.round}"


def _reason(
    kind: FollowUpKind, anchor: Event, outbound: list[float], due: float, cadence: Cadence
) -> str:
    since = f"{_anchor_words(anchor)} on {_date(anchor.at)}"
    if kind is FollowUpKind.THANK_YOU and isinstance(anchor, Advanced):
        return (
            f"The {_interview_words(anchor)} was on {_date(anchor.at)}; a thank-you note "
            f"within {cadence.thank_you_hours} hours is due by {_moment(due)}."
        )
    if kind is FollowUpKind.ANSWER_OFFER and isinstance(anchor, Offer):
        if anchor.deadline is None:
            return (
                f"The written offer of {_date(anchor.at)} has no deadline; answer it within "
                f"{cadence.first_chase_days} business days, by {_moment(due)}."
            )
        return (
            f"The written offer of {_date(anchor.at)} expires on "
            f"{_moment(anchor.deadline.timestamp())}; answer it by {_moment(due)}."
        )
    if kind is FollowUpKind.CHASE:
        return f"No answer since {since}; a polite check-in is due."
    if kind is FollowUpKind.LAST_CHASE:
        return (
            f"Still no answer since {since}, nor to your message of {_date(outbound[-1])}; "
            "one last check-in is due."
        )
    return (
        f"No answer since {since}, despite your messages (the last on {_date(outbound[-1])}); "
        "it has gone cold."
    )
