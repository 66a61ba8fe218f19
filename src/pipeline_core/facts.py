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
from typing import Any, Final, NamedTuple, TypeAlias

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import DecodeError, InvalidValueError, WrongTypeError
from pipeline_core.instants import SECONDS_PER_DAY, to_utc
from pipeline_core.opportunity import Opportunity, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import PipelineDefinition, Stage, StageKind
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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
    return business_days_between(week_position(start_ts), week_position(end_ts))


def week_position(ts: float) -> tuple[float, float]:
    """
    Place an instant in its week: whole weeks since Monday 1969-12-29, and the weekday time.

    The weekday time is the days since that week's Monday 00:00 UTC, at most 5 (the
    weekend does not count). Facts place each instant a silence runs from once per
    state, and the instant they measure to once per evaluation.

    Args:
        ts: The instant, in epoch seconds.

    Returns:
        ``(weeks, weekday_days)``.
    """
    weeks, rest = divmod(ts / SECONDS_PER_DAY + _DAYS_AFTER_MONDAY, 7.0)
    return weeks, min(rest, BUSINESS_DAYS_PER_WEEK)


def business_days_between(start: tuple[float, float], end: tuple[float, float]) -> float:
    """
    Return :func:`business_days` between two instants placed by :func:`week_position`.

    Weekday time from Monday 1969-12-29 to an instant is five days a week, plus the
    part of the current week up to Saturday 00:00; the count is the difference.

    Args:
        start: The earlier instant's :func:`week_position`.
        end: The later instant's.

    Returns:
        The business days from ``start`` to ``end``.
    """
    return (end[0] - start[0]) * BUSINESS_DAYS_PER_WEEK + end[1] - start[1]


# -- the pipeline's layout, computed once per definition --------------------------------------


@attrs.frozen
class StageInfo:
    """
    What the facts need to know about one stage of a pipeline.

    Attributes:
        name: The stage's name.
        kind: Its kind.
        live: An opportunity there is live (applied, no outcome yet).
        advanced: It is past the ``applied`` stage.
        late: It is a late stage (see :func:`pipeline_layout`).
        window: The usual response time in business days, when the employer owes an answer.
    """

    name: str
    kind: StageKind
    live: bool
    advanced: bool
    late: bool
    window: float | None


@attrs.frozen
class PipelineLayout:
    """
    The :class:`StageInfo` of every stage of one pipeline definition, in its order.

    Attributes:
        pipeline: The definition.
        stages: One :class:`StageInfo` per stage, indexed like ``pipeline.stages``.
        names: The stages' names, in order: the keys of the stage counts.
    """

    pipeline: PipelineDefinition
    stages: tuple[StageInfo, ...]
    names: tuple[str, ...]


_LAYOUTS: dict[int, PipelineLayout] = {}
_MAX_LAYOUTS = 64


def pipeline_layout(pipeline: PipelineDefinition) -> PipelineLayout:
    """
    Return which stages are live, advanced and late in ``pipeline``, and their windows.

    A stage is *advanced* past the ``applied`` stage, and *late* from the
    second process stage after it (``interviewing`` in the default pipeline,
    where ``screening`` is the first), or from the only process stage, or —
    without process stages — from the first offer stage. Cached per definition.

    Args:
        pipeline: The pipeline definition.

    Returns:
        Its layout.
    """
    cached = _LAYOUTS.get(id(pipeline))
    if cached is not None and cached.pipeline is pipeline:
        return cached
    stages = pipeline.stages
    applied = next(i for i, stage in enumerate(stages) if stage.kind is StageKind.APPLIED)
    late_from = _late_from(pipeline, applied)
    infos = tuple(
        _stage_info(stage, after_applied=index - applied, late=index >= late_from)
        for index, stage in enumerate(stages)
    )
    layout = PipelineLayout(pipeline=pipeline, stages=infos, names=tuple(s.name for s in infos))
    if len(_LAYOUTS) >= _MAX_LAYOUTS:
        _LAYOUTS.clear()
    _LAYOUTS[id(pipeline)] = layout
    return layout


def _late_from(pipeline: PipelineDefinition, applied: int) -> int:
    """
    The index of the first late stage of ``pipeline``, whose ``applied`` stage is at ``applied``.
    """
    stages = pipeline.stages
    process = [i for i, s in enumerate(stages) if s.kind is StageKind.PROCESS and i > applied]
    if len(process) >= 2:  # noqa: PLR2004 - the first process stage is the screening
        return process[1]
    if process:
        return process[0]
    return next(i for i, s in enumerate(stages) if i > applied and s.kind in _LIVE_STAGES)


