"""
History: replaying an opportunity's events into its state.

An opportunity stores only its events; everything else — its stage, round,
outcome, when it last heard from the employer — is derived here, by one pass
over the events in time order. The same pass checks the history: events out of
time order, moves the pipeline does not allow, and anything after the end
(except an inbound contact that revives a ghosted opportunity) are refused.

Replaying up to an instant (``until``) ignores later events, so the state of
any past day can be recovered.

Instants in :class:`OpportunityState` are epoch seconds (plain floats), the
form that the facts and the outlook compute with.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import attrs

from pipeline_core import _checks
from pipeline_core.events import (
    Advanced,
    Applied,
    Closed,
    Contact,
    Direction,
    Event,
    Offer,
    OfferForm,
    Polarity,
    Signal,
)
from pipeline_core.exceptions import InvalidEventError, InvalidTransitionError
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import PipelineDefinition, StageKind

__all__ = ["OpportunityState", "StageVisit", "replay", "stage_visits"]


@attrs.frozen(kw_only=True, weakref_slot=False)
class OpportunityState:
    """
    Where an opportunity stands after some of its events: derived, never stored.

    Instants are epoch seconds (``float``), ``None`` when the thing has not
    happened. Use :class:`~pipeline_core.opportunity.Opportunity` for the
    same information as datetimes.

    .. versionadded:: 0.1.0
    """

    stage: str
    """The current stage's name."""
    stage_index: int
    """The current stage's position in the pipeline (0 is the first)."""
    stage_kind: StageKind
    """The current stage's kind."""
    round: int | None
    """The interview round, for a stage that repeats; else ``None``."""
    outcome: Outcome | None
    """How it ended, or ``None`` while it is live."""
    events_seen: int
    """How many events were replayed."""
    stage_entered_ts: float | None
    """When the current stage (or round) was entered; for the first stage, when created."""
    applied_ts: float | None
    """When the candidate applied."""
    last_event_ts: float | None
    """The latest event replayed."""
    last_contact_ts: float | None
    """The latest contact either way: an application, a message, a stage move, an offer."""
    last_inbound_ts: float | None
    """The latest word from the employer: an inbound message, a stage move, an offer."""
    closed_ts: float | None
    """When the outcome was recorded, while there is one."""
    positive_signals: int
    """How many positive signals were received."""
    negative_signals: int
    """How many negative signals were received."""
    verbal_offer_ts: float | None
    """When the latest verbal offer was made."""
    written_offer_ts: float | None
    """When the latest written offer was made."""
    offer_deadline_ts: float | None
    """The deadline of the latest written offer, if it has one."""
    revivals: int
    """How many times a ghosted opportunity came back with an inbound contact."""

    @property
    def is_live(self) -> bool:
        """
        Whether the opportunity is still open (no outcome recorded).
        """
        return self.outcome is None


