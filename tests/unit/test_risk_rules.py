"""The built-in rules, operators and evidence: each rule fires where it should, graded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import pipeline_core as pc
from pipeline_core.facts import compute_facts
from pipeline_core.rules import format_value
from pipeline_core.rules._catalog import MAX_EVIDENCE

MONDAY = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
BASE = compute_facts(pc.Search(), as_of=MONDAY)


def facts(**changes: Any) -> pc.Facts:
    return attrs.evolve(BASE, **changes)


def item(**changes: Any) -> pc.OpportunityFacts:
    values: dict[str, Any] = {
        "id": "a",
        "organization": "Acme",
        "industry": None,
        "location": None,
        "source": pc.Source.JOB_BOARD,
        "stage": "interviewing",
        "stage_kind": pc.StageKind.PROCESS,
        "advanced": True,
        "late": True,
        "awaiting": True,
        "favoured": False,
        "positive_signals": 0,
        "negative_signals": 0,
        "days_in_stage": 1.0,
        "days_since_contact": 1.0,
        "business_days_silent": 1.0,
        "response_window": 5.0,
        "days_since_applied": 10.0,
        "verbal_offer_business_days": None,
        "deadline_days": None,
        "offer_chance": None,
    }
    values.update(changes)
    return pc.OpportunityFacts(**values)


def fire(rule: Any, state: pc.Facts) -> pc.Firing:
    firing: pc.Firing | None = rule.evaluate(state)
    assert firing is not None
    return firing


# -- operators and evidence -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "value", "threshold", "expected"),
    [
        ("<", 1, 2, True),
        ("<=", 2, 2, True),
        (">", 2, 2, False),
        (">=", 2, 2, True),
        ("==", "a", "a", True),
        ("!=", True, False, True),
        ("in", "a", ("a", "b"), True),
        ("not in", "a", ("a", "b"), False),
        ("in", "a", "abc", False),
        ("not in", "a", "abc", False),
        ("is null", None, None, True),
        ("not null", 0, None, True),
        ("<", None, 2, False),
        ("!=", None, 2, False),
        ("<", "a", 2, False),
    ],
)
def test_operators(op: str, value: Any, threshold: Any, expected: bool) -> None:  # noqa: FBT001
    """Each operator compares as written; null and mismatched types are never true."""
    assert expected == pc.Operator(op).holds(value, threshold)


def test_negation_is_an_involution_that_flips_the_result() -> None:
    """not not op is op, and op.negated holds exactly when op fails on a known value."""
    pairs = [(1, 2), (2, 2), (3, 2)]
    for op in pc.Operator:
        assert op == op.negated.negated
        if op.is_ordering:
            assert all(op.holds(a, b) != op.negated.holds(a, b) for a, b in pairs)


def test_evidence_computes_its_margin() -> None:
    """The margin is the distance to the threshold, for numbers only."""
    numbers = pc.Evidence(fact="live", op="<", value=1, threshold=3)
    names = pc.Evidence(fact="favourite", op="==", value="a", threshold="a")
    assert (2.0, None, True) == (numbers.margin, names.margin, numbers.holds)


def test_evidence_reads_as_a_formula() -> None:
    """str(evidence) names the fact, its value, the operator and the threshold."""
    evidence = pc.Evidence(
        fact="business_days_silent", op=">", value=12.3456, threshold=5, opportunity_id="acme"
    )
    assert "business_days_silent[acme] = 12.35 > 5" == str(evidence)


def test_null_evidence_reads_without_a_threshold() -> None:
    """An 'is null' test shows no value."""
    assert "favourite is null" == str(
        pc.Evidence(fact="favourite", op="is null", value=None, threshold=None)
    )


def test_evidence_round_trips_through_plain_data() -> None:
    """A tuple threshold comes back as a tuple."""
    evidence = pc.Evidence(fact="top_industry", op="in", value="a", threshold=["a", "b"])
    assert evidence == pc.Evidence.from_dict(evidence.to_dict())


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"op": "~"}, "op"),
        ({"threshold": [1, {}]}, "threshold[1]"),
        ({"threshold": float("nan")}, "threshold"),
        ({"value": []}, "value"),
        ({"fact": ""}, "fact"),
        ({"margin": "1"}, "margin"),
        ({"opportunity_id": 3}, "opportunity_id"),
    ],
)
def test_bad_evidence_data_names_the_path(change: dict[str, Any], path: str) -> None:
    """Each problem is a DecodeError at its path."""
    data = pc.Evidence(fact="live", op="<", value=1, threshold=3).to_dict() | change
    with pytest.raises(pc.DecodeError) as caught:
        pc.Evidence.from_dict(data)
    assert path == caught.value.path


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (2.5, "2.5"),
        (3.0, "3"),
        (-0.001, "0"),
        (7, "7"),
        ("x", "x"),
        (("a", 1.5), "(a, 1.5)"),
    ],
)
def test_values_format_briefly(value: Any, text: str) -> None:
    """Numbers to two decimals at most, null and booleans in JSON words."""
    assert text == format_value(value)


# -- the catalog ------------------------------------------------------------------------------


def test_the_catalog_has_the_ten_ids_of_the_spec() -> None:
    """The ids are a public contract, in catalog order."""
    assert [
        "single-basket",
        "search-stalled",
        "unsigned-certainty",
        "silent-employer",
        "agency-fee-drag",
        "correlated-exposure",
        "sunk-weeks",
        "verbal-offer-limbo",
        "offer-deadline",
        "momentum-drop",
    ] == list(pc.BUILTIN_RULES)


@pytest.mark.parametrize("rule_class", list(pc.BUILTIN_RULES.values()))
def test_every_builtin_rule_documents_itself(rule_class: Any) -> None:
    """A title, when it fires, the article's words, and each parameter's meaning."""
    specs = rule_class.parameter_specs()
    assert all((rule_class.title, rule_class.summary, rule_class.why))
    assert all(spec.description for spec in specs)
    assert "weight" in {spec.name for spec in specs}


@pytest.mark.parametrize("rule_class", list(pc.BUILTIN_RULES.values()))
def test_no_builtin_rule_fires_once_an_offer_is_signed(rule_class: Any) -> None:
    """A signed offer wins the search: every built-in rule is silent."""
    busy = facts(
        won=True,
        signed=1,
        live=1,
        live_advanced=1,
        live_late=1,
        favoured=1,
        backup=0,
        days_since_last_application=60.0,
        agency_late=1,
        agency_late_share=1.0,
        top_organization_share=1.0,
        longest_process_days=60.0,
        max_verbal_offer_business_days=20.0,
        nearest_offer_deadline_days=0.0,
        late_pending=1,
        weekly_application_goal=5.0,
        min_live_goal=5,
        opportunities=(item(business_days_silent=50.0),),
    )
    assert rule_class().evaluate(busy) is None


@pytest.mark.parametrize(
    ("rule_class", "change"),
    [
        (pc.SearchStalled, {"full_days": 7}),
        (pc.SunkWeeks, {"days": -1}),
        (pc.VerbalOfferLimbo, {"full_days": 1}),
        (pc.SilentEmployer, {"full_factor": 1}),
        (pc.SingleBasket, {"min_live": 0}),
        (pc.SingleBasket, {"min_live": 1001}),
        (pc.SingleBasket, {"max_share": 1.0}),
        (pc.AgencyFeeDrag, {"weight": 101}),
        (pc.OfferDeadline, {"days": 0}),
        (pc.MomentumDrop, {"min_previous_rate": -1}),
    ],
)
def test_parameters_out_of_range_are_refused(rule_class: Any, change: dict[str, Any]) -> None:
    """Each parameter is checked, and the error names it."""
    with pytest.raises(pc.InvalidValueError) as caught:
        rule_class(**change)
    assert next(iter(change)) == caught.value.path


def test_parameters_of_the_wrong_type_are_a_type_error() -> None:
    """A weight written as text is a WrongTypeError."""
    with pytest.raises(pc.WrongTypeError):
        pc.SearchStalled(weight="2")  # type: ignore[arg-type]


def test_parameters_are_plain_data() -> None:
    """parameters() lists every parameter with its value."""
    assert {"days": 10, "full_days": 21.0, "weight": 2.5} == pc.SearchStalled(days=10).parameters()


# -- single-basket ----------------------------------------------------------------------------


def test_single_basket_grades_the_missing_opportunities() -> None:
    """One of three wanted opportunities past the application: strength two thirds."""
    firing = fire(
        pc.SingleBasket(),
        facts(live=2, live_advanced=1, opportunities=(item(), item(id="b", advanced=False))),
    )
    assert (
        2 / 3,
        ("a",),
        "live_advanced",
    ) == (firing.strength, firing.opportunity_ids, firing.evidence[0].fact)


def test_single_basket_is_quiet_with_three_advanced() -> None:
    """Three opportunities past the application are enough."""
    assert pc.SingleBasket().evaluate(facts(live=3, live_advanced=3)) is None


def test_no_live_opportunity_is_single_basket_at_full_strength() -> None:
    """Nothing live at all: one finding, full strength, its own message."""
    firing = fire(pc.SingleBasket(), BASE)
    assert (1.0, True) == (firing.strength, "no live opportunity" in firing.message)


def test_nothing_past_the_application_has_its_own_message() -> None:
    """Applications out, no interview: the message says so."""
    firing = fire(pc.SingleBasket(), facts(live=4))
    assert "nothing is in an interview" in firing.message


def test_single_basket_uses_the_outlook_share_when_known() -> None:
    """With chances, one employer holding 80 % against a 60 % line: strength one half."""
    state = facts(
        live=1,
        live_advanced=1,
        top_offer_share=0.8,
        top_offer_organization="Acme",
        opportunities=(item(),),
    )
    firing = fire(pc.SingleBasket(), state)
    assert (round(0.5, 9), "top_offer_share", ("a",)) == (
        round(firing.strength, 9),
        firing.evidence[0].fact,
        firing.opportunity_ids,
    )


def test_a_spread_chance_is_not_a_basket_even_with_few_opportunities() -> None:
    """With the share known and below the line, the count is not used."""
    state = facts(live=2, live_advanced=2, top_offer_share=0.5, top_offer_organization="Acme")
    assert pc.SingleBasket().evaluate(state) is None


def test_the_min_live_goal_adds_a_reason() -> None:
    """Two live against a goal of eight: the goal's shortfall is the stronger reason."""
    state = facts(live=2, live_advanced=3, min_live_goal=8, opportunities=(item(),))
    firing = fire(pc.SingleBasket(), state)
    assert (0.75, "live") == (firing.strength, firing.evidence[0].fact)


