"""
Rule sets: which rules run, with which parameters, and how they are scored.

A :class:`RuleSet` holds rules — the ten built-in ones (see
:mod:`pipeline_core.rules._catalog`), declarative rules loaded from plain data, and
rules written in Python — plus the set of disabled ids and the
:class:`~pipeline_core.rules.Scoring`. It is immutable: ``disable``,
``configure``, ``with_rule`` and friends return a new set.

**Plain data.** :meth:`RuleSet.from_dict` builds a rule set from what an app
loaded from TOML, JSON or a database::

    {
      "scoring": {"method": "saturating", "scale": 6, "levels": [25, 50, 75]},
      "builtin": {"search-stalled": {"days": 10, "weight": 2},
                  "sunk-weeks": {"enabled": false}},
      "rules": [
        {"id": "no-interviews",
         "title": "No interviews",
         "when": {"all": [{"fact": "live_advanced", "op": "==", "value": 0},
                          {"not": {"fact": "live", "op": "==", "value": 0}}]},
         "strength": {"fact": "live", "from": 10, "to": 0},
         "weight": 2,
         "message": "${live} applications out and no interview yet.",
         "action": "Ask for referrals for the roles you applied to."}
      ]
    }

Every key is optional at the top; a built-in rule that is not listed keeps its
defaults. A declarative rule's ``when`` is a condition over registered facts
(:data:`~pipeline_core.facts.FACTS`): a comparison ``{"fact", "op",
"value"}`` with an operator from the closed set of
:class:`~pipeline_core.rules.Operator`, or ``{"all": [...]}``, ``{"any":
[...]}``, ``{"not": ...}``. Its message and action are templates whose
``${name}`` placeholders name registered facts (or ``strength``); write
``$$`` for a dollar sign.

**Safe by construction.** The data is validated when it is loaded, and
refused with a :class:`~pipeline_core.exceptions.RuleConfigError` naming the
path of the first problem: unknown keys, facts or operators, values of the
wrong type, templates naming unknown fields, and absurd sizes (more than
:data:`MAX_RULES` rules, conditions nested deeper than :data:`MAX_DEPTH`,
more than :data:`MAX_CONDITIONS` conditions in a rule, texts longer than
:data:`MAX_TEXT`). Nothing in the data is ever executed: no ``eval`` or
``exec``, no attribute looked up by a name from the data (facts are read from
a dict), no regular expression and no ``str.format`` built from the data
(templates are substituted by :meth:`string.Template.safe_substitute` over
the whitelist of fact names).

**Identity.** :attr:`RuleSet.identity` is ``"sha256:"`` and the SHA-256 of the
canonical JSON of the configuration, so a report says exactly which rules
made it; two rule sets are equal when their identities are.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import json
import operator
import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, cast

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InputError, InvalidValueError, RuleConfigError, WrongTypeError
from pipeline_core.facts import FACTS, Facts, FactType, Scalar
from pipeline_core.rules._catalog import (
    BUILTIN_RULES,
    Evidence,
    Finding,
    Firing,
    Operator,
    Rule,
    format_value,
)
from pipeline_core.rules._scoring import RiskLevel, Scoring, rank_hits, score_findings

__all__ = [
    "MAX_CHILDREN",
    "MAX_CHOICES",
    "MAX_CONDITIONS",
    "MAX_DEPTH",
    "MAX_RULES",
    "MAX_TEXT",
    "AllOf",
    "AnyOf",
    "Comparison",
    "Condition",
    "DeclarativeRule",
    "Not",
    "Predicate",
    "Ramp",
    "RuleSet",
    "default_rules",
]

MAX_RULES: Final = 100
"""The most declarative rules in one rule set."""
MAX_DEPTH: Final = 8
"""The deepest nesting of ``all``/``any``/``not`` in one condition."""
MAX_CONDITIONS: Final = 64
"""The most condition nodes (comparisons and combinations) in one rule."""
MAX_CHILDREN: Final = 32
"""The most conditions in one ``all`` or ``any``."""
MAX_CHOICES: Final = 32
"""The most values in one ``in`` or ``not in`` list."""
MAX_TEXT: Final = 1_000
"""The longest message or action template, in characters."""
MAX_TITLE: Final = 120
"""The longest title, in characters."""
MAX_ID: Final = 64
"""The longest rule id, in characters."""
MAX_OVERLAPS: Final = 16
"""The most ids in a rule's ``overlaps``."""
MAX_VALUE_TEXT: Final = 200
"""The longest text value compared with a text fact."""

TEMPLATE_FIELDS: Final = frozenset(FACTS) | {"strength"}
"""The names a message or action template may use: every registered fact, and ``strength``."""

_ERROR = RuleConfigError
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def _check_id(value: object, path: str) -> str:
    """
    Return ``value`` if it is a rule id: lowercase letters, digits and single dashes.
    """
    allowed = f"lowercase letters, digits and dashes, starting with a letter, at most {MAX_ID}"
    text = _checks.read_text(value, path, error=_ERROR, max_length=MAX_ID)
    if not set(text) <= _ID_CHARS or not text[0].isalpha() or text.endswith("-") or "--" in text:
        raise RuleConfigError("not a rule id", path=path, received=text, allowed=allowed)
    return text


def _reraise(error: InputError, prefix: str) -> RuleConfigError:
    """
    Return a RuleConfigError for a domain error raised while building the object at ``prefix``.
    """
    path = _checks.join_path(prefix, error.path) if error.path else prefix
    return RuleConfigError(error.problem, path=path, received=error.received, allowed=error.allowed)