class Replay:
    """
    The mutable accumulator behind :func:`replay`; one per replay, never shared.
    """

    __slots__ = (
        "applied_ts",
        "closed_ts",
        "events_seen",
        "last_contact_ts",
        "last_event_ts",
        "last_inbound_ts",
        "negative_signals",
        "offer_deadline_ts",
        "outcome",
        "pipeline",
        "positive_signals",
        "revivals",
        "round",
        "stage",
        "stage_entered_ts",
        "verbal_offer_ts",
        "written_offer_ts",
    )

    def __init__(self, pipeline: PipelineDefinition, created_ts: float | None) -> None:
        self.pipeline = pipeline
        self.stage = pipeline.initial.name
        self.round: int | None = None
        self.outcome: Outcome | None = None
        self.events_seen = 0
        self.stage_entered_ts = created_ts
        self.applied_ts: float | None = None
        self.last_event_ts: float | None = None
        self.last_contact_ts: float | None = None
        self.last_inbound_ts: float | None = None
        self.closed_ts: float | None = None
        self.positive_signals = 0
        self.negative_signals = 0
        self.verbal_offer_ts: float | None = None
        self.written_offer_ts: float | None = None
        self.offer_deadline_ts: float | None = None
        self.revivals = 0

    def step(self, event: Event, ts: float, path: str) -> None:
        """
        Apply one event, or raise without changing anything if it is not allowed.
        """
        if self.last_event_ts is not None and ts < self.last_event_ts:
            raise InvalidEventError(
                "event out of time order",
                path=f"{path}.at",
                received=event.at.isoformat(),
                allowed="an instant at or after the previous event",
            )
        if self.outcome is not None:
            self._after_outcome(event, path)
        match event:
            case Applied():
                self._move(self._stage_of(StageKind.APPLIED), None, ts, path, "applied")
                self.applied_ts = ts
                self.last_contact_ts = ts
            case Advanced(stage=stage, round=round_):
                self._advance(stage, round_, ts, path)
            case Contact(direction=direction):
                self.last_contact_ts = ts
                if direction is Direction.INBOUND:
                    self.last_inbound_ts = ts
            case Signal(polarity=polarity):
                if polarity is Polarity.POSITIVE:
                    self.positive_signals += 1
                else:
                    self.negative_signals += 1
            case Offer():
                self._offer(event, ts, path)
            case _:  # Closed, the last kind
                self._close(event.outcome, ts, path)
        self.last_event_ts = ts
        self.events_seen += 1

    def _after_outcome(self, event: Event, path: str) -> None:
        if (
            self.outcome is Outcome.GHOSTED
            and isinstance(event, Contact)
            and event.direction is Direction.INBOUND
        ):
            self.outcome = None
            self.closed_ts = None
            self.revivals += 1
            return
        assert self.outcome is not None  # noqa: S101 - only called after an outcome
        allowed = (
            "nothing but an inbound contact, which revives a ghosted opportunity"
            if self.outcome is Outcome.GHOSTED
            else "nothing: the opportunity has ended"
        )
        raise InvalidEventError(
            f"event after the outcome {self.outcome.value!r}",
            path=f"{path}.type",
            received=event.type.value,
            allowed=allowed,
        )

    def _stage_of(self, kind: StageKind) -> str:
        stage = self.pipeline.stage_of_kind(kind)
        # PROSPECT, APPLIED, WRITTEN_OFFER and SIGNED are guaranteed by the definition;
        # only VERBAL_OFFER may be missing, and _offer checks for it.
        assert stage is not None  # noqa: S101
        return stage.name

    def _move(self, target: str, round_: int | None, ts: float, path: str, what: str) -> None:
        if not self.pipeline.can_move(self.stage, target):
            allowed = sorted(self.pipeline.next_stages(self.stage))
            raise InvalidTransitionError(
                f"{what!r} cannot move the opportunity from {self.stage!r} to {target!r}",
                path=path,
                received=f"{self.stage} -> {target}",
                allowed="moves to " + (", ".join(allowed) if allowed else "nowhere (terminal)"),
            )
        self.stage = target
        self.round = round_
        self.stage_entered_ts = ts

    def _advance(self, target: str, round_: int | None, ts: float, path: str) -> None:
        stage = self.pipeline.get(target)
        if stage is None or stage.kind is not StageKind.PROCESS:
            process = [s.name for s in self.pipeline.stages if s.kind is StageKind.PROCESS]
            raise InvalidEventError(
                "'advanced' moves to a process stage (use 'applied', 'offer' or 'closed' "
                "for the others)",
                path=f"{path}.stage",
                received=target,
                allowed=", ".join(process) if process else "none: this pipeline has none",
            )
        if target == self.stage:
            current = self.round or 1
            if round_ is None:
                round_ = current + 1
            elif round_ <= current:
                raise InvalidEventError(
                    "a repeated stage needs a later round",
                    path=f"{path}.round",
                    received=round_,
                    allowed=f"a round above {current}",
                )
        self._move(target, round_, ts, path, "advanced")
        self.last_contact_ts = ts
        self.last_inbound_ts = ts

    def _offer(self, event: Offer, ts: float, path: str) -> None:
        kind = StageKind.VERBAL_OFFER if event.form is OfferForm.VERBAL else StageKind.WRITTEN_OFFER
        stage = self.pipeline.stage_of_kind(kind)
        if stage is None:
            raise InvalidEventError(
                "this pipeline has no verbal offer stage",
                path=f"{path}.form",
                received=event.form.value,
                allowed="'written'",
            )
        self._move(stage.name, None, ts, path, "offer")
        if event.form is OfferForm.VERBAL:
            self.verbal_offer_ts = ts
        else:
            self.written_offer_ts = ts
            self.offer_deadline_ts = None if event.deadline is None else event.deadline.timestamp()
        self.last_contact_ts = ts
        self.last_inbound_ts = ts

    def _close(self, outcome: Outcome, ts: float, path: str) -> None:
        kind = self.pipeline.stage(self.stage).kind
        if outcome is Outcome.ACCEPTED:
            self._move(self._stage_of(StageKind.SIGNED), None, ts, path, "closed as accepted")
        elif outcome.needs_offer and kind not in (StageKind.VERBAL_OFFER, StageKind.WRITTEN_OFFER):
            raise InvalidTransitionError(
                f"outcome {outcome.value!r} needs an offer first",
                path=f"{path}.outcome",
                received=f"{outcome.value} at stage {self.stage}",
                allowed="this outcome at an offer stage",
            )
        elif outcome.needs_application and kind is StageKind.PROSPECT:
            raise InvalidTransitionError(
                f"outcome {outcome.value!r} needs an application first",
                path=f"{path}.outcome",
                received=f"{outcome.value} at stage {self.stage}",
                allowed="'withdrawn' or 'cancelled' before applying",
            )
        self.outcome = outcome
        self.closed_ts = ts

    def freeze(self) -> OpportunityState:
        """
        Return the accumulated state as an immutable :class:`OpportunityState`.
        """
        # The values were checked while the events were applied; the attrs __init__ would
        # only store them, one frozen-setattr call per field. A draft takes plain stores and
        # then becomes the state (see _checks.draft_class): risk_history freezes a state per change.
        stage = self.pipeline.stage(self.stage)
        draft = _StateDraft()
        draft.stage = self.stage
        draft.stage_index = self.pipeline.index(self.stage)
        draft.stage_kind = stage.kind
        draft.round = self.round
        draft.outcome = self.outcome
        draft.events_seen = self.events_seen
        draft.stage_entered_ts = self.stage_entered_ts
        draft.applied_ts = self.applied_ts
        draft.last_event_ts = self.last_event_ts
        draft.last_contact_ts = self.last_contact_ts
        draft.last_inbound_ts = self.last_inbound_ts
        draft.closed_ts = self.closed_ts
        draft.positive_signals = self.positive_signals
        draft.negative_signals = self.negative_signals
        draft.verbal_offer_ts = self.verbal_offer_ts
        draft.written_offer_ts = self.written_offer_ts
        draft.offer_deadline_ts = self.offer_deadline_ts
        draft.revivals = self.revivals
        draft.__class__ = OpportunityState
        return cast("OpportunityState", draft)


