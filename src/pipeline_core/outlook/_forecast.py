"""
The outlook: the chance of an offer, and by when, for each opportunity and for the search.

The model (see :doc:`/explanation/outlook`) in brief:

- **Stages.** The pipeline is read as a chain in stage order. Each stage the
  employer decides has a chance of moving on (``p_advance``) and a response
  window (``response_days``); an opportunity's chance of an offer eventually is
  the product of the chances still ahead of it. The "offer" is one that holds:
  the written offer, times the chance it is not taken back before signature.
- **Source.** A referral multiplies the chance of getting past the application;
  an agency recruiter's fee multiplies the hiring decision by 0.8.
- **Signals.** Soft feedback multiplies the odds of the offer (1.5 for each
  positive signal, 0.5 for each negative one, three of each at most), so no
  amount of praise makes an offer certain.
- **Silence.** Bayes: alive-but-slow (the employer answers after an exponential
  wait whose quantile ``response_quantile`` is the stage's window) against dead
  (it never answers). More silence can only lower the chance it is alive.
- **Timing.** The waits still ahead are exponential, so the time to the offer
  is hypoexponential: that gives the chance of an offer *within the horizon*.
- **Search.** Opportunities at one organisation count once (the most promising
  one represents it); organisations are independent, or tied by one Gaussian
  factor with correlation ``correlation`` in the correlated variant.
- **Safety net.** How many fresh applications, sent now, bring the chance of
  no offer within the horizon down to a target.

Everything is pure: :func:`forecast` reads no clock, ignores events after
``as_of``, and returns immutable objects that convert to JSON-safe dicts and
back, print readably and render as HTML in Jupyter.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import (
    DecodeError,
    InvalidValueError,
    UnknownOpportunityError,
    WrongTypeError,
)
from pipeline_core.instants import SECONDS_PER_DAY, format_instant, parse_instant, to_utc
from pipeline_core.opportunity import Opportunity, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook import _math as _outlook_math
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, StageKind
from pipeline_core.replay import OpportunityState
from pipeline_core.search import Search

__all__ = [
    "DEFAULT_CORRELATION",
    "DEFAULT_HORIZON",
    "DEFAULT_RESPONSE_QUANTILE",
    "MAX_APPLICATIONS",
    "MIN_TRIALS_FOR_COMPARISON",
    "NEGATIVE_SIGNAL_RATIO",
    "POSITIVE_SIGNAL_RATIO",
    "OpportunityOutlook",
    "Outlook",
    "OutlookModel",
    "OutlookStatus",
    "SourceEffect",
    "StageEvidence",
    "StageFigures",
    "forecast",
]

# -- published figures and modelling defaults -------------------------------------------------

DEFAULT_HORIZON = dt.timedelta(days=30)
"""How far ahead :func:`forecast` looks unless told otherwise: 30 days."""

DEFAULT_RESPONSE_QUANTILE = 0.75
"""
The share of live employers that have answered by the end of a stage's response window.

With 0.75 the default pipeline's mean waits are 10.1 days for a first answer to
an application (published: about 7 days) and 20.2 days from screening to the
written offer (published: an interview process takes about 24 days, Glassdoor
2017) — the compromise between the two figures.
"""

POSITIVE_SIGNAL_RATIO = 1.5
"""
How much one positive signal multiplies the odds of an offer: a modelling assumption.

Praise is weak evidence: 53 % of US candidates say they were flattered during
the hiring process and then lowballed (Greenhouse Candidate Experience Report
2024), and the article's candidate was "the favourite" and got nothing.
"""

NEGATIVE_SIGNAL_RATIO = 0.5
"""How much one negative signal multiplies the odds of an offer: a modelling assumption."""

MAX_COUNTED_SIGNALS = 3
"""At most this many signals of each polarity count: repeating praise adds no evidence."""

DEFAULT_CORRELATION = 0.3
"""
The correlation of the shared factor in the correlated variant: a modelling assumption.

