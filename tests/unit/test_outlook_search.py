"""
forecast, for the whole search: organisations, the correlated variant, shares, timing,
the safety net, interchange and the views.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import pickle

import pytest

import pipeline_core as pc
from pipeline_core._views import explain_view, html_view, summary_view, text_view
from pipeline_core.outlook import MAX_APPLICATIONS, Outlook, OutlookStatus, forecast

T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
RATE = math.log(4.0) / 7.0


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def at_stage(oid: str, org: str, *moves: pc.Event, source: str = "job_board") -> pc.Opportunity:
    return pc.Opportunity(
        id=oid,
        organization=org,
        title="Analyst",
        source=source,
        events=(pc.Applied(at=day(0)), *moves),
    )


def verbal(oid: str, org: str) -> pc.Opportunity:
    return at_stage(oid, org, pc.Offer(at=day(5), form="verbal"))


def final(oid: str, org: str) -> pc.Opportunity:
    return at_stage(oid, org, pc.Advanced(at=day(5), stage="final_round"))


def outlook_of(*opportunities: pc.Opportunity, when: float = 5, **options: object) -> Outlook:
    return forecast(pc.Search(opportunities=opportunities), as_of=day(when), **options)  # type: ignore[arg-type]


def test_empty_search_has_no_chance() -> None:
    """No opportunities: no offer, nothing expected, no first offer."""
    outlook = outlook_of()
    expected = (0.0, 1.0, 0.0, None, 0.0, 0.0)
    actual = (
        outlook.p_any_offer,
        outlook.p_no_offer,
        outlook.expected_offers,
        outlook.expected_days_to_first_offer,
        outlook.largest_share,
        outlook.largest_organization_share,
    )
    assert expected == actual


def test_independent_organisations_combine_as_a_product() -> None:
    """P(any) = 1 - (1 - a)(1 - b) for two organisations."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"))
    a, b = outlook.by_opportunity["a"], outlook.by_opportunity["b"]
    assert 1 - (1 - a) * (1 - b) == pytest.approx(outlook.p_any_offer, rel=1e-12)


def test_one_organisation_counts_once() -> None:
    """Two roles at one organisation: the search's chance is the better one's, not both."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Acme"))
    assert outlook.by_opportunity["a"] == outlook.p_any_offer


def test_organisation_names_differing_in_case_and_spacing_are_one() -> None:
    """'Acme' and ' acme ' are the same employer."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", " ACME "))
    assert ({"Acme": outlook.by_opportunity["a"]}, 1) == (
        dict(outlook.by_organization),
        sum(item.represents_organization for item in outlook.opportunities),
    )


def test_expected_offers_count_organisations() -> None:
    """The expected number of offers sums each organisation's chance once."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Acme"), final("c", "Bolt"))
    expected = outlook.by_opportunity["a"] + outlook.by_opportunity["c"]
    assert expected == pytest.approx(outlook.expected_offers)


def test_shares_split_the_expected_offers() -> None:
    """Each opportunity's share is its chance over the sum of all chances."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"))
    a, b = outlook.by_opportunity["a"], outlook.by_opportunity["b"]
    assert {"a": a / (a + b), "b": b / (a + b)} == pytest.approx(dict(outlook.shares))


def test_largest_share_is_the_leading_opportunitys() -> None:
    """The largest share is what the single-basket rule reads."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"))
    assert outlook.shares["a"] == outlook.largest_share


def test_organisation_shares_sum_to_one() -> None:
    """Organisation shares split the expected offers."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"), final("c", "Bolt"))
    assert 1.0 == pytest.approx(sum(outlook.organization_shares.values()))


def test_contribution_is_the_drop_without_the_opportunity() -> None:
    """Without 'a', P(any) would be b's chance alone."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"))
    expected = outlook.p_any_offer - outlook.by_opportunity["b"]
    assert expected == pytest.approx(outlook.get("a").contribution, rel=1e-12)


def test_contribution_of_a_leader_falls_back_to_the_runner_up() -> None:
    """Without the leading role at an organisation, the other role there stands in."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Acme"))
    expected = outlook.by_opportunity["a"] - outlook.by_opportunity["b"]
    assert (expected, 0.0) == pytest.approx(
        (outlook.get("a").contribution, outlook.get("b").contribution)
    )


