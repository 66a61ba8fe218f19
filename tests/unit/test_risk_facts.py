"""Facts: one pass over a search, as plain numbers, with a registry."""

from __future__ import annotations

import datetime as dt
import itertools
import types
from typing import Any

import attrs
import pytest

import pipeline_core as pc
from pipeline_core.facts import business_days, compute_facts

MONDAY = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def at(days: float) -> dt.datetime:
    return MONDAY + days * DAY


def opportunity(
    opportunity_id: str,
    *events: pc.Event,
    organization: str = "Acme",
    source: pc.Source = pc.Source.JOB_BOARD,
    industry: str | None = None,
    location: str | None = None,
    created_at: dt.datetime | None = None,
    pipeline: pc.PipelineDefinition = pc.DEFAULT_PIPELINE,
) -> pc.Opportunity:
    return pc.Opportunity(
        id=opportunity_id,
        organization=organization,
        title="Analyst",
        source=source,
        industry=industry,
        location=location,
        created_at=created_at,
        events=events,
        pipeline=pipeline,
    )


def applied(day: float) -> pc.Applied:
    return pc.Applied(at=at(day))


def advanced(day: float, stage: str, round_: int | None = None) -> pc.Advanced:
    return pc.Advanced(at=at(day), stage=stage, round=round_)


def facts_of(*opportunities: pc.Opportunity, when: dt.datetime, **options: object) -> pc.Facts:
    pipeline = opportunities[0].pipeline if opportunities else pc.DEFAULT_PIPELINE
    search = pc.Search(opportunities=opportunities, pipeline=pipeline)
    return compute_facts(search, as_of=when, **options)  # type: ignore[arg-type]


# -- business days ----------------------------------------------------------------------------


def test_a_week_has_five_business_days() -> None:
    """From a Monday to the next Monday is five business days."""
    assert 5.0 == business_days(MONDAY.timestamp(), at(7).timestamp())


def test_a_weekend_counts_nothing() -> None:
    """Friday noon to Monday noon is one business day: half a Friday and half a Monday."""
    assert 1.0 == business_days(at(4).timestamp(), at(7).timestamp())


def test_time_within_a_weekend_is_zero() -> None:
    """Saturday to Sunday evening holds no business time."""
    saturday = dt.datetime(2026, 10, 10, tzinfo=dt.UTC)
    assert 0.0 == business_days(saturday.timestamp(), (saturday + 1.9 * DAY).timestamp())


def test_business_days_backwards_are_negative() -> None:
    """Swapping the instants flips the sign."""
    assert -5.0 == business_days(at(7).timestamp(), MONDAY.timestamp())


# -- counting ---------------------------------------------------------------------------------


def test_empty_search_has_no_live_opportunity_and_no_rate() -> None:
    """An empty search: nothing live, a rate of zero, and unknowns as None."""
    facts = facts_of(when=MONDAY)
    assert (0, 0.0, None, None, None) == (
        facts.live,
        facts.weekly_application_rate,
        facts.previous_weekly_application_rate,
        facts.days_since_last_application,
        facts.favourite,
    )


def test_prospects_live_closed_and_signed_are_counted_apart() -> None:
    """Each opportunity lands in exactly one of prospect, live, closed or signed."""
    signed = opportunity(
        "signed",
        applied(0),
        pc.Offer(at=at(1), form="written"),
        pc.Closed(at=at(2), outcome="accepted"),
    )
    rejected = opportunity("rejected", applied(0), pc.Closed(at=at(1), outcome="rejected"))
    facts = facts_of(
        opportunity("noted"), opportunity("live", applied(0)), rejected, signed, when=at(3)
    )
    assert (4, 1, 1, 1, 1, True) == (
        facts.opportunities_known,
        facts.prospects,
        facts.live,
        facts.closed,
        facts.signed,
        facts.won,
    )


def test_an_opportunity_created_after_as_of_is_not_known_yet() -> None:
    """An opportunity noted after the instant assessed does not exist yet."""
    facts = facts_of(opportunity("later", created_at=at(5)), when=at(1))
    assert 0 == facts.opportunities_known


