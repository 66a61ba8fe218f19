"""
Scoring: from fired rules to a score in [0, 100], a level, and each finding's share.

Each fired rule brings ``points = weight x strength``. The default
aggregation is **saturating**::

    score = 100 x (1 - exp(-sum(points) / scale))

Why this one:

* it is bounded in [0, 100) whatever the rule set, so adding a custom rule
  never breaks the scale, and the weights need no normalisation;
* it is monotone: a stronger finding or one more finding never lowers the
  score;
* it has diminishing returns, like the risks it sums: it is the noisy-OR of
  independent reasons, each rule alone being a chance ``1 - exp(-points /
  scale)`` that the search fails for that reason, so two strong reasons make
  a high score and ten weak ones do not make a certain failure;
* the attribution is exact and simple: each finding's share of the score is
  its share of the points, so the shares add up to the score.

The alternative is **capped** points, ``min(100, 100 x sum(points) /
scale)``: linear and easy to explain, but it saturates abruptly and stops
telling strong searches from very weak ones. Both are a parameter
(:class:`Scoring`) of the rule set.

Rules that overlap (they say the same thing, such as ``search-stalled`` and
``momentum-drop``) count once: the stronger finding brings its points, the
weaker one stays in the report with 0 points and ``covered_by`` naming the
stronger one.

The level cuts the score at 25, 50 and 75: ``low`` below 25, ``moderate``
below 50, ``high`` below 75, ``critical`` from 75.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError
from pipeline_core.rules._model import Finding, Firing

__all__ = ["RiskLevel", "Scoring", "ScoringMethod", "rank_hits", "score_findings"]

PRINCIPAL_FINDINGS = 4
"""How many findings are marked principal, as credit scores report four reason codes."""


class RiskLevel(enum.StrEnum):
    """
    How fragile a search is: the score cut into four bands.

    .. versionadded:: 0.1.0
    """

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    CRITICAL = "critical"


class ScoringMethod(enum.StrEnum):
    """
    How points are summed into a score (see :mod:`pipeline_core.rules._scoring`).

    .. versionadded:: 0.1.0
    """

    SATURATING = "saturating"
    """``100 x (1 - exp(-points / scale))``: bounded, monotone, diminishing returns."""
    CAPPED = "capped"
    """``min(100, 100 x points / scale)``: linear up to the cap."""


def _to_method(value: ScoringMethod | str) -> ScoringMethod:
    return _checks.check_enum(ScoringMethod, value, field="method")


def _check_scale(_instance: object, _attribute: object, value: object) -> None:
    _checks.check_number(value, field="scale", maximum=1_000.0, open_minimum=True)


def _to_levels(value: Iterable[float]) -> tuple[float, ...]:
    return _checks.check_tuple(value, field="levels")


def _check_levels(_instance: object, _attribute: object, value: tuple[object, ...]) -> None:
    allowed = "three increasing numbers in [0, 100], such as (25, 50, 75)"
    if len(value) != len(RiskLevel) - 1:
        raise InvalidValueError(
            "expected three cut points", path="levels", received=value, allowed=allowed
        )
    for index, cut in enumerate(value):
        _checks.check_number(cut, field=f"levels[{index}]", maximum=100.0)
    if not all(low < high for low, high in itertools.pairwise(value)):  # type: ignore[operator]
        raise InvalidValueError(
            "cut points must increase", path="levels", received=value, allowed=allowed
        )


@attrs.frozen(kw_only=True)
class Scoring:
    """
    How a rule set turns findings into a score and a level.

    Args:
        method: :attr:`ScoringMethod.SATURATING` (the default) or
            :attr:`ScoringMethod.CAPPED`; the value text is accepted too.
        scale: The points that make a score of about 63 (saturating: 1 - 1/e)
            or of 100 (capped). With the built-in weights, 6 makes one
            strong reason (about 3 points) a moderate score, two a high one
            and three a critical one.
        levels: The scores at which ``moderate``, ``high`` and ``critical`` begin.

    Raises:
        InvalidValueError: a scale is not positive, or the levels do not increase.

    .. versionadded:: 0.1.0
    """

    method: ScoringMethod = attrs.field(default=ScoringMethod.SATURATING, converter=_to_method)
    scale: float = attrs.field(default=6.0, validator=_check_scale)
    levels: tuple[float, ...] = attrs.field(
        default=(25.0, 50.0, 75.0), converter=_to_levels, validator=_check_levels
    )

    def score(self, points: float) -> float:
        """
        Return the score, in [0, 100], of a sum of points.
        """
        if self.method is ScoringMethod.CAPPED:
            return min(100.0, 100.0 * points / self.scale)
        return 100.0 * -math.expm1(-points / self.scale)

    def level(self, score: float) -> RiskLevel:
        """
        Return the level of a score.
        """
        moderate, high, critical = self.levels
        if score >= critical:
            return RiskLevel.CRITICAL
        if score >= high:
            return RiskLevel.HIGH
        if score >= moderate:
            return RiskLevel.MODERATE
        return RiskLevel.LOW


def score_findings(
    hits: Sequence[tuple[str, str, float, frozenset[str], Firing]], scoring: Scoring
) -> tuple[float, RiskLevel, tuple[Finding, ...]]:
    """
    Score fired rules: the score, its level and the findings, strongest first.

    Args:
        hits: One ``(rule_id, title, weight, overlaps, firing)`` per fired
            rule (strength above 0), in any order: the result does not depend on it.
        scoring: The aggregation.

    Returns:
        ``(score, level, findings)``; findings are sorted by share, then
        strength, then id; the first four with a share are principal.

    .. versionadded:: 0.1.0
    """
    score, ranked, points, covered, total = rank_hits(
        [
            (rule_id, weight, overlaps, firing.strength, (title, firing))
            for rule_id, title, weight, overlaps, firing in hits
        ],
        scoring,
    )
    findings = []
    for rank, (rule_id, weight, _, strength, (title, firing)) in enumerate(ranked):
        share = points[rule_id] / total if total > 0 else 0.0
        findings.append(
            Finding(
                rule_id=rule_id,
                title=title,
                strength=strength,
                weight=weight,
                points=share * score,
                share=share,
                message=firing.message,
                action=firing.action,
                evidence=firing.evidence,
                opportunity_ids=firing.opportunity_ids,
                principal=share > 0 and rank < PRINCIPAL_FINDINGS,
                covered_by=covered.get(rule_id),
            )
        )
    return score, scoring.level(score), tuple(findings)


_Payload = TypeVar("_Payload")


def rank_hits(
    hits: Sequence[tuple[str, float, frozenset[str], float, _Payload]], scoring: Scoring
) -> tuple[
    float,
    list[tuple[str, float, frozenset[str], float, _Payload]],
    dict[str, float],
    dict[str, str],
    float,
]:
    """
    The score and order of fired rules, without building findings.

    The one ranking both ways of running a rule set share: :func:`score_findings`
    builds the findings from it, and :meth:`RuleSet.score
    <pipeline_core.RuleSet.score>` (what :func:`~pipeline_core.risk_history`
    reads at each step) needs only the score and the ids.

    Args:
        hits: One ``(rule_id, weight, overlaps, strength, payload)`` per fired
            rule (strength above 0), in any order; ``payload`` is carried
            along untouched (the title and firing, or nothing).
        scoring: The aggregation.

    Returns:
        ``(score, ranked, points, covered, total)``: the score, the hits
        strongest first (by points, then strength, then id), each rule's
        points (0 for a covered one), the covered rules with the id of the
        rule that covers them, and the points' exactly rounded sum.
    """
    # Strongest first by raw points (weight x strength); ties by strength, then id.
    ranked = sorted(hits, key=lambda h: (-h[1] * h[3], -h[3], h[0]))
    covered: dict[str, str] = {}
    counted: list[tuple[str, frozenset[str]]] = []
    for rule_id, _, overlaps, _, _ in ranked:
        for other_id, other_overlaps in counted:
            if rule_id in other_overlaps or other_id in overlaps:
                covered[rule_id] = other_id
                break
        else:
            counted.append((rule_id, overlaps))
    points = {
        rule_id: 0.0 if rule_id in covered else weight * strength
        for rule_id, weight, _, strength, _ in hits
    }
    # fsum is exactly rounded: the total depends neither on the order nor on ties, and it
    # never decreases when one term grows (the monotonicity the tests prove).
    total = math.fsum(points.values())
    score = scoring.score(total)
    if total > 0:
        ranked.sort(key=lambda h: (-points[h[0]], -h[3], h[0]))
    return score, ranked, points, covered, total
