"""
Pipeline definitions: the stages an opportunity moves through, and the moves allowed.

The :data:`DEFAULT_PIPELINE` models a typical corporate hiring process::

    interested → applied → screening → interviewing (rounds) → final_round
               → verbal_offer → written_offer → accepted (signed)

People with other processes (the academic job market, agency contract work)
build their own :class:`PipelineDefinition`; it is validated when it is built.

Each :class:`Stage` has a :class:`StageKind` that tells the library which
events enter it: the ``applied`` event enters the one ``applied`` stage, an
``offer`` event enters the ``verbal_offer`` or ``written_offer`` stage, a
``closed`` event with outcome ``accepted`` enters the ``signed`` stage, and
``advanced`` events enter ``process`` stages (screening, interviews, …).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidPipelineError, InvalidValueError

__all__ = ["DEFAULT_PIPELINE", "PipelineDefinition", "Stage", "StageKind"]


class StageKind(enum.StrEnum):
    """
    The role a stage plays, which decides the events that enter it.

    .. versionadded:: 0.1.0
    """

    PROSPECT = "prospect"
    """Not yet applied; the first stage of every pipeline, and only it."""
    APPLIED = "applied"
    """Entered by the ``applied`` event; exactly one per pipeline."""
    PROCESS = "process"
    """Screening, interviews, assessments: entered by ``advanced`` events."""
    VERBAL_OFFER = "verbal_offer"
    """Entered by a verbal ``offer``; at most one per pipeline."""
    WRITTEN_OFFER = "written_offer"
    """Entered by a written ``offer``; exactly one per pipeline."""
    SIGNED = "signed"
    """Entered by ``closed`` with outcome ``accepted``; exactly one, and terminal."""


_UNIQUE_KINDS = (StageKind.PROSPECT, StageKind.APPLIED, StageKind.WRITTEN_OFFER, StageKind.SIGNED)


def _check_probability(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _checks.check_number(value, field=attribute.name, minimum=0.0, maximum=1.0)


def _check_days(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _checks.check_number(value, field=attribute.name, minimum=0.0, open_minimum=True)


_kind_member = _checks.enum_converter(StageKind, field="kind")


def to_stage_kind(value: StageKind | str) -> StageKind:
    """A :class:`StageKind` from a member or its value (a converter; errors name ``kind``)."""
    return _kind_member(value)


def _to_stages(value: Iterable[Stage]) -> tuple[Stage, ...]:
    return _checks.check_tuple(value, field="stages")


def _check_stage_name(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    name = _checks.check_text(value, field="name", max_length=64)
    if not all(char.isalnum() or char in "_-" for char in name):
        raise InvalidValueError(
            "a stage name is a short identifier",
            path="name",
            received=name,
            allowed="letters, digits, '_' and '-'",
        )


@attrs.frozen(kw_only=True)
class Stage:
    """
    One step of a pipeline definition.

    Args:
        name: A short identifier, unique in its pipeline (``"final_round"``).
        kind: The role of the stage (see :class:`StageKind`).
        p_advance: The default chance of moving on from this stage to a later
            one, in [0, 1]; ``None`` where the candidate, not the employer,
            decides (``prospect``) or nothing follows (``signed``).
        response_days: How many days the employer usually takes to answer at
            this stage; silence beyond it is a warning sign. ``None`` where no
            answer is awaited.
        reference: Where the default figures come from (source and year).

    Raises:
        InvalidValueError: a name is not an identifier, a chance is outside
            [0, 1], or a response window is not positive.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=_check_stage_name)
    kind: StageKind = attrs.field(default=StageKind.PROCESS, converter=to_stage_kind)
    p_advance: float | None = attrs.field(default=None, validator=_check_probability)
    response_days: float | None = attrs.field(default=None, validator=_check_days)
    reference: str | None = attrs.field(
        default=None, validator=_checks.optional_text("reference", max_length=1_000)
    )