def test_an_opportunity_whose_events_all_come_later_is_not_known_yet() -> None:
    """Without a creation date, an opportunity exists from its first event."""
    facts = facts_of(opportunity("later", applied(5)), when=at(1))
    assert 0 == facts.opportunities_known


def test_an_opportunity_created_before_its_first_event_is_a_prospect_meanwhile() -> None:
    """Created before as_of, applied after it: a prospect at as_of."""
    facts = facts_of(opportunity("noted", applied(5), created_at=at(0)), when=at(1))
    assert (1, 1, 0) == (facts.opportunities_known, facts.prospects, facts.live)


def test_stage_counts_follow_the_pipeline_order() -> None:
    """Open opportunities are counted per stage, every stage listed, in order."""
    facts = facts_of(
        opportunity("a", applied(0)),
        opportunity("b", applied(0), advanced(1, "screening")),
        when=at(2),
    )
    assert (
        ("interested", 0),
        ("applied", 1),
        ("screening", 1),
        ("interviewing", 0),
        ("final_round", 0),
        ("verbal_offer", 0),
        ("written_offer", 0),
        ("accepted", 0),
    ) == facts.stage_counts


def test_screening_is_advanced_but_not_late() -> None:
    """In the default pipeline screening is past the application, interviewing is late."""
    facts = facts_of(
        opportunity("a", applied(0), advanced(1, "screening")),
        opportunity("b", applied(0), advanced(1, "interviewing", 1)),
        when=at(2),
    )
    assert (2, 1) == (facts.live_advanced, facts.live_late)


def _pipeline(
    *process: str, transitions: dict[str, list[str]] | None = None
) -> pc.PipelineDefinition:
    names = ["interested", "applied", *process, "written", "signed"]
    kinds = {
        "interested": "prospect",
        "applied": "applied",
        "written": "written_offer",
        "signed": "signed",
    }
    stages = [
        pc.Stage(name=name, kind=kinds.get(name, "process"), p_advance=0.5, response_days=7.0)
        if name not in ("interested", "signed")
        else pc.Stage(name=name, kind=kinds[name])
        for name in names
    ]
    chain = {source: [target] for source, target in itertools.pairwise(names)}
    return pc.PipelineDefinition.from_stages("custom", stages, transitions or chain)


def test_late_starts_at_the_only_process_stage() -> None:
    """With a single process stage after the application, it is the late stage."""
    pipeline = _pipeline("interview")
    facts = facts_of(
        opportunity("a", applied(0), advanced(1, "interview"), pipeline=pipeline), when=at(2)
    )
    assert (1, 1) == (facts.live_advanced, facts.live_late)


def test_late_starts_at_the_offer_without_process_stages() -> None:
    """Without process stages, the first offer stage is late and the application is not."""
    pipeline = _pipeline()
    written = opportunity("a", applied(0), pc.Offer(at=at(1), form="written"), pipeline=pipeline)
    waiting = opportunity("b", applied(0), pipeline=pipeline)
    facts = facts_of(written, waiting, when=at(2))
    assert (1, 1, 1) == (facts.live_late, facts.written_offers, facts.late_pending + 1)


def test_a_stage_reached_without_applying_is_measured_from_its_entry() -> None:
    """Where a pipeline lets a process stage be reached directly, time runs from its entry."""
    pipeline = _pipeline(
        "screen",
        transitions={
            "interested": ["applied", "screen"],
            "applied": ["screen"],
            "screen": ["written"],
            "written": ["signed"],
        },
    )
    facts = facts_of(opportunity("a", advanced(2, "screen"), pipeline=pipeline), when=at(3))
    assert (1.0, 1.0) == (
        facts.opportunities[0].days_since_applied,
        facts.opportunities[0].business_days_silent,
    )


# -- silence ----------------------------------------------------------------------------------


