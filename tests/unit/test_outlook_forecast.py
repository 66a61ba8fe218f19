"""
forecast, per opportunity: each figure against the model's documented closed forms.

The expected values are written from the formulas in docs/explanation/outlook.md
(not from the library's code): with p the current stage's chance, q the product
of the chances after it, S = exp(-rate * silence) and L the signals' odds ratio,

    P(offer eventually) = p q S L / (p q S L + p (1 - q) S + 1 - p)

and P(offer within the horizon) multiplies it by the chance that the exponential
waits still ahead are over within the horizon.
"""

from __future__ import annotations

import datetime as dt
import math

import pendulum
import pytest

import pipeline_core as pc
from pipeline_core.outlook import OutlookStatus, forecast

T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
RATE = math.log(4.0) / 7.0  # a 7-day window holding 3 in 4 answers
HORIZON = 30.0


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def erlang_cdf(rate: float, phases: int, t: float) -> float:
    """P(the sum of `phases` exponential waits of `rate` is at most t)."""
    x = rate * t
    return 1.0 - math.exp(-x) * sum(x**k / math.factorial(k) for k in range(phases))


def posterior(p: float, q: float, survival: float, ratio: float = 1.0) -> float:
    offer = p * q * survival * ratio
    return offer / (offer + p * (1 - q) * survival + 1 - p)


def opportunity(
    *events: pc.Event, source: pc.Source = pc.Source.JOB_BOARD, oid: str = "acme", org: str = "Acme"
) -> pc.Opportunity:
    return pc.Opportunity(id=oid, organization=org, title="Analyst", source=source, events=events)


def interviewing(source: pc.Source = pc.Source.JOB_BOARD, *extra: pc.Event) -> pc.Opportunity:
    return opportunity(
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(2), stage="interviewing", round=1),
        *extra,
        source=source,
    )


def one(opp: pc.Opportunity, when: dt.datetime, **options: object) -> pc.OpportunityOutlook:
    return forecast(pc.Search(opportunities=(opp,)), as_of=when, **options).opportunities[0]  # type: ignore[arg-type]


def test_interviewing_without_silence_is_the_product_of_the_chances_ahead() -> None:
    """Right after the move, P(offer eventually) is interviewing x final x verbal x written."""
    actual = one(interviewing(), day(2)).p_offer
    assert 0.5 * 0.6 * 0.9 * 0.97 == pytest.approx(actual, rel=1e-12)


def test_silence_lowers_the_chance_by_bayes() -> None:
    """After 5 days of silence, the chance follows the alive-against-dead posterior."""
    survival = math.exp(-RATE * 5)
    expected = posterior(0.5, 0.6 * 0.9 * 0.97, survival)
    assert expected == pytest.approx(one(interviewing(), day(7)).p_offer, rel=1e-12)


def test_p_alive_is_the_posterior_that_the_stage_moves_on() -> None:
    """P(alive) = p S / (p S + 1 - p) without signals."""
    survival = math.exp(-RATE * 5)
    expected = 0.5 * survival / (0.5 * survival + 0.5)
    assert expected == pytest.approx(one(interviewing(), day(7)).p_alive, rel=1e-12)


def test_within_horizon_multiplies_by_the_erlang_chance_of_being_on_time() -> None:
    """Three 7-day stages ahead (interviewing, final, verbal): an Erlang-3 wait."""
    result = one(interviewing(), day(2))
    expected = 0.5 * 0.6 * 0.9 * 0.97 * erlang_cdf(RATE, 3, HORIZON)
    assert expected == pytest.approx(result.p_offer_within_horizon, rel=1e-9)


def test_expected_days_to_offer_is_the_sum_of_the_mean_waits() -> None:
    """Three exponential waits of mean 7 / ln 4 days each."""
    assert 3.0 / RATE == pytest.approx(one(interviewing(), day(4)).expected_days_to_offer)


def test_positive_signals_multiply_the_odds() -> None:
    """Two positive signals multiply the odds of the offer by 1.5 ** 2."""
    signals = (pc.Signal(at=day(3), polarity="positive"), pc.Signal(at=day(3), polarity="positive"))
    result = one(interviewing(pc.Source.JOB_BOARD, *signals), day(5))
    expected = posterior(0.5, 0.6 * 0.9 * 0.97, math.exp(-RATE * 3), 2.25)
    assert expected == pytest.approx(result.p_offer, rel=1e-12)


