"""
What the forecast derives from a model once: the chain of stages, and its table per horizon.

Two levels, each computed once and cached:

- :class:`StageChain`, per model (:func:`stage_chain`): for each stage and source, the
  stage's chance of moving on, the product of the chances after it, the rate of its
  wait, its phase in the chain of waits and the expected days to the offer
  (:class:`StageRow`);
- :class:`HorizonTable`, per model and horizon (:func:`horizon_table`): the time grid
  over the horizon, and what a pending opportunity's figures need at each stage from
  each source (:class:`PendingFigures`), so that a forecast looks them up instead of
  computing them per opportunity.

Each figure is computed by one expression, here, so every path that reads it gets the
same bits.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import attrs

from pipeline_core.opportunity import Source
from pipeline_core.outlook import _math
from pipeline_core.outlook._model import (
    OutlookModel,
    SourceEffect,
    StageFigures,
    response_rates,
    stage_positions,
)
from pipeline_core.pipeline import StageKind

__all__ = [
    "HorizonTable",
    "PendingFigures",
    "StageChain",
    "StageRow",
    "horizon_table",
    "stage_chain",
]


class StageRow(NamedTuple):
    """
    What the model says about an opportunity at one stage from one source.
    """

    stage_chance: float
    """The stage's chance of moving on, the source's factor included (1 from the signature)."""
    rest_chance: float
    """The product of the chances after the stage (1 from the signature)."""
    rate: float
    """The rate of the stage's wait, per day (0 where no answer is awaited)."""
    phase: int
    """How many timed stages lie before it: where its wait starts in the chain of waits."""
    expected_days: float
    """The expected days from the stage to the offer: the sum of the mean waits ahead."""
    application_factor: float
    """The source's factor on the application stage (1 once that stage is behind)."""
    decision_factor: float
    """The source's factor on the hiring decision (1 once the decision is behind)."""
    reachable: bool
    """Whether an offer can still follow (the stage is before the signature)."""


def _decision_position(stages: Sequence[StageFigures], written: int) -> int | None:
    """
    The hiring decision: the last applied or process stage before the written offer.
    """
    return max(
        (
            position
            for position, figures in enumerate(stages)
            if position < written and figures.kind in (StageKind.APPLIED, StageKind.PROCESS)
        ),
        default=None,
    )


@attrs.frozen
class StageChain:
    """
    The chain model of one :class:`~pipeline_core.outlook.OutlookModel`, tabulated once.

    Attributes:
        rows: The :class:`StageRow` of every stage position, for no source (``None``)
            and for every :class:`~pipeline_core.opportunity.Source`.
        rates: The rates of the timed stages' waits, in stage order.
        applied: The position of the application stage.
        positions: Each stage's position, by name.
    """

    rows: Mapping[tuple[int, Source | None], StageRow]
    rates: tuple[float, ...]
    applied: int
    positions: Mapping[str, int]

    def row(self, position: int, source: Source | None) -> StageRow:
        """
        Return the row of the stage at ``position`` for an opportunity from ``source``.
        """
        return self.rows[position, source]

    def phase_of(self, stage: str, source: Source | None) -> int:
        """
        Return the phase (see :attr:`StageRow.phase`) of stage ``stage`` from ``source``.

        ``stage`` is a stage of the model: an outlook's rows are (see ``Outlook.from_dict``).
        """
        return self.rows[self.positions[stage], source].phase

    @classmethod
    def build(cls, model: OutlookModel) -> StageChain:
        """
        Tabulate, for every stage and source, what the forecast needs of ``model``.
        """
        stages = model.stages
        kinds = stage_positions(stages)
        rate_of = response_rates(stages, model.response_quantile)
        rows: dict[tuple[int, Source | None], StageRow] = {}
        for source in (None, *Source):
            rows.update(
                ((position, source), row)
                for position, row in enumerate(
                    _source_rows(stages, kinds, rate_of, model.source_effect(source))
                )
            )
        return cls(
            rows=rows,
            rates=tuple(rate_of[position] for position in sorted(rate_of)),
            applied=kinds[StageKind.APPLIED],
            positions={figures.name: position for position, figures in enumerate(stages)},
        )


def _source_chances(
    stages: Sequence[StageFigures], applied: int, decision: int | None, effect: SourceEffect
) -> list[float]:
    """
    Each stage's chance of moving on (1 where the employer does not decide), source included.
    """
    chances: list[float] = []
    for position, figures in enumerate(stages):
        chance = 1.0 if figures.p_advance is None else float(figures.p_advance)
        if position == applied:
            chance = min(1.0, chance * effect.application)
        if position == decision:
            chance = min(1.0, chance * effect.decision)
        chances.append(chance)
    return chances


