"""Each remaining accelerated path answers exactly as the plain path it stands in for."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.facts import FACTS
from pipeline_core.rules._declarative import collect_evidence
from pipeline_core.rules._operators import all_hold, any_holds
from pipeline_core.testing import instants, searches
from pipeline_core.testing.risk import declarative_rules

# -- rules: a declarative rule's compiled predicate and the evidence walk ----------------------
#
# A declarative rule decides whether it fires with closures compiled from its condition
# (``DeclarativeRule.predicate``); the evidence of a firing comes from a walk over the same
# normal form. Both are made of the predicates the operators module builds from each
# operator's one meaning: one comparison as a closure, several as one loop. These check
# that the shapes never disagree.

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-5, max_value=50)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=5)
)
_VALUES = st.fixed_dictionaries(dict.fromkeys(FACTS, _SCALARS))


_THRESHOLDS = _SCALARS | st.tuples(_SCALARS) | st.lists(st.text(max_size=3), max_size=3).map(tuple)


@given(op=st.sampled_from(pc.Operator), value=_SCALARS, threshold=_THRESHOLDS)
def test_one_comparison_answers_alike_alone_and_in_a_loop(
    op: pc.Operator, value: Any, threshold: Any
) -> None:
    """``Operator.predicate`` and the ``all``/``any`` loop over one comparison agree."""
    values = {"fact": value}
    alone = op.predicate("fact", threshold)(values)
    assert alone == all_hold([("fact", op, threshold)])(values)
    assert alone == any_holds([("fact", op, threshold)])(values)
    assert alone == op.holds(value, threshold)


def _walk(rule: pc.DeclarativeRule, values: dict[str, Any]) -> bool:
    return collect_evidence(rule._normal_form, values, [])


@given(data=declarative_rules(), values=_VALUES)
def test_the_predicate_holds_exactly_when_the_walk_holds(
    data: dict[str, Any], values: dict[str, Any]
) -> None:
    """On any values (missing, mixed types, NaN), both answer the same."""
    rule = pc.DeclarativeRule.from_dict(data)
    assert _walk(rule, values) == rule.predicate(values)


def test_an_ordering_against_text_is_false_not_an_error() -> None:
    """``live < 3`` on a text value answers no, as Operator.holds does, instead of raising."""
    rule = pc.DeclarativeRule.from_dict(
        {
            "id": "few",
            "when": {"fact": "live", "op": "<", "value": 3},
            "message": "m",
            "action": "a",
        }
    )
    values = {"live": "many"}
    assert _walk(rule, values) is rule.predicate(values) is False


@pytest.mark.parametrize("combination", ["all", "any"])
def test_orderings_against_text_inside_a_combination_are_false(combination: str) -> None:
    """The one-loop ``all``/``any`` of comparisons answers no on a text value, as the walk does."""
    rule = pc.DeclarativeRule.from_dict(
        {
            "id": "few-or-many",
            "when": {
                combination: [
                    {"fact": "live", "op": "<", "value": 3},
                    {"fact": "live", "op": ">", "value": 10},
                ]
            },
            "message": "m",
            "action": "a",
        }
    )
    values = {"live": "many"}
    assert _walk(rule, values) is rule.predicate(values) is False


@given(data=declarative_rules(), search=searches(max_size=6), when=instants())
def test_the_public_predicate_says_whether_the_rule_fires(
    data: dict[str, Any], search: pc.Search, when: dt.datetime
) -> None:
    """On the facts of any search, ``predicate`` is true exactly when ``evaluate`` fires."""
    rule = pc.DeclarativeRule.from_dict(data)
    facts = pc.assess(search, as_of=when).facts
    assert (rule.evaluate(facts) is not None) == rule.predicate(facts.scalars())


@pytest.mark.parametrize(("live", "expected"), [(2, True), (0, False)])
def test_a_combination_of_combinations_answers_as_the_walk(live: int, expected: bool) -> None:  # noqa: FBT001
    """An ``all`` over an ``any`` and a comparison holds, or fails, in both paths alike."""
    rule = pc.DeclarativeRule.from_dict(
        {
            "id": "nested",
            "when": {
                "all": [
                    {
                        "any": [
                            {"fact": "live", "op": ">=", "value": 1},
                            {"fact": "won", "op": "==", "value": True},
                        ]
                    },
                    {"fact": "live", "op": "<", "value": 3},
                ]
            },
            "message": "m",
            "action": "a",
        }
    )
    values = {"live": live, "won": False}
    assert _walk(rule, values) is rule.predicate(values) is expected
