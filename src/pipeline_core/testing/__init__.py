"""
The testing kit: hypothesis strategies for every domain type, for your tests and ours.

Install it with the ``testing`` extra (``pip install 'pipeline_core[testing]'``).
The strategies are registered with hypothesis through its entry point, so
``st.from_type(pc.Search)`` works as soon as both are installed.

Strategies are plural nouns with keyword-only options::

    from pipeline_core.testing import searches, opportunities

    @given(searches(min_size=1))
    def test_round_trip(search): ...

For storage adapters, the kit also ships the contract suite
(:class:`pipeline_core.testing.contract.StoreContract`, which needs pytest),
the :class:`~pipeline_core.testing.stateful.StoreStateMachine` and the
fault-injecting :class:`~pipeline_core.testing.faults.FaultyStore`; see
:doc:`/how-to/storage-adapter`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import sys

if "pytest" in sys.modules:  # pragma: no branch - the test suite always runs under pytest
    # Under pytest, the contract's and the state machine's plain asserts explain
    # themselves like a test's own (they must be registered before their import).
    import pytest

    pytest.register_assert_rewrite(
        "pipeline_core.testing.contract",
        "pipeline_core.testing.stateful",
        "pipeline_core.testing.async_contract",
    )

try:
    import hypothesis  # noqa: F401 - imported for the friendly error below
except ImportError as error:  # pragma: no cover - exercised only without the extra
    msg = (
        "pipeline_core.testing needs hypothesis: install it with "
        "pip install 'pipeline_core[testing]'"
    )
    raise ImportError(msg) from error

from pipeline_core.testing.faults import (
    FaultNotInjectedError,
    FaultyStore,
    InjectedFault,
    caused_by_fault,
)
from pipeline_core.testing.hostile import hostile_values
from pipeline_core.testing.outlook import outlook_models
from pipeline_core.testing.risk import (
    conditions,
    declarative_rules,
    hostile_texts,
    rule_configs,
)
from pipeline_core.testing.samples import sample_search
from pipeline_core.testing.stateful import StoreStateMachine
from pipeline_core.testing.strategies import (
    event_histories,
    events,
    goals,
    instants,
    interchange_documents,
    json_values,
    opportunities,
    pipelines,
    search_ids,
    searches,
    stages,
    stored_searches,
    texts,
    writes,
)

__all__ = [
    "FaultNotInjectedError",
    "FaultyStore",
    "InjectedFault",
    "StoreStateMachine",
    "caused_by_fault",
    "conditions",
    "declarative_rules",
    "event_histories",
    "events",
    "goals",
    "hostile_texts",
    "hostile_values",
    "instants",
    "interchange_documents",
    "json_values",
    "opportunities",
    "outlook_models",
    "pipelines",
    "rule_configs",
    "sample_search",
    "search_ids",
    "searches",
    "stages",
    "stored_searches",
    "texts",
    "writes",
]