# -- conditions -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Comparison:
    """
    A condition that compares one registered fact with a value: ``fact <op> value``.

    Args:
        fact: A name from :data:`~pipeline_core.facts.FACTS`.
        op: An :class:`~pipeline_core.rules.Operator`.
        value: The value compared with (a tuple for ``in``/``not in``;
            ``None`` for ``is null``/``not null``).

    .. versionadded:: 0.1.0
    """

    fact: str
    op: Operator
    value: Scalar | tuple[str, ...] = None

    def to_dict(self) -> dict[str, Any]:
        """
        Return the condition as plain data.
        """
        out: dict[str, Any] = {"fact": self.fact, "op": self.op.value}
        if self.op.takes_value:
            out["value"] = list(self.value) if isinstance(self.value, tuple) else self.value
        return out


@attrs.frozen(kw_only=True)
class AllOf:
    """
    A condition that holds when every one of its conditions holds.

    .. versionadded:: 0.1.0
    """

    conditions: tuple[Condition, ...]

    def to_dict(self) -> dict[str, Any]:
        """
        Return the condition as plain data.
        """
        return {"all": [condition.to_dict() for condition in self.conditions]}


@attrs.frozen(kw_only=True)
class AnyOf:
    """
    A condition that holds when at least one of its conditions holds.

    .. versionadded:: 0.1.0
    """

    conditions: tuple[Condition, ...]

    def to_dict(self) -> dict[str, Any]:
        """
        Return the condition as plain data.
        """
        return {"any": [condition.to_dict() for condition in self.conditions]}


@attrs.frozen(kw_only=True)
class Not:
    """
    A condition that holds when its condition fails (comparisons with a null fact stay false).

    A ``not`` is pushed down to the comparisons when the rule is loaded
    (``not (a < 3)`` is ``a >= 3``), so a comparison with a missing fact is
    false under ``not`` too; test for a missing fact with ``is null``.

    .. versionadded:: 0.1.0
    """

    condition: Condition

    def to_dict(self) -> dict[str, Any]:
        """
        Return the condition as plain data.
        """
        return {"not": self.condition.to_dict()}


Condition = Comparison | AllOf | AnyOf | Not
"""A declarative rule's condition."""

# The normal form evaluated at run time: negations pushed down to the comparisons.
_LEAF, _ALL, _ANY = 0, 1, 2
_Compiled = tuple[Any, ...]


def _compile(condition: Condition, *, negate: bool = False) -> _Compiled:
    match condition:
        case Comparison(fact=fact, op=op, value=value):
            return (_LEAF, fact, op.negated if negate else op, value)
        case AllOf(conditions=items):
            kind = _ANY if negate else _ALL
            return (kind, tuple(_compile(item, negate=negate) for item in items))
        case AnyOf(conditions=items):
            kind = _ALL if negate else _ANY
            return (kind, tuple(_compile(item, negate=negate) for item in items))
        case Not(condition=inner):
            return _compile(inner, negate=not negate)
    raise AssertionError(condition)  # pragma: no cover - the match is exhaustive


def _holds(node: _Compiled, values: Mapping[str, Scalar], out: list[Evidence]) -> bool:
    """
    Evaluate a compiled condition; append the evidence of the comparisons that made it hold.
    """
    if node[0] == _LEAF:
        _, fact, op, threshold = node
        value = values[fact]
        if op.holds(value, threshold):
            out.append(Evidence(fact=fact, op=op, value=value, threshold=threshold))
            return True
        return False
    mark = len(out)
    if node[0] == _ALL:
        for child in node[1]:
            if not _holds(child, values, out):
                del out[mark:]
                return False
        return True
    held = False
    for child in node[1]:
        start = len(out)
        if _holds(child, values, out):
            held = True
        else:
            del out[start:]
    return held


# The yes/no predicate that decides whether a rule fires is built from closures, each
# reading the facts from the values dict: a comparison costs one dict lookup and one C
# call, and an ``all``/``any`` of plain comparisons runs as one loop with no nested
# calls (the common shape). Evidence is collected by ``_holds`` only when a rule fires.
# Closures do not pickle: ``DeclarativeRule.__reduce__`` rebuilds them on arrival.

Predicate = Callable[[Mapping[str, Scalar]], bool]
"""A compiled condition: answers whether it holds for the facts' scalar values."""

_Leaf = tuple[str, Callable[[Any, Any], bool], Any]  # (fact, C comparison, threshold)

_OPERATOR_FUNCTIONS: Mapping[Operator, Callable[[Any, Any], bool]] = {
    Operator.LT: operator.lt,
    Operator.LE: operator.le,
    Operator.GT: operator.gt,
    Operator.GE: operator.ge,
    Operator.EQ: operator.eq,
    Operator.NE: operator.ne,
}


def _comparison(fact: str, compare: Callable[[Any, Any], bool], threshold: Any) -> Predicate:  # noqa: ANN401
    def holds(values: Mapping[str, Scalar]) -> bool:
        value = values[fact]
        if value is None:
            return False  # a missing fact compares false, as in Operator.holds
        try:
            return compare(value, threshold)
        except TypeError:  # a number against a text: never true
            return False

    return holds


def _test(fact: str, op: Operator, threshold: Any) -> Predicate:  # noqa: ANN401
    def holds(values: Mapping[str, Scalar]) -> bool:  # in, not in, the null tests
        return op.holds(values[fact], threshold)

    return holds


