"""
Hypothesis strategies for every domain type of `pipeline_core`.

Every strategy here produces *valid* objects: histories that follow their
pipeline, searches with unique ids. :func:`json_values` and
:func:`interchange_documents` are the raw material for fuzzing decoders.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from pipeline_core.actions import MAX_THANK_YOU_HOURS, Cadence
from pipeline_core.events import (
    Advanced,
    Applied,
    Channel,
    Closed,
    Contact,
    Direction,
    Event,
    EventType,
    Offer,
    OfferForm,
    Polarity,
    Signal,
)
from pipeline_core.goals import Goals
from pipeline_core.opportunity import ContactDetails, Opportunity, SalaryRange, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.pipeline import DEFAULT_PIPELINE, PipelineDefinition, Stage, StageKind
from pipeline_core.search import Search
from pipeline_core.storage import StoredSearch, Write

__all__ = [
    "cadences",
    "event_histories",
    "events",
    "goals",
    "instants",
    "interchange_documents",
    "json_values",
    "opportunities",
    "pipelines",
    "search_ids",
    "searches",
    "stages",
    "stored_searches",
    "texts",
    "writes",
]

_START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
_END = dt.datetime(2027, 12, 31, tzinfo=dt.UTC)
_MAX_GAP_SECONDS = 21 * 86_400

_NAME_CHARS = string.ascii_lowercase + string.digits + "_"
_names = st.text(_NAME_CHARS, min_size=1, max_size=12)


def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """
    Non-blank text from every script that keeps the library's text policy.

    No control, invisible formatting or line-separator characters, no lone surrogates,
    and written in Unicode NFC: what any name, id or note accepts (see
    :doc:`/reference/interchange`).

    Args:
        min_size: The fewest characters.
        max_size: The most characters.

    .. versionadded:: 0.1.0
    """
    alphabet = st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))
    return (
        st.text(alphabet, min_size=min_size, max_size=max_size)
        .filter(str.strip)
        .filter(lambda text: unicodedata.is_normalized("NFC", text))
    )


# Free text includes the characters that break careless HTML and templates.
_texts = st.one_of(
    texts(),
    st.sampled_from(["<script>alert(1)</script>", "\"'&", "${x}", "{0.__class__}", "Ünïcødé"]),
)
_labels = st.text(string.ascii_letters + " -&", min_size=1, max_size=24).filter(str.strip)


_urls = st.builds(
    "{}://{}.example/{}".format,
    st.sampled_from(["http", "https", "HTTPS"]),
    st.text(string.ascii_lowercase, min_size=1, max_size=12),
    st.text(string.ascii_letters + string.digits + "/-_?=&%", max_size=30),
)
_contacts = st.builds(
    ContactDetails,
    name=_labels,
    email=st.none() | st.sampled_from(["dana@acme.example", "r.lee+jobs@example.co.uk"]),
    phone=st.none() | st.sampled_from(["+1 (312) 555-0100", "030 1234567", "555-0199 x12"]),
) | st.builds(ContactDetails, email=st.just("hr@example.com"))


def instants(
    *, min_value: dt.datetime = _START, max_value: dt.datetime = _END
) -> st.SearchStrategy[dt.datetime]:
    """
    Aware UTC datetimes, whole seconds, between ``min_value`` and ``max_value``.

    .. versionadded:: 0.1.0
    """
    low = int(min_value.timestamp())
    high = int(max_value.timestamp())
    return st.integers(low, high).map(lambda ts: dt.datetime.fromtimestamp(ts, tz=dt.UTC))


def stages(*, kind: StageKind | None = None) -> st.SearchStrategy[Stage]:
    """
    Single stages (of ``kind``, if given) with random names and figures.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Stage,
        name=_names,
        kind=st.just(kind) if kind is not None else st.sampled_from(StageKind),
        p_advance=st.none() | st.floats(0.0, 1.0),
        response_days=st.none() | st.floats(0.5, 60.0),
        reference=st.none() | _labels,
    )


