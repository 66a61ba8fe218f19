"""
The interchange format: searches as JSON-safe dicts, and back.

This is a public contract (see :doc:`/reference/interchange`): storage
adapters, apps and tests exchange searches in this shape. ``to_dict`` output
round-trips exactly; keys that are not part of the format are refused; every
problem is reported as a :class:`~pipeline_core.exceptions.DecodeError` that
names its JSON path, such as ``opportunities[2].events[0].at``.

The pipeline definition travels in an optional ``"pipeline"`` key, written
only when it is not the default one::

    {"name": "academic",
     "stages": [{"name": "interested", "kind": "prospect"},
                {"name": "applied", "kind": "applied", "p_advance": 0.1, "response_days": 30},
                …],
     "transitions": {"interested": ["applied"], …}}

The codec sits below the aggregates: it reads and writes the pieces of a
document (events, pipeline definitions, goals, the keys of an opportunity and of
a search) and :meth:`Search.from_dict <pipeline_core.search.Search.from_dict>`
and :meth:`Opportunity.from_dict <pipeline_core.opportunity.Opportunity.from_dict>`
assemble themselves from them. The decoder checks a document's structure (objects,
their keys, arrays, instants); the classes' constructors check the values, each rule
written once in :mod:`pipeline_core._checks`; :func:`decoding` turns their errors
into a :class:`~pipeline_core.exceptions.DecodeError` under the JSON path.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from pipeline_core import _checks
from pipeline_core.events import (
    Advanced,
    Applied,
    Closed,
    Contact,
    Event,
    EventType,
    Offer,
    Signal,
)
from pipeline_core.exceptions import DecodeError, InputError
from pipeline_core.goals import Goals
from pipeline_core.instants import format_instant, parse_instant
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, Stage

__all__ = [
    "SCHEMA_VERSION",
    "event_from_dict",
    "event_to_dict",
    "opportunity_to_dict",
    "pipeline_from_dict",
    "pipeline_to_dict",
    "search_to_dict",
]

SCHEMA_VERSION = 1
"""The version of the interchange format this library writes and reads."""

Instants = dict[str, dt.datetime]
"""Instants parsed so far in one document, by their text: equal texts share one datetime."""


def read_instant(value: object, field: str, instants: Instants) -> dt.datetime:
    """
    Return the instant written as ``value`` (ISO 8601 with an offset), in UTC.

    Raises:
        InputError: ``value`` is not such a text (the error names ``field``).
    """
    if type(value) is str:
        at = instants.get(value)
        if at is None:
            at = instants[value] = parse_instant(value, field=field)
        return at
    return parse_instant(value, field=field)


def read_optional_instant(fields: Mapping[str, Any], key: str, instants: Instants) -> Any:  # noqa: ANN401
    """
    Return the instant under ``key`` in ``fields``, or ``None`` when it is absent or null.
    """
    value = fields.get(key)
    return None if value is None else read_instant(value, key, instants)


# -- events -----------------------------------------------------------------------------------


def event_to_dict(event: Event) -> dict[str, Any]:
    """
    Return one event in the interchange format.
    """
    out: dict[str, Any] = {"type": event.type.value, "at": format_instant(event.at)}
    match event:
        case Applied():
            pass
        case Advanced():
            out["stage"] = event.stage
            if event.round is not None:
                out["round"] = event.round
        case Contact():
            out["direction"] = event.direction.value
            if event.channel is not None:
                out["channel"] = event.channel.value
        case Signal():
            out["polarity"] = event.polarity.value
        case Offer():
            out["form"] = event.form.value
            if event.deadline is not None:
                out["deadline"] = format_instant(event.deadline)
        case _:  # Closed, the last kind
            out["outcome"] = event.outcome.value
            if event.reason is not None:
                out["reason"] = event.reason
    if not isinstance(event, Closed) and event.note is not None:
        out["note"] = event.note
    return out


def _applied(data: Mapping[str, Any], instants: Instants) -> Applied:
    return Applied(at=read_instant(data["at"], "at", instants), note=data.get("note"))


def _advanced(data: Mapping[str, Any], instants: Instants) -> Advanced:
    return Advanced(
        at=read_instant(data["at"], "at", instants),
        stage=data["stage"],
        round=data.get("round"),
        note=data.get("note"),
    )


def _contact(data: Mapping[str, Any], instants: Instants) -> Contact:
    return Contact(
        at=read_instant(data["at"], "at", instants),
        direction=data["direction"],
        channel=data.get("channel"),
        note=data.get("note"),
    )


def _signal(data: Mapping[str, Any], instants: Instants) -> Signal:
    return Signal(
        at=read_instant(data["at"], "at", instants),
        polarity=data["polarity"],
        note=data.get("note"),
    )


def _offer(data: Mapping[str, Any], instants: Instants) -> Offer:
    return Offer(
        at=read_instant(data["at"], "at", instants),
        form=data["form"],
        deadline=read_optional_instant(data, "deadline", instants),
        note=data.get("note"),
    )


def _closed(data: Mapping[str, Any], instants: Instants) -> Closed:
    return Closed(
        at=read_instant(data["at"], "at", instants),
        outcome=data["outcome"],
        reason=data.get("reason"),
    )


class _EventReader:
    """How one kind of event is read: its keys, and the function that builds it."""

    __slots__ = ("allowed", "build", "optional", "required")

    def __init__(
        self,
        build: Callable[[Mapping[str, Any], Instants], Event],
        required: frozenset[str],
        optional: frozenset[str],
    ) -> None:
        self.build = build
        self.required = frozenset({"type", "at"}) | required
        self.optional = optional
        self.allowed = self.required | optional


_EVENT_READERS: Mapping[str, _EventReader] = {
    EventType.APPLIED.value: _EventReader(_applied, frozenset(), frozenset({"note"})),
    EventType.ADVANCED.value: _EventReader(
        _advanced, frozenset({"stage"}), frozenset({"round", "note"})
    ),
    EventType.CONTACT.value: _EventReader(
        _contact, frozenset({"direction"}), frozenset({"channel", "note"})
    ),
    EventType.SIGNAL.value: _EventReader(_signal, frozenset({"polarity"}), frozenset({"note"})),
    EventType.OFFER.value: _EventReader(
        _offer, frozenset({"form"}), frozenset({"deadline", "note"})
    ),
    EventType.CLOSED.value: _EventReader(_closed, frozenset({"outcome"}), frozenset({"reason"})),
}
"""Each kind of event by its ``"type"``: the keys it allows and how it is built."""
_EVENT_TYPES_ALLOWED = ", ".join(repr(t.value) for t in EventType)


def decode_event(data: object, instants: Instants) -> Event:
    """
    Build one event from the interchange format; errors name paths inside the event.

    Raises:
        InputError: the data is not a valid event (its constructor's error, or a
            DecodeError about the structure).
    """
    if type(data) is not dict and not isinstance(data, Mapping):
        raise DecodeError("expected an object", path="", received=data, allowed="a JSON object")
    kind = data.get("type")
    reader = _EVENT_READERS.get(kind) if type(kind) is str else None
    if reader is None:
        raise DecodeError(
            "unknown event type", path="type", received=kind, allowed=_EVENT_TYPES_ALLOWED
        )
    keys = data.keys()
    if not reader.required <= keys <= reader.allowed:  # read_object names the key
        _checks.read_object(data, "", required=reader.required, optional=reader.optional)
    return reader.build(data, instants)


def event_from_dict(data: object, path: str = "") -> Event:
    """
    Build one event from the interchange format.

    Raises:
        DecodeError: the data is not a valid event.
    """
    return _checks.build_at(path, lambda: decode_event(data, {}))


def decode_events(data: object, instants: Instants) -> tuple[Event, ...]:
    """
    Build an opportunity's ``events`` array; errors name ``events[i]…``.

    Raises:
        InputError: an event is not valid, or ``data`` is not an array.
    """
    items = _checks.read_array(data, "events")
    events: list[Event] = []
    append = events.append
    position = 0
    try:
        for position, item in enumerate(items):  # noqa: B007 - read in the handler
            append(decode_event(item, instants))
    except InputError as error:
        raise _checks.decode_error(error, f"events[{position}]") from error
    return tuple(events)


# -- pipeline definitions ---------------------------------------------------------------------

_STAGE_KEYS = frozenset({"kind", "p_advance", "response_days", "reference"})


def pipeline_to_dict(pipeline: PipelineDefinition) -> dict[str, Any]:
    """
    Return a pipeline definition in the interchange format.
    """
    stages = []
    for stage in pipeline.stages:
        out: dict[str, Any] = {"name": stage.name, "kind": stage.kind.value}
        for key in ("p_advance", "response_days", "reference"):
            value = getattr(stage, key)
            if value is not None:
                out[key] = value
        stages.append(out)
    transitions: dict[str, list[str]] = {}
    for source, target in pipeline.transitions:
        transitions.setdefault(source, []).append(target)
    return {"name": pipeline.name, "stages": stages, "transitions": transitions}


def pipeline_from_dict(data: object, path: str = "pipeline") -> PipelineDefinition:
    """
    Build a pipeline definition from the interchange format.

    Raises:
        DecodeError: the data is not a valid pipeline definition.
    """
    fields = _checks.read_object(
        data, path, required=frozenset({"name", "stages", "transitions"}), optional=frozenset()
    )
    stages = []
    for position, item in enumerate(
        _checks.read_array(fields["stages"], _checks.join_path(path, "stages"))
    ):
        stage_path = f"{_checks.join_path(path, 'stages')}[{position}]"
        stage_fields = _checks.read_object(
            item, stage_path, required=frozenset({"name"}), optional=_STAGE_KEYS
        )
        stages.append(_checks.build_at(stage_path, functools.partial(Stage, **stage_fields)))
    transitions = fields["transitions"]
    transitions_path = _checks.join_path(path, "transitions")
    if not isinstance(transitions, Mapping):
        raise DecodeError(
            "expected an object",
            path=transitions_path,
            received=transitions,
            allowed='{"stage": ["next stage", …]}',
        )
    for source, targets in transitions.items():
        _checks.read_array(targets, f"{transitions_path}.{source}")
    return _checks.build_at(
        path,
        lambda: PipelineDefinition(
            name=fields["name"], stages=tuple(stages), transitions=transitions
        ),
    )


# -- opportunities ----------------------------------------------------------------------------

OPPORTUNITY_REQUIRED = frozenset({"id", "organization", "title", "source", "events"})
"""The keys every opportunity has."""
OPPORTUNITY_OPTIONAL = frozenset(
    {"industry", "location", "created_at", "salary", "tags", "url", "contact"}
)
"""The keys an opportunity may have."""
_SALARY_KEYS = frozenset({"min", "max", "currency"})
_CONTACT_KEYS = ("name", "email", "phone")


class EncodableSalary(Protocol):
    """
    What the encoder reads of a salary range (:class:`~pipeline_core.opportunity.SalaryRange`).
    """

    @property
    def minimum(self) -> float | None:
        """The lower bound."""

    @property
    def maximum(self) -> float | None:
        """The upper bound."""

    @property
    def currency(self) -> str | None:
        """The currency code."""


class EncodableContact(Protocol):
    """
    What the encoder reads of contact details (:class:`~pipeline_core.opportunity.ContactDetails`).
    """

    @property
    def name(self) -> str | None:
        """The person's name."""

    @property
    def email(self) -> str | None:
        """The email address."""

    @property
    def phone(self) -> str | None:
        """The phone number."""


