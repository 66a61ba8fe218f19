"""
pipeline_core: model a job search as a pipeline of opportunities, and measure how fragile it is.

The public surface is re-exported here::

    import pipeline_core as pc

    search = pc.Search.from_dict(data)

Nothing is certain until the offer is signed; keep the pipeline full; have a
safety net.
"""

from __future__ import annotations

from pipeline_core.calibration import Calibration, calibrate
from pipeline_core.events import (
    Advanced,
    Applied,
    Closed,
    Contact,
    Direction,
    Event,
    EventType,
    Offer,
    OfferForm,
    Polarity,
    Signal,
)
from pipeline_core.exceptions import (
    DecodeError,
    DuplicateIdError,
    InvalidEventError,
    InvalidPipelineError,
    InvalidTransitionError,
    InvalidValueError,
    NaiveDatetimeError,
    PipelineError,
    UnknownOpportunityError,
    WrongTypeError,
)
from pipeline_core.goals import Goals
from pipeline_core.history import OpportunityState
from pipeline_core.opportunity import Opportunity, SalaryRange, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook import (
    OpportunityOutlook,
    Outlook,
    OutlookModel,
    OutlookStatus,
    SourceEffect,
    StageEvidence,
    StageFigures,
    forecast,
)
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, Stage, StageKind
from pipeline_core.search import Search

__all__ = [
    "DEFAULT_PIPELINE",
    "Advanced",
    "Applied",
    "Calibration",
    "Closed",
    "Contact",
    "DecodeError",
    "Direction",
    "DuplicateIdError",
    "Event",
    "EventType",
    "Goals",
    "InvalidEventError",
    "InvalidPipelineError",
    "InvalidTransitionError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "Offer",
    "OfferForm",
    "Opportunity",
    "OpportunityOutlook",
    "OpportunityState",
    "Outcome",
    "Outlook",
    "OutlookModel",
    "OutlookStatus",
    "PipelineDefinition",
    "PipelineError",
    "Polarity",
    "SalaryRange",
    "Search",
    "Signal",
    "Source",
    "SourceEffect",
    "Stage",
    "StageEvidence",
    "StageFigures",
    "StageKind",
    "UnknownOpportunityError",
    "WrongTypeError",
    "calibrate",
    "forecast",
]

__version__ = "0.1.0.dev0"
