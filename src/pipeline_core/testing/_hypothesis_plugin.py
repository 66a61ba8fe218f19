"""
Registers the kit's strategies with hypothesis, so ``st.from_type`` knows our types.

Hypothesis imports this module and calls :func:`_register` through the ``hypothesis``
entry point declared in ``pyproject.toml``; only then is the kit imported.
"""

from __future__ import annotations

from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core import storage
from pipeline_core.testing import strategies


def _register() -> None:
    """
    Register a strategy for every public domain type.
    """
    st.register_type_strategy(pc.Search, strategies.searches())
    st.register_type_strategy(pc.Opportunity, strategies.opportunities())
    st.register_type_strategy(pc.Goals, strategies.goals())
    st.register_type_strategy(pc.Cadence, strategies.cadences())
    st.register_type_strategy(pc.PipelineDefinition, strategies.pipelines())
    st.register_type_strategy(pc.Stage, strategies.stages())
    st.register_type_strategy(storage.StoredSearch, strategies.stored_searches())
    st.register_type_strategy(storage.Write, strategies.writes())
    for event_type in (pc.Applied, pc.Advanced, pc.Contact, pc.Signal, pc.Offer, pc.Closed):
        st.register_type_strategy(event_type, strategies.events(types=(event_type.type,)))