def _all_comparisons(leaves: tuple[_Leaf, ...]) -> Predicate:
    def holds(values: Mapping[str, Scalar]) -> bool:
        for fact, compare, threshold in leaves:
            value = values[fact]
            if value is None:
                return False
            try:
                if not compare(value, threshold):
                    return False
            except TypeError:
                return False
        return True

    return holds


def _any_comparisons(leaves: tuple[_Leaf, ...]) -> Predicate:
    def holds(values: Mapping[str, Scalar]) -> bool:
        for fact, compare, threshold in leaves:
            value = values[fact]
            if value is None:
                continue
            try:
                if compare(value, threshold):
                    return True
            except TypeError:
                continue
        return False

    return holds


def _every(children: tuple[Predicate, ...]) -> Predicate:
    def holds(values: Mapping[str, Scalar]) -> bool:
        for child in children:  # noqa: SIM110 - a loop is faster than all() of a generator
            if not child(values):
                return False
        return True

    return holds


def _some(children: tuple[Predicate, ...]) -> Predicate:
    def holds(values: Mapping[str, Scalar]) -> bool:
        for child in children:  # noqa: SIM110 - a loop is faster than any() of a generator
            if child(values):
                return True
        return False

    return holds


def _leaf(node: _Compiled) -> _Leaf | None:
    """
    Return a comparison node as (fact, C comparison, threshold), or None if it is another test.
    """
    if node[0] != _LEAF or node[2] not in _OPERATOR_FUNCTIONS:
        return None
    _, fact, op, threshold = node
    return fact, _OPERATOR_FUNCTIONS[op], threshold


def _predicate(node: _Compiled) -> Predicate:
    """
    Turn a compiled condition into a closure that answers whether it holds.
    """
    if node[0] == _LEAF:
        leaf = _leaf(node)
        if leaf is None:
            return _test(*node[1:])
        return _comparison(*leaf)
    leaves = tuple(_leaf(child) for child in node[1])
    if all(leaf is not None for leaf in leaves):  # only comparisons: one loop, no nested calls
        plain = cast("tuple[_Leaf, ...]", leaves)
        return _all_comparisons(plain) if node[0] == _ALL else _any_comparisons(plain)
    children = tuple(_predicate(child) for child in node[1])
    return _every(children) if node[0] == _ALL else _some(children)


class _Budget:
    """
    Counts the condition nodes of one rule while it is read.
    """

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_CONDITIONS

    def spend(self, path: str) -> None:
        self.left -= 1
        if self.left < 0:
            raise RuleConfigError(
                "too many conditions in one rule",
                path=path,
                received=f"more than {MAX_CONDITIONS}",
                allowed=f"at most {MAX_CONDITIONS}",
            )


_COMBINATIONS = frozenset({"all", "any", "not"})
_COMPARISON_KEYS = frozenset({"fact", "op"})
_TEXT_OPS = frozenset({Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN})
_BOOL_OPS = frozenset({Operator.EQ, Operator.NE})
_NULL_OPS = frozenset({Operator.IS_NULL, Operator.NOT_NULL})
_NUMBER_OPS = frozenset({Operator.LT, Operator.LE, Operator.GT, Operator.GE}) | _BOOL_OPS


def _condition_from(data: object, path: str, depth: int, budget: _Budget) -> Condition:
    if depth > MAX_DEPTH:
        raise RuleConfigError(
            "conditions nested too deep",
            path=path,
            received=f"depth {depth}",
            allowed=f"at most {MAX_DEPTH} levels of all/any/not",
        )
    budget.spend(path)
    fields = _checks.read_mapping(data, path, error=_ERROR, open_keys=True)
    combination = _COMBINATIONS & fields.keys()
    if not combination:
        return _comparison_from(fields, path)
    key = min(combination)
    _checks.read_mapping(fields, path, error=_ERROR, required=frozenset({key}))
    where = _checks.join_path(path, key)
    if key == "not":
        return Not(condition=_condition_from(fields[key], where, depth + 1, budget))
    items = _checks.read_sequence(fields[key], where, error=_ERROR, max_items=MAX_CHILDREN)
    if not items:
        raise RuleConfigError(
            f"an empty {key!r}", path=where, received=[], allowed="at least one condition"
        )
    conditions = tuple(
        _condition_from(item, f"{where}[{index}]", depth + 1, budget)
        for index, item in enumerate(items)
    )
    return AllOf(conditions=conditions) if key == "all" else AnyOf(conditions=conditions)


def _fact_name(value: object, path: str, *, numeric: bool = False) -> str:
    name = _checks.read_text(value, path, error=_ERROR, max_length=MAX_ID)
    spec = FACTS.get(name)
    if spec is None or (numeric and not spec.is_number):
        kind = "numeric " if numeric else ""
        names = [n for n, s in FACTS.items() if s.is_number or not numeric]
        raise RuleConfigError(
            f"unknown {kind}fact", path=path, received=name, allowed=", ".join(names)
        )
    return name