def _stage_info(stage: Stage, *, after_applied: int, late: bool) -> StageInfo:
    """
    The :class:`StageInfo` of ``stage``, ``after_applied`` stages after the ``applied`` one.
    """
    live = after_applied >= 0 and stage.kind in _LIVE_STAGES
    awaiting = stage.kind in (StageKind.APPLIED, StageKind.PROCESS)
    window = (
        stage.response_days * BUSINESS_DAYS_PER_WEEK / 7.0
        if awaiting and stage.response_days is not None
        else None
    )
    return StageInfo(
        name=stage.name,
        kind=stage.kind,
        live=live,
        advanced=live and after_applied > 0,
        late=live and late,
        window=window,
    )


# -- checks of compute_facts' arguments -------------------------------------------------------


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
    return facts_from_states(
        search,
        when=when,
        horizon_days=horizon_days,
        chances=offer_chances,
        p_no_offer=p_no_offer,
        states=states,
    )


def facts_from_states(
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    chances: Mapping[str, float] | None,
    p_no_offer: float | None,
    states: Sequence[OpportunityState],
) -> Facts:
    """
    The work of :func:`compute_facts`, on checked arguments and the states as of ``when``.

    Args:
        search: The search.
        when: The instant, in UTC.
        horizon_days: The horizon, in days.
        chances: The outlook's chance of an offer per opportunity id, or ``None``.
        p_no_offer: The outlook's chance of no offer, or ``None`` (then computed
            from ``chances``, when given).
        states: One state per opportunity, in the search's order, as of ``when``.

    Returns:
        The facts.
    """
    layout = pipeline_layout(search.pipeline)
    stages = layout.stages
    parts = [
        state_facts(opportunity, state, stages)
        for opportunity, state in zip(search.opportunities, states, strict=True)
    ]
    return facts_from_census(
        search,
        when=when,
        horizon_days=horizon_days,
        chances=chances,
        p_no_offer=p_no_offer,
        counted=census(parts, layout.names, when.timestamp()),
    )


# -- the facts of one opportunity that depend on its state only -------------------------------
#
# Most of an opportunity's facts depend on its state only (its stage, organisation, signals,
# the instants its durations start from); only the durations depend on the instant. So the
# facts are computed in three steps: state_facts, once per state; census, once per set of
# states known at an instant (what the counts, the concentration and the favourite read);
# and facts_from_census, at each instant (the durations, and what depends on them).
# risk_history computes each state's part once for the whole period and a new census only
# when a state changes or an opportunity becomes known, so a step recomputes only what the
# instant changes; assess makes one of each. There is one implementation of every fact.

SIGNED, CLOSED, PROSPECT, LIVE = range(4)
"""The status of an opportunity in a :data:`StateFacts`: signed, closed, a prospect or live."""


class LiveState(NamedTuple):
    """
    What a live opportunity's facts take from its state, ready for any instant.

    Instants are epoch seconds; ``silence`` and ``verbal`` are
    :func:`week_position` results (``verbal`` only for a verbal offer awaiting
    the written one).
    """

    id: str
    organization: str
    industry: str | None
    location: str | None
    source: Source
    stage: str
    kind: StageKind
    stage_index: int
    advanced: bool
    late: bool
    window: float | None
    favoured: bool
    positive: int
    negative: int
    entered: float
    last_contact: float
    process_start: float
    silence: tuple[float, float]
    verbal: tuple[float, float] | None
    deadline: float | None


StateFacts: TypeAlias = tuple[float, int, float | None, str, LiveState | None]
"""
The facts of one opportunity in one state that do not depend on the instant.

``(known_from, status, applied_ts, stage, live)``: from when the opportunity is known
(epoch seconds; ``inf`` for never in this state, ``-inf`` for always), its status
(:data:`SIGNED`, :data:`CLOSED`, :data:`PROSPECT` or :data:`LIVE`), when it applied (or
``None``), its stage's name, and its :class:`LiveState` when live. A plain tuple, read by
unpacking: one is made per opportunity at every assessment.
"""

_ALWAYS = -math.inf


