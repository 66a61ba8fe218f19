"""
The outlook: the chance of at least one offer by a date, and the safety net.

The model (:class:`OutlookModel`, its stage figures and their sources), the forecast
(:func:`forecast`, :class:`Outlook`), and calibration on a person's own history
(:func:`calibrate`). Everything a user needs is re-exported here and in
:mod:`pipeline_core`; the underscored modules are the implementation.
"""

from __future__ import annotations

from pipeline_core.outlook._calibration import DEFAULT_PRIOR_STRENGTH, Calibration, calibrate
from pipeline_core.outlook._forecast import (
    DEFAULT_CORRELATION,
    DEFAULT_HORIZON,
    DEFAULT_RESPONSE_QUANTILE,
    MAX_APPLICATIONS,
    MAX_CORRELATION,
    MAX_COUNTED_SIGNALS,
    MAX_HORIZON_DAYS,
    MIN_TRIALS_FOR_COMPARISON,
    NEGATIVE_SIGNAL_RATIO,
    POSITIVE_SIGNAL_RATIO,
    OpportunityOutlook,
    Outlook,
    OutlookModel,
    OutlookStatus,
    SourceEffect,
    StageEvidence,
    StageFigures,
    forecast,
)

__all__ = [
    "DEFAULT_CORRELATION",
    "DEFAULT_HORIZON",
    "DEFAULT_PRIOR_STRENGTH",
    "DEFAULT_RESPONSE_QUANTILE",
    "MAX_APPLICATIONS",
    "MAX_CORRELATION",
    "MAX_COUNTED_SIGNALS",
    "MAX_HORIZON_DAYS",
    "MIN_TRIALS_FOR_COMPARISON",
    "NEGATIVE_SIGNAL_RATIO",
    "POSITIVE_SIGNAL_RATIO",
    "Calibration",
    "OpportunityOutlook",
    "Outlook",
    "OutlookModel",
    "OutlookStatus",
    "SourceEffect",
    "StageEvidence",
    "StageFigures",
    "calibrate",
    "forecast",
]