def _comparison_from(fields: Mapping[str, Any], path: str) -> Comparison:
    _checks.read_mapping(
        fields,
        path,
        error=_ERROR,
        required=_COMPARISON_KEYS,
        optional=frozenset({"value"}),
    )
    fact = _fact_name(fields["fact"], _checks.join_path(path, "fact"))
    spec = FACTS[fact]
    where = _checks.join_path(path, "op")
    raw_op = fields["op"]
    operators = {member.value: member for member in Operator}
    if not isinstance(raw_op, str) or raw_op not in operators:
        raise RuleConfigError(
            "unknown operator", path=where, received=raw_op, allowed=", ".join(operators)
        )
    op = operators[raw_op]
    if spec.type is FactType.TEXT:
        allowed_ops = _TEXT_OPS
    elif spec.type is FactType.BOOL:
        allowed_ops = _BOOL_OPS
    else:
        allowed_ops = _NUMBER_OPS
    if spec.optional:
        allowed_ops |= _NULL_OPS
    if op not in allowed_ops:
        raise RuleConfigError(
            f"operator not allowed for the {spec.type.value} fact {fact!r}",
            path=where,
            received=raw_op,
            allowed=", ".join(sorted(o.value for o in allowed_ops)),
        )
    where = _checks.join_path(path, "value")
    if not op.takes_value:
        if "value" in fields:
            raise RuleConfigError(
                f"{op.value!r} takes no value",
                path=where,
                received=fields["value"],
                allowed="no 'value' key",
            )
        return Comparison(fact=fact, op=op)
    if "value" not in fields:
        raise RuleConfigError("missing key", path=where, received=None, allowed="a value")
    return Comparison(fact=fact, op=op, value=_value_from(fields["value"], where, spec.type, op))


def _value_from(value: object, path: str, kind: FactType, op: Operator) -> Scalar | tuple[str, ...]:
    if kind is FactType.BOOL:
        return _checks.read_boolean(value, path, error=_ERROR)
    if kind is FactType.TEXT:
        if op in (Operator.IN, Operator.NOT_IN):
            items = _checks.read_sequence(value, path, error=_ERROR, max_items=MAX_CHOICES)
            if not items:
                raise RuleConfigError(
                    "an empty list", path=path, received=[], allowed="at least one value"
                )
            return tuple(
                _checks.read_text(
                    item,
                    f"{path}[{index}]",
                    error=_ERROR,
                    max_length=MAX_VALUE_TEXT,
                    allow_blank=True,
                )
                for index, item in enumerate(items)
            )
        return _checks.read_text(
            value, path, error=_ERROR, max_length=MAX_VALUE_TEXT, allow_blank=True
        )
    return _checks.read_number(value, path, error=_ERROR, minimum=-1e12, maximum=1e12)


# -- declarative rules ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Ramp:
    """
    A graded strength: linear in a numeric fact, 0 at ``start`` and 1 at ``end``.

    ``end`` may be below ``start`` (strength grows as the fact falls). Outside
    the range the strength stays at 0 or 1; a null fact gives 1.

    Args:
        fact: A numeric fact from :data:`~pipeline_core.facts.FACTS`.
        start: The fact's value at strength 0 (``"from"`` in plain data).
        end: The fact's value at strength 1 (``"to"`` in plain data).

    .. versionadded:: 0.1.0
    """

    fact: str
    start: float
    end: float

    def strength(self, values: Mapping[str, Scalar]) -> float:
        """
        Return the strength for the facts ``values``.
        """
        value = values[self.fact]
        if not isinstance(value, int | float):
            return 1.0
        return min(1.0, max(0.0, (value - self.start) / (self.end - self.start)))

    def to_dict(self) -> dict[str, Any]:
        """
        Return the ramp as plain data.
        """
        return {"fact": self.fact, "from": self.start, "to": self.end}


def _template(value: object, path: str) -> str:
    text = _checks.read_text(value, path, error=_ERROR, max_length=MAX_TEXT)
    template = string.Template(text)
    if not template.is_valid():
        raise RuleConfigError(
            "invalid placeholder in template",
            path=path,
            received=text,
            allowed="${fact_name} or $fact_name placeholders; $$ for a dollar sign",
        )
    for name in template.get_identifiers():
        if name not in TEMPLATE_FIELDS:
            raise RuleConfigError(
                "the template names an unknown field",
                path=path,
                received=name,
                allowed="strength, " + ", ".join(FACTS),
            )
    return text


_RULE_REQUIRED = frozenset({"id", "when", "message", "action"})
_RULE_OPTIONAL = frozenset({"title", "weight", "strength", "enabled", "overlaps"})


