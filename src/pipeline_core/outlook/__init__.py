"""
The outlook: the chance of at least one offer by a date, and the safety net.

The model (:class:`OutlookModel`, its stage figures and their sources), the forecast
(:func:`forecast`, :class:`Outlook`), and calibration on a person's own history
(:func:`calibrate`). Everything a user needs is re-exported here and in
:mod:`pipeline_core`; the underscored modules are the implementation, in the order
they build on each other:

- ``_model``: the model, its stage figures and source effects, the published defaults;
- ``_math``: the hypoexponential time grid, Simpson's rule, the one-factor copula;
- ``_table``: what a forecast derives from a model once (the chain) and per horizon;
- ``_rows``: an opportunity's figures as named rows, and the search-level combination;
- ``_safety_net``: fresh applications, their limit, and the search for how many;
- ``_results``: :class:`Outlook` and :class:`OpportunityOutlook`;
- ``_forecast``: :func:`forecast` and the work it shares with the risk engine;
- ``_calibration``: :func:`calibrate`.
"""

from __future__ import annotations

from pipeline_core.outlook._calibration import DEFAULT_PRIOR_STRENGTH, Calibration, calibrate
from pipeline_core.outlook._forecast import DEFAULT_HORIZON, MAX_HORIZON_DAYS, forecast
from pipeline_core.outlook._model import (
    DEFAULT_CORRELATION,
    DEFAULT_RESPONSE_QUANTILE,
    MAX_CORRELATION,
    MAX_COUNTED_SIGNALS,
    MIN_TRIALS_FOR_COMPARISON,
    NEGATIVE_SIGNAL_RATIO,
    POSITIVE_SIGNAL_RATIO,
    OutlookModel,
    SourceEffect,
    StageEvidence,
    StageFigures,
)
from pipeline_core.outlook._results import OpportunityOutlook, Outlook, OutlookStatus
from pipeline_core.outlook._safety_net import MAX_APPLICATIONS

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
