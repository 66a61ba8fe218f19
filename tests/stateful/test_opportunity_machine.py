"""
A state machine drives one opportunity through random legal and illegal events.

The model is a plain table of the default pipeline's legal moves, written out
here by hand, independent of the library's own transition logic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import pipeline_core as pc

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

# Which stage each stage-moving event may come from, for the default pipeline.
LEGAL_MOVES: dict[str, set[str]] = {
    "interested": {"applied"},
    "applied": {"screening", "interviewing", "final_round", "verbal_offer", "written_offer"},
    "screening": {"interviewing", "final_round", "verbal_offer", "written_offer"},
    "interviewing": {"interviewing", "final_round", "verbal_offer", "written_offer"},
    "final_round": {"verbal_offer", "written_offer"},
    "verbal_offer": {"verbal_offer", "written_offer"},
    "written_offer": {"written_offer", "accepted"},
    "accepted": set(),
}
OFFER_STAGES = {"verbal_offer", "written_offer"}
PROCESS_STAGES = {"screening", "interviewing", "final_round"}


class OpportunityMachine(RuleBasedStateMachine):
    """Random events against the table; accepted ones must match it, refused ones change nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.opportunity = pc.Opportunity(
            id="x", organization="X", title="Role", source="referral", created_at=START
        )
        self.stage = "interested"
        self.outcome: str | None = None
        self.last = START
        self.round = 0

    # -- the model -------------------------------------------------------------------------

    def legal(self, event: pc.Event) -> tuple[bool, str, str | None]:  # noqa: C901, PLR0911, PLR0912 - the plain model reads best as one walk
        """Return (allowed?, stage after, outcome after) according to the plain model."""
        if event.at < self.last:
            return False, self.stage, self.outcome
        if self.outcome is not None:
            revives = (
                self.outcome == "ghosted"
                and isinstance(event, pc.Contact)
                and event.direction == "inbound"
            )
            return revives, self.stage, None if revives else self.outcome
        target: str | None = None
        if isinstance(event, pc.Applied):
            target = "applied"
        elif isinstance(event, pc.Advanced):
            if event.stage not in PROCESS_STAGES:
                return False, self.stage, None
            if event.stage == self.stage and event.round is not None and event.round <= self.round:
                return False, self.stage, None
            target = event.stage
        elif isinstance(event, pc.Offer):
            target = f"{event.form}_offer"
        elif isinstance(event, pc.Closed):
            if event.outcome == "accepted":
                target = "accepted"
            elif event.outcome in ("rescinded", "declined"):
                return self.stage in OFFER_STAGES, self.stage, event.outcome.value
            elif event.outcome in ("rejected", "ghosted"):
                return self.stage != "interested", self.stage, event.outcome.value
            else:
                return True, self.stage, event.outcome.value
        if target is None:  # contact or signal
            return True, self.stage, None
        allowed = target in LEGAL_MOVES[self.stage]
        outcome = "accepted" if target == "accepted" and allowed else None
        return allowed, target if allowed else self.stage, outcome

    # -- rules -----------------------------------------------------------------------------

    @rule(
        gap=st.integers(-2, 10),
        event=st.sampled_from(["applied", "advanced", "contact", "signal", "offer", "closed"]),
        stage=st.sampled_from([*PROCESS_STAGES, "accepted", "verbal_offer", "nowhere"]),
        round_=st.none() | st.integers(1, 4),
        direction=st.sampled_from(pc.Direction),
        form=st.sampled_from(pc.OfferForm),
        outcome=st.sampled_from(pc.Outcome),
    )
    def add_event(
        self,
        *,
        gap: int,
        event: str,
        stage: str,
        round_: int | None,
        direction: pc.Direction,
        form: pc.OfferForm,
        outcome: pc.Outcome,
    ) -> None:
        at = self.last + dt.timedelta(days=gap)
        builders: dict[str, Callable[[], pc.Event]] = {
            "applied": lambda: pc.Applied(at=at),
            "advanced": lambda: pc.Advanced(at=at, stage=stage, round=round_),
            "contact": lambda: pc.Contact(at=at, direction=direction),
            "signal": lambda: pc.Signal(at=at, polarity="positive"),
            "offer": lambda: pc.Offer(at=at, form=form),
            "closed": lambda: pc.Closed(at=at, outcome=outcome),
        }
        candidate = builders[event]()
        allowed, stage_after, outcome_after = self.legal(candidate)
        before = self.opportunity
        try:
            after = before.with_event(candidate)
        except pc.InvalidEventError:
            assert not allowed, f"refused a legal event {candidate!r} at {self.stage}"
            assert before.events == self.opportunity.events
            return
        assert allowed, f"accepted an illegal event {candidate!r} at {self.stage}"
        self.opportunity = after
        if stage_after != self.stage:
            self.round = 0
        if isinstance(candidate, pc.Advanced):
            # An unnumbered first visit to a stage counts as round 1.
            self.round = candidate.round or (self.round + 1 if stage_after == self.stage else 1)
        self.stage, self.outcome, self.last = stage_after, outcome_after, at

    @invariant()
    def derived_state_matches_the_model(self) -> None:
        state = self.opportunity.state()
        assert (self.stage, self.outcome) == (state.stage, state.outcome and state.outcome.value)
        assert state.events_seen == len(self.opportunity.events)


TestOpportunityMachine = OpportunityMachine.TestCase