def test_negative_signals_divide_the_odds() -> None:
    """One negative signal multiplies the odds by 0.5."""
    signals = (pc.Signal(at=day(2), polarity="negative"),)
    result = one(interviewing(pc.Source.JOB_BOARD, *signals), day(2))
    expected = posterior(0.5, 0.6 * 0.9 * 0.97, 1.0, 0.5)
    assert expected == pytest.approx(result.p_offer, rel=1e-12)


def test_signals_beyond_the_cap_do_not_count() -> None:
    """Ten positive signals count as three."""
    signals = tuple(pc.Signal(at=day(2), polarity="positive") for _ in range(10))
    result = one(interviewing(pc.Source.JOB_BOARD, *signals), day(2))
    assert (3, 1.5**3) == (result.positive_signals, result.signal_ratio)


def test_praise_never_makes_an_offer_certain() -> None:
    """Even the most praise the model counts leaves the offer uncertain."""
    signals = tuple(pc.Signal(at=day(2), polarity="positive") for _ in range(3))
    assert one(interviewing(pc.Source.JOB_BOARD, *signals), day(2)).p_offer < 1.0


def test_agency_fee_drags_the_hiring_decision() -> None:
    """Through an agency, the final round's chance is 0.6 x 0.8."""
    result = one(interviewing(pc.Source.AGENCY_RECRUITER), day(2))
    assert (0.5 * 0.6 * 0.8 * 0.9 * 0.97, 0.8) == pytest.approx(
        (result.p_offer, result.decision_factor)
    )


def test_agency_fee_is_behind_once_the_offer_is_made() -> None:
    """At a verbal offer the hiring decision is made: no fee drag remains."""
    opp = opportunity(
        pc.Applied(at=day(0)),
        pc.Offer(at=day(10), form="verbal"),
        source=pc.Source.AGENCY_RECRUITER,
    )
    result = one(opp, day(10))
    assert (0.9 * 0.97, 1.0) == pytest.approx((result.p_offer, result.decision_factor))


def test_referral_multiplies_the_application_chance() -> None:
    """A referral's application stage moves on at 6 % x 5.5 = 33 %."""
    result = one(opportunity(pc.Applied(at=day(0)), source=pc.Source.REFERRAL), day(0))
    assert (0.33, 5.5) == pytest.approx((result.stage_chance, result.application_factor))


def test_verbal_offer_raises_the_chance_but_not_to_certainty() -> None:
    """A verbal offer leaves 90 % x 97 %: higher than the final round's chance, still not 1."""
    final = one(
        opportunity(pc.Applied(at=day(0)), pc.Advanced(at=day(5), stage="final_round")), day(5)
    )
    verbal = one(opportunity(pc.Applied(at=day(0)), pc.Offer(at=day(5), form="verbal")), day(5))
    assert final.p_offer < verbal.p_offer
    assert 0.9 * 0.97 == pytest.approx(verbal.p_offer)


def test_written_offer_does_not_decay_with_silence() -> None:
    """The ball is in the candidate's court: 97 % holds, now and within the horizon."""
    opp = opportunity(pc.Applied(at=day(0)), pc.Offer(at=day(5), form="written"))
    result = one(opp, day(40))
    assert (0.97, 0.97, 1.0) == pytest.approx(
        (result.p_offer, result.p_offer_within_horizon, result.p_on_time)
    )


def test_signed_offer_wins_the_search() -> None:
    """A signed acceptance: P(offer) is 1, the search is won, nothing more is needed."""
    opp = opportunity(
        pc.Applied(at=day(0)),
        pc.Offer(at=day(5), form="written"),
        pc.Closed(at=day(6), outcome="accepted"),
    )
    outlook = forecast(pc.Search(opportunities=(opp,)), as_of=day(7))
    expected = (OutlookStatus.WON, 1.0, 1.0, True, 0, 0.0)
    actual = (
        outlook.opportunities[0].status,
        outlook.opportunities[0].p_offer,
        outlook.p_any_offer,
        outlook.won,
        outlook.applications_needed(0.01),
        outlook.expected_days_to_first_offer,
    )
    assert expected == actual