def test_the_count_reason_wins_when_stronger_than_the_goal() -> None:
    """No interview at all beats being one short of a goal of four."""
    firing = fire(pc.SingleBasket(), facts(live=3, live_advanced=0, min_live_goal=4))
    assert (1.0, "live_advanced") == (firing.strength, firing.evidence[0].fact)


# -- search-stalled ---------------------------------------------------------------------------


def test_search_stalled_ramps_from_days_to_full_days() -> None:
    """Fourteen idle days on a 7-to-21 ramp: half strength."""
    firing = fire(pc.SearchStalled(), facts(live=1, days_since_last_application=14.0))
    assert (0.5, 7.0) == (firing.strength, firing.evidence[0].margin)


def test_search_stalled_needs_something_pending() -> None:
    """With nothing live, there is nothing to wait for (single-basket speaks instead)."""
    assert pc.SearchStalled().evaluate(facts(days_since_last_application=30.0)) is None


def test_search_stalled_is_quiet_at_the_threshold() -> None:
    """Exactly seven days is not more than seven."""
    assert pc.SearchStalled().evaluate(facts(live=1, days_since_last_application=7.0)) is None


# -- unsigned-certainty -----------------------------------------------------------------------


def test_unsigned_certainty_grades_the_missing_backup() -> None:
    """A favourite with one backup of two wanted: half strength."""
    fav = item(favoured=True, positive_signals=2)
    firing = fire(
        pc.UnsignedCertainty(), facts(favoured=1, favourite="a", backup=1, opportunities=(fav,))
    )
    assert (
        0.5,
        ("a",),
        True,
    ) == (firing.strength, firing.opportunity_ids, "2 positive signals" in firing.message)


