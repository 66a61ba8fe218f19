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

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pipeline_core import _checks
from pipeline_core.events import (
    Advanced,
    Applied,
    Closed,
    Contact,
    Direction,
    Event,
    EventType,
    Offer,
    OfferForm,
    Polarity,
    Signal,
    _AdvancedDraft,
    _AppliedDraft,
    _ClosedDraft,
    _ContactDraft,
    _OfferDraft,
    _SignalDraft,
)
from pipeline_core.exceptions import DecodeError, InputError
from pipeline_core.goals import Goals
from pipeline_core.instants import format_instant, parse_instant, to_utc
from pipeline_core.opportunity import Opportunity, SalaryRange, Source, _opportunity_from_checked
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, Stage
from pipeline_core.search import Search

__all__ = [
    "SCHEMA_VERSION",
    "opportunity_from_dict",
    "opportunity_to_dict",
    "pipeline_from_dict",
    "pipeline_to_dict",
    "search_from_dict",
    "search_to_dict",
]

SCHEMA_VERSION = 1
"""The version of the interchange format this library writes and reads."""

T = TypeVar("T")

_EVENT_KEYS: Mapping[str, tuple[frozenset[str], frozenset[str]]] = {
    # type: (required keys besides "type" and "at", optional keys)
    EventType.APPLIED: (frozenset(), frozenset({"note"})),
    EventType.ADVANCED: (frozenset({"stage"}), frozenset({"round", "note"})),
    EventType.CONTACT: (frozenset({"direction"}), frozenset({"channel", "note"})),
    EventType.SIGNAL: (frozenset({"polarity"}), frozenset({"note"})),
    EventType.OFFER: (frozenset({"form"}), frozenset({"deadline", "note"})),
    EventType.CLOSED: (frozenset({"outcome"}), frozenset({"reason"})),
}


_EVENT_COMMON = frozenset({"type", "at"})


def _instant_or_none(data: Mapping[str, Any], key: str, path: str) -> Any:  # noqa: ANN401
    value = data.get(key)
    if value is None:
        return None
    return _checks.build_at("", lambda: parse_instant(value, field=_checks.join_path(path, key)))


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
                out["channel"] = event.channel
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


_EVENT_CLASSES: Mapping[str, type[Applied | Advanced | Contact | Signal | Offer | Closed]] = {
    EventType.APPLIED: Applied,
    EventType.ADVANCED: Advanced,
    EventType.CONTACT: Contact,
    EventType.SIGNAL: Signal,
    EventType.OFFER: Offer,
    EventType.CLOSED: Closed,
}
_EVENT_TYPES_ALLOWED = ", ".join(repr(t.value) for t in EventType)


_UTC = dt.UTC
_FROM_ISO = dt.datetime.fromisoformat
# A builder: (an event's dict, its parsed instant, the search's memo of instants) -> the event.
_Builder = Callable[[Mapping[str, Any], dt.datetime, dict[str, dt.datetime]], Event]


# The fast builders check each value with the rule of its class (see _checks.check_text and
# the converters in pipeline_core.events) and build the event without checking it again.
# They accept only exact types (str, int) and raise on anything unusual: the slow path then
# decides, so anything it accepts in another form (a str subclass, an enum member) still works.
_MAX_NAME = _checks.MAX_NAME
_MAX_TEXT = _checks.MAX_TEXT
_DIRECTIONS = _checks.members(Direction)
_POLARITIES = _checks.members(Polarity)
_FORMS = _checks.members(OfferForm)
_OUTCOMES = _checks.members(Outcome)
_SOURCES = _checks.members(Source)
_is_text = _checks.is_text


# The builders below inline that rule for the values most events have (a stage, a
# channel) and look enums up directly: a call per value is a good part of their time.
# Each fills a draft of its event (see pipeline_core.events) and turns it into the event
# by assigning its __class__.
_new = object.__new__


