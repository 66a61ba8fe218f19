"""
The testing kit: hypothesis strategies for every domain type, for your tests and ours.

Install it with the ``testing`` extra (``pip install 'pipeline_core[testing]'``).
The strategies are registered with hypothesis through its entry point, so
``st.from_type(pc.Search)`` works as soon as both are installed.

Strategies are plural nouns with keyword-only options::

    from pipeline_core.testing import searches, opportunities

    @given(searches(min_size=1))
    def test_round_trip(search): ...

.. versionadded:: 0.1.0
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - imported for the friendly error below
except ImportError as error:  # pragma: no cover - exercised only without the extra
    msg = (
        "pipeline_core.testing needs hypothesis: install it with "
        "pip install 'pipeline_core[testing]'"
    )
    raise ImportError(msg) from error

from pipeline_core.testing.outlook import outlook_models
from pipeline_core.testing.risk import (
    conditions,
    declarative_rules,
    hostile_texts,
    rule_configs,
)
from pipeline_core.testing.strategies import (
    event_histories,
    events,
    goals,
    instants,
    interchange_documents,
    json_values,
    opportunities,
    pipelines,
    searches,
    stages,
)

__all__ = [
    "conditions",
    "declarative_rules",
    "event_histories",
    "events",
    "goals",
    "hostile_texts",
    "instants",
    "interchange_documents",
    "json_values",
    "opportunities",
    "outlook_models",
    "pipelines",
    "rule_configs",
    "searches",
    "stages",
]
