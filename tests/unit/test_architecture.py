"""
The package keeps the shape docs/explanation/architecture.md describes.

Each check reads the source with :mod:`ast`, so a change that breaks the architecture
fails here with the place to look: data flowing one way between the layers, no import
hidden inside a function, no private name used across modules, no object that changes
its class, no function too long to read at once.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import pipeline_core

SOURCE = Path(pipeline_core.__file__).parent
ROOT = SOURCE.parent.parent
MAX_BODY_LINES = 60

# The layers, lowest first: a module may import from its own layer and the ones below.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "domain",
        (
            "exceptions",
            "_checks",
            "_views",
            "instants",
            "outcomes",
            "sources",
            "salary",
            "pipeline",
            "events",
            "goals",
            "replay",
            "opportunity",
            "search",
            "codec",
        ),
    ),
    ("storage", ("storage", "memory", "aio")),
    ("facts", ("facts",)),
    ("rules and outlook", ("rules", "outlook")),
    ("actions", ("actions",)),
    ("report", ("report",)),
    ("engine", ("engine",)),
    ("render", ("render", "records", "frames", "plots")),
    ("testing", ("testing",)),
)


def _modules() -> list[Path]:
    return sorted(path for path in SOURCE.rglob("*.py") if path.name != "__init__.py") + sorted(
        SOURCE.rglob("__init__.py")
    )


def _name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return ".".join(("pipeline_core", *parts)).removesuffix(".__init__")


def _layer(module: str) -> int:
    first = module.removeprefix("pipeline_core.").split(".")[0]
    for position, (_, members) in enumerate(LAYERS):
        if first in members:
            return position
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to architecture.md")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(node: ast.ImportFrom | ast.Import) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif node.module is not None:
        for alias in node.names:
            submodule = f"{node.module}.{alias.name}"
            yield submodule if _is_module(submodule) else node.module


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (SOURCE / relative).with_suffix(".py").exists() or (SOURCE / relative).is_dir()


def _top_level_imports(tree: ast.Module) -> Iterator[ast.ImportFrom | ast.Import]:
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` blocks count as imports too
            yield from (sub for sub in node.body if isinstance(sub, ast.Import | ast.ImportFrom))


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_imports_flow_down_the_layers(path: Path) -> None:
    """A module imports only from its own layer or lower ones: data flows one way."""
    if path.name == "__init__.py" and path.parent == SOURCE:
        pytest.skip("the package's surface re-exports every layer")
    module = _name(path)
    upward = [
        f"{module} imports {target}"
        for node in _top_level_imports(_tree(path))
        for target in _imported(node)
        if target.startswith("pipeline_core") and target != "pipeline_core"
        if _layer(target) > _layer(module)
    ]
    assert [] == upward


def test_the_import_graph_has_no_cycle() -> None:
    """No two modules import each other, directly or through others."""
    graph = {
        _name(path): {
            target
            for node in _top_level_imports(_tree(path))
            for target in _imported(node)
            if target.startswith("pipeline_core.")
        }
        for path in _modules()
    }
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        if module in done:
            return
        assert module not in visiting, " -> ".join([*visiting[visiting.index(module) :], module])
        visiting.append(module)
        for target in sorted(graph.get(module, ())):
            if not target.startswith(module + "."):  # a package's __init__ imports its parts
                visit(target)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_no_import_inside_a_function(path: Path) -> None:
    """The package's own modules are imported at the top; optional extras may load lazily."""
    inside = [
        f"{path.name}:{node.lineno}"
        for function in ast.walk(_tree(path))
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
        if any(target.startswith("pipeline_core") for target in _imported(node))
    ]
    assert [] == inside


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_no_private_name_is_imported_from_another_module(path: Path) -> None:
    """A name another module needs is part of its module's interface, so it has no underscore."""
    private = [
        f"{node.module}.{alias.name}"
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline_core")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
        if not _is_module(f"{node.module}.{alias.name}")
    ]
    assert [] == private


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_no_object_changes_its_class(path: Path) -> None:
    """Objects are built through their classes: nothing assigns ``__class__``."""
    swaps = [
        node.lineno
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Attribute) and target.attr == "__class__"
    ]
    assert [] == swaps


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_no_private_access_is_waved_through(path: Path) -> None:
    """No ``# noqa: SLF001``: no module reaches into another object's private attributes."""
    assert "SLF001" not in path.read_text(encoding="utf-8")


def _body_lines(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = function.body[0]
    docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    start = function.body[1] if docstring and len(function.body) > 1 else first
    assert function.end_lineno is not None
    return function.end_lineno - start.lineno + 1


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_functions_are_short(path: Path) -> None:
    """No function body is longer than a screen: 60 lines after its docstring."""
    long = {
        function.name: _body_lines(function)
        for function in ast.walk(_tree(path))
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        if _body_lines(function) > MAX_BODY_LINES
    }
    assert {} == long


ISSUE_NUMBER = re.compile(r"\bissues? #?\d+\b", re.IGNORECASE)


@pytest.mark.parametrize(
    "folder", ["src", "tests", "docs", "examples", "benchmarks"], ids=lambda folder: folder
)
def test_no_issue_numbers_in_code_tests_or_docs(folder: str) -> None:
    """Code, tests and documents say what they do, not which issue asked for it."""
    cited = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in {".py", ".md", ".ipynb", ".toml"} and "_build" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ISSUE_NUMBER.search(line)
    ]
    assert [] == cited