def test_silence_runs_from_the_employers_last_word() -> None:
    """An inbound contact restarts the silence; the candidate's own follow-up does not."""
    facts = facts_of(
        opportunity(
            "a",
            applied(0),
            pc.Contact(at=at(1), direction="inbound"),
            pc.Contact(at=at(2), direction="outbound"),
        ),
        when=at(3),
    )
    item = facts.opportunities[0]
    assert (2.0, 1.0) == (item.business_days_silent, item.days_since_contact)


def test_an_old_inbound_contact_does_not_shorten_the_silence() -> None:
    """A recruiter's call before the application does not count after it."""
    facts = facts_of(
        opportunity("a", pc.Contact(at=at(0), direction="inbound"), applied(1)), when=at(3)
    )
    assert 2.0 == facts.opportunities[0].business_days_silent


def test_silent_counts_opportunities_beyond_the_stage_window() -> None:
    """Applications wait 10 business days, interviews 5, in the default pipeline."""
    facts = facts_of(
        opportunity("quiet-application", applied(0)),
        opportunity("fresh-application", applied(10)),
        opportunity("quiet-interview", applied(0), advanced(7, "interviewing", 1)),
        when=at(16),
    )
    assert (2, 1) == (facts.silent, facts.silent_advanced)


def test_offers_await_no_answer_from_the_employer() -> None:
    """A written offer is the candidate's move: no response window, never silent."""
    facts = facts_of(opportunity("a", applied(0), pc.Offer(at=at(1), form="written")), when=at(60))
    assert (None, False, 0) == (
        facts.opportunities[0].response_window,
        facts.opportunities[0].awaiting,
        facts.silent,
    )


# -- favourites, concentration, offers --------------------------------------------------------


def test_the_favourite_is_the_most_advanced_favoured_opportunity() -> None:
    """A verbal offer beats an interview with positive signals."""
    signals = opportunity(
        "signals",
        applied(0),
        advanced(1, "interviewing", 1),
        pc.Signal(at=at(2), polarity="positive"),
        organization="Beta",
    )
    verbal = opportunity(
        "verbal",
        applied(0),
        advanced(1, "final_round"),
        pc.Offer(at=at(2), form="verbal"),
        organization="Gamma",
    )
    facts = facts_of(signals, verbal, when=at(3))
    assert (2, "verbal", "Gamma") == (facts.favoured, facts.favourite, facts.favourite_organization)


def test_favourites_tie_on_the_smaller_id() -> None:
    """Two favourites at the same stage with the same signals: the first id wins."""

    def favoured(opportunity_id: str) -> pc.Opportunity:
        return opportunity(
            opportunity_id,
            applied(0),
            advanced(1, "screening"),
            pc.Signal(at=at(2), polarity="positive"),
        )

    assert "a" == facts_of(favoured("b"), favoured("a"), when=at(3)).favourite


def test_negative_signals_cancel_positive_ones() -> None:
    """As many negative as positive signals: not a favourite."""
    facts = facts_of(
        opportunity(
            "a",
            applied(0),
            pc.Signal(at=at(1), polarity="positive"),
            pc.Signal(at=at(1), polarity="negative"),
        ),
        when=at(2),
    )
    assert (0, None, None) == (facts.favoured, facts.favourite, facts.backup)


def test_backup_counts_advanced_opportunities_at_other_organisations() -> None:
    """Behind a favourite, only other employers' processes past the application count."""
    favourite = opportunity(
        "fav",
        applied(0),
        advanced(1, "interviewing", 1),
        pc.Signal(at=at(2), polarity="positive"),
    )
    same_org = opportunity("same", applied(0), advanced(1, "screening"))
    other = opportunity("other", applied(0), advanced(1, "screening"), organization="Beta")
    fresh = opportunity("fresh", applied(2), organization="Gamma")
    assert 1 == facts_of(favourite, same_org, other, fresh, when=at(3)).backup


def test_top_shares_count_unrecorded_values_as_others() -> None:
    """One of three live opportunities in software, two unrecorded: a third, not all."""
    facts = facts_of(
        opportunity("a", applied(0), industry="software", location="Chicago"),
        opportunity("b", applied(0), location="Chicago"),
        opportunity("c", applied(0), organization="Beta"),
        when=at(1),
    )
    assert ("Acme", 2 / 3, "software", 1 / 3, "Chicago", 2 / 3) == (
        facts.top_organization,
        facts.top_organization_share,
        facts.top_industry,
        facts.top_industry_share,
        facts.top_location,
        facts.top_location_share,
    )