@st.composite
def pipelines(draw: st.DrawFn, *, max_process_stages: int = 4) -> PipelineDefinition:
    """
    Valid custom pipeline definitions: a forward chain plus random shortcuts and repeats.

    .. versionadded:: 0.1.0
    """
    process = draw(
        st.lists(_names, max_size=max_process_stages, unique=True).filter(
            lambda names: not {"interested", "applied", "verbal", "written", "signed"} & set(names)
        )
    )
    with_verbal = draw(st.booleans())
    kinds = [
        ("interested", StageKind.PROSPECT),
        ("applied", StageKind.APPLIED),
        *((name, StageKind.PROCESS) for name in process),
        *((("verbal", StageKind.VERBAL_OFFER),) if with_verbal else ()),
        ("written", StageKind.WRITTEN_OFFER),
        ("signed", StageKind.SIGNED),
    ]
    built = []
    for name, kind in kinds:
        waits = kind not in (StageKind.PROSPECT, StageKind.SIGNED)
        built.append(
            Stage(
                name=name,
                kind=kind,
                p_advance=draw(st.floats(0.01, 1.0)) if waits else None,
                response_days=draw(st.floats(1.0, 60.0)) if waits else None,
            )
        )
    pairs = {(kinds[i][0], kinds[i + 1][0]) for i in range(len(kinds) - 1)}
    last_before_signed = len(kinds) - 2
    for i in range(1, last_before_signed + 1):
        for j in range(i, last_before_signed + 1):
            if draw(st.booleans()):
                pairs.add((kinds[i][0], kinds[j][0]))
    return PipelineDefinition(name=draw(_names), stages=tuple(built), transitions=sorted(pairs))


def _event_for_move(
    target: Stage, at: dt.datetime, draw: st.DrawFn, current_round: int | None, *, same: bool
) -> Event:
    """
    Return the event that moves an opportunity into ``target``.
    """
    if target.kind is StageKind.APPLIED:
        return Applied(at=at, note=draw(st.none() | _texts))
    if target.kind is StageKind.VERBAL_OFFER:
        return Offer(at=at, form=OfferForm.VERBAL)
    if target.kind is StageKind.WRITTEN_OFFER:
        deadline = draw(st.none() | st.integers(0, 30 * 86_400))
        return Offer(
            at=at,
            form=OfferForm.WRITTEN,
            deadline=None if deadline is None else at + dt.timedelta(seconds=deadline),
        )
    if target.kind is StageKind.SIGNED:
        return Closed(at=at, outcome=Outcome.ACCEPTED)
    round_ = (current_round or 1) + 1 if same else draw(st.none() | st.just(1))
    return Advanced(at=at, stage=target.name, round=round_)


@st.composite
def event_histories(
    draw: st.DrawFn,
    *,
    pipeline: PipelineDefinition = DEFAULT_PIPELINE,
    stage: str | None = None,
    start: dt.datetime | None = None,
    max_events: int = 10,
    closed: bool | None = None,
) -> tuple[Event, ...]:
    """
    Legal event histories for ``pipeline``: every one builds an opportunity.

    Args:
        pipeline: The pipeline definition the history follows.
        stage: If given, the history ends at this stage, live (or signed, for
            the signed stage).
        start: The earliest instant; drawn when ``None``.
        max_events: Roughly how many events to draw (a walk to ``stage`` may add more).
        closed: ``True`` to end every history with an outcome, ``False`` to
            never close one (nor sign it), ``None`` for either.

    .. versionadded:: 0.1.0
    """
    target = None if stage is None else pipeline.stage(stage)
    now = start if start is not None else draw(instants(max_value=_END - dt.timedelta(days=400)))
    current = pipeline.initial
    current_round: int | None = None
    outcome: Outcome | None = None
    history: list[Event] = []
    budget = draw(st.integers(0, max_events))
    while True:
        at_target = target is None or current.name == target.name
        if budget <= 0 and at_target:
            break
        budget -= 1
        now += dt.timedelta(seconds=draw(st.integers(0, _MAX_GAP_SECONDS)))
        if outcome is not None:
            if outcome is not Outcome.GHOSTED or not draw(st.booleans()):
                break
            history.append(Contact(at=now, direction=Direction.INBOUND, note="came back"))
            outcome = None
            continue
        moves = [
            pipeline.stage(name)
            for name in sorted(pipeline.next_stages(current.name))
            if (target is None or (pipeline.can_reach(name, target.name) and not at_target))
            and not (closed is False and pipeline.stage(name).kind is StageKind.SIGNED)
        ]
        if target is not None and not at_target:
            choice = "move"
        else:
            choice = draw(st.sampled_from(["contact", "signal", "move", "close"]))
        if choice == "move" and moves:
            nxt = draw(st.sampled_from(moves))
            same = nxt.name == current.name
            event = _event_for_move(nxt, now, draw, current_round, same=same)
            history.append(event)
            current_round = event.round if isinstance(event, Advanced) else None
            current = nxt
            if nxt.kind is StageKind.SIGNED:
                outcome = Outcome.ACCEPTED
        elif choice == "close" and target is None and closed is not False:
            outcome = draw(st.sampled_from(_outcomes_at(current)))
            history.append(Closed(at=now, outcome=outcome, reason=draw(st.none() | _texts)))
        elif choice == "signal":
            history.append(Signal(at=now, polarity=draw(st.sampled_from(Polarity))))
        else:
            history.append(
                Contact(
                    at=now,
                    direction=draw(st.sampled_from(Direction)),
                    channel=draw(st.none() | st.sampled_from(Channel)),
                    note=draw(st.none() | _texts),
                )
            )
    if closed and outcome is None and target is None:
        now += dt.timedelta(seconds=draw(st.integers(0, _MAX_GAP_SECONDS)))
        history.append(Closed(at=now, outcome=draw(st.sampled_from(_outcomes_at(current)))))
    return tuple(history)


