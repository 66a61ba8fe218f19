"""
pipeline_core: model a job search as a pipeline of opportunities, and measure how fragile it is.

The public surface is re-exported here::

    import pipeline_core as pc

    search = pc.Search.from_dict(data)

Nothing is certain until the offer is signed; keep the pipeline full; have a
safety net.
"""

from __future__ import annotations

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
    SearchNotFoundError,
    StorageError,
    UnknownOpportunityError,
    WrongTypeError,
)
from pipeline_core.goals import Goals
from pipeline_core.history import OpportunityState
from pipeline_core.memory import InMemoryStore
from pipeline_core.opportunity import Opportunity, SalaryRange, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, Stage, StageKind
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
    "DEFAULT_PIPELINE",
    "Advanced",
    "Applied",
    "Closed",
    "ConflictError",
    "Contact",
    "DecodeError",
    "Direction",
    "DuplicateIdError",
    "DuplicateSearchError",
    "Event",
    "EventType",
    "Goals",
    "InMemoryStore",
    "InvalidEventError",
    "InvalidPipelineError",
    "InvalidTransitionError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "Offer",
    "OfferForm",
    "Opportunity",
    "OpportunityEntry",
    "OpportunityState",
    "Outcome",
    "PipelineDefinition",
    "PipelineError",
    "Polarity",
    "SalaryRange",
    "Search",
    "SearchEntry",
    "SearchNotFoundError",
    "SearchReader",
    "SearchStore",
    "Signal",
    "Source",
    "Stage",
    "StageKind",
    "StorageError",
    "StoredSearch",
    "UnknownOpportunityError",
    "Write",
    "WrongTypeError",
    "update_search",
]

__version__ = "0.1.0.dev0"
