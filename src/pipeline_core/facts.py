"""
Facts: everything the risk rules know about a search, computed once, as plain numbers.

The risk engine works in three steps — *snapshot → facts → rules* — and this
module is the middle one. :func:`compute_facts` makes **one pass** over the
search's opportunity states (``search.states(as_of)``) and returns
:class:`Facts`: scalar facts about the whole search (counts by stage, days
since the last new application, the weekly application rate and its trend,
concentration by organisation, industry and location, offers and deadlines, …)
and one :class:`OpportunityFacts` per live opportunity (silence, time in
stage, response window, …). Rules read facts; they never walk the history
again.

Every scalar fact is registered in :data:`FACTS` with its type and a
description; declarative rules (see :mod:`pipeline_core.rules._ruleset`) may only
name registered facts, and they look them up in that registry, never by
attribute name.

Durations are in days (fractional) unless a fact's name says *business days*:
those count Monday to Friday only, in UTC, with plain arithmetic
(:func:`business_days`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, NamedTuple

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import DecodeError, InvalidValueError, WrongTypeError
from pipeline_core.instants import SECONDS_PER_DAY, to_utc
from pipeline_core.opportunity import Opportunity, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import PipelineDefinition, StageKind
from pipeline_core.replay import OpportunityState
from pipeline_core.search import Search

__all__ = [
    "FACTS",
    "FactSpec",
    "FactType",
    "Facts",
    "OpportunityFacts",
    "Scalar",
    "business_days",
    "compute_facts",
]

Scalar = int | float | bool | str | None
"""The value of one scalar fact."""

BUSINESS_DAYS_PER_WEEK: Final = 5.0
"""Monday to Friday."""

RECENT_WINDOW_DAYS: Final = 28.0
"""The application rate is measured over the last four weeks…"""

MIN_WINDOW_DAYS: Final = 7.0
"""…or over the search's age, but never less than a week (one day is not a rate)."""

_LIVE_STAGES = (
    StageKind.APPLIED,
    StageKind.PROCESS,
    StageKind.VERBAL_OFFER,
    StageKind.WRITTEN_OFFER,
)


class FactType(enum.StrEnum):
    """
    The type of a scalar fact, which decides the operators a declarative rule may use on it.

    .. versionadded:: 0.1.0
    """

    INT = "int"
    """A count."""
    FLOAT = "float"
    """A number: days, a rate, a share."""
    BOOL = "bool"
    """True or false."""
    TEXT = "text"
    """A name: an organisation, an industry, an opportunity id."""


@attrs.frozen(kw_only=True)
class FactSpec:
    """
    The registry entry of one scalar fact: its name, type and meaning.

    Args:
        name: The fact's name, as rules and templates write it.
        type: Its :class:`FactType`.
        description: What it means, in a sentence.
        unit: The unit (``"days"``, ``"business days"``, ``"per week"``,
            ``"share"``), or ``None`` for counts and names.
        optional: Whether the fact may be ``None`` (unknown or not applicable).

    .. versionadded:: 0.1.0
    """

    name: str
    type: FactType
    description: str
    unit: str | None = None
    optional: bool = False

    @property
    def is_number(self) -> bool:
        """
        Whether the fact is a number (``int`` or ``float``).
        """
        return self.type in (FactType.INT, FactType.FLOAT)


_META = "pipeline_core.fact"


def _fact(
    kind: FactType, description: str, *, unit: str | None = None, optional: bool = False
) -> Any:  # noqa: ANN401 - attrs.field's own return type
    return attrs.field(metadata={_META: (kind, description, unit, optional)})


_I, _F, _B, _T = FactType.INT, FactType.FLOAT, FactType.BOOL, FactType.TEXT


@attrs.frozen(kw_only=True, weakref_slot=False)
class OpportunityFacts:
    """
    The facts about one live opportunity (applied, no outcome yet), as plain numbers.

    Durations are measured from ``as_of``; ``None`` means "does not apply".

    .. versionadded:: 0.1.0
    """

    id: str
    """The opportunity's id."""
    organization: str
    """The employer."""
    industry: str | None
    """The employer's industry, if recorded."""
    location: str | None
    """Where the job is, if recorded."""
    source: Source
    """How the opportunity came."""
    stage: str
    """The current stage's name."""
    stage_kind: StageKind
    """The current stage's kind."""
    advanced: bool
    """Past the application: screening or later."""
    late: bool
    """At a late stage: interviewing or later (see :func:`compute_facts`)."""
    awaiting: bool
    """The employer owes an answer (an application or a process stage, not an offer)."""
    favoured: bool
    """More positive than negative signals, or a verbal offer."""
    positive_signals: int
    """Positive signals received."""
    negative_signals: int
    """Negative signals received."""
    days_in_stage: float
    """Days since the current stage (or round) was entered."""
    days_since_contact: float
    """Days since the last contact either way."""
    business_days_silent: float
    """Business days since the employer's last word (a stage move, an offer, an inbound message)."""
    response_window: float | None
    """The stage's usual response time, in business days (its ``response_days`` x 5/7)."""
    days_since_applied: float
    """Days since the application (or the first stage entered): how long this process has run."""
    verbal_offer_business_days: float | None
    """Business days since a verbal offer still waiting for the written one."""
    deadline_days: float | None
    """Days left until a written offer's deadline (negative once passed)."""
    offer_chance: float | None
    """The chance of an offer within the horizon, when the outlook gave one."""

    def to_dict(self) -> dict[str, Any]:
        """
        Return these facts as JSON-safe primitives.
        """
        out = attrs.asdict(self, recurse=False)
        out["source"] = self.source.value
        out["stage_kind"] = self.stage_kind.value
        return out

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> OpportunityFacts:
        """
        Build per-opportunity facts from :meth:`to_dict` output.

        Raises:
            DecodeError: the data is not valid; the error names the path.
        """
        values = _checks.read_mapping(data, path, error=DecodeError, required=_OPPORTUNITY_KEYS)
        out: dict[str, Any] = {}
        for name in _OPPORTUNITY_KEYS:
            where = _checks.join_path(path, name)
            value = values[name]
            kind, optional = _OPPORTUNITY_TYPES[name]
            if name in ("source", "stage_kind"):
                enum_type: type[enum.StrEnum] = Source if name == "source" else StageKind
                try:
                    out[name] = enum_type(value)
                except ValueError:
                    allowed = ", ".join(member.value for member in enum_type)
                    raise DecodeError(
                        "unknown value", path=where, received=value, allowed=allowed
                    ) from None
            else:
                out[name] = _read_scalar(value, where, kind=kind, optional=optional)
        return cls(**out)