def _fast_applied(data: Mapping[str, Any], at: dt.datetime, _: dict[str, dt.datetime]) -> Event:
    note = data.get("note")
    if note is not None and not _is_text(note, _MAX_TEXT):
        raise ValueError(note)
    event: Any = _new(_AppliedDraft)
    event.at = at
    event.note = note
    event.__class__ = Applied
    return event  # type: ignore[no-any-return]


def _fast_advanced(data: Mapping[str, Any], at: dt.datetime, _: dict[str, dt.datetime]) -> Event:
    stage = data["stage"]
    if type(stage) is not str or not 0 < len(stage) <= _MAX_NAME or stage.isspace():
        raise ValueError(stage)
    round_ = data.get("round")
    if round_ is not None and (type(round_) is not int or round_ < 1):
        raise ValueError(round_)
    note = data.get("note")
    if note is not None and not _is_text(note, _MAX_TEXT):
        raise ValueError(note)
    event: Any = _new(_AdvancedDraft)
    event.at = at
    event.stage = stage
    event.round = round_
    event.note = note
    event.__class__ = Advanced
    return event  # type: ignore[no-any-return]


def _fast_contact(data: Mapping[str, Any], at: dt.datetime, _: dict[str, dt.datetime]) -> Event:
    direction = data["direction"]
    if type(direction) is not str:
        raise TypeError(direction)
    channel = data.get("channel")
    if channel is not None and (
        type(channel) is not str or not 0 < len(channel) <= _MAX_NAME or channel.isspace()
    ):
        raise ValueError(channel)
    note = data.get("note")
    if note is not None and not _is_text(note, _MAX_TEXT):
        raise ValueError(note)
    event: Any = _new(_ContactDraft)
    event.at = at
    event.direction = _DIRECTIONS[direction]  # KeyError for an unknown value
    event.channel = channel
    event.note = note
    event.__class__ = Contact
    return event  # type: ignore[no-any-return]


def _fast_signal(data: Mapping[str, Any], at: dt.datetime, _: dict[str, dt.datetime]) -> Event:
    polarity = data["polarity"]
    if type(polarity) is not str:
        raise TypeError(polarity)
    note = data.get("note")
    if note is not None and not _is_text(note, _MAX_TEXT):
        raise ValueError(note)
    event: Any = _new(_SignalDraft)
    event.at = at
    event.polarity = _POLARITIES[polarity]
    event.note = note
    event.__class__ = Signal
    return event  # type: ignore[no-any-return]


def _fast_offer(data: Mapping[str, Any], at: dt.datetime, memo: dict[str, dt.datetime]) -> Event:
    form = data["form"]
    if type(form) is not str:
        raise TypeError(form)
    deadline = data.get("deadline")
    if deadline is not None:
        deadline = _instant_fast(deadline, memo)
        if deadline < at:
            raise ValueError(deadline)
    note = data.get("note")
    if note is not None and not _is_text(note, _MAX_TEXT):
        raise ValueError(note)
    event: Any = _new(_OfferDraft)
    event.at = at
    event.form = _FORMS[form]
    event.deadline = deadline
    event.note = note
    event.__class__ = Offer
    return event  # type: ignore[no-any-return]


def _fast_closed(data: Mapping[str, Any], at: dt.datetime, _: dict[str, dt.datetime]) -> Event:
    outcome = data["outcome"]
    if type(outcome) is not str:
        raise TypeError(outcome)
    reason = data.get("reason")
    if reason is not None and not _is_text(reason, _MAX_TEXT):
        raise ValueError(reason)
    event: Any = _new(_ClosedDraft)
    event.at = at
    event.outcome = _OUTCOMES[outcome]
    event.reason = reason
    event.__class__ = Closed
    return event  # type: ignore[no-any-return]