def test_closed_opportunity_counts_as_zero() -> None:
    """A rejection ends the chance."""
    opp = interviewing(pc.Source.JOB_BOARD, pc.Closed(at=day(4), outcome="rejected"))
    result = one(opp, day(5))
    assert (OutlookStatus.CLOSED, 0.0, 0.0, pc.Outcome.REJECTED) == (
        result.status,
        result.p_offer,
        result.p_alive,
        result.outcome,
    )


def test_opportunity_not_applied_to_counts_as_zero() -> None:
    """An opportunity still at 'interested' is not in the pipeline."""
    result = one(opportunity(), day(0))
    assert (OutlookStatus.NOT_APPLIED, 0.0, None) == (
        result.status,
        result.p_offer,
        result.expected_days_to_offer,
    )


def test_outbound_follow_up_does_not_reset_the_silence() -> None:
    """Writing to the employer is not hearing from them."""
    opp = interviewing(pc.Source.JOB_BOARD, pc.Contact(at=day(6), direction="outbound"))
    assert 6.0 == pytest.approx(one(opp, day(8)).silence_days)


def test_inbound_contact_resets_the_silence() -> None:
    """Hearing from the employer restarts the clock."""
    opp = interviewing(pc.Source.JOB_BOARD, pc.Contact(at=day(6), direction="inbound"))
    assert 2.0 == pytest.approx(one(opp, day(8)).silence_days)


def test_events_after_as_of_are_ignored() -> None:
    """The outlook on a past day is the outlook of the history up to that day."""
    full = interviewing(pc.Source.JOB_BOARD, pc.Closed(at=day(20), outcome="rejected"))
    past = interviewing()
    expected = forecast(pc.Search(opportunities=(past,)), as_of=day(10))
    assert expected == forecast(pc.Search(opportunities=(full,)), as_of=day(10))


def test_as_of_in_another_time_zone_is_the_same_instant() -> None:
    """An aware datetime in any zone gives the same outlook as the same instant in UTC."""
    search = pc.Search(opportunities=(interviewing(),))
    local = day(5).astimezone(dt.timezone(dt.timedelta(hours=-6)))
    assert forecast(search, as_of=day(5)) == forecast(search, as_of=local)


def test_pendulum_duration_is_a_horizon() -> None:
    """pendulum's Duration is a timedelta, so it is accepted as a horizon."""
    search = pc.Search(opportunities=(interviewing(),))
    expected = forecast(search, as_of=day(5), horizon=dt.timedelta(days=14))
    assert expected == forecast(search, as_of=day(5), horizon=pendulum.duration(days=14))


def test_custom_pipeline_stage_without_figures_counts_as_certain_and_instant() -> None:
    """A stage with no chance and no window passes at once and for sure."""
    pipeline = pc.PipelineDefinition.from_stages(
        "panel",
        [
            pc.Stage(name="interested", kind="prospect"),
            pc.Stage(name="applied", kind="applied", p_advance=0.2, response_days=10),
            pc.Stage(name="paperwork"),
            pc.Stage(name="written", kind="written_offer", p_advance=0.9),
            pc.Stage(name="signed", kind="signed"),
        ],
        {
            "interested": ["applied"],
            "applied": ["paperwork"],
            "paperwork": ["written"],
            "written": ["signed"],
        },
    )
    opp = pc.Opportunity(
        id="u",
        organization="University",
        title="Lecturer",
        source="other",
        pipeline=pipeline,
        events=(pc.Applied(at=day(0)), pc.Advanced(at=day(3), stage="paperwork")),
    )
    result = forecast(
        pc.Search(opportunities=(opp,), pipeline=pipeline), as_of=day(30)
    ).opportunities[0]
    assert (0.9, 0.9, 1.0) == pytest.approx(
        (result.p_offer, result.p_offer_within_horizon, result.p_alive)
    )


