"""
Opportunities: one role at one organisation, and its history of events.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from pipeline_core import _checks, codec
from pipeline_core._views import Views
from pipeline_core.events import Advanced, Applied, Closed, Contact, Event, Offer, Signal
from pipeline_core.exceptions import InvalidEventError, InvalidValueError, WrongTypeError
from pipeline_core.instants import SECONDS_PER_DAY, format_instant, to_utc
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition
from pipeline_core.replay import OpportunityState, check_history, replay

__all__ = ["ContactDetails", "Opportunity", "SalaryRange", "Source"]


class Source(enum.StrEnum):
    """
    How the opportunity reached the candidate; the outlook adjusts its chances by it.

    .. versionadded:: 0.1.0
    """

    JOB_BOARD = "job_board"
    COMPANY_SITE = "company_site"
    REFERRAL = "referral"
    AGENCY_RECRUITER = "agency_recruiter"
    """An external recruiter, whose fee (15-25 % of first-year pay) the employer weighs."""
    INTERNAL_RECRUITER = "internal_recruiter"
    NETWORK = "network"
    OTHER = "other"


def _check_salary_bound(
    instance: SalaryRange, attribute: attrs.Attribute[Any], value: object
) -> None:
    del instance
    if value is not None:
        _checks.check_number(value, field=attribute.name)


@attrs.frozen(kw_only=True)
class SalaryRange:
    """
    A salary range, for the record: the risk model does not read it.

    Args:
        minimum: The lower bound, or ``None``.
        maximum: The upper bound, or ``None``; not below ``minimum``.
        currency: An ISO 4217 code such as ``"USD"``, or ``None``.

    Raises:
        InvalidValueError: a bound is negative, or ``maximum < minimum``.

    .. versionadded:: 0.1.0
    """

    minimum: float | None = attrs.field(default=None, validator=_check_salary_bound)
    maximum: float | None = attrs.field(default=None, validator=_check_salary_bound)
    currency: str | None = attrs.field(
        default=None, validator=_checks.optional_text("currency", max_length=8)
    )

    def __attrs_post_init__(self) -> None:
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise InvalidValueError(
                "the maximum is below the minimum",
                path="maximum",
                received=self.maximum,
                allowed=f"a number >= {self.minimum}",
            )


def _check_name(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None:
        _checks.check_text(value, field="name")


def _check_email(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None:
        _checks.check_email(value, field="email")


def _check_phone(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None:
        _checks.check_phone(value, field="phone")


@attrs.frozen(kw_only=True)
class ContactDetails:
    """
    Whom to write to about an opportunity: a recruiter, a hiring manager.

    Args:
        name: The person's name.
        email: An email address (it has an ``@``).
        phone: A phone number (digits, spaces and ``+-().x/``).

    Raises:
        InvalidValueError: a value is not valid, or none is given.

    .. versionadded:: 0.1.0
    """

    name: str | None = attrs.field(default=None, validator=_check_name)
    email: str | None = attrs.field(default=None, validator=_check_email)
    phone: str | None = attrs.field(default=None, validator=_check_phone)

    def __attrs_post_init__(self) -> None:
        if self.name is None and self.email is None and self.phone is None:
            raise InvalidValueError(
                "empty contact details",
                path="name",
                received=None,
                allowed="a name, an email or a phone number",
            )

    @property
    def text(self) -> str:
        """
        The details as one line: ``"Dana Reyes <dana@acme.example>, +1 312 555 0100"``.
        """
        who = self.name or ""
        if self.email is not None:
            who = f"{who} <{self.email}>" if who else self.email
        if self.phone is not None:
            who = f"{who}, {self.phone}" if who else self.phone
        return who


def _check_url(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None:
        _checks.check_url(value, field="url")


def _check_contact(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    if value is not None and not isinstance(value, ContactDetails):
        raise WrongTypeError(
            "expected ContactDetails",
            path="contact",
            received=value,
            allowed="ContactDetails or None",
        )


_source_member = _checks.enum_converter(Source, field="source")


def to_source(value: Source | str) -> Source:
    """A :class:`Source` from a member or its value (a converter; errors name ``source``)."""
    return _source_member(value)


def _to_created_at(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else to_utc(value, field="created_at")


def _to_events(value: Iterable[Event]) -> tuple[Event, ...]:
    return _checks.check_tuple(value, field="events")


def _to_tags(value: Iterable[str]) -> tuple[str, ...]:
    if type(value) is tuple and not value:
        return value
    tags = _checks.check_tuple(value, field="tags")
    seen: set[str] = set()
    for position, tag in enumerate(tags):
        _checks.check_text(tag, field=f"tags[{position}]", max_length=64)
        if tag in seen:
            raise InvalidValueError(
                "duplicate tag", path=f"tags[{position}]", received=tag, allowed="distinct tags"
            )
        seen.add(tag)
    return tags


def _check_salary(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    if value is not None and not isinstance(value, SalaryRange):
        raise WrongTypeError(
            "expected a SalaryRange", path="salary", received=value, allowed="SalaryRange or None"
        )


def _check_pipeline(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    _checks.check_instance(
        value, PipelineDefinition, path="pipeline", allowed="a PipelineDefinition"
    )


_EVENT_CLASSES = (Applied, Advanced, Contact, Signal, Offer, Closed)
_EXACT_EVENT_CLASSES = frozenset(_EVENT_CLASSES)


def _check_event(_instance: object, _attribute: object, value: tuple[object, ...]) -> None:
    exact = _EXACT_EVENT_CLASSES
    for position, event in enumerate(value):
        if type(event) not in exact and not isinstance(event, _EVENT_CLASSES):
            raise WrongTypeError(
                "expected an event",
                path=f"events[{position}]",
                received=event,
                allowed="Applied, Advanced, Contact, Signal, Offer or Closed",
            )


@attrs.frozen(kw_only=True, weakref_slot=False)
class Opportunity(Views):
    """
    One role at one organisation that the candidate pursues, with its history.

    The stage, the outcome and everything else about where the opportunity
    stands are derived from ``events``; they are never stored beside it. The
    history is checked when the opportunity is built (see
    :func:`~pipeline_core.replay.replay`), and adding an event returns a new
    opportunity.

    Args:
        id: Unique within a search: a short, stable identifier.
        organization: The employer.
        title: The role.
        source: How the opportunity came (see :class:`Source`; its value is accepted too).
        location: Where the job is, if it matters.
        industry: The employer's industry.
        salary: A :class:`SalaryRange`, for the record.
        url: The job posting, an ``http(s)://`` address.
        contact: Whom to write to (:class:`ContactDetails`).
        tags: Labels the person uses.
        created_at: When the person started tracking it; not after the first event.
        events: The history, in time order.
        pipeline: The pipeline definition its moves follow.

    Raises:
        InvalidValueError: a field is invalid (the error names it).
        InvalidEventError: the history is not in time order or breaks the pipeline.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_checks.text("id"))
    organization: str = attrs.field(validator=_checks.text("organization"))
    title: str = attrs.field(validator=_checks.text("title"))
    source: Source = attrs.field(converter=to_source)
    location: str | None = attrs.field(default=None, validator=_checks.optional_text("location"))
    industry: str | None = attrs.field(default=None, validator=_checks.optional_text("industry"))
    salary: SalaryRange | None = attrs.field(default=None, validator=_check_salary)
    url: str | None = attrs.field(default=None, validator=_check_url)
    contact: ContactDetails | None = attrs.field(default=None, validator=_check_contact)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_to_tags)
    created_at: dt.datetime | None = attrs.field(default=None, converter=_to_created_at)
    events: tuple[Event, ...] = attrs.field(
        default=(), converter=_to_events, validator=_check_event
    )
    pipeline: PipelineDefinition = attrs.field(
        default=DEFAULT_PIPELINE, validator=_check_pipeline, repr=False
    )
    # The state after every event, replayed on first use: a loaded search holds only events.
    _state: OpportunityState | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        # The checks that span fields.
        if self.created_at is not None and self.events and self.events[0].at < self.created_at:
            raise InvalidEventError(
                "event before the opportunity was created",
                path="events[0].at",
                received=format_instant(self.events[0].at),
                allowed=f"an instant at or after created_at ({format_instant(self.created_at)})",
            )
        # When it was created does not change whether the history is valid (it only dates
        # the first stage), so the check needs no created_ts.
        check_history(self.events, self.pipeline)

    @property
    def kept_state(self) -> OpportunityState | None:
        """
        The state after every event if it was already replayed (it is kept), else ``None``.

        For a caller that asks many opportunities for their state at once (see
        :meth:`~pipeline_core.search.Search.states`) and can use the kept one without a
        call per opportunity; :meth:`state` replays it when it is not kept yet.
        """
        return self._state

    def _whole(self) -> OpportunityState:
        """
        The state after every event: replayed on first use, then kept.
        """
        state = self._state
        if state is None:
            created_ts = None if self.created_at is None else self.created_at.timestamp()
            state = replay(self.events, self.pipeline, created_ts=created_ts)
            object.__setattr__(self, "_state", state)
        return state

    # -- derived state ---------------------------------------------------------------------

    def state(self, as_of: dt.datetime | None = None) -> OpportunityState:
        """
        Return where the opportunity stands, after all events or as of an instant.

        Args:
            as_of: Ignore events after this instant (any aware datetime);
                ``None`` for the whole history.

        Returns:
            The derived state.

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone.
        """
        whole = self._state
        if whole is None:
            whole = self._whole()
        if as_of is None:
            return whole
        when = as_of if type(as_of) is dt.datetime and as_of.tzinfo is dt.UTC else None
        if when is None:
            when = to_utc(as_of, field="as_of")
        events = self.events
        if not events or events[-1].at <= when:  # UTC datetimes: compared without a call
            return whole
        created_ts = None if self.created_at is None else self.created_at.timestamp()
        return replay(events, self.pipeline, created_ts=created_ts, until_ts=when.timestamp())

    @property
    def stage(self) -> str:
        """
        The name of the current stage, after the whole history.
        """
        return self._whole().stage

    @property
    def round(self) -> int | None:
        """
        The current interview round, for a stage that repeats.
        """
        return self._whole().round

    @property
    def outcome(self) -> Outcome | None:
        """
        How the opportunity ended, or ``None`` while it is live.
        """
        return self._whole().outcome

    @property
    def is_live(self) -> bool:
        """
        Whether the opportunity is still open.
        """
        return self._whole().is_live

    @property
    def last_contact(self) -> dt.datetime | None:
        """
        The latest contact either way (application, message, stage move, offer).
        """
        return _instant(self._whole().last_contact_ts)

    @property
    def stage_entered(self) -> dt.datetime | None:
        """
        When the current stage (or round) was entered.
        """
        return _instant(self._whole().stage_entered_ts)

    def days_in_stage(self, as_of: dt.datetime) -> float | None:
        """
        Return how many days the opportunity has been in its stage as of ``as_of``.

        Args:
            as_of: The instant to measure at (events after it are ignored).

        Returns:
            Fractional days, or ``None`` when the stage has no known start (an
            opportunity with no events and no ``created_at``).
        """
        state = self.state(as_of)
        return _days_since(state.stage_entered_ts, as_of)

    def days_since_contact(self, as_of: dt.datetime) -> float | None:
        """
        Return how many days have passed since the last contact, as of ``as_of``.

        Args:
            as_of: The instant to measure at (events after it are ignored).

        Returns:
            Fractional days, or ``None`` when there was no contact yet.
        """
        state = self.state(as_of)
        return _days_since(state.last_contact_ts, as_of)

    # -- changes ---------------------------------------------------------------------------

    def with_event(self, event: Event) -> Opportunity:
        """
        Return a new opportunity with ``event`` appended to the history.

        Args:
            event: The event; at or after the last one.

        Returns:
            The new opportunity; this one is unchanged.

        Raises:
            InvalidEventError: the event is out of time order, follows the
                outcome, or does not fit the pipeline.
        """
        return attrs.evolve(self, events=(*self.events, event))

    def with_events(self, *events: Event) -> Opportunity:
        """
        Return a new opportunity with ``events`` appended, in order.

        Raises:
            InvalidEventError: as :meth:`with_event`; nothing is appended then.
        """
        return attrs.evolve(self, events=(*self.events, *events))

    # -- interchange -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """
        Return the opportunity in the interchange format (JSON-safe; see the docs).

        The pipeline definition is not included: it travels with the search.
        """
        return codec.opportunity_to_dict(self)

    @classmethod
    def from_dict(
        cls, data: object, *, pipeline: PipelineDefinition = DEFAULT_PIPELINE
    ) -> Opportunity:
        """
        Build an opportunity from the interchange format.

        Args:
            data: A dict as written by :meth:`to_dict` (or loaded from JSON).
            pipeline: The pipeline definition its events follow.

        Returns:
            The opportunity.

        Raises:
            DecodeError: the data is not a valid opportunity; the error names
                the JSON path of the first problem.
        """
        return _checks.build_at(
            "", lambda: decode_opportunity(data, pipeline=pipeline, instants={})
        )


def decode_opportunity(
    data: object, *, pipeline: PipelineDefinition, instants: codec.Instants
) -> Opportunity:
    """
    Build an opportunity from the interchange format; errors name paths inside it.

    The codec checks the document's structure; the constructors of :class:`SalaryRange`
    and :class:`Opportunity` check the values (see :mod:`pipeline_core.codec`). The
    caller puts the opportunity's own path in front of an error's (see
    :func:`pipeline_core._checks.decode_error`).

    Args:
        data: The opportunity's object.
        pipeline: The pipeline definition its events follow.
        instants: The instants parsed so far in the document (equal texts share one).

    Raises:
        InputError: the data is not a valid opportunity.
    """
    fields = codec.read_opportunity(data)
    events = codec.decode_events(fields["events"], instants)
    salary_values = codec.read_salary(fields)
    salary = None
    if salary_values is not None:
        salary = _checks.build_at("salary", lambda: SalaryRange(**salary_values))
    contact_values = codec.read_contact(fields)
    contact = None
    if contact_values is not None:
        contact = _checks.build_at("contact", lambda: ContactDetails(**contact_values))
    tags = codec.read_tags(fields)
    created_at = codec.read_optional_instant(fields, "created_at", instants)
    return Opportunity(
        id=fields["id"],
        organization=fields["organization"],
        title=fields["title"],
        source=fields["source"],
        industry=fields.get("industry"),
        location=fields.get("location"),
        salary=salary,
        url=fields.get("url"),
        contact=contact,
        tags=tags,
        created_at=created_at,
        events=events,
        pipeline=pipeline,
    )


def _instant(ts: float | None) -> dt.datetime | None:
    return None if ts is None else dt.datetime.fromtimestamp(ts, tz=dt.UTC)


def _days_since(ts: float | None, as_of: dt.datetime) -> float | None:
    if ts is None:
        return None
    return (as_of.timestamp() - ts) / SECONDS_PER_DAY
