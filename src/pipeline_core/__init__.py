"""
pipeline_core: model a job search as a pipeline of opportunities, and measure how fragile it is.

The public surface is re-exported here::

    import pipeline_core as pc

    search = pc.Search.from_dict(data)
    report = pc.assess(search, as_of=when)

Nothing is certain until the offer is signed; keep the pipeline full; have a
safety net.
"""

from __future__ import annotations

from pipeline_core import render as render  # registers the text and HTML views
from pipeline_core.engine import (
    Assessor,
    RiskHistory,
    RiskPoint,
    assess,
    assess_dict,
    assess_many,
    risk_history,
)
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
    ConflictError,
    DecodeError,
    DuplicateIdError,
    DuplicateSearchError,
    InvalidEventError,
    InvalidPipelineError,
    InvalidTransitionError,
    InvalidValueError,
    NaiveDatetimeError,
    PipelineError,
    RuleConfigError,
    SearchNotFoundError,
    StorageError,
    StoreFailureError,
    UnknownOpportunityError,
    WrongTypeError,
)
from pipeline_core.facts import FACTS, Facts, FactSpec, FactType, OpportunityFacts, compute_facts
from pipeline_core.goals import Goals
from pipeline_core.memory import InMemoryStore
from pipeline_core.opportunity import Opportunity, SalaryRange, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook import (
    Calibration,
    OpportunityOutlook,
    Outlook,
    OutlookModel,
    OutlookStatus,
    SourceEffect,
    StageEvidence,
    StageFigures,
    calibrate,
    forecast,
)
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, Stage, StageKind
from pipeline_core.replay import OpportunityState
from pipeline_core.report import OutlookLike, RiskReport
from pipeline_core.rules import (
    BUILTIN_RULES,
    AgencyFeeDrag,
    CorrelatedExposure,
    DeclarativeRule,
    Evidence,
    Finding,
    Firing,
    MomentumDrop,
    OfferDeadline,
    Operator,
    RiskLevel,
    Rule,
    RuleSet,
    Scoring,
    ScoringMethod,
    SearchStalled,
    SilentEmployer,
    SingleBasket,
    SunkWeeks,
    UnsignedCertainty,
    VerbalOfferLimbo,
    default_rules,
)
from pipeline_core.search import Search
from pipeline_core.storage import (
    OpportunityEntry,
    SearchEntry,
    SearchReader,
    SearchStore,
    StoredSearch,
    Write,
    update_search,
)

__all__ = [
    "BUILTIN_RULES",
    "DEFAULT_PIPELINE",
    "FACTS",
    "Advanced",
    "AgencyFeeDrag",
    "Applied",
    "Assessor",
    "Calibration",
    "Closed",
    "ConflictError",
    "Contact",
    "CorrelatedExposure",
    "DeclarativeRule",
    "DecodeError",
    "Direction",
    "DuplicateIdError",
    "DuplicateSearchError",
    "Event",
    "EventType",
    "Evidence",
    "FactSpec",
    "FactType",
    "Facts",
    "Finding",
    "Firing",
    "Goals",
    "InMemoryStore",
    "InvalidEventError",
    "InvalidPipelineError",
    "InvalidTransitionError",
    "InvalidValueError",
    "MomentumDrop",
    "NaiveDatetimeError",
    "Offer",
    "OfferDeadline",
    "OfferForm",
    "Operator",
    "Opportunity",
    "OpportunityEntry",
    "OpportunityFacts",
    "OpportunityOutlook",
    "OpportunityState",
    "Outcome",
    "Outlook",
    "OutlookLike",
    "OutlookModel",
    "OutlookStatus",
    "PipelineDefinition",
    "PipelineError",
    "Polarity",
    "RiskHistory",
    "RiskLevel",
    "RiskPoint",
    "RiskReport",
    "Rule",
    "RuleConfigError",
    "RuleSet",
    "SalaryRange",
    "Scoring",
    "ScoringMethod",
    "Search",
    "SearchEntry",
    "SearchNotFoundError",
    "SearchReader",
    "SearchStalled",
    "SearchStore",
    "Signal",
    "SilentEmployer",
    "SingleBasket",
    "Source",
    "SourceEffect",
    "Stage",
    "StageEvidence",
    "StageFigures",
    "StageKind",
    "StorageError",
    "StoreFailureError",
    "StoredSearch",
    "SunkWeeks",
    "UnknownOpportunityError",
    "UnsignedCertainty",
    "VerbalOfferLimbo",
    "Write",
    "WrongTypeError",
    "assess",
    "assess_dict",
    "assess_many",
    "calibrate",
    "compute_facts",
    "default_rules",
    "forecast",
    "risk_history",
    "update_search",
]

__version__ = "0.1.0.dev0"
