"""
Personal calibration: counting the person's trials, the Beta-binomial update, and recovery.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

import pipeline_core as pc
from pipeline_core.outlook import (
    DEFAULT_PRIOR_STRENGTH,
    MIN_TRIALS_FOR_COMPARISON,
    StageEvidence,
    calibrate,
)

T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
LATER = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
CHAIN = ("applied", "screening", "interviewing", "final_round", "verbal_offer", "written_offer")
TRUTH = {
    "applied": 0.3,
    "screening": 0.5,
    "interviewing": 0.4,
    "final_round": 0.6,
    "verbal_offer": 0.9,
    "written_offer": 0.95,
}


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def history(oid: str, *events: pc.Event) -> pc.Opportunity:
    return pc.Opportunity(id=oid, organization=oid, title="t", source="job_board", events=events)


def synthetic(count: int, seed: int, truth: dict[str, float] = TRUTH) -> list[pc.Opportunity]:
    """Histories drawn from the chain model with known chances, every one ended."""
    rng = random.Random(seed)  # noqa: S311 - a seeded simulation, not cryptography
    made = []
    for number in range(count):
        at = day(rng.uniform(0, 300))
        events: list[pc.Event] = [pc.Applied(at=at)]
        for stage in CHAIN:
            at += dt.timedelta(days=rng.uniform(1, 10))
            if rng.random() >= truth[stage]:
                late = stage in ("verbal_offer", "written_offer")
                outcome = "rescinded" if late else rng.choice(["rejected", "ghosted", "cancelled"])
                events.append(pc.Closed(at=at, outcome=outcome))
                break
            following = CHAIN.index(stage) + 1
            if stage == "written_offer":
                events.append(pc.Closed(at=at, outcome="accepted"))
            elif CHAIN[following] == "verbal_offer":
                events.append(pc.Offer(at=at, form="verbal"))
            elif CHAIN[following] == "written_offer":
                events.append(pc.Offer(at=at, form="written"))
            else:
                events.append(pc.Advanced(at=at, stage=CHAIN[following]))
        made.append(history(f"o{number}", *events))
    return made


def counts(calibration: pc.Calibration) -> dict[str, tuple[int, int]]:
    return {item.stage: (item.successes, item.trials) for item in calibration.evidence}


def test_passed_stages_count_as_successes_and_the_last_as_a_failure() -> None:
    """Rejected after the first interview: applied and screening passed, interviewing failed."""
    opp = history(
        "a",
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(3), stage="screening"),
        pc.Advanced(at=day(6), stage="interviewing"),
        pc.Closed(at=day(9), outcome="rejected"),
    )
    expected = {
        "applied": (1, 1),
        "screening": (1, 1),
        "interviewing": (0, 1),
        "final_round": (0, 0),
        "verbal_offer": (0, 0),
        "written_offer": (0, 0),
    }
    assert expected == counts(calibrate(opp, as_of=LATER))


def test_skipped_stages_count_as_passed() -> None:
    """Straight from the application to an interview passes screening too (the chain model)."""
    opp = history("a", pc.Applied(at=day(0)), pc.Advanced(at=day(3), stage="interviewing"))
    assert (1, 1) == counts(calibrate(opp, as_of=LATER))["screening"]


@pytest.mark.parametrize("outcome", ["withdrawn", "declined"])
def test_the_candidates_own_ending_is_not_a_failure(outcome: str) -> None:
    """Withdrawing or declining says nothing about the employer's decision."""
    opp = history(
        "a",
        pc.Applied(at=day(0)),
        pc.Offer(at=day(3), form="written"),
        pc.Closed(at=day(4), outcome=outcome),
    )
    assert (0, 0) == counts(calibrate(opp, as_of=LATER))["written_offer"]


def test_a_live_opportunity_leaves_its_current_stage_undecided() -> None:
    """Pending at screening: applied passed, screening not yet decided."""
    opp = history("a", pc.Applied(at=day(0)), pc.Advanced(at=day(3), stage="screening"))
    found = counts(calibrate(opp, as_of=LATER))
    assert ((1, 1), (0, 0)) == (found["applied"], found["screening"])