def test_correlated_variant_is_below_independence() -> None:
    """A shared factor makes a joint failure likelier: independence is optimistic."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"), final("c", "Core"))
    assert outlook.p_any_offer_correlated < outlook.p_any_offer


def test_correlated_variant_is_independence_at_zero_correlation() -> None:
    """With correlation 0 the two figures agree."""
    model = pc.OutlookModel.default().evolve(correlation=0.0)
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"), model=model)
    assert outlook.p_any_offer == outlook.p_any_offer_correlated


def test_correlated_variant_with_one_organisation_is_its_chance() -> None:
    """One organisation has nothing to be correlated with (up to the quadrature, 1e-5)."""
    outlook = outlook_of(verbal("a", "Acme"))
    assert outlook.p_any_offer == pytest.approx(outlook.p_any_offer_correlated, abs=1e-5)


def test_first_offer_of_one_exponential_wait() -> None:
    """One verbal offer: E[T | T <= H] = 1/r - H e^(-rH) / (1 - e^(-rH))."""
    outlook = outlook_of(verbal("a", "Acme"), when=5)
    horizon = 30.0
    expected = 1 / RATE - horizon * math.exp(-RATE * horizon) / (1 - math.exp(-RATE * horizon))
    assert expected == pytest.approx(outlook.expected_days_to_first_offer, abs=1e-3)


def test_written_offer_in_hand_is_the_first_offer_now() -> None:
    """An offer already made comes at day 0."""
    outlook = outlook_of(at_stage("a", "Acme", pc.Offer(at=day(5), form="written")))
    assert 0.0 == outlook.expected_days_to_first_offer


def test_counts_and_statuses() -> None:
    """Each opportunity is counted once, as pending, won, closed or not applied."""
    outlook = outlook_of(
        verbal("a", "Acme"),
        at_stage("b", "Bolt", pc.Closed(at=day(2), outcome="ghosted")),
        pc.Opportunity(id="c", organization="Core", title="x", source="other"),
    )
    assert {"pending": 1, "won": 0, "closed": 1, "not_applied": 1} == dict(outlook.counts)


def test_by_opportunity_lists_every_opportunity() -> None:
    """Closed and not-applied opportunities are listed with chance 0."""
    outlook = outlook_of(
        verbal("a", "Acme"), at_stage("b", "Bolt", pc.Closed(at=day(2), outcome="rejected"))
    )
    assert ["a", "b"] == list(outlook.by_opportunity)


def test_get_refuses_an_unknown_id() -> None:
    """Asking for an id that is not there is an UnknownOpportunityError listing the ids."""
    with pytest.raises(pc.UnknownOpportunityError) as caught:
        outlook_of(verbal("a", "Acme")).get("zzz")
    assert "'a'" == caught.value.allowed


def test_horizon_property_is_a_timedelta() -> None:
    """The horizon reads back as a timedelta."""
    outlook = outlook_of(verbal("a", "Acme"), horizon=dt.timedelta(days=14))
    assert dt.timedelta(days=14) == outlook.horizon


# -- the safety net ---------------------------------------------------------------------------


def test_fresh_application_chance_is_the_whole_funnel_on_time() -> None:
    """A fresh application: all six chances, times the chance the five waits end in time."""
    outlook = outlook_of(horizon=dt.timedelta(days=90))
    funnel = 0.06 * 0.5 * 0.5 * 0.6 * 0.9 * 0.97
    assert funnel > outlook.p_fresh_application > funnel * 0.9


def test_applications_needed_is_the_smallest_that_meets_the_target() -> None:
    """k applications meet the target; k - 1 do not."""
    outlook = outlook_of(final("a", "Acme"), horizon=dt.timedelta(days=90))
    needed = outlook.applications_needed(0.3, source="referral")
    assert needed is not None
    enough = outlook.with_applications(needed, source="referral").p_no_offer
    short = outlook.with_applications(needed - 1, source="referral").p_no_offer
    assert (True, True) == (enough <= 0.3, short > 0.3)


def test_applications_needed_is_zero_when_the_target_is_met() -> None:
    """A search already under the target needs nothing."""
    outlook = outlook_of(at_stage("a", "Acme", pc.Offer(at=day(5), form="written")))
    assert 0 == outlook.applications_needed(0.2)


def test_applications_needed_is_none_when_no_number_is_enough() -> None:
    """Within two days, a fresh application almost never becomes an offer."""
    outlook = outlook_of(horizon=dt.timedelta(days=2))
    assert outlook.applications_needed(0.2) is None


def test_applications_needed_correlated_needs_more() -> None:
    """Counting the shared factor asks for more applications than independence."""
    outlook = outlook_of(final("a", "Acme"), horizon=dt.timedelta(days=90))
    independent = outlook.applications_needed(0.3, source="referral")
    correlated = outlook.applications_needed(0.3, source="referral", correlated=True)
    assert independent is not None
    assert correlated is not None
    assert correlated > independent


def test_applications_needed_correlated_is_the_smallest() -> None:
    """The correlated answer is checked against with_applications too."""
    outlook = outlook_of(final("a", "Acme"), horizon=dt.timedelta(days=90))
    needed = outlook.applications_needed(0.3, source="referral", correlated=True)
    assert needed is not None
    enough = 1 - outlook.with_applications(needed, source="referral").p_any_offer_correlated
    short = 1 - outlook.with_applications(needed - 1, source="referral").p_any_offer_correlated
    assert (True, True) == (enough <= 0.3, short > 0.3)


@pytest.mark.parametrize("target", [-0.1, 1.5])
def test_applications_needed_refuses_a_target_outside_zero_one(target: float) -> None:
    """The target is a chance."""
    with pytest.raises(pc.InvalidValueError) as caught:
        outlook_of().applications_needed(target)
    assert "target" == caught.value.path


def test_applications_needed_refuses_a_limit_above_the_cap() -> None:
    """The limit is at most MAX_APPLICATIONS."""
    with pytest.raises(pc.InvalidValueError) as caught:
        outlook_of().applications_needed(0.2, limit=MAX_APPLICATIONS + 1)
    assert "limit" == caught.value.path


def test_applications_needed_refuses_an_unknown_source() -> None:
    """The source is one of the known ones."""
    with pytest.raises(pc.InvalidValueError) as caught:
        outlook_of().applications_needed(0.2, source="carrier pigeon")
    assert "source" == caught.value.path


def test_with_no_applications_is_the_same_outlook() -> None:
    """Adding zero applications changes nothing."""
    outlook = outlook_of(verbal("a", "Acme"), final("b", "Bolt"))
    assert outlook == outlook.with_applications(0)


def test_with_applications_adds_hypothetical_opportunities() -> None:
    """Fresh applications are marked hypothetical, at the application stage, each on its own."""
    outlook = outlook_of(verbal("a", "Acme")).with_applications(2, source=pc.Source.REFERRAL)
    fresh = [item for item in outlook.opportunities if item.hypothetical]
    expected = [
        ("new-1", "applied", pc.Source.REFERRAL, True),
        ("new-2", "applied", pc.Source.REFERRAL, True),
    ]
    assert expected == [(f.id, f.stage, f.source, f.represents_organization) for f in fresh]


def test_with_applications_keeps_ids_and_organisations_unique() -> None:
    """A person's own 'new-1' is not overwritten."""
    outlook = outlook_of(verbal("new-1", "New application 1")).with_applications(1)
    fresh = outlook.opportunities[-1]
    assert ("new-1-2", "new application 1-2") == (fresh.id, fresh.organization)