def state_facts(
    opportunity: Opportunity, state: OpportunityState, stages: tuple[StageInfo, ...]
) -> StateFacts:
    """
    Return the facts of ``opportunity`` in ``state`` that do not depend on the instant.

    Args:
        opportunity: The opportunity.
        state: One of its replayed states.
        stages: The :attr:`PipelineLayout.stages` of its pipeline.

    Returns:
        Its :data:`StateFacts`, which :func:`census` reads.
    """
    known_from = _ALWAYS if state.events_seen else _known_before_events(opportunity)
    outcome = state.outcome
    if outcome is not None:
        status = SIGNED if outcome is Outcome.ACCEPTED else CLOSED
        return (known_from, status, state.applied_ts, state.stage, None)
    info = stages[state.stage_index]
    if not info.live:
        return (known_from, PROSPECT, state.applied_ts, info.name, None)
    return (known_from, LIVE, state.applied_ts, info.name, _live_state(opportunity, state, info))


def _known_before_events(opportunity: Opportunity) -> float:
    """
    From when an opportunity is known before its first event: its created_at.

    Without one, never (when it has events: the first one makes a new state) or
    always (when it has none). After its first event, it is always known.
    """
    created = opportunity.created_at
    if created is not None:
        return created.timestamp()
    return math.inf if opportunity.events else _ALWAYS


def _live_state(opportunity: Opportunity, state: OpportunityState, info: StageInfo) -> LiveState:
    """
    The :class:`LiveState` of a live opportunity, at the live stage ``info``.
    """
    kind = info.kind
    entered = state.stage_entered_ts
    last_contact = state.last_contact_ts
    # A live stage is entered by an event (applied, advanced, offer), which is a contact.
    assert entered is not None  # noqa: S101
    assert last_contact is not None  # noqa: S101
    inbound = state.last_inbound_ts
    # Silence runs from the employer's last word: a stage move, an offer, a message.
    silence = week_position(entered if inbound is None or inbound < entered else inbound)
    verbal = None
    if kind is StageKind.VERBAL_OFFER and state.verbal_offer_ts is not None:
        verbal = week_position(state.verbal_offer_ts)
    positive = state.positive_signals
    negative = state.negative_signals
    # Positional, in the order of the fields (keywords cost more, once per state).
    return LiveState(
        opportunity.id,  # id
        opportunity.organization,  # organization
        opportunity.industry,  # industry
        opportunity.location,  # location
        opportunity.source,  # source
        info.name,  # stage
        kind,  # kind
        state.stage_index,  # stage_index
        info.advanced,  # advanced
        info.late,  # late
        info.window,  # window
        positive > negative or kind is StageKind.VERBAL_OFFER,  # favoured
        positive,  # positive
        negative,  # negative
        entered,  # entered
        last_contact,  # last_contact
        entered if state.applied_ts is None else state.applied_ts,  # process_start
        silence,  # silence
        verbal,  # verbal
        state.offer_deadline_ts if kind is StageKind.WRITTEN_OFFER else None,  # deadline
    )


# -- the facts of the opportunities known at an instant, before any duration -----------------


class Census(NamedTuple):
    """
    What the facts at an instant take from the states known then, before any duration.

    It changes only when a state changes or an opportunity becomes known: see
    :func:`census`. The fields are the :class:`Facts` of the same names, and:

    Attributes:
        applied_times: When each known opportunity applied (epoch seconds).
        lives: The :class:`LiveState` of each live opportunity, in the search's order.
        changes_at: The earliest instant after the census's at which another
            opportunity becomes known (``inf``: none); until then, with the same
            states, the census holds.
    """

    opportunities_known: int
    prospects: int
    signed: int
    closed: int
    applied_times: list[float]
    stage_counts: tuple[tuple[str, int], ...]
    lives: list[LiveState]
    changes_at: float
    organizations: int
    industries: int
    locations: int
    top_organization: str | None
    top_organization_share: float | None
    top_industry: str | None
    top_industry_share: float | None
    top_location: str | None
    top_location_share: float | None
    live_advanced: int
    live_late: int
    late_pending: int
    agency_late: int
    favoured: int
    verbal_offers: int
    written_offers: int
    favourite: LiveState | None
    backup: int | None