def test_a_signed_offer_passes_every_stage() -> None:
    """Accepted: a success at every stage up to the signature."""
    opp = history(
        "a",
        pc.Applied(at=day(0)),
        pc.Offer(at=day(3), form="written"),
        pc.Closed(at=day(4), outcome="accepted"),
    )
    assert [(1, 1)] * 6 == list(counts(calibrate(opp, as_of=LATER)).values())


def test_an_opportunity_never_applied_to_does_not_count() -> None:
    """Interested only: no trial anywhere."""
    calibration = calibrate(history("a"), as_of=LATER)
    assert (0, 0) == (calibration.counted, calibration.trials)


def test_events_after_as_of_do_not_count() -> None:
    """Read on day 5, a rejection on day 9 has not happened yet."""
    opp = history(
        "a",
        pc.Applied(at=day(0)),
        pc.Advanced(at=day(3), stage="screening"),
        pc.Closed(at=day(9), outcome="rejected"),
    )
    calibration = calibrate(opp, as_of=day(5))
    assert ((0, 0), 0) == (counts(calibration)["screening"], calibration.decided)


def test_posterior_is_the_beta_mean() -> None:
    """(prior x strength + successes) / (strength + trials)."""
    ones = [
        history(f"o{i}", pc.Applied(at=day(0)), pc.Advanced(at=day(1), stage="screening"))
        for i in range(3)
    ]
    calibration = calibrate(ones, as_of=LATER, prior_strength=10)
    assert (0.06 * 10 + 3) / 13 == pytest.approx(calibration.model.stage("applied").p_advance)


def test_small_samples_stay_near_the_prior_and_say_so() -> None:
    """Two successes out of two: the figure moves a little, and no comparison is claimed."""
    ones = [
        history(f"o{i}", pc.Applied(at=day(0)), pc.Advanced(at=day(1), stage="screening"))
        for i in range(2)
    ]
    evidence = calibrate(ones, as_of=LATER).stage("applied")
    expected: tuple[object, ...] = (
        pytest.approx((0.06 * DEFAULT_PRIOR_STRENGTH + 2) / 22),
        None,
        True,
    )
    actual: tuple[object, ...] = (
        evidence.posterior,
        evidence.comparison,
        "no comparison is claimed" in evidence.describe(),
    )
    assert expected == actual


def test_enough_trials_allow_a_comparison() -> None:
    """From the documented count on, a clear difference is called."""
    made = synthetic(400, seed=3)
    evidence = calibrate(made, as_of=LATER).stage("applied")
    assert (True, "above") == (evidence.trials >= MIN_TRIALS_FOR_COMPARISON, evidence.comparison)


def test_calibration_recovers_known_chances() -> None:
    """From 4 000 synthetic histories, every stage's chance is found within 0.06."""
    calibration = calibrate(synthetic(4000, seed=11), as_of=LATER, prior_strength=2)
    found = {item.stage: item.posterior for item in calibration.evidence}
    assert TRUTH == pytest.approx(found, abs=0.06)


def mean_error(count: int) -> float:
    errors: list[float] = []
    for seed in range(5):
        calibration = calibrate(synthetic(count, seed=seed), as_of=LATER, prior_strength=2)
        errors.extend(abs(item.posterior - TRUTH[item.stage]) for item in calibration.evidence)
    return sum(errors) / len(errors)


def test_calibration_error_shrinks_as_the_history_grows() -> None:
    """The mean error over stages and seeds is smaller with 3 000 histories than with 100."""
    small, large = mean_error(100), mean_error(3000)
    assert large < small / 2


