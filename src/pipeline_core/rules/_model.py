"""
The rule model: what a rule is, what it returns when it fires, and what a report holds.

A rule (any object with the members of the :class:`Rule` protocol) reads
:class:`~pipeline_core.facts.Facts` and returns a :class:`Firing`, or ``None``
when it does not fire: a strength in [0, 1], the :class:`Evidence` that made
it fire (fact, operator, value, threshold and margin), a message rendered with
the real values, a recommended action and the opportunities concerned. The
rule set turns firings into scored :class:`Finding` objects (see
:mod:`pipeline_core.rules._scoring`). :class:`Parameter` describes one
parameter of a built-in rule for the catalog.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import DecodeError
from pipeline_core.facts import Facts, Scalar
from pipeline_core.rules._operators import Operator

__all__ = ["Evidence", "Finding", "Firing", "Parameter", "Rule", "format_value"]


# -- evidence ---------------------------------------------------------------------------------

_NUMBER_TYPES = (int, float)
_OPERATORS = frozenset(Operator)


def _margin(evidence: Evidence) -> float | None:
    # type() rather than isinstance(): a bool is not a number here, and this runs hot.
    value, threshold = evidence.value, evidence.threshold
    if type(value) in _NUMBER_TYPES and type(threshold) in _NUMBER_TYPES:
        return float(abs(value - threshold))  # type: ignore[operator]
    return None


def _to_operator(value: Operator | str) -> Operator:
    return value if value.__class__ is Operator else Operator(value)


def _to_threshold(value: Scalar | Iterable[Scalar]) -> Scalar | tuple[Scalar, ...]:
    if value.__class__ is list or value.__class__ is tuple:
        return tuple(value)
    return value  # type: ignore[return-value]


@attrs.frozen(kw_only=True)
class Evidence:
    """
    One fact that made a rule fire: ``fact <op> threshold`` held, by ``margin``.

    Args:
        fact: The fact's name: a registered scalar fact, or a per-opportunity
            fact (see :class:`~pipeline_core.facts.OpportunityFacts`) when
            ``opportunity_id`` is set.
        op: The comparison that held.
        value: The fact's value.
        threshold: What it was compared with (a tuple for ``in``/``not in``).
        margin: How far past the threshold, for numbers; computed when left out.
        opportunity_id: The opportunity a per-opportunity fact belongs to.

    .. versionadded:: 0.1.0
    """

    fact: str
    op: Operator = attrs.field(converter=_to_operator)
    value: Scalar
    threshold: Scalar | tuple[Scalar, ...] = attrs.field(converter=_to_threshold)
    margin: float | None = attrs.field(default=attrs.Factory(_margin, takes_self=True))
    opportunity_id: str | None = None

    @property
    def holds(self) -> bool:
        """
        Whether the comparison holds for the recorded value (always, for honest evidence).
        """
        return self.op.holds(self.value, self.threshold)

    def __str__(self) -> str:
        """
        Return the evidence as a short formula, such as ``live_advanced = 1 < 3``.
        """
        where = f"[{self.opportunity_id}]" if self.opportunity_id is not None else ""
        if not self.op.takes_value:
            return f"{self.fact}{where} {self.op.value}"
        return f"{self.fact}{where} = {format_value(self.value)} {self.op.value} " + (
            format_value(self.threshold)
        )

    def to_dict(self) -> dict[str, Any]:
        """
        Return the evidence as JSON-safe primitives.
        """
        threshold = self.threshold
        return {
            "fact": self.fact,
            "op": self.op.value,
            "value": self.value,
            "threshold": list(threshold) if isinstance(threshold, tuple) else threshold,
            "margin": self.margin,
            "opportunity_id": self.opportunity_id,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> Evidence:
        """
        Build evidence from :meth:`to_dict` output.

        Raises:
            DecodeError: the data is not valid evidence; the error names the path.
        """
        keys = frozenset({"fact", "op", "value", "threshold", "margin", "opportunity_id"})
        values = _checks.read_mapping(data, path, error=DecodeError, required=keys)
        op = values["op"]
        if op not in _OPERATORS:
            raise DecodeError(
                "unknown operator",
                path=_checks.join_path(path, "op"),
                received=op,
                allowed=", ".join(member.value for member in Operator),
            )
        threshold = values["threshold"]
        if isinstance(threshold, list):
            threshold = [
                _scalar(item, f"{_checks.join_path(path, 'threshold')}[{index}]")
                for index, item in enumerate(threshold)
            ]
        else:
            threshold = _scalar(threshold, _checks.join_path(path, "threshold"))
        return cls(
            fact=_checks.read_text(
                values["fact"], _checks.join_path(path, "fact"), error=DecodeError, max_length=200
            ),
            op=op,
            value=_scalar(values["value"], _checks.join_path(path, "value")),
            threshold=threshold,
            margin=_checks.read_optional_number(
                values["margin"], _checks.join_path(path, "margin"), error=DecodeError
            ),
            opportunity_id=_checks.read_optional_text(
                values["opportunity_id"],
                _checks.join_path(path, "opportunity_id"),
                error=DecodeError,
                max_length=_checks.MAX_NAME,
            ),
        )


def _scalar(value: object, path: str) -> Scalar:
    if value is None or isinstance(value, bool | str):
        return value
    return _checks.read_number(value, path, error=DecodeError)


def format_value(value: Scalar | tuple[Scalar, ...]) -> str:
    """
    Return a fact's value as short text: numbers to two decimals at most, ``null`` for None.

    .. versionadded:: 0.1.0
    """
    if isinstance(value, tuple):
        return "(" + ", ".join(format_value(item) for item in value) + ")"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(value)


# -- what a rule returns, and what the report holds -------------------------------------------


def _to_ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _to_evidence(value: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Firing:
    """
    What a rule returns when it fires: how strongly, why, and what to do.

    Args:
        strength: How strongly the rule fires, in [0, 1]; 0 counts as not firing.
        message: What is wrong, with the real values.
        action: What to do about it.
        evidence: The facts that made it fire.
        opportunity_ids: The opportunities concerned (may be empty).

    .. versionadded:: 0.1.0
    """

    strength: float
    message: str
    action: str
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_to_evidence)
    opportunity_ids: tuple[str, ...] = attrs.field(default=(), converter=_to_ids)


@attrs.frozen(kw_only=True)
class Finding:
    """
    One fired rule in a report: its strength, its part of the score, its reasons and the fix.

    Args:
        rule_id: The rule's id (``"single-basket"``, …).
        title: The rule's title.
        strength: How strongly it fired, in (0, 1].
        weight: The rule's weight in the rule set.
        points: What it adds to the score (0 when an overlapping, stronger
            finding already counts, see ``covered_by``).
        share: Its fraction of the score, in [0, 1]; the shares of a report
            add up to 1 when the score is above 0.
        message: What is wrong, with the real values.
        action: What to do about it.
        evidence: The facts, thresholds and margins that made it fire.
        opportunity_ids: The opportunities concerned.
        principal: Whether it is one of the (at most four) principal
            findings, as credit scores report their top reason codes.
        covered_by: The id of an overlapping rule that fired more strongly and
            counts instead of this one, or ``None``.

    .. versionadded:: 0.1.0
    """

    rule_id: str
    title: str
    strength: float
    weight: float
    points: float
    share: float
    message: str
    action: str
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_to_evidence)
    opportunity_ids: tuple[str, ...] = attrs.field(default=(), converter=_to_ids)
    principal: bool = False
    covered_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """
        Return the finding as JSON-safe primitives.
        """
        return {
            "rule_id": self.rule_id,
            "title": self.title,
            "strength": self.strength,
            "weight": self.weight,
            "points": self.points,
            "share": self.share,
            "message": self.message,
            "action": self.action,
            "evidence": [item.to_dict() for item in self.evidence],
            "opportunity_ids": list(self.opportunity_ids),
            "principal": self.principal,
            "covered_by": self.covered_by,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> Finding:
        """
        Build a finding from :meth:`to_dict` output.

        Raises:
            DecodeError: the data is not a valid finding; the error names the path.
        """
        values = _checks.read_mapping(data, path, error=DecodeError, required=_FINDING_KEYS)

        def at(key: str) -> str:
            return _checks.join_path(path, key)

        def text(key: str, max_length: int = _checks.MAX_TEXT) -> str:
            return _checks.read_text(values[key], at(key), error=DecodeError, max_length=max_length)

        def number(key: str, maximum: float) -> float:
            return _checks.read_number(
                values[key], at(key), error=DecodeError, minimum=0, maximum=maximum
            )

        evidence = _checks.read_sequence(
            values["evidence"], at("evidence"), error=DecodeError, max_items=10_000
        )
        ids = _checks.read_sequence(
            values["opportunity_ids"], at("opportunity_ids"), error=DecodeError, max_items=100_000
        )
        return cls(
            rule_id=text("rule_id", _checks.MAX_NAME),
            title=text("title", _checks.MAX_NAME),
            strength=number("strength", 1),
            weight=number("weight", math.inf),
            points=number("points", 100),
            share=number("share", 1),
            message=text("message"),
            action=text("action"),
            evidence=tuple(
                Evidence.from_dict(item, f"{at('evidence')}[{index}]")
                for index, item in enumerate(evidence)
            ),
            opportunity_ids=tuple(
                _checks.read_text(
                    item,
                    f"{at('opportunity_ids')}[{index}]",
                    error=DecodeError,
                    max_length=_checks.MAX_NAME,
                )
                for index, item in enumerate(ids)
            ),
            principal=_checks.read_boolean(values["principal"], at("principal"), error=DecodeError),
            covered_by=_checks.read_optional_text(
                values["covered_by"],
                at("covered_by"),
                error=DecodeError,
                max_length=_checks.MAX_NAME,
            ),
        )


_FINDING_KEYS = frozenset(attrs.fields_dict(Finding))


# -- the protocol -----------------------------------------------------------------------------


@runtime_checkable
class Rule(Protocol):
    """
    What the rule set needs of a rule: the protocol custom Python rules implement.

    A rule is a pure function of the facts: the same facts give the same
    firing, and it reads nothing else (no clock, no I/O, no history). An
    ``attrs`` frozen class is the natural shape; see :doc:`/how-to/custom-rules`.

    .. versionadded:: 0.1.0
    """

    @property
    def id(self) -> str:
        """
        A stable, unique id: lowercase letters, digits and dashes.
        """

    @property
    def title(self) -> str:
        """
        A short human title.
        """

    @property
    def weight(self) -> float:
        """
        The points the rule adds to the score's sum at full strength (>= 0).
        """

    @property
    def overlaps(self) -> frozenset[str]:
        """
        Ids of rules that say the same thing: when both fire, only the stronger counts.
        """

    def evaluate(self, facts: Facts) -> Firing | None:
        """
        Return how the rule fires on ``facts``, or ``None`` when it does not.
        """


# -- the catalog's description of a parameter ---------------------------------------------


@attrs.frozen(kw_only=True)
class Parameter:
    """
    One parameter of a built-in rule, for the catalog: default, meaning and source.

    Args:
        name: The parameter's name (a keyword of the rule class, a key in plain data).
        default: Its default value.
        kind: What it measures: ``weight``, ``days``, ``share``, ``fraction``,
            ``positive``, ``rate`` or ``count``.
        description: What it does.
        source: Where the default comes from: a published figure and its year,
            the SPEC's starting default, or "a judgment call".

    .. versionadded:: 0.1.0
    """

    name: str
    default: float
    kind: str
    description: str
    source: str
