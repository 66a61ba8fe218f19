"""
The closed forms against a seeded simulation of the model's own generative story.

The story (docs/explanation/outlook.md), written here from the model's public
figures only:

- At its current stage an opportunity is *alive* (the employer will move it on)
  with chance p, or *dead* (it will never answer). An alive employer answers
  after an exponential wait whose ``response_quantile`` quantile is the stage's
  window; the draw is kept only if that wait is longer than the silence already
  observed (Bayes by rejection).
- After the current stage, each stage up to the signature is passed with its
  own chance; the offer is the written one, so stages from the written offer on
  take no time. Source factors multiply the application stage and the hiring
  decision (the last process stage before the offer).
- Signals multiply the odds of the offer: a draw that ends in an offer weighs
  the signals' odds ratio (importance weighting).
- The search: each organisation is represented by its most promising
  opportunity; organisations are independent, or tied by one Gaussian factor.

Each figure is estimated from 100 000 kept draws (stdlib ``random``, fixed
seeds) and must agree with the library's closed form within 0.01 (chances) or
0.2 days (expected days).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from statistics import NormalDist
from typing import cast

import pytest

import pipeline_core as pc
from pipeline_core.outlook import Outlook, forecast

DRAWS = 100_000
T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
MODEL = pc.OutlookModel.default()
ORDER = [f.name for f in MODEL.stages]
DECISION = "final_round"  # the last process stage before the offer, in the default pipeline


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def chain(stage: str, source: pc.Source) -> list[tuple[float, float | None]]:
    """(chance, rate per day or None) of each stage from ``stage`` up to the signature."""
    effect = MODEL.source_effect(source)
    log_survival = -math.log(1.0 - MODEL.response_quantile)
    written = ORDER.index("written_offer")
    out = []
    for position in range(ORDER.index(stage), ORDER.index("accepted")):
        figures = MODEL.stages[position]
        chance = figures.p_advance if figures.p_advance is not None else 1.0
        if figures.name == "applied":
            chance = min(1.0, chance * effect.application)
        if figures.name == DECISION:
            chance = min(1.0, chance * effect.decision)
        timed = position < written and figures.response_days is not None
        out.append((chance, log_survival / figures.response_days if timed else None))  # type: ignore[operator]
    return out


def ratio_of(positive: int, negative: int) -> float:
    cap = MODEL.max_signals
    return MODEL.positive_signal_ratio ** min(positive, cap) * MODEL.negative_signal_ratio ** min(
        negative, cap
    )


def draw(
    rng: random.Random, stages: list[tuple[float, float | None]], silence: float, ratio: float
) -> tuple[float, bool, bool, float]:
    """One kept draw: (weight, alive, offer, days from now to the offer)."""
    chance, rate = stages[0]
    while True:
        if rng.random() >= chance:
            return 1.0, False, False, math.inf
        wait = rng.expovariate(rate) if rate else 0.0
        if rate and wait <= silence:
            continue  # the employer would have answered already: not what we observed
        offer = all(rng.random() < p for p, _ in stages[1:])
        if not offer:
            return 1.0, True, False, math.inf
        later = sum(rng.expovariate(r) for _, r in stages[1:] if r)
        return ratio, True, True, (wait - silence if rate else 0.0) + later


def estimate(
    stages: list[tuple[float, float | None]],
    silence: float,
    ratio: float,
    horizon: float,
    seed: int,
) -> tuple[float, float, float]:
    rng = random.Random(seed)  # noqa: S311 - a seeded simulation, not cryptography
    total = alive = offer = within = 0.0
    for _ in range(DRAWS):
        weight, is_alive, is_offer, days = draw(rng, stages, silence, ratio)
        total += weight
        alive += weight * is_alive
        offer += weight * is_offer
        within += weight * (days <= horizon)
    return offer / total, within / total, alive / total


SCENARIOS = {
    "interviewing, 4 days silent, one positive signal": (
        pc.Source.JOB_BOARD,
        (
            pc.Applied(at=day(0)),
            pc.Advanced(at=day(2), stage="interviewing"),
            pc.Signal(at=day(3), polarity="positive"),
        ),
        6.0,
        "interviewing",
        4.0,
        (1, 0),
        30.0,
    ),
    "referral application, 9 days silent, 60-day horizon": (
        pc.Source.REFERRAL,
        (pc.Applied(at=day(0)),),
        9.0,
        "applied",
        9.0,
        (0, 0),
        60.0,
    ),
    "agency final round, 2 days silent, one negative signal": (
        pc.Source.AGENCY_RECRUITER,
        (
            pc.Applied(at=day(0)),
            pc.Advanced(at=day(4), stage="final_round"),
            pc.Signal(at=day(5), polarity="negative"),
        ),
        6.0,
        "final_round",
        2.0,
        (0, 1),
        30.0,
    ),
    "verbal offer, 10 days in limbo, three praises": (
        pc.Source.COMPANY_SITE,
        (
            pc.Applied(at=day(0)),
            pc.Offer(at=day(5), form="verbal"),
            *(pc.Signal(at=day(6), polarity="positive") for _ in range(4)),
        ),
        15.0,
        "verbal_offer",
        10.0,
        (4, 0),
        14.0,
    ),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_opportunity_figures_agree_with_simulation(name: str) -> None:
    """P(offer), P(offer within the horizon) and P(alive) agree with 100 000 draws within 0.01."""
    source, events, when, stage, silence, (positive, negative), horizon = SCENARIOS[name]
    opp = pc.Opportunity(
        id="x",
        organization="X",
        title="t",
        source=source,
        events=cast("tuple[pc.Event, ...]", events),
    )
    result = forecast(
        pc.Search(opportunities=(opp,)), as_of=day(when), horizon=dt.timedelta(days=horizon)
    ).opportunities[0]
    simulated = estimate(
        chain(stage, source), silence, ratio_of(positive, negative), horizon, seed=7
    )
    assert simulated == pytest.approx(
        (result.p_offer, result.p_offer_within_horizon, result.p_alive), abs=0.01
    )


def search_outlook(
    model: pc.OutlookModel = MODEL,
) -> tuple[Outlook, list[tuple[list[tuple[float, float | None]], float, float]]]:
    """A search of five organisations (one with two roles) and each representative's story."""
    specs = [
        (
            "a",
            "Acme",
            pc.Source.JOB_BOARD,
            (pc.Applied(at=day(0)), pc.Advanced(at=day(8), stage="interviewing")),
            "interviewing",
        ),
        ("a2", "Acme", pc.Source.JOB_BOARD, (pc.Applied(at=day(0)),), "applied"),
        ("b", "Bolt", pc.Source.REFERRAL, (pc.Applied(at=day(3)),), "applied"),
        (
            "c",
            "Core",
            pc.Source.AGENCY_RECRUITER,
            (pc.Applied(at=day(0)), pc.Advanced(at=day(9), stage="final_round")),
            "final_round",
        ),
        (
            "d",
            "Dune",
            pc.Source.NETWORK,
            (pc.Applied(at=day(0)), pc.Offer(at=day(7), form="verbal")),
            "verbal_offer",
        ),
        (
            "e",
            "Echo",
            pc.Source.COMPANY_SITE,
            (pc.Applied(at=day(1)), pc.Advanced(at=day(6), stage="screening")),
            "screening",
        ),
    ]
    opportunities = tuple(
        pc.Opportunity(id=oid, organization=org, title="t", source=source, events=events)
        for oid, org, source, events, _ in specs
    )
    outlook = forecast(
        pc.Search(opportunities=opportunities),
        as_of=day(10),
        horizon=dt.timedelta(days=30),
        model=model,
    )
    stories = []
    for (oid, _, source, events, stage), item in zip(specs, outlook.opportunities, strict=True):
        if item.represents_organization:
            last = max(e.at for e in events if not isinstance(e, pc.Signal))
            stories.append((chain(stage, source), (day(10) - last).total_seconds() / 86_400, 1.0))
        assert oid == item.id
    return outlook, stories


