"""
Sphinx extension: the docstrings of constants that a package re-exports.

A package's ``__init__`` re-exports constants defined (and documented with a docstring
after the assignment) in its private modules, such as ``pipeline_core.rules.MAX_RULES``
from ``pipeline_core.rules._declarative``. autodoc looks for a constant's docstring only
in the module named in the directive, finds none there, and falls back to the docstring
of the value's type (``dict``'s, for a mapping). This hook looks the constant up where
its value is defined: the first module of the package, itself or a submodule, whose
source documents an attribute of that name holding the same object.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer


def _documented_at(module_name: str, attribute: str, value: object) -> list[str] | None:
    module = importlib.import_module(module_name)
    if getattr(module, attribute, None) is not value:
        return None
    try:
        lines = ModuleAnalyzer.for_module(module_name).find_attr_docs().get(("", attribute))
    except PycodeError:  # a module whose comments the analyzer cannot parse documents nothing
        return None
    return list(lines) if lines else None


def _source_docstring(package_name: str, attribute: str, value: object) -> list[str] | None:
    package = importlib.import_module(package_name)
    names = [package_name]
    if hasattr(package, "__path__"):
        names += [f"{package_name}.{info.name}" for info in pkgutil.iter_modules(package.__path__)]
    for name in names:
        lines = _documented_at(name, attribute, value)
        if lines:
            return lines
    return None


def _process(
    _app: Sphinx, what: str, name: str, obj: object, _options: object, lines: list[str]
) -> None:
    if what != "data" or "." not in name:
        return
    package_name, attribute = name.rsplit(".", 1)
    if not package_name.startswith("pipeline_core"):
        return
    found = _source_docstring(package_name, attribute, obj)
    if found is not None:
        lines[:] = found


def setup(app: Sphinx) -> dict[str, Any]:
    """
    Register the hook; the extension is safe to read in parallel.
    """
    app.connect("autodoc-process-docstring", _process)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