def test_a_verbal_offer_is_named_as_such() -> None:
    """The message says what the candidate is counting on."""
    fav = item(favoured=True, stage="verbal_offer", stage_kind=pc.StageKind.VERBAL_OFFER)
    firing = fire(
        pc.UnsignedCertainty(), facts(favoured=1, favourite="a", backup=0, opportunities=(fav,))
    )
    assert "a verbal offer" in firing.message


def test_unsigned_certainty_is_quiet_with_enough_backup() -> None:
    """Two other processes behind the favourite are a safety net."""
    state = facts(favoured=1, favourite="a", backup=2, opportunities=(item(favoured=True),))
    assert pc.UnsignedCertainty().evaluate(state) is None


def test_unsigned_certainty_needs_a_favourite() -> None:
    """No favourite, no certainty to worry about."""
    assert pc.UnsignedCertainty().evaluate(facts(live=1)) is None


# -- silent-employer --------------------------------------------------------------------------


def test_silent_employer_ramps_over_one_window() -> None:
    """7.5 business days against a window of 5, full at 10: half strength."""
    firing = fire(pc.SilentEmployer(), facts(opportunities=(item(business_days_silent=7.5),)))
    assert (
        0.5,
        "business_days_silent",
        "a",
    ) == (firing.strength, firing.evidence[0].fact, firing.evidence[0].opportunity_id)


