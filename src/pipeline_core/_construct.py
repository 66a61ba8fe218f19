"""
Constructors for the hot paths: what a frozen attrs class's ``__init__`` does, in fewer steps.

Why this module exists: decoding a search builds every event and opportunity, replaying
builds a state per opportunity and instant, and the facts build an object per opportunity
at every step of a risk history. A frozen attrs class stores each field through
``object.__setattr__`` (frozen classes refuse plain stores), which looks the attribute up
on the class every time; that lookup is most of the cost of a small object. The function
:func:`constructor` generates, once per class, a keyword-only function with the class's
own signature that runs the class's own converters, defaults, validators and
``__attrs_post_init__`` in attrs' order, and stores each value through the field's slot
descriptor (or the instance's ``__dict__``) fetched once. It checks everything the class
checks: it is the same constructor, written for speed, and
``tests/property/test_accelerated_paths.py`` proves that it builds equal objects and raises
the same errors. It is code generation in the manner of attrs' own ``_make``: the generated
source is built from the class's field names only, never from data.

Users build objects with the classes themselves; the library's hot paths call these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["constructor"]

T = TypeVar("T")


def constructor(cls: type[T]) -> Callable[..., T]:
    """
    Return a function that builds ``cls`` exactly as ``cls(**fields)`` does, faster.

    Args:
        cls: A frozen attrs class with keyword-only fields, plain (not ``Converter``)
            converters, plain or ``Factory`` defaults without ``takes_self``, and no
            ``__attrs_pre_init__``.

    Returns:
        The constructor, a keyword-only function with the fields of ``cls`` as arguments.

    Raises:
        TypeError: ``cls`` uses an attrs feature this module does not reproduce.
    """
    _check_supported(cls)
    fields = attrs.fields(cls)  # type: ignore[arg-type] # checked by _check_supported
    namespace: dict[str, Any] = {
        "_new": object.__new__,
        "_cls": cls,
        "_validators_disabled": attrs.validators.get_disabled,
        "_NOTHING": attrs.NOTHING,
    }
    slotted = "__slots__" in cls.__dict__ and "__dict__" not in cls.__dict__["__slots__"]
    lines = (
        ["    self = _new(_cls)"]
        if slotted
        else ["    self = _new(_cls)", "    _d = self.__dict__"]
    )
    arguments = [_argument(field, namespace) for field in fields if field.init]
    for field in fields:
        lines.extend(_store(cls, field, namespace, slotted=slotted))
    validated = [field for field in fields if field.validator is not None]
    if validated:
        lines.append("    if not _validators_disabled():")
        for field in validated:
            namespace[f"_validate_{field.name}"] = field.validator
            namespace[f"_field_{field.name}"] = field
            lines.append(f"        _validate_{field.name}(self, _field_{field.name}, {field.name})")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    self.__attrs_post_init__()")
    lines.append("    return self")
    source = f"def build(*, {', '.join(arguments)}):\n" + "\n".join(lines) + "\n"
    exec(compile(source, f"<pipeline_core constructor of {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - generated from field names, like attrs' own __init__
    build: Callable[..., T] = namespace["build"]
    build.__qualname__ = build.__name__ = f"build_{cls.__name__}"
    build.__doc__ = f"Build a :class:`{cls.__qualname__}` exactly as its constructor does."
    return build


def _check_supported(cls: type) -> None:
    if not attrs.has(cls) or "__attrs_pre_init__" in dir(cls):
        raise TypeError(f"{cls.__qualname__}: an attrs class without __attrs_pre_init__ expected")
    for field in attrs.fields(cls):
        default = field.default
        if not field.kw_only and field.init:
            raise TypeError(f"{cls.__qualname__}.{field.name}: only keyword-only fields")
        if isinstance(field.converter, attrs.Converter):
            raise TypeError(f"{cls.__qualname__}.{field.name}: only plain converters")
        if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
            raise TypeError(f"{cls.__qualname__}.{field.name}: no takes_self factories")


def _argument(field: attrs.Attribute[Any], namespace: dict[str, Any]) -> str:
    if field.default is attrs.NOTHING:
        return field.name
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        return f"{field.name}=_NOTHING"
    namespace[f"_default_{field.name}"] = field.default
    return f"{field.name}=_default_{field.name}"


def _store(
    cls: type, field: attrs.Attribute[Any], namespace: dict[str, Any], *, slotted: bool
) -> list[str]:
    name = field.name
    lines = []
    if not field.init:
        value = "_NOTHING" if field.default is attrs.NOTHING else f"_default_{name}"
        namespace[f"_default_{name}"] = field.default
        lines.append(f"    {name} = {value}")
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        namespace[f"_factory_{name}"] = field.default.factory  # type: ignore[union-attr]
        lines.append(f"    if {name} is _NOTHING:")
        lines.append(f"        {name} = _factory_{name}()")
    if field.converter is not None:
        namespace[f"_convert_{name}"] = field.converter
        lines.append(f"    {name} = _convert_{name}({name})")
    if field.default is attrs.NOTHING and not field.init:
        return lines  # attrs leaves such a field unset
    if slotted:
        namespace[f"_set_{name}"] = cls.__dict__[name].__set__
        lines.append(f"    _set_{name}(self, {name})")
    else:
        lines.append(f"    _d[{name!r}] = {name}")
    return lines