def test_top_organization_ties_go_to_the_first_name() -> None:
    """Equal counts: the alphabetically first organisation is the top one."""
    facts = facts_of(
        opportunity("a", applied(0), organization="Zeta"),
        opportunity("b", applied(0), organization="Alpha"),
        when=at(1),
    )
    assert (
        "Alpha",
        0.5,
        2,
    ) == (facts.top_organization, facts.top_organization_share, facts.organizations)


def test_agency_share_of_late_stage_opportunities() -> None:
    """One of two late-stage opportunities came through an agency."""
    facts = facts_of(
        opportunity(
            "a", applied(0), advanced(1, "interviewing", 1), source=pc.Source.AGENCY_RECRUITER
        ),
        opportunity("b", applied(0), advanced(1, "final_round")),
        opportunity("c", applied(0), source=pc.Source.AGENCY_RECRUITER),
        when=at(2),
    )
    assert (1, 0.5) == (facts.agency_late, facts.agency_late_share)


def test_verbal_offer_wait_counts_business_days() -> None:
    """A verbal offer made on a Monday has waited five business days the next Monday."""
    facts = facts_of(
        opportunity(
            "a", applied(-7), advanced(-6, "final_round"), pc.Offer(at=at(0), form="verbal")
        ),
        when=at(7),
    )
    assert (1, 5.0, 5.0) == (
        facts.verbal_offers,
        facts.max_verbal_offer_business_days,
        facts.opportunities[0].verbal_offer_business_days,
    )


def test_the_longest_verbal_wait_is_kept() -> None:
    """Of two verbal offers, the one waiting longer sets the fact."""

    def verbal(opportunity_id: str, day: float) -> pc.Opportunity:
        return opportunity(opportunity_id, applied(-9), pc.Offer(at=at(day), form="verbal"))

    facts = facts_of(verbal("a", 0), verbal("b", 3), when=at(7))
    assert (2, 5.0) == (facts.verbal_offers, facts.max_verbal_offer_business_days)


def test_nearest_deadline_among_written_offers() -> None:
    """Days left until the nearest deadline; offers without one are ignored."""
    facts = facts_of(
        opportunity("a", applied(0), pc.Offer(at=at(1), form="written", deadline=at(9))),
        opportunity("b", applied(0), pc.Offer(at=at(1), form="written", deadline=at(4))),
        opportunity("d", applied(0), pc.Offer(at=at(1), form="written", deadline=at(6))),
        opportunity("c", applied(0), pc.Offer(at=at(1), form="written")),
        when=at(2),
    )
    assert (4, 2.0) == (facts.written_offers, facts.nearest_offer_deadline_days)


def test_longest_process_ties_go_to_the_smaller_id() -> None:
    """Two processes started together: the first id is the longest."""
    facts = facts_of(
        opportunity("b", applied(0), advanced(1, "screening")),
        opportunity("a", applied(0), advanced(1, "screening")),
        opportunity("c", applied(1), advanced(2, "screening")),
        when=at(15),
    )
    assert ("a", 15.0) == (facts.longest_process, facts.longest_process_days)


# -- applications over time -------------------------------------------------------------------


def test_weekly_rate_over_the_last_four_weeks() -> None:
    """Four applications in the last 28 days of a long search: one a week."""
    old = [opportunity(f"old{n}", applied(-40)) for n in range(2)]
    recent = [opportunity(f"new{n}", applied(-n * 5)) for n in range(4)]
    facts = facts_of(*old, *recent, when=MONDAY)
    assert (4, 1.0, 0.0) == (
        facts.applications_recent,
        facts.weekly_application_rate,
        facts.days_since_last_application,
    )


