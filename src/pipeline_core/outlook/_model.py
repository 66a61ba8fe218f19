"""
The outlook's model: every figure the forecast uses, with where each comes from.

:class:`OutlookModel` holds the figures of each stage (:class:`StageFigures`: the
chance of moving on and the response window, with their source), how each source
changes them (:class:`SourceEffect`), the signals' odds ratios, the response
quantile and the shared factor's correlation. :meth:`OutlookModel.for_pipeline`
takes the published figures of a pipeline definition and the published source
factors below; :class:`StageEvidence` is what a calibrated figure rests on (see
:func:`pipeline_core.outlook.calibrate`).

To change a published figure, change it here (or in the pipeline definition) with
its source. What the forecast derives from a model once (the chain of chances and
waits) is in :mod:`pipeline_core.outlook._table`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.opportunity import Source, to_source
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, StageKind, to_stage_kind

__all__ = [
    "DEFAULT_CORRELATION",
    "DEFAULT_RESPONSE_QUANTILE",
    "MAX_CORRELATION",
    "MAX_COUNTED_SIGNALS",
    "MIN_TRIALS_FOR_COMPARISON",
    "NEGATIVE_SIGNAL_RATIO",
    "POSITIVE_SIGNAL_RATIO",
    "OutlookModel",
    "SourceEffect",
    "StageEvidence",
    "StageFigures",
    "model_for",
    "response_rates",
    "stage_positions",
]

# -- published figures and modelling defaults -------------------------------------------------

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
    kind: StageKind = attrs.field(default=StageKind.PROCESS, converter=to_stage_kind)
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

    source: Source = attrs.field(converter=to_source)
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
        kinds = stage_positions(self.stages)
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
        _checks.check_instance(
            pipeline, PipelineDefinition, path="pipeline", allowed="a PipelineDefinition"
        )
        return model_for(pipeline)

    @classmethod
    def default(cls) -> OutlookModel:
        """
        Return the model for :data:`~pipeline_core.pipeline.DEFAULT_PIPELINE`.
        """
        return model_for(DEFAULT_PIPELINE)

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
        rate = response_rates(self.stages, self.response_quantile).get(self._position(name), 0.0)
        return None if rate == 0.0 else 1.0 / rate

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
def model_for(pipeline: PipelineDefinition) -> OutlookModel:
    """
    Return the model with the published figures for ``pipeline`` (cached per pipeline).

    The work of :meth:`OutlookModel.for_pipeline`, on a checked pipeline definition.
    """
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


def stage_positions(stages: Iterable[StageFigures]) -> dict[StageKind, int]:
    """
    Return the position of the first stage of each kind among ``stages``.
    """
    kinds: dict[StageKind, int] = {}
    for position, figures in enumerate(stages):
        kinds.setdefault(figures.kind, position)
    return kinds


def response_rates(stages: Sequence[StageFigures], response_quantile: float) -> dict[int, float]:
    """
    Return the rate (per day) at which a live employer answers, by the position of each timed stage.

    A stage is timed when it has a response window and lies from the application up
    to the written offer (the written offer and what follows await no answer). The
    wait at a timed stage is exponential, and a share ``response_quantile`` of live
    employers have answered by the end of its window: the rate is
    ``-ln(1 - response_quantile) / response_days``.
    """
    kinds = stage_positions(stages)
    log_survival = -math.log(1.0 - response_quantile)
    timed_end = min(kinds[StageKind.WRITTEN_OFFER], kinds[StageKind.SIGNED])
    rates: dict[int, float] = {}
    for position in range(kinds[StageKind.APPLIED], timed_end):
        days = stages[position].response_days
        if days is not None:
            rates[position] = log_survival / days
    return rates
