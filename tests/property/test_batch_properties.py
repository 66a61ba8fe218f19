"""Properties of the batch API: it is assess(), search by search, whatever the searches."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.testing import strategies as pst


@given(searches=st.lists(pst.searches(max_size=4), max_size=3), as_of=pst.instants())
def test_assess_many_equals_assess_for_every_search(
    searches: list[pc.Search], as_of: dt.datetime
) -> None:
    """assess_many gives exactly the reports assess gives, in the same order."""
    expected = [pc.assess(search, as_of=as_of) for search in searches]
    assert expected == list(pc.assess_many(iter(searches), as_of=as_of))


@given(search=pst.searches(max_size=4), as_of=pst.instants())
def test_assess_dict_equals_the_assessor_on_the_object(
    search: pc.Search, as_of: dt.datetime
) -> None:
    """The plain-data form agrees with the object form."""
    expected = pc.Assessor(as_of=as_of)(search)
    assert expected == pc.assess_dict(search.to_dict(), as_of=as_of.isoformat())
