"""
The one home of field checks, argument checks and plain-data readers.

Field checks (``check_*`` and the attrs validators ``text`` and ``optional_text``)
guard the domain classes' fields; plain-data readers (``read_*``) read JSON-like
dicts, lists and scalars (rule set configurations, reports written by ``to_dict``,
the interchange format) and take the error class to raise. Every one raises an
error of the ``pipeline_core`` family that names the field or JSON path, what was
received and what is allowed. Private: the public surface is the classes and
functions that use them.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import unicodedata
import urllib.parse
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from pipeline_core.exceptions import DecodeError, InputError, InvalidValueError, WrongTypeError

E = TypeVar("E", bound=enum.Enum)
K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

MAX_TEXT = 10_000
"""Longest free text (notes, reasons) accepted, in characters."""

MAX_NAME = 200
"""Longest id, name or label accepted, in characters."""


MAX_INTEGER = 2**63 - 1
"""The largest count accepted: what a 64-bit database column (SQLite's ``INTEGER``) holds."""


def is_finite(value: float) -> bool:
    """
    Return whether ``value`` is a number a float can hold: not NaN, not infinite, not huge.

    An ``int`` beyond the range of a float (``10**400``) is not finite here: every number
    the library reads may end up in float arithmetic, where it would raise
    :class:`OverflowError`.
    """
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


# -- the text policy ---------------------------------------------------------------------------
#
# Names (ids, organisations, titles, stages, tags, labels: at most MAX_NAME characters) are
# compared and shown, so they hold no character a reader cannot see: no controls, no
# invisible formatting characters (zero-width space and joiners, BOM, soft hyphen, bidi
# marks and overrides), no line separators, no lone surrogates; and they are written in
# Unicode NFC, so two ids that look alike are equal. Free text (notes, reasons, references,
# templates: a longer max_length) may hold tabs and line breaks and formatting characters
# (the joiner of an emoji), but no other control character, no bidi embedding, override or
# isolate, and no lone surrogate. Nothing is rewritten: text that breaks the policy is
# refused, so a stored value always reads back as it was written.

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The bidirectional embeddings, overrides and isolates: text shown in another order."""

_FREE_TEXT_FORBIDDEN = _BIDI_CONTROLS | frozenset(
    [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"]
    + [chr(code) for code in range(0x7F, 0xA0)]
    + [chr(code) for code in range(0xD800, 0xE000)]
)
"""What free text may not hold: controls but tab and line breaks, lone surrogates, bidi controls."""

_SHOWN_IN_NAMES = frozenset({"Zs", "Co", "Cn"})
"""Categories ``str.isprintable`` refuses that a name may hold: spaces, private use, unassigned."""

_KINDS = {
    "Cc": "a control character",
    "Cf": "an invisible formatting character",
    "Cs": "a lone surrogate (half of a character)",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}

NAME_POLICY = (
    "visible characters in Unicode NFC (no control, invisible or bidirectional "
    "formatting characters, no lone surrogates)"
)
"""What a name may hold, as said in error messages."""

FREE_TEXT_POLICY = (
    "text without control characters (tab and line breaks are fine), bidirectional "
    "overrides, embeddings or isolates, or lone surrogates"
)
"""What free text may hold, as said in error messages."""


def _refused(char: str) -> str:
    # Every character the policy refuses is of one of the categories of _KINDS.
    kind = (
        "a bidirectional control" if char in _BIDI_CONTROLS else _KINDS[unicodedata.category(char)]
    )
    named = f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
    return f"holds {named}, {kind}"


def text_problem(value: str, *, free: bool) -> str | None:
    """
    Return what in ``value`` breaks the text policy, or ``None`` when it keeps it.

    Args:
        value: The text, already known to be a non-blank ``str`` of the right length.
        free: ``True`` for free text (notes, reasons), ``False`` for a name or id.

    Returns:
        A few words naming the first character refused, or the missing NFC form.
    """
    if free:
        found = _FREE_TEXT_FORBIDDEN.intersection(value)  # a set of the text: C speed
        return _refused(next(char for char in value if char in found)) if found else None
    if not value.isprintable():
        for char in value:
            if not char.isprintable() and unicodedata.category(char) not in _SHOWN_IN_NAMES:
                return _refused(char)
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        return None
    return "not in Unicode normalization form NFC (write unicodedata.normalize('NFC', text))"


def check_text(value: object, *, field: str, max_length: int = MAX_NAME) -> str:
    """
    Return ``value`` if it is a non-blank string of at most ``max_length`` characters.

    The string must also keep the text policy (see :func:`text_problem`): a name
    (``max_length`` up to :data:`MAX_NAME`) holds only visible characters in NFC; longer
    free text may hold tabs and line breaks but no other control character.
    """
    if isinstance(value, str) and value and len(value) <= max_length and not value.isspace():
        if value.isascii() and value.isprintable():
            return value  # the common case, checked without building the message
        free = max_length > MAX_NAME
        problem = text_problem(value, free=free)
        if problem is None:
            return value
        raise InvalidValueError(
            problem, path=field, received=value, allowed=FREE_TEXT_POLICY if free else NAME_POLICY
        )
    allowed = f"a non-blank string of at most {max_length} characters"
    if not isinstance(value, str):
        raise WrongTypeError("expected a string", path=field, received=value, allowed=allowed)
    raise InvalidValueError("blank or too long", path=field, received=value, allowed=allowed)


def check_optional_text(value: object, *, field: str, max_length: int = MAX_NAME) -> str | None:
    """
    Return ``value`` if it is ``None`` or a valid text (see :func:`check_text`).
    """
    if value is None:
        return None
    return check_text(value, field=field, max_length=max_length)


def check_count(value: object, *, field: str, minimum: int = 0) -> int:
    """
    Return ``value`` if it is an ``int`` (not a ``bool``) from ``minimum`` to :data:`MAX_INTEGER`.
    """
    allowed = f"an integer >= {minimum} (at most 2**63 - 1)"
    if not isinstance(value, int) or isinstance(value, bool):
        raise WrongTypeError("expected an integer", path=field, received=value, allowed=allowed)
    if value < minimum:
        raise InvalidValueError("too small", path=field, received=value, allowed=allowed)
    if value > MAX_INTEGER:
        raise InvalidValueError("too large", path=field, received=value, allowed=allowed)
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
    if too_low or value > maximum or not is_finite(value):
        raise InvalidValueError("out of range", path=field, received=value, allowed=allowed)
    return value


_MEMBERS: dict[type[enum.Enum], dict[object, enum.Enum]] = {}
"""Each enum's members by value, built on first use (a dict lookup beats ``Enum(value)``)."""


def check_enum(enum_type: type[E], value: object, *, field: str) -> E:
    """
    Return ``value`` as a member of ``enum_type``, accepting the member or its value.
    """
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        members = _MEMBERS.get(enum_type)
        if members is None:
            members = _MEMBERS[enum_type] = {member.value: member for member in enum_type}
        member = members.get(value)
        if member is not None:
            return cast("E", member)
    allowed = "one of " + ", ".join(repr(member.value) for member in enum_type)
    if not isinstance(value, str):
        raise WrongTypeError("expected a string", path=field, received=value, allowed=allowed)
    raise InvalidValueError("unknown value", path=field, received=value, allowed=allowed)


def enum_converter(enum_type: type[E], *, field: str) -> Callable[[object], E]:
    """
    Return an attrs converter to a member of ``enum_type`` that reports errors as ``field``.

    A member is found by its value or by itself (a ``StrEnum`` member equals its
    value) with one dict lookup, the common case; anything else goes through
    :func:`check_enum`, which converts it or raises the right error.
    """
    by_value: dict[object, E] = {member.value: member for member in enum_type}
    exact = (str, enum_type)

    def convert(value: object) -> E:
        if type(value) in exact:
            member = by_value.get(value)
            if member is not None:
                return member
        return check_enum(enum_type, value, field=field)

    convert.__qualname__ = convert.__name__ = f"to_{field}"
    return convert


def text(field: str, *, max_length: int = MAX_NAME) -> Callable[[Any, Any, Any], None]:
    """
    Return an attrs validator that checks a required text field.
    """

    def validate(_instance: object, _attribute: object, value: object) -> None:
        if (
            type(value) is not str
            or not value.isascii()
            or not value.isprintable()
            or not value
            or len(value) > max_length
            or value.isspace()
        ):
            check_text(value, field=field, max_length=max_length)

    return validate


def optional_text(field: str, *, max_length: int = MAX_NAME) -> Callable[[Any, Any, Any], None]:
    """
    Return an attrs validator that checks an optional text field.
    """
    required = text(field, max_length=max_length)

    def validate(instance: object, attribute: object, value: object) -> None:
        if value is not None:
            required(instance, attribute, value)

    return validate


def check_instance(value: object, expected: type[T], *, path: str, allowed: str) -> T:
    """
    Return ``value`` if it is an instance of ``expected``; else raise a WrongTypeError.

    The message is "expected a/an <class name>"; ``allowed`` says what the caller takes.
    """
    if isinstance(value, expected):
        return value
    name = expected.__name__
    article = "an" if name[0] in "AEIOU" else "a"
    raise WrongTypeError(f"expected {article} {name}", path=path, received=value, allowed=allowed)


def first_repeat(keys: Iterable[Hashable]) -> int | None:
    """
    Return the position of the first key equal to an earlier one, or ``None`` if all differ.
    """
    seen: set[Hashable] = set()
    for position, key in enumerate(keys):
        if key in seen:
            return position
        seen.add(key)
    return None


def check_tuple(value: object, *, field: str) -> tuple[Any, ...]:
    """
    Return any iterable except text as a tuple.
    """
    if type(value) is tuple:
        return value  # the common case, without the slow ABC check below
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError(
            "expected a sequence", path=field, received=value, allowed="a list or tuple"
        )
    return tuple(value)


def index_unique(
    items: tuple[Any, ...],
    item_type: type,
    key: Callable[[Any], K],
    *,
    field: str,
    key_field: str,
    type_name: str,
    what: str,
    type_error: type[InputError] = WrongTypeError,
    duplicate_error: type[InputError] = InvalidValueError,
) -> dict[K, int]:
    """
    Check that ``items`` are all ``item_type`` with distinct keys; return key -> position.

    Errors name ``field[i]`` (wrong type) or ``field[i].key_field`` (a repeated key).
    """
    index: dict[K, int] = {}
    for position, item in enumerate(items):
        if not isinstance(item, item_type):
            raise type_error(
                f"expected {type_name}",
                path=f"{field}[{position}]",
                received=item,
                allowed=f"{type_name} objects",
            )
        name = key(item)
        if name in index:
            raise duplicate_error(
                f"duplicate {what}",
                path=f"{field}[{position}].{key_field}",
                received=name.value if isinstance(name, enum.Enum) else name,
                allowed=f"each {what} at most once",
            )
        index[name] = position
    return index


# -- plain-data readers ----------------------------------------------------------------------

ErrorClass = type[InvalidValueError]


def join_path(path: str, key: str) -> str:
    """
    Return the path of ``key`` inside the object at ``path``.
    """
    return f"{path}.{key}" if path else key


def read_mapping(
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
                path=join_path(path, key),
                received=key,
                allowed=", ".join(sorted(allowed)) or "no keys",
            )
    for key in sorted(required):
        if key not in data:
            raise error("missing key", path=join_path(path, key), received=None, allowed="a value")
    return data


def read_sequence(data: object, path: str, *, error: ErrorClass, max_items: int) -> Sequence[Any]:
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


def read_text(
    data: object, path: str, *, error: ErrorClass, max_length: int, allow_blank: bool = False
) -> str:
    """
    Return ``data`` if it is a string of at most ``max_length`` characters (non-blank).

    The string must keep the text policy of :func:`check_text`.
    """
    allowed = f"a {'' if allow_blank else 'non-blank '}string of at most {max_length} characters"
    if not isinstance(data, str):
        raise error("expected a string", path=path, received=data, allowed=allowed)
    if len(data) > max_length or (not allow_blank and not data.strip()):
        raise error("blank or too long", path=path, received=data, allowed=allowed)
    if data.isascii() and data.isprintable():
        return data
    free = max_length > MAX_NAME
    problem = text_problem(data, free=free)
    if problem is not None:
        allowed = FREE_TEXT_POLICY if free else NAME_POLICY
        raise error(problem, path=path, received=data, allowed=allowed)
    return data


def read_optional_text(
    data: object, path: str, *, error: ErrorClass, max_length: int
) -> str | None:
    """
    Return ``data`` if it is ``None`` or a valid :func:`text`.
    """
    return None if data is None else read_text(data, path, error=error, max_length=max_length)


def read_number(
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
    if not minimum <= data <= maximum or not is_finite(data):
        raise error("out of range", path=path, received=data, allowed=allowed)
    return data


def read_optional_number(
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
    return read_number(data, path, error=error, minimum=minimum, maximum=maximum)


def read_integer(
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


def read_boolean(data: object, path: str, *, error: ErrorClass) -> bool:
    """
    Return ``data`` if it is ``True`` or ``False``.
    """
    if not isinstance(data, bool):
        raise error("expected a boolean", path=path, received=data, allowed="true or false")
    return data


# -- the interchange decoder's readers -----------------------------------------------------------


def decode_error(error: InputError, path: str) -> DecodeError:
    """
    Turn a domain error raised while building an object at ``path`` into a DecodeError.
    """
    full = error.at(path) if path else error
    return DecodeError(full.problem, path=full.path, received=full.received, allowed=full.allowed)


def build_at(path: str, build: Callable[[], T]) -> T:
    """
    Call ``build`` and report any domain error as a DecodeError under ``path``.
    """
    try:
        return build()
    except InputError as error:
        raise decode_error(error, path) from error


def read_object(
    data: object, path: str, *, required: frozenset[str], optional: frozenset[str]
) -> Mapping[str, Any]:
    """
    Return ``data`` if it is a mapping with the required keys and no others (a DecodeError).

    The first unknown key (in the object's order) is named, else the first missing one
    (in sorted order).
    """
    if type(data) is not dict and not isinstance(data, Mapping):
        raise DecodeError(
            "expected an object", path=path, received=data, allowed="a JSON object (dict)"
        )
    allowed = _ALLOWED.get((required, optional))
    if allowed is None:
        allowed = _ALLOWED[required, optional] = required | optional
    keys = data.keys()
    if not keys <= allowed:
        key = next(key for key in data if key not in allowed)
        raise DecodeError(
            "unknown key",
            path=join_path(path, str(key)),
            received=key,
            allowed=", ".join(sorted(allowed)),
        )
    if not keys >= required:
        key = next(key for key in sorted(required) if key not in data)
        raise DecodeError(
            "missing key", path=join_path(path, key), received=None, allowed="a value is required"
        )
    return data


_ALLOWED: dict[tuple[frozenset[str], frozenset[str]], frozenset[str]] = {}
"""The keys each (required, optional) pair of :func:`read_object` allows, computed once."""


def read_array(data: object, path: str) -> list[Any] | tuple[Any, ...]:
    """
    Return ``data`` if it is a list or tuple (a DecodeError otherwise).
    """
    if not isinstance(data, list | tuple):
        raise DecodeError("expected an array", path=path, received=data, allowed="a JSON array")
    return data


# -- options -----------------------------------------------------------------------------------

MAX_HORIZON_DAYS = 3_650.0
"""The longest horizon accepted, in days: ten years (a longer one is surely a unit mistake)."""

MAX_HORIZON = dt.timedelta(days=MAX_HORIZON_DAYS)
"""The longest horizon accepted, as a timedelta."""

_NO_TIME = dt.timedelta(0)


def check_horizon(horizon: object, *, path: str = "horizon") -> dt.timedelta:
    """
    Return ``horizon`` as a plain ``timedelta`` if it is one in (0, :data:`MAX_HORIZON`].

    The one horizon check of every entry point (``assess``, ``Assessor``, ``assess_many``,
    ``risk_history``, ``forecast``), so each accepts and refuses the same horizons with the
    same error and path.

    Raises:
        WrongTypeError: ``horizon`` is not a ``timedelta`` (pendulum's ``Duration`` is one).
        InvalidValueError: it is not positive, or longer than :data:`MAX_HORIZON`.
    """
    if type(horizon) is dt.timedelta and _NO_TIME < horizon <= MAX_HORIZON:
        return horizon  # the common case: already what the conversion below returns
    allowed = (
        f"a positive datetime.timedelta of at most {MAX_HORIZON_DAYS:g} days "
        "(pendulum's Duration is one)"
    )
    if not isinstance(horizon, dt.timedelta):
        raise WrongTypeError("expected a timedelta", path=path, received=horizon, allowed=allowed)
    if not _NO_TIME < horizon <= MAX_HORIZON:
        raise InvalidValueError("out of range", path=path, received=horizon, allowed=allowed)
    return dt.timedelta(seconds=horizon.total_seconds())


# -- addresses ---------------------------------------------------------------------------------

MAX_URL = 2_048
"""Longest URL accepted, in characters (what browsers and servers reliably handle)."""

MAX_EMAIL = 254
"""Longest email address accepted, in characters (RFC 5321's limit on a path)."""

MAX_PHONE = 40
"""Longest phone number accepted, in characters (an international number and an extension)."""

_URL_SCHEMES = frozenset({"http", "https"})
_PHONE_CHARACTERS = frozenset("0123456789 +-().x/")


def check_url(value: object, *, field: str) -> str:
    """
    Return ``value`` if it is an ``http://`` or ``https://`` URL with a host and no spaces.
    """
    text = check_text(value, field=field, max_length=MAX_URL)
    try:
        parts = urllib.parse.urlsplit(text)
        valid = parts.scheme.lower() in _URL_SCHEMES and bool(parts.hostname)
    except ValueError:  # a malformed host, such as "http://[::1"
        valid = False
    if not valid or any(char.isspace() for char in text):
        raise InvalidValueError(
            "not a web address",
            path=field,
            received=text,
            allowed="an http:// or https:// URL with a host, such as https://example.com/jobs/42",
        )
    return text


def check_email(value: object, *, field: str) -> str:
    """
    Return ``value`` if it looks like an email address: text, ``@``, a domain, no spaces.
    """
    text = check_text(value, field=field, max_length=MAX_EMAIL)
    local, at, domain = text.rpartition("@")
    if not (at and local and domain) or any(char.isspace() for char in text):
        raise InvalidValueError(
            "not an email address",
            path=field,
            received=text,
            allowed="an address such as name@example.com",
        )
    return text


def check_phone(value: object, *, field: str) -> str:
    """
    Return ``value`` if it is a phone number: digits (at least three), spaces and ``+-().x/``.
    """
    text = check_text(value, field=field, max_length=MAX_PHONE)
    if not set(text) <= _PHONE_CHARACTERS or sum(char.isdigit() for char in text) < 3:  # noqa: PLR2004 - the shortest service numbers
        raise InvalidValueError(
            "not a phone number",
            path=field,
            received=text,
            allowed="digits, spaces and + - ( ) . x /, such as +1 (312) 555-0100",
        )
    return text
