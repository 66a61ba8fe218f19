"""
Plots: a search's funnel and timeline, its outlook, and its risk over time, with matplotlib.

The public home of these names (extra ``plot``): import from here.
"""

from __future__ import annotations

from pipeline_core.render._plots import (
    LEVEL_COLOURS,
    SAFETY_TARGET,
    plot_funnel,
    plot_outlook,
    plot_risk_history,
    plot_timeline,
)

__all__ = [
    "LEVEL_COLOURS",
    "SAFETY_TARGET",
    "plot_funnel",
    "plot_outlook",
    "plot_risk_history",
    "plot_timeline",
]
