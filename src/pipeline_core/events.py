"""
Events: immutable, timestamped facts about one opportunity.

An opportunity's history is a tuple of events in time order; its stage, its
outcome and everything else about it are derived from that history (see
:mod:`pipeline_core.replay`). There are six kinds:

============ ===============================================================
``applied``  the candidate applied
``advanced`` the opportunity moved to a stage (an interview round, a final)
``contact``  a message or call, ``inbound`` (from the employer) or ``outbound``
``signal``   soft feedback, ``positive`` or ``negative`` — *not* an offer
``offer``    an offer, ``verbal`` or ``written`` (with an optional deadline)
``closed``   the end: an :class:`~pipeline_core.outcomes.Outcome` and a reason
============ ===============================================================

Every ``at`` accepts any aware datetime and is stored in UTC; a naive datetime
is refused with :class:`~pipeline_core.exceptions.NaiveDatetimeError`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidEventError
from pipeline_core.instants import to_utc
from pipeline_core.outcomes import Outcome

__all__ = [
    "Advanced",
    "Applied",
    "Channel",
    "Closed",
    "Contact",
    "Direction",
    "Event",
    "EventType",
    "Offer",
    "OfferForm",
    "Polarity",
    "Signal",
]


class EventType(enum.StrEnum):
    """
    The six kinds of event; the value is the ``"type"`` key of the interchange format.

    .. versionadded:: 0.1.0
    """

    APPLIED = "applied"
    ADVANCED = "advanced"
    CONTACT = "contact"
    SIGNAL = "signal"
    OFFER = "offer"
    CLOSED = "closed"


class Direction(enum.StrEnum):
    """
    Who reached out in a contact.

    .. versionadded:: 0.1.0
    """

    INBOUND = "inbound"
    """The employer (or its recruiter) reached the candidate."""
    OUTBOUND = "outbound"
    """The candidate reached the employer: a follow-up, a thank-you note."""


class Channel(enum.StrEnum):
    """
    How a contact was made; the proof-of-search log reports it as the method.

    .. versionadded:: 0.1.0
    """

    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    VIDEO = "video"
    MESSAGE = "message"
    """A chat or a platform's messages (LinkedIn, a careers portal)."""
    OTHER = "other"


class Polarity(enum.StrEnum):
    """
    Whether soft feedback was good or bad news.

    .. versionadded:: 0.1.0
    """

    POSITIVE = "positive"
    NEGATIVE = "negative"


class OfferForm(enum.StrEnum):
    """
    How firm an offer is: only a signed written offer is certain.

    .. versionadded:: 0.1.0
    """

    VERBAL = "verbal"
    WRITTEN = "written"


_note = _checks.optional_text("note", max_length=_checks.MAX_TEXT)


def _to_at(value: dt.datetime) -> dt.datetime:
    if type(value) is dt.datetime and value.tzinfo is dt.UTC:
        return value  # already normalised: the common case, without a call
    return to_utc(value, field="at")


