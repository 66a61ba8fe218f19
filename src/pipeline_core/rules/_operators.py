"""
Operators: the closed set of comparisons a rule makes between a fact and a threshold.

This module is the one definition of what each comparison means. Every
operator has a **comparator**, built here once: ``comparator(fact,
threshold)`` returns the :data:`Predicate` that reads ``fact`` from the facts'
values and says whether ``fact <op> threshold``. Everything else is derived
from it:

* a declarative rule's compiled condition is made of these predicates, and
  the walk that collects its evidence asks the same predicates (see
  :mod:`pipeline_core.rules._declarative`);
* :meth:`Operator.holds` (and so :attr:`~pipeline_core.rules.Evidence.holds`)
  asks the operator's predicate about one value.

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

__all__ = ["Comparator", "Operator", "Predicate", "Threshold"]

Threshold = Scalar | tuple[Scalar, ...]
"""What a fact is compared with: a scalar, or a tuple for ``in`` and ``not in``."""

Predicate = Callable[[Mapping[str, Scalar]], bool]
"""A compiled condition: answers whether it holds for the facts' scalar values."""

Comparator = Callable[[str, Any], Predicate]
"""An operator's meaning: ``comparator(fact, threshold)`` is the predicate of the comparison."""


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

    def predicate(self, fact: str, threshold: Threshold) -> Predicate:
        """
        Return the predicate ``fact <op> threshold``: the operator's one definition.

        Args:
            fact: The name of the fact the predicate reads from the values it is given.
            threshold: The value compared with (a tuple for ``in``/``not in``).

        Returns:
            A function of the facts' scalar values (a mapping from fact names)
            that says whether the comparison holds; a declarative rule's
            compiled condition is made of these.
        """
        return _COMPARATORS[self](fact, threshold)

    def holds(self, value: Scalar, threshold: Threshold) -> bool:
        """
        Return whether ``value <op> threshold`` holds.

        Args:
            value: The fact's value.
            threshold: The value compared with (a tuple for ``in``/``not in``).

        Returns:
            The result; ``False`` for a comparison with a missing value.
        """
        return _COMPARATORS[self](_VALUE, threshold)({_VALUE: value})


def _on_known_values(compare: Callable[[Any, Any], bool]) -> Comparator:
    """
    Return the comparator of ``compare``: ``compare`` on a known value, false otherwise.

    This is the rule every operator but the null tests shares: a missing value
    compares false, and so does a comparison Python cannot make (``TypeError``).
    """

    def comparator(fact: str, threshold: Any) -> Predicate:  # noqa: ANN401 - any scalar
        def holds(values: Mapping[str, Scalar]) -> bool:
            value = values[fact]
            if value is None:
                return False
            try:
                return compare(value, threshold)
            except TypeError:  # a number against a text: never true
                return False

        return holds

    return comparator


def _contains(value: Any, threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return isinstance(threshold, tuple) and value in threshold


def _excludes(value: Any, threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return isinstance(threshold, tuple) and value not in threshold


def _is_null(fact: str, _threshold: Any) -> Predicate:  # noqa: ANN401 - any scalar
    def holds(values: Mapping[str, Scalar]) -> bool:
        return values[fact] is None

    return holds


def _not_null(fact: str, _threshold: Any) -> Predicate:  # noqa: ANN401 - any scalar
    def holds(values: Mapping[str, Scalar]) -> bool:
        return values[fact] is not None

    return holds


_COMPARATORS: Mapping[Operator, Comparator] = {
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
_VALUE = "value"
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
