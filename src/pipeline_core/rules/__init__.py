"""
Rules: the rule model, the built-in catalog, declarative rules, rule sets and scoring.

A rule reads :class:`~pipeline_core.Facts` and says how strongly it fires; a rule set
holds the rules with their parameters and weights and turns their strengths into a
score and a level. Everything a user needs is re-exported here and in
:mod:`pipeline_core`; the underscored modules are the implementation, one concept each:

* ``_operators`` — :class:`Operator`, the one definition of every comparison;
* ``_model`` — the rule model: :class:`Rule`, :class:`Firing`, :class:`Evidence`,
  :class:`Finding`, :class:`Parameter`, :func:`format_value`;
* ``_catalog`` — the ten built-in rules, :data:`BUILTIN_RULES`;
* ``_declarative`` — rules written as data: the conditions, :class:`Ramp`,
  :class:`DeclarativeRule`, the loader and its limits (``MAX_*``);
* ``_ruleset`` — :class:`RuleSet` and :func:`default_rules`;
* ``_scoring`` — :class:`Scoring`, :class:`RiskLevel`, :func:`score_findings`.
"""

from __future__ import annotations

from pipeline_core.rules._catalog import (
    BUILTIN_RULES,
    AgencyFeeDrag,
    CorrelatedExposure,
    MomentumDrop,
    OfferDeadline,
    SearchStalled,
    SilentEmployer,
    SingleBasket,
    SunkWeeks,
    UnsignedCertainty,
    VerbalOfferLimbo,
)
from pipeline_core.rules._declarative import (
    MAX_CHILDREN,
    MAX_CHOICES,
    MAX_CONDITIONS,
    MAX_DEPTH,
    MAX_RULES,
    MAX_TEXT,
    AllOf,
    AnyOf,
    Comparison,
    Condition,
    DeclarativeRule,
    Not,
    Predicate,
    Ramp,
)
from pipeline_core.rules._model import Evidence, Finding, Firing, Parameter, Rule, format_value
from pipeline_core.rules._operators import Operator
from pipeline_core.rules._ruleset import RuleSet, default_rules
from pipeline_core.rules._scoring import RiskLevel, Scoring, ScoringMethod, score_findings

__all__ = [
    "BUILTIN_RULES",
    "MAX_CHILDREN",
    "MAX_CHOICES",
    "MAX_CONDITIONS",
    "MAX_DEPTH",
    "MAX_RULES",
    "MAX_TEXT",
    "AgencyFeeDrag",
    "AllOf",
    "AnyOf",
    "Comparison",
    "Condition",
    "CorrelatedExposure",
    "DeclarativeRule",
    "Evidence",
    "Finding",
    "Firing",
    "MomentumDrop",
    "Not",
    "OfferDeadline",
    "Operator",
    "Parameter",
    "Predicate",
    "Ramp",
    "RiskLevel",
    "Rule",
    "RuleSet",
    "Scoring",
    "ScoringMethod",
    "SearchStalled",
    "SilentEmployer",
    "SingleBasket",
    "SunkWeeks",
    "UnsignedCertainty",
    "VerbalOfferLimbo",
    "default_rules",
    "format_value",
    "score_findings",
]