def test_with_applications_refuses_a_negative_count() -> None:
    """A count below zero is refused."""
    with pytest.raises(pc.InvalidValueError) as caught:
        outlook_of().with_applications(-1)
    assert "count" == caught.value.path


def test_with_applications_leaves_the_outlook_alone() -> None:
    """The what-if returns a new outlook; the original keeps its figures."""
    outlook = outlook_of(verbal("a", "Acme"))
    before = outlook.to_dict()
    outlook.with_applications(5)
    assert before == outlook.to_dict()


# -- interchange and views --------------------------------------------------------------------


def sample() -> Outlook:
    return outlook_of(
        verbal("a", "Acme"),
        final("b", "Acme"),
        at_stage("c", "<script>alert(1)</script>", pc.Advanced(at=day(1), stage="interviewing")),
        at_stage("d", "Dune", pc.Closed(at=day(2), outcome="rejected")),
        pc.Opportunity(id="e", organization="Echo", title="x", source="other"),
    )


def test_outlook_round_trips_through_a_dict() -> None:
    """from_dict(to_dict()) gives back an equal outlook with the same derived figures."""
    outlook = sample()
    back = Outlook.from_dict(outlook.to_dict())
    assert (outlook, outlook.to_dict()) == (back, back.to_dict())


def test_outlook_dict_is_json_safe() -> None:
    """The dict survives JSON unchanged."""
    data = sample().to_dict()
    assert data == json.loads(json.dumps(data))