def _to_deadline(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else to_utc(value, field="deadline")


@attrs.frozen(kw_only=True, weakref_slot=False)
class Applied:
    """
    The candidate applied.

    Args:
        at: When (any aware datetime; stored in UTC).
        note: Free text.

    .. versionadded:: 0.1.0
    """

    type: ClassVar[EventType] = EventType.APPLIED
    at: dt.datetime = attrs.field(converter=_to_at)
    note: str | None = attrs.field(default=None, validator=_note)


def _check_round(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= _checks.MAX_INTEGER):
        _checks.check_count(value, field="round", minimum=1)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Advanced:
    """
    The opportunity moved to a stage of its pipeline (screening, an interview round, …).

    Args:
        at: When.
        stage: The name of the stage reached, such as ``"interviewing"``.
        round: For a stage that repeats (interview rounds), which round; when
            left out on a repeat, the next round is assumed.
        note: Free text.

    .. versionadded:: 0.1.0
    """

    type: ClassVar[EventType] = EventType.ADVANCED
    at: dt.datetime = attrs.field(converter=_to_at)
    stage: str = attrs.field(validator=_checks.text("stage"))
    round: int | None = attrs.field(default=None, validator=_check_round)
    note: str | None = attrs.field(default=None, validator=_note)


# Each enum field has a named converter, a call of its enum_converter: the attrs plugin
# of mypy types a field from a named function's signature.
_direction_member = _checks.enum_converter(Direction, field="direction")


def _to_direction(value: Direction | str) -> Direction:
    return _direction_member(value)


_channel_member = _checks.enum_converter(Channel, field="channel")


def _to_channel(value: Channel | str | None) -> Channel | None:
    return None if value is None else _channel_member(value)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Contact:
    """
    A message, call or meeting between the candidate and the employer (or its recruiter).

    Args:
        at: When.
        direction: ``inbound`` (from the employer) or ``outbound``.
        channel: How (see :class:`Channel`; its value is accepted too), if known.
        note: Free text, such as what the recruiter said.

    .. versionadded:: 0.1.0
    """

    type: ClassVar[EventType] = EventType.CONTACT
    at: dt.datetime = attrs.field(converter=_to_at)
    direction: Direction = attrs.field(converter=_to_direction)
    channel: Channel | None = attrs.field(default=None, converter=_to_channel)
    note: str | None = attrs.field(default=None, validator=_note)


_polarity_member = _checks.enum_converter(Polarity, field="polarity")


def _to_polarity(value: Polarity | str) -> Polarity:
    return _polarity_member(value)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Signal:
    """
    Soft feedback: "they were very impressed" is a signal, not an offer.

    Args:
        at: When.
        polarity: ``positive`` or ``negative``.
        note: What was said.

    .. versionadded:: 0.1.0
    """

    type: ClassVar[EventType] = EventType.SIGNAL
    at: dt.datetime = attrs.field(converter=_to_at)
    polarity: Polarity = attrs.field(converter=_to_polarity)
    note: str | None = attrs.field(default=None, validator=_note)


_form_member = _checks.enum_converter(OfferForm, field="form")


def _to_form(value: OfferForm | str) -> OfferForm:
    return _form_member(value)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Offer:
    """
    An offer: ``verbal`` (nothing is certain yet) or ``written``.

    Args:
        at: When the offer was made.
        form: ``verbal`` or ``written``.
        deadline: When the offer expires, if it does; not before ``at``.
        note: Free text (terms, salary, …).

    Raises:
        InvalidEventError: the deadline is before the offer.

    .. versionadded:: 0.1.0
    """

    type: ClassVar[EventType] = EventType.OFFER
    at: dt.datetime = attrs.field(converter=_to_at)
    form: OfferForm = attrs.field(converter=_to_form)
    deadline: dt.datetime | None = attrs.field(default=None, converter=_to_deadline)
    note: str | None = attrs.field(default=None, validator=_note)

    def __attrs_post_init__(self) -> None:
        if self.deadline is not None and self.deadline < self.at:
            raise InvalidEventError(
                "the deadline is before the offer",
                path="deadline",
                received=self.deadline.isoformat(),
                allowed=f"an instant at or after {self.at.isoformat()}",
            )


_outcome_member = _checks.enum_converter(Outcome, field="outcome")


def _to_outcome(value: Outcome | str) -> Outcome:
    return _outcome_member(value)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Closed:
    """
    The opportunity ended, with an outcome.

    Args:
        at: When.
        outcome: How it ended (see :class:`~pipeline_core.outcomes.Outcome`).
        reason: Why, in free text ("an old employee came back").

    .. versionadded:: 0.1.0
    """

    type: ClassVar[EventType] = EventType.CLOSED
    at: dt.datetime = attrs.field(converter=_to_at)
    outcome: Outcome = attrs.field(converter=_to_outcome)
    reason: str | None = attrs.field(
        default=None, validator=_checks.optional_text("reason", max_length=_checks.MAX_TEXT)
    )


Event = Applied | Advanced | Contact | Signal | Offer | Closed
"""Any one of the six event classes."""