def _to_transitions(
    value: Mapping[str, Iterable[str]] | Iterable[tuple[str, str]],
) -> tuple[tuple[str, str], ...]:
    """
    Accept a mapping ``{from: [to, …]}`` or pairs ``(from, to)``; return sorted unique pairs.
    """
    pairs: list[tuple[str, str]] = []
    if isinstance(value, Mapping):
        for source, targets in value.items():
            pairs.extend(
                (source, target)
                for target in _checks.check_tuple(targets, field=f"transitions[{source!r}]")
            )
    else:
        for index, pair in enumerate(_checks.check_tuple(value, field="transitions")):
            items = _checks.check_tuple(pair, field=f"transitions[{index}]")
            if len(items) != 2:  # noqa: PLR2004 - a pair
                raise InvalidPipelineError(
                    "a transition is a pair",
                    path=f"transitions[{index}]",
                    received=pair,
                    allowed="(from_stage, to_stage)",
                )
            pairs.append((items[0], items[1]))
    for source, target in pairs:
        for name in (source, target):
            _checks.check_text(name, field="transitions", max_length=64)
    return tuple(sorted(set(pairs)))


@attrs.frozen(kw_only=True, eq=False)
class StageMoves:
    """
    A pipeline's stages and moves as lookup tables: what a replay reads at every event.

    Built once per :class:`PipelineDefinition` (see :attr:`PipelineDefinition.moves`), so
    replaying an event costs dict and set lookups, not method calls on the definition.
    """

    initial: str
    """The first stage's name."""
    following: Mapping[str, frozenset[str]]
    """Each stage's name -> the names of the stages it may move to."""
    kinds: Mapping[str, StageKind]
    """Each stage's name -> its kind."""
    index: Mapping[str, int]
    """Each stage's name -> its position in the pipeline."""
    process: tuple[str, ...]
    """The names of the ``process`` stages, in order (the targets of ``advanced``)."""
    applied: str
    """The ``applied`` stage's name."""
    verbal_offer: str | None
    """The ``verbal_offer`` stage's name, or ``None`` if the pipeline has none."""
    written_offer: str
    """The ``written_offer`` stage's name."""
    signed: str
    """The ``signed`` stage's name."""