_StateDraft = _checks.draft_class(OpportunityState)


def replay(
    events: Sequence[Event],
    pipeline: PipelineDefinition,
    *,
    created_ts: float | None = None,
    until_ts: float | None = None,
) -> OpportunityState:
    """
    Replay ``events`` through ``pipeline`` and return the resulting state.

    Args:
        events: The history, in time order.
        pipeline: The pipeline definition the moves must follow.
        created_ts: When the opportunity was created (epoch seconds), used as
            the time the first stage was entered.
        until_ts: Ignore events after this instant (epoch seconds).

    Returns:
        The state after the replayed events.

    Raises:
        InvalidEventError: an event is out of time order, follows the outcome,
            or does not fit the pipeline; the error's path is ``events[i]…``.
        InvalidTransitionError: an event moves along a transition the pipeline
            does not allow.
    """
    state = Replay(pipeline, created_ts)
    for position, event in enumerate(events):
        ts = event.at.timestamp()
        if until_ts is not None and ts > until_ts:
            break
        state.step(event, ts, f"events[{position}]")
    return state.freeze()


def check_history(
    events: Sequence[Event], pipeline: PipelineDefinition, *, created_ts: float | None = None
) -> None:
    """
    Check that ``events`` replay through ``pipeline``, without building the state.

    The same checks as :func:`replay`, for a caller that only validates (an
    :class:`~pipeline_core.opportunity.Opportunity` builds its state on first use).

    Raises:
        InvalidEventError: as :func:`replay`.
        InvalidTransitionError: as :func:`replay`.
    """
    if history_fits(events, pipeline):
        return  # the common case, answered by a tight loop without the replay's state object
    # Refused by the quick check (or built from event subclasses): the replay decides,
    # and names the problem exactly as it always did.
    state = Replay(pipeline, created_ts)
    step = state.step
    for position, event in enumerate(events):
        step(event, event.at.timestamp(), f"events[{position}]")