_OPPORTUNITY_TYPES: Mapping[str, tuple[FactType, bool]] = {
    "id": (_T, False),
    "organization": (_T, False),
    "industry": (_T, True),
    "location": (_T, True),
    "source": (_T, False),
    "stage": (_T, False),
    "stage_kind": (_T, False),
    "advanced": (_B, False),
    "late": (_B, False),
    "awaiting": (_B, False),
    "favoured": (_B, False),
    "positive_signals": (_I, False),
    "negative_signals": (_I, False),
    "days_in_stage": (_F, False),
    "days_since_contact": (_F, False),
    "business_days_silent": (_F, False),
    "response_window": (_F, True),
    "days_since_applied": (_F, False),
    "verbal_offer_business_days": (_F, True),
    "deadline_days": (_F, True),
    "offer_chance": (_F, True),
}
_OPPORTUNITY_KEYS = frozenset(_OPPORTUNITY_TYPES)


def _read_scalar(value: object, path: str, *, kind: FactType, optional: bool) -> Scalar:
    """
    Return ``value`` if it fits a fact of type ``kind`` (``None`` only when optional).
    """
    if value is None and optional:
        return None
    if kind is FactType.BOOL:
        return _checks.read_boolean(value, path, error=DecodeError)
    if kind is FactType.INT:
        return _checks.read_integer(value, path, error=DecodeError, minimum=-(2**53), maximum=2**53)
    if kind is FactType.FLOAT:
        return _checks.read_number(value, path, error=DecodeError)
    return _checks.read_text(value, path, error=DecodeError, max_length=10_000, allow_blank=True)


def _to_opportunity_facts(value: Iterable[OpportunityFacts]) -> tuple[OpportunityFacts, ...]:
    return tuple(value)


def _to_stage_counts(
    value: Mapping[str, int] | Iterable[tuple[str, int]],
) -> tuple[tuple[str, int], ...]:
    if isinstance(value, Mapping):
        return tuple(value.items())
    return tuple(value)