def test_weekly_rate_of_a_young_search_is_over_at_least_a_week() -> None:
    """Three applications in a two-day-old search are three a week, not ten."""
    facts = facts_of(*(opportunity(f"a{n}", applied(0)) for n in range(3)), when=at(2))
    assert (3.0, 2.0) == (facts.weekly_application_rate, facts.search_age_days)


def test_previous_rate_needs_a_week_of_history_before_the_window() -> None:
    """A search of 30 days has two days before the window: no previous rate, no trend."""
    facts = facts_of(opportunity("a", applied(-30)), when=MONDAY)
    assert (None, None) == (facts.previous_weekly_application_rate, facts.application_trend)


def test_trend_divides_the_recent_rate_by_the_previous_one() -> None:
    """Eight applications in weeks 5-8 and two in weeks 1-4: a trend of a quarter."""
    before = [opportunity(f"b{n}", applied(-56 + 3 * n)) for n in range(8)]
    recent = [opportunity(f"r{n}", applied(-n)) for n in range(2)]
    facts = facts_of(*before, *recent, when=MONDAY)
    assert (2.0, 0.5, 0.25) == (
        facts.previous_weekly_application_rate,
        facts.weekly_application_rate,
        facts.application_trend,
    )


def test_no_trend_when_nothing_was_sent_before() -> None:
    """A previous rate of zero gives no trend (not a division by zero)."""
    facts = facts_of(
        opportunity("a", applied(-60), created_at=at(-60)),
        opportunity("b", applied(0)),
        when=MONDAY,
    )
    assert (0.0, None) == (facts.previous_weekly_application_rate, facts.application_trend)


def test_goals_become_facts() -> None:
    """The weekly target, the live minimum and the days to the offer date."""
    search = pc.Search(goals=pc.Goals(min_live=3, weekly_applications=5, offer_by=at(10)))
    facts = compute_facts(search, as_of=MONDAY)
    assert (
        5.0,
        3,
        10.0,
    ) == (facts.weekly_application_goal, facts.min_live_goal, facts.days_to_offer_goal)


# -- the outlook's numbers --------------------------------------------------------------------


def test_no_chances_leave_the_outlook_facts_unknown() -> None:
    """Without the outlook, p_no_offer and top_offer_share are None."""
    facts = facts_of(opportunity("a", applied(0)), when=at(1))
    assert (
        None,
        None,
        None,
    ) == (facts.p_no_offer, facts.top_offer_share, facts.opportunities[0].offer_chance)


def test_chances_at_one_organisation_are_combined() -> None:
    """Acme's 0.5 and 0.5 make 0.75; with Beta's 0.25 Acme holds three quarters."""
    facts = facts_of(
        opportunity("a1", applied(0), advanced(1, "screening")),
        opportunity("a2", applied(0), advanced(1, "screening")),
        opportunity("b", applied(0), advanced(1, "screening"), organization="Beta"),
        when=at(2),
        offer_chances={"a1": 0.5, "a2": 0.5, "b": 0.25},
    )
    assert ("Acme", 0.75, 0.25 * 0.75) == (
        facts.top_offer_organization,
        facts.top_offer_share,
        facts.p_no_offer,
    )


def test_fresh_applications_count_for_p_no_offer_but_not_for_concentration() -> None:
    """A strong new application lowers p_no_offer and leaves the top share alone."""
    facts = facts_of(
        opportunity("interview", applied(0), advanced(1, "screening")),
        opportunity("fresh", applied(2), organization="Beta"),
        when=at(2),
        offer_chances={"interview": 0.2, "fresh": 0.5},
    )
    assert ("Acme", 1.0, 0.8 * 0.5) == (
        facts.top_offer_organization,
        facts.top_offer_share,
        facts.p_no_offer,
    )


def test_an_explicit_p_no_offer_is_kept() -> None:
    """The outlook's own figure (say, with correlation) wins over the independent one."""
    facts = facts_of(
        opportunity("a", applied(0)), when=at(1), offer_chances={"a": 0.5}, p_no_offer=0.7
    )
    assert 0.7 == facts.p_no_offer


