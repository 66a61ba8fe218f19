"""A declarative rule survives pickling and copying with its compiled predicate."""

from __future__ import annotations

import copy
import pickle
from typing import Any

from hypothesis import given

import pipeline_core as pc
from pipeline_core.facts import FACTS
from pipeline_core.testing.risk import declarative_rules


@given(data=declarative_rules())
def test_a_declarative_rule_pickles_with_its_predicate(data: dict[str, Any]) -> None:
    """A rule set with a declarative rule survives pickling (for process pools and Dask)."""
    rule = pc.DeclarativeRule.from_dict(data)
    copy = pickle.loads(pickle.dumps(rule))  # noqa: S301 - our own data
    assert rule == copy
    values = dict.fromkeys(FACTS, 1)
    assert rule.predicate(values) == copy.predicate(values)


@given(data=declarative_rules())
def test_a_copied_rule_answers_as_the_original(data: dict[str, Any]) -> None:
    """``copy.deepcopy`` goes through the same rebuild as pickling, and keeps the rule equal."""
    rule = pc.DeclarativeRule.from_dict(data)
    twin = copy.deepcopy(rule)
    values = dict.fromkeys(FACTS, 0)
    assert (rule, rule.predicate(values)) == (twin, twin.predicate(values))