def test_outlook_from_json_recomputes_nothing_it_was_given() -> None:
    """The derived figures read back are the ones written."""
    data = sample().to_dict()
    data["p_any_offer_correlated"] = 0.0
    assert 0.0 == Outlook.from_dict(data).p_any_offer_correlated


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.__setitem__("p_any_offer", 1.5), "outlook.p_any_offer"),
        (lambda d: d.__setitem__("as_of", "yesterday"), "outlook.as_of"),
        (lambda d: d.__setitem__("horizon_days", 0), "outlook.horizon_days"),
        (
            lambda d: d.__setitem__("expected_days_to_first_offer", -1),
            "outlook.expected_days_to_first_offer",
        ),
        (lambda d: d.__setitem__("expected_offers", "many"), "outlook.expected_offers"),
        (lambda d: d.__setitem__("extra", 1), "outlook.extra"),
        (
            lambda d: d["opportunities"][0].__setitem__("status", "maybe"),
            "outlook.opportunities[0].status",
        ),
        (
            lambda d: d["opportunities"][0].__setitem__("hypothetical", 1),
            "outlook.opportunities[0].hypothetical",
        ),
        (
            lambda d: d["opportunities"][0].__setitem__("p_alive", -0.5),
            "outlook.opportunities[0].p_alive",
        ),
        (
            lambda d: d["opportunities"][0].__setitem__("outcome", "eaten"),
            "outlook.opportunities[0].outcome",
        ),
        (lambda d: d["opportunities"][0].__setitem__("id", ""), "outlook.opportunities[0].id"),
        (
            lambda d: d["opportunities"][0].__setitem__("silence_days", "long"),
            "outlook.opportunities[0].silence_days",
        ),
        (
            lambda d: d["opportunities"][0].__setitem__("positive_signals", 1.5),
            "outlook.opportunities[0].positive_signals",
        ),
        (
            lambda d: d["opportunities"][0].__setitem__("signal_ratio", -1),
            "outlook.opportunities[0].signal_ratio",
        ),
        (lambda d: d["opportunities"][1].__setitem__("id", "a"), "outlook.opportunities[1].id"),
        (
            lambda d: d["opportunities"][1].__setitem__("stage", "lunch"),
            "outlook.opportunities[1].stage",
        ),
        (lambda d: d["opportunities"][1].pop("share"), "outlook.opportunities[1].share"),
        (lambda d: d.__setitem__("opportunities", {}), "outlook.opportunities"),
        (lambda d: d["model"].__setitem__("correlation", 2), "outlook.model.correlation"),
    ],
)
def test_outlook_from_dict_names_the_bad_path(mutate: object, path: str) -> None:
    """Every bad value is a DecodeError that names its JSON path."""
    data = sample().to_dict()
    mutate(data)  # type: ignore[operator]
    with pytest.raises(pc.DecodeError) as caught:
        Outlook.from_dict(data, "outlook")
    assert path == caught.value.path


def test_outlook_from_dict_refuses_a_non_object() -> None:
    """The top level must be an object."""
    with pytest.raises(pc.DecodeError):
        Outlook.from_dict([])


