"""
The safety net: fresh applications sent now, and how many bring the chance of no offer down.

:meth:`Outlook.with_applications <pipeline_core.outlook.Outlook.with_applications>`
adds :func:`fresh_records` to an outlook's records;
:meth:`Outlook.applications_needed <pipeline_core.outlook.Outlook.applications_needed>`
searches for the smallest number with :func:`fewest_applications`, computing P(no
offer) by :func:`p_none_with` exactly as the new outlook would. Both accept at most
:data:`MAX_APPLICATIONS`, checked by :func:`check_applications`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError
from pipeline_core.opportunity import Source
from pipeline_core.outlook import _math
from pipeline_core.outlook._rows import (
    OpportunityRecord,
    OpportunityRow,
    OutlookStatus,
    organization_key,
    p_none,
)
from pipeline_core.outlook._table import HorizonTable

__all__ = [
    "MAX_APPLICATIONS",
    "check_applications",
    "check_source",
    "check_target",
    "fewest_applications",
    "fresh_records",
    "p_none_with",
]

MAX_APPLICATIONS = 1_000
"""
The most fresh applications the safety net considers.

:meth:`Outlook.applications_needed <pipeline_core.outlook.Outlook.applications_needed>`
searches up to it and :meth:`Outlook.with_applications
<pipeline_core.outlook.Outlook.with_applications>` adds at most as many.
"""


def check_applications(count: object, *, field: str) -> int:
    """
    Return ``count`` if it is a number of applications in [0, :data:`MAX_APPLICATIONS`].

    Raises:
        WrongTypeError: ``count`` is not an integer.
        InvalidValueError: it is negative or above :data:`MAX_APPLICATIONS`; the
            error's path is ``field``.
    """
    number = _checks.check_count(count, field=field)
    if number > MAX_APPLICATIONS:
        raise InvalidValueError(
            "too many applications",
            path=field,
            received=number,
            allowed=f"an integer in [0, {MAX_APPLICATIONS}]",
        )
    return number


def check_target(target: object) -> float:
    """
    Return ``target`` if it is a chance in [0, 1] (the highest acceptable P(no offer)).
    """
    return _checks.check_number(target, field="target", maximum=1.0)


def check_source(source: object) -> Source | None:
    """
    Return the source of fresh applications: ``None`` (no source adjustment) or a source.
    """
    return None if source is None else _checks.check_enum(Source, source, field="source")


def p_none_with(
    chances: Sequence[float], count: int, chance: float, correlation: float | None
) -> float:
    """
    P(no offer within the horizon) with ``count`` fresh applications of ``chance`` each.

    ``chances`` are the organisations' representatives' chances; ``correlation``
    ``None`` for independence, or the shared factor's correlation. Computed exactly
    as the outlook with those applications computes it, so the two always agree.
    """
    every = [*chances, *([chance] * count)]
    independent = p_none(every)
    if correlation is None:
        return independent
    return max(independent, _math.p_none_correlated(every, correlation))


def fewest_applications(meets: Callable[[int], bool], most: int) -> int | None:
    """
    Return the smallest count in [0, ``most``] that ``meets``, or ``None`` if ``most`` does not.

    ``meets`` must be monotone (once a count meets the target, every larger one does):
    a bisection then finds the answer in ``log2(most)`` tries.
    """
    if meets(0):
        return 0
    if not meets(most):
        return None
    low, high = 0, most  # the answer is in (low, high]: meets(high), not meets(low)
    while high - low > 1:
        middle = (low + high) // 2
        if meets(middle):
            high = middle
        else:
            low = middle
    return high


def _unique(candidate: str, taken: set[str], key: Callable[[str], str] | None = None) -> str:
    """
    Return ``candidate`` (or ``candidate-2``, ``-3``, …) not yet in ``taken``, and take it.
    """
    normalise = key or (lambda text: text)
    chosen = candidate
    suffix = 1
    while normalise(chosen) in taken:
        suffix += 1
        chosen = f"{candidate}-{suffix}"
    taken.add(normalise(chosen))
    return chosen


def fresh_records(
    count: int,
    source: Source | None,
    *,
    table: HorizonTable,
    stage: str,
    existing: Iterable[OpportunityRow],
) -> list[OpportunityRecord]:
    """
    Return the records of ``count`` applications sent now from ``source``.

    Each is hypothetical, at the application stage ``stage`` with no silence, at an
    organisation of its own; ids ``new-1``, ``new-2``, … and organisations ``new
    application 1``, … are made unique against the ``existing`` rows.
    """
    row, eventually, within = table.fresh(source)
    kept = list(existing)
    taken_ids = {other.id for other in kept}
    taken_organizations = {organization_key(other.organization) for other in kept}
    on_time = table.on_time(row.phase)
    expected_days = row.expected_days if eventually > 0.0 else None
    return [
        OpportunityRecord(
            id=_unique(f"new-{ordinal}", taken_ids),
            organization=_unique(
                f"new application {ordinal}", taken_organizations, organization_key
            ),
            source=Source.OTHER if source is None else source,
            stage=stage,
            status=OutlookStatus.PENDING,
            outcome=None,
            hypothetical=True,
            p_offer=eventually,
            p_offer_within_horizon=within,
            p_alive=row.stage_chance,
            silence_days=0.0,
            expected_days_to_offer=expected_days,
            prior_chance=eventually,
            stage_chance=row.stage_chance,
            rest_chance=row.rest_chance,
            p_on_time=on_time,
            signal_ratio=1.0,
            positive_signals=0,
            negative_signals=0,
            application_factor=row.application_factor,
            decision_factor=row.decision_factor,
        )
        for ordinal in range(1, count + 1)
    ]
