"""A declarative rule's compiled yes/no predicate agrees with the evidence-collecting walk."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.facts import FACTS
from pipeline_core.rules import _ruleset as rulesets
from pipeline_core.testing import instants, searches
from pipeline_core.testing.risk import declarative_rules

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-5, max_value=50)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=5)
)
_VALUES = st.fixed_dictionaries(dict.fromkeys(FACTS, _SCALARS))


@given(data=declarative_rules(), values=_VALUES)
def test_the_predicate_holds_exactly_when_the_walk_holds(
    data: dict[str, Any], values: dict[str, Any]
) -> None:
    """On any values (missing, mixed types, NaN), both answer the same."""
    rule = pc.DeclarativeRule.from_dict(data)
    expected = rulesets._holds(rule._compiled, values, [])
    assert expected == rule._predicate(values)


@given(data=declarative_rules())
def test_a_declarative_rule_pickles_with_its_predicate(data: dict[str, Any]) -> None:
    """A rule set with a declarative rule survives pickling (for process pools and Dask)."""
    rule = pc.DeclarativeRule.from_dict(data)
    copy = pickle.loads(pickle.dumps(rule))  # noqa: S301 - our own data
    assert rule == copy
    values = dict.fromkeys(FACTS, 1)
    assert rule._predicate(values) == copy._predicate(values)


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
    assert rulesets._holds(rule._compiled, values, []) is rule._predicate(values) is False


@given(data=declarative_rules(), search=searches(max_size=6), when=instants())
def test_the_public_predicate_says_whether_the_rule_fires(
    data: dict[str, Any], search: pc.Search, when: dt.datetime
) -> None:
    """On the facts of any search, ``predicate`` is true exactly when ``evaluate`` fires."""
    rule = pc.DeclarativeRule.from_dict(data)
    facts = pc.assess(search, as_of=when).facts
    assert (rule.evaluate(facts) is not None) == rule.predicate(facts.scalars())


@given(data=declarative_rules())
def test_a_copied_rule_answers_as_the_original(data: dict[str, Any]) -> None:
    """``copy.deepcopy`` goes through the same rebuild as pickling, and keeps the rule equal."""
    rule = pc.DeclarativeRule.from_dict(data)
    twin = copy.deepcopy(rule)
    values = dict.fromkeys(FACTS, 0)
    assert (rule, rule.predicate(values)) == (twin, twin.predicate(values))


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
    assert rulesets._holds(rule._compiled, values, []) is rule.predicate(values) is False
