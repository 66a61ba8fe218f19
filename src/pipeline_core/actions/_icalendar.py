"""
Follow-ups as an iCalendar (RFC 5545) calendar of to-dos, as text.

Each follow-up is a ``VTODO`` with a ``DUE`` instant and a display alarm at that instant,
not an all-day ``VEVENT``: a follow-up is a task that stays on the list until it is done,
and an overdue one must not slide silently into the past the way an event does; task
apps (Apple Reminders, Thunderbird, Outlook, Nextcloud, any CalDAV client) show it as
such. The text is what RFC 5545 asks for: CRLF line endings, lines folded at 75 octets
(never inside a UTF-8 character), TEXT values escaped, ``DTSTAMP`` from ``as_of`` (no
clock is read). Two properties let an app import a newer export over an older one:

- **UID** ``<kind>-<ordinal>-<opportunity id>@pipeline-core`` (the id percent-encoded):
  the same follow-up gets the same UID in every export, so it is updated, not duplicated.
- **SEQUENCE** is the due instant in whole minutes since 1970-01-01 UTC: a pure function
  of the follow-up that rises whenever its due date moves later (a step taken late, a
  holiday added), which is how a follow-up usually moves. A due date moved earlier (a
  shorter cadence) gives a lower number; clients that compare ``DTSTAMP`` still update.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterable

from pipeline_core import _checks
from pipeline_core.actions._follow_ups import FollowUp, FollowUpKind
from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.instants import to_utc

__all__ = [
    "DEFAULT_CALENDAR_NAME",
    "MAX_LINE_OCTETS",
    "escape_text",
    "fold",
    "follow_up_sequence",
    "follow_up_uid",
    "to_icalendar",
    "unfold",
]

MAX_LINE_OCTETS = 75
"""The longest content line RFC 5545 allows, in octets, not counting the line break."""

DEFAULT_CALENDAR_NAME = "Job search follow-ups"
"""The calendar's name when none is given."""

_PRODID = "-//pipeline_core//follow-ups//EN"
_CONTROLS = dict.fromkeys((*range(9), *range(10, 32), 127), " ")
_FOLDED = re.compile(r"\r\n[ \t]")
_SUMMARIES = {
    FollowUpKind.THANK_YOU: "Thank-you note",
    FollowUpKind.CHASE: "Check in",
    FollowUpKind.LAST_CHASE: "Last check-in",
    FollowUpKind.ANSWER_OFFER: "Answer the offer",
    FollowUpKind.DECIDE: "Decide",
}


def escape_text(value: str) -> str:
    r"""
    Return ``value`` as an RFC 5545 TEXT value: ``\``, ``;``, ``,`` and newlines escaped.

    Other control characters (which TEXT may not hold) become spaces, and text that is
    not valid Unicode (lone surrogates) becomes ``?``.
    """
    text = value.encode("utf-8", "replace").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n").translate(_CONTROLS)


def fold(line: str) -> str:
    """
    Return one content line folded at :data:`MAX_LINE_OCTETS` octets (RFC 5545, 3.1).

    A continuation starts with a space, which counts towards its 75 octets; a line is
    never cut inside a UTF-8 character. :func:`unfold` gives back ``line``.
    """
    if len(line) * 4 <= MAX_LINE_OCTETS or len(line.encode("utf-8")) <= MAX_LINE_OCTETS:
        return line
    parts: list[str] = []
    start = size = 0
    limit = MAX_LINE_OCTETS
    for position, character in enumerate(line):
        octets = 1 if character < "\x80" else len(character.encode("utf-8"))
        if size + octets > limit:
            parts.append(line[start:position])
            start, size, limit = position, 0, MAX_LINE_OCTETS - 1
        size += octets
    parts.append(line[start:])
    return "\r\n ".join(parts)


def unfold(text: str) -> str:
    """
    Return iCalendar text with its folded lines joined again (RFC 5545, 3.1).
    """
    return _FOLDED.sub("", text)


def follow_up_uid(follow_up: FollowUp) -> str:
    """
    Return the follow-up's UID: the same in every export, for the same follow-up.
    """
    identity = urllib.parse.quote(follow_up.opportunity_id, safe="")
    return f"{follow_up.kind.value}-{follow_up.ordinal}-{identity}@pipeline-core"


def follow_up_sequence(follow_up: FollowUp) -> int:
    """
    Return the follow-up's SEQUENCE: its due instant in whole minutes since 1970 (at least 0).
    """
    return max(0, int(follow_up.due.timestamp() // 60))


def _stamp(when: dt.datetime) -> str:
    return f"{when:%Y%m%dT%H%M%S}Z"


def to_icalendar(
    follow_ups: Iterable[FollowUp],
    *,
    as_of: dt.datetime,
    calendar_name: str = DEFAULT_CALENDAR_NAME,
) -> str:
    """
    Return follow-ups as an RFC 5545 calendar of to-dos (``VTODO``), as text.

    Args:
        follow_ups: The follow-ups, as :func:`~pipeline_core.follow_ups` returns them.
        as_of: When the calendar is made: its ``DTSTAMP`` (any aware datetime).
        calendar_name: The calendar's name (``X-WR-CALNAME``).

    Returns:
        The calendar, CRLF line endings, every line at most 75 octets; write it to a
        ``.ics`` file encoded as UTF-8.

    Raises:
        WrongTypeError: ``follow_ups`` is not a collection of FollowUp.
        InvalidValueError: two follow-ups have the same UID, or the name is blank or
            longer than 200 characters.
        NaiveDatetimeError: ``as_of`` has no time zone.

    .. versionadded:: 0.1.0
    """
    items = _checks.check_tuple(follow_ups, field="follow_ups")
    stamp = _stamp(to_utc(as_of, field="as_of"))
    name = _checks.check_text(calendar_name, field="calendar_name")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    seen: set[str] = set()
    for position, follow_up in enumerate(items):
        if not isinstance(follow_up, FollowUp):
            raise WrongTypeError(
                "expected a FollowUp",
                path=f"follow_ups[{position}]",
                received=follow_up,
                allowed="FollowUp objects",
            )
        uid = follow_up_uid(follow_up)
        if uid in seen:
            raise InvalidValueError(
                "duplicate follow-up",
                path=f"follow_ups[{position}]",
                received=uid,
                allowed="each (opportunity, kind, ordinal) at most once",
            )
        seen.add(uid)
        lines.extend(_todo(follow_up, uid, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _todo(follow_up: FollowUp, uid: str, stamp: str) -> list[str]:
    summary = escape_text(
        f"{_SUMMARIES[follow_up.kind]}: {follow_up.organization}, {follow_up.title}"
    )
    description = escape_text(f"{follow_up.reason}\n\n{follow_up.action}")
    return [
        "BEGIN:VTODO",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"SEQUENCE:{follow_up_sequence(follow_up)}",
        f"DUE:{_stamp(follow_up.due)}",
        f"SUMMARY:{summary}",
        f"DESCRIPTION:{description}",
        f"CATEGORIES:{follow_up.kind.value.upper().replace('_', '-')}",
        "STATUS:NEEDS-ACTION",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{summary}",
        "TRIGGER;RELATED=END:PT0S",
        "END:VALARM",
        "END:VTODO",
    ]
