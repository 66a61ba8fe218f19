"""
The search: one candidate's opportunities, goals and pipeline definition.

:class:`Search` is the aggregate the risk engine and the outlook look at, and
the unit that storage saves and loads.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from pipeline_core import _checks, codec
from pipeline_core._views import Views
from pipeline_core.events import Event
from pipeline_core.exceptions import (
    DuplicateIdError,
    InputError,
    InvalidValueError,
    UnknownOpportunityError,
    WrongTypeError,
)
from pipeline_core.goals import Goals
from pipeline_core.instants import to_utc
from pipeline_core.opportunity import Opportunity, decode_opportunity
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition
from pipeline_core.replay import OpportunityState

__all__ = ["Search"]


def _check_goals(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, Goals):
        raise WrongTypeError("expected Goals", path="goals", received=value, allowed="a Goals")


def _check_pipeline(_instance: object, _attribute: object, value: object) -> None:
    _checks.check_instance(
        value, PipelineDefinition, path="pipeline", allowed="a PipelineDefinition"
    )


def _to_opportunities(value: Iterable[Opportunity]) -> tuple[Opportunity, ...]:
    return _checks.check_tuple(value, field="opportunities")


def _repeated_id(ident: str, position: int) -> DuplicateIdError:
    return DuplicateIdError(
        "duplicate opportunity id",
        path=f"opportunities[{position}].id",
        received=ident,
        allowed="an id no other opportunity of the search has",
    )


@attrs.frozen(kw_only=True)
class Search(Views):
    """
    One candidate's job search: opportunities, goals and the pipeline they follow.

    Opportunity ids are unique within a search, and every opportunity follows
    the search's pipeline definition. Changes return a new search.

    Args:
        opportunities: The opportunities, in the order the person keeps them.
        goals: The candidate's goals (all optional).
        pipeline: The pipeline definition every opportunity follows.

    Raises:
        DuplicateIdError: two opportunities share an id.
        InvalidValueError: an opportunity follows another pipeline definition.

    .. versionadded:: 0.1.0
    """

    opportunities: tuple[Opportunity, ...] = attrs.field(default=(), converter=_to_opportunities)
    goals: Goals = attrs.field(factory=Goals, validator=_check_goals)
    pipeline: PipelineDefinition = attrs.field(default=DEFAULT_PIPELINE, validator=_check_pipeline)

    def __attrs_post_init__(self) -> None:
        # Every search that is built or decoded passes here, once per opportunity: the
        # common case costs a type check, a set lookup and an identity check, and the
        # paths of the errors are only written when there is one.
        pipeline = self.pipeline
        seen: set[str] = set()
        for position, opportunity in enumerate(self.opportunities):
            if type(opportunity) is not Opportunity and not isinstance(opportunity, Opportunity):
                raise WrongTypeError(
                    "expected an Opportunity",
                    path=f"opportunities[{position}]",
                    received=opportunity,
                    allowed="Opportunity",
                )
            if opportunity.id in seen:
                raise _repeated_id(opportunity.id, position)
            seen.add(opportunity.id)
            if opportunity.pipeline is not pipeline and opportunity.pipeline != pipeline:
                raise InvalidValueError(
                    "the opportunity follows another pipeline definition",
                    path=f"opportunities[{position}].pipeline",
                    received=opportunity.pipeline.name,
                    allowed=f"the search's pipeline {pipeline.name!r}",
                )

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        """
        The number of opportunities.
        """
        return len(self.opportunities)

    def __iter__(self) -> Iterator[Opportunity]:
        """
        Iterate over the opportunities.
        """
        return iter(self.opportunities)

    def __contains__(self, opportunity_id: object) -> bool:
        """
        Whether an opportunity has the id ``opportunity_id``.
        """
        return any(opportunity.id == opportunity_id for opportunity in self.opportunities)

    def get(self, opportunity_id: str) -> Opportunity:
        """
        Return the opportunity with id ``opportunity_id``.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
        """
        return self.opportunities[self._position(opportunity_id)]

    def states(self, as_of: dt.datetime | None = None) -> tuple[OpportunityState, ...]:
        """
        Return every opportunity's state as of an instant, in the search's order.

        Args:
            as_of: Ignore events after this instant; ``None`` for all events.

        Returns:
            One :class:`~pipeline_core.replay.OpportunityState` per opportunity.

        Raises:
            NaiveDatetimeError: ``as_of`` has no time zone.
        """
        if as_of is None:
            return tuple(opportunity.state() for opportunity in self.opportunities)
        when = to_utc(as_of, field="as_of")
        now = when.timestamp()
        states: list[OpportunityState] = []
        for opportunity in self.opportunities:
            # Opportunity.state's common case, inlined (every assessment asks for all 25 or so):
            # once replayed, the state after every event is kept on the opportunity, and it
            # is the state as of any instant at or after its last event. The instants are
            # compared in epoch seconds, as the replay compares them, and without reaching
            # into the events: the state is read next anyway, the events are not.
            whole = opportunity.kept_state
            if whole is not None:
                last = whole.last_event_ts
                if last is None or last <= now:
                    states.append(whole)
                    continue
            states.append(opportunity.state(when))
        return tuple(states)

    # -- changes ---------------------------------------------------------------------------

    def add(self, opportunity: Opportunity) -> Search:
        """
        Return a new search with ``opportunity`` added at the end.

        Raises:
            DuplicateIdError: an opportunity with the same id is already there.
        """
        return attrs.evolve(self, opportunities=(*self.opportunities, opportunity))

    def replace(self, opportunity: Opportunity) -> Search:
        """
        Return a new search where the opportunity with the same id is ``opportunity``.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
        """
        position = self._position(opportunity.id)
        opportunities = list(self.opportunities)
        opportunities[position] = opportunity
        return attrs.evolve(self, opportunities=tuple(opportunities))

    def remove(self, opportunity_id: str) -> Search:
        """
        Return a new search without the opportunity ``opportunity_id``.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
        """
        position = self._position(opportunity_id)
        return attrs.evolve(
            self, opportunities=self.opportunities[:position] + self.opportunities[position + 1 :]
        )

    def record(self, opportunity_id: str, event: Event) -> Search:
        """
        Return a new search where ``event`` is appended to one opportunity's history.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
            InvalidEventError: the event does not fit that opportunity's history.
        """
        return self.replace(self.get(opportunity_id).with_event(event))

    def with_goals(self, goals: Goals) -> Search:
        """
        Return a new search with other goals.
        """
        return attrs.evolve(self, goals=goals)

    def _position(self, opportunity_id: str) -> int:
        for position, opportunity in enumerate(self.opportunities):
            if opportunity.id == opportunity_id:
                return position
        raise UnknownOpportunityError(
            "no opportunity has this id",
            path="opportunity_id",
            received=opportunity_id,
            allowed=", ".join(repr(o.id) for o in self.opportunities)
            or "none: the search is empty",
        )

    # -- interchange -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """
        Return the search in the interchange format (JSON-safe, ``"schema": 1``).

        ``Search.from_dict(search.to_dict()) == search`` always holds, and the
        output of ``to_dict`` round-trips exactly.
        """
        return codec.search_to_dict(self)

    @classmethod
    def from_dict(cls, data: object) -> Search:
        """
        Build a search from the interchange format.

        Args:
            data: A dict as written by :meth:`to_dict` (or loaded from JSON).

        Returns:
            The search.

        Raises:
            DecodeError: the data is not a valid search; the error names the
                JSON path of the first problem, such as
                ``opportunities[2].events[0].at``.
        """
        pipeline, goals, items = codec.read_search(data)
        instants: codec.Instants = {}  # equal instants of the search share one datetime
        opportunities = []
        position = 0
        try:
            for position, item in enumerate(items):  # noqa: B007 - read in the handler
                opportunities.append(decode_opportunity(item, pipeline=pipeline, instants=instants))
        except InputError as error:
            raise _checks.decode_error(error, f"opportunities[{position}]") from error
        return _checks.build_at(
            "", lambda: Search(opportunities=tuple(opportunities), goals=goals, pipeline=pipeline)
        )