def test_zero_chances_leave_no_top_share() -> None:
    """When nothing has a chance, no organisation holds a share of it."""
    facts = facts_of(opportunity("a", applied(0)), when=at(1), offer_chances={"a": 0.0})
    assert (None, 1.0) == (facts.top_offer_share, facts.p_no_offer)


def test_chances_of_opportunities_that_are_not_live_are_ignored() -> None:
    """A closed opportunity's chance and an unknown id do not count."""
    closed = opportunity("c", applied(0), pc.Closed(at=at(1), outcome="rejected"))
    facts = facts_of(
        opportunity("a", applied(0), advanced(1, "screening")),
        closed,
        when=at(2),
        offer_chances={"a": 0.2, "c": 0.9, "zzz": 0.9},
    )
    assert (1.0, 0.8) == (facts.top_offer_share, facts.p_no_offer)


def test_offer_chances_must_be_a_mapping() -> None:
    """A list of chances is refused with a TypeError of the family."""
    with pytest.raises(pc.WrongTypeError) as caught:
        facts_of(when=MONDAY, offer_chances=[0.5])
    assert "offer_chances" == caught.value.path


def test_an_offer_chance_outside_zero_one_is_refused() -> None:
    """A chance of 1.5 names the opportunity it belongs to."""
    with pytest.raises(pc.InvalidValueError) as caught:
        facts_of(when=MONDAY, offer_chances={"a": 1.5})
    assert "offer_chances['a']" == caught.value.path


def test_p_no_offer_outside_zero_one_is_refused() -> None:
    """A p_no_offer of -0.1 is refused."""
    with pytest.raises(pc.InvalidValueError) as caught:
        facts_of(when=MONDAY, p_no_offer=-0.1)
    assert "p_no_offer" == caught.value.path


# -- input errors -----------------------------------------------------------------------------


def test_compute_facts_needs_a_search() -> None:
    """A dict is not a search."""
    with pytest.raises(pc.WrongTypeError):
        compute_facts({}, as_of=MONDAY)  # type: ignore[arg-type]


def test_a_negative_horizon_is_refused() -> None:
    """The horizon is a positive number of days."""
    with pytest.raises(pc.InvalidValueError):
        compute_facts(pc.Search(), as_of=MONDAY, horizon_days=-1)


def test_a_naive_as_of_is_refused() -> None:
    """No time zone, no facts."""
    with pytest.raises(pc.NaiveDatetimeError):
        compute_facts(pc.Search(), as_of=dt.datetime(2026, 10, 5))  # noqa: DTZ001


# -- the registry -----------------------------------------------------------------------------


def test_every_registered_fact_has_a_type_and_a_description() -> None:
    """The registry documents each fact."""
    assert all(spec.description and spec.type in pc.FactType for spec in pc.FACTS.values())


def test_the_registry_lists_every_scalar_fact_in_order() -> None:
    """Its names are the scalar facts' names, in the order of the class."""
    facts = facts_of(when=MONDAY)
    assert list(pc.FACTS) == list(facts.scalars())


def test_value_reads_a_registered_fact() -> None:
    """facts.value('live') is facts.live."""
    facts = facts_of(opportunity("a", applied(0)), when=at(1))
    assert 1 == facts.value("live")


def test_value_of_an_unknown_fact_is_refused() -> None:
    """Names outside the registry are refused, never looked up as attributes."""
    with pytest.raises(pc.InvalidValueError):
        facts_of(when=MONDAY).value("__class__")


def test_scalars_are_read_only() -> None:
    """The mapping of scalar facts cannot be changed."""
    scalars = facts_of(when=MONDAY).scalars()
    assert isinstance(scalars, types.MappingProxyType)


def test_number_facts_report_as_numbers() -> None:
    """is_number tells counts and amounts from flags and names."""
    assert (True, True, False, False) == (
        pc.FACTS["live"].is_number,
        pc.FACTS["p_no_offer"].is_number,
        pc.FACTS["won"].is_number,
        pc.FACTS["favourite"].is_number,
    )


def test_opportunity_lookup_of_an_unknown_id_is_none() -> None:
    """Only live opportunities have per-opportunity facts."""
    assert facts_of(when=MONDAY).opportunity("nope") is None