@attrs.frozen(kw_only=True)
class DeclarativeRule:
    """
    A rule written as data: a condition over registered facts, a weight, templates.

    Build one with :meth:`from_dict` (or through :meth:`RuleSet.from_dict`);
    it is validated then, and evaluating it never runs anything from the data.

    Args:
        id: A unique id (lowercase letters, digits, dashes); not a built-in id.
        title: A short human title.
        condition: When the rule fires.
        weight: Points at full strength, in [0, 100].
        strength: A :class:`Ramp`, or ``None`` for full strength whenever it fires.
        message: The message template (``${fact}`` placeholders).
        action: The action template.
        overlaps: Ids of rules that say the same thing (only the stronger counts).

    .. versionadded:: 0.1.0
    """

    id: str
    title: str
    condition: Condition
    weight: float = 1.0
    strength: Ramp | None = None
    message: str
    action: str
    overlaps: frozenset[str] = frozenset()
    _compiled: _Compiled = attrs.field(init=False, eq=False, repr=False, hash=False)
    _predicate: Predicate = attrs.field(init=False, eq=False, repr=False, hash=False)
    _fields: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_compiled", _compile(self.condition))
        object.__setattr__(self, "_predicate", _predicate(self._compiled))
        names = set(string.Template(self.message).get_identifiers())
        names |= set(string.Template(self.action).get_identifiers())
        object.__setattr__(self, "_fields", tuple(sorted(names)))

    def __reduce__(self) -> tuple[Callable[..., DeclarativeRule], tuple[dict[str, Any]]]:
        """
        Pickle the rule as its fields; the compiled predicate (closures) is rebuilt on arrival.
        """
        return _rebuild_rule, (attrs.asdict(self, recurse=False, filter=_is_init_field),)

    @property
    def predicate(self) -> Predicate:
        """
        The condition compiled into a function of the facts' scalar values.

        ``rule.predicate(facts.scalars())`` is ``True`` exactly when the rule
        fires on ``facts``; it builds no finding, so it is the fast way to ask
        the question of many facts (a comparison costs a dict lookup and a
        compare; an ``all``/``any`` of comparisons runs as one loop).

        .. versionadded:: 0.1.0
        """
        return self._predicate

    def evaluate(self, facts: Facts) -> Firing | None:
        """
        Return how the rule fires on ``facts``, or ``None`` when its condition fails.
        """
        values = facts.scalars()
        if not self._predicate(values):
            return None
        evidence: list[Evidence] = []
        _holds(self._compiled, values, evidence)
        strength = 1.0 if self.strength is None else self.strength.strength(values)
        fills = {
            name: format_value(strength if name == "strength" else values[name])
            for name in self._fields
        }
        return Firing(
            strength=strength,
            message=string.Template(self.message).safe_substitute(fills),
            action=string.Template(self.action).safe_substitute(fills),
            evidence=tuple(evidence),
        )

    def to_dict(self) -> dict[str, Any]:
        """
        Return the rule as plain data (without ``enabled``, which the rule set owns).
        """
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "when": self.condition.to_dict(),
            "weight": self.weight,
            "message": self.message,
            "action": self.action,
        }
        if self.strength is not None:
            out["strength"] = self.strength.to_dict()
        if self.overlaps:
            out["overlaps"] = sorted(self.overlaps)
        return out

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> DeclarativeRule:
        """
        Build a declarative rule from plain data (``enabled`` is accepted and ignored here).

        Args:
            data: The rule, as in the module's example.
            path: Where it sits in a larger document, for error messages.

        Returns:
            The validated rule.

        Raises:
            RuleConfigError: the data is not a valid rule; the error names the path.
        """
        fields = _checks.read_mapping(
            data, path, error=_ERROR, required=_RULE_REQUIRED, optional=_RULE_OPTIONAL
        )

        def at(key: str) -> str:
            return _checks.join_path(path, key)

        rule_id = _check_id(fields["id"], at("id"))
        if rule_id in BUILTIN_RULES:
            raise RuleConfigError(
                "a built-in rule's id",
                path=at("id"),
                received=rule_id,
                allowed="an id no built-in rule has (configure built-ins under 'builtin')",
            )
        title = _checks.read_text(
            fields.get("title", rule_id), at("title"), error=_ERROR, max_length=MAX_TITLE
        )
        weight = _checks.read_number(
            fields.get("weight", 1.0), at("weight"), error=_ERROR, minimum=0, maximum=100
        )
        if "enabled" in fields:
            _checks.read_boolean(fields["enabled"], at("enabled"), error=_ERROR)
        strength = None
        if "strength" in fields:
            strength = _ramp_from(fields["strength"], at("strength"))
        overlaps: frozenset[str] = frozenset()
        if "overlaps" in fields:
            items = _checks.read_sequence(
                fields["overlaps"], at("overlaps"), error=_ERROR, max_items=MAX_OVERLAPS
            )
            overlaps = frozenset(
                _check_id(item, f"{at('overlaps')}[{index}]") for index, item in enumerate(items)
            )
        return cls(
            id=rule_id,
            title=title,
            condition=_condition_from(fields["when"], at("when"), 1, _Budget()),
            weight=weight,
            strength=strength,
            message=_template(fields["message"], at("message")),
            action=_template(fields["action"], at("action")),
            overlaps=overlaps,
        )


def _is_init_field(attribute: attrs.Attribute[Any], _value: object) -> bool:
    return attribute.init


def _rebuild_rule(fields: dict[str, Any]) -> DeclarativeRule:
    """
    Unpickle a declarative rule: build it again from its fields (see ``__reduce__``).
    """
    return DeclarativeRule(**fields)


def _ramp_from(data: object, path: str) -> Ramp:
    fields = _checks.read_mapping(
        data, path, error=_ERROR, required=frozenset({"fact", "from", "to"})
    )
    fact = _fact_name(fields["fact"], _checks.join_path(path, "fact"), numeric=True)
    start = _checks.read_number(
        fields["from"], _checks.join_path(path, "from"), error=_ERROR, minimum=-1e12, maximum=1e12
    )
    end = _checks.read_number(
        fields["to"], _checks.join_path(path, "to"), error=_ERROR, minimum=-1e12, maximum=1e12
    )
    if start == end:
        raise RuleConfigError(
            "'from' and 'to' are equal",
            path=_checks.join_path(path, "to"),
            received=end,
            allowed=f"a number other than {start}",
        )
    return Ramp(fact=fact, start=start, end=end)


# -- rule sets --------------------------------------------------------------------------------


