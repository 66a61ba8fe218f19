"""
How an object shows itself, without its module importing the code that draws it.

Data flows one way: the domain and the results sit below :mod:`pipeline_core.render`,
which imports them to draw them. A class that can be shown mixes in :class:`Views`;
its ``describe`` and ``to_html`` call :func:`text_view` and :func:`html_view`,
:func:`functools.singledispatch` functions whose implementation for each class is
registered by the render module that draws it (``@text_view.register``). Importing
:mod:`pipeline_core` imports :mod:`pipeline_core.render`, so every view is registered
before any object can be shown.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

__all__ = ["Views", "explain_view", "html_view", "summary_view", "text_view"]


@functools.singledispatch
def text_view(obj: object, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the signature the views share
    """
    Return ``obj`` as text for a terminal; ``as_of`` adds durations where it applies.

    Raises:
        TypeError: no render module registered a text view for ``type(obj)``.
    """
    raise TypeError(f"no text view is registered for {type(obj).__name__}")


@functools.singledispatch
def html_view(obj: object, *, as_of: dt.datetime | None = None) -> str:  # noqa: ARG001 - the signature the views share
    """
    Return ``obj`` as HTML, every user string escaped; ``as_of`` as for :func:`text_view`.

    Raises:
        TypeError: no render module registered an HTML view for ``type(obj)``.
    """
    raise TypeError(f"no HTML view is registered for {type(obj).__name__}")


@functools.singledispatch
def summary_view(obj: object) -> str:
    """
    Return the headline of ``obj`` as text, without its detail (an outlook's summary).

    Raises:
        TypeError: no render module registered a summary view for ``type(obj)``.
    """
    raise TypeError(f"no summary view is registered for {type(obj).__name__}")


@functools.singledispatch
def explain_view(obj: object, part: object) -> str:  # noqa: ARG001 - the signature of the views
    """
    Return the text that explains one ``part`` of ``obj`` (an opportunity of an outlook).

    Raises:
        TypeError: no render module registered an explanation view for ``type(obj)``.
    """
    raise TypeError(f"no explanation view is registered for {type(obj).__name__}")


class Views:
    """
    ``describe``, ``to_html``, ``str``, ``_repr_html_`` and ``_repr_pretty_`` from the views.
    """

    __slots__ = ()

    def describe(self, *, as_of: dt.datetime | None = None) -> str:
        """
        Return the object as text for a terminal; with ``as_of``, with durations too.

        .. versionadded:: 0.1.0
        """
        return text_view(self, as_of=as_of)

    def to_html(self, *, as_of: dt.datetime | None = None) -> str:
        """
        Return the object as HTML (every user string escaped); with ``as_of``, with durations.

        .. versionadded:: 0.1.0
        """
        return html_view(self, as_of=as_of)

    def __str__(self) -> str:
        """
        Return :meth:`describe` without a date: what a terminal shows.
        """
        return self.describe()

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: ANN401, FBT001 - IPython's protocol
        printer.text(repr(self) if cycle else str(self))