def test_search_figures_agree_with_simulation() -> None:
    """P(any offer), expected offers and the first offer's timing agree with the simulation."""
    outlook, stories = search_outlook()
    rng = random.Random(11)  # noqa: S311 - a seeded simulation, not cryptography
    horizon = 30.0
    any_offer = offers = first_total = 0.0
    first_count = 0
    for _ in range(DRAWS):
        times = []
        for stages, silence, ratio in stories:
            _, _, is_offer, days = draw(rng, stages, silence, ratio)
            if is_offer and days <= horizon:
                times.append(days)
        any_offer += bool(times)
        offers += len(times)
        if times:
            first_total += min(times)
            first_count += 1
    assert (any_offer / DRAWS, offers / DRAWS) == pytest.approx(
        (outlook.p_any_offer, outlook.expected_offers), abs=0.01
    )
    assert first_total / first_count == pytest.approx(outlook.expected_days_to_first_offer, abs=0.2)


def test_correlated_variant_agrees_with_simulation() -> None:
    """The shared Gaussian factor: 100 000 draws of (Z, E_i) agree with the quadrature to 0.01."""
    rho = 0.6
    outlook, _ = search_outlook(MODEL.evolve(correlation=rho))
    chances = [
        item.p_offer_within_horizon
        for item in outlook.opportunities
        if item.represents_organization
    ]
    normal = NormalDist()
    thresholds = [normal.inv_cdf(c) for c in chances]
    rng = random.Random(13)  # noqa: S311 - a seeded simulation, not cryptography
    hits = 0
    for _ in range(DRAWS):
        shared = rng.gauss(0.0, 1.0)
        hits += any(
            math.sqrt(rho) * shared + math.sqrt(1 - rho) * rng.gauss(0.0, 1.0) < a
            for a in thresholds
        )
    assert hits / DRAWS == pytest.approx(outlook.p_any_offer_correlated, abs=0.01)
