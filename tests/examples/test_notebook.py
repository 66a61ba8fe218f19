"""The example notebook runs top to bottom in a fresh kernel and shows what it promises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbclient
import nbformat
import pytest

NOTEBOOK = Path(__file__).parents[2] / "examples" / "explore_your_search.ipynb"


@pytest.fixture(scope="module")
def executed() -> Any:
    """The notebook, executed once for every test of this module (timeout per cell: 120 s)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return notebook


def outputs_of(notebook: Any, marker: str) -> list[Any]:
    """The outputs of the one code cell whose source contains ``marker``."""
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and marker in c.source]
    return list(cell.outputs)


def test_the_committed_notebook_has_no_outputs() -> None:
    """Outputs are stripped in the repository: the file holds the story, not a stale run."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [([], None)] * len(code) == [(cell.outputs, cell.execution_count) for cell in code]


def test_no_cell_fails(executed: Any) -> None:
    """No cell raises or writes to stderr."""
    kinds = [
        (output.output_type, output.get("name"))
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    ]
    assert [] == [kind for kind in kinds if kind[0] == "error" or kind[1] == "stderr"]


def test_the_reports_render_as_html_with_their_levels(executed: Any) -> None:
    """The article's report is critical, the healthy one low, both as HTML."""
    (article,) = outputs_of(executed, "article_report = pc.assess")
    (healthy,) = outputs_of(executed, "healthy_report = pc.assess")
    assert 'class="pc-badge pc-critical"' in article.data["text/html"]
    assert 'class="pc-badge pc-low"' in healthy.data["text/html"]


def test_the_side_by_side_table_compares_the_two_searches(executed: Any) -> None:
    """The comparison table has one row per search with its score and chance of an offer."""
    (table,) = outputs_of(executed, '"P(offer within 30 days)"')
    text = table.data["text/plain"]
    assert "the article's" in text
    assert "healthy" in text
    assert "critical" in text


def test_both_figures_are_drawn(executed: Any) -> None:
    """The outlook and the risk over time come out as PNG images."""
    for marker in ("plot_outlook(article_report", "plot_risk_history(article_history"):
        (figure,) = outputs_of(executed, marker)
        assert "image/png" in figure.data


def test_the_changed_rule_prints_both_scores(executed: Any) -> None:
    """The rule cell prints the default and the coach's score for both searches."""
    (stream,) = outputs_of(executed, "coach = pc.default_rules()")
    lines = stream.text.splitlines()
    assert 2 == len(lines)
    assert lines[1].strip().startswith("healthy: default  15 (low), coach")


def test_the_follow_ups_calendar_and_activity_log_are_shown(executed: Any) -> None:
    """The plan is a table with reasons, the calendar text starts right, the log is a form."""
    (plan,) = outputs_of(executed, "plan = pc.follow_ups(healthy")
    assert "thank_you" in plan.data["text/plain"]
    assert "No answer since the application on Tue 29 Sep" in plan.data["text/html"]
    (calendar,) = outputs_of(executed, "calendar = pc.to_icalendar(plan")
    assert calendar.text.replace("\r\n", "\n").startswith("BEGIN:VCALENDAR\nVERSION:2.0\n")
    (log,) = outputs_of(executed, "pc.activity_log(healthy")
    assert "Work-search log, Mon 5 Oct 2026 to Sun 25 Oct 2026" in log.data["text/html"]
