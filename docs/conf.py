"""Sphinx configuration for the pipeline_core documentation."""

from __future__ import annotations

import sys
from pathlib import Path

import pipeline_core

# Local extensions: the risk rule catalog (generated from the code at build time) and the
# docstrings of constants that packages re-export from their private modules.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "pipeline_core"
author = "The pipeline_core authors"
copyright = "2026, The pipeline_core authors"
release = pipeline_core.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "risk_catalog",
    "reexported_data",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_ext"]
nitpicky = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# No network at build time: intersphinx inventories are not fetched.
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}

html_theme = "furo"
html_title = "pipeline_core"