def _canonical(value: Any) -> Any:  # noqa: ANN401 - any plain data
    """
    Return plain data with integral floats written as integers, so 2 and 2.0 hash alike.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Mapping):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    return value


def _to_rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return _checks.check_tuple(value, field="rules")


def _to_ids(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise WrongTypeError(
            "expected a set of rule ids", path="disabled", received=value, allowed="a set of ids"
        )
    return frozenset(_checks.check_tuple(value, field="disabled"))


def _check_scoring(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, Scoring):
        raise WrongTypeError(
            "expected a Scoring", path="scoring", received=value, allowed="pipeline_core.Scoring"
        )


@attrs.frozen(kw_only=True, eq=False)
class RuleSet:
    """
    The rules an assessment runs, with their parameters, and how they are scored.

    Use :func:`default_rules` for the built-in catalog, :meth:`from_dict` for
    plain data, and the methods below to derive new sets; every method
    returns a new rule set. Two rule sets are equal when their
    :attr:`identity` is.

    Args:
        rules: The rules: built-in, declarative or any object of the
            :class:`~pipeline_core.rules.Rule` protocol; ids are unique.
        disabled: Ids of rules that do not run.
        scoring: How findings are turned into a score.

    Raises:
        RuleConfigError: two rules share an id, a rule id is malformed, a
            disabled id names no rule, or a rule lacks the protocol's members.

    .. versionadded:: 0.1.0
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_to_rules)
    disabled: frozenset[str] = attrs.field(default=frozenset(), converter=_to_ids)
    scoring: Scoring = attrs.field(factory=Scoring, validator=_check_scoring)
    _identity: str = attrs.field(init=False, repr=False)
    _canonical: dict[str, Any] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for position, rule in enumerate(self.rules):
            path = f"rules[{position}]"
            if not isinstance(rule, Rule):
                raise RuleConfigError(
                    "not a rule",
                    path=path,
                    received=rule,
                    allowed="an object with id, title, weight, overlaps and evaluate(facts)",
                )
            rule_id = _check_id(rule.id, f"{path}.id")
            if rule_id in seen:
                raise RuleConfigError(
                    "duplicate rule id",
                    path=f"{path}.id",
                    received=rule_id,
                    allowed="an id no other rule of the set has",
                )
            seen.add(rule_id)
            _checks.read_number(rule.weight, f"{path}.weight", error=_ERROR, minimum=0, maximum=100)
        unknown = sorted(self.disabled - seen)
        if unknown:
            raise RuleConfigError(
                "disabled ids name no rule",
                path="disabled",
                received=unknown,
                allowed=", ".join(sorted(seen)) or "none: the set is empty",
            )
        canonical = self._describe()
        # The order of the rules changes nothing in an assessment, so not the identity either.
        hashed = {
            key: sorted(value, key=lambda rule: rule["id"]) if key in ("rules", "python") else value
            for key, value in canonical.items()
        }
        text = json.dumps(
            _canonical(hashed), sort_keys=True, separators=(",", ":"), ensure_ascii=True
        )
        object.__setattr__(self, "_canonical", canonical)
        object.__setattr__(
            self, "_identity", "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()
        )

    def _describe(self) -> dict[str, Any]:
        """
        Return the full configuration: every built-in (absent ones disabled), every other rule.
        """
        present = {rule.id: rule for rule in self.rules}
        builtin: dict[str, Any] = {}
        for rule_id, rule_class in BUILTIN_RULES.items():
            rule = present.get(rule_id)
            if isinstance(rule, rule_class):
                builtin[rule_id] = {"enabled": rule_id not in self.disabled, **rule.parameters()}
            else:
                builtin[rule_id] = {"enabled": False, **rule_class().parameters()}
        declared = []
        python = []
        for rule in self.rules:
            if isinstance(rule, DeclarativeRule):
                declared.append({**rule.to_dict(), "enabled": rule.id not in self.disabled})
            elif not isinstance(rule, tuple(BUILTIN_RULES.values())):
                kind = type(rule)
                python.append(
                    {
                        "id": rule.id,
                        "class": f"{kind.__module__}.{kind.__qualname__}",
                        "repr": repr(rule),
                        "enabled": rule.id not in self.disabled,
                    }
                )
        scoring = self.scoring
        out: dict[str, Any] = {
            "scoring": {
                "method": scoring.method.value,
                "scale": scoring.scale,
                "levels": list(scoring.levels),
            },
            "builtin": builtin,
            "rules": declared,
        }
        if python:
            out["python"] = python
        return out

    def __eq__(self, other: object) -> bool:
        """
        Whether ``other`` is a rule set with the same identity.
        """
        if not isinstance(other, RuleSet):
            return NotImplemented
        return self._identity == other._identity

    def __hash__(self) -> int:
        """
        Hash by identity.
        """
        return hash(self._identity)

    # -- reading -------------------------------------------------------------------------------

    @property
    def identity(self) -> str:
        """
        ``"sha256:"`` and the SHA-256 of the canonical JSON of the configuration.

        Rules written in Python enter it by id, class and ``repr``: give them
        a stable ``repr`` (an ``attrs`` class has one) for a stable identity.
        """
        return self._identity

    @property
    def ids(self) -> tuple[str, ...]:
        """
        The ids of the rules, in order.
        """
        return tuple(rule.id for rule in self.rules)

    def get(self, rule_id: str) -> Rule:
        """
        Return the rule with id ``rule_id``.

        Raises:
            RuleConfigError: no rule has that id.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise RuleConfigError(
            "no rule has this id",
            path="rule_id",
            received=rule_id,
            allowed=", ".join(self.ids) or "none: the set is empty",
        )

    def is_enabled(self, rule_id: str) -> bool:
        """
        Whether the rule ``rule_id`` is in the set and runs.
        """
        return rule_id in self.ids and rule_id not in self.disabled

    # -- changes -------------------------------------------------------------------------------

    def disable(self, *rule_ids: str) -> RuleSet:
        """
        Return a new rule set where the rules ``rule_ids`` do not run.

        Raises:
            RuleConfigError: an id names no rule of the set.
        """
        for rule_id in rule_ids:
            self.get(rule_id)
        return attrs.evolve(self, disabled=self.disabled | set(rule_ids))

    def enable(self, *rule_ids: str) -> RuleSet:
        """
        Return a new rule set where the rules ``rule_ids`` run.

        Raises:
            RuleConfigError: an id names no rule of the set.
        """
        for rule_id in rule_ids:
            self.get(rule_id)
        return attrs.evolve(self, disabled=self.disabled - set(rule_ids))

    def configure(self, rule_id: str, **parameters: Any) -> RuleSet:  # noqa: ANN401
        """
        Return a new rule set where the rule ``rule_id`` has other parameters.

        Works for the built-in rules (thresholds and ``weight``), declarative
        rules and any rule that is an ``attrs`` class.

        Args:
            rule_id: The rule's id.
            **parameters: The parameters to change, such as ``days=10, weight=2``.

        Returns:
            The new rule set.

        Raises:
            RuleConfigError: no rule has that id, a parameter is unknown, or
                the rule is not an ``attrs`` class.
            InvalidValueError: a value is not allowed (``WrongTypeError`` for a
                wrong type), naming the parameter.
        """
        rule = self.get(rule_id)
        if not attrs.has(type(rule)):
            raise RuleConfigError(
                "this rule cannot be configured",
                path="rule_id",
                received=rule_id,
                allowed="a built-in, declarative or attrs rule",
            )
        kind = cast("type[attrs.AttrsInstance]", type(rule))
        names = {a.name for a in attrs.fields(kind) if a.init and not a.name.startswith("_")}
        for name in parameters:
            if name not in names or name == "id":
                raise RuleConfigError(
                    "unknown parameter",
                    path=name,
                    received=name,
                    allowed=", ".join(sorted(names - {"id"})),
                )
        changed = attrs.evolve(rule, **parameters)  # type: ignore[misc]
        return self._replace(changed)

    def with_rule(self, rule: Rule) -> RuleSet:
        """
        Return a new rule set with ``rule`` added at the end.

        Raises:
            RuleConfigError: a rule with the same id is already there, or
                ``rule`` is not a rule.
        """
        return attrs.evolve(self, rules=(*self.rules, rule))

    def replace(self, rule: Rule) -> RuleSet:
        """
        Return a new rule set where the rule with ``rule``'s id is ``rule``.

        Raises:
            RuleConfigError: no rule has that id.
        """
        self.get(rule.id)
        return self._replace(rule)

    def without(self, rule_id: str) -> RuleSet:
        """
        Return a new rule set without the rule ``rule_id``.

        Built-in rules are disabled rather than removed (a set always knows
        the whole catalog), so this is for declarative and Python rules.

        Raises:
            RuleConfigError: no rule has that id, or it is a built-in rule.
        """
        self.get(rule_id)
        if rule_id in BUILTIN_RULES:
            raise RuleConfigError(
                "built-in rules are disabled, not removed",
                path="rule_id",
                received=rule_id,
                allowed="a declarative or Python rule",
            )
        return attrs.evolve(
            self,
            rules=tuple(rule for rule in self.rules if rule.id != rule_id),
            disabled=self.disabled - {rule_id},
        )

    def with_scoring(self, scoring: Scoring) -> RuleSet:
        """
        Return a new rule set with another :class:`~pipeline_core.rules.Scoring`.
        """
        return attrs.evolve(self, scoring=scoring)

    def _replace(self, changed: Rule) -> RuleSet:
        return attrs.evolve(
            self, rules=tuple(changed if rule.id == changed.id else rule for rule in self.rules)
        )

    # -- running -------------------------------------------------------------------------------

    def evaluate(self, facts: Facts) -> tuple[float, RiskLevel, tuple[Finding, ...]]:
        """
        Run the enabled rules on ``facts`` and score what fires.

        Args:
            facts: The facts, from :func:`~pipeline_core.facts.compute_facts`.

        Returns:
            ``(score, level, findings)``, findings strongest first.

        Raises:
            InvalidValueError: a rule returned something other than a
                :class:`~pipeline_core.rules.Firing` with a strength in [0, 1].
        """
        hits = [
            (rule.id, rule.title, rule.weight, rule.overlaps, _built(firing))
            for rule, _, firing in self._run(facts)
        ]
        return score_findings(hits, self.scoring)

    def score(self, facts: Facts) -> tuple[float, RiskLevel, tuple[str, ...]]:
        """
        What :meth:`evaluate` gives, with the fired rules' ids in place of the findings.

        :func:`~pipeline_core.risk_history` needs no more at each step, so the
        built-in rules' messages and evidence are never written (see ``_run``).
        """
        score, ranked, _, _, _ = rank_hits(
            [
                (rule.id, rule.weight, rule.overlaps, strength, None)
                for rule, strength, _ in self._run(facts)
            ],
            self.scoring,
        )
        return score, self.scoring.level(score), tuple(hit[0] for hit in ranked)

    def _run(self, facts: Facts) -> list[tuple[Rule, float, Firing | _Build]]:
        """
        Run the enabled rules; return each one that fired (strength above 0) with its strength.

        Each comes with its :class:`~pipeline_core.rules.Firing`, or, for a
        built-in rule, the function that builds it: a built-in rule computes
        its strength first and its message and evidence only when asked.

        Raises:
            InvalidValueError: a rule returned something other than a
                :class:`~pipeline_core.rules.Firing` with a strength in [0, 1].
        """
        fired: list[tuple[Rule, float, Firing | _Build]] = []
        disabled = self.disabled
        for rule in self.rules:
            rule_id = rule.id
            if rule_id in disabled:
                continue
            firing: Firing | _Build
            # Exactly a built-in class: a subclass may override evaluate, which must then run.
            if rule.__class__ in _BUILTIN_CLASSES:
                lazy = rule._fire(facts)  # noqa: SLF001 - the built-in rules' own fast path
                if lazy is None:
                    continue
                strength, firing = lazy
            else:
                answer = rule.evaluate(facts)
                if answer is None:
                    continue
                if not isinstance(answer, Firing):
                    raise _invalid_firing(rule_id, answer)
                strength, firing = answer.strength, answer
            if not 0.0 <= strength <= 1.0:
                raise _invalid_firing(rule_id, _built(firing))
            if strength > 0:
                fired.append((rule, strength, firing))
        return fired

    # -- plain data ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """
        Return the rule set as plain data that :meth:`from_dict` reads back to an equal set.

        Every built-in rule is written with all its parameters and ``enabled``.

        Raises:
            RuleConfigError: the set holds rules written in Python, which have
                no plain-data form.
        """
        if "python" in self._canonical:
            names = [entry["id"] for entry in self._canonical["python"]]
            raise RuleConfigError(
                "rules written in Python have no plain-data form",
                path="rules",
                received=names,
                allowed="built-in and declarative rules",
            )
        copy: dict[str, Any] = json.loads(json.dumps(self._canonical))  # a deep copy
        return copy

    @classmethod
    def from_dict(cls, config: object) -> RuleSet:
        """
        Build a rule set from plain data, validating all of it first.

        Args:
            config: ``{"scoring": {...}, "builtin": {...}, "rules": [...]}``,
                every key optional (see the module's documentation).

        Returns:
            The rule set: the built-in catalog configured as asked, then the
            declarative rules in order.

        Raises:
            RuleConfigError: anything in the data is not allowed; the error
                names the path of the first problem.
        """
        top = _checks.read_mapping(
            config, "", error=_ERROR, optional=frozenset({"scoring", "builtin", "rules"})
        )
        scoring = _scoring_from(top.get("scoring", {}), "scoring")
        builtin = _checks.read_mapping(
            top.get("builtin", {}), "builtin", error=_ERROR, optional=frozenset(BUILTIN_RULES)
        )
        rules: list[Rule] = []
        disabled: set[str] = set()
        for rule_id, rule_class in BUILTIN_RULES.items():
            path = f"builtin.{rule_id}"
            names = frozenset(a.name for a in attrs.fields(rule_class))
            fields = _checks.read_mapping(
                builtin.get(rule_id, {}), path, error=_ERROR, optional=names | {"enabled"}
            )
            if not _checks.read_boolean(
                fields.get("enabled", True), f"{path}.enabled", error=_ERROR
            ):
                disabled.add(rule_id)
            parameters = {key: value for key, value in fields.items() if key != "enabled"}
            try:
                rules.append(rule_class(**parameters))
            except InputError as error:
                raise _reraise(error, path) from None
        items = _checks.read_sequence(
            top.get("rules", []), "rules", error=_ERROR, max_items=MAX_RULES
        )
        known = set(BUILTIN_RULES)
        declared: list[DeclarativeRule] = []
        for index, item in enumerate(items):
            path = f"rules[{index}]"
            rule = DeclarativeRule.from_dict(item, path)
            if rule.id in known:
                raise RuleConfigError(
                    "duplicate rule id",
                    path=f"{path}.id",
                    received=rule.id,
                    allowed="an id no other rule of the set has",
                )
            known.add(rule.id)
            declared.append(rule)
            if not item.get("enabled", True):
                disabled.add(rule.id)
        for index, rule in enumerate(declared):
            for other in sorted(rule.overlaps - known):
                raise RuleConfigError(
                    "overlaps names no rule of the set",
                    path=f"rules[{index}].overlaps",
                    received=other,
                    allowed=", ".join(sorted(known)),
                )
        return cls(rules=(*rules, *declared), disabled=frozenset(disabled), scoring=scoring)


def _scoring_from(data: object, path: str) -> Scoring:
    fields = _checks.read_mapping(
        data, path, error=_ERROR, optional=frozenset({"method", "scale", "levels"})
    )
    values: dict[str, Any] = dict(fields)
    if "levels" in fields:
        values["levels"] = _checks.read_sequence(
            fields["levels"], f"{path}.levels", error=_ERROR, max_items=len(RiskLevel) - 1
        )
    try:
        return Scoring(**values)
    except InputError as error:
        raise _reraise(error, path) from None


_Build = Callable[[], Firing]
_BUILTIN_CLASSES = frozenset(BUILTIN_RULES.values())


def _built(firing: Firing | _Build) -> Firing:
    return firing if isinstance(firing, Firing) else firing()


def _invalid_firing(rule_id: str, firing: object) -> InvalidValueError:
    return InvalidValueError(
        "a rule returned an invalid firing",
        path=f"rules[{rule_id!r}]",
        received=firing,
        allowed="None or a Firing with a strength in [0, 1]",
    )


_DEFAULT_RULES = RuleSet(rules=tuple(rule_class() for rule_class in BUILTIN_RULES.values()))


def default_rules() -> RuleSet:
    """
    Return the built-in catalog with its default parameters and the default scoring.

    Returns:
        The ten rules of SPEC §4, all enabled.

    .. versionadded:: 0.1.0
    """
    return _DEFAULT_RULES