def test_silence_after_an_application_counts_half() -> None:
    """Unanswered applications are the norm: full silence counts 0.5."""
    quiet = item(
        advanced=False,
        stage="applied",
        stage_kind=pc.StageKind.APPLIED,
        response_window=10.0,
        business_days_silent=30.0,
    )
    assert 0.5 == fire(pc.SilentEmployer(), facts(opportunities=(quiet,))).strength


def test_applied_factor_zero_ignores_applications() -> None:
    """With applied_factor 0, unanswered applications never fire the rule."""
    quiet = item(advanced=False, response_window=10.0, business_days_silent=30.0)
    assert pc.SilentEmployer(applied_factor=0).evaluate(facts(opportunities=(quiet,))) is None


def test_silent_employer_skips_stages_without_a_window() -> None:
    """Offers have no response window: nothing to exceed."""
    offer = item(response_window=None, awaiting=False, business_days_silent=99.0)
    assert pc.SilentEmployer().evaluate(facts(opportunities=(offer,))) is None


def test_silent_employer_lists_every_silent_opportunity_and_the_strongest_evidence() -> None:
    """Five silent employers: all five ids, the three strongest as evidence, the count said."""
    quiet = tuple(
        item(id=f"o{n}", organization=f"Org {n}", business_days_silent=6.0 + n) for n in range(5)
    )
    firing = fire(pc.SilentEmployer(), facts(opportunities=quiet))
    assert (("o0", "o1", "o2", "o3", "o4"), MAX_EVIDENCE, ("o4", "o3", "o2"), True) == (
        firing.opportunity_ids,
        len(firing.evidence),
        tuple(e.opportunity_id for e in firing.evidence),
        "and 4 other employers went quiet too" in firing.message,
    )


def test_scale_widens_every_window() -> None:
    """With scale 2, seven business days after an interview are not silence yet."""
    state = facts(opportunities=(item(business_days_silent=7.0),))
    assert pc.SilentEmployer(scale=2.0).evaluate(state) is None


# -- agency-fee-drag --------------------------------------------------------------------------


def test_agency_fee_drag_is_the_agency_share_of_the_late_pipeline() -> None:
    """One of two late-stage processes through an agency: half strength at x 0.8."""
    agency = item(source=pc.Source.AGENCY_RECRUITER, organization="Company X")
    state = facts(
        live_late=2, agency_late=1, agency_late_share=0.5, opportunities=(agency, item(id="b"))
    )
    firing = fire(pc.AgencyFeeDrag(), state)
    assert (round(0.5, 9), ("a",), True) == (
        round(firing.strength, 9),
        firing.opportunity_ids,
        firing.message.startswith("Company X"),
    )


def test_a_milder_drag_scales_the_strength_down() -> None:
    """x 0.9 is half the drag of x 0.8."""
    state = facts(
        agency_late=1,
        agency_late_share=1.0,
        opportunities=(item(source=pc.Source.AGENCY_RECRUITER),),
    )
    assert pytest.approx(0.5) == fire(pc.AgencyFeeDrag(conversion_factor=0.9), state).strength


