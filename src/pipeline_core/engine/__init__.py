"""
The engine: the entry points that turn a search into reports.

:func:`assess` (one search at one instant), :class:`Assessor` and :func:`assess_many`
(many searches with one set of options), :func:`risk_history` (one search over a
period) and :func:`review` (an assessment with the next follow-ups and when to look
again). They share one :class:`Options` (horizon, rules, model), built and checked
once, so every entry point accepts and refuses the same options with the same error and
path. Everything a user needs is re-exported here and in :mod:`pipeline_core`; the
underscored modules are the implementation.
"""

from __future__ import annotations

from pipeline_core.engine._assess import assess
from pipeline_core.engine._batch import Assessor, assess_dict, assess_many
from pipeline_core.engine._options import MAX_HORIZON, MAX_STEPS, Options
from pipeline_core.engine._review import DEFAULT_LOOK_AHEAD, MAX_LOOK_AHEAD, review
from pipeline_core.engine._risk_history import (
    HISTORY_COLUMNS,
    RiskHistory,
    RiskPoint,
    risk_history,
)

__all__ = [
    "DEFAULT_LOOK_AHEAD",
    "HISTORY_COLUMNS",
    "MAX_HORIZON",
    "MAX_LOOK_AHEAD",
    "MAX_STEPS",
    "Assessor",
    "Options",
    "RiskHistory",
    "RiskPoint",
    "assess",
    "assess_dict",
    "assess_many",
    "review",
    "risk_history",
]
