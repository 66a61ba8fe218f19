"""
Operators: the closed set of comparisons a rule makes between a fact and a threshold.

This module is the one definition of what each comparison means, in two parts
written once each:

* per operator, its **meaning**: the comparison it makes of a known value
  with the threshold (``operator.lt`` for ``<``, membership for ``in``, …) and
  its answer for a missing value (``None``): true for ``is null``, false for
  every other operator;
* the rule all share: a missing value gets the operator's answer for it,
  and a comparison Python cannot make (a number ordered against a text,
  ``TypeError``) is false, not an error. It is applied in one place for one
  comparison and in one loop for several (``_comparison``, ``_scanner``).

Everything that compares is a predicate built by that loop, a function of the
facts' scalar values (a mapping from fact names): :meth:`Operator.predicate`
for one comparison, :func:`all_hold` and :func:`any_holds` for several, which
a declarative rule's compiled condition is made of; the walk that collects
its evidence asks the same predicates (see
:mod:`pipeline_core.rules._declarative`), and :meth:`Operator.holds` asks one
about a single value.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pipeline_core.facts import Scalar

__all__ = ["Check", "Operator", "Predicate", "Threshold", "all_hold", "any_holds"]

Threshold = Scalar | tuple[Scalar, ...]
"""What a fact is compared with: a scalar, or a tuple for ``in`` and ``not in``."""

Predicate = Callable[[Mapping[str, Scalar]], bool]
"""A compiled condition: answers whether it holds for the facts' scalar values."""

Check = tuple[str, "Operator", Threshold]
"""One comparison to make: ``(fact, operator, threshold)``."""


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
        compare, if_missing = _MEANINGS[self]
        return _comparison(fact, compare, if_missing, threshold)

    def holds(self, value: Scalar, threshold: Threshold) -> bool:
        """
        Return whether ``value <op> threshold`` holds.

        Args:
            value: The fact's value.
            threshold: The value compared with (a tuple for ``in``/``not in``).

        Returns:
            The result; ``False`` for a comparison with a missing value.
        """
        return self.predicate(_VALUE, threshold)({_VALUE: value})


def all_hold(checks: Iterable[Check]) -> Predicate:
    """
    Return the predicate that holds when every comparison of ``checks`` holds.

    Args:
        checks: The comparisons, ``(fact, operator, threshold)`` each.

    Returns:
        A function of the facts' scalar values; it stops at the first comparison that fails.
    """
    return _scanner(checks, stop_on=False)


def any_holds(checks: Iterable[Check]) -> Predicate:
    """
    Return the predicate that holds when at least one comparison of ``checks`` holds.

    Args:
        checks: The comparisons, ``(fact, operator, threshold)`` each.

    Returns:
        A function of the facts' scalar values; it stops at the first comparison that holds.
    """
    return _scanner(checks, stop_on=True)


# The two shapes of a compiled comparison, one and several, apply the same rule to the
# meanings below: a missing value gets its operator's answer for it, a known one its
# operator's comparison, and a comparison that cannot be made (TypeError) is false. One
# comparison is a closure with no loop; several run as one loop with no nested calls.
# (A loop over one comparison costs a third more: most declarative rules are one.)


def _comparison(
    fact: str,
    compare: Callable[[Any, Any], bool],
    if_missing: bool,  # noqa: FBT001 - the operator's answer, positional like the rest
    threshold: Threshold,
) -> Predicate:
    """
    Return the predicate of one comparison.
    """

    def holds(values: Mapping[str, Scalar]) -> bool:
        value = values[fact]
        if value is None:
            return if_missing
        try:
            return compare(value, threshold)
        except TypeError:  # a number against a text: never true
            return False

    return holds


def _scanner(checks: Iterable[Check], *, stop_on: bool) -> Predicate:
    """
    Return the predicate of several comparisons: ``stop_on`` at the first one answering it.
    """
    scan = tuple((fact, *_MEANINGS[op], threshold) for fact, op, threshold in checks)

    def holds(values: Mapping[str, Scalar]) -> bool:
        for fact, compare, if_missing, threshold in scan:
            value = values[fact]
            try:
                held = if_missing if value is None else compare(value, threshold)
            except TypeError:  # a number against a text: never true
                held = False
            if held is stop_on:
                return stop_on
        return not stop_on

    return holds


def _contains(value: Any, threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return isinstance(threshold, tuple) and value in threshold


def _excludes(value: Any, threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return isinstance(threshold, tuple) and value not in threshold


def _known_is_null(_value: Any, _threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return False


def _known_is_not_null(_value: Any, _threshold: Any) -> bool:  # noqa: ANN401 - any scalar
    return True


_MEANINGS: Mapping[Operator, tuple[Callable[[Any, Any], bool], bool]] = {
    # operator: (its comparison of a known value with the threshold, its answer when missing)
    Operator.LT: (operator.lt, False),
    Operator.LE: (operator.le, False),
    Operator.GT: (operator.gt, False),
    Operator.GE: (operator.ge, False),
    Operator.EQ: (operator.eq, False),
    Operator.NE: (operator.ne, False),
    Operator.IN: (_contains, False),
    Operator.NOT_IN: (_excludes, False),
    Operator.IS_NULL: (_known_is_null, True),
    Operator.NOT_NULL: (_known_is_not_null, False),
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