def census(parts: Sequence[StateFacts], names: tuple[str, ...], now: float) -> Census:
    """
    Count the opportunities known at ``now`` by status, stage, organisation and kind.

    Args:
        parts: Each opportunity's :data:`StateFacts`, in the search's order.
        names: The pipeline's stage names (:attr:`PipelineLayout.names`).
        now: The instant, in epoch seconds.

    Returns:
        The :class:`Census`.
    """
    known = prospects = signed = closed = 0
    applied_times: list[float] = []
    stage_counts = dict.fromkeys(names, 0)
    lives: list[LiveState] = []
    changes_at = math.inf
    for known_from, status, applied_ts, stage, live in parts:
        if known_from > now:
            changes_at = min(changes_at, known_from)
            continue  # not known yet
        known += 1
        if applied_ts is not None:
            applied_times.append(applied_ts)
        if status == SIGNED:
            signed += 1
        elif status == CLOSED:
            closed += 1
        else:
            stage_counts[stage] += 1
            if live is None:
                prospects += 1
            else:
                lives.append(live)
    counts = (known, prospects, signed, closed, applied_times, tuple(stage_counts.items()))
    return Census(*counts, lives, changes_at, *_live_counts(lives))


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


def _live_counts(lives: list[LiveState]) -> tuple[Any, ...]:
    """
    The live opportunities by organisation, industry, location and kind, in one pass; the tops.
    """
    advanced = late = late_pending = agency_late = favoured = verbal = written = 0
    by_org: dict[str, int] = {}
    by_industry: dict[str, int] = {}
    by_location: dict[str, int] = {}
    for live in lives:
        by_org[live.organization] = by_org.get(live.organization, 0) + 1
        if live.industry is not None:
            by_industry[live.industry] = by_industry.get(live.industry, 0) + 1
        if live.location is not None:
            by_location[live.location] = by_location.get(live.location, 0) + 1
        advanced += live.advanced
        favoured += live.favoured
        verbal += live.verbal is not None
        written_offer = live.kind is StageKind.WRITTEN_OFFER
        written += written_offer
        if live.late:
            late += 1
            late_pending += not written_offer
            agency_late += live.source is Source.AGENCY_RECRUITER
    total = len(lives)
    favourite = _favourite(lives)
    return (
        len(by_org),
        len(by_industry),
        len(by_location),
        *_top(by_org, total),
        *_top(by_industry, total),
        *_top(by_location, total),
        advanced,
        late,
        late_pending,
        agency_late,
        favoured,
        verbal,
        written,
        favourite,
        None if favourite is None else _backup(lives, favourite.organization),
    )


def _backup(lives: list[LiveState], home: str) -> int:
    """
    The live opportunities past the application at other organisations than ``home``.
    """
    return len([live for live in lives if live.advanced and live.organization != home])


def _favourite(lives: list[LiveState]) -> LiveState | None:
    """
    The most advanced favoured opportunity (ties: more net positive signals, then the id).
    """
    favourite = None
    best = (-1, 0)
    for live in lives:
        if not live.favoured:
            continue
        key = (live.stage_index, live.positive - live.negative)
        if favourite is None or key > best or (key == best and live.id < favourite.id):
            favourite, best = live, key
    return favourite


# -- the facts at an instant ------------------------------------------------------------------


def facts_from_parts(
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    chances: Mapping[str, float] | None,
    p_no_offer: float | None,
    parts: Sequence[StateFacts],
) -> Facts:
    """
    Return the facts at ``when`` from each opportunity's :data:`StateFacts`.

    Args:
        search: The search.
        when: The instant, in UTC.
        horizon_days: The horizon, in days.
        chances: The outlook's chance of an offer per opportunity id, or ``None``.
        p_no_offer: The outlook's chance of no offer, or ``None``.
        parts: One :data:`StateFacts` per opportunity, in the search's order.

    Returns:
        The facts.
    """
    counted = census(parts, pipeline_layout(search.pipeline).names, when.timestamp())
    return facts_from_census(
        search,
        when=when,
        horizon_days=horizon_days,
        chances=chances,
        p_no_offer=p_no_offer,
        counted=counted,
    )


def facts_from_census(
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    chances: Mapping[str, float] | None,
    p_no_offer: float | None,
    counted: Census,
) -> Facts:
    """
    Return the facts at ``when`` from the :class:`Census` of the opportunities known then.

    :func:`~pipeline_core.risk_history` calls it at every step with arguments it
    checked once for the whole period, and a census it makes again only when it changes.

    Args:
        search: The search.
        when: The instant, in UTC.
        horizon_days: The horizon, in days.
        chances: The outlook's chance of an offer per opportunity id, or ``None``.
        p_no_offer: The outlook's chance of no offer, or ``None`` (then computed
            from ``chances``, when given).
        counted: The census at ``when`` (:func:`census`).

    Returns:
        The facts.
    """
    now = when.timestamp()
    now_week = week_position(now)
    items = [_opportunity_facts(live, now, now_week, chances) for live in counted.lives]
    top_offer: tuple[float | None, str | None] = (None, None)
    if chances is not None:
        top_offer = _offer_concentration(items)
        if p_no_offer is None:
            p_no_offer = math.prod(_missing_by_organization(items, advanced_only=False).values())
    return _assemble(
        search,
        now=now,
        horizon_days=horizon_days,
        counted=counted,
        items=items,
        top_offer=top_offer,
        p_no_offer=p_no_offer,
    )