_BUILDERS: Mapping[str, _Builder] = {
    EventType.APPLIED: _fast_applied,
    EventType.ADVANCED: _fast_advanced,
    EventType.CONTACT: _fast_contact,
    EventType.SIGNAL: _fast_signal,
    EventType.OFFER: _fast_offer,
    EventType.CLOSED: _fast_closed,
}
# type: (builder, keys allowed, how many keys are required). Plain str keys: a lookup
# with the JSON text is then a plain string comparison. The builders read every
# required key with data[key], which raises KeyError when one is missing; so a dict with
# exactly as many keys as are required has no other key, and needs no key check at all.
_EVENT_SHAPES: Mapping[str, tuple[_Builder, frozenset[str], int]] = {
    EventType(kind).value: (
        _BUILDERS[kind],
        required | optional | _EVENT_COMMON,
        len(required | _EVENT_COMMON),
    )
    for kind, (required, optional) in _EVENT_KEYS.items()
}
_SEQUENCES = (list, tuple)
# What the fast paths may raise on bad input; the slow path then finds and names the problem.
_FAST_FAILURES = (InputError, KeyError, TypeError, ValueError, AttributeError)


def _instant_fast(text: str, memo: dict[str, dt.datetime]) -> dt.datetime:
    """
    Parse an instant without the error reporting; equal texts share one datetime object.

    Raises:
        TypeError, ValueError: the text is not an aware ISO 8601 instant (the
            caller falls back to the slow path, which names the problem).
    """
    at = memo.get(text)
    if at is None:
        at = _FROM_ISO(text)
        if at.tzinfo is not _UTC:
            at = to_utc(at, field="at")
        memo[text] = at
    return at


def _events_fast(items: object, memo: dict[str, dt.datetime]) -> tuple[Event, ...]:
    """
    Decode a list of well-formed events quickly: one dict lookup and one constructor each.

    Raises:
        InputError, KeyError, TypeError, ValueError, AttributeError: anything is
            wrong; the caller then decodes again with :func:`event_from_dict`,
            which accepts exactly the same events and names the problem.
    """
    if not isinstance(items, _SEQUENCES):
        raise TypeError(items)
    events: list[Event] = []
    append = events.append
    for data in items:
        build, allowed, required = _EVENT_SHAPES[data["type"]]
        if len(data) != required and not allowed.issuperset(data):
            raise KeyError(data)  # a key the format does not have
        text = data["at"]
        at = memo.get(text)  # many instants repeat within a search
        if at is None:  # _instant_fast, written out: this loop is the decoder's hottest
            at = _FROM_ISO(text)
            if at.tzinfo is not _UTC:
                at = to_utc(at, field="at")
            memo[text] = at
        append(build(data, at, memo))
    return tuple(events)


def event_from_dict(data: object, path: str = "") -> Event:
    """
    Build one event from the interchange format.

    Raises:
        DecodeError: the data is not a valid event.
    """
    if not isinstance(data, Mapping):
        raise DecodeError("expected an object", path=path, received=data, allowed="a JSON object")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in _EVENT_KEYS:
        raise DecodeError(
            "unknown event type",
            path=_checks.join_path(path, "type"),
            received=kind,
            allowed=_EVENT_TYPES_ALLOWED,
        )
    required, optional = _EVENT_KEYS[kind]
    fields = _checks.read_object(data, path, required=required | _EVENT_COMMON, optional=optional)
    values = {key: value for key, value in fields.items() if key != "type"}
    values["at"] = _checks.build_at(
        "", lambda: parse_instant(fields["at"], field=_checks.join_path(path, "at"))
    )
    if "deadline" in values:
        values["deadline"] = _instant_or_none(fields, "deadline", path)
    event_class = _EVENT_CLASSES[kind]
    return _checks.build_at(path, lambda: event_class(**values))


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

_OPPORTUNITY_REQUIRED = frozenset({"id", "organization", "title", "source", "events"})
_OPPORTUNITY_OPTIONAL = frozenset({"industry", "location", "created_at", "salary", "tags"})
_OPPORTUNITY_ALLOWED = _OPPORTUNITY_REQUIRED | _OPPORTUNITY_OPTIONAL
_SALARY_KEYS = frozenset({"min", "max", "currency"})
_MAX_TAG = 64  # as Opportunity's tags
_NO_TAGS: tuple[str, ...] = ()