class EncodableOpportunity(Protocol):
    """
    What the encoder reads of an opportunity (:class:`~pipeline_core.opportunity.Opportunity`).
    """

    @property
    def id(self) -> str:
        """The id."""

    @property
    def organization(self) -> str:
        """The employer."""

    @property
    def title(self) -> str:
        """The role."""

    @property
    def source(self) -> enum.Enum:
        """How it came."""

    @property
    def industry(self) -> str | None:
        """The industry."""

    @property
    def location(self) -> str | None:
        """The location."""

    @property
    def salary(self) -> EncodableSalary | None:
        """The salary range."""

    @property
    def tags(self) -> tuple[str, ...]:
        """The labels."""

    @property
    def url(self) -> str | None:
        """The job posting."""

    @property
    def contact(self) -> EncodableContact | None:
        """Whom to write to."""

    @property
    def created_at(self) -> dt.datetime | None:
        """When it was created."""

    @property
    def events(self) -> tuple[Event, ...]:
        """The history."""


def opportunity_to_dict(opportunity: EncodableOpportunity) -> dict[str, Any]:
    """
    Return an opportunity in the interchange format (without its pipeline definition).
    """
    out: dict[str, Any] = {
        "id": opportunity.id,
        "organization": opportunity.organization,
        "title": opportunity.title,
        "source": opportunity.source.value,
    }
    if opportunity.industry is not None:
        out["industry"] = opportunity.industry
    if opportunity.location is not None:
        out["location"] = opportunity.location
    if opportunity.salary is not None:
        salary = opportunity.salary
        out["salary"] = {
            key: value
            for key, value in (
                ("min", salary.minimum),
                ("max", salary.maximum),
                ("currency", salary.currency),
            )
            if value is not None
        }
    if opportunity.tags:
        out["tags"] = list(opportunity.tags)
    if opportunity.url is not None:
        out["url"] = opportunity.url
    if opportunity.contact is not None:
        contact = opportunity.contact
        out["contact"] = {
            key: value for key in _CONTACT_KEYS if (value := getattr(contact, key)) is not None
        }
    if opportunity.created_at is not None:
        out["created_at"] = format_instant(opportunity.created_at)
    out["events"] = [event_to_dict(event) for event in opportunity.events]
    return out