def test_stage_after_the_signature_cannot_lead_to_an_offer() -> None:
    """In a pipeline with a dead-end stage ordered after 'signed', that stage has no chance."""
    pipeline = pc.PipelineDefinition.from_stages(
        "odd",
        [
            pc.Stage(name="interested", kind="prospect"),
            pc.Stage(name="applied", kind="applied", p_advance=0.5, response_days=5),
            pc.Stage(name="written", kind="written_offer", p_advance=0.9),
            pc.Stage(name="signed", kind="signed"),
            pc.Stage(name="talent_pool", p_advance=0.5, response_days=30),
        ],
        {
            "interested": ["applied"],
            "applied": ["written", "talent_pool"],
            "written": ["signed"],
        },
    )
    opp = pc.Opportunity(
        id="p",
        organization="Pool",
        title="Any",
        source="other",
        pipeline=pipeline,
        events=(pc.Applied(at=day(0)), pc.Advanced(at=day(3), stage="talent_pool")),
    )
    result = forecast(
        pc.Search(opportunities=(opp,), pipeline=pipeline), as_of=day(4)
    ).opportunities[0]
    assert (0.0, 0.0) == (result.p_offer, result.p_alive)


def test_forecast_refuses_a_non_search() -> None:
    """The first argument must be a Search."""
    with pytest.raises(pc.WrongTypeError) as caught:
        forecast([interviewing()], as_of=day(1))  # type: ignore[arg-type]
    assert "search" == caught.value.path


def test_forecast_refuses_a_naive_as_of() -> None:
    """A naive datetime is refused, never assumed to be UTC."""
    with pytest.raises(pc.NaiveDatetimeError):
        forecast(pc.Search(), as_of=dt.datetime(2026, 10, 1))  # noqa: DTZ001


@pytest.mark.parametrize(
    "horizon", [dt.timedelta(0), dt.timedelta(days=-1), dt.timedelta(days=3651)]
)
def test_forecast_refuses_a_horizon_out_of_range(horizon: dt.timedelta) -> None:
    """The horizon is positive and at most ten years."""
    with pytest.raises(pc.InvalidValueError) as caught:
        forecast(pc.Search(), as_of=day(1), horizon=horizon)
    assert "horizon" == caught.value.path


def test_forecast_refuses_a_horizon_that_is_not_a_duration() -> None:
    """A number of days is not a horizon: pass a timedelta."""
    with pytest.raises(pc.WrongTypeError) as caught:
        forecast(pc.Search(), as_of=day(1), horizon=30)  # type: ignore[arg-type]
    assert "horizon" == caught.value.path


def test_forecast_refuses_a_model_of_the_wrong_type() -> None:
    """The model must be an OutlookModel."""
    with pytest.raises(pc.WrongTypeError) as caught:
        forecast(pc.Search(), as_of=day(1), model={"correlation": 0})  # type: ignore[arg-type]
    assert "model" == caught.value.path


def test_forecast_refuses_a_model_for_another_pipeline() -> None:
    """A model built for the default pipeline does not fit a custom one."""
    pipeline = pc.PipelineDefinition.from_stages(
        "short",
        [
            pc.Stage(name="interested", kind="prospect"),
            pc.Stage(name="applied", kind="applied", p_advance=0.1, response_days=10),
            pc.Stage(name="written_offer", kind="written_offer", p_advance=0.9),
            pc.Stage(name="accepted", kind="signed"),
        ],
        {"interested": ["applied"], "applied": ["written_offer"], "written_offer": ["accepted"]},
    )
    with pytest.raises(pc.InvalidValueError) as caught:
        forecast(pc.Search(pipeline=pipeline), as_of=day(1), model=pc.OutlookModel.default())
    assert "model.stages" == caught.value.path


def test_forecast_accepts_a_changed_model() -> None:
    """A model passed in is the one used."""
    model = pc.OutlookModel.default().with_stage("interviewing", p_advance=1.0)
    result = forecast(pc.Search(opportunities=(interviewing(),)), as_of=day(2), model=model)
    assert 0.6 * 0.9 * 0.97 == pytest.approx(result.opportunities[0].p_offer)


def test_forecast_refuses_the_horizon_assess_refuses() -> None:
    """One horizon check: 3,655 days is refused by forecast as by assess, with the same path."""
    horizon = dt.timedelta(days=3655)
    with pytest.raises(pc.InvalidValueError) as caught:
        forecast(pc.Search(), as_of=day(1), horizon=horizon)
    assert "horizon" == caught.value.path
    assert pc.outlook.MAX_HORIZON_DAYS == 3650.0
