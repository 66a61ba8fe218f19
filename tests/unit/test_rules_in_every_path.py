"""Every path that scores (assess, risk_history) runs a rule set's rules the same way."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import pipeline_core as pc
from pipeline_core.testing import sample_search

WHEN = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)


@attrs.frozen(kw_only=True)
class _LoudBasket(pc.SingleBasket):
    """A built-in rule's subclass that overrides evaluate: the override must run everywhere."""

    def evaluate(self, facts: pc.Facts) -> pc.Firing | None:  # noqa: ARG002
        return pc.Firing(strength=1.0, message="always", action="none")


def _with_loud_basket() -> pc.RuleSet:
    rules = pc.default_rules()
    return rules.replace(_LoudBasket())


def test_a_subclass_overriding_evaluate_is_honoured_by_every_path() -> None:
    """A subclass of a built-in rule is not a built-in for the fast path: its evaluate runs."""
    rules = _with_loud_basket()
    search = sample_search()
    report = pc.assess(search, as_of=WHEN, rules=rules)
    basket = [finding for finding in report.findings if finding.rule_id == "single-basket"]
    assert [finding.strength for finding in basket] == [1.0]
    assert rules.score(report.facts) == (
        report.score,
        report.level,
        tuple(finding.rule_id for finding in report.findings),
    )
    history = pc.risk_history(search, start=WHEN, end=WHEN, rules=rules)
    assert "single-basket" in history.points[0].findings


@attrs.frozen
class _Broken:
    """A Python rule whose firing is out of range."""

    id: str = "broken"
    title: str = "Broken"
    weight: float = 1.0
    overlaps: frozenset[str] = frozenset()
    strength: object = 2.0

    def evaluate(self, facts: pc.Facts) -> object:  # noqa: ARG002
        return pc.Firing(strength=self.strength, message="m", action="a")  # type: ignore[arg-type]


@pytest.mark.parametrize("strength", [2.0, -0.5])
def test_an_invalid_firing_is_refused_by_the_history_too(strength: float) -> None:
    """risk_history checks a Python rule's firing as assess does, with the same error."""
    rules = pc.default_rules().with_rule(_Broken(strength=strength))  # type: ignore[arg-type]
    with pytest.raises(pc.InvalidValueError, match="invalid firing") as raised:
        pc.risk_history(sample_search(), start=WHEN, end=WHEN, rules=rules)
    assert raised.value.path == "rules['broken']"


@attrs.frozen
class _NotAFiring:
    """A Python rule that returns something other than a Firing."""

    id: str = "not-a-firing"
    title: str = "Not a firing"
    weight: float = 1.0
    overlaps: frozenset[str] = frozenset()

    def evaluate(self, facts: pc.Facts) -> object:  # noqa: ARG002
        return {"strength": 0.5}


def test_a_rule_returning_no_firing_is_refused_by_every_path() -> None:
    """assess and risk_history refuse a rule whose answer is not a Firing, naming the rule."""
    rules = pc.default_rules().with_rule(_NotAFiring())  # type: ignore[arg-type]
    for run in (
        lambda: pc.assess(sample_search(), as_of=WHEN, rules=rules),
        lambda: pc.risk_history(sample_search(), start=WHEN, end=WHEN, rules=rules),
    ):
        with pytest.raises(pc.InvalidValueError, match="invalid firing") as raised:
            run()
        assert raised.value.path == "rules['not-a-firing']"
