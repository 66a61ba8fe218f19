"""
DataFrames: a search's opportunities and events as tidy pandas tables.

Needs the ``pandas`` extra (``pip install 'pipeline_core[pandas]'``); pandas
is imported when a function here is first called, never by
``import pipeline_core``. The same rows without pandas come from
:mod:`pipeline_core.records`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pipeline_core import records
from pipeline_core.actions import ACTIVITY_COLUMNS, WEEK_COLUMNS, ActivityLog
from pipeline_core.engine import HISTORY_COLUMNS, RiskHistory
from pipeline_core.outlook import Outlook
from pipeline_core.report import RiskReport
from pipeline_core.search import Search

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "activity_frame",
    "activity_weeks_frame",
    "events_frame",
    "findings_frame",
    "history_frame",
    "opportunities_frame",
    "outlook_frame",
]


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    try:
        import pandas as pd  # noqa: PLC0415 - optional dependency, imported on first use
    except ImportError as error:  # pragma: no cover - exercised only without the extra
        msg = "DataFrames need pandas: pip install 'pipeline_core[pandas]'"
        raise ImportError(msg) from error
    return pd.DataFrame.from_records(rows, columns=list(columns))


def opportunities_frame(search: Search, *, as_of: dt.datetime) -> pd.DataFrame:
    """
    Return one row per opportunity as of a day, indexed by ``id``.

    The columns are those of :func:`~pipeline_core.records.opportunity_records`.

    Args:
        search: The search.
        as_of: The day to look at; later events are ignored.

    Raises:
        ImportError: pandas is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    rows = records.opportunity_records(search, as_of=as_of)
    return _frame(rows, records.OPPORTUNITY_COLUMNS).set_index("id")


def events_frame(search: Search) -> pd.DataFrame:
    """
    Return one row per event (the columns of :func:`~pipeline_core.records.event_records`).

    Raises:
        ImportError: pandas is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    return _frame(records.event_records(search), records.EVENT_COLUMNS)


def findings_frame(report: RiskReport) -> pd.DataFrame:
    """
    Return one row per finding of a report, strongest first.

    The columns are those of :func:`~pipeline_core.records.finding_records`:
    ``rank``, ``rule_id``, ``title``, ``principal``, ``share``, ``points``,
    ``strength``, ``weight``, ``covered_by``, ``message``, ``action``,
    ``evidence``, ``opportunity_ids``. A report without findings gives an
    empty frame with the same columns.

    Raises:
        ImportError: pandas is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    return _frame(records.finding_records(report), records.FINDING_COLUMNS)


def outlook_frame(outlook: Outlook) -> pd.DataFrame:
    """
    Return one row per opportunity of an outlook, indexed by ``id``.

    The columns are those of :func:`~pipeline_core.records.outlook_records`
    (chances in [0, 1], ``silence_days`` and ``expected_days_to_offer`` in
    days, ``None`` where they do not apply).

    Raises:
        ImportError: pandas is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    return _frame(records.outlook_records(outlook), records.OUTLOOK_COLUMNS).set_index("id")


def history_frame(history: RiskHistory) -> pd.DataFrame:
    """
    Return one row per step of a risk history, indexed by ``at`` (UTC datetimes).

    Columns: ``score`` (0-100), ``level`` (text), ``p_any_offer`` (in [0, 1])
    and ``findings`` (the ids of the rules that fired, ``", "``-separated); see
    :meth:`~pipeline_core.engine.RiskHistory.to_records`.

    Raises:
        ImportError: pandas is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    return _frame(history.to_records(), HISTORY_COLUMNS).set_index("at")


def activity_frame(log: ActivityLog) -> pd.DataFrame:
    """
    Return one row per activity of a proof-of-search log (the columns of ``log.to_rows()``).

    Raises:
        ImportError: pandas is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    return _frame(log.to_rows(), ACTIVITY_COLUMNS)


def activity_weeks_frame(log: ActivityLog) -> pd.DataFrame:
    """
    Return one row per week of a proof-of-search log (the columns of ``log.week_rows()``).

    Raises:
        ImportError: pandas is not installed (the message names the extra).

    .. versionadded:: 0.1.0
    """
    return _frame(log.week_rows(), WEEK_COLUMNS)
