"""
The terminal and notebook hooks shared by the domain classes that can show themselves.

A class that mixes in :class:`Views` provides ``describe(*, as_of=None)`` (text)
and ``to_html(*, as_of=None)`` (escaped HTML); the mixin turns them into
``str()``, Jupyter's ``_repr_html_`` and IPython's ``_repr_pretty_``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class Views:
    """
    ``str``, ``_repr_html_`` and ``_repr_pretty_`` from ``describe`` and ``to_html``.
    """

    __slots__ = ()

    def describe(self, *, as_of: dt.datetime | None = None) -> str:  # pragma: no cover - overridden
        """
        Return the object as text for a terminal.
        """
        raise NotImplementedError

    def to_html(self, *, as_of: dt.datetime | None = None) -> str:  # pragma: no cover - overridden
        """
        Return the object as HTML, every user string escaped.
        """
        raise NotImplementedError

    def __str__(self) -> str:
        """
        Return :meth:`describe` without a date: what a terminal shows.
        """
        return self.describe()

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # noqa: ANN401, FBT001 - IPython's protocol
        printer.text(repr(self) if cycle else str(self))
