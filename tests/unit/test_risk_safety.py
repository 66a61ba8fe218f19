"""The risk engine's source keeps its promises: nothing from plain data is ever executed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pipeline_core

SOURCE = Path(pipeline_core.__file__).parent
# Every module of the risk engine: the facts, the rules package, the engine, the report.
MODULES = sorted(
    str(path.relative_to(SOURCE))
    for pattern in ("facts.py", "report.py", "_checks.py", "rules/*.py", "engine/*.py")
    for path in SOURCE.glob(pattern)
)
FORBIDDEN_CALLS = {"eval", "exec", "compile", "getattr", "__import__", "open", "input"}
FORBIDDEN_MODULES = {"re", "importlib", "pickle", "marshal", "os", "subprocess", "time"}
CLOCK_READS = {"now", "utcnow", "today", "time"}


def _tree(name: str) -> ast.Module:
    return ast.parse((SOURCE / name).read_text(encoding="utf-8"), filename=name)


@pytest.mark.parametrize("name", MODULES)
def test_no_dynamic_execution_or_attribute_lookup(name: str) -> None:
    """No eval, exec, compile, getattr or __import__: facts are read from a registry dict."""
    calls = {
        node.func.id
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert set() == calls & FORBIDDEN_CALLS


@pytest.mark.parametrize("name", MODULES)
def test_no_str_format_and_no_regular_expressions(name: str) -> None:
    """Templates are substituted by string.Template, never by str.format or a regex."""
    tree = _tree(name)
    formats = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"format", "format_map"}
    ]
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        (node.module or "").split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
    }
    assert ([], set()) == (formats, imported & FORBIDDEN_MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_no_clock_reads(name: str) -> None:
    """The caller passes as_of: no now(), today() or time() anywhere in the engine."""
    reads = [
        node.lineno
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in CLOCK_READS
    ]
    assert [] == reads