Organisations are not independent (one market, one candidate, one CV);
independence is optimistic, and 0.3 is a moderate tie. Set it to 0 for
independence.
"""

MAX_CORRELATION = 0.99
"""The largest correlation accepted."""

MAX_APPLICATIONS = 1_000
"""The most fresh applications :meth:`Outlook.applications_needed` considers."""

MAX_HORIZON_DAYS = 3_650.0
"""The longest horizon accepted, in days (ten years)."""

MIN_TRIALS_FOR_COMPARISON = 20
"""
How many decided trials a stage needs before the calibration compares the person's rate
with the published one. Below it, the evidence is reported but no claim is made.
"""

_CAREERPLUG = (
    "share of hires / share of applicants (CareerPlug Recruiting Metrics Report, 2024 data)"
)

_SOURCE_DEFAULTS: tuple[tuple[Source, float, float, str], ...] = (
    # (source, application factor, decision factor, reference)
    (Source.REFERRAL, 5.5, 1.0, "referrals: 2 % of applicants, 11 % of hires; " + _CAREERPLUG),
    (
        Source.COMPANY_SITE,
        2.0,
        1.0,
        "careers pages: 13 % of applicants, 26 % of hires; " + _CAREERPLUG,
    ),
    (Source.JOB_BOARD, 0.7, 1.0, "job boards: 61 % of applicants, 42 % of hires; " + _CAREERPLUG),
    (
        Source.AGENCY_RECRUITER,
        1.0,
        0.8,
        (
            "the employer weighs the agency fee (15-25 %, up to 35 %, of first-year pay) at "
            "the hiring decision: conversion x 0.8 (the agency-fee-drag default)"
        ),
    ),
    (Source.INTERNAL_RECRUITER, 1.0, 1.0, "no published adjustment"),
    (Source.NETWORK, 1.0, 1.0, "no published adjustment"),
    (Source.OTHER, 1.0, 1.0, "no published adjustment"),
)

# -- small validators -------------------------------------------------------------------------


def _check_chance(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, minimum=0.0, maximum=1.0)


def _check_optional_chance(
    _instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None:
        _checks.check_number(value, field=attribute.name, minimum=0.0, maximum=1.0)


def _check_optional_days(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _checks.check_number(value, field=attribute.name, minimum=0.0, open_minimum=True)


def _check_factor(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, minimum=0.0, maximum=100.0)


def _check_count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_count(value, field=attribute.name)


def _to_kind(value: StageKind | str) -> StageKind:
    return _checks.check_enum(StageKind, value, field="kind")


def _to_source(value: Source | str) -> Source:
    return _checks.check_enum(Source, value, field="source")


# -- evidence and figures ---------------------------------------------------------------------


def _check_strength(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    _checks.check_number(value, field="prior_strength", minimum=0.0, maximum=1e6, open_minimum=True)


@attrs.frozen(kw_only=True)
class StageEvidence:
    """
    What a stage's calibrated chance rests on: the prior and the person's own trials.

    The calibrated chance is the mean of a Beta posterior: the prior counts as
    ``prior_strength`` trials at the published chance ``prior``, and each of
    the person's decided trials at this stage counts as one more. With few
    trials the result stays near the prior; :attr:`comparison` makes a claim
    only from :data:`MIN_TRIALS_FOR_COMPARISON` trials on.

    Args:
        stage: The stage's name.
        prior: The published (or previous) chance of moving on.
        prior_reference: Where the prior comes from.
        prior_strength: How many trials the prior counts as (positive).
        trials: The person's decided trials at this stage (moved on, or failed here).
        successes: How many of them moved on.

    Raises:
        InvalidValueError: a number is out of range, or ``successes > trials``.

    .. versionadded:: 0.1.0
    """

    stage: str = attrs.field(validator=_checks.text("stage"))
    prior: float = attrs.field(validator=_check_chance)
    prior_reference: str | None = attrs.field(
        default=None, validator=_checks.optional_text("prior_reference", max_length=1_000)
    )
    prior_strength: float = attrs.field(validator=_check_strength)
    trials: int = attrs.field(validator=_check_count)
    successes: int = attrs.field(validator=_check_count)

    def __attrs_post_init__(self) -> None:
        if self.successes > self.trials:
            raise InvalidValueError(
                "more successes than trials",
                path="successes",
                received=self.successes,
                allowed=f"an integer <= trials ({self.trials})",
            )

    @property
    def posterior(self) -> float:
        """
        The calibrated chance: ``(prior * prior_strength + successes) / (prior_strength + trials)``.
        """
        return (self.prior * self.prior_strength + self.successes) / (
            self.prior_strength + self.trials
        )

    @property
    def observed_rate(self) -> float | None:
        """
        The person's own rate, ``successes / trials``; ``None`` without trials.
        """
        return None if self.trials == 0 else self.successes / self.trials

    @property
    def weight(self) -> float:
        """
        The share of the calibrated chance that comes from the person's trials, in [0, 1).
        """
        return self.trials / (self.trials + self.prior_strength)

    @property
    def enough_for_comparison(self) -> bool:
        """
        Whether there are at least :data:`MIN_TRIALS_FOR_COMPARISON` trials.
        """
        return self.trials >= MIN_TRIALS_FOR_COMPARISON

    @property
    def interval(self) -> tuple[float, float] | None:
        """
        A 90 % Wilson score interval for the person's own rate; ``None`` without trials.
        """
        if self.trials == 0:
            return None
        z = 1.6448536269514722  # the 95th percentile of the standard normal
        n = self.trials
        rate = self.successes / n
        centre = (rate + z * z / (2 * n)) / (1 + z * z / n)
        spread = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return max(0.0, centre - spread), min(1.0, centre + spread)

    @property
    def comparison(self) -> str | None:
        """
        ``"above"``, ``"below"`` or ``"in line with"`` the prior, or ``None`` with too few trials.

        A claim is made only with :data:`MIN_TRIALS_FOR_COMPARISON` trials or
        more, and "above"/"below" only when the prior lies outside the 90 %
        interval of the person's own rate.
        """
        if not self.enough_for_comparison:
            return None
        low, high = self.interval or (0.0, 1.0)
        if self.prior < low:
            return "above"
        if self.prior > high:
            return "below"
        return "in line with"

    def describe(self) -> str:
        """
        Return one sentence saying what the calibrated chance rests on.
        """
        head = (
            f"{self.stage}: {self.posterior:.1%}, from the prior {self.prior:.1%} "
            f"counted as {self.prior_strength:g} trials"
        )
        if self.trials == 0:
            return head + " and no trials of your own: the prior alone."
        own = (
            f"{self.successes} of your {self.trials} moved on ({self.successes / self.trials:.0%})"
        )
        comparison = self.comparison
        if comparison is None:
            return (
                f"{head} and {own}; with fewer than {MIN_TRIALS_FOR_COMPARISON} trials the "
                "estimate stays near the prior and no comparison is claimed."
            )
        return f"{head} and {own}: your rate is {comparison} the prior."

    def to_dict(self) -> dict[str, Any]:
        """
        Return the evidence as JSON-safe primitives.
        """
        return {
            "stage": self.stage,
            "prior": self.prior,
            "prior_reference": self.prior_reference,
            "prior_strength": self.prior_strength,
            "trials": self.trials,
            "successes": self.successes,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> StageEvidence:
        """
        Build evidence from :meth:`to_dict` output.

        Raises:
            DecodeError: the data is not valid evidence; the error names the path.
        """
        keys = frozenset({"stage", "prior", "prior_strength", "trials", "successes"})
        fields = _checks.read_object(
            data, path, required=keys, optional=frozenset({"prior_reference"})
        )
        return _checks.build_at(path, lambda: cls(**fields))


def _check_evidence(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    if value is not None and not isinstance(value, StageEvidence):
        raise WrongTypeError(
            "expected StageEvidence",
            path="evidence",
            received=value,
            allowed="StageEvidence or None",
        )


def _check_stage_name(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    _checks.check_text(value, field="name", max_length=64)


@attrs.frozen(kw_only=True, cache_hash=True)
class StageFigures:
    """
    The outlook's figures for one stage: the chance of moving on and the response window.

    Args:
        name: The stage's name in the pipeline.
        kind: The stage's kind (see :class:`~pipeline_core.pipeline.StageKind`).
        p_advance: The chance of moving on from this stage, in [0, 1];
            ``None`` where the employer does not decide (counted as 1).
        response_days: The stage's response window in days: a share
            ``response_quantile`` of live employers have answered by then.
            ``None`` where no answer is awaited (the stage takes no time).
        reference: Where the figures come from (source and year).
        evidence: What a calibrated chance rests on; ``None`` for published figures.

    Raises:
        InvalidValueError: a chance is outside [0, 1] or a window is not positive.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=_check_stage_name)
    kind: StageKind = attrs.field(default=StageKind.PROCESS, converter=_to_kind)
    p_advance: float | None = attrs.field(default=None, validator=_check_optional_chance)
    response_days: float | None = attrs.field(default=None, validator=_check_optional_days)
    reference: str | None = attrs.field(
        default=None, validator=_checks.optional_text("reference", max_length=1_000)
    )
    evidence: StageEvidence | None = attrs.field(default=None, validator=_check_evidence)

    def to_dict(self) -> dict[str, Any]:
        """
        Return the figures as JSON-safe primitives.
        """
        return {
            "name": self.name,
            "kind": self.kind.value,
            "p_advance": self.p_advance,
            "response_days": self.response_days,
            "reference": self.reference,
            "evidence": None if self.evidence is None else self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> StageFigures:
        """
        Build stage figures from :meth:`to_dict` output.

        Raises:
            DecodeError: the data is not valid; the error names the path.
        """
        optional = frozenset({"kind", "p_advance", "response_days", "reference", "evidence"})
        fields = dict(
            _checks.read_object(data, path, required=frozenset({"name"}), optional=optional)
        )
        if fields.get("evidence") is not None:
            fields["evidence"] = StageEvidence.from_dict(
                fields["evidence"], _checks.join_path(path, "evidence")
            )
        return _checks.build_at(path, lambda: cls(**fields))


@attrs.frozen(kw_only=True, cache_hash=True)
class SourceEffect:
    """
    How an opportunity's source changes its chances.

    ``application`` multiplies the chance of getting past the application
    stage; ``decision`` multiplies the chance of the hiring decision (the last
    process stage before the offer). A multiplied chance is capped at 1.

    Args:
        source: The source.
        application: The factor on the application stage's chance, in [0, 100].
        decision: The factor on the hiring decision's chance, in [0, 100].
        reference: Where the factors come from.

    Raises:
        InvalidValueError: a factor is out of range or the source is unknown.

    .. versionadded:: 0.1.0
    """

    source: Source = attrs.field(converter=_to_source)
    application: float = attrs.field(default=1.0, validator=_check_factor)
    decision: float = attrs.field(default=1.0, validator=_check_factor)
    reference: str | None = attrs.field(
        default=None, validator=_checks.optional_text("reference", max_length=1_000)
    )

    def to_dict(self) -> dict[str, Any]:
        """
        Return the effect as JSON-safe primitives.
        """
        return {
            "source": self.source.value,
            "application": self.application,
            "decision": self.decision,
            "reference": self.reference,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> SourceEffect:
        """
        Build a source effect from :meth:`to_dict` output.

        Raises:
            DecodeError: the data is not valid; the error names the path.
        """
        fields = _checks.read_object(
            data,
            path,
            required=frozenset({"source"}),
            optional=frozenset({"application", "decision", "reference"}),
        )
        return _checks.build_at(path, lambda: cls(**fields))


_NEUTRAL = SourceEffect(source=Source.OTHER, reference="no adjustment")


# -- the model --------------------------------------------------------------------------------


class _ModelRow(NamedTuple):
    """
    What the model says about an opportunity at one stage from one source (precomputed).
    """

    stage_chance: float
    rest_chance: float
    rate: float
    phase: int
    expected_days: float
    application_factor: float
    decision_factor: float
    reachable: bool


def _to_stage_figures(value: Iterable[StageFigures]) -> tuple[StageFigures, ...]:
    return _checks.check_tuple(value, field="stages")


def _to_source_effects(value: Iterable[SourceEffect]) -> tuple[SourceEffect, ...]:
    return _checks.check_tuple(value, field="sources")


def _check_ratio(low: float, high: float) -> Any:  # noqa: ANN401 - an attrs validator
    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _checks.check_number(value, field=attribute.name, minimum=low, maximum=high)

    return validate


def _check_quantile(_instance: object, _attribute: object, value: object) -> None:
    number = _checks.check_number(value, field="response_quantile", open_minimum=True, maximum=1.0)
    if number >= 1.0:
        raise InvalidValueError(
            "out of range", path="response_quantile", received=value, allowed="a number in (0, 1)"
        )


def _check_max_signals(_instance: object, _attribute: object, value: object) -> None:
    number = _checks.check_count(value, field="max_signals")
    if number > 100:  # noqa: PLR2004 - an absurd count
        raise InvalidValueError(
            "too large", path="max_signals", received=value, allowed="an integer in [0, 100]"
        )


@attrs.frozen(kw_only=True, cache_hash=True)
class OutlookModel:
    """
    The outlook's parameters: every figure the forecast uses, replaceable by the caller.

    Build one with :meth:`for_pipeline` (or :meth:`default`), change it with
    :meth:`evolve`, :meth:`with_stage` or :meth:`with_source` (each returns a
    new, validated model), or learn it from the person's history with
    :func:`pipeline_core.outlook.calibrate`.

    Args:
        stages: The figures for every stage of the pipeline, in its order.
        sources: How each source changes the chances; a source not listed is neutral.
        positive_signal_ratio: What one positive signal multiplies the odds of
            an offer by, in [1, 10] (default 1.5, a modelling assumption).
        negative_signal_ratio: What one negative signal multiplies the odds
            by, in [0.01, 1] (default 0.5, a modelling assumption).
        max_signals: At most this many signals of each polarity count (default 3).
        response_quantile: The share of live employers that have answered by
            the end of a stage's response window, in (0, 1) (default 0.75).
        correlation: The shared factor's correlation for the correlated
            variant, in [0, 0.99] (default 0.3, a modelling assumption).

    Raises:
        InvalidValueError: a figure is out of range, a stage name repeats, or
            the stages lack the ``applied``, ``written_offer`` or ``signed`` stage.
        WrongTypeError: a stage or source is not the right type.

    .. versionadded:: 0.1.0
    """

    stages: tuple[StageFigures, ...] = attrs.field(converter=_to_stage_figures)
    sources: tuple[SourceEffect, ...] = attrs.field(default=(), converter=_to_source_effects)
    positive_signal_ratio: float = attrs.field(
        default=POSITIVE_SIGNAL_RATIO, validator=_check_ratio(1.0, 10.0)
    )
    negative_signal_ratio: float = attrs.field(
        default=NEGATIVE_SIGNAL_RATIO, validator=_check_ratio(0.01, 1.0)
    )
    max_signals: int = attrs.field(default=MAX_COUNTED_SIGNALS, validator=_check_max_signals)
    response_quantile: float = attrs.field(
        default=DEFAULT_RESPONSE_QUANTILE, validator=_check_quantile
    )
    correlation: float = attrs.field(
        default=DEFAULT_CORRELATION, validator=_check_ratio(0.0, MAX_CORRELATION)
    )
    _index: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _effects: Mapping[Source | None, SourceEffect] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _rows: Mapping[tuple[int, Source | None], _ModelRow] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _rates: tuple[float, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _applied: int = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index = _checks.index_unique(
            self.stages,
            StageFigures,
            lambda figures: figures.name,
            field="stages",
            key_field="name",
            type_name="StageFigures",
            what="stage name",
        )
        kinds: dict[StageKind, int] = {}  # each kind's first position
        for position, figures in enumerate(self.stages):
            kinds.setdefault(figures.kind, position)
        for kind in (StageKind.APPLIED, StageKind.WRITTEN_OFFER, StageKind.SIGNED):
            if kind not in kinds:
                raise InvalidValueError(
                    f"the stages lack a {kind.value!r} stage",
                    path="stages",
                    received=[figures.name for figures in self.stages],
                    allowed="the stages of a pipeline definition (see OutlookModel.for_pipeline)",
                )
        _checks.index_unique(
            self.sources,
            SourceEffect,
            lambda effect: effect.source,
            field="sources",
            key_field="source",
            type_name="a SourceEffect",
            what="source",
        )
        effects: dict[Source | None, SourceEffect] = {None: _NEUTRAL}
        effects.update((effect.source, effect) for effect in self.sources)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_effects", effects)
        self._precompute(kinds)

    def _precompute(self, kinds: Mapping[StageKind, int]) -> None:
        """
        Tabulate, for every stage and source, what the forecast needs (the chain model).
        """
        applied = kinds[StageKind.APPLIED]
        written = kinds[StageKind.WRITTEN_OFFER]
        signed = kinds[StageKind.SIGNED]
        decision = max(
            (
                position
                for position, figures in enumerate(self.stages)
                if position < written and figures.kind in (StageKind.APPLIED, StageKind.PROCESS)
            ),
            default=None,
        )
        log_survival = -math.log(1.0 - self.response_quantile)
        timed_end = min(written, signed)
        rate_of: dict[int, float] = {}
        for position in range(applied, timed_end):
            days = self.stages[position].response_days
            if days is not None:
                rate_of[position] = log_survival / days
        rates = tuple(rate_of[position] for position in sorted(rate_of))
        rows: dict[tuple[int, Source | None], _ModelRow] = {}
        for source, effect in self._effects.items():
            chances: list[float] = []
            for position, figures in enumerate(self.stages):
                chance = 1.0 if figures.p_advance is None else float(figures.p_advance)
                if position == applied:
                    chance = min(1.0, chance * effect.application)
                if position == decision:
                    chance = min(1.0, chance * effect.decision)
                chances.append(chance)
            # Suffix products, so that a stage's prior chance is exactly its own chance
            # times the next stage's prior: monotone along the chain, to the last bit.
            suffix = [1.0] * (len(self.stages) + 1)
            for position in range(signed - 1, -1, -1):
                suffix[position] = chances[position] * suffix[position + 1]
            for position in range(len(self.stages)):
                rest = suffix[position + 1] if position < signed else 1.0
                phases_before = sum(1 for timed in rate_of if timed < position)
                ahead = [rate_of[timed] for timed in rate_of if timed >= position]
                rows[position, source] = _ModelRow(
                    stage_chance=chances[position] if position < signed else 1.0,
                    rest_chance=rest,
                    rate=rate_of.get(position, 0.0) if position < timed_end else 0.0,
                    phase=phases_before if position < timed_end else len(rates),
                    expected_days=sum(1.0 / rate for rate in ahead),
                    application_factor=effect.application if position <= applied else 1.0,
                    decision_factor=(
                        effect.decision if decision is not None and position <= decision else 1.0
                    ),
                    reachable=position < signed,
                )
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_rates", rates)
        object.__setattr__(self, "_applied", applied)

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def for_pipeline(cls, pipeline: PipelineDefinition) -> OutlookModel:
        """
        Return the model with the published figures for ``pipeline``.

        Each stage takes its ``p_advance``, ``response_days`` and
        ``reference`` from the pipeline definition (see
        :data:`~pipeline_core.pipeline.DEFAULT_PIPELINE` for the published
        figures and their sources); the sources take the published factors.

        Args:
            pipeline: The pipeline definition the searches follow.

        Returns:
            The model.

        Raises:
            WrongTypeError: ``pipeline`` is not a pipeline definition.
        """
        if not isinstance(pipeline, PipelineDefinition):
            raise WrongTypeError(
                "expected a PipelineDefinition",
                path="pipeline",
                received=pipeline,
                allowed="a PipelineDefinition",
            )
        return _model_for(pipeline)

    @classmethod
    def default(cls) -> OutlookModel:
        """
        Return the model for :data:`~pipeline_core.pipeline.DEFAULT_PIPELINE`.
        """
        return _model_for(DEFAULT_PIPELINE)

    def evolve(self, **changes: Any) -> OutlookModel:  # noqa: ANN401
        """
        Return a copy with some parameters changed, validated again.

        Args:
            **changes: Field names and new values, such as ``correlation=0``.

        Returns:
            The new model; this one is unchanged.

        Raises:
            InvalidValueError: a new value is out of range.
            TypeError: a name is not a parameter of the model.
        """
        return attrs.evolve(self, **changes)

    def with_stage(self, name: str, **changes: Any) -> OutlookModel:  # noqa: ANN401
        """
        Return a copy where one stage's figures are changed.

        Args:
            name: The stage's name.
            **changes: New values for :class:`StageFigures` fields, such as ``p_advance=0.1``.

        Returns:
            The new model.

        Raises:
            InvalidValueError: no stage has that name, or a value is out of range.
        """
        position = self._position(name)
        stages = list(self.stages)
        stages[position] = attrs.evolve(stages[position], **changes)
        return attrs.evolve(self, stages=tuple(stages))

    def with_source(self, source: Source | str, **changes: Any) -> OutlookModel:  # noqa: ANN401
        """
        Return a copy where one source's effect is changed (or added).

        Args:
            source: The source (or its value, such as ``"referral"``).
            **changes: New values for :class:`SourceEffect` fields, such as ``decision=0.9``.

        Returns:
            The new model.

        Raises:
            InvalidValueError: the source is unknown, or a value is out of range.
        """
        chosen = _checks.check_enum(Source, source, field="source")
        current = self._effects.get(chosen, SourceEffect(source=chosen))
        updated = attrs.evolve(current, **changes)
        sources = [effect for effect in self.sources if effect.source is not chosen]
        sources.append(updated)
        order = list(Source)
        sources.sort(key=lambda effect: order.index(effect.source))
        return attrs.evolve(self, sources=tuple(sources))

    # -- reading -------------------------------------------------------------------------------

    def _position(self, name: str) -> int:
        position = self._index.get(name)
        if position is None:
            raise InvalidValueError(
                "unknown stage", path="stage", received=name, allowed=", ".join(self._index)
            )
        return position

    def stage(self, name: str) -> StageFigures:
        """
        Return the figures of stage ``name``.

        Raises:
            InvalidValueError: no stage has that name.
        """
        return self.stages[self._position(name)]

    def has_stage(self, name: str) -> bool:
        """
        Whether the model has figures for a stage called ``name``.
        """
        return name in self._index

    def source_effect(self, source: Source | None) -> SourceEffect:
        """
        Return the effect of ``source``; a neutral one for a source not listed or ``None``.
        """
        return self._effects.get(source, _NEUTRAL)

    def matches(self, pipeline: PipelineDefinition) -> bool:
        """
        Whether the model's stages are ``pipeline``'s stages (same names and kinds, same order).
        """
        return len(pipeline.stages) == len(self.stages) and all(
            ours.name == theirs.name and ours.kind is theirs.kind
            for ours, theirs in zip(self.stages, pipeline.stages, strict=True)
        )

    def mean_response_days(self, name: str) -> float | None:
        """
        Return the mean wait the outlook uses at stage ``name``, in days.

        It is the response window divided by ``-ln(1 - response_quantile)``.
        ``None`` where the outlook awaits no answer: a stage without a window,
        and the written offer and what follows it (the offer is in hand).

        Raises:
            InvalidValueError: no stage has that name.
        """
        position = self._position(name)
        rate = self._rows[position, None].rate
        return None if rate == 0.0 else 1.0 / rate

    def _row(self, position: int, source: Source | None) -> _ModelRow:
        return self._rows.get((position, source)) or self._rows[position, None]

    # -- interchange ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """
        Return the model as JSON-safe primitives; :meth:`from_dict` reads it back.
        """
        return {
            "stages": [figures.to_dict() for figures in self.stages],
            "sources": [effect.to_dict() for effect in self.sources],
            "positive_signal_ratio": self.positive_signal_ratio,
            "negative_signal_ratio": self.negative_signal_ratio,
            "max_signals": self.max_signals,
            "response_quantile": self.response_quantile,
            "correlation": self.correlation,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> OutlookModel:
        """
        Build a model from :meth:`to_dict` output (or a dict loaded from JSON or TOML).

        Args:
            data: The dict.
            path: The JSON path of ``data``, for error messages.

        Returns:
            The model.

        Raises:
            DecodeError: the data is not a valid model; the error names the path.
        """
        optional = frozenset(
            {
                "sources",
                "positive_signal_ratio",
                "negative_signal_ratio",
                "max_signals",
                "response_quantile",
                "correlation",
            }
        )
        fields = dict(
            _checks.read_object(data, path, required=frozenset({"stages"}), optional=optional)
        )
        stages_path = _checks.join_path(path, "stages")
        fields["stages"] = tuple(
            StageFigures.from_dict(item, f"{stages_path}[{position}]")
            for position, item in enumerate(_checks.read_array(fields["stages"], stages_path))
        )
        sources_path = _checks.join_path(path, "sources")
        fields["sources"] = tuple(
            SourceEffect.from_dict(item, f"{sources_path}[{position}]")
            for position, item in enumerate(
                _checks.read_array(fields.get("sources", []), sources_path)
            )
        )
        return _checks.build_at(path, lambda: cls(**fields))


@functools.lru_cache(maxsize=32)
def _model_for(pipeline: PipelineDefinition) -> OutlookModel:
    stages = tuple(
        StageFigures(
            name=stage.name,
            kind=stage.kind,
            p_advance=stage.p_advance,
            response_days=stage.response_days,
            reference=stage.reference,
        )
        for stage in pipeline.stages
    )
    sources = tuple(
        SourceEffect(source=source, application=application, decision=decision, reference=ref)
        for source, application, decision, ref in _SOURCE_DEFAULTS
    )
    return OutlookModel(stages=stages, sources=sources)


# -- results ----------------------------------------------------------------------------------


class OutlookStatus(enum.StrEnum):
    """
    How the outlook counted an opportunity.

    .. versionadded:: 0.1.0
    """

    PENDING = "pending"
    """Applied and live: counted, with its chances."""
    WON = "won"
    """Signed (closed as accepted): the search is won, P(offer) = 1."""
    CLOSED = "closed"
    """Ended without a signed offer: counted as 0."""
    NOT_APPLIED = "not_applied"
    """Still ``interested`` (no application yet): not in the pipeline, counted as 0."""


_CHANCE_KEYS = (
    "p_offer",
    "p_offer_within_horizon",
    "p_alive",
    "share",
    "prior_chance",
    "stage_chance",
    "rest_chance",
    "p_on_time",
)


@attrs.frozen(kw_only=True)
class OpportunityOutlook:
    """
    The outlook for one opportunity: its chances, its timing, and what they rest on.

    Built by :func:`forecast` (and read back by :meth:`from_dict`, which
    validates); the figures are plain floats so that rules can read them as facts.

    Attributes:
        id: The opportunity's id.
        organization: Its organisation.
        source: How it came.
        stage: Its stage as of the forecast.
        status: How it was counted (see :class:`OutlookStatus`).
        outcome: Its outcome, if it has ended.
        hypothetical: ``True`` for a fresh application added by
            :meth:`Outlook.with_applications`.
        p_offer: The chance of an offer eventually (a written offer that holds).
        p_offer_within_horizon: The chance of that offer within the horizon.
        p_alive: The chance the employer is still going to answer, given the
            silence (1 for an opportunity that awaits no answer, 0 once closed).
        silence_days: Days since the employer last said anything (or since the
            stage began), as of the forecast; ``None`` when not pending.
        expected_days_to_offer: The expected days until the offer if it comes
            (the decision); ``None`` when no offer can come.
        prior_chance: The chance of an offer before silence and signals: the
            product of the chances ahead, source factors included.
        stage_chance: The current stage's chance of moving on (source factor included).
        rest_chance: The product of the chances after the current stage.
        p_on_time: The chance the offer, if it comes, comes within the horizon.
        signal_ratio: What the counted signals multiplied the odds of an offer by.
        positive_signals: Positive signals counted (capped by the model).
        negative_signals: Negative signals counted (capped by the model).
        application_factor: The source's factor applied to the application stage
            (1 when that stage is behind it).
        decision_factor: The source's factor applied to the hiring decision
            (1 when the decision is behind it).
        share: Its share of the search's expected offers within the horizon.
        contribution: How much ``p_any_offer`` would drop without it.
        represents_organization: Whether it is the one that stands for its
            organisation at the search level (the most promising one there).

    .. versionadded:: 0.1.0
    """

    id: str
    organization: str
    source: Source
    stage: str
    status: OutlookStatus
    outcome: Outcome | None
    hypothetical: bool
    p_offer: float
    p_offer_within_horizon: float
    p_alive: float
    silence_days: float | None
    expected_days_to_offer: float | None
    prior_chance: float
    stage_chance: float
    rest_chance: float
    p_on_time: float
    signal_ratio: float
    positive_signals: int
    negative_signals: int
    application_factor: float
    decision_factor: float
    share: float
    contribution: float
    represents_organization: bool

    @property
    def is_pending(self) -> bool:
        """
        Whether the opportunity was counted as pending (applied, live).
        """
        return self.status is OutlookStatus.PENDING

    def to_dict(self) -> dict[str, Any]:
        """
        Return the figures as JSON-safe primitives; :meth:`from_dict` reads them back.
        """
        return {
            "id": self.id,
            "organization": self.organization,
            "source": self.source.value,
            "stage": self.stage,
            "status": self.status.value,
            "outcome": None if self.outcome is None else self.outcome.value,
            "hypothetical": self.hypothetical,
            "p_offer": self.p_offer,
            "p_offer_within_horizon": self.p_offer_within_horizon,
            "p_alive": self.p_alive,
            "silence_days": self.silence_days,
            "expected_days_to_offer": self.expected_days_to_offer,
            "prior_chance": self.prior_chance,
            "stage_chance": self.stage_chance,
            "rest_chance": self.rest_chance,
            "p_on_time": self.p_on_time,
            "signal_ratio": self.signal_ratio,
            "positive_signals": self.positive_signals,
            "negative_signals": self.negative_signals,
            "application_factor": self.application_factor,
            "decision_factor": self.decision_factor,
            "share": self.share,
            "contribution": self.contribution,
            "represents_organization": self.represents_organization,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> OpportunityOutlook:
        """
        Build the figures from :meth:`to_dict` output, validating every value.

        Raises:
            DecodeError: the data is not valid; the error names the path.
        """
        keys = frozenset(attrs.fields_dict(cls))
        fields = _checks.read_object(data, path, required=keys, optional=frozenset())
        values: dict[str, Any] = {}
        for key in ("id", "organization", "stage"):
            values[key] = _decoded(path, key, lambda v, f: _checks.check_text(v, field=f), fields)
        values["source"] = _decoded(
            path, "source", lambda v, f: _checks.check_enum(Source, v, field=f), fields
        )
        values["status"] = _decoded(
            path, "status", lambda v, f: _checks.check_enum(OutlookStatus, v, field=f), fields
        )
        values["outcome"] = _decoded(
            path,
            "outcome",
            lambda v, f: None if v is None else _checks.check_enum(Outcome, v, field=f),
            fields,
        )
        for key in ("hypothetical", "represents_organization"):
            values[key] = _decoded(path, key, _check_bool, fields)
        for key in _CHANCE_KEYS:
            values[key] = _decoded(path, key, _check_unit, fields)
        for key in ("silence_days", "expected_days_to_offer"):
            values[key] = _decoded(path, key, _check_optional_nonnegative, fields)
        values["contribution"] = _decoded(path, "contribution", _check_unit, fields)
        for key in ("signal_ratio", "application_factor", "decision_factor"):
            values[key] = _decoded(
                path, key, lambda v, f: _checks.check_number(v, field=f, maximum=1e12), fields
            )
        for key in ("positive_signals", "negative_signals"):
            values[key] = _decoded(path, key, lambda v, f: _checks.check_count(v, field=f), fields)
        return cls(**values)


def _decoded(
    path: str,
    key: str,
    check: Any,  # noqa: ANN401 - a (value, field) -> value callable
    fields: Mapping[str, Any],
) -> Any:  # noqa: ANN401
    return _checks.build_at("", lambda: check(fields[key], _checks.join_path(path, key)))


def _check_bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise WrongTypeError(
            "expected a boolean", path=field, received=value, allowed="true or false"
        )
    return value


def _check_unit(value: object, field: str) -> float:
    return _checks.check_number(value, field=field, minimum=0.0, maximum=1.0)


def _check_optional_nonnegative(value: object, field: str) -> float | None:
    if value is None:
        return None
    return _checks.check_number(value, field=field)


def _check_days_value(value: object, field: str) -> float:
    return _checks.check_number(value, field=field, open_minimum=True, maximum=MAX_HORIZON_DAYS)


# -- the search-level combination -------------------------------------------------------------

_COUNTED = frozenset({OutlookStatus.PENDING, OutlookStatus.WON})
_PENDING = OutlookStatus.PENDING


@functools.lru_cache(maxsize=4_096)
def _organization_key(name: str) -> str:
    """
    Opportunities whose organisations differ only in case or spacing are one organisation.
    """
    return " ".join(name.split()).casefold()


def _p_none(chances: Iterable[float]) -> float:
    product = 1.0
    for chance in chances:
        product *= 1.0 - chance
    return product


def _organizations(records: Sequence[tuple[Any, ...]]) -> dict[str, list[Any]]:
    """
    Group the counted records (pending, won) by organisation; each is represented by its best.

    Reads records and rows alike (a row is a record and three more figures). Returns,
    for each organisation in order of first appearance, ``[position, chance,
    runner_up]``: the position of its representative (its best chance within the
    horizon), that chance, and the second-best chance there (0 with one opportunity).
    """
    groups: dict[str, list[Any]] = {}
    for position, record in enumerate(records):
        if record[_STATUS] not in _COUNTED:
            continue
        key = _organization_key(record[_ORGANIZATION])
        chance = record[_P_WITHIN]
        group = groups.get(key)
        if group is None:
            groups[key] = [position, chance, 0.0]
        elif chance > group[1]:
            group[:] = [position, chance, group[1]]
        elif chance > group[2]:  # max(runner_up, chance)
            group[2] = chance
    return groups


def _first_offer_days(
    offers: list[float], phases: list[int], grid: tuple[tuple[float, ...], ...], step: float
) -> float | None:
    """
    Return E[days to the first offer | an offer within the horizon], or ``None`` if none can come.

    With ``G(t)`` = P(no offer by ``t``) = prod(1 - P(offer) F(t)), the answer is
    the integral of ``G(t) - G(H)`` over ``[0, H]``, divided by ``1 - G(H)``.
    """
    survival = [1.0] * len(grid[0])
    for chance, phase in zip(offers, phases, strict=True):
        if chance > 0.0:
            survival = [
                alive * (1.0 - chance * done)
                for alive, done in zip(survival, grid[phase], strict=True)
            ]
    at_horizon = survival[-1]
    if at_horizon >= 1.0:
        return None
    area = _outlook_math.simpson([value - at_horizon for value in survival], step)
    return max(0.0, area / (1.0 - at_horizon))


# -- the outlook ------------------------------------------------------------------------------


def _check_target(target: object) -> float:
    return _checks.check_number(target, field="target", maximum=1.0)


def _check_applications(count: object, *, field: str, maximum: int) -> int:
    number = _checks.check_count(count, field=field)
    if number > maximum:
        raise InvalidValueError(
            "too many applications",
            path=field,
            received=number,
            allowed=f"an integer in [0, {maximum}]",
        )
    return number


_FIELD_NAMES = tuple(attrs.fields_dict(OpportunityOutlook))
_ID, _ORGANIZATION, _SOURCE, _STAGE, _STATUS = 0, 1, 2, 3, 4
_P_OFFER, _P_WITHIN = 7, 8
_SHARE, _REPRESENTS = 21, 23

_Row = tuple[Any, ...]
"""
One opportunity's figures as a tuple in :class:`OpportunityOutlook`'s field order.

A forecast builds 25 of them per search; the objects are built only when read.
"""


def _row_of(item: OpportunityOutlook) -> _Row:
    return tuple(getattr(item, name) for name in _FIELD_NAMES)


def _check_rows(value: object) -> tuple[_Row, ...]:
    return _checks.check_tuple(value, field="rows")


@attrs.frozen(kw_only=True)
class Outlook:
    """
    The outlook for a search: the chance of an offer within the horizon, and what it rests on.

    Returned by :func:`forecast` (or read back by :meth:`from_dict`). Every
    figure is a plain float, so rules can read them as facts; :meth:`to_dict`
    and :meth:`from_dict` round-trip it exactly; ``str()`` explains every
    figure and Jupyter renders it as HTML.

    Attributes:
        as_of: The instant of the forecast (UTC).
        horizon_days: The horizon, in days.
        model: The parameters used.
        p_any_offer: P(at least one offer within the horizon), organisations independent.
        p_no_offer: ``1 - p_any_offer``, computed directly (the safety net's figure).
        expected_offers: The expected number of organisations making an offer
            within the horizon.
        p_fresh_application: The chance that one application sent now (from no
            particular source) becomes an offer within the horizon.
        rows: The per-opportunity figures, compactly: one tuple per opportunity
            in :class:`OpportunityOutlook`'s field order. Read them as
            objects through :attr:`opportunities`.

    .. versionadded:: 0.1.0
    """

    as_of: dt.datetime
    horizon_days: float
    model: OutlookModel
    p_any_offer: float
    p_no_offer: float
    expected_offers: float
    p_fresh_application: float
    rows: tuple[_Row, ...] = attrs.field(converter=_check_rows, repr=False)
    # Caches of figures derived from the fields above, filled on first read: the
    # correlated variant and the first offer's timing cost more than the rest of a
    # forecast, and the risk engine does not need them to score a search.
    _objects: tuple[OpportunityOutlook, ...] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _correlated: float | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _first_offer: tuple[float | None] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    @property
    def p_any_offer_correlated(self) -> float:
        """
        P(at least one offer within the horizon) with organisations tied by the shared factor.

        One-factor Gaussian copula with correlation ``model.correlation``:
        never above :attr:`p_any_offer` (independence is optimistic).
        """
        cached = self._correlated
        if cached is None:
            chances = [self.rows[position][_P_WITHIN] for position in self._representatives()]
            correlated = _outlook_math.p_none_correlated(chances, self.model.correlation)
            cached = 1.0 - max(self.p_no_offer, correlated)
            object.__setattr__(self, "_correlated", cached)
        return cached

    @property
    def expected_days_to_first_offer(self) -> float | None:
        """
        The expected days to the first offer, given one comes within the horizon.

        0 once won; ``None`` when no offer can come within the horizon.
        """
        cached = self._first_offer
        if cached is None:
            grid, step = self._grid()
            representatives = self._representatives()
            cached = (
                _first_offer_days(
                    [self.rows[position][_P_OFFER] for position in representatives],
                    [self._phase_of(self.rows[position]) for position in representatives],
                    grid,
                    step,
                ),
            )
            object.__setattr__(self, "_first_offer", cached)
        return cached[0]

    def offer_curve(self) -> tuple[tuple[float, float], ...]:
        """
        The chance of at least one offer by each day of the horizon, as ``(day, chance)`` pairs.

        The days run from 0 to the horizon on the model's time grid (the one
        :attr:`expected_days_to_first_offer` integrates over). With
        ``G(t) = prod(1 - P(offer) F(t))`` over the organisations' representatives
        (``F`` the chance that an offer, if it comes, has come by day ``t``),
        the chance is ``1 - G(t)``: it starts at 0 (or 1 once won), never
        decreases, and ends at :attr:`p_any_offer`. The curve of
        ``with_applications(k)`` includes the ``k`` fresh applications.

        Returns:
            The pairs, in increasing order of day.

        .. versionadded:: 0.1.0
        """
        grid, step = self._grid()
        representatives = self._representatives()
        if self.won:
            return tuple((index * step, 1.0) for index in range(len(grid[0])))
        survival = [1.0] * len(grid[0])
        for position in representatives:
            row = self.rows[position]
            chance = row[_P_OFFER]
            if chance > 0.0:
                done = grid[self._phase_of(row)]
                survival = [
                    alive * (1.0 - chance * share)
                    for alive, share in zip(survival, done, strict=True)
                ]
        # The last point is the headline figure itself, not a recomputation of it.
        curve = [(index * step, 1.0 - alive) for index, alive in enumerate(survival)]
        curve[-1] = (self.horizon_days, self.p_any_offer)
        return tuple(curve)

    def _representatives(self) -> list[int]:
        """
        The positions of the rows that stand for their organisations, in organisation order.
        """
        return [group[0] for group in _organizations(self.rows).values()]

    # -- reading -------------------------------------------------------------------------------

    @property
    def opportunities(self) -> tuple[OpportunityOutlook, ...]:
        """
        One :class:`OpportunityOutlook` per opportunity, in the search's order.
        """
        objects = self._objects
        if objects is None:
            objects = tuple(
                OpportunityOutlook(**dict(zip(_FIELD_NAMES, row, strict=True))) for row in self.rows
            )
            # A cache of values derived from immutable fields: the outlook stays immutable.
            object.__setattr__(self, "_objects", objects)
        return objects

    @property
    def horizon(self) -> dt.timedelta:
        """
        The horizon as a :class:`datetime.timedelta`.
        """
        return dt.timedelta(days=self.horizon_days)

    @property
    def correlation(self) -> float:
        """
        The shared factor's correlation behind :attr:`p_any_offer_correlated`.
        """
        return self.model.correlation

    @property
    def won(self) -> bool:
        """
        Whether an offer was signed: the search is over, and P(offer) is 1.
        """
        return any(row[_STATUS] is OutlookStatus.WON for row in self.rows)

    @property
    def by_opportunity(self) -> Mapping[str, float]:
        """
        Each opportunity's chance of an offer within the horizon, by id (0 when not pending).
        """
        return MappingProxyType({row[_ID]: row[_P_WITHIN] for row in self.rows})

    @property
    def shares(self) -> Mapping[str, float]:
        """
        Each opportunity's share of the expected offers within the horizon, by id.
        """
        return MappingProxyType({row[_ID]: row[_SHARE] for row in self.rows})

    @property
    def by_organization(self) -> Mapping[str, float]:
        """
        Each organisation's chance of an offer within the horizon (its most promising opportunity).
        """
        return MappingProxyType(
            {row[_ORGANIZATION]: row[_P_WITHIN] for row in self.rows if row[_REPRESENTS]}
        )

    @property
    def organization_shares(self) -> Mapping[str, float]:
        """
        Each organisation's share of :attr:`expected_offers`.
        """
        total = self.expected_offers
        return MappingProxyType(
            {
                name: chance / total if total > 0.0 else 0.0
                for name, chance in self.by_organization.items()
            }
        )

    @property
    def largest_share(self) -> float:
        """
        The largest share one opportunity holds of the expected offers (0 when there are none).
        """
        return max((row[_SHARE] for row in self.rows), default=0.0)

    @property
    def largest_organization_share(self) -> float:
        """
        The largest share one organisation holds of the expected offers (0 when there are none).
        """
        return max(self.organization_shares.values(), default=0.0)

    @property
    def counts(self) -> Mapping[str, int]:
        """
        How many opportunities were counted as pending, won, closed and not applied.
        """
        tally = dict.fromkeys((status.value for status in OutlookStatus), 0)
        for row in self.rows:
            tally[row[_STATUS].value] += 1
        return MappingProxyType(tally)

    def get(self, opportunity_id: str) -> OpportunityOutlook:
        """
        Return the outlook of one opportunity.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
        """
        for position, row in enumerate(self.rows):
            if row[_ID] == opportunity_id:
                return self.opportunities[position]
        raise UnknownOpportunityError(
            "no opportunity has this id",
            path="opportunity_id",
            received=opportunity_id,
            allowed=", ".join(repr(row[_ID]) for row in self.rows) or "none: the search is empty",
        )

    # -- the safety net ------------------------------------------------------------------------

    def _grid(self) -> tuple[tuple[tuple[float, ...], ...], float]:
        return _grid_for(self.model, self.horizon_days)

    def _fresh(self, source: Source | None) -> tuple[_ModelRow, float, float]:
        """
        Return the model's row and P(offer eventually, within the horizon) of a new application.
        """
        row = self.model._row(_applied_position(self.model), source)  # noqa: SLF001
        grid, _ = self._grid()
        eventually = row.stage_chance * row.rest_chance
        return row, eventually, eventually * grid[row.phase][-1]

    def _p_none_with(self, count: int, chance: float, *, correlated: bool) -> float:
        """
        P(no offer within the horizon) with ``count`` fresh applications of ``chance`` each.

        Computed exactly as :meth:`with_applications` computes it, so the two always agree.
        """
        chances = [self.rows[position][_P_WITHIN] for position in self._representatives()]
        chances.extend([chance] * count)
        p_none = _p_none(chances)
        if not correlated:
            return p_none
        return max(p_none, _outlook_math.p_none_correlated(chances, self.model.correlation))

    def applications_needed(
        self,
        target: float = 0.2,
        *,
        source: Source | str | None = None,
        correlated: bool = False,
        limit: int = MAX_APPLICATIONS,
    ) -> int | None:
        """
        Return how many applications sent now bring P(no offer within the horizon) to ``target``.

        The smallest ``k`` for which ``with_applications(k).p_no_offer <= target``
        (with ``correlated=True``: ``1 - with_applications(k).p_any_offer_correlated``).
        Each fresh application starts at the application stage with no
        silence, at an organisation of its own, and counts only as far as it
        can become an offer within the horizon — so a short horizon may need
        many applications, or no number may be enough.

        Args:
            target: The highest acceptable chance of no offer, in [0, 1].
            source: The source of the fresh applications (``None``: the
                published average applicant, no source adjustment).
            correlated: Use the correlated variant (organisations tied by the
                shared factor) instead of independence.
            limit: The most applications considered, at most :data:`MAX_APPLICATIONS`.

        Returns:
            The number of applications (0 when the search already meets the
            target, or is won); ``None`` when no number up to ``limit`` does —
            typically because a fresh application rarely becomes an offer
            within the horizon.

        Raises:
            InvalidValueError: ``target`` is outside [0, 1] or ``limit`` is out of range.
            WrongTypeError: an argument has the wrong type.
        """
        goal = _check_target(target)
        most = _check_applications(limit, field="limit", maximum=MAX_APPLICATIONS)
        chosen = None if source is None else _checks.check_enum(Source, source, field="source")
        _, _, chance = self._fresh(chosen)

        def meets(count: int) -> bool:
            return self._p_none_with(count, chance, correlated=correlated) <= goal

        if meets(0):
            return 0
        if not meets(most):
            return None
        low, high = 0, most  # the answer is in (low, high]: meets(high), not meets(low)
        while high - low > 1:
            middle = (low + high) // 2
            if meets(middle):
                high = middle
            else:
                low = middle
        return high

    def with_applications(self, count: int, *, source: Source | str | None = None) -> Outlook:
        """
        Return the outlook of the same search with ``count`` more applications sent now.

        Nothing is changed: the new outlook adds ``count`` hypothetical
        opportunities (``hypothetical=True``, ids ``new-1``, ``new-2``, … made
        unique), each at the application stage of an organisation of its own.

        Args:
            count: How many applications, in [0, 10 000].
            source: Their source (``None``: no source adjustment).

        Returns:
            The new outlook.

        Raises:
            InvalidValueError: ``count`` is negative or absurd.
            WrongTypeError: an argument has the wrong type.
        """
        number = _check_applications(count, field="count", maximum=10_000)
        chosen = None if source is None else _checks.check_enum(Source, source, field="source")
        row, eventually, within = self._fresh(chosen)
        grid, _ = self._grid()
        applied = self.model.stages[_applied_position(self.model)].name
        taken_ids = {existing[_ID] for existing in self.rows}
        taken_organizations = {_organization_key(existing[_ORGANIZATION]) for existing in self.rows}
        on_time = grid[row.phase][-1]
        expected_days = row.expected_days if eventually > 0.0 else None

        def fresh(ordinal: int) -> _Record:
            return (
                _unique(f"new-{ordinal}", taken_ids),
                _unique(f"new application {ordinal}", taken_organizations, _organization_key),
                Source.OTHER if chosen is None else chosen,
                applied,
                OutlookStatus.PENDING,
                None,
                True,
                eventually,
                within,
                row.stage_chance,
                0.0,
                expected_days,
                eventually,
                row.stage_chance,
                row.rest_chance,
                on_time,
                1.0,
                0,
                0,
                row.application_factor,
                row.decision_factor,
            )

        records = [existing[:_SHARE] for existing in self.rows]
        records.extend(fresh(ordinal) for ordinal in range(1, number + 1))
        return _assemble(
            records=records,
            as_of=self.as_of,
            horizon_days=self.horizon_days,
            model=self.model,
            p_fresh_application=self.p_fresh_application,
        )

    def _phase_of(self, row: _Row) -> int:
        position = self.model._position(row[_STAGE])  # noqa: SLF001
        return self.model._row(position, row[_SOURCE]).phase  # noqa: SLF001

    # -- explanation ---------------------------------------------------------------------------

    def explain(self, opportunity_id: str | None = None) -> str:
        """
        Return the explanation of the whole outlook, or of one opportunity's figures.

        Args:
            opportunity_id: The opportunity to explain; ``None`` for everything.

        Returns:
            Plain text: the figures, the priors and their sources, the
            evidence, and how each opportunity was counted.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
        """
        from pipeline_core.render import _outlook as _outlook_render  # noqa: PLC0415 - it imports this module

        if opportunity_id is None:
            return _outlook_render.outlook_text(self)
        return _outlook_render.opportunity_text(self, self.get(opportunity_id))

    def summary(self) -> str:
        """
        Return the headline figures as text, without the per-opportunity detail.

        The chance of an offer, the expected offers, what was counted and the safety net.

        .. versionadded:: 0.1.0
        """
        from pipeline_core.render import _outlook as _outlook_render  # noqa: PLC0415 - it imports this module

        return _outlook_render.outlook_summary(self)

    def __str__(self) -> str:
        """
        Return :meth:`explain` of the whole outlook.
        """
        return self.explain()

    def _repr_html_(self) -> str:
        """
        Return the outlook as HTML for Jupyter (every user string escaped).
        """
        from pipeline_core.render import _outlook as _outlook_render  # noqa: PLC0415 - it imports this module

        return _outlook_render.outlook_html(self)

    # -- interchange ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """
        Return the outlook as JSON-safe primitives; :meth:`from_dict` reads it back exactly.
        """
        return {
            "as_of": format_instant(self.as_of),
            "horizon_days": self.horizon_days,
            "p_any_offer": self.p_any_offer,
            "p_no_offer": self.p_no_offer,
            "p_any_offer_correlated": self.p_any_offer_correlated,
            "expected_offers": self.expected_offers,
            "expected_days_to_first_offer": self.expected_days_to_first_offer,
            "p_fresh_application": self.p_fresh_application,
            "model": self.model.to_dict(),
            "opportunities": [item.to_dict() for item in self.opportunities],
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> Outlook:
        """
        Build an outlook from :meth:`to_dict` output, validating every value.

        Args:
            data: The dict.
            path: The JSON path of ``data``, for error messages (``"outlook"``
                when it sits in a report).

        Returns:
            The outlook.

        Raises:
            DecodeError: the data is not a valid outlook; the error names the path.
        """
        keys = frozenset(
            {
                "as_of",
                "horizon_days",
                "p_any_offer",
                "p_no_offer",
                "p_any_offer_correlated",
                "expected_offers",
                "expected_days_to_first_offer",
                "p_fresh_application",
                "model",
                "opportunities",
            }
        )
        fields = _checks.read_object(data, path, required=keys, optional=frozenset())
        as_of = _checks.build_at(
            "", lambda: parse_instant(fields["as_of"], field=_checks.join_path(path, "as_of"))
        )
        horizon_days = _decoded(path, "horizon_days", _check_days_value, fields)
        chances = {
            key: _decoded(path, key, _check_unit, fields)
            for key in (
                "p_any_offer",
                "p_no_offer",
                "p_any_offer_correlated",
                "p_fresh_application",
            )
        }
        expected_offers = _decoded(path, "expected_offers", _check_offers, fields)
        first = _decoded(path, "expected_days_to_first_offer", _check_optional_nonnegative, fields)
        model = OutlookModel.from_dict(fields["model"], _checks.join_path(path, "model"))
        items_path = _checks.join_path(path, "opportunities")
        items = tuple(
            OpportunityOutlook.from_dict(item, f"{items_path}[{position}]")
            for position, item in enumerate(_checks.read_array(fields["opportunities"], items_path))
        )
        seen: set[str] = set()
        for position, item in enumerate(items):
            if item.id in seen:
                raise DecodeError(
                    "duplicate opportunity id",
                    path=f"{items_path}[{position}].id",
                    received=item.id,
                    allowed="an id no other opportunity has",
                )
            seen.add(item.id)
            if not model.has_stage(item.stage):
                raise DecodeError(
                    "unknown stage",
                    path=f"{items_path}[{position}].stage",
                    received=item.stage,
                    allowed=", ".join(figures.name for figures in model.stages),
                )
        correlated = chances.pop("p_any_offer_correlated")
        outlook = cls(
            as_of=as_of,
            horizon_days=horizon_days,
            model=model,
            expected_offers=expected_offers,
            rows=tuple(_row_of(item) for item in items),
            **chances,
        )
        # The derived figures travel in the dict; read them back rather than recompute them.
        object.__setattr__(outlook, "_correlated", correlated)
        object.__setattr__(outlook, "_first_offer", (first,))
        object.__setattr__(outlook, "_objects", items)
        return outlook


def _check_offers(value: object, field: str) -> float:
    return _checks.check_number(value, field=field, maximum=1e9)


def _unique(candidate: str, taken: set[str], key: Any = None) -> str:  # noqa: ANN401
    """
    Return ``candidate`` (or ``candidate-2``, ``-3``, …) not yet in ``taken``, and take it.
    """
    normalise = key or (lambda text: text)
    chosen = candidate
    suffix = 1
    while normalise(chosen) in taken:
        suffix += 1
        chosen = f"{candidate}-{suffix}"
    taken.add(normalise(chosen))
    return chosen


def _grid_for(
    model: OutlookModel, horizon_days: float
) -> tuple[tuple[tuple[float, ...], ...], float]:
    """
    Return the model's time grid over the horizon (cached) and its step.
    """
    rates = model._rates  # noqa: SLF001 - the model's own precomputed chain
    intervals = _outlook_math.grid_intervals(horizon_days, max(rates, default=0.0))
    return _outlook_math.hypoexponential_grid(rates, horizon_days, intervals), (
        horizon_days / intervals
    )


def _applied_position(model: OutlookModel) -> int:
    return model._applied  # noqa: SLF001


_PendingRow = tuple[float, float, float, float, float, float, float, float]
"""
What a pending opportunity's record needs of the model, at one stage, from one source.

In order: the stage's chance of moving on (0 where no offer can follow), the
product of the chances after it, their product (the prior), the rate at which
silence lowers the chance (0 where silence is not weighed), the chance the offer
comes within the horizon, the expected days to it, and the source's two factors.
"""


class _Plan(NamedTuple):
    """
    What a forecast needs of a model at one horizon, tabulated once (see :func:`_plan_for`).
    """

    pending: Mapping[Source, tuple[_PendingRow, ...]]
    """A pending opportunity's figures, by its source and its stage's position."""
    p_fresh_application: float
    """The chance that an application sent now becomes an offer within the horizon."""


@functools.lru_cache(maxsize=64)
def _plan_for(model: OutlookModel, horizon_days: float) -> _Plan:
    """
    Tabulate what the forecast needs of ``model`` at ``horizon_days``.

    Every pending opportunity of every forecast needs its stage's figures, from
    its source, at this horizon: looking them up in one cached table, by source
    and stage position, costs far less than finding the model's row and time grid
    and combining them per opportunity. Each figure is computed by the expression
    the per-opportunity code used, so the records are the same to the last bit.
    The model caches its hash, so the look-up costs little more than hashing a float.
    """
    grid, _ = _grid_for(model, horizon_days)
    pending: dict[Source, tuple[_PendingRow, ...]] = {}
    for source in Source:
        table: list[_PendingRow] = []
        for position in range(len(model.stages)):
            row = model._row(position, source)  # noqa: SLF001 - the model's own table
            chance = row.stage_chance if row.reachable else 0.0
            weighs = row.rate > 0.0 and chance < 1.0
            table.append(
                (
                    chance,
                    row.rest_chance,
                    chance * row.rest_chance,
                    row.rate if weighs else 0.0,
                    grid[row.phase][-1],
                    row.expected_days,
                    row.application_factor,
                    row.decision_factor,
                )
            )
        pending[source] = tuple(table)
    applied = model._rows[_applied_position(model), None]  # noqa: SLF001 - the model's own table
    fresh = applied.stage_chance * applied.rest_chance * grid[applied.phase][-1]
    return _Plan(pending=pending, p_fresh_application=fresh)


_Record = tuple[Any, ...]
"""A row without its last three (search-level) figures."""


def _assemble(
    *,
    records: list[_Record],
    as_of: dt.datetime,
    horizon_days: float,
    model: OutlookModel,
    p_fresh_application: float,
) -> Outlook:
    """
    Combine per-opportunity records into the search's outlook (see the module docstring).

    Each organisation counts once, through its representative; P(no offer) is the
    product of ``1 - chance`` over the representatives, in organisation order.
    """
    groups = list(_organizations(records).values())
    chances = [chance for _, chance, _ in groups]
    # P(none among the organisations before / after each one): prefix and suffix products.
    # The last prefix is P(no offer) itself: the same products, in the same order, as _p_none.
    prefix = [1.0]
    for chance in chances:
        prefix.append(prefix[-1] * (1.0 - chance))
    p_none = prefix[-1]
    suffix = [1.0] * (len(chances) + 1)
    for position in range(len(chances) - 1, -1, -1):
        suffix[position] = suffix[position + 1] * (1.0 - chances[position])
    count = len(records)
    contributions = [0.0] * count
    represents = [False] * count
    for position, (index, _, second) in enumerate(groups):
        gain = prefix[position] * suffix[position + 1] * (1.0 - second) - p_none
        contributions[index] = min(1.0, gain) if gain > 0.0 else 0.0  # min(1, max(0, gain))
        represents[index] = True
    within = [record[_P_WITHIN] for record in records]
    total = sum(within)
    shares = [chance / total for chance in within] if total > 0.0 else [0.0] * count
    rows = tuple(
        [
            # Concatenation: faster here than unpacking the record into a new tuple.
            record + (share, contribution, representative)  # noqa: RUF005
            for record, share, contribution, representative in zip(
                records, shares, contributions, represents, strict=True
            )
        ]
    )
    return Outlook(
        as_of=as_of,
        horizon_days=horizon_days,
        model=model,
        p_any_offer=1.0 - p_none,
        p_no_offer=p_none,
        expected_offers=sum(chances),
        p_fresh_application=p_fresh_application,
        rows=rows,
    )


# -- forecasting ------------------------------------------------------------------------------


def check_horizon_days(horizon: object) -> float:
    allowed = f"a datetime.timedelta (or pendulum Duration) in (0, {MAX_HORIZON_DAYS:g}] days"
    if not isinstance(horizon, dt.timedelta):
        raise WrongTypeError(
            "expected a timedelta", path="horizon", received=horizon, allowed=allowed
        )
    days = horizon.total_seconds() / SECONDS_PER_DAY
    if not 0.0 < days <= MAX_HORIZON_DAYS:
        raise InvalidValueError("out of range", path="horizon", received=horizon, allowed=allowed)
    return days


def resolve_model(search: Search, model: object) -> OutlookModel:
    if model is None:
        return _model_for(search.pipeline)
    if not isinstance(model, OutlookModel):
        raise WrongTypeError(
            "expected an OutlookModel",
            path="model",
            received=model,
            allowed="an OutlookModel or None",
        )
    if not model.matches(search.pipeline):
        raise InvalidValueError(
            "the model was built for another pipeline definition",
            path="model.stages",
            received=[figures.name for figures in model.stages],
            allowed=f"the stages of the search's pipeline {search.pipeline.name!r} "
            "(use OutlookModel.for_pipeline(search.pipeline))",
        )
    return model


def _states_of(
    search: Search, when: dt.datetime, states: Sequence[OpportunityState] | None
) -> Sequence[OpportunityState]:
    if states is None:
        return search.states(when)
    if len(states) != len(search.opportunities):
        raise InvalidValueError(
            "expected one state per opportunity",
            path="states",
            received=f"{len(states)} states",
            allowed=f"{len(search.opportunities)} states, in the search's order",
        )
    return states


def forecast(
    search: Search,
    *,
    as_of: dt.datetime,
    horizon: dt.timedelta = DEFAULT_HORIZON,
    model: OutlookModel | None = None,
    states: Sequence[OpportunityState] | None = None,
) -> Outlook:
    """
    Return the outlook of a search: the chance of an offer within the horizon, and why.

    Pure: reads no clock, ignores events after ``as_of``, changes nothing. The
    work per opportunity is a handful of float operations on its replayed
    state; the figures that depend only on the model are computed once and cached.

    Args:
        search: The search.
        as_of: The instant to look from (any aware datetime, pendulum's included).
        horizon: How far ahead to look (a :class:`datetime.timedelta`; pendulum's
            ``Duration`` is one), up to ten years; 30 days by default.
        model: The parameters; ``None`` for the published figures of the
            search's pipeline (:meth:`OutlookModel.for_pipeline`).
        states: The opportunities' states as of ``as_of``, one per
            opportunity in the search's order, when the caller already has
            them (as :func:`~pipeline_core.risk_history` does); ``None`` to
            replay them. They are trusted to be the states as of ``as_of``.

    Returns:
        The outlook.

    Raises:
        WrongTypeError: an argument has the wrong type.
        NaiveDatetimeError: ``as_of`` has no time zone.
        InvalidValueError: the horizon is not positive or is absurd, the
            model was built for another pipeline definition, or ``states``
            does not hold one state per opportunity.
    """
    if not isinstance(search, Search):
        raise WrongTypeError(
            "expected a Search", path="search", received=search, allowed="a Search"
        )
    when = to_utc(as_of, field="as_of")
    horizon_days = check_horizon_days(horizon)
    chosen = resolve_model(search, model)
    replayed = _states_of(search, when, states)
    return forecast_unchecked(
        search, when=when, horizon_days=horizon_days, model=chosen, states=replayed
    )


def forecast_unchecked(
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    model: OutlookModel,
    states: Sequence[OpportunityState],
) -> Outlook:
    """
    The work of :func:`forecast`, on checked arguments and the states as of ``when``.
    """
    records = outlook_rows(search, when=when, horizon_days=horizon_days, model=model, states=states)
    return _assemble(
        records=records,
        as_of=when,
        horizon_days=horizon_days,
        model=model,
        p_fresh_application=_plan_for(model, horizon_days).p_fresh_application,
    )


def headline(records: list[_Record]) -> tuple[dict[str, float], float]:
    """
    Each opportunity's chance within the horizon by id, and P(no offer), from the records.

    The same arithmetic, in the same order, as :func:`_assemble` (so the same
    bits): :func:`~pipeline_core.risk_history` needs only these at each step.
    """
    by_id = {record[_ID]: record[_P_WITHIN] for record in records}
    return by_id, _p_none([group[1] for group in _organizations(records).values()])


def outlook_rows(  # noqa: PLR0915 - one loop on purpose: a call per opportunity costs more
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    model: OutlookModel,
    states: Sequence[OpportunityState],
    settled: dict[int, tuple[OpportunityState, _Record]] | None = None,
) -> list[_Record]:
    """
    One record per opportunity: its chances as of ``when``, before the search-level figures.

    :func:`~pipeline_core.risk_history` calls it at every step with arguments it
    checked once for the whole period, and a ``settled`` memo: the record of a
    signed, closed or not-applied opportunity depends on its state only, not on
    the instant, so it is reused while the opportunity keeps the same state object.
    """
    # Everything that depends on the model and the horizon only is looked up, not computed.
    pending = _plan_for(model, horizon_days).pending
    now = when.timestamp()
    cap = model.max_signals
    up = model.positive_signal_ratio
    down = model.negative_signal_ratio
    exp = math.exp
    day = SECONDS_PER_DAY
    prospect = StageKind.PROSPECT
    tails = _SETTLED_TAILS
    records: list[_Record] = []
    append = records.append
    for position, (opportunity, state) in enumerate(zip(search.opportunities, states, strict=True)):
        outcome = state.outcome
        if outcome is not None or state.stage_kind is prospect:
            if settled is None:
                # _settled, inlined: most opportunities of a search have ended.
                head = (opportunity.id, opportunity.organization, opportunity.source, state.stage)
                append(head + tails[outcome])
                continue
            known = settled.get(position)
            if known is None or known[0] is not state:
                known = (state, _settled(opportunity, state.stage, outcome))
                settled[position] = known
            append(known[1])
            continue
        chance, rest, prior, rate, on_time, expected_days, application, decision = pending[
            opportunity.source
        ][state.stage_index]
        entered = state.stage_entered_ts
        inbound = state.last_inbound_ts
        start = (
            entered if inbound is None or (entered is not None and entered > inbound) else inbound
        )
        silence = 0.0 if start is None else (now - start) / day
        if not silence > 0.0:  # max(0.0, silence), without the call
            silence = 0.0
        survival = exp(-rate * silence) if rate > 0.0 else 1.0
        positive = state.positive_signals
        negative = state.negative_signals
        if positive or negative:  # signals are rare: count them (capped) when there are some
            positive = min(positive, cap)
            negative = min(negative, cap)
            ratio = up**positive * down**negative
        else:
            ratio = 1.0
        if survival == 1.0:
            # No silence to weigh: the posterior depends on the prior chance and the
            # signals only, so equal priors give equal chances, to the last bit (a stage
            # is never a worse place to be than the one before it).
            if ratio == 1.0:
                p_offer, p_alive = prior, chance
            else:
                offer_weight = prior * ratio
                total = offer_weight + (1.0 - prior)
                p_offer = offer_weight / total
                p_alive = (offer_weight + (chance - prior)) / total
        else:
            # Bayes over offer / alive-but-no-offer / dead; a sum of non-negative terms.
            offer_weight = prior * survival * ratio
            alive_weight = offer_weight + chance * survival * (1.0 - rest)
            total = alive_weight + (1.0 - chance)
            p_offer, p_alive = offer_weight / total, alive_weight / total
        append(
            (
                opportunity.id,
                opportunity.organization,
                opportunity.source,
                state.stage,
                _PENDING,
                None,
                False,
                p_offer,
                p_offer * on_time,
                p_alive,
                silence,
                expected_days if p_offer > 0.0 else None,
                prior,
                chance,
                rest,
                on_time,
                ratio,
                positive,
                negative,
                application,
                decision,
            )
        )
    return records


def _settled_tail(outcome: Outcome | None) -> tuple[Any, ...]:
    """
    The figures of a record that is not pending, after its first four (id to stage).
    """
    if outcome is Outcome.ACCEPTED:
        status, chance, alive, days, on_time = OutlookStatus.WON, 1.0, 1.0, 0.0, 1.0
    elif outcome is not None:
        status, chance, alive, days, on_time = OutlookStatus.CLOSED, 0.0, 0.0, None, 0.0
    else:
        status, chance, alive, days, on_time = OutlookStatus.NOT_APPLIED, 0.0, 1.0, None, 0.0
    return (
        status,
        outcome,
        False,
        chance,
        chance,
        alive,
        None,
        days,
        chance,
        chance,
        chance,
        on_time,
        1.0,
        0,
        0,
        1.0,
        1.0,
    )


_SETTLED_TAILS: Mapping[Outcome | None, tuple[Any, ...]] = {
    outcome: _settled_tail(outcome) for outcome in (None, *Outcome)
}
"""The tail of a settled record, for each outcome (``None``: not applied yet)."""


def _settled(opportunity: Opportunity, stage: str, outcome: Outcome | None) -> _Record:
    """
    The record of an opportunity that is not pending: signed, closed, or not applied.
    """
    head = (opportunity.id, opportunity.organization, opportunity.source, stage)
    return head + _SETTLED_TAILS[outcome]
