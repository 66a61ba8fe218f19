"""
Hostile values: what a careless or malicious caller puts where plain data belongs.

:func:`hostile_values` draws the values a reliability battery feeds at every path of a
document or a configuration: integers no float can hold, instants at the edge of time,
values nested 100,000 levels deep, text with invisible or broken characters, objects whose
``repr`` raises, and plain values of every wrong type. Whatever of these reaches the
library must come out as a :class:`~pipeline_core.exceptions.PipelineError` (or be
accepted by a documented policy), never as a raw Python error; see
:doc:`/explanation/reliability`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import strategies as st

from pipeline_core.testing.strategies import json_values

__all__ = ["DEEP", "Unprintable", "deeply_nested", "hostile_values"]

DEEP = 100_000
"""How many levels deep the nested values of :func:`deeply_nested` go."""


class Unprintable:
    """
    An object whose ``repr`` raises: an error message must still be built.

    .. versionadded:: 0.1.0
    """

    def __repr__(self) -> str:
        """
        Raise, as a broken foreign object does.

        Raises:
            RuntimeError: always.
        """
        msg = "this object cannot be shown"
        raise RuntimeError(msg)


@functools.cache
def deeply_nested(kind: str) -> Any:  # noqa: ANN401 - a list or a dict, nested
    """
    Return a list (``kind="list"``) or a dict (``kind="dict"``) nested :data:`DEEP` levels.

    Built once per kind and shared, so the code under test must not change it (which is
    what the battery checks anyway). ``repr`` of it raises :class:`RecursionError`.

    Args:
        kind: ``"list"`` or ``"dict"``.

    Returns:
        The nested value.

    .. versionadded:: 0.1.0
    """
    value: Any = []
    for _ in range(DEEP):
        value = [value] if kind == "list" else {"a": value}
    return value


_NUMBERS = (
    10**400,
    -(10**400),
    10**5000,  # more digits than int() and str() convert by default
    2**63,
    2**53 + 1,
    -1,
    0,
    1e308,
    -0.0,
    5e-324,
    float("nan"),
    float("inf"),
    float("-inf"),
    True,
    False,
)

_INSTANT_TEXTS = (
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:59:59.999999+00:00",
    "2026-10-01T09:00:00.123456789+00:00",
    "2026-10-01T09:00:00",
    "2026-10-01",
    "2026-13-01T00:00:00+00:00",
    "2026-10-01T09:00:00+24:00",
    "",
)

_INSTANTS = (
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
    dt.datetime(2026, 10, 1, 9),  # noqa: DTZ001 - naive on purpose: it must be refused
    dt.date(2026, 10, 1),
)

_TEXTS = (
    "a\x00b",
    "\ud800",
    "a\udfff",
    "a\u202eb",
    "\u2066a",
    "\ufeffa",
    "a\u200b",
    "a\u200d",
    "a\u00ad",
    "Cafe\u0301",
    "a\u2028b",
    "a\x1b[31mred",
    "a\x85",
    " ",
    "\n",
    "x" * 100_000,
    "<script>alert(1)</script>",
    "${x}{0.__class__}",
)

_WRONG_TYPES: tuple[Any, ...] = (
    None,
    b"bytes",
    bytearray(b"x"),
    frozenset({1}),
    (),
    [],
    {},
    {1: "int key"},
    object(),
    Unprintable(),
    1j,
    dt.timedelta(days=1),
)


def hostile_values() -> st.SearchStrategy[Any]:
    """
    Values that break careless code, for every place plain data is read.

    Integers no float can hold, NaN and infinities, booleans where numbers belong,
    instants beyond the UTC range and without offsets, text with control, invisible,
    bidirectional or broken (lone surrogate) characters, values nested 100,000 levels deep,
    objects whose ``repr`` raises, values of every wrong type, and arbitrary JSON values.

    .. versionadded:: 0.1.0
    """
    broken_characters = st.characters(categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Mn"))
    return st.one_of(
        st.sampled_from(_NUMBERS),
        st.sampled_from(_INSTANT_TEXTS),
        st.sampled_from(_INSTANTS),
        st.sampled_from(_TEXTS),
        st.sampled_from(_WRONG_TYPES),
        st.sampled_from(("list", "dict")).map(deeply_nested),
        st.integers(),
        st.floats(),
        st.text(max_size=8) | st.text(broken_characters, min_size=1, max_size=4),
        json_values(max_leaves=8),
    )
