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

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import attrs

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
    The one state machine of an opportunity's history: apply events, then freeze the state.

    Every check of a history and every state comes from here: :func:`replay`,
    :func:`check_history` (the check an opportunity makes when it is built),
    :func:`stage_visits` and the risk history's sweep. One per replay, never shared.

    Args:
        pipeline: The pipeline definition the moves must follow.
        created_ts: When the opportunity was created (epoch seconds), the time the
            first stage was entered; ``None`` if unknown.
    """

    # What every replay starts with, as class attributes: an instance stores only what
    # changes, so checking a short history (every opportunity built) starts cheaply.
    round: int | None = None
    outcome: Outcome | None = None
    events_seen = 0
    applied_ts: float | None = None
    last_event_ts: float | None = None
    last_contact_ts: float | None = None
    last_inbound_ts: float | None = None
    closed_ts: float | None = None
    positive_signals = 0
    negative_signals = 0
    verbal_offer_ts: float | None = None
    written_offer_ts: float | None = None
    offer_deadline_ts: float | None = None
    revivals = 0

    def __init__(self, pipeline: PipelineDefinition, created_ts: float | None) -> None:
        self.moves = pipeline.moves
        self.stage = self.moves.initial
        self.stage_entered_ts = created_ts

    def step(self, event: Event, ts: float, position: int) -> None:
        """
        Apply one event, or raise without changing anything if it is not allowed.

        Args:
            event: The event.
            ts: Its instant in epoch seconds (``event.at.timestamp()``).
            position: Its position in the history: errors name ``events[position]…``.

        Raises:
            InvalidEventError: as :func:`replay`.
            InvalidTransitionError: as :func:`replay`.
        """
        last = self.last_event_ts
        if last is not None and ts < last:
            raise InvalidEventError(
                "event out of time order",
                path=f"events[{position}].at",
                received=event.at.isoformat(),
                allowed="an instant at or after the previous event",
            )
        if self.outcome is not None:
            self._after_outcome(event, position)
        kind = type(event)
        apply = self._by_kind.get(kind) or self._method_for(kind)
        apply(self, event, ts, position)
        self.last_event_ts = ts
        self.events_seen += 1

    # One method per kind of event; step() picks it by the event's class (see _APPLY).

    def _applied(self, _event: Applied, ts: float, position: int) -> None:
        self._move(self.moves.applied, None, ts, position, "applied")
        self.applied_ts = ts
        self.last_contact_ts = ts

    def _advanced(self, event: Advanced, ts: float, position: int) -> None:
        self._advance(event.stage, event.round, ts, position)

    def _contact(self, event: Contact, ts: float, _position: int) -> None:
        self.last_contact_ts = ts
        if event.direction is Direction.INBOUND:
            self.last_inbound_ts = ts

    def _signal(self, event: Signal, _ts: float, _position: int) -> None:
        if event.polarity is Polarity.POSITIVE:
            self.positive_signals += 1
        else:
            self.negative_signals += 1

    def _closed(self, event: Closed, ts: float, position: int) -> None:
        self._close(event.outcome, ts, position)

    def _after_outcome(self, event: Event, position: int) -> None:
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
            path=f"events[{position}].type",
            received=event.type.value,
            allowed=allowed,
        )

    def _move(self, target: str, round_: int | None, ts: float, position: int, what: str) -> None:
        following = self.moves.following[self.stage]
        if target not in following:
            allowed = sorted(following)
            raise InvalidTransitionError(
                f"{what!r} cannot move the opportunity from {self.stage!r} to {target!r}",
                path=f"events[{position}]",
                received=f"{self.stage} -> {target}",
                allowed="moves to " + (", ".join(allowed) if allowed else "nowhere (terminal)"),
            )
        self.stage = target
        self.round = round_
        self.stage_entered_ts = ts

    def _advance(self, target: str, round_: int | None, ts: float, position: int) -> None:
        if self.moves.kinds.get(target) is not StageKind.PROCESS:
            process = self.moves.process
            raise InvalidEventError(
                "'advanced' moves to a process stage (use 'applied', 'offer' or 'closed' "
                "for the others)",
                path=f"events[{position}].stage",
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
                    path=f"events[{position}].round",
                    received=round_,
                    allowed=f"a round above {current}",
                )
        self._move(target, round_, ts, position, "advanced")
        self.last_contact_ts = ts
        self.last_inbound_ts = ts

    def _offer(self, event: Offer, ts: float, position: int) -> None:
        verbal = event.form is OfferForm.VERBAL
        target = self.moves.verbal_offer if verbal else self.moves.written_offer
        if target is None:
            raise InvalidEventError(
                "this pipeline has no verbal offer stage",
                path=f"events[{position}].form",
                received=event.form.value,
                allowed="'written'",
            )
        self._move(target, None, ts, position, "offer")
        if verbal:
            self.verbal_offer_ts = ts
        else:
            self.written_offer_ts = ts
            self.offer_deadline_ts = None if event.deadline is None else event.deadline.timestamp()
        self.last_contact_ts = ts
        self.last_inbound_ts = ts

    def _close(self, outcome: Outcome, ts: float, position: int) -> None:
        kind = self.moves.kinds[self.stage]
        if outcome is Outcome.ACCEPTED:
            self._move(self.moves.signed, None, ts, position, "closed as accepted")
        elif outcome.needs_offer and kind not in _OFFER_KINDS:
            raise InvalidTransitionError(
                f"outcome {outcome.value!r} needs an offer first",
                path=f"events[{position}].outcome",
                received=f"{outcome.value} at stage {self.stage}",
                allowed="this outcome at an offer stage",
            )
        elif outcome.needs_application and kind is StageKind.PROSPECT:
            raise InvalidTransitionError(
                f"outcome {outcome.value!r} needs an application first",
                path=f"events[{position}].outcome",
                received=f"{outcome.value} at stage {self.stage}",
                allowed="'withdrawn' or 'cancelled' before applying",
            )
        self.outcome = outcome
        self.closed_ts = ts

    def freeze(self) -> OpportunityState:
        """
        Return the accumulated state as an immutable :class:`OpportunityState`.
        """
        stage = self.stage
        return OpportunityState(
            stage=stage,
            stage_index=self.moves.index[stage],
            stage_kind=self.moves.kinds[stage],
            round=self.round,
            outcome=self.outcome,
            events_seen=self.events_seen,
            stage_entered_ts=self.stage_entered_ts,
            applied_ts=self.applied_ts,
            last_event_ts=self.last_event_ts,
            last_contact_ts=self.last_contact_ts,
            last_inbound_ts=self.last_inbound_ts,
            closed_ts=self.closed_ts,
            positive_signals=self.positive_signals,
            negative_signals=self.negative_signals,
            verbal_offer_ts=self.verbal_offer_ts,
            written_offer_ts=self.written_offer_ts,
            offer_deadline_ts=self.offer_deadline_ts,
            revivals=self.revivals,
        )

    _by_kind: ClassVar[dict[type, Callable[[Replay, Any, float, int], None]]] = {
        Applied: _applied,
        Advanced: _advanced,
        Contact: _contact,
        Signal: _signal,
        Offer: _offer,
        Closed: _closed,
    }
    """How :meth:`step` applies each kind of event: one dict lookup by its class."""

    @classmethod
    def _method_for(cls, kind: type) -> Callable[[Replay, Any, float, int], None]:
        # A subclass of an event class: its base's method, found once and remembered.
        method = next(cls._by_kind[base] for base in kind.__mro__ if base in cls._by_kind)
        cls._by_kind[kind] = method
        return method


_OFFER_KINDS = frozenset({StageKind.VERBAL_OFFER, StageKind.WRITTEN_OFFER})


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
    step = state.step
    for position, event in enumerate(events):
        ts = event.at.timestamp()
        if until_ts is not None and ts > until_ts:
            break
        step(event, ts, position)
    return state.freeze()


def check_history(
    events: Sequence[Event], pipeline: PipelineDefinition, *, created_ts: float | None = None
) -> None:
    """
    Check that ``events`` replay through ``pipeline``, without building the state.

    The same machine and checks as :func:`replay`, for a caller that only validates
    (an :class:`~pipeline_core.opportunity.Opportunity` builds its state on first use).

    Raises:
        InvalidEventError: as :func:`replay`.
        InvalidTransitionError: as :func:`replay`.
    """
    step = Replay(pipeline, created_ts).step
    for position, event in enumerate(events):
        step(event, event.at.timestamp(), position)


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
        state.step(event, ts, position)
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
