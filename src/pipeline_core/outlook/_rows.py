"""
An outlook's rows: one opportunity's figures with named fields, and how a search combines them.

A forecast builds one :class:`OpportunityRecord` per opportunity (its own figures),
then :func:`combine` adds the three search-level figures (its share of the expected
offers, its contribution, whether it stands for its organisation) to make the
:class:`OpportunityRow` that :attr:`Outlook.rows <pipeline_core.outlook.Outlook.rows>`
holds. Both are named tuples in :class:`~pipeline_core.outlook.OpportunityOutlook`'s
field order: as cheap to build as tuples, read by name.

The search level: opportunities at one organisation count once (the most promising
one represents it); P(no offer) is the product of ``1 - chance`` over the
representatives, in organisation order.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from pipeline_core.opportunity import Source
from pipeline_core.outcomes import Outcome

__all__ = [
    "COUNTED",
    "OpportunityRecord",
    "OpportunityRow",
    "OutlookStatus",
    "combine",
    "make_record",
    "make_row",
    "organization_key",
    "organizations",
    "p_none",
    "representatives",
]


class OutlookStatus(enum.StrEnum):
    """
    How the outlook counted an opportunity.

    .. versionadded:: 0.1.0
    """

    PENDING = "pending"
    """Applied and live: counted, with its chances."""
    WON = "won"
    """Signed (closed as accepted): the search is won, P(offer) = 1."""
    CLOSED = "closed"
    """Ended without a signed offer: counted as 0."""
    NOT_APPLIED = "not_applied"
    """Still ``interested`` (no application yet): not in the pipeline, counted as 0."""


COUNTED = frozenset({OutlookStatus.PENDING, OutlookStatus.WON})
"""The statuses the search level counts (the others count as 0)."""


class OpportunityRecord(NamedTuple):
    """
    One opportunity's own figures, before the search-level ones.

    The first 21 fields of :class:`~pipeline_core.outlook.OpportunityOutlook`, which
    documents each.
    """

    id: str
    organization: str
    source: Source
    stage: str
    status: OutlookStatus
    outcome: Outcome | None
    hypothetical: bool
    p_offer: float
    p_offer_within_horizon: float
    p_alive: float
    silence_days: float | None
    expected_days_to_offer: float | None
    prior_chance: float
    stage_chance: float
    rest_chance: float
    p_on_time: float
    signal_ratio: float
    positive_signals: int
    negative_signals: int
    application_factor: float
    decision_factor: float


class OpportunityRow(NamedTuple):
    """
    One opportunity's figures in an outlook: its record and the three search-level figures.

    The fields of :class:`~pipeline_core.outlook.OpportunityOutlook`, in its order;
    :attr:`Outlook.opportunities <pipeline_core.outlook.Outlook.opportunities>` reads
    them as objects.
    """

    id: str
    organization: str
    source: Source
    stage: str
    status: OutlookStatus
    outcome: Outcome | None
    hypothetical: bool
    p_offer: float
    p_offer_within_horizon: float
    p_alive: float
    silence_days: float | None
    expected_days_to_offer: float | None
    prior_chance: float
    stage_chance: float
    rest_chance: float
    p_on_time: float
    signal_ratio: float
    positive_signals: int
    negative_signals: int
    application_factor: float
    decision_factor: float
    share: float
    contribution: float
    represents_organization: bool

    def record(self) -> OpportunityRecord:
        """
        Return the row's own figures, without the search-level ones.
        """
        return OpportunityRecord._make(self[:_RECORD_LENGTH])


_RECORD_LENGTH = len(OpportunityRecord._fields)

# A forecast builds a record and a row per opportunity. A named tuple's own constructors
# are Python functions (``_make`` builds with ``tuple.__new__``, then checks the length);
# these build with ``tuple.__new__`` directly, at a third of the cost, for the callers
# that pass a literal of every field in order (tests check the results equal the
# keyword constructors').

make_record: Callable[[Iterable[Any]], OpportunityRecord] = functools.partial(
    tuple.__new__, OpportunityRecord
)
"""Build an :class:`OpportunityRecord` from all its figures, in field order."""

make_row: Callable[[Iterable[Any]], OpportunityRow] = functools.partial(
    tuple.__new__, OpportunityRow
)
"""Build an :class:`OpportunityRow` from all its figures, in field order."""


@functools.lru_cache(maxsize=4_096)
def organization_key(name: str) -> str:
    """
    Opportunities whose organisations differ only in case or spacing are one organisation.
    """
    return " ".join(name.split()).casefold()


def p_none(chances: Iterable[float]) -> float:
    """
    Return the product of ``1 - chance``: P(none of independent chances comes true).
    """
    product = 1.0
    for chance in chances:
        product *= 1.0 - chance
    return product


def organizations(
    records: Sequence[OpportunityRecord | OpportunityRow],
) -> dict[str, list[Any]]:
    """
    Group the counted records (pending, won) by organisation; each is represented by its best.

    Reads records and rows alike. Returns, for each organisation in order of first
    appearance, ``[position, chance, runner_up]``: the position of its representative
    (its best chance within the horizon), that chance, and the second-best chance
    there (0 with one opportunity).
    """
    groups: dict[str, list[Any]] = {}
    for position, record in enumerate(records):
        if record.status not in COUNTED:
            continue
        key = organization_key(record.organization)
        chance = record.p_offer_within_horizon
        group = groups.get(key)
        if group is None:
            groups[key] = [position, chance, 0.0]
        elif chance > group[1]:
            group[:] = [position, chance, group[1]]
        elif chance > group[2]:  # max(runner_up, chance)
            group[2] = chance
    return groups


def representatives(rows: Sequence[OpportunityRow]) -> list[int]:
    """
    The positions of the rows that stand for their organisations, in organisation order.
    """
    return [group[0] for group in organizations(rows).values()]


def _contributions(
    groups: Sequence[list[Any]], chances: Sequence[float], count: int, p_nothing: float
) -> tuple[list[float], list[bool]]:
    """
    How much P(any offer) would drop without each record, and which records represent.

    Without a representative its organisation's runner-up stands in: P(none among the
    organisations before and after it) comes from prefix and suffix products.
    """
    prefix = [1.0]
    for chance in chances:
        prefix.append(prefix[-1] * (1.0 - chance))
    suffix = [1.0] * (len(chances) + 1)
    for position in range(len(chances) - 1, -1, -1):
        suffix[position] = suffix[position + 1] * (1.0 - chances[position])
    contributions = [0.0] * count
    represents = [False] * count
    for position, (index, _, second) in enumerate(groups):
        gain = prefix[position] * suffix[position + 1] * (1.0 - second) - p_nothing
        contributions[index] = min(1.0, gain) if gain > 0.0 else 0.0  # min(1, max(0, gain))
        represents[index] = True
    return contributions, represents


def combine(
    records: Sequence[OpportunityRecord],
) -> tuple[tuple[OpportunityRow, ...], float, float]:
    """
    Return the rows of ``records``, P(no offer) and the expected offers of the search.

    P(no offer) is the product of ``1 - chance`` over the organisations'
    representatives, in organisation order (the same products, in the same order,
    as :func:`p_none`); the expected offers are the sum of their chances.
    """
    groups = list(organizations(records).values())
    chances = [chance for _, chance, _ in groups]
    p_nothing = p_none(chances)
    count = len(records)
    contributions, represents = _contributions(groups, chances, count, p_nothing)
    within = [record.p_offer_within_horizon for record in records]
    total = sum(within)
    shares = [chance / total for chance in within] if total > 0.0 else [0.0] * count
    make = make_row
    rows = tuple(
        [
            # Concatenation: faster here than unpacking the record into a new tuple.
            make(record + (share, contribution, representative))  # noqa: RUF005
            for record, share, contribution, representative in zip(
                records, shares, contributions, represents, strict=True
            )
        ]
    )
    return rows, p_nothing, sum(chances)