def test_no_drag_no_finding() -> None:
    """A conversion factor of 1 means the fee changes nothing."""
    state = facts(
        agency_late=1,
        agency_late_share=1.0,
        opportunities=(item(source=pc.Source.AGENCY_RECRUITER),),
    )
    assert pc.AgencyFeeDrag(conversion_factor=1.0).evaluate(state) is None


# -- correlated-exposure ----------------------------------------------------------------------


def test_correlated_exposure_takes_the_most_concentrated_group() -> None:
    """Three of four in Chicago (75 %) beats two of four at Acme (50 %, not over the line)."""
    items = (
        item(id="a", location="Chicago"),
        item(id="b", location="Chicago", organization="Beta"),
        item(id="c", location="Chicago", organization="Gamma"),
        item(id="d", organization="Acme"),
    )
    state = facts(
        live=4,
        top_organization="Acme",
        top_organization_share=0.5,
        top_location="Chicago",
        top_location_share=0.75,
        opportunities=items,
    )
    firing = fire(pc.CorrelatedExposure(), state)
    assert (
        0.5,
        ("a", "b", "c"),
        ["live", "top_location_share"],
    ) == (firing.strength, firing.opportunity_ids, [e.fact for e in firing.evidence])


def test_correlated_exposure_lists_every_group_over_the_line() -> None:
    """All in one industry and one organisation: both are evidence, strength 1."""
    items = (item(id="a", industry="software"), item(id="b", industry="software"))
    state = facts(
        live=2,
        top_organization="Acme",
        top_organization_share=1.0,
        top_industry="software",
        top_industry_share=1.0,
        opportunities=items,
    )
    firing = fire(pc.CorrelatedExposure(), state)
    assert (1.0, 3) == (firing.strength, len(firing.evidence))


def test_one_live_opportunity_is_not_correlated_exposure() -> None:
    """A single opportunity is single-basket's business."""
    state = facts(live=1, top_organization="Acme", top_organization_share=1.0)
    assert pc.CorrelatedExposure().evaluate(state) is None


def test_a_spread_search_is_not_exposed() -> None:
    """Half in one place is not more than half."""
    state = facts(live=2, top_organization_share=0.5, top_industry_share=0.5)
    assert pc.CorrelatedExposure().evaluate(state) is None


# -- sunk-weeks -------------------------------------------------------------------------------


def test_sunk_weeks_ramps_from_two_to_four_weeks() -> None:
    """Three weeks in the only process: half strength."""
    state = facts(
        live_advanced=1, longest_process="a", longest_process_days=21.0, opportunities=(item(),)
    )
    firing = fire(pc.SunkWeeks(), state)
    assert (
        0.5,
        ("a",),
        True,
    ) == (firing.strength, firing.opportunity_ids, firing.message.startswith("3.0 weeks"))


def test_sunk_weeks_is_quiet_with_another_process_running() -> None:
    """Two processes past the application: the weeks are not sunk in one."""
    state = facts(
        live_advanced=2,
        longest_process="a",
        longest_process_days=40.0,
        opportunities=(item(), item(id="b")),
    )
    assert pc.SunkWeeks().evaluate(state) is None


def test_sunk_weeks_is_quiet_early_in_a_process() -> None:
    """Ten days in: not yet."""
    state = facts(
        live_advanced=1, longest_process="a", longest_process_days=10.0, opportunities=(item(),)
    )
    assert pc.SunkWeeks().evaluate(state) is None


def test_sunk_weeks_needs_a_process() -> None:
    """Nothing past the application: nothing sunk."""
    assert pc.SunkWeeks().evaluate(BASE) is None


# -- verbal-offer-limbo -----------------------------------------------------------------------


def test_verbal_offer_limbo_ramps_over_five_business_days() -> None:
    """7.5 business days on a 5-to-10 ramp: half strength; only the waiting offer is named."""
    waiting = item(stage_kind=pc.StageKind.VERBAL_OFFER, verbal_offer_business_days=7.5)
    fresh = item(id="b", stage_kind=pc.StageKind.VERBAL_OFFER, verbal_offer_business_days=1.0)
    state = facts(max_verbal_offer_business_days=7.5, opportunities=(waiting, fresh))
    firing = fire(pc.VerbalOfferLimbo(), state)
    assert (0.5, ("a",)) == (firing.strength, firing.opportunity_ids)