def test_stage_counts_accept_a_mapping() -> None:
    """Facts can be built with stage counts as a dict; they are stored as pairs."""
    scalars: dict[str, Any] = dict(facts_of(when=MONDAY).scalars())
    facts = pc.Facts(**scalars, stage_counts={"applied": 2})
    assert (("applied", 2),) == facts.stage_counts


def test_many_pipelines_share_the_layout_cache_safely() -> None:
    """Past the cache's size, layouts are rebuilt, and the facts stay right."""
    pipelines = [_pipeline("interview") for _ in range(70)]
    results = {
        facts_of(
            opportunity("a", applied(0), advanced(1, "interview"), pipeline=p), when=at(2)
        ).live_late
        for p in pipelines
    }
    assert {1} == results


# -- plain data -------------------------------------------------------------------------------


def test_facts_round_trip_through_plain_data() -> None:
    """from_dict(to_dict()) gives equal facts."""
    facts = facts_of(
        opportunity("a", applied(0), advanced(1, "interviewing", 1), industry="software"),
        opportunity("b", applied(0), pc.Offer(at=at(1), form="verbal")),
        when=at(3),
        offer_chances={"a": 0.3},
    )
    assert facts == pc.Facts.from_dict(facts.to_dict())


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.pop("scalars"), "scalars"),
        (lambda d: d["scalars"].pop("live"), "scalars.live"),
        (lambda d: d["scalars"].update(live=True), "scalars.live"),
        (lambda d: d["scalars"].update(won=1), "scalars.won"),
        (lambda d: d["scalars"].update(horizon_days="30"), "scalars.horizon_days"),
        (lambda d: d["scalars"].update(favourite=3), "scalars.favourite"),
        (lambda d: d["scalars"].update(live=None), "scalars.live"),
        (lambda d: d["stage_counts"].update(applied=1.5), "stage_counts.applied"),
        (lambda d: d["stage_counts"].update(applied=-1), "stage_counts.applied"),
        (lambda d: d["opportunities"][0].update(stage_kind="lunch"), "opportunities[0].stage_kind"),
        (lambda d: d["opportunities"][0].update(source=7), "opportunities[0].source"),
        (lambda d: d["opportunities"][0].pop("late"), "opportunities[0].late"),
        (lambda d: d.update(opportunities={}), "opportunities"),
        (lambda d: d.update(extra=1), "extra"),
    ],
)
def test_bad_facts_data_names_the_path(change: object, path: str) -> None:
    """Each problem is a DecodeError at its JSON path."""
    data = facts_of(opportunity("a", applied(0)), when=at(1)).to_dict()
    change(data)  # type: ignore[operator]
    with pytest.raises(pc.DecodeError) as caught:
        pc.Facts.from_dict(data)
    assert path == caught.value.path


def test_facts_built_by_the_engine_are_frozen() -> None:
    """Facts and per-opportunity facts are ordinary frozen objects that round-trip their dicts."""
    at = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
    search = pc.Search.from_dict(
        {
            "schema": 1,
            "opportunities": [
                {
                    "id": "a",
                    "organization": "Acme",
                    "title": "Analyst",
                    "source": "referral",
                    "events": [{"type": "applied", "at": at.isoformat()}],
                }
            ],
        }
    )
    facts = pc.compute_facts(search, as_of=at + dt.timedelta(days=3))
    assert type(facts) is pc.Facts
    assert facts == pc.Facts.from_dict(facts.to_dict())
    assert facts.value("live") == 1
    (item,) = facts.opportunities
    assert type(item) is pc.OpportunityFacts
    try:
        item.id = "b"  # type: ignore[misc]
    except attrs.exceptions.FrozenInstanceError:
        pass
    else:  # pragma: no cover - the assertion below fails
        raise AssertionError("OpportunityFacts is not frozen")
    assert item == pc.OpportunityFacts.from_dict(item.to_dict())
    assert hash(item) == hash(pc.OpportunityFacts.from_dict(item.to_dict()))
