"""
Rendering: what a person reads and sees — text, HTML, plain rows, DataFrames and plots.

The text and HTML views of searches and opportunities (``_domain``), outlooks
(``_outlook``), reports (``_report``) and activity logs (``_activity``) live in the
underscored modules, and every one of them words dates, durations, numbers, chances and
labels through ``_words``;
:mod:`pipeline_core.records` (plain rows), :mod:`pipeline_core.frames` (pandas, extra
``pandas``) and :mod:`pipeline_core.plots` (matplotlib, extra ``plot``) are the rest of
this layer, in the public modules users import. Nothing here is imported by the layers
below it.
"""

from __future__ import annotations

# Importing the view modules registers their views (see pipeline_core._views).
from pipeline_core.render import _activity as _activity
from pipeline_core.render import _domain as _domain
from pipeline_core.render import _history as _history
from pipeline_core.render import _outlook as _outlook
from pipeline_core.render import _report as _report