def test_a_fresh_verbal_offer_is_not_in_limbo() -> None:
    """Three business days is a normal wait."""
    assert pc.VerbalOfferLimbo().evaluate(facts(max_verbal_offer_business_days=3.0)) is None


# -- offer-deadline ---------------------------------------------------------------------------


def test_offer_deadline_grows_as_the_deadline_nears() -> None:
    """One day left of a three-day line, another process pending: two thirds."""
    offer = item(stage_kind=pc.StageKind.WRITTEN_OFFER, deadline_days=1.0)
    state = facts(nearest_offer_deadline_days=1.0, late_pending=1, opportunities=(offer,))
    firing = fire(pc.OfferDeadline(), state)
    assert (round(2 / 3, 9), ("a",), True) == (
        round(firing.strength, 9),
        firing.opportunity_ids,
        "is in 1 day" in firing.message,
    )


def test_a_deadline_within_hours_says_so() -> None:
    """Half a day left reads as less than a day."""
    offer = item(stage_kind=pc.StageKind.WRITTEN_OFFER, deadline_days=0.5)
    state = facts(nearest_offer_deadline_days=0.5, late_pending=1, opportunities=(offer,))
    assert "is in less than a day" in fire(pc.OfferDeadline(), state).message


def test_a_passed_deadline_is_full_strength() -> None:
    """The deadline has passed: strength 1, and the message says so."""
    offer = item(stage_kind=pc.StageKind.WRITTEN_OFFER, deadline_days=-2.0)
    state = facts(nearest_offer_deadline_days=-2.0, late_pending=2, opportunities=(offer,))
    firing = fire(pc.OfferDeadline(), state)
    assert (1.0, True) == (firing.strength, "has passed" in firing.message)


def test_offer_deadline_needs_another_process() -> None:
    """A deadline with nothing else pending is a decision, not a risk."""
    state = facts(nearest_offer_deadline_days=1.0, late_pending=0)
    assert pc.OfferDeadline().evaluate(state) is None


def test_a_far_deadline_is_not_near() -> None:
    """Ten days left is plenty."""
    state = facts(nearest_offer_deadline_days=10.0, late_pending=1)
    assert pc.OfferDeadline().evaluate(state) is None


# -- momentum-drop ----------------------------------------------------------------------------


def test_momentum_drop_below_the_goal() -> None:
    """Two a week against a goal of five: strength 0.6."""
    firing = fire(
        pc.MomentumDrop(), facts(weekly_application_rate=2.0, weekly_application_goal=5.0)
    )
    assert (round(0.6, 9), True) == (round(firing.strength, 9), "aim for 5 a week" in firing.action)


def test_momentum_drop_against_the_own_trend() -> None:
    """A rate fallen to a quarter of the previous: strength (0.75 - 0.25) / 0.75."""
    state = facts(
        weekly_application_rate=1.0, previous_weekly_application_rate=4.0, application_trend=0.25
    )
    firing = fire(pc.MomentumDrop(), state)
    assert (round(2 / 3, 9), ["application_trend", "previous_weekly_application_rate"]) == (
        round(firing.strength, 9),
        [e.fact for e in firing.evidence],
    )


def test_momentum_drop_takes_the_stronger_reason() -> None:
    """Below the goal by 80 % beats a mild fall."""
    state = facts(
        weekly_application_rate=1.0,
        weekly_application_goal=5.0,
        previous_weekly_application_rate=1.4,
        application_trend=1 / 1.4,
    )
    assert pytest.approx(0.8) == fire(pc.MomentumDrop(), state).strength


def test_a_trend_from_a_trickle_is_not_read() -> None:
    """From half an application a week to nothing is no trend."""
    state = facts(
        weekly_application_rate=0.0, previous_weekly_application_rate=0.5, application_trend=0.0
    )
    assert pc.MomentumDrop().evaluate(state) is None


def test_a_steady_rate_without_a_goal_is_fine() -> None:
    """Steady at three a week, no goal: nothing to say."""
    state = facts(
        weekly_application_rate=3.0, previous_weekly_application_rate=3.0, application_trend=1.0
    )
    assert pc.MomentumDrop().evaluate(state) is None