# ``cache_hash``: the outlook finds a definition's model in a cache on every forecast, and
# hashing the stage tuple each time cost more than the rest of the lookup.
@attrs.frozen(kw_only=True, cache_hash=True)
class PipelineDefinition:
    """
    The stages of a hiring process, in order, and the moves allowed between them.

    A definition is validated when it is built: stage names are unique; the
    first stage is the one ``prospect`` stage; there is exactly one
    ``applied``, one ``written_offer`` and one ``signed`` stage and at most one
    ``verbal_offer``; transitions name known stages and never go backwards
    (a stage may repeat itself: interview rounds); the ``signed`` stage is
    terminal; every stage is reachable from the first.

    Args:
        name: A label for the definition (``"default"``, ``"academic"``).
        stages: The stages, in order.
        transitions: The allowed moves, as a mapping ``{from: [to, …]}`` or
            an iterable of ``(from, to)`` pairs; stored as sorted pairs.

    Raises:
        InvalidPipelineError: the definition breaks one of the rules above.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=_checks.text("name", max_length=64))
    stages: tuple[Stage, ...] = attrs.field(converter=_to_stages)
    transitions: tuple[tuple[str, str], ...] = attrs.field(converter=_to_transitions)
    _index: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _next: Mapping[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _first_of_kind: Mapping[StageKind, str] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _moves: StageMoves = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index = self._check_stages()
        following: dict[str, set[str]] = {stage.name: set() for stage in self.stages}
        for source, target in self.transitions:
            for name in (source, target):
                if name not in index:
                    raise InvalidPipelineError(
                        f"the transition {source!r} -> {target!r} names an unknown stage",
                        path="transitions",
                        received=name,
                        allowed=", ".join(index),
                    )
            if index[target] < index[source]:
                raise InvalidPipelineError(
                    "a transition goes backwards",
                    path="transitions",
                    received=(source, target),
                    allowed="moves to the same or a later stage",
                )
            following[source].add(target)
        by_kind: dict[StageKind, str] = {}
        for stage in self.stages:
            by_kind.setdefault(stage.kind, stage.name)
        self._check_graph(following, by_kind)
        object.__setattr__(self, "_index", index)
        object.__setattr__(
            self, "_next", {name: frozenset(targets) for name, targets in following.items()}
        )
        object.__setattr__(self, "_first_of_kind", by_kind)
        object.__setattr__(self, "_moves", self._tabulate_moves())

    def _tabulate_moves(self) -> StageMoves:
        by_kind = self._first_of_kind
        return StageMoves(
            initial=self.stages[0].name,
            following=self._next,
            kinds={stage.name: stage.kind for stage in self.stages},
            index=self._index,
            process=tuple(s.name for s in self.stages if s.kind is StageKind.PROCESS),
            applied=by_kind[StageKind.APPLIED],
            verbal_offer=by_kind.get(StageKind.VERBAL_OFFER),
            written_offer=by_kind[StageKind.WRITTEN_OFFER],
            signed=by_kind[StageKind.SIGNED],
        )

    def _check_stages(self) -> dict[str, int]:
        index = _checks.index_unique(
            self.stages,
            Stage,
            lambda stage: stage.name,
            field="stages",
            key_field="name",
            type_name="a Stage",
            what="stage name",
            type_error=InvalidPipelineError,
            duplicate_error=InvalidPipelineError,
        )
        counts = dict.fromkeys(StageKind, 0)
        for stage in self.stages:
            counts[stage.kind] += 1
        for kind in _UNIQUE_KINDS:
            if counts[kind] != 1:
                raise InvalidPipelineError(
                    f"a pipeline needs exactly one {kind.value!r} stage",
                    path="stages",
                    received=f"{counts[kind]} stages of kind {kind.value!r}",
                    allowed="exactly one",
                )
        if counts[StageKind.VERBAL_OFFER] > 1:
            raise InvalidPipelineError(
                "a pipeline has at most one 'verbal_offer' stage",
                path="stages",
                received=f"{counts[StageKind.VERBAL_OFFER]} stages of kind 'verbal_offer'",
                allowed="zero or one",
            )
        if self.stages[0].kind is not StageKind.PROSPECT:
            raise InvalidPipelineError(
                "the first stage must be the 'prospect' stage",
                path="stages[0].kind",
                received=self.stages[0].kind.value,
                allowed="'prospect'",
            )
        return index

    def _check_graph(self, following: dict[str, set[str]], by_kind: dict[StageKind, str]) -> None:
        signed = by_kind[StageKind.SIGNED]
        if following[signed]:
            raise InvalidPipelineError(
                "the 'signed' stage must be terminal",
                path="transitions",
                received=f"{signed} -> {sorted(following[signed])}",
                allowed="no transition out of the signed stage",
            )
        reached = {self.stages[0].name}
        frontier = [self.stages[0].name]
        while frontier:
            for target in following[frontier.pop()]:
                if target not in reached:
                    reached.add(target)
                    frontier.append(target)
        unreachable = [stage.name for stage in self.stages if stage.name not in reached]
        if unreachable:
            raise InvalidPipelineError(
                "some stages cannot be reached from the first stage",
                path="transitions",
                received=unreachable,
                allowed="transitions that reach every stage",
            )

    @property
    def moves(self) -> StageMoves:
        """
        The stages and moves as lookup tables, built once with the definition.
        """
        return self._moves

    @property
    def names(self) -> tuple[str, ...]:
        """
        The stage names, in order.
        """
        return tuple(stage.name for stage in self.stages)

    @property
    def initial(self) -> Stage:
        """
        The first stage, where every opportunity starts (kind ``prospect``).
        """
        return self.stages[0]

    def stage(self, name: str) -> Stage:
        """
        Return the stage called ``name``.

        Raises:
            InvalidValueError: no stage has that name.
        """
        position = self._index.get(name)
        if position is None:
            raise InvalidValueError(
                "unknown stage", path="stage", received=name, allowed=", ".join(self.names)
            )
        return self.stages[position]

    def get(self, name: str) -> Stage | None:
        """
        Return the stage called ``name``, or ``None`` if there is none.
        """
        position = self._index.get(name)
        return None if position is None else self.stages[position]

    def index(self, name: str) -> int:
        """
        Return the position of stage ``name`` (0 for the first stage).

        Raises:
            InvalidValueError: no stage has that name.
        """
        position = self._index.get(name)
        if position is None:
            self.stage(name)  # raises the error that names the known stages
        return self._index[name]

    def stage_of_kind(self, kind: StageKind) -> Stage | None:
        """
        Return the first stage of ``kind``, or ``None`` if the pipeline has none.

        Only ``verbal_offer`` and ``process`` stages may be missing; ``process``
        stages may be several.
        """
        name = self._first_of_kind.get(kind)
        return None if name is None else self.stages[self._index[name]]

    def can_move(self, source: str, target: str) -> bool:
        """
        Whether an opportunity at stage ``source`` may move to stage ``target``.
        """
        return target in self._next.get(source, frozenset())

    def next_stages(self, name: str) -> frozenset[str]:
        """
        The stages an opportunity at stage ``name`` may move to.
        """
        return self._next.get(name, frozenset())

    def is_terminal(self, name: str) -> bool:
        """
        Whether no move leaves stage ``name``.
        """
        return not self._next.get(name)

    def can_reach(self, source: str, target: str) -> bool:
        """
        Whether stage ``target`` can be reached from stage ``source`` in zero or more moves.
        """
        seen = {source}
        frontier = [source]
        while frontier:
            current = frontier.pop()
            if current == target:
                return True
            for following in self._next.get(current, frozenset()):
                if following not in seen:
                    seen.add(following)
                    frontier.append(following)
        return False

    @classmethod
    def from_stages(
        cls, name: str, stages: Iterable[Stage], transitions: Mapping[str, Iterable[str]]
    ) -> PipelineDefinition:
        """
        Build a definition from stages and a mapping of allowed moves.

        Args:
            name: A label for the definition.
            stages: The stages, in order.
            transitions: ``{from_stage: [to_stage, …]}``.

        Returns:
            The validated definition.

        Raises:
            InvalidPipelineError: the definition breaks a rule (see the class).
        """
        return cls(name=name, stages=tuple(stages), transitions=transitions)


_FUNNEL = (
    "about 3 % of applications lead to an interview (CareerPlug 2024), "
    "split here as 6 % applied→screening x 50 % screening→interview"
)
_INTERVIEW = (
    "interview→offer about 25-40 % (NACE 2018; Lever), "
    "split here as 50 % interviewing→final x 60 % final→offer"
)

DEFAULT_PIPELINE = PipelineDefinition(
    name="default",
    stages=(
        Stage(name="interested", kind=StageKind.PROSPECT),
        Stage(
            name="applied",
            kind=StageKind.APPLIED,
            p_advance=0.06,
            response_days=14.0,  # 10 business days
            reference=_FUNNEL + "; first response typically about 7 days, silence past "
            "10 business days is a warning sign",
        ),
        Stage(
            name="screening",
            p_advance=0.5,
            response_days=7.0,
            reference=_FUNNEL,
        ),
        Stage(
            name="interviewing",
            p_advance=0.5,
            response_days=7.0,  # 5-7 business days is the usual wait after an interview
            reference=_INTERVIEW + "; a whole interview process takes about 24 days "
            "(Glassdoor 2017)",
        ),
        Stage(
            name="final_round",
            p_advance=0.6,
            response_days=7.0,
            reference=_INTERVIEW,
        ),
        Stage(
            name="verbal_offer",
            kind=StageKind.VERBAL_OFFER,
            p_advance=0.9,
            response_days=7.0,  # 5 business days
            reference="a verbal offer is not yet an offer: written offers follow most, not all",
        ),
        Stage(
            name="written_offer",
            kind=StageKind.WRITTEN_OFFER,
            p_advance=0.97,
            response_days=7.0,
            reference="rescinded offers are a few percent, 1-5 % (NACE)",
        ),
        Stage(name="accepted", kind=StageKind.SIGNED),
    ),
    transitions={
        "interested": ["applied"],
        "applied": ["screening", "interviewing", "final_round", "verbal_offer", "written_offer"],
        "screening": ["interviewing", "final_round", "verbal_offer", "written_offer"],
        "interviewing": ["interviewing", "final_round", "verbal_offer", "written_offer"],
        "final_round": ["verbal_offer", "written_offer"],
        "verbal_offer": ["verbal_offer", "written_offer"],
        "written_offer": ["written_offer", "accepted"],
    },
)
"""The default pipeline definition, used when a search names none."""
