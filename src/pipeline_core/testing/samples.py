"""
Small, fixed searches for tests: readable in a failure report, cheap to build.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from pipeline_core.events import Advanced, Applied, Closed, Contact, Direction, Signal
from pipeline_core.goals import Goals
from pipeline_core.opportunity import Opportunity, Source
from pipeline_core.outcomes import Outcome
from pipeline_core.search import Search

__all__ = ["sample_search"]

_T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)


def _at(days: float) -> dt.datetime:
    return _T0 + dt.timedelta(days=days)


def sample_search(*, variant: int = 0) -> Search:
    """
    Return a small, fixed search: one opportunity interviewing, one applied, one rejected.

    ``variant`` changes the goals and adds a contact, so two variants differ.

    Args:
        variant: Which variant (any int ``>= 0``).

    Returns:
        The search.

    .. versionadded:: 0.1.0
    """
    acme = Opportunity(
        id="acme-pm",
        organization="Acme",
        title="Product Manager",
        source=Source.AGENCY_RECRUITER,
        location="Chicago",
        created_at=_at(-3),
        events=(
            Applied(at=_at(0)),
            Advanced(at=_at(5), stage="screening"),
            Advanced(at=_at(12), stage="interviewing", round=1),
            Signal(at=_at(13), polarity="positive", note="you were the favourite"),
            *(
                Contact(at=_at(14 + step), direction=Direction.OUTBOUND, note=f"follow-up {step}")
                for step in range(variant)
            ),
        ),
    )
    globex = Opportunity(
        id="globex-analyst",
        organization="Globex",
        title="Analyst",
        source=Source.REFERRAL,
        industry="finance",
        tags=("remote",),
        events=(Applied(at=_at(2), note="referred by a friend"),),
    )
    initech = Opportunity(
        id="initech-ops",
        organization="Initech",
        title="Ops Lead",
        source=Source.JOB_BOARD,
        events=(
            Applied(at=_at(1)),
            Closed(at=_at(20), outcome=Outcome.REJECTED, reason="an old employee came back"),
        ),
    )
    return Search(
        opportunities=(acme, globex, initech),
        goals=Goals(min_live=3 + variant, weekly_applications=5),
    )