def test_text_view_explains_the_figures() -> None:
    """str() gives the headline chance, how things were counted, and the sources of the figures."""
    text = str(sample())
    expected = [True, True, True, True, True]
    actual = [
        "P(at least one offer within 30 days)" in text,
        "counted: 3 pending, 0 won, 1 closed, 1 not applied" in text,
        "CareerPlug" in text,
        "ended (rejected): counted as 0" in text,
        "Safety net" in text,
    ]
    assert expected == actual


def test_explain_one_opportunity_shows_its_priors() -> None:
    """The explanation of one opportunity multiplies out its chain of chances."""
    text = sample().explain("b")
    assert "final_round 60.0% x verbal_offer 90.0% x written_offer 97.0%" in text


def test_explain_names_the_source_factor() -> None:
    """An agency opportunity's explanation shows the fee drag."""
    opp = at_stage(
        "a", "Acme", pc.Advanced(at=day(1), stage="final_round"), source="agency_recruiter"
    )
    assert "x 0.8 on the decision (agency_recruiter)" in outlook_of(opp).explain("a")


def test_explain_a_stage_awaiting_no_answer() -> None:
    """A written offer awaits no answer from the employer."""
    opp = at_stage("a", "Acme", pc.Offer(at=day(1), form="written"))
    assert "no answer is awaited" in outlook_of(opp).explain("a")


def test_explain_a_what_if_application() -> None:
    """A hypothetical application says what it is."""
    assert "what-if" in outlook_of().with_applications(1).explain("new-1")


def test_explain_a_won_search() -> None:
    """A won search needs no safety net."""
    opp = at_stage(
        "a", "Acme", pc.Offer(at=day(1), form="written"), pc.Closed(at=day(2), outcome="accepted")
    )
    text = str(outlook_of(opp))
    assert ("the search is won" in text, "not needed" in text) == (True, True)


def test_explain_when_no_offer_can_come() -> None:
    """With nothing pending the timing says so."""
    assert "no offer can come within the horizon" in str(outlook_of())


def test_explain_when_the_safety_net_is_out_of_reach() -> None:
    """A two-day horizon is out of reach of fresh applications."""
    assert "no number of fresh applications" in str(outlook_of(horizon=dt.timedelta(days=2)))


def test_explain_when_the_target_is_met() -> None:
    """A written offer in hand already meets the target."""
    opp = at_stage("a", "Acme", pc.Offer(at=day(1), form="written"))
    assert "already at most 20.0%" in str(outlook_of(opp))


def test_explain_lists_calibrated_evidence() -> None:
    """A calibrated stage shows what it rests on."""
    evidence = pc.StageEvidence(
        stage="applied", prior=0.06, prior_strength=20, trials=3, successes=1
    )
    model = pc.OutlookModel.default().with_stage("applied", evidence=evidence)
    assert "calibrated: applied" in str(outlook_of(model=model))