def test_calibrated_model_is_used_by_theforecast_unchecked() -> None:
    """A person whose applications often move on gets a better outlook for a fresh one."""
    calibration = calibrate(synthetic(500, seed=5), as_of=LATER)
    default = pc.forecast(pc.Search(), as_of=LATER, horizon=dt.timedelta(days=90))
    personal = pc.forecast(
        pc.Search(), as_of=LATER, horizon=dt.timedelta(days=90), model=calibration.model
    )
    assert personal.p_fresh_application > default.p_fresh_application


def test_calibrate_reads_searches_and_mixtures() -> None:
    """A search, and a list mixing searches and opportunities, count the same opportunities."""
    made = synthetic(20, seed=1)
    search = pc.Search(opportunities=tuple(made[:10]))
    mixed = calibrate([search, *made[10:]], as_of=LATER)
    assert counts(calibrate(made, as_of=LATER)) == counts(mixed)


def test_calibrate_a_single_search() -> None:
    """A Search on its own is a history."""
    made = synthetic(10, seed=2)
    assert 10 == calibrate(pc.Search(opportunities=tuple(made)), as_of=LATER).counted


def test_empty_history_keeps_the_prior() -> None:
    """No trials: the calibrated chances are the published ones, with zero evidence attached."""
    calibration = calibrate([], as_of=LATER)
    expected = [f.p_advance for f in pc.OutlookModel.default().stages]
    assert expected == [f.p_advance for f in calibration.model.stages]


def test_empty_history_with_a_custom_prior() -> None:
    """With no opportunity to name a pipeline, the prior's stages are calibrated."""
    prior = pc.OutlookModel.default().with_stage("applied", p_advance=0.2)
    assert 0.2 == calibrate([], as_of=LATER, prior=prior).model.stage("applied").p_advance


def test_custom_prior_is_the_starting_point() -> None:
    """A prior passed in is the one updated."""
    prior = pc.OutlookModel.default().with_stage("applied", p_advance=0.2)
    one = history("a", pc.Applied(at=day(0)), pc.Closed(at=day(3), outcome="rejected"))
    evidence = calibrate(one, as_of=LATER, prior=prior, prior_strength=4).stage("applied")
    assert (0.2, 0.8 / 5) == pytest.approx((evidence.prior, evidence.posterior))


def test_calibrate_refuses_a_non_history() -> None:
    """A string is not a history."""
    with pytest.raises(pc.WrongTypeError) as caught:
        calibrate("my applications", as_of=LATER)  # type: ignore[arg-type]
    assert "history" == caught.value.path


def test_calibrate_refuses_a_stranger_in_the_list() -> None:
    """Every item is a Search or an Opportunity."""
    with pytest.raises(pc.WrongTypeError) as caught:
        calibrate([synthetic(1, seed=1)[0], 42], as_of=LATER)  # type: ignore[list-item]
    assert "history[1]" == caught.value.path


def custom_pipeline() -> pc.PipelineDefinition:
    return pc.PipelineDefinition.from_stages(
        "short",
        [
            pc.Stage(name="interested", kind="prospect"),
            pc.Stage(name="applied", kind="applied", p_advance=0.1, response_days=10),
            pc.Stage(name="written_offer", kind="written_offer", p_advance=0.9),
            pc.Stage(name="accepted", kind="signed"),
        ],
        {"interested": ["applied"], "applied": ["written_offer"], "written_offer": ["accepted"]},
    )


def test_calibrate_refuses_mixed_pipelines() -> None:
    """One pipeline definition for the whole history."""
    other = pc.Opportunity(
        id="x", organization="x", title="x", source="other", pipeline=custom_pipeline()
    )
    with pytest.raises(pc.InvalidValueError) as caught:
        calibrate([synthetic(1, seed=1)[0], other], as_of=LATER)
    assert "history[1].pipeline" == caught.value.path


def test_calibrate_refuses_a_prior_for_another_pipeline() -> None:
    """The prior must fit the history's pipeline."""
    other = pc.Opportunity(
        id="x", organization="x", title="x", source="other", pipeline=custom_pipeline()
    )
    with pytest.raises(pc.InvalidValueError) as caught:
        calibrate(other, as_of=LATER, prior=pc.OutlookModel.default())
    assert "prior.stages" == caught.value.path