def _source_rows(
    stages: Sequence[StageFigures],
    kinds: Mapping[StageKind, int],
    rate_of: Mapping[int, float],
    effect: SourceEffect,
) -> list[StageRow]:
    """
    The row of every stage, in stage order, for an opportunity with the source ``effect``.
    """
    applied = kinds[StageKind.APPLIED]
    written = kinds[StageKind.WRITTEN_OFFER]
    signed = kinds[StageKind.SIGNED]
    timed_end = min(written, signed)
    decision = _decision_position(stages, written)
    chances = _source_chances(stages, applied, decision, effect)
    # Suffix products, so that a stage's prior chance is exactly its own chance
    # times the next stage's prior: monotone along the chain, to the last bit.
    suffix = [1.0] * (len(stages) + 1)
    for position in range(signed - 1, -1, -1):
        suffix[position] = chances[position] * suffix[position + 1]
    rows: list[StageRow] = []
    for position in range(len(stages)):
        ahead = [rate_of[timed] for timed in rate_of if timed >= position]
        rows.append(
            StageRow(
                stage_chance=chances[position] if position < signed else 1.0,
                rest_chance=suffix[position + 1] if position < signed else 1.0,
                rate=rate_of.get(position, 0.0) if position < timed_end else 0.0,
                phase=(
                    sum(1 for timed in rate_of if timed < position)
                    if position < timed_end
                    else len(rate_of)
                ),
                expected_days=sum(1.0 / rate for rate in ahead),
                application_factor=effect.application if position <= applied else 1.0,
                decision_factor=(
                    effect.decision if decision is not None and position <= decision else 1.0
                ),
                reachable=position < signed,
            )
        )
    return rows


@functools.lru_cache(maxsize=64)
def stage_chain(model: OutlookModel) -> StageChain:
    """
    Return the :class:`StageChain` of ``model`` (cached: the model caches its hash).
    """
    return StageChain.build(model)


class PendingFigures(NamedTuple):
    """
    What a pending opportunity's figures need of the model, at one stage, from one source.
    """

    chance: float
    """The stage's chance of moving on (0 where no offer can follow)."""
    rest: float
    """The product of the chances after it."""
    prior: float
    """Their product: the chance of an offer before silence and signals."""
    rate: float
    """The rate at which silence lowers the chance (0 where silence is not weighed)."""
    on_time: float
    """The chance the offer, if it comes, comes within the horizon."""
    expected_days: float
    """The expected days to the offer."""
    application: float
    """The source's factor on the application stage."""
    decision: float
    """The source's factor on the hiring decision."""


def _pending_figures(row: StageRow, on_time: float) -> PendingFigures:
    chance = row.stage_chance if row.reachable else 0.0
    weighs = row.rate > 0.0 and chance < 1.0
    return PendingFigures(
        chance=chance,
        rest=row.rest_chance,
        prior=chance * row.rest_chance,
        rate=row.rate if weighs else 0.0,
        on_time=on_time,
        expected_days=row.expected_days,
        application=row.application_factor,
        decision=row.decision_factor,
    )


@attrs.frozen
class HorizonTable:
    """
    What a forecast needs of one model at one horizon, tabulated once (see :func:`horizon_table`).

    Attributes:
        chain: The model's :class:`StageChain`.
        grid: The chance that the waits from each phase on have ended by each point of
            the time grid over the horizon (see ``_math.hypoexponential_grid``).
        step: The grid's step, in days.
        pending: A pending opportunity's figures, by its source and its stage's position.
        p_fresh_application: The chance that an application sent now (from no
            particular source) becomes an offer within the horizon.
    """

    chain: StageChain
    grid: tuple[tuple[float, ...], ...]
    step: float
    pending: Mapping[Source, tuple[PendingFigures, ...]]
    p_fresh_application: float

    def on_time(self, phase: int) -> float:
        """
        Return the chance that the waits from ``phase`` on have ended within the horizon.
        """
        return self.grid[phase][-1]

    def fresh(self, source: Source | None) -> tuple[StageRow, float, float]:
        """
        Return the application stage's row, P(offer eventually) and P(offer within the horizon).

        What an application sent now from ``source`` can become.
        """
        row = self.chain.row(self.chain.applied, source)
        eventually = row.stage_chance * row.rest_chance
        return row, eventually, eventually * self.grid[row.phase][-1]

    @classmethod
    def build(cls, model: OutlookModel, horizon_days: float) -> HorizonTable:
        """
        Tabulate what the forecast needs of ``model`` at ``horizon_days``.
        """
        chain = stage_chain(model)
        intervals = _math.grid_intervals(horizon_days, max(chain.rates, default=0.0))
        grid = _math.hypoexponential_grid(chain.rates, horizon_days, intervals)
        pending = {
            source: tuple(
                _pending_figures(row, grid[row.phase][-1])
                for row in (chain.row(position, source) for position in range(len(model.stages)))
            )
            for source in Source
        }
        applied = chain.row(chain.applied, None)
        fresh = applied.stage_chance * applied.rest_chance * grid[applied.phase][-1]
        return cls(
            chain=chain,
            grid=grid,
            step=horizon_days / intervals,
            pending=pending,
            p_fresh_application=fresh,
        )


@functools.lru_cache(maxsize=64)
def horizon_table(model: OutlookModel, horizon_days: float) -> HorizonTable:
    """
    Return the :class:`HorizonTable` of ``model`` at ``horizon_days`` (cached).

    Every pending opportunity of every forecast needs its stage's figures, from its
    source, at this horizon: looking them up in one cached table costs far less
    than combining the model's row and time grid per opportunity. The model caches
    its hash, so the look-up costs little more than hashing a float.
    """
    return HorizonTable.build(model, horizon_days)