def test_html_view_escapes_user_text() -> None:
    """An organisation called <script> is shown, never run."""
    page = sample()._repr_html_()
    assert ("<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page) == (False, True)


def test_html_view_of_an_empty_search() -> None:
    """An empty search still renders its summary."""
    assert "P(no offer)" in outlook_of()._repr_html_()


def test_is_pending_reads_the_status() -> None:
    """is_pending is true exactly for pending opportunities."""
    outlook = sample()
    expected = [item.status is OutlookStatus.PENDING for item in outlook.opportunities]
    assert expected == [item.is_pending for item in outlook.opportunities]


def test_a_later_better_role_takes_over_its_organisation() -> None:
    """Listed second, the stronger role at an organisation still stands for it."""
    outlook = outlook_of(final("b", "Acme"), verbal("a", "Acme"))
    expected = (False, True, outlook.by_opportunity["a"] - outlook.by_opportunity["b"])
    actual = (
        outlook.get("b").represents_organization,
        outlook.get("a").represents_organization,
        outlook.get("a").contribution,
    )
    assert expected == pytest.approx(actual)


def test_a_pending_role_without_chance_adds_nothing_to_the_timing() -> None:
    """A pending role whose stage cannot lead to an offer leaves the first offer's timing alone."""
    model = pc.OutlookModel.default().with_stage("final_round", p_advance=0.0)
    alone = outlook_of(verbal("a", "Acme"), model=model)
    both = outlook_of(verbal("a", "Acme"), final("b", "Bolt"), model=model)
    assert (0.0, alone.expected_days_to_first_offer) == (
        both.by_opportunity["b"],
        both.expected_days_to_first_offer,
    )


def test_explain_a_referral_shows_the_application_factor() -> None:
    """A referral's explanation shows its boost at the application."""
    opp = pc.Opportunity(
        id="r", organization="Ref", title="x", source="referral", events=(pc.Applied(at=day(0)),)
    )
    assert "x 5.5 on the application (referral)" in outlook_of(opp).explain("r")


def test_explain_counted_signals() -> None:
    """Signals are listed with the odds ratio they apply."""
    opp = at_stage(
        "s",
        "Sig",
        pc.Advanced(at=day(1), stage="interviewing"),
        pc.Signal(at=day(2), polarity="positive"),
    )
    assert "signals counted: 1 positive, 0 negative: odds of an offer x 1.50" in outlook_of(
        opp
    ).explain("s")


def test_explain_a_stage_that_cannot_lead_to_an_offer() -> None:
    """A dead-end stage after the signature explains a zero chance and no timing."""
    pipeline = pc.PipelineDefinition.from_stages(
        "odd",
        [
            pc.Stage(name="interested", kind="prospect"),
            pc.Stage(name="applied", kind="applied", p_advance=0.5, response_days=5),
            pc.Stage(name="written", kind="written_offer", p_advance=0.9),
            pc.Stage(name="signed", kind="signed"),
            pc.Stage(name="talent_pool", p_advance=0.5, response_days=30),
        ],
        {"interested": ["applied"], "applied": ["written", "talent_pool"], "written": ["signed"]},
    )
    opp = pc.Opportunity(
        id="p",
        organization="Pool",
        title="Any",
        source="other",
        pipeline=pipeline,
        events=(pc.Applied(at=day(0)), pc.Advanced(at=day(3), stage="talent_pool")),
    )
    outlook = forecast(pc.Search(opportunities=(opp,), pipeline=pipeline), as_of=day(4))
    text = outlook.explain("p")
    assert ("talent_pool 50.0%" in text, "if the offer comes" in text) == (True, False)


def test_outlook_and_model_pickle_for_process_pools() -> None:
    """Batch scoring runs in process pools: an outlook and its model survive pickling."""
    outlook = sample()
    back = pickle.loads(pickle.dumps(outlook))  # noqa: S301 - our own object, in memory
    assert (outlook, outlook.p_any_offer_correlated) == (back, back.p_any_offer_correlated)


def test_with_applications_stops_at_the_same_limit_as_applications_needed() -> None:
    """One limit: more than MAX_APPLICATIONS fresh applications is refused, naming the count."""
    outlook = outlook_of()
    assert len(outlook.with_applications(MAX_APPLICATIONS).rows) == MAX_APPLICATIONS
    with pytest.raises(pc.InvalidValueError) as caught:
        outlook.with_applications(MAX_APPLICATIONS + 1)
    assert "count" == caught.value.path
    with pytest.raises(pc.InvalidValueError) as caught:
        outlook.applications_needed(0.2, limit=MAX_APPLICATIONS + 1)
    assert "limit" == caught.value.path


def test_an_outlook_explains_only_its_opportunities() -> None:
    """The explanation view of an outlook takes one of its opportunities, nothing else."""
    with pytest.raises(TypeError):
        explain_view(outlook_of(), "new-1")


def test_views_without_a_registered_class_say_so() -> None:
    """The summary and explanation views refuse a type no render module registered."""
    with pytest.raises(TypeError, match="summary view"):
        summary_view(object())
    with pytest.raises(TypeError, match="explanation view"):
        explain_view(object(), None)
    with pytest.raises(TypeError, match="no text view"):
        text_view(object())
    with pytest.raises(TypeError, match="no HTML view"):
        html_view(object())