def read_opportunity(data: object) -> Mapping[str, Any]:
    """
    Return ``data`` if it is an object with an opportunity's keys (paths relative to it).

    Raises:
        DecodeError: it is not an object, a required key is missing or a key is unknown.
    """
    return _checks.read_object(
        data, "", required=OPPORTUNITY_REQUIRED, optional=OPPORTUNITY_OPTIONAL
    )


def read_salary(fields: Mapping[str, Any]) -> dict[str, Any] | None:
    """
    Return the keyword arguments of the opportunity's salary range, or ``None`` without one.

    Raises:
        DecodeError: ``salary`` is not an object of ``min``, ``max`` and ``currency``.
        InputError: ``min`` or ``max`` is not a number a salary may be (the error names
            ``salary.min`` or ``salary.max``).
    """
    if "salary" not in fields:
        return None
    salary = _checks.read_object(
        fields["salary"], "salary", required=frozenset(), optional=_SALARY_KEYS
    )
    for key in ("min", "max"):  # checked here too, so an error names the JSON key
        if salary.get(key) is not None:
            _checks.check_number(salary[key], field=f"salary.{key}")
    return {
        "minimum": salary.get("min"),
        "maximum": salary.get("max"),
        "currency": salary.get("currency"),
    }


def read_contact(fields: Mapping[str, Any]) -> dict[str, Any] | None:
    """
    Return the keyword arguments of the opportunity's contact details, or ``None`` without.

    Raises:
        DecodeError: ``contact`` is not an object of ``name``, ``email`` and ``phone``.
    """
    if "contact" not in fields:
        return None
    contact = _checks.read_object(
        fields["contact"], "contact", required=frozenset(), optional=frozenset(_CONTACT_KEYS)
    )
    return {key: contact.get(key) for key in _CONTACT_KEYS}