class _Moves:
    """
    What the quick history check needs to know of one pipeline, looked up once.
    """

    __slots__ = ("applied", "first", "kinds", "next", "process", "signed", "verbal", "written")

    def __init__(self, pipeline: PipelineDefinition) -> None:
        def name_of(kind: StageKind) -> str | None:
            stage = pipeline.stage_of_kind(kind)
            return None if stage is None else stage.name

        self.first = pipeline.initial.name
        self.kinds: Mapping[str, StageKind] = {stage.name: stage.kind for stage in pipeline.stages}
        self.next: Mapping[str, frozenset[str]] = {
            name: pipeline.next_stages(name) for name in self.kinds
        }
        self.process = frozenset(
            name for name, kind in self.kinds.items() if kind is StageKind.PROCESS
        )
        self.applied = name_of(StageKind.APPLIED)
        self.verbal = name_of(StageKind.VERBAL_OFFER)
        self.written = name_of(StageKind.WRITTEN_OFFER)
        self.signed = name_of(StageKind.SIGNED)


# Pipelines by identity, each kept alive by its entry (so an id is never reused while
# cached). A search has one pipeline, so few are ever live; the bound only stops a
# program that builds pipelines in a loop from growing this without end.
_MOVES: dict[int, tuple[PipelineDefinition, _Moves]] = {}
_MOVES_KEPT = 64
_OFFER_KINDS = frozenset({StageKind.VERBAL_OFFER, StageKind.WRITTEN_OFFER})


def _moves(pipeline: PipelineDefinition) -> _Moves:
    if len(_MOVES) >= _MOVES_KEPT:
        _MOVES.clear()
    moves = _Moves(pipeline)
    _MOVES[id(pipeline)] = (pipeline, moves)
    return moves