def _outcomes_at(stage: Stage) -> Sequence[Outcome]:
    if stage.kind in (StageKind.VERBAL_OFFER, StageKind.WRITTEN_OFFER):
        return [
            o for o in Outcome if o is not Outcome.ACCEPTED or stage.kind is StageKind.WRITTEN_OFFER
        ]
    if stage.kind is StageKind.PROSPECT:
        return [o for o in Outcome if not o.needs_application]
    return [o for o in Outcome if not o.needs_offer]


def events(*, types: Sequence[EventType] | None = None) -> st.SearchStrategy[Event]:
    """
    Single events of the given types (all types when ``None``), each valid on its own.

    Whether an event fits a history is another matter: use
    :func:`event_histories` for legal histories.

    .. versionadded:: 0.1.0
    """
    at = instants()
    note = st.none() | _texts
    builders: dict[EventType, st.SearchStrategy[Event]] = {
        EventType.APPLIED: st.builds(Applied, at=at, note=note),
        EventType.ADVANCED: st.builds(
            Advanced, at=at, stage=_names, round=st.none() | st.integers(1, 9), note=note
        ),
        EventType.CONTACT: st.builds(
            Contact,
            at=at,
            direction=st.sampled_from(Direction),
            channel=st.none() | st.sampled_from(Channel),
        ),
        EventType.SIGNAL: st.builds(Signal, at=at, polarity=st.sampled_from(Polarity), note=note),
        EventType.OFFER: st.builds(Offer, at=at, form=st.sampled_from(OfferForm), note=note),
        EventType.CLOSED: st.builds(
            Closed, at=at, outcome=st.sampled_from(Outcome), reason=st.none() | _texts
        ),
    }
    chosen = list(EventType) if types is None else list(types)
    return st.one_of(*(builders[kind] for kind in chosen))


@st.composite
def opportunities(
    draw: st.DrawFn,
    *,
    id: str | None = None,  # noqa: A002 - the field is called id
    organization: str | None = None,
    source: Source | None = None,
    stage: str | None = None,
    closed: bool | None = None,
    pipeline: PipelineDefinition = DEFAULT_PIPELINE,
    max_events: int = 10,
    start: dt.datetime | None = None,
) -> Opportunity:
    """
    Valid opportunities with legal histories.

    Args:
        id: A fixed id; drawn when ``None``.
        organization: A fixed organisation; drawn when ``None``.
        source: A fixed source; drawn when ``None``.
        stage: The stage every opportunity ends at (live), if given.
        closed: ``True``/``False`` to force or forbid an outcome.
        pipeline: The pipeline definition.
        max_events: Roughly the most events in a history.
        start: The earliest instant of the history; drawn when ``None``.

    .. versionadded:: 0.1.0
    """
    first = start if start is not None else draw(instants(max_value=_END - dt.timedelta(days=400)))
    created_gap = draw(st.none() | st.integers(0, 14 * 86_400))
    history = draw(
        event_histories(
            pipeline=pipeline,
            stage=stage,
            start=first + dt.timedelta(seconds=created_gap or 0),
            max_events=max_events,
            closed=closed,
        )
    )
    low = draw(st.none() | st.integers(20_000, 200_000))
    return Opportunity(
        id=id if id is not None else draw(_names),
        organization=organization if organization is not None else draw(_labels),
        title=draw(_texts),
        source=source if source is not None else draw(st.sampled_from(Source)),
        location=draw(st.none() | _labels),
        industry=draw(st.none() | st.sampled_from(["software", "finance", "health", "retail"])),
        salary=None
        if low is None
        else SalaryRange(minimum=low, maximum=low + draw(st.integers(0, 50_000)), currency="USD"),
        tags=tuple(draw(st.lists(_names, max_size=3, unique=True))),
        url=draw(st.none() | _urls),
        contact=draw(st.none() | _contacts),
        created_at=None if created_gap is None else first,
        events=history,
        pipeline=pipeline,
    )


