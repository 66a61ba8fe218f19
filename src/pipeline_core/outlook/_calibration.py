"""
Personal calibration: learn the stage chances from the person's own history.

The published figures are averages over millions of applications; a person's
own market may be kinder or harsher. :func:`calibrate` counts, for every stage,
how many of the person's opportunities were decided there (moved on, or
failed there) and how many moved on, and updates the model's chance by
Beta-binomial conjugacy: the published chance is the prior, counted as
``prior_strength`` trials. With few trials the result stays near the prior and
says so; the comparison with the published figure is made only from
:data:`~pipeline_core.outlook.MIN_TRIALS_FOR_COMPARISON` trials on.

How an opportunity counts (the outlook reads the pipeline as a chain in stage
order, and calibration reads histories the same way):

- every stage it has passed counts as a success there (a skipped stage too:
  in the chain, moving past a stage is passing it);
- the stage where it ended counts as a failure when the employer ended it
  (``rejected``, ``ghosted``, ``cancelled``, ``rescinded``);
- where the candidate ended it (``withdrawn``, ``declined``), or while it is
  still live, its current stage is undecided and does not count;
- a signed offer counts as a success at every stage up to the signature;
- an opportunity never applied to does not count.

The source of an opportunity is not modelled here: the calibrated chances are
the person's average, and the source factors still apply on top.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.instants import format_instant, to_utc
from pipeline_core.opportunity import Opportunity
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook._model import OutlookModel, StageEvidence
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, StageKind
from pipeline_core.search import Search

__all__ = ["DEFAULT_PRIOR_STRENGTH", "Calibration", "calibrate"]

DEFAULT_PRIOR_STRENGTH = 20.0
"""
How many trials the published figure counts as, by default.