def opportunity_to_dict(opportunity: Opportunity) -> dict[str, Any]:
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
    if opportunity.created_at is not None:
        out["created_at"] = format_instant(opportunity.created_at)
    out["events"] = [event_to_dict(event) for event in opportunity.events]
    return out


def opportunity_from_dict(
    data: object, *, pipeline: PipelineDefinition = DEFAULT_PIPELINE, path: str = ""
) -> Opportunity:
    """
    Build an opportunity from the interchange format.

    Raises:
        DecodeError: the data is not a valid opportunity.
    """
    opportunity = _opportunity_quick(data, pipeline, {})
    if opportunity is None:
        opportunity = _opportunity_slow(data, pipeline=pipeline, path=path)
    return opportunity


def _opportunity_quick(
    data: object, pipeline: PipelineDefinition, memo: dict[str, dt.datetime]
) -> Opportunity | None:
    """
    Decode an opportunity on the fast path; ``None`` if it cannot.

    The caller then decodes it with :func:`_opportunity_slow`, which accepts exactly
    the same opportunities and names the problem; its path is only built then.
    """
    # The required keys are read with data[key] there: a missing one raises KeyError.
    if isinstance(data, dict) and "salary" not in data and _OPPORTUNITY_ALLOWED.issuperset(data):
        try:
            return _opportunity_fast(data, pipeline, memo)
        except _FAST_FAILURES:
            pass  # decoded again by the caller, to name the problem
    return None


def _opportunity_fast(
    data: dict[str, Any], pipeline: PipelineDefinition, memo: dict[str, dt.datetime]
) -> Opportunity:
    """
    Decode a well-formed opportunity without a salary; raise anything on a problem.

    Each value is checked here, once, with the rule of :class:`Opportunity`, which is
    then built without checking them again. Equal instants in ``memo`` (one per search)
    share one datetime object.
    """
    # The rule of is_text, written out: five calls would cost a quarter of this function.
    identifier = data["id"]
    if type(identifier) is not str or not 0 < len(identifier) <= _MAX_NAME or identifier.isspace():
        raise ValueError(identifier)
    organization = data["organization"]
    if (
        type(organization) is not str
        or not 0 < len(organization) <= _MAX_NAME
        or organization.isspace()
    ):
        raise ValueError(organization)
    title = data["title"]
    if type(title) is not str or not 0 < len(title) <= _MAX_NAME or title.isspace():
        raise ValueError(title)
    location = data.get("location")
    if location is not None and (
        type(location) is not str or not 0 < len(location) <= _MAX_NAME or location.isspace()
    ):
        raise ValueError(location)
    industry = data.get("industry")
    if industry is not None and (
        type(industry) is not str or not 0 < len(industry) <= _MAX_NAME or industry.isspace()
    ):
        raise ValueError(industry)
    source = data["source"]
    if type(source) is not str:
        raise TypeError(source)
    tags = data.get("tags", _NO_TAGS)
    if tags is not _NO_TAGS:  # most opportunities have no tags
        if not isinstance(tags, _SEQUENCES):
            raise TypeError(tags)
        tags = tuple(tags)
        if len(set(tags)) != len(tags) or not all(_is_text(tag, _MAX_TAG) for tag in tags):
            raise ValueError(tags)
    created_at = data.get("created_at")
    if created_at is not None:
        created_at = _instant_fast(created_at, memo)
    return _opportunity_from_checked(
        identifier,
        organization,
        title,
        _SOURCES[source],
        location,
        industry,
        tags,
        created_at,
        _events_fast(data["events"], memo),
        pipeline,
    )


