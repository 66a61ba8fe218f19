"""
Declarative rules: rules written as plain data, validated when they are loaded.

A :class:`DeclarativeRule` is a condition over registered facts
(:data:`~pipeline_core.facts.FACTS`), a weight, an optional graded strength
(:class:`Ramp`) and message and action templates. Its ``when`` is a
:class:`Comparison` ``{"fact", "op", "value"}`` with an operator from the
closed set of :class:`~pipeline_core.rules.Operator`, or ``{"all": [...]}``
(:class:`AllOf`), ``{"any": [...]}`` (:class:`AnyOf`), ``{"not": ...}``
(:class:`Not`). Its message and action are templates whose ``${name}``
placeholders name registered facts (or ``strength``); write ``$$`` for a
dollar sign. See :mod:`pipeline_core.rules._ruleset` for a whole rule set in
plain data.

**Safe by construction.** :meth:`DeclarativeRule.from_dict` refuses bad data
with a :class:`~pipeline_core.exceptions.RuleConfigError` naming the path of
the first problem: unknown keys, facts or operators, values of the wrong
type, templates naming unknown fields, and absurd sizes (conditions nested
deeper than :data:`MAX_DEPTH`, more than :data:`MAX_CONDITIONS` conditions in
a rule, texts longer than :data:`MAX_TEXT`; a rule set holds at most
:data:`MAX_RULES` rules). Nothing in the data is ever executed: no ``eval``
or ``exec``, no attribute looked up by a name from the data (facts are read
from a dict), no regular expression and no ``str.format`` built from the data
(templates are substituted by :meth:`string.Template.safe_substitute` over the
whitelist of fact names).

**How a condition runs.** When a rule is built its condition is put in a
normal form (:func:`normal_form`: negations pushed down to the comparisons,
``not (a < 3)`` being ``a >= 3``) and compiled into a :data:`Predicate`
(:func:`compile_predicate`), closures that answer yes or no without building
anything. Only when the rule fires does :func:`collect_evidence` walk the
normal form again to record which comparisons held. Both call each
operator's one definition (:attr:`Operator.test
<pipeline_core.rules.Operator.test>`), so they cannot disagree.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import RuleConfigError
from pipeline_core.facts import FACTS, Facts, FactType, Scalar
from pipeline_core.rules._catalog import BUILTIN_RULES
from pipeline_core.rules._model import Evidence, Firing, format_value
from pipeline_core.rules._operators import Operator, Predicate, Threshold, all_hold, any_holds

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
    "Group",
    "Leaf",
    "Node",
    "Not",
    "Predicate",
    "Ramp",
    "check_rule_id",
    "collect_evidence",
    "compile_predicate",
    "normal_form",
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


def check_rule_id(value: object, path: str) -> str:
    """
    Return ``value`` if it is a rule id: lowercase letters, digits and single dashes.
    """
    allowed = f"lowercase letters, digits and dashes, starting with a letter, at most {MAX_ID}"
    text = _checks.read_text(value, path, error=_ERROR, max_length=MAX_ID)
    if not set(text) <= _ID_CHARS or not text[0].isalpha() or text.endswith("-") or "--" in text:
        raise RuleConfigError("not a rule id", path=path, received=text, allowed=allowed)
    return text


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
# -- the normal form, its evidence and its compiled predicate ----------------------------------


@attrs.frozen
class Leaf:
    """
    One comparison of the normal form: ``fact <op> threshold``, with its predicate.
    """

    fact: str
    op: Operator
    threshold: Threshold
    holds: Predicate = attrs.field(init=False, eq=False, repr=False)
    """The comparison's predicate, from the operator's one definition (:meth:`Operator.predicate
    <pipeline_core.rules.Operator.predicate>`)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "holds", self.op.predicate(self.fact, self.threshold))


@attrs.frozen
class Group:
    """
    A combination of the normal form: all of ``children`` hold (``every``), or at least one.
    """

    every: bool
    children: tuple[Node, ...]


Node = Leaf | Group
"""A condition in normal form: no ``not``, only comparisons and all/any groups."""


def normal_form(condition: Condition, *, negate: bool = False) -> Node:
    """
    Return ``condition`` (negated if ``negate``) with its negations pushed down to the comparisons.

    ``not (a < 3)`` is ``a >= 3``, ``not all(...)`` is ``any(not ...)``: a
    comparison with a missing fact stays false under ``not``.
    """
    match condition:
        case Comparison(fact=fact, op=op, value=value):
            return Leaf(fact, op.negated if negate else op, value)
        case AllOf(conditions=items):
            return Group(not negate, tuple(normal_form(item, negate=negate) for item in items))
        case AnyOf(conditions=items):
            return Group(negate, tuple(normal_form(item, negate=negate) for item in items))
        case Not(condition=inner):
            return normal_form(inner, negate=not negate)
    raise AssertionError(condition)  # pragma: no cover - the match is exhaustive


def collect_evidence(node: Node, values: Mapping[str, Scalar], out: list[Evidence]) -> bool:
    """
    Return whether ``node`` holds for ``values``; append the evidence of what made it hold.

    An ``all`` that holds gives the evidence of every comparison; an ``any``
    gives the evidence of each of its conditions that holds. What a failed
    condition appended is taken back. Each comparison is asked through its
    predicate, the one the compiled condition (:func:`compile_predicate`) runs.
    """
    if isinstance(node, Leaf):
        if node.holds(values):
            value = values[node.fact]
            out.append(Evidence(fact=node.fact, op=node.op, value=value, threshold=node.threshold))
            return True
        return False
    mark = len(out)
    if node.every:
        for child in node.children:
            if not collect_evidence(child, values, out):
                del out[mark:]
                return False
        return True
    held = False
    for child in node.children:
        start = len(out)
        if collect_evidence(child, values, out):
            held = True
        else:
            del out[start:]
    return held


# The yes/no predicate that decides whether a rule fires is made of the predicates the
# operators module builds: a comparison, or an ``all``/``any`` of comparisons (the common
# shape), runs as one loop with a dict lookup and a compare per comparison; only an
# ``all``/``any`` over combinations calls nested predicates. Nothing is built: evidence is
# collected only when a rule fires. Closures do not pickle: ``DeclarativeRule.__reduce__``
# rebuilds them on arrival.


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


def compile_predicate(node: Node) -> Predicate:
    """
    Turn a condition in normal form into a function that answers whether it holds.

    It answers as :func:`collect_evidence` does, without the evidence: both
    are made of the predicates of :mod:`pipeline_core.rules._operators`.
    """
    if isinstance(node, Leaf):
        return node.holds
    leaves = [child for child in node.children if isinstance(child, Leaf)]
    if len(leaves) == len(node.children):  # only comparisons: one loop
        checks = [(leaf.fact, leaf.op, leaf.threshold) for leaf in leaves]
        return all_hold(checks) if node.every else any_holds(checks)
    children = tuple(compile_predicate(child) for child in node.children)
    return _every(children) if node.every else _some(children)


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
    _normal_form: Node = attrs.field(init=False, eq=False, repr=False, hash=False)
    _predicate: Predicate = attrs.field(init=False, eq=False, repr=False, hash=False)
    _fields: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_normal_form", normal_form(self.condition))
        object.__setattr__(self, "_predicate", compile_predicate(self._normal_form))
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
        collect_evidence(self._normal_form, values, evidence)
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

        rule_id = check_rule_id(fields["id"], at("id"))
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
                check_rule_id(item, f"{at('overlaps')}[{index}]")
                for index, item in enumerate(items)
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
