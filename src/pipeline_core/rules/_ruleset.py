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
defaults. A declarative rule (see :mod:`pipeline_core.rules._declarative`) has
a ``when``, a condition over registered facts
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
:data:`~pipeline_core.rules.MAX_RULES` rules, conditions nested deeper than
:data:`~pipeline_core.rules.MAX_DEPTH`, more than
:data:`~pipeline_core.rules.MAX_CONDITIONS` conditions in a rule, texts longer
than :data:`~pipeline_core.rules.MAX_TEXT`). Nothing in the data is ever executed: no ``eval`` or
``exec``, no attribute looked up by a name from the data (facts are read from
a dict), no regular expression and no ``str.format`` built from the data
(templates are substituted by :meth:`string.Template.safe_substitute` over
the whitelist of fact names).

**Identity.** :attr:`RuleSet.identity` is ``"sha256:"`` and the SHA-256 of the
canonical JSON of the configuration, so a report says exactly which rules
made it; two rule sets are equal when their identities are.

**Running.** :meth:`RuleSet.evaluate` runs the enabled rules and scores them
into findings; :meth:`RuleSet.score` gives the same score, level and fired ids
without building a finding (built-in rules then write no message, see
:meth:`~pipeline_core.rules._catalog.BuiltinRule.fire_lazily`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InputError, InvalidValueError, RuleConfigError, WrongTypeError
from pipeline_core.facts import Facts
from pipeline_core.rules._catalog import BUILTIN_RULES
from pipeline_core.rules._declarative import MAX_RULES, DeclarativeRule, check_rule_id
from pipeline_core.rules._model import Finding, Firing, Rule
from pipeline_core.rules._scoring import RiskLevel, Scoring, rank_hits, score_findings

__all__ = ["RuleSet", "default_rules"]

_ERROR = RuleConfigError


def _reraise(error: InputError, prefix: str) -> RuleConfigError:
    """
    Return a RuleConfigError for a domain error raised while building the object at ``prefix``.
    """
    path = _checks.join_path(prefix, error.path) if error.path else prefix
    return RuleConfigError(error.problem, path=path, received=error.received, allowed=error.allowed)


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
            rule_id = check_rule_id(rule.id, f"{path}.id")
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
        built-in rules' messages and evidence are never written (see
        :meth:`~pipeline_core.rules._catalog.BuiltinRule.fire_lazily`).

        Args:
            facts: The facts, from :func:`~pipeline_core.facts.compute_facts`.

        Returns:
            ``(score, level, ids)``: the score and level :meth:`evaluate` gives,
            and the ids of its findings, in the same order.

        Raises:
            InvalidValueError: a rule returned something other than a
                :class:`~pipeline_core.rules.Firing` with a strength in [0, 1].

        .. versionadded:: 0.1.0
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
                lazy = rule.fire_lazily(facts)
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
        declared = [
            DeclarativeRule.from_dict(item, f"rules[{index}]") for index, item in enumerate(items)
        ]
        repeat = _checks.first_repeat([*BUILTIN_RULES, *(rule.id for rule in declared)])
        if repeat is not None:
            index = repeat - len(BUILTIN_RULES)  # the built-in ids are distinct
            raise RuleConfigError(
                "duplicate rule id",
                path=f"rules[{index}].id",
                received=declared[index].id,
                allowed="an id no other rule of the set has",
            )
        known = {*BUILTIN_RULES, *(rule.id for rule in declared)}
        disabled.update(
            rule.id
            for rule, item in zip(declared, items, strict=True)
            if not item.get("enabled", True)
        )
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