def test_calibrate_refuses_a_prior_of_the_wrong_type() -> None:
    """The prior is an OutlookModel."""
    with pytest.raises(pc.WrongTypeError) as caught:
        calibrate([], as_of=LATER, prior={"applied": 0.1})  # type: ignore[arg-type]
    assert "prior" == caught.value.path


def test_calibrate_refuses_a_prior_strength_of_zero() -> None:
    """The prior counts as a positive number of trials."""
    with pytest.raises(pc.InvalidValueError) as caught:
        calibrate([], as_of=LATER, prior_strength=0)
    assert "prior_strength" == caught.value.path


def test_calibrate_refuses_a_naive_as_of() -> None:
    """No time zone, no calibration."""
    with pytest.raises(pc.NaiveDatetimeError):
        calibrate([], as_of=dt.datetime(2026, 1, 1))  # noqa: DTZ001


def test_stage_lookup_refuses_an_unknown_stage() -> None:
    """Only the stages the employer decides carry evidence."""
    with pytest.raises(pc.InvalidValueError) as caught:
        calibrate([], as_of=LATER).stage("accepted")
    assert "applied" in caught.value.allowed


def test_calibration_views() -> None:
    """str() and the HTML view report each stage; to_dict is JSON-safe."""
    calibration = calibrate(synthetic(50, seed=4), as_of=LATER)
    data = calibration.to_dict()
    expected = (True, True, data)
    actual = (
        "applied:" in str(calibration),
        "<th>calibrated</th>" in calibration._repr_html_(),
        json.loads(json.dumps(data)),
    )
    assert expected == actual


# -- StageEvidence ----------------------------------------------------------------------------


def evidence(trials: int, successes: int, prior: float = 0.5) -> StageEvidence:
    return StageEvidence(
        stage="screening", prior=prior, prior_strength=20, trials=trials, successes=successes
    )


def test_evidence_without_trials() -> None:
    """No trials: the prior alone, no rate, no interval, no claim."""
    item = evidence(0, 0)
    expected = (0.5, None, None, None, 0.0, True)
    actual = (
        item.posterior,
        item.observed_rate,
        item.interval,
        item.comparison,
        item.weight,
        "the prior alone" in item.describe(),
    )
    assert expected == actual


def test_evidence_below_the_prior() -> None:
    """Few successes out of many trials are called below a high prior."""
    item = evidence(40, 5, prior=0.5)
    assert ("below", "below the prior") == (item.comparison, item.describe()[-16:-1])


def test_evidence_in_line_with_the_prior() -> None:
    """A rate whose interval covers the prior is in line with it."""
    assert "in line with" == evidence(40, 19).comparison


def test_evidence_interval_contains_the_rate() -> None:
    """The Wilson interval brackets the observed rate."""
    low, high = evidence(30, 9).interval or (1.0, 0.0)
    assert low < 0.3 < high


def test_evidence_refuses_more_successes_than_trials() -> None:
    """Successes cannot exceed trials."""
    with pytest.raises(pc.InvalidValueError) as caught:
        evidence(2, 3)
    assert "successes" == caught.value.path


def test_evidence_round_trips_through_a_dict() -> None:
    """from_dict(to_dict()) gives back equal evidence."""
    item = evidence(12, 4)
    assert item == StageEvidence.from_dict(item.to_dict())


def test_a_stage_without_a_published_chance_is_not_calibrated() -> None:
    """A stage with no chance (counted as certain) carries no evidence and stays as it is."""
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
        organization="U",
        title="t",
        source="other",
        pipeline=pipeline,
        events=(pc.Applied(at=day(0)), pc.Advanced(at=day(3), stage="paperwork")),
    )
    calibration = calibrate(opp, as_of=LATER)
    expected = (["applied", "written"], None)
    assert expected == (
        [item.stage for item in calibration.evidence],
        calibration.model.stage("paperwork").p_advance,
    )