def goals() -> st.SearchStrategy[Goals]:
    """
    Goals with any combination of targets set.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Goals,
        min_live=st.none() | st.integers(0, 10),
        weekly_applications=st.none() | st.integers(0, 30) | st.floats(0.0, 30.0),
        offer_by=st.none() | instants(),
    )


@st.composite
def searches(
    draw: st.DrawFn,
    *,
    min_size: int = 0,
    max_size: int = 6,
    pipeline: PipelineDefinition | None = None,
    max_events: int = 10,
) -> Search:
    """
    Valid searches with unique opportunity ids.

    Args:
        min_size: The fewest opportunities.
        max_size: The most opportunities.
        pipeline: A fixed pipeline definition; the default one, or sometimes a
            random custom one, when ``None``.
        max_events: Roughly the most events per opportunity.

    .. versionadded:: 0.1.0
    """
    chosen = pipeline
    if chosen is None:
        chosen = draw(st.just(DEFAULT_PIPELINE) | pipelines())
    ids = draw(st.lists(_names, min_size=min_size, max_size=max_size, unique=True))
    items = [draw(opportunities(id=i, pipeline=chosen, max_events=max_events)) for i in ids]
    return Search(opportunities=tuple(items), goals=draw(goals()), pipeline=chosen)


@st.composite
def cadences(draw: st.DrawFn, *, max_holidays: int = 30) -> Cadence:
    """
    Valid follow-up cadences: waits in increasing order, holidays around the drawn instants.

    Args:
        max_holidays: The most holidays drawn.

    .. versionadded:: 0.1.0
    """
    first = draw(st.integers(1, 20))
    second = draw(st.integers(first + 1, first + 20))
    cold = draw(st.integers(second + 1, second + 20))
    days = st.dates(_START.date() - dt.timedelta(days=31), _END.date() + dt.timedelta(days=400))
    return Cadence(
        thank_you_hours=draw(st.integers(1, MAX_THANK_YOU_HOURS)),
        first_chase_days=first,
        second_chase_days=second,
        cold_days=cold,
        offer_answer_days=draw(st.integers(0, 5)),
        holidays=draw(st.sets(days, max_size=max_holidays)),
    )


def interchange_documents(**options: Any) -> st.SearchStrategy[dict[str, Any]]:  # noqa: ANN401
    """
    Valid interchange documents: ``searches(**options)`` written with ``to_dict``.

    .. versionadded:: 0.1.0
    """
    return searches(**options).map(Search.to_dict)


def json_values(*, max_leaves: int = 30) -> st.SearchStrategy[Any]:
    """
    Arbitrary JSON-like values (``None``, booleans, numbers, text, lists, dicts).

    .. versionadded:: 0.1.0
    """
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=True)
        | st.text(max_size=20)
        | st.sampled_from(["applied", "2026-10-01T09:00:00+00:00", "interviewing", "schema"])
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=12), children, max_size=4)
        ),
        max_leaves=max_leaves,
    )


# Printable characters from several scripts, a space and the punctuation ids tend to hold.
_ID_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "Pd", "Pc", "Po", "Zs", "So"), exclude_characters="\x85"
)


def search_ids(*, prefix: str = "", max_size: int = 24) -> st.SearchStrategy[str]:
    """
    Valid search ids: non-blank printable text from many scripts (accents, CJK, emoji).

    Args:
        prefix: Put in front of every id (the kit uses it to keep each run's
            ids apart in a shared store).
        max_size: The longest id drawn, not counting ``prefix``.

    .. versionadded:: 0.1.0
    """
    return (
        st.text(_ID_CHARS, min_size=1, max_size=max_size)
        .filter(str.strip)
        .map(lambda text: prefix + text)
    )


def stored_searches(
    *,
    id: str | None = None,  # noqa: A002 - the field is called id
    search: Search | None = None,
    max_size: int = 4,
) -> st.SearchStrategy[StoredSearch]:
    """
    Stored search records with any version and sequence number.

    Args:
        id: A fixed search id; drawn when ``None``.
        search: A fixed search; drawn (with at most ``max_size`` opportunities) when ``None``.
        max_size: The most opportunities of a drawn search.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        StoredSearch,
        id=st.just(id) if id is not None else search_ids(),
        version=st.integers(1, 1_000),
        sequence=st.integers(1, 1_000_000),
        search=st.just(search) if search is not None else searches(max_size=max_size),
    )


def writes(
    *, search_id: str | None = None, expected_version: int | None = None, max_size: int = 4
) -> st.SearchStrategy[Write]:
    """
    Writes for a batch (:meth:`~pipeline_core.storage.SearchStore.save_many`).

    Args:
        search_id: A fixed search id; drawn when ``None``.
        expected_version: A fixed expected version (``0``: an add); drawn when ``None``.
        max_size: The most opportunities of the drawn search.

    .. versionadded:: 0.1.0
    """
    return st.builds(
        Write,
        search_id=st.just(search_id) if search_id is not None else search_ids(),
        search=searches(max_size=max_size),
        expected_version=st.just(expected_version)
        if expected_version is not None
        else st.integers(0, 1_000),
    )
