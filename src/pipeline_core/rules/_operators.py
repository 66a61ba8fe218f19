"""
Operators: the closed set of comparisons a rule makes between a fact and a threshold.

This module is the one definition of what each comparison means. Every
operator has a **test**, a function ``test(value, threshold) -> bool``, built
here once; everything else is derived from it:

* :meth:`Operator.holds` (and so :attr:`~pipeline_core.rules.Evidence.holds`)
  calls the test;
* a declarative rule's compiled predicate calls the tests of its comparisons
  (see :mod:`pipeline_core.rules._declarative`), and the walk that collects
  its evidence calls the same tests through :meth:`Operator.holds`;
* a built-in rule's conditions ask :meth:`Operator.holds` of the operator its
  evidence names (see :mod:`pipeline_core.rules._catalog`).

The rule every comparison shares: a missing fact (``None``) compares false,
whatever the operator, except ``is null`` and ``not null``; a comparison that
cannot be made (a number ordered against a text) is false, not an error.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Mapping
from typing import Any

from pipeline_core.facts import Scalar

__all__ = ["Operator", "Test", "Threshold"]

Threshold = Scalar | tuple[Scalar, ...]
"""What a fact is compared with: a scalar, or a tuple for ``in`` and ``not in``."""

Test = Callable[[Any, Any], bool]
"""An operator's meaning: ``test(value, threshold)`` says whether ``value <op> threshold``."""


class Operator(enum.StrEnum):
    """
    The closed set of comparisons a condition may make between a fact and a threshold.

    Comparisons with a missing fact (``None``) are false, whatever the
    operator, except ``is null`` and ``not null``.

    .. versionadded:: 0.1.0
    """

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "=="
    NE = "!="
    IN = "in"
    NOT_IN = "not in"
    IS_NULL = "is null"
    NOT_NULL = "not null"

    @property
    def negated(self) -> Operator:
        """
        The operator that holds exactly when this one fails (for a known value).
        """
        return _NEGATED[self]

    @property
    def is_ordering(self) -> bool:
        """
        Whether the operator orders numbers (``<``, ``<=``, ``>``, ``>=``).
        """
        return self in _ORDERING

    @property
    def takes_value(self) -> bool:
        """
        Whether the operator compares with a threshold (all but the null tests).
        """
        return self not in (Operator.IS_NULL, Operator.NOT_NULL)

    @property
    def test(self) -> Test:
        """
        The operator's meaning as a function ``test(value, threshold) -> bool``.

        It is what :meth:`holds` calls; compiled predicates keep it to call it
        without looking the operator up again.
        """
        return _TESTS[self]

    def holds(self, value: Scalar, threshold: Threshold) -> bool:
        """
        Return whether ``value <op> threshold`` holds.

        Args:
            value: The fact's value.
            threshold: The value compared with (a tuple for ``in``/``not in``).

        Returns:
            The result; ``False`` for a comparison with a missing value.
        """
        return _TESTS[self](value, threshold)


def _on_known_values(compare: Callable[[Any, Any], bool]) -> Test:
    """
    Return the test of a comparison: ``compare`` on a known value, false otherwise.

    This is the rule every operator but the null tests shares: a missing value
    compares false, and so does a comparison Python cannot make (``TypeError``).
    """

    def test(value: Any, threshold: Any) -> bool:  # noqa: ANN401 - any scalar
        if value is None:
            return False
        try:
            return compare(value, threshold)
        except TypeError:  # a number against a text: never true
            return False

    return test


def _contains(value: Any, threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return isinstance(threshold, tuple) and value in threshold


def _excludes(value: Any, threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return isinstance(threshold, tuple) and value not in threshold


def _is_null(value: Any, _threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return value is None


def _not_null(value: Any, _threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return value is not None


_TESTS: Mapping[Operator, Test] = {
    Operator.LT: _on_known_values(operator.lt),
    Operator.LE: _on_known_values(operator.le),
    Operator.GT: _on_known_values(operator.gt),
    Operator.GE: _on_known_values(operator.ge),
    Operator.EQ: _on_known_values(operator.eq),
    Operator.NE: _on_known_values(operator.ne),
    Operator.IN: _on_known_values(_contains),
    Operator.NOT_IN: _on_known_values(_excludes),
    Operator.IS_NULL: _is_null,
    Operator.NOT_NULL: _not_null,
}
_NEGATED = {
    Operator.LT: Operator.GE,
    Operator.GE: Operator.LT,
    Operator.GT: Operator.LE,
    Operator.LE: Operator.GT,
    Operator.EQ: Operator.NE,
    Operator.NE: Operator.EQ,
    Operator.IN: Operator.NOT_IN,
    Operator.NOT_IN: Operator.IN,
    Operator.IS_NULL: Operator.NOT_NULL,
    Operator.NOT_NULL: Operator.IS_NULL,
}
_ORDERING = frozenset({Operator.LT, Operator.LE, Operator.GT, Operator.GE})
