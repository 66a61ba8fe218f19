"""
Readers for plain data (JSON-like dicts, lists and scalars) that report problems by path.

The risk engine reads two kinds of plain data: rule set configurations
(:class:`~pipeline_core.exceptions.RuleConfigError`) and reports written by
``to_dict`` (:class:`~pipeline_core.exceptions.DecodeError`). Both use these
readers, passing the error class to raise, so every message names the JSON
path of the problem, what was received and what is allowed. Private: the
public surface is the ``from_dict`` methods that use them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline_core.exceptions import InvalidValueError

__all__ = [
    "boolean",
    "integer",
    "join",
    "mapping",
    "number",
    "optional_number",
    "optional_text",
    "sequence",
    "text",
]

ErrorClass = type[InvalidValueError]


def join(path: str, key: str) -> str:
    """
    Return the path of ``key`` inside the object at ``path``.
    """
    return f"{path}.{key}" if path else key


def mapping(
    data: object,
    path: str,
    *,
    error: ErrorClass,
    required: frozenset[str] = frozenset(),
    optional: frozenset[str] = frozenset(),
    open_keys: bool = False,
) -> Mapping[str, Any]:
    """
    Return ``data`` if it is a mapping with string keys, the required ones and no others.

    Args:
        data: The value to check.
        path: Its path, for messages.
        error: The error class to raise.
        required: Keys that must be present.
        optional: Keys that may be present.
        open_keys: Accept any string key (the caller checks them).

    Returns:
        ``data`` itself.
    """
    if not isinstance(data, Mapping):
        raise error("expected an object", path=path, received=data, allowed="a JSON object")
    allowed = required | optional
    for key in data:
        if not isinstance(key, str):
            raise error("object keys are strings", path=path, received=key, allowed="string keys")
        if not open_keys and key not in allowed:
            raise error(
                "unknown key",
                path=join(path, key),
                received=key,
                allowed=", ".join(sorted(allowed)) or "no keys",
            )
    for key in sorted(required):
        if key not in data:
            raise error("missing key", path=join(path, key), received=None, allowed="a value")
    return data


def sequence(data: object, path: str, *, error: ErrorClass, max_items: int) -> Sequence[Any]:
    """
    Return ``data`` if it is a list or tuple of at most ``max_items`` items.
    """
    if not isinstance(data, list | tuple):
        raise error("expected an array", path=path, received=data, allowed="a JSON array")
    if len(data) > max_items:
        raise error(
            "too many items",
            path=path,
            received=f"{len(data)} items",
            allowed=f"at most {max_items}",
        )
    return data


def text(
    data: object, path: str, *, error: ErrorClass, max_length: int, allow_blank: bool = False
) -> str:
    """
    Return ``data`` if it is a string of at most ``max_length`` characters (non-blank).
    """
    allowed = f"a {'' if allow_blank else 'non-blank '}string of at most {max_length} characters"
    if not isinstance(data, str):
        raise error("expected a string", path=path, received=data, allowed=allowed)
    if len(data) > max_length or (not allow_blank and not data.strip()):
        raise error("blank or too long", path=path, received=data, allowed=allowed)
    return data


def optional_text(data: object, path: str, *, error: ErrorClass, max_length: int) -> str | None:
    """
    Return ``data`` if it is ``None`` or a valid :func:`text`.
    """
    return None if data is None else text(data, path, error=error, max_length=max_length)


def number(
    data: object,
    path: str,
    *,
    error: ErrorClass,
    minimum: float = -math.inf,
    maximum: float = math.inf,
) -> float:
    """
    Return ``data`` if it is a finite ``int`` or ``float`` (not a ``bool``) within bounds.

    The value keeps its type, so integers stay integers and round trips are exact.
    """
    allowed = f"a finite number in [{minimum:g}, {maximum:g}]"
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise error("expected a number", path=path, received=data, allowed=allowed)
    if not math.isfinite(data) or not minimum <= data <= maximum:
        raise error("out of range", path=path, received=data, allowed=allowed)
    return data


def optional_number(
    data: object,
    path: str,
    *,
    error: ErrorClass,
    minimum: float = -math.inf,
    maximum: float = math.inf,
) -> float | None:
    """
    Return ``data`` if it is ``None`` or a valid :func:`number`.
    """
    if data is None:
        return None
    return number(data, path, error=error, minimum=minimum, maximum=maximum)


def integer(
    data: object, path: str, *, error: ErrorClass, minimum: int = 0, maximum: int = 2**31
) -> int:
    """
    Return ``data`` if it is an ``int`` (not a ``bool``) within bounds.
    """
    allowed = f"an integer in [{minimum}, {maximum}]"
    if isinstance(data, bool) or not isinstance(data, int):
        raise error("expected an integer", path=path, received=data, allowed=allowed)
    if not minimum <= data <= maximum:
        raise error("out of range", path=path, received=data, allowed=allowed)
    return data


def boolean(data: object, path: str, *, error: ErrorClass) -> bool:
    """
    Return ``data`` if it is ``True`` or ``False``.
    """
    if not isinstance(data, bool):
        raise error("expected a boolean", path=path, received=data, allowed="true or false")
    return data