Twenty: after twenty decided trials of their own, a person's rate weighs as much
as the published one.
"""

_EMPLOYER_ENDED = frozenset(
    {Outcome.REJECTED, Outcome.GHOSTED, Outcome.CANCELLED, Outcome.RESCINDED}
)


@attrs.frozen(kw_only=True)
class Calibration:
    """
    A model calibrated on the person's history, and the evidence behind each figure.

    Attributes:
        model: The calibrated model: pass it to
            :func:`~pipeline_core.outlook.forecast` as ``model=``.
        evidence: One :class:`~pipeline_core.outlook.StageEvidence` per stage
            the employer decides, in stage order.
        as_of: The instant the history was read at (UTC).
        prior_strength: How many trials each prior counted as.
        counted: How many opportunities were applied to (the others do not count).
        decided: How many of them have ended (signed, or closed).

    .. versionadded:: 0.1.0
    """

    model: OutlookModel
    evidence: tuple[StageEvidence, ...]
    as_of: dt.datetime
    prior_strength: float
    counted: int
    decided: int

    def stage(self, name: str) -> StageEvidence:
        """
        Return the evidence for stage ``name``.

        Raises:
            InvalidValueError: no calibrated stage has that name.
        """
        for item in self.evidence:
            if item.stage == name:
                return item
        raise InvalidValueError(
            "no evidence for this stage",
            path="stage",
            received=name,
            allowed=", ".join(item.stage for item in self.evidence),
        )

    @property
    def trials(self) -> int:
        """
        The decided trials over all stages.
        """
        return sum(item.trials for item in self.evidence)

    def to_dict(self) -> dict[str, Any]:
        """
        Return the calibration as JSON-safe primitives.
        """
        return {
            "as_of": format_instant(self.as_of),
            "prior_strength": self.prior_strength,
            "counted": self.counted,
            "decided": self.decided,
            "evidence": [item.to_dict() for item in self.evidence],
            "model": self.model.to_dict(),
        }

    def __str__(self) -> str:
        """
        Return what each calibrated figure rests on, one stage per line.
        """
        head = (
            f"Calibration as of {self.as_of.isoformat()}: {self.counted} opportunities applied "
            f"to, {self.decided} ended; each prior counts as {self.prior_strength:g} trials."
        )
        lines = [head]
        lines.extend(f"  {item.describe()}" for item in self.evidence)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """
        Return the calibration as an HTML table (every user string escaped).
        """
        import html  # noqa: PLC0415 - only for notebooks

        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell)}</td>"
                for cell in (
                    item.stage,
                    f"{item.prior:.1%}",
                    f"{item.successes}/{item.trials}",
                    f"{item.posterior:.1%}",
                    item.comparison or "too few trials to compare",
                )
            )
            + "</tr>"
            for item in self.evidence
        )
        return (
            "<table><tr><th>stage</th><th>published</th><th>yours</th><th>calibrated</th>"
            f"<th>comparison</th></tr>{rows}</table>"
        )


def _opportunities(history: object) -> list[Opportunity]:
    if isinstance(history, Search):
        return list(history.opportunities)
    if isinstance(history, Opportunity):
        return [history]
    if isinstance(history, str | bytes) or not isinstance(history, Iterable):
        raise WrongTypeError(
            "expected searches or opportunities",
            path="history",
            received=history,
            allowed="a Search, an Opportunity, or an iterable of them",
        )
    found: list[Opportunity] = []
    for position, item in enumerate(history):
        if isinstance(item, Search):
            found.extend(item.opportunities)
        elif isinstance(item, Opportunity):
            found.append(item)
        else:
            raise WrongTypeError(
                "expected a Search or an Opportunity",
                path=f"history[{position}]",
                received=item,
                allowed="Search or Opportunity",
            )
    return found


def _prior_model(prior: object, pipeline: PipelineDefinition | None) -> OutlookModel:
    """
    The prior, checked against the history's pipeline (``None`` for an empty history).
    """
    if prior is None:
        return OutlookModel.for_pipeline(pipeline or DEFAULT_PIPELINE)
    prior = _checks.check_instance(
        prior, OutlookModel, path="prior", allowed="an OutlookModel or None"
    )
    if pipeline is not None and not prior.matches(pipeline):
        raise InvalidValueError(
            "the prior was built for another pipeline definition",
            path="prior.stages",
            received=[figures.name for figures in prior.stages],
            allowed=f"the stages of the history's pipeline {pipeline.name!r}",
        )
    return prior


def calibrate(
    history: Search | Opportunity | Iterable[Search | Opportunity],
    *,
    as_of: dt.datetime,
    prior: OutlookModel | None = None,
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
) -> Calibration:
    """
    Fit the stage chances to the person's own history (Beta-binomial, published figures as prior).

    Args:
        history: The person's searches or opportunities (one pipeline definition
            for all), past and present; events after ``as_of`` are ignored.
        as_of: The instant to read the history at (any aware datetime).
        prior: The model whose chances are the prior; ``None`` for the
            published figures of the history's pipeline.
        prior_strength: How many trials the prior counts as (positive); the
            larger, the more evidence it takes to move a figure.

    Returns:
        The calibrated model and the evidence behind each figure.

    Raises:
        WrongTypeError: an argument has the wrong type.
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidValueError: ``prior_strength`` is not positive, the history
            mixes pipeline definitions, or the prior was built for another one.
    """
    when = to_utc(as_of, field="as_of")
    strength = _checks.check_number(
        prior_strength, field="prior_strength", open_minimum=True, maximum=1e6
    )
    opportunities = _opportunities(history)
    pipeline = opportunities[0].pipeline if opportunities else None
    for position, opportunity in enumerate(opportunities):
        if opportunity.pipeline != pipeline:
            raise InvalidValueError(
                "the history mixes pipeline definitions",
                path=f"history[{position}].pipeline",
                received=opportunity.pipeline.name,
                allowed=f"the first opportunity's pipeline, {opportunities[0].pipeline.name!r}",
            )
    model = _prior_model(prior, pipeline)
    kinds = [figures.kind for figures in model.stages]
    applied = kinds.index(StageKind.APPLIED)
    signed = kinds.index(StageKind.SIGNED)
    trials = [0] * len(kinds)
    successes = [0] * len(kinds)
    counted = decided = 0
    for opportunity in opportunities:
        state = opportunity.state(when)
        if state.stage_kind is StageKind.PROSPECT:
            continue
        counted += 1
        decided += state.outcome is not None
        reached = signed if state.outcome is Outcome.ACCEPTED else state.stage_index
        for position in range(applied, min(reached, signed)):
            trials[position] += 1
            successes[position] += 1
        if state.outcome in _EMPLOYER_ENDED and reached < signed:
            trials[reached] += 1
    evidence: list[StageEvidence] = []
    stages = list(model.stages)
    for position in range(applied, signed):
        figures = stages[position]
        if figures.p_advance is None:
            continue
        item = StageEvidence(
            stage=figures.name,
            prior=figures.p_advance,
            prior_reference=figures.reference,
            prior_strength=strength,
            trials=trials[position],
            successes=successes[position],
        )
        evidence.append(item)
        stages[position] = attrs.evolve(figures, p_advance=item.posterior, evidence=item)
    return Calibration(
        model=model.evolve(stages=tuple(stages)),
        evidence=tuple(evidence),
        as_of=when,
        prior_strength=strength,
        counted=counted,
        decided=decided,
    )