def _opportunity_facts(
    live: LiveState,
    now: float,
    now_week: tuple[float, float],
    chances: Mapping[str, float] | None,
) -> OpportunityFacts:
    """
    The facts of a live opportunity at ``now`` (``now_week``: its :func:`week_position`).
    """
    # One unpacking: cheaper than reading the fields one by one, at every step.
    (
        ident,
        organization,
        industry,
        location,
        source,
        stage,
        kind,
        _,  # stage_index
        advanced,
        late,
        window,
        favoured,
        positive,
        negative,
        entered,
        last_contact,
        process_start,
        silence,
        verbal,
        deadline,
    ) = live
    now_weeks, now_rest = now_week
    return OpportunityFacts(
        id=ident,
        organization=organization,
        industry=industry,
        location=location,
        source=source,
        stage=stage,
        stage_kind=kind,
        advanced=advanced,
        late=late,
        awaiting=window is not None,
        favoured=favoured,
        positive_signals=positive,
        negative_signals=negative,
        days_in_stage=(now - entered) / SECONDS_PER_DAY,
        days_since_contact=(now - last_contact) / SECONDS_PER_DAY,
        # Business days as in business_days_between, from the week positions kept per state.
        business_days_silent=(now_weeks - silence[0]) * BUSINESS_DAYS_PER_WEEK
        + now_rest
        - silence[1],
        response_window=window,
        days_since_applied=(now - process_start) / SECONDS_PER_DAY,
        verbal_offer_business_days=None
        if verbal is None
        else (now_weeks - verbal[0]) * BUSINESS_DAYS_PER_WEEK + now_rest - verbal[1],
        deadline_days=None if deadline is None else (deadline - now) / SECONDS_PER_DAY,
        offer_chance=None if chances is None else chances.get(ident),
    )


def _missing_by_organization(
    items: list[OpportunityFacts], *, advanced_only: bool
) -> dict[str, float]:
    """
    Per organisation, the chance that it makes no offer: the product of ``1 - chance``.

    Over every live opportunity with a chance (for ``p_no_offer``), or only those past the
    application (for the concentration: see :func:`compute_facts`).
    """
    missing: dict[str, float] = {}
    for item in items:
        chance = item.offer_chance
        if chance is not None and (item.advanced or not advanced_only):
            name = item.organization
            missing[name] = missing.get(name, 1.0) * (1.0 - chance)
    return missing


def _offer_concentration(items: list[OpportunityFacts]) -> tuple[float | None, str | None]:
    """
    The largest share of the chance of an offer held by one organisation, and which.
    """
    org_chances = {
        name: 1.0 - rest
        for name, rest in _missing_by_organization(items, advanced_only=True).items()
    }
    total = math.fsum(org_chances.values())
    if total > 0:
        top = min(org_chances, key=lambda k: (-org_chances[k], k))
        return org_chances[top] / total, top
    return None, None


class _Waits(NamedTuple):
    """The facts that depend on the durations of the live opportunities."""

    silent: int
    silent_advanced: int
    max_verbal_wait: float | None
    nearest_deadline: float | None
    longest: OpportunityFacts | None


def _waits(items: list[OpportunityFacts]) -> _Waits:
    """
    The silent opportunities, the longest verbal wait, the nearest deadline, the longest process.
    """
    silent = [
        item
        for item in items
        if item.response_window is not None and item.business_days_silent > item.response_window
    ]
    waits = [
        item.verbal_offer_business_days
        for item in items
        if item.verbal_offer_business_days is not None
    ]
    deadlines = [item.deadline_days for item in items if item.deadline_days is not None]
    longest = None  # the longest-running process past the application; ties: the smallest id
    for item in items:
        if item.advanced and (
            longest is None
            or (item.days_since_applied, longest.id) > (longest.days_since_applied, item.id)
        ):
            longest = item
    return _Waits(
        len(silent),
        len([item for item in silent if item.advanced]),
        # max and min keep the first of equal values, as the one pass always did.
        max(waits) if waits else None,
        min(deadlines) if deadlines else None,
        longest,
    )