def _opportunity_slow(data: object, *, pipeline: PipelineDefinition, path: str) -> Opportunity:
    fields = _checks.read_object(
        data, path, required=_OPPORTUNITY_REQUIRED, optional=_OPPORTUNITY_OPTIONAL
    )
    events_path = _checks.join_path(path, "events")
    events = tuple(
        event_from_dict(item, f"{events_path}[{position}]")
        for position, item in enumerate(_checks.read_array(fields["events"], events_path))
    )
    salary = None
    if "salary" in fields:
        salary_path = _checks.join_path(path, "salary")
        salary_fields = _checks.read_object(
            fields["salary"], salary_path, required=frozenset(), optional=_SALARY_KEYS
        )
        salary = _checks.build_at(
            salary_path,
            lambda: SalaryRange(
                minimum=salary_fields.get("min"),
                maximum=salary_fields.get("max"),
                currency=salary_fields.get("currency"),
            ),
        )
    tags = fields.get("tags", [])
    if "tags" in fields:
        _checks.read_array(tags, _checks.join_path(path, "tags"))
    created_at = _instant_or_none(fields, "created_at", path)
    return _checks.build_at(
        path,
        lambda: Opportunity(
            id=fields["id"],
            organization=fields["organization"],
            title=fields["title"],
            source=fields["source"],
            industry=fields.get("industry"),
            location=fields.get("location"),
            salary=salary,
            tags=tuple(tags),
            created_at=created_at,
            events=events,
            pipeline=pipeline,
        ),
    )


# -- searches ---------------------------------------------------------------------------------

_GOAL_KEYS = frozenset({"min_live", "weekly_applications", "offer_by"})


def search_to_dict(search: Search) -> dict[str, Any]:
    """
    Return a search in the interchange format.
    """
    out: dict[str, Any] = {"schema": SCHEMA_VERSION}
    if search.pipeline != DEFAULT_PIPELINE:
        out["pipeline"] = pipeline_to_dict(search.pipeline)
    goals = search.goals
    if not goals.is_empty:
        out["goals"] = {}
        if goals.min_live is not None:
            out["goals"]["min_live"] = goals.min_live
        if goals.weekly_applications is not None:
            out["goals"]["weekly_applications"] = goals.weekly_applications
        if goals.offer_by is not None:
            out["goals"]["offer_by"] = format_instant(goals.offer_by)
    out["opportunities"] = [opportunity_to_dict(o) for o in search.opportunities]
    return out


def search_from_dict(data: object) -> Search:
    """
    Build a search from the interchange format.

    Raises:
        DecodeError: the data is not a valid search; the error names the JSON path.
    """
    fields = _checks.read_object(
        data,
        "",
        required=frozenset({"schema", "opportunities"}),
        optional=frozenset({"goals", "pipeline"}),
    )
    schema = fields["schema"]
    if type(schema) is not int or schema != SCHEMA_VERSION:
        raise DecodeError(
            "unsupported schema version",
            path="schema",
            received=schema,
            allowed=f"{SCHEMA_VERSION} (the version this library reads)",
        )
    pipeline = pipeline_from_dict(fields["pipeline"]) if "pipeline" in fields else DEFAULT_PIPELINE
    goals = Goals()
    if "goals" in fields:
        goal_fields = _checks.read_object(
            fields["goals"], "goals", required=frozenset(), optional=_GOAL_KEYS
        )
        offer_by = _instant_or_none(goal_fields, "offer_by", "goals")
        goals = _checks.build_at(
            "goals",
            lambda: Goals(
                min_live=goal_fields.get("min_live"),
                weekly_applications=goal_fields.get("weekly_applications"),
                offer_by=offer_by,
            ),
        )
    memo: dict[str, dt.datetime] = {}
    opportunities = []
    for position, item in enumerate(_checks.read_array(fields["opportunities"], "opportunities")):
        opportunity = _opportunity_quick(item, pipeline, memo)
        if opportunity is None:
            path = f"opportunities[{position}]"
            opportunity = _opportunity_slow(item, pipeline=pipeline, path=path)
        opportunities.append(opportunity)
    return _checks.build_at(
        "", lambda: Search(opportunities=tuple(opportunities), goals=goals, pipeline=pipeline)
    )
