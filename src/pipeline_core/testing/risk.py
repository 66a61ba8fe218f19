"""
Hypothesis strategies for the risk engine: valid rule set configurations and hostile text.

:func:`rule_configs` draws plain data that :meth:`pipeline_core.RuleSet.from_dict`
accepts — built-in parameters, scoring and declarative rules over registered
facts — so tests can prove round trips and mutate valid data into invalid
data. :func:`hostile_texts` draws the strings that break careless HTML and
templates.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import string
import unicodedata
from typing import Any

from hypothesis import strategies as st

from pipeline_core.facts import FACTS, FactSpec, FactType
from pipeline_core.rules import BUILTIN_RULES, Operator
from pipeline_core.testing.strategies import texts

__all__ = ["conditions", "declarative_rules", "hostile_texts", "rule_configs"]

_HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\"'&<>",
    "${x}",
    "${live}",
    "{0.__class__}",
    "{0.__class__.__mro__}",
    "__import__('os').system('echo owned')",
    "</td></tr></table><b>bold</b>",
)


def _keeps_the_policy(text: str) -> bool:
    # Pieces that keep the text policy may break it once joined (a letter and a
    # combining accent are not in NFC): keep the joined texts that still keep it.
    return bool(text.strip()) and unicodedata.is_normalized("NFC", text)


def hostile_texts() -> st.SearchStrategy[str]:
    """
    Text that breaks careless HTML and templates: markup, quotes, placeholders, code.

    At most 100 characters, so it fits any name or title field.

    .. versionadded:: 0.1.0
    """
    return st.sampled_from(_HOSTILE) | st.builds(
        "".join, st.lists(st.sampled_from(_HOSTILE) | texts(max_size=5), min_size=1, max_size=4)
    ).map(lambda text: text[:100]).filter(_keeps_the_policy)


_NUMBER_OPS = ("<", "<=", ">", ">=", "==", "!=")
_TEXT_OPS = ("==", "!=", "in", "not in")
_NULL_OPS = ("is null", "not null")
_numbers = st.integers(-100, 100) | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
_short_texts = texts(min_size=0, max_size=12) | st.sampled_from(["software", "Chicago", "Acme"])


@st.composite
def _comparison(draw: st.DrawFn) -> dict[str, Any]:
    # Draw the type first, so the few flags and names are drawn as often as the many numbers.
    kind = draw(st.sampled_from(list(FactType)))
    spec: FactSpec = draw(st.sampled_from([s for s in FACTS.values() if s.type is kind]))
    if spec.type is FactType.TEXT:
        ops: tuple[str, ...] = _TEXT_OPS
    elif spec.type is FactType.BOOL:
        ops = ("==", "!=")
    else:
        ops = _NUMBER_OPS
    if spec.optional:
        ops += _NULL_OPS
    op = draw(st.sampled_from(ops))
    out: dict[str, Any] = {"fact": spec.name, "op": op}
    if not Operator(op).takes_value:
        return out
    if spec.type is FactType.BOOL:
        out["value"] = draw(st.booleans())
    elif spec.type is FactType.TEXT:
        out["value"] = (
            draw(st.lists(_short_texts, min_size=1, max_size=4))
            if op in ("in", "not in")
            else draw(_short_texts)
        )
    else:
        out["value"] = draw(_numbers)
    return out


def conditions(*, max_leaves: int = 8) -> st.SearchStrategy[dict[str, Any]]:
    """
    Valid declarative conditions: comparisons over registered facts, combined with all/any/not.

    .. versionadded:: 0.1.0
    """
    return st.recursive(
        _comparison(),
        lambda children: (
            st.builds(lambda items: {"all": items}, st.lists(children, min_size=1, max_size=3))
            | st.builds(lambda items: {"any": items}, st.lists(children, min_size=1, max_size=3))
            | st.builds(lambda item: {"not": item}, children)
        ),
        max_leaves=max_leaves,
    )


_ids = st.builds(
    "{}{}{}".format,
    st.sampled_from(string.ascii_lowercase),
    st.text(string.ascii_lowercase + string.digits, max_size=8),
    st.sampled_from(["", "-a", "-rule", "-2"]),
).filter(lambda rule_id: rule_id not in BUILTIN_RULES)
_numeric_facts = [name for name, spec in FACTS.items() if spec.is_number]


def _templates() -> st.SearchStrategy[str]:
    placeholder = st.sampled_from(["strength", *FACTS]).map(lambda name: "${" + name + "}")
    plain = st.text(string.ascii_letters + " .,:;!?-'\"<>&{}()", max_size=20)
    parts = st.lists(plain | placeholder | st.just("$$"), max_size=4)
    return st.builds(
        lambda head, rest: head + "".join(rest), st.sampled_from(["Note: ", "A "]), parts
    )


@st.composite
def declarative_rules(draw: st.DrawFn, *, rule_id: str | None = None) -> dict[str, Any]:
    """
    Valid declarative rules as plain data (an id, a condition, templates, options).

    .. versionadded:: 0.1.0
    """
    out: dict[str, Any] = {
        "id": rule_id if rule_id is not None else draw(_ids),
        "when": draw(conditions()),
        "message": draw(_templates()),
        "action": draw(_templates()),
    }
    if draw(st.booleans()):
        out["title"] = draw(texts())
    if draw(st.booleans()):
        out["weight"] = draw(st.integers(0, 100) | st.floats(0, 100))
    if draw(st.booleans()):
        start = draw(st.integers(-50, 50))
        out["strength"] = {
            "fact": draw(st.sampled_from(_numeric_facts)),
            "from": start,
            "to": start + draw(st.sampled_from([-10, -1, 1, 5, 30])),
        }
    if draw(st.booleans()):
        out["enabled"] = draw(st.booleans())
    if draw(st.booleans()):
        out["overlaps"] = draw(st.lists(st.sampled_from(list(BUILTIN_RULES)), max_size=2))
    return out


_PARAMETER_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "weight": st.integers(0, 100) | st.floats(0, 100),
    "days": st.integers(1, 60) | st.floats(0.5, 60),
    "share": st.floats(0, 0.99),
    "fraction": st.floats(0, 1),
    "positive": st.floats(1.01, 100),
    "rate": st.floats(0, 50),
    "count": st.integers(1, 10),
}


@st.composite
def _builtin_parameters(draw: st.DrawFn, rule_id: str) -> dict[str, Any]:
    rule_class = BUILTIN_RULES[rule_id]
    specs = {spec.name: spec for spec in rule_class.parameter_specs()}
    out: dict[str, Any] = {}
    for name, spec in specs.items():
        if draw(st.booleans()):
            out[name] = draw(_PARAMETER_VALUES[spec.kind])
    if "full_days" in specs and ("full_days" in out or "days" in out):
        days = out.get("days", specs["days"].default)
        out["full_days"] = days + draw(st.integers(1, 30))
    if draw(st.booleans()):
        out["enabled"] = draw(st.booleans())
    return out


@st.composite
def rule_configs(draw: st.DrawFn, *, max_rules: int = 4) -> dict[str, Any]:
    """
    Valid rule set configurations: scoring, built-in parameters and declarative rules.

    .. versionadded:: 0.1.0
    """
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        scoring: dict[str, Any] = {}
        if draw(st.booleans()):
            scoring["method"] = draw(st.sampled_from(["saturating", "capped"]))
        if draw(st.booleans()):
            scoring["scale"] = draw(st.floats(0.5, 50))
        if draw(st.booleans()):
            low = draw(st.integers(0, 30))
            scoring["levels"] = [low, low + draw(st.integers(1, 30)), low + 60]
        out["scoring"] = scoring
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(list(BUILTIN_RULES)), unique=True, max_size=4))
        out["builtin"] = {rule_id: draw(_builtin_parameters(rule_id)) for rule_id in chosen}
    if draw(st.booleans()):
        ids = draw(st.lists(_ids, unique=True, max_size=max_rules))
        out["rules"] = [draw(declarative_rules(rule_id=rule_id)) for rule_id in ids]
    return out
