"""
Sphinx directives that render the risk engine's catalog from the code itself.

``risk-rule-catalog``
    One row per built-in rule: id, title, when it fires, the article's words, overlaps.
``risk-rule-parameters``
    One row per parameter of a built-in rule: default, meaning, and the source of the default.
``risk-fact-registry``
    One row per registered fact: name, type, unit, whether it may be null, meaning.

The tables are built at docs-build time from ``pipeline_core.BUILTIN_RULES`` and
``pipeline_core.FACTS``, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import pipeline_core as pc
from pipeline_core.rules import format_value


def _paragraph(text: str, *, literal: bool = False) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph += nodes.literal(text=text) if literal else nodes.Text(text)
    return paragraph


def _table(headers: list[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["risk-catalog"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for header in headers:
        entry = nodes.entry()
        entry += _paragraph(header)
        row += entry
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell
            row += entry
        body += row
    return table


def _show(value: float) -> str:
    return format_value(value)


class RuleCatalog(SphinxDirective):
    """The ten built-in rules, from their classes' metadata."""

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                _paragraph(rule.id, literal=True),
                _paragraph(rule.title),
                _paragraph(rule.summary.replace("`", "")),
                _paragraph(rule.why),
                _paragraph(", ".join(sorted(rule.overlaps)) or "-"),
            ]
            for rule in pc.BUILTIN_RULES.values()
        ]
        headers = ["id", "title", "fires when", "why (the article)", "overlaps"]
        return [_table(headers, rows, [14, 14, 36, 30, 10])]


class RuleParameters(SphinxDirective):
    """Every parameter of every built-in rule, with its default and source."""

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                _paragraph(rule.id, literal=True),
                _paragraph(spec.name, literal=True),
                _paragraph(_show(spec.default)),
                _paragraph(spec.description),
                _paragraph(spec.source),
            ]
            for rule in pc.BUILTIN_RULES.values()
            for spec in rule.parameter_specs()
        ]
        headers = ["rule", "parameter", "default", "meaning", "source of the default"]
        return [_table(headers, rows, [14, 14, 8, 30, 34])]


class FactRegistry(SphinxDirective):
    """Every registered scalar fact."""

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                _paragraph(name, literal=True),
                _paragraph(spec.type.value),
                _paragraph(spec.unit or "-"),
                _paragraph("yes" if spec.optional else "no"),
                _paragraph(spec.description),
            ]
            for name, spec in pc.FACTS.items()
        ]
        headers = ["fact", "type", "unit", "may be null", "meaning"]
        return [_table(headers, rows, [24, 6, 10, 8, 52])]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("risk-rule-catalog", RuleCatalog)
    app.add_directive("risk-rule-parameters", RuleParameters)
    app.add_directive("risk-fact-registry", FactRegistry)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