class _Rates(NamedTuple):
    """The facts about the pace of new applications."""

    recent: int
    rate: float
    previous_rate: float | None
    trend: float | None


def _rates(applied_times: list[float], now: float) -> _Rates:
    """
    The applications of the last 28 days, their weekly rate, the 28 days before, and the trend.
    """
    first_application = min(applied_times) if applied_times else None
    recent_start = now - RECENT_WINDOW_DAYS * SECONDS_PER_DAY
    # List comprehensions rather than sum() over generators: cheaper, at every step.
    recent = len([ts for ts in applied_times if ts > recent_start])
    window_days = MIN_WINDOW_DAYS
    if first_application is not None:
        window_days = max(
            MIN_WINDOW_DAYS, (now - max(first_application, recent_start)) / SECONDS_PER_DAY
        )
    rate = recent / (window_days / 7.0)
    previous_rate = None
    if first_application is not None:
        previous_start = max(first_application, recent_start - RECENT_WINDOW_DAYS * SECONDS_PER_DAY)
        previous_days = (recent_start - previous_start) / SECONDS_PER_DAY
        if previous_days >= MIN_WINDOW_DAYS:
            count = len([ts for ts in applied_times if previous_start <= ts <= recent_start])
            previous_rate = count / (previous_days / 7.0)
    trend = None if not previous_rate else rate / previous_rate
    return _Rates(recent, rate, previous_rate, trend)


def _days_since(now: float, ts: float | None) -> float | None:
    return None if ts is None else (now - ts) / SECONDS_PER_DAY


def _assemble(
    search: Search,
    *,
    now: float,
    horizon_days: float,
    counted: Census,
    items: list[OpportunityFacts],
    top_offer: tuple[float | None, str | None],
    p_no_offer: float | None,
) -> Facts:
    """
    Build the :class:`Facts` from the census, the live opportunities' facts and the outlook's.
    """
    waits = _waits(items)
    longest = waits.longest
    favourite = counted.favourite
    applied_times = counted.applied_times
    rates = _rates(applied_times, now)
    goals = search.goals
    weekly_goal = goals.weekly_applications
    offer_by = None if goals.offer_by is None else goals.offer_by.timestamp()
    return Facts(
        horizon_days=horizon_days,
        opportunities_known=counted.opportunities_known,
        prospects=counted.prospects,
        live=len(items),
        live_advanced=counted.live_advanced,
        live_late=counted.live_late,
        late_pending=counted.late_pending,
        verbal_offers=counted.verbal_offers,
        written_offers=counted.written_offers,
        signed=counted.signed,
        won=counted.signed > 0,
        closed=counted.closed,
        organizations=counted.organizations,
        industries=counted.industries,
        locations=counted.locations,
        top_organization=counted.top_organization,
        top_organization_share=counted.top_organization_share,
        top_industry=counted.top_industry,
        top_industry_share=counted.top_industry_share,
        top_location=counted.top_location,
        top_location_share=counted.top_location_share,
        agency_late=counted.agency_late,
        agency_late_share=None
        if counted.live_late == 0
        else counted.agency_late / counted.live_late,
        favoured=counted.favoured,
        favourite=None if favourite is None else favourite.id,
        favourite_organization=None if favourite is None else favourite.organization,
        backup=counted.backup,
        silent=waits.silent,
        silent_advanced=waits.silent_advanced,
        days_since_last_application=_days_since(now, max(applied_times, default=None)),
        search_age_days=_days_since(now, min(applied_times, default=None)),
        applications_recent=rates.recent,
        weekly_application_rate=rates.rate,
        previous_weekly_application_rate=rates.previous_rate,
        application_trend=rates.trend,
        weekly_application_goal=None if weekly_goal is None else float(weekly_goal),
        min_live_goal=goals.min_live,
        days_to_offer_goal=None if offer_by is None else (offer_by - now) / SECONDS_PER_DAY,
        longest_process=None if longest is None else longest.id,
        longest_process_days=None if longest is None else longest.days_since_applied,
        max_verbal_offer_business_days=waits.max_verbal_wait,
        nearest_offer_deadline_days=waits.nearest_deadline,
        p_no_offer=p_no_offer,
        top_offer_share=top_offer[0],
        top_offer_organization=top_offer[1],
        opportunities=items,
        stage_counts=counted.stage_counts,
    )
