"""Scoring: points to a bounded score, overlaps counted once, shares and principal findings."""

from __future__ import annotations

import math

import pytest

import pipeline_core as pc
from pipeline_core.rules import score_findings


def firing(strength: float) -> pc.Firing:
    return pc.Firing(strength=strength, message="m", action="a")


def hit(
    rule_id: str, weight: float, strength: float, overlaps: frozenset[str] = frozenset()
) -> tuple[str, str, float, frozenset[str], pc.Firing]:
    return (rule_id, rule_id.title(), weight, overlaps, firing(strength))


def test_saturating_score_of_one_scale_of_points() -> None:
    """Points equal to the scale make 100 x (1 - 1/e)."""
    assert pytest.approx(100 * (1 - math.exp(-1))) == pc.Scoring().score(6.0)


def test_capped_score_is_linear_up_to_100() -> None:
    """Capped: half the scale is 50, twice the scale is 100."""
    scoring = pc.Scoring(method="capped")
    assert (50.0, 100.0) == (scoring.score(3.0), scoring.score(12.0))


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, "low"),
        (24.9, "low"),
        (25, "moderate"),
        (50, "high"),
        (74.9, "high"),
        (75, "critical"),
        (100, "critical"),
    ],
)
def test_levels_cut_the_score_at_25_50_75(score: float, level: str) -> None:
    """Each band starts at its cut point."""
    assert pc.RiskLevel(level) is pc.Scoring().level(score)


@pytest.mark.parametrize(
    ("options", "path"),
    [
        ({"scale": 0}, "scale"),
        ({"levels": (10, 20)}, "levels"),
        ({"levels": (10, 5, 20)}, "levels"),
        ({"levels": (10, 20, 101)}, "levels[2]"),
        ({"method": "average"}, "method"),
    ],
)
def test_bad_scoring_is_refused(options: dict[str, object], path: str) -> None:
    """Scale, levels and method are checked, the error names the field."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Scoring(**options)  # type: ignore[arg-type]
    assert path == caught.value.path


def test_no_hits_score_zero() -> None:
    """Nothing fired: score 0, low, no findings."""
    assert score_findings([], pc.Scoring()) == (0.0, pc.RiskLevel.LOW, ())


def test_shares_are_the_shares_of_points() -> None:
    """Points 3 and 1: shares three quarters and one quarter, points add up to the score."""
    score, _, findings = score_findings([hit("b", 1, 1.0), hit("a", 3, 1.0)], pc.Scoring())
    assert (
        ["a", "b"],
        [0.75, 0.25],
    ) == ([f.rule_id for f in findings], [f.share for f in findings])
    assert pytest.approx(score) == sum(f.points for f in findings)


def test_overlapping_findings_count_once_by_the_stronger() -> None:
    """The weaker of two overlapping findings stays, with no share and the other's id."""
    hits = [hit("stalled", 2.5, 0.4, frozenset({"momentum"})), hit("momentum", 1.5, 1.0)]
    score, _, findings = score_findings(hits, pc.Scoring())
    by_id = {f.rule_id: f for f in findings}
    assert (1.0, 0.0, "momentum", pc.Scoring().score(1.5)) == (
        by_id["momentum"].share,
        by_id["stalled"].share,
        by_id["stalled"].covered_by,
        score,
    )


def test_findings_are_ordered_by_share_then_strength_then_id() -> None:
    """Equal points: the stronger first; equal strength too: by id."""
    hits = [hit("c", 1, 1.0), hit("b", 2, 0.5), hit("a", 2, 0.5), hit("d", 3, 1.0)]
    _, _, findings = score_findings(hits, pc.Scoring())
    assert ["d", "c", "a", "b"] == [f.rule_id for f in findings]


def test_the_top_four_with_a_share_are_principal() -> None:
    """Five findings with points: the first four are principal; a weightless one never is."""
    hits = [hit(f"r{n}", 5 - n, 1.0) for n in range(5)] + [hit("zero", 0, 1.0)]
    _, _, findings = score_findings(hits, pc.Scoring())
    assert [True, True, True, True, False, False] == [f.principal for f in findings]


def test_all_weights_zero_score_zero() -> None:
    """Findings that weigh nothing are reported but add nothing."""
    score, level, findings = score_findings([hit("a", 0, 1.0)], pc.Scoring())
    assert (score, level, findings[0].share) == (0.0, pc.RiskLevel.LOW, 0.0)