def read_tags(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    """
    Return the opportunity's ``tags`` array as a tuple (empty without one).

    Raises:
        DecodeError: ``tags`` is not an array.
    """
    if "tags" not in fields:
        return ()
    return tuple(_checks.read_array(fields["tags"], "tags"))


# -- searches ---------------------------------------------------------------------------------

_SEARCH_REQUIRED = frozenset({"schema", "opportunities"})
_SEARCH_OPTIONAL = frozenset({"goals", "pipeline"})
_GOAL_KEYS = frozenset({"min_live", "weekly_applications", "offer_by"})


class EncodableSearch(Protocol):
    """
    What the encoder reads of a search (:class:`~pipeline_core.search.Search`).
    """

    @property
    def opportunities(self) -> Sequence[EncodableOpportunity]:
        """The opportunities."""

    @property
    def goals(self) -> Goals:
        """The goals."""

    @property
    def pipeline(self) -> PipelineDefinition:
        """The pipeline definition."""


def goals_to_dict(goals: Goals) -> dict[str, Any]:
    """
    Return the goals that are set, in the interchange format.
    """
    out: dict[str, Any] = {}
    if goals.min_live is not None:
        out["min_live"] = goals.min_live
    if goals.weekly_applications is not None:
        out["weekly_applications"] = goals.weekly_applications
    if goals.offer_by is not None:
        out["offer_by"] = format_instant(goals.offer_by)
    return out


def goals_from_dict(data: object, path: str = "goals") -> Goals:
    """
    Build goals from the interchange format.

    Raises:
        DecodeError: the data is not valid goals.
    """
    return _checks.build_at(path, lambda: _goals(data))


def _goals(data: object) -> Goals:
    fields = _checks.read_object(data, "", required=frozenset(), optional=_GOAL_KEYS)
    offer_by = read_optional_instant(fields, "offer_by", {})
    return Goals(
        min_live=fields.get("min_live"),
        weekly_applications=fields.get("weekly_applications"),
        offer_by=offer_by,
    )


def search_to_dict(search: EncodableSearch) -> dict[str, Any]:
    """
    Return a search in the interchange format.
    """
    out: dict[str, Any] = {"schema": SCHEMA_VERSION}
    if search.pipeline != DEFAULT_PIPELINE:
        out["pipeline"] = pipeline_to_dict(search.pipeline)
    if not search.goals.is_empty:
        out["goals"] = goals_to_dict(search.goals)
    out["opportunities"] = [opportunity_to_dict(o) for o in search.opportunities]
    return out


def read_search(data: object) -> tuple[PipelineDefinition, Goals, Sequence[Any]]:
    """
    Read a search document's schema, pipeline and goals; return them and its opportunities.

    The opportunities are returned as they are written (an array of anything):
    :meth:`Search.from_dict <pipeline_core.search.Search.from_dict>` builds them.

    Raises:
        DecodeError: the data is not a search document of this schema version, or its
            pipeline definition or goals are not valid.
    """
    fields = _checks.read_object(data, "", required=_SEARCH_REQUIRED, optional=_SEARCH_OPTIONAL)
    schema = fields["schema"]
    if type(schema) is not int or schema != SCHEMA_VERSION:
        raise DecodeError(
            "unsupported schema version",
            path="schema",
            received=schema,
            allowed=f"{SCHEMA_VERSION} (the version this library reads)",
        )
    pipeline = pipeline_from_dict(fields["pipeline"]) if "pipeline" in fields else DEFAULT_PIPELINE
    goals = goals_from_dict(fields["goals"]) if "goals" in fields else Goals()
    return pipeline, goals, _checks.read_array(fields["opportunities"], "opportunities")