def history_fits(  # noqa: C901, PLR0911, PLR0912 - one loop over the rules of Replay
    events: Sequence[Event], pipeline: PipelineDefinition
) -> bool:
    """
    Whether ``events`` surely replay through ``pipeline``: the rules of :class:`Replay`, quickly.

    Every opportunity that is built or decoded is checked, so this is a hot loop: no
    state object, no timestamps, no error messages. ``False`` means "not sure", never
    "invalid": the caller then replays, which either raises the exact error or accepts.
    Instants are compared as datetimes; the replay compares epoch seconds, which can
    only tie where datetimes differ (never reverse them), so a history in order here
    is in order there too, and a tie there is sent back to it.
    """
    if not events:
        return True
    entry = _MOVES.get(id(pipeline))  # _moves(pipeline), without the call when cached
    moves = entry[1] if entry is not None else _moves(pipeline)
    following = moves.next
    stage = moves.first
    round_: int | None = None
    outcome: Outcome | None = None
    last_at = events[0].at
    event: Any  # its kind is told by type(event) below, which mypy does not follow
    for event in events:
        at = event.at
        if at < last_at:
            return False
        last_at = at
        kind = type(event)
        if outcome is not None:
            # After an outcome only an inbound contact on a ghosted opportunity is allowed.
            ghosted = outcome is Outcome.GHOSTED
            if ghosted and kind is Contact and event.direction is Direction.INBOUND:
                outcome = None
            else:
                return False
        # The kinds in the order they are most common.
        if kind is Applied:
            target = moves.applied
            new_round: int | None = None
        elif kind is Advanced:
            target = event.stage
            if target not in moves.process:
                return False
            new_round = event.round
            if target == stage:
                current = round_ or 1
                if new_round is None:
                    new_round = current + 1
                elif new_round <= current:
                    return False
        elif kind is Contact or kind is Signal:
            continue
        elif kind is Closed:
            outcome = event.outcome
            if outcome is not Outcome.ACCEPTED:
                stage_kind = moves.kinds[stage]
                if outcome.needs_offer and stage_kind not in _OFFER_KINDS:
                    return False
                if outcome.needs_application and stage_kind is StageKind.PROSPECT:
                    return False
                continue
            target = moves.signed
            new_round = None
        elif kind is Offer:
            target = moves.written if event.form is OfferForm.WRITTEN else moves.verbal
            new_round = None
        else:
            return False  # a subclass of an event class: the replay's match decides
        if target not in following[stage]:
            return False  # also a missing verbal offer stage (target None)
        stage = target
        round_ = new_round
    return True


@attrs.frozen(kw_only=True)
class StageVisit:
    """
    One stay in a stage (or one interview round): when it began, and when it ended.

    .. versionadded:: 0.1.0
    """

    stage: str
    """The stage's name."""
    round: int | None
    """The round, for a stage that repeats."""
    start_ts: float
    """When the stage was entered (epoch seconds)."""
    end_ts: float | None
    """When the next stage was entered or the opportunity closed; ``None`` if still there."""


def stage_visits(
    events: Sequence[Event], pipeline: PipelineDefinition, *, until_ts: float | None = None
) -> tuple[StageVisit, ...]:
    """
    Return each stage an opportunity went through, in order, with when it entered and left.

    The first stage (before applying) has no visit unless an event happened
    there; a visit ends when the next stage (or round) begins or an outcome
    is recorded, and a revival after ghosting starts a new visit of the same stage.

    Args:
        events: The history, in time order (already validated).
        pipeline: Its pipeline definition.
        until_ts: Ignore events after this instant (epoch seconds).

    Returns:
        The visits, oldest first.

    .. versionadded:: 0.1.0
    """
    state = Replay(pipeline, None)
    visits: list[StageVisit] = []
    current: tuple[str, int | None, float] | None = None
    for position, event in enumerate(events):
        ts = event.at.timestamp()
        if until_ts is not None and ts > until_ts:
            break
        before = (state.stage, state.round, state.outcome)
        state.step(event, ts, f"events[{position}]")
        moved = (state.stage, state.round) != before[:2]
        revived = before[2] is not None and state.outcome is None
        if current is not None and (moved or state.outcome is not None):
            visits.append(
                StageVisit(stage=current[0], round=current[1], start_ts=current[2], end_ts=ts)
            )
            current = None
        if moved or revived or (current is None and state.outcome is None and not visits):
            current = (state.stage, state.round, ts)
    if current is not None:
        visits.append(
            StageVisit(stage=current[0], round=current[1], start_ts=current[2], end_ts=None)
        )
    return tuple(visits)