@attrs.frozen(kw_only=True, weakref_slot=False)
class Facts:
    """
    What the rules know about a search at one instant: computed once, read by every rule.

    The scalar facts are attributes (``facts.live_advanced``) and are also
    listed, with their types and meanings, in the :data:`FACTS` registry;
    :meth:`value` looks one up by its registered name. ``opportunities`` holds
    one :class:`OpportunityFacts` per live opportunity, in the search's order.
    Build facts with :func:`compute_facts`.

    .. versionadded:: 0.1.0
    """

    horizon_days: float = _fact(_F, "The horizon of the assessment.", unit="days")
    opportunities_known: int = _fact(_I, "Opportunities known at as_of, in any state.")
    prospects: int = _fact(_I, "Opportunities noted but not yet applied to (and not closed).")
    live: int = _fact(_I, "Live opportunities: applied, no outcome yet (unsigned offers included).")
    live_advanced: int = _fact(_I, "Live opportunities past the application (screening or later).")
    live_late: int = _fact(_I, "Live opportunities at a late stage (interviewing or later).")
    late_pending: int = _fact(
        _I, "Live late-stage opportunities still being decided (not holding a written offer)."
    )
    verbal_offers: int = _fact(_I, "Live verbal offers with no written offer yet.")
    written_offers: int = _fact(_I, "Live written offers, not yet signed.")
    signed: int = _fact(_I, "Opportunities closed as accepted: a signed offer.")
    won: bool = _fact(_B, "Whether an offer was signed: the search is won.")
    closed: int = _fact(_I, "Opportunities that ended otherwise (rejected, withdrawn, ...).")
    organizations: int = _fact(_I, "Distinct organisations among the live opportunities.")
    industries: int = _fact(_I, "Distinct recorded industries among the live opportunities.")
    locations: int = _fact(_I, "Distinct recorded locations among the live opportunities.")
    top_organization: str | None = _fact(
        _T,
        "The organisation with the most live opportunities (ties: first by name).",
        optional=True,
    )
    top_organization_share: float | None = _fact(
        _F, "Share of live opportunities at the top organisation.", unit="share", optional=True
    )
    top_industry: str | None = _fact(
        _T, "The industry with the most live opportunities.", optional=True
    )
    top_industry_share: float | None = _fact(
        _F,
        "Share of live opportunities in the top industry (unrecorded ones count as others).",
        unit="share",
        optional=True,
    )
    top_location: str | None = _fact(
        _T, "The location with the most live opportunities.", optional=True
    )
    top_location_share: float | None = _fact(
        _F,
        "Share of live opportunities in the top location (unrecorded ones count as others).",
        unit="share",
        optional=True,
    )
    agency_late: int = _fact(_I, "Live late-stage opportunities that came through an agency.")
    agency_late_share: float | None = _fact(
        _F,
        "Share of the live late-stage opportunities that came through an agency.",
        unit="share",
        optional=True,
    )
    favoured: int = _fact(
        _I, "Live opportunities with more positive than negative signals, or a verbal offer."
    )
    favourite: str | None = _fact(
        _T,
        "The id of the most advanced favoured opportunity (ties: more signals, then id).",
        optional=True,
    )
    favourite_organization: str | None = _fact(_T, "The favourite's organisation.", optional=True)
    backup: int | None = _fact(
        _I,
        "Live opportunities past the application at other organisations than the favourite's.",
        optional=True,
    )
    silent: int = _fact(
        _I, "Live opportunities whose employer is silent beyond the stage's response window."
    )
    silent_advanced: int = _fact(_I, "Silent opportunities past the application.")
    days_since_last_application: float | None = _fact(
        _F, "Days since the latest new application.", unit="days", optional=True
    )
    search_age_days: float | None = _fact(
        _F, "Days since the first application.", unit="days", optional=True
    )
    applications_recent: int = _fact(_I, "Applications sent in the last 28 days.")
    weekly_application_rate: float = _fact(
        _F,
        "Applications per week over the last 28 days (or the search's age, at least a week).",
        unit="per week",
    )
    previous_weekly_application_rate: float | None = _fact(
        _F,
        "Applications per week over the 28 days before that (None below a week of history).",
        unit="per week",
        optional=True,
    )
    application_trend: float | None = _fact(
        _F,
        "The recent weekly rate divided by the previous one (below 1: slowing down).",
        optional=True,
    )
    weekly_application_goal: float | None = _fact(
        _F, "The weekly application target from the goals.", unit="per week", optional=True
    )
    min_live_goal: int | None = _fact(
        _I, "The fewest live opportunities wanted, from the goals.", optional=True
    )
    days_to_offer_goal: float | None = _fact(
        _F,
        "Days left until the goal's offer date (negative once passed).",
        unit="days",
        optional=True,
    )
    longest_process: str | None = _fact(
        _T,
        "The id of the live opportunity past the application that has run longest.",
        optional=True,
    )
    longest_process_days: float | None = _fact(
        _F, "Days since the application of that opportunity.", unit="days", optional=True
    )
    max_verbal_offer_business_days: float | None = _fact(
        _F,
        "The longest wait for a written offer after a verbal one.",
        unit="business days",
        optional=True,
    )
    nearest_offer_deadline_days: float | None = _fact(
        _F, "Days left until the nearest written offer's deadline.", unit="days", optional=True
    )
    p_no_offer: float | None = _fact(
        _F,
        "The chance of no offer within the horizon, from the outlook.",
        unit="share",
        optional=True,
    )
    top_offer_share: float | None = _fact(
        _F,
        "The largest share of the chance of an offer held by one organisation, among the "
        "live opportunities past the application (outlook).",
        unit="share",
        optional=True,
    )
    top_offer_organization: str | None = _fact(
        _T, "The organisation holding that share.", optional=True
    )
    opportunities: tuple[OpportunityFacts, ...] = attrs.field(
        default=(), converter=_to_opportunity_facts
    )
    """One entry per live opportunity, in the search's order."""
    stage_counts: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_to_stage_counts)
    """Open opportunities (no outcome yet) per stage, in the pipeline's order."""
    _scalars: dict[str, Scalar] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def scalars(self) -> Mapping[str, Scalar]:
        """
        Return every registered scalar fact by name (a read-only mapping).
        """
        if self._scalars is None:
            values = attrs.asdict(self, recurse=False, filter=_is_registered)
            object.__setattr__(self, "_scalars", values)
            return types.MappingProxyType(values)
        return types.MappingProxyType(self._scalars)

    def value(self, name: str) -> Scalar:
        """
        Return the scalar fact registered as ``name``.

        Args:
            name: A name from :data:`FACTS`.

        Returns:
            Its value (``None`` when unknown or not applicable).

        Raises:
            InvalidValueError: no fact is registered under that name.
        """
        values = self.scalars()
        if name not in values:
            raise InvalidValueError(
                "unknown fact",
                path="name",
                received=name,
                allowed="a name from pipeline_core.FACTS",
            )
        return values[name]

    def opportunity(self, opportunity_id: str) -> OpportunityFacts | None:
        """
        Return the facts of the live opportunity ``opportunity_id``, or ``None``.
        """
        for item in self.opportunities:
            if item.id == opportunity_id:
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        """
        Return the facts as JSON-safe primitives.
        """
        return {
            "scalars": dict(self.scalars()),
            "stage_counts": dict(self.stage_counts),
            "opportunities": [item.to_dict() for item in self.opportunities],
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> Facts:
        """
        Build facts from :meth:`to_dict` output.

        Args:
            data: The plain data.
            path: Where it sits in a larger document, for error messages.

        Returns:
            Facts equal to the ones written.

        Raises:
            DecodeError: the data is not valid facts; the error names the path.
        """
        top = _checks.read_mapping(data, path, error=DecodeError, required=frozenset(_FACTS_KEYS))
        where = _checks.join_path(path, "scalars")
        scalars = _checks.read_mapping(
            top["scalars"], where, error=DecodeError, required=frozenset(FACTS)
        )
        values: dict[str, Any] = {
            name: _read_scalar(
                scalars[name],
                _checks.join_path(where, name),
                kind=spec.type,
                optional=spec.optional,
            )
            for name, spec in FACTS.items()
        }
        where = _checks.join_path(path, "stage_counts")
        counts = _checks.read_mapping(top["stage_counts"], where, error=DecodeError, open_keys=True)
        stage_counts = tuple(
            (name, _checks.read_integer(count, _checks.join_path(where, name), error=DecodeError))
            for name, count in counts.items()
        )
        where = _checks.join_path(path, "opportunities")
        items = _checks.read_sequence(
            top["opportunities"], where, error=DecodeError, max_items=100_000
        )
        opportunities = tuple(
            OpportunityFacts.from_dict(item, f"{where}[{index}]")
            for index, item in enumerate(items)
        )
        return cls(**values, opportunities=opportunities, stage_counts=stage_counts)


_FACTS_KEYS = ("scalars", "stage_counts", "opportunities")


def _is_registered(attribute: attrs.Attribute[Any], _value: object) -> bool:
    return _META in attribute.metadata


def _registry() -> Mapping[str, FactSpec]:
    specs: dict[str, FactSpec] = {}
    for attribute in attrs.fields(Facts):
        if _META in attribute.metadata:
            kind, description, unit, optional = attribute.metadata[_META]
            specs[attribute.name] = FactSpec(
                name=attribute.name,
                type=kind,
                description=description,
                unit=unit,
                optional=optional,
            )
    return types.MappingProxyType(specs)


FACTS: Mapping[str, FactSpec] = _registry()
"""The registry of scalar facts: name → :class:`FactSpec`, in a stable order."""


# -- time arithmetic --------------------------------------------------------------------------

# Day 0 of the epoch (1970-01-01) was a Thursday, three days after Monday 1969-12-29.
_DAYS_AFTER_MONDAY = 3.0


def business_days(start_ts: float, end_ts: float) -> float:
    """
    Return the business days (Monday to Friday, in UTC) between two instants.

    Weekend time does not count; fractions of a weekday do. The count is plain
    arithmetic on epoch seconds, constant time whatever the span, so it is
    cheap enough for every opportunity of every evaluation. Public holidays are
    not known to the library and count as business days.

    Args:
        start_ts: The earlier instant, in epoch seconds.
        end_ts: The later instant, in epoch seconds.

    Returns:
        Business days from ``start_ts`` to ``end_ts`` (negative if ``end_ts`` is earlier).

    .. versionadded:: 0.1.0
    """
    return _business_days_to(start_ts, *_week_position(end_ts))


def _week_position(ts: float) -> tuple[float, float]:
    """
    Whole weeks from Monday 1969-12-29 to ``ts``, and the weekday time into its week (days, <= 5).
    """
    weeks, rest = divmod(ts / SECONDS_PER_DAY + _DAYS_AFTER_MONDAY, 7.0)
    return weeks, min(rest, BUSINESS_DAYS_PER_WEEK)


def _business_days_to(start_ts: float, end_weeks: float, end_rest: float) -> float:
    """
    :func:`business_days` to an end given by its :func:`_week_position`.

    Facts measure every silence up to the same instant, so they place it in its week once
    (and each start once per state: :func:`_compute_facts` makes this very sum inline).
    """
    # Weekday time from Monday 1969-12-29 to an instant: five days a week, plus the
    # part of the current week up to Saturday 00:00.
    start_weeks, start_rest = _week_position(start_ts)
    return (end_weeks - start_weeks) * BUSINESS_DAYS_PER_WEEK + end_rest - start_rest


# -- the pipeline's layout, computed once per definition --------------------------------------


@attrs.frozen
class _StageInfo:
    name: str
    kind: StageKind
    live: bool
    advanced: bool
    late: bool
    window: float | None


@attrs.frozen
class _Layout:
    pipeline: PipelineDefinition
    stages: tuple[_StageInfo, ...]
    names: tuple[str, ...]  # the stages' names, in order: the keys of the stage counts


_LAYOUTS: dict[int, _Layout] = {}
_MAX_LAYOUTS = 64


def _layout(pipeline: PipelineDefinition) -> _Layout:
    """
    Return which stages are live, advanced and late in ``pipeline``, and their windows.

    A stage is *advanced* past the ``applied`` stage, and *late* from the
    second process stage after it (``interviewing`` in the default pipeline,
    where ``screening`` is the first), or from the only process stage, or —
    without process stages — from the first offer stage.
    """
    cached = _LAYOUTS.get(id(pipeline))
    if cached is not None and cached.pipeline is pipeline:
        return cached
    stages = pipeline.stages
    applied = next(i for i, stage in enumerate(stages) if stage.kind is StageKind.APPLIED)
    process = [i for i, s in enumerate(stages) if s.kind is StageKind.PROCESS and i > applied]
    if len(process) >= 2:  # noqa: PLR2004 - the first process stage is the screening
        late_from = process[1]
    elif process:
        late_from = process[0]
    else:
        late_from = next(i for i, s in enumerate(stages) if i > applied and s.kind in _LIVE_STAGES)
    infos = []
    for index, stage in enumerate(stages):
        live = index >= applied and stage.kind in _LIVE_STAGES
        awaiting = stage.kind in (StageKind.APPLIED, StageKind.PROCESS)
        window = (
            stage.response_days * BUSINESS_DAYS_PER_WEEK / 7.0
            if awaiting and stage.response_days is not None
            else None
        )
        infos.append(
            _StageInfo(
                name=stage.name,
                kind=stage.kind,
                live=live,
                advanced=live and index > applied,
                late=live and index >= late_from,
                window=window,
            )
        )
    layout = _Layout(
        pipeline=pipeline, stages=tuple(infos), names=tuple(info.name for info in infos)
    )
    if len(_LAYOUTS) >= _MAX_LAYOUTS:
        _LAYOUTS.clear()
    _LAYOUTS[id(pipeline)] = layout
    return layout


# -- the one pass -----------------------------------------------------------------------------


def _check_chances(offer_chances: Mapping[str, float] | None, p_no_offer: float | None) -> None:
    if offer_chances is not None:
        if not isinstance(offer_chances, Mapping):
            raise WrongTypeError(
                "expected a mapping",
                path="offer_chances",
                received=offer_chances,
                allowed="a mapping of opportunity id to a chance in [0, 1]",
            )
        for key, chance in offer_chances.items():
            if type(chance) is float and 0.0 <= chance <= 1.0:
                continue  # the common case, checked without building the message
            _checks.read_number(
                chance, f"offer_chances[{key!r}]", error=InvalidValueError, minimum=0, maximum=1
            )
    if p_no_offer is not None and not (type(p_no_offer) is float and 0.0 <= p_no_offer <= 1.0):
        _checks.read_number(p_no_offer, "p_no_offer", error=InvalidValueError, minimum=0, maximum=1)


def _check_states(states: Sequence[OpportunityState], expected: int) -> None:
    if len(states) != expected:
        raise InvalidValueError(
            "expected one state per opportunity",
            path="states",
            received=f"{len(states)} states",
            allowed=f"{expected} states, in the search's order",
        )


def _top(counts: Mapping[str, int], total: int) -> tuple[str | None, float | None]:
    """
    Return the most frequent key (ties: the first by name) and its share of ``total``.
    """
    if not counts or total == 0:
        return None, None
    most = max(counts.values())
    if most == 1:  # every count is 1 (the usual case): the first name of all, without a filter
        return min(counts), 1 / total
    name = min([key for key, count in counts.items() if count == most])
    return name, most / total


def compute_facts(
    search: Search,
    *,
    as_of: dt.datetime,
    horizon_days: float = 30.0,
    offer_chances: Mapping[str, float] | None = None,
    p_no_offer: float | None = None,
    states: Sequence[OpportunityState] | None = None,
) -> Facts:
    """
    Compute every fact the rules need, in one pass over the search as of an instant.

    An opportunity counts from the moment it is known: its ``created_at``, or
    its first event when it has no ``created_at``; events after ``as_of`` are
    ignored. *Live* means applied and not closed (unsigned offers included);
    noted-but-not-applied opportunities are *prospects*.

    Args:
        search: The search.
        as_of: The instant to evaluate at (any aware datetime).
        horizon_days: The horizon of the assessment, in days.
        offer_chances: The outlook's chance of an offer within the horizon per
            opportunity id. When given, ``top_offer_share`` and ``p_no_offer``
            are filled; otherwise they are ``None``. Opportunities at one
            organisation are combined as ``1 - prod(1 - p)``. ``top_offer_share``
            is the largest share of that chance held by one organisation
            *among the live opportunities past the application*, like the
            count of ``single-basket``: a fresh application neither dilutes nor
            concentrates it, so sending one can never make a search look more
            concentrated. Chances of opportunities that are not live are ignored.
        p_no_offer: The outlook's chance of no offer within the horizon; when
            ``None`` and ``offer_chances`` is given, it is computed from the
            chances with organisations independent.
        states: The opportunities' states as of ``as_of``, one per
            opportunity in the search's order, when the caller already has
            them (as :func:`~pipeline_core.risk_history` does, advancing them
            incrementally); ``None`` to replay them (``search.states(as_of)``).
            They are trusted to be the states as of ``as_of``.

    Returns:
        The facts.

    Raises:
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidValueError: a chance is outside [0, 1], the horizon is not
            positive, or ``states`` does not hold one state per opportunity.

    .. versionadded:: 0.1.0
    """
    if not isinstance(search, Search):
        raise WrongTypeError("expected a Search", path="search", received=search, allowed="Search")
    when = to_utc(as_of, field="as_of")
    if not (type(horizon_days) is float and 0.0 <= horizon_days < math.inf):
        _checks.read_number(horizon_days, "horizon_days", error=InvalidValueError, minimum=0)
    _check_chances(offer_chances, p_no_offer)
    if states is None:
        states = search.states(when)
    else:
        _check_states(states, len(search.opportunities))
    return _compute_facts(
        search,
        when=when,
        horizon_days=horizon_days,
        chances=offer_chances,
        p_no_offer=p_no_offer,
        states=states,
    )


# -- the per-state part of an opportunity's facts ---------------------------------------------
#
# Most of an opportunity's facts depend on its state only (its stage, organisation, signals,
# the instants its durations start from); only the durations depend on the instant. The
# facts are therefore computed in two parts: _per_state, once per state object, and the
# durations at each instant in _compute_facts. risk_history computes the part of each state
# an opportunity passes through once for the whole period, so a step recomputes only what the
# instant changes; assess makes one per opportunity. There is one implementation of every
# fact either way.

_SIGNED, _CLOSED, _PROSPECT, _LIVE = range(4)


class _LiveState(NamedTuple):
    """What a live opportunity's facts take from its state, ready for any instant."""

    id: str
    organization: str
    industry: str | None
    location: str | None
    source: Source
    kind: StageKind
    advanced: bool
    late: bool
    window: float | None
    favoured: bool
    positive: int
    negative: int
    favour_key: tuple[int, int]
    agency: bool
    written: bool
    entered: float
    last_contact: float
    process_start: float
    silence_weeks: float  # the week position (_week_position) of the employer's last word
    silence_rest: float
    verbal_weeks: float | None  # that of a verbal offer awaiting the written one
    verbal_rest: float
    deadline: float | None


# The per-state part of an opportunity's facts: from when it is known (epoch seconds; ``inf``
# for never in this state), its status (_SIGNED, _CLOSED, _PROSPECT or _LIVE), when it
# applied, its stage's name, and, when live, its _LiveState.
_PerState = tuple[float, int, float | None, str, _LiveState | None]


def _per_state(
    opportunity: Opportunity, state: OpportunityState, stage_infos: tuple[_StageInfo, ...]
) -> _PerState:
    """
    The facts of ``opportunity`` in ``state`` that do not depend on the instant.
    """
    # An opportunity counts from the moment it is known: its created_at, or else its first
    # event. So before its first event, it is known from its created_at; without one, never
    # (when it has events: the first one makes a new state) or always (when it has none).
    known_from = -math.inf
    if state.events_seen == 0:
        created = opportunity.created_at
        if created is not None:
            known_from = created.timestamp()
        elif opportunity.events:
            known_from = math.inf
    outcome = state.outcome
    if outcome is not None:
        status = _SIGNED if outcome is Outcome.ACCEPTED else _CLOSED
        return (known_from, status, state.applied_ts, state.stage, None)
    info = stage_infos[state.stage_index]
    if not info.live:
        return (known_from, _PROSPECT, state.applied_ts, info.name, None)
    kind = info.kind
    entered = state.stage_entered_ts
    last_contact = state.last_contact_ts
    # A live stage is entered by an event (applied, advanced, offer), which is a contact.
    assert entered is not None  # noqa: S101
    assert last_contact is not None  # noqa: S101
    inbound = state.last_inbound_ts
    # Silence runs from the employer's last word: a stage move, an offer, a message.
    silence_weeks, silence_rest = _week_position(
        entered if inbound is None or inbound < entered else inbound
    )
    verbal_weeks, verbal_rest = None, 0.0
    if kind is StageKind.VERBAL_OFFER and state.verbal_offer_ts is not None:
        verbal_weeks, verbal_rest = _week_position(state.verbal_offer_ts)
    written = kind is StageKind.WRITTEN_OFFER
    positive = state.positive_signals
    negative = state.negative_signals
    # Positional, in the order of _LiveState's fields (keywords cost more, once per state).
    live = _LiveState(
        opportunity.id,  # id
        opportunity.organization,  # organization
        opportunity.industry,  # industry
        opportunity.location,  # location
        opportunity.source,  # source
        kind,  # kind
        info.advanced,  # advanced
        info.late,  # late
        info.window,  # window
        positive > negative or kind is StageKind.VERBAL_OFFER,  # favoured
        positive,  # positive
        negative,  # negative
        (state.stage_index, positive - negative),  # favour_key
        opportunity.source is Source.AGENCY_RECRUITER,  # agency
        written,  # written
        entered,  # entered
        last_contact,  # last_contact
        entered if state.applied_ts is None else state.applied_ts,  # process_start
        silence_weeks,  # silence_weeks
        silence_rest,  # silence_rest
        verbal_weeks,  # verbal_weeks
        verbal_rest,  # verbal_rest
        state.offer_deadline_ts if written else None,  # deadline
    )
    return (known_from, _LIVE, state.applied_ts, info.name, live)


# -- drafts: building OpportunityFacts and Facts from computed values -----------------------
#
# OpportunityFacts are results the engine computes, not user input; the attrs __init__ of a
# frozen class stores each of its 21 fields through object.__setattr__, which is a large part
# of the cost of the facts at each step. As the decoder does for events (see
# pipeline_core.events), the engine fills a draft with exactly the class's slots by plain
# attribute stores and turns it into OpportunityFacts by assigning its __class__ (and Facts,
# with its 47 fields and two converters that would return their argument, likewise). The result
# is an ordinary frozen object; a draft never leaves this module. The tests check that each
# draft's slots are its class's. (Like the events, these classes have no weak-reference slot:
# CPython refuses a __class__ assignment between slotted classes that have one.)


_OpportunityFactsDraft = _checks.draft_class(OpportunityFacts)
_FactsDraft = _checks.draft_class(Facts)


_new = object.__new__


def _compute_facts(  # noqa: C901, PLR0912, PLR0915 - one pass on purpose: every fact at once
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    chances: Mapping[str, float] | None,
    p_no_offer: float | None,
    states: Sequence[OpportunityState],
    parts: Sequence[_PerState] | None = None,
) -> Facts:
    """
    The work of :func:`compute_facts`, on checked arguments and the states as of ``when``.

    :func:`~pipeline_core.risk_history` calls it at every step with arguments it
    checked once for the whole period, and with ``parts``, the per-state part of each
    state (:func:`_per_state`), which it computes once per state for the whole period.
    """
    now = when.timestamp()
    now_weeks, now_rest = _week_position(now)  # the end of every business-day count below
    layout = _layout(search.pipeline)
    stage_infos = layout.stages
    day = SECONDS_PER_DAY
    weekdays = BUSINESS_DAYS_PER_WEEK

    known = prospects = signed = closed = 0
    live_advanced = live_late = late_pending = verbal_offers = written_offers = 0
    agency_late = favoured = silent = silent_advanced = 0
    applied_times: list[float] = []
    stage_counts = dict.fromkeys(layout.names, 0)
    by_org: dict[str, int] = {}
    by_industry: dict[str, int] = {}
    by_location: dict[str, int] = {}
    items: list[OpportunityFacts] = []
    advanced_organizations: list[str] = []  # for the backup count, once the favourite is known
    favourite: OpportunityFacts | None = None
    favourite_key: tuple[int, int] = (-1, 0)
    longest: OpportunityFacts | None = None
    max_verbal: float | None = None
    nearest_deadline: float | None = None
    # Per organisation, the chance that it makes no offer: all live opportunities for
    # p_no_offer, only those past the application for the concentration (see compute_facts).
    # The first only when p_no_offer is not given (assess and risk_history give it).
    missing: dict[str, float] = {}
    missing_advanced: dict[str, float] = {}
    find_p_no_offer = chances is not None and p_no_offer is None

    if parts is None:
        parts = [
            _per_state(opportunity, state, stage_infos)
            for opportunity, state in zip(search.opportunities, states, strict=True)
        ]
    for known_from, status, applied_ts, stage, fixed in parts:
        if known_from > now:
            continue  # not known yet at as_of
        known += 1
        if applied_ts is not None:
            applied_times.append(applied_ts)
        if status == _SIGNED:
            signed += 1
            continue
        if status == _CLOSED:
            closed += 1
            continue
        stage_counts[stage] += 1
        if fixed is None:
            prospects += 1
            continue
        (
            ident,
            organization,
            industry,
            location,
            source,
            kind,
            advanced,
            late,
            window,
            is_favoured,
            positive,
            negative,
            favour_key,
            agency,
            written,
            entered,
            last_contact,
            process_start,
            silence_weeks,
            silence_rest,
            verbal_weeks,
            verbal_rest,
            deadline_ts,
        ) = fixed
        by_org[organization] = by_org.get(organization, 0) + 1
        if industry is not None:
            by_industry[industry] = by_industry.get(industry, 0) + 1
        if location is not None:
            by_location[location] = by_location.get(location, 0) + 1
        # The durations: the only part of the facts that moves with the instant.
        # Business days as in _business_days_to, from the week positions kept per state.
        silence = (now_weeks - silence_weeks) * weekdays + now_rest - silence_rest
        process_days = (now - process_start) / day
        verbal_wait = None
        if verbal_weeks is not None:
            verbal_wait = (now_weeks - verbal_weeks) * weekdays + now_rest - verbal_rest
            verbal_offers += 1
            if max_verbal is None or verbal_wait > max_verbal:
                max_verbal = verbal_wait
        deadline = None
        if written:
            written_offers += 1
            if deadline_ts is not None:
                deadline = (deadline_ts - now) / day
                if nearest_deadline is None or deadline < nearest_deadline:
                    nearest_deadline = deadline
        chance = None if chances is None else chances.get(ident)
        if chance is not None:
            if find_p_no_offer:
                missing[organization] = missing.get(organization, 1.0) * (1.0 - chance)
            if advanced:
                missing_advanced[organization] = missing_advanced.get(organization, 1.0) * (
                    1.0 - chance
                )
        item: Any = _new(_OpportunityFactsDraft)
        item.id = ident
        item.organization = organization
        item.industry = industry
        item.location = location
        item.source = source
        item.stage = stage
        item.stage_kind = kind
        item.advanced = advanced
        item.late = late
        item.awaiting = window is not None
        item.favoured = is_favoured
        item.positive_signals = positive
        item.negative_signals = negative
        item.days_in_stage = (now - entered) / day
        item.days_since_contact = (now - last_contact) / day
        item.business_days_silent = silence
        item.response_window = window
        item.days_since_applied = process_days
        item.verbal_offer_business_days = verbal_wait
        item.deadline_days = deadline
        item.offer_chance = chance
        item.__class__ = OpportunityFacts
        items.append(item)
        if window is not None and silence > window:
            silent += 1
            silent_advanced += advanced
        if advanced:
            live_advanced += 1
            advanced_organizations.append(organization)
            # The longest-running process; ties go to the smallest id.
            if longest is None or (process_days, longest.id) > (
                longest.days_since_applied,
                ident,
            ):
                longest = item
        if late:
            live_late += 1
            late_pending += not written
            agency_late += agency
        if is_favoured:
            favoured += 1
            if (
                favourite is None
                or favour_key > favourite_key
                or (favour_key == favourite_key and ident < favourite.id)
            ):
                favourite, favourite_key = item, favour_key

    live = len(items)
    backup = None
    if favourite is not None:
        home = favourite.organization
        backup = len([name for name in advanced_organizations if name != home])

    last_application = max(applied_times) if applied_times else None
    first_application = min(applied_times) if applied_times else None
    recent_start = now - RECENT_WINDOW_DAYS * SECONDS_PER_DAY
    # List comprehensions rather than sum() over generators: cheaper, at every step.
    applications_recent = len([ts for ts in applied_times if ts > recent_start])
    if first_application is None:
        window_days = MIN_WINDOW_DAYS
    else:
        window_days = max(
            MIN_WINDOW_DAYS, (now - max(first_application, recent_start)) / SECONDS_PER_DAY
        )
    rate = applications_recent / (window_days / 7.0)
    previous_rate = None
    if first_application is not None:
        previous_start = max(first_application, recent_start - RECENT_WINDOW_DAYS * SECONDS_PER_DAY)
        previous_days = (recent_start - previous_start) / SECONDS_PER_DAY
        if previous_days >= MIN_WINDOW_DAYS:
            count = len([ts for ts in applied_times if previous_start <= ts <= recent_start])
            previous_rate = count / (previous_days / 7.0)
    trend = None if not previous_rate else rate / previous_rate

    top_offer_share = top_offer_organization = None
    if chances is not None:
        org_chances = {name: 1.0 - rest for name, rest in missing_advanced.items()}
        total = math.fsum(org_chances.values())
        if total > 0:
            top_offer_organization = min(org_chances, key=lambda k: (-org_chances[k], k))
            top_offer_share = org_chances[top_offer_organization] / total
        if p_no_offer is None:
            p_no_offer = math.prod(missing.values())

    top_org, top_org_share = _top(by_org, live)
    top_industry, top_industry_share = _top(by_industry, live)
    top_location, top_location_share = _top(by_location, live)
    goals = search.goals
    weekly_goal = goals.weekly_applications
    # A draft, turned into Facts (see _OpportunityFactsDraft): every value was just computed.
    result: Any = _new(_FactsDraft)
    result.horizon_days = horizon_days
    result.opportunities_known = known
    result.prospects = prospects
    result.live = live
    result.live_advanced = live_advanced
    result.live_late = live_late
    result.late_pending = late_pending
    result.verbal_offers = verbal_offers
    result.written_offers = written_offers
    result.signed = signed
    result.won = signed > 0
    result.closed = closed
    result.organizations = len(by_org)
    result.industries = len(by_industry)
    result.locations = len(by_location)
    result.top_organization = top_org
    result.top_organization_share = top_org_share
    result.top_industry = top_industry
    result.top_industry_share = top_industry_share
    result.top_location = top_location
    result.top_location_share = top_location_share
    result.agency_late = agency_late
    result.agency_late_share = None if live_late == 0 else agency_late / live_late
    result.favoured = favoured
    result.favourite = None if favourite is None else favourite.id
    result.favourite_organization = None if favourite is None else favourite.organization
    result.backup = backup
    result.silent = silent
    result.silent_advanced = silent_advanced
    result.days_since_last_application = (
        None if last_application is None else (now - last_application) / SECONDS_PER_DAY
    )
    result.search_age_days = (
        None if first_application is None else (now - first_application) / SECONDS_PER_DAY
    )
    result.applications_recent = applications_recent
    result.weekly_application_rate = rate
    result.previous_weekly_application_rate = previous_rate
    result.application_trend = trend
    result.weekly_application_goal = None if weekly_goal is None else float(weekly_goal)
    result.min_live_goal = goals.min_live
    result.days_to_offer_goal = (
        None if goals.offer_by is None else (goals.offer_by.timestamp() - now) / SECONDS_PER_DAY
    )
    result.longest_process = None if longest is None else longest.id
    result.longest_process_days = None if longest is None else longest.days_since_applied
    result.max_verbal_offer_business_days = max_verbal
    result.nearest_offer_deadline_days = nearest_deadline
    result.p_no_offer = p_no_offer
    result.top_offer_share = top_offer_share
    result.top_offer_organization = top_offer_organization
    result.opportunities = tuple(items)
    result.stage_counts = tuple(stage_counts.items())
    result._scalars = None  # noqa: SLF001 - our own draft's slot, Facts' default (filled on use)
    result.__class__ = Facts
    return result  # type: ignore[no-any-return]
