"""
Converters and validators shared by the domain classes.

Each one raises an error of the `pipeline_core` family that names the field,
what was received and what is allowed. They are private: the public surface
is the domain classes that use them.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pipeline_core.exceptions import InvalidValueError, WrongTypeError
from pipeline_core.instants import to_utc

E = TypeVar("E", bound=enum.Enum)

MAX_TEXT = 10_000
"""Longest free text (notes, reasons) accepted, in characters."""

MAX_NAME = 200
"""Longest id, name or label accepted, in characters."""


def check_text(value: object, *, field: str, max_length: int = MAX_NAME) -> str:
    """
    Return ``value`` if it is a non-blank string of at most ``max_length`` characters.
    """
    allowed = f"a non-blank string of at most {max_length} characters"
    if not isinstance(value, str):
        raise WrongTypeError("expected a string", path=field, received=value, allowed=allowed)
    if not value.strip() or len(value) > max_length:
        raise InvalidValueError("blank or too long", path=field, received=value, allowed=allowed)
    return value


def check_optional_text(value: object, *, field: str, max_length: int = MAX_NAME) -> str | None:
    """
    Return ``value`` if it is ``None`` or a valid text (see :func:`check_text`).
    """
    if value is None:
        return None
    return check_text(value, field=field, max_length=max_length)


def check_count(value: object, *, field: str, minimum: int = 0) -> int:
    """
    Return ``value`` if it is an ``int`` (not a ``bool``) of at least ``minimum``.
    """
    allowed = f"an integer >= {minimum}"
    if not isinstance(value, int) or isinstance(value, bool):
        raise WrongTypeError("expected an integer", path=field, received=value, allowed=allowed)
    if value < minimum:
        raise InvalidValueError("too small", path=field, received=value, allowed=allowed)
    return value


def check_number(
    value: object,
    *,
    field: str,
    minimum: float = 0.0,
    maximum: float = math.inf,
    open_minimum: bool = False,
) -> float:
    """
    Return ``value`` if it is a finite ``int`` or ``float`` within the bounds.

    The value keeps its type, so an ``int`` stays an ``int`` and round trips exactly.
    """
    low = "(" if open_minimum else "["
    high = f"{maximum:g}]" if math.isfinite(maximum) else "inf)"
    allowed = f"a finite number in {low}{minimum:g}, {high}"
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise WrongTypeError("expected a number", path=field, received=value, allowed=allowed)
    too_low = value <= minimum if open_minimum else value < minimum
    if not math.isfinite(value) or too_low or value > maximum:
        raise InvalidValueError("out of range", path=field, received=value, allowed=allowed)
    return value


def check_enum(enum_type: type[E], value: object, *, field: str) -> E:
    """
    Return ``value`` as a member of ``enum_type``, accepting the member or its value.
    """
    if isinstance(value, enum_type):
        return value
    allowed = "one of " + ", ".join(repr(member.value) for member in enum_type)
    if not isinstance(value, str):
        raise WrongTypeError("expected a string", path=field, received=value, allowed=allowed)
    try:
        return enum_type(value)
    except ValueError:
        raise InvalidValueError("unknown value", path=field, received=value, allowed=allowed) from None


def instant(field: str) -> Callable[[Any], dt.datetime]:
    """
    Return an attrs converter that normalises an aware datetime for ``field``.
    """

    def convert(value: Any) -> dt.datetime:  # noqa: ANN401 - a converter accepts anything
        return to_utc(value, field=field)

    return convert


def optional_instant(field: str) -> Callable[[Any], dt.datetime | None]:
    """
    Return an attrs converter like :func:`instant` that lets ``None`` through.
    """

    def convert(value: Any) -> dt.datetime | None:  # noqa: ANN401 - a converter accepts anything
        return None if value is None else to_utc(value, field=field)

    return convert


def enum_of(enum_type: type[E], field: str) -> Callable[[Any], E]:
    """
    Return an attrs converter that turns a member or its value into ``enum_type``.
    """

    def convert(value: Any) -> E:  # noqa: ANN401 - a converter accepts anything
        return check_enum(enum_type, value, field=field)

    return convert


def text(field: str, *, max_length: int = MAX_NAME) -> Callable[[Any], str]:
    """
    Return an attrs converter that checks a required text field.
    """

    def convert(value: Any) -> str:  # noqa: ANN401 - a converter accepts anything
        return check_text(value, field=field, max_length=max_length)

    return convert


def optional_text(field: str, *, max_length: int = MAX_NAME) -> Callable[[Any], str | None]:
    """
    Return an attrs converter that checks an optional text field.
    """

    def convert(value: Any) -> str | None:  # noqa: ANN401 - a converter accepts anything
        return check_optional_text(value, field=field, max_length=max_length)

    return convert


def tuple_of(field: str) -> Callable[[Any], tuple[Any, ...]]:
    """
    Return an attrs converter that turns any iterable except text into a tuple.
    """

    def convert(value: Any) -> tuple[Any, ...]:  # noqa: ANN401 - a converter accepts anything
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise WrongTypeError(
                "expected a sequence", path=field, received=value, allowed="a list or tuple"
            )
        return tuple(value)

    return convert
