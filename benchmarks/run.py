"""
Every performance target of pipeline_core, measured in one run, as ratios to baselines.

Each figure is a ratio between two things timed in the same process on the same
data, so it does not depend on the machine; the absolute times are printed too.
The results are printed as a table and written as JSON to
``benchmarks/results/latest.json``.

    python benchmarks/run.py            # the full run (a few minutes on one core)
    python benchmarks/run.py --quick    # fewer repeats and a smaller scaling range
    python benchmarks/run.py --only rules from_dict

The rule benchmark compares with the ``rule-engine`` package
(``pip install 'pipeline_core[bench]'``); without it that line says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import math
import pathlib
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
from population import AS_OF, population

import pipeline_core as pc
from pipeline_core.facts import Scalar

RESULTS = pathlib.Path(__file__).parent / "results" / "latest.json"


class Settings:
    """How hard to work: the repeats of each timing and the sizes measured."""

    def __init__(self, *, quick: bool) -> None:
        self.repeats = 3 if quick else 7
        self.searches = 60 if quick else 200
        self.scaling = (1_000, 10_000, 50_000) if quick else (1_000, 10_000, 100_000)


def best_seconds(work: Callable[[], object], repeats: int) -> float:
    """Return the fastest of ``repeats`` runs of ``work`` (seconds), the garbage collector off."""
    best = math.inf
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - started)
    finally:
        if enabled:
            gc.enable()
    return best


def best_pair(
    work: Callable[[], object], baseline: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """
    Time ``work`` and ``baseline`` in turns; return the fastest run of each (seconds).

    Alternating keeps a change in the machine's load from landing on one side of a ratio.
    """
    best_work = best_baseline = math.inf
    for _ in range(repeats):
        best_work = min(best_work, best_seconds(work, 1))
        best_baseline = min(best_baseline, best_seconds(baseline, 1))
    return best_work, best_baseline


def result(
    name: str,
    *,
    measured: float,
    unit: str,
    target: str,
    met: bool | None,
    detail: str,
    figures: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One row of the table (and of the JSON)."""
    return {
        "name": name,
        "measured": measured,
        "unit": unit,
        "target": target,
        "met": met,
        "detail": detail,
        "figures": dict(figures or {}),
    }


# -- assess -----------------------------------------------------------------------------------


def bare_pass(search: pc.Search) -> float:
    """Read every event's timestamp and type: the floor of any assessment."""
    total = 0.0
    for opportunity in search.opportunities:
        for event in opportunity.events:
            total += event.at.timestamp()
            _ = event.type
    return total


def assess_each(searches: Iterable[pc.Search]) -> None:
    """Assess every search, keeping nothing: memory stays flat whatever the size."""
    for search in searches:
        pc.assess(search, as_of=AS_OF)


def bench_assess(settings: Settings) -> dict[str, Any]:
    """``assess`` per search against the bare pass over the same events."""
    searches = population(settings.searches)
    events = sum(len(o.events) for s in searches for o in s.opportunities)
    for search in searches:  # warm up: caches, lazy imports
        pc.assess(search, as_of=AS_OF)

    def bare_all() -> None:
        for search in searches:
            bare_pass(search)

    assess, bare = best_pair(functools.partial(assess_each, searches), bare_all, settings.repeats)
    ratio = assess / bare
    per_search = assess / len(searches) * 1e6
    return result(
        "assess / bare pass",
        measured=ratio,
        unit="x",
        target="<= 8",
        met=ratio <= 8,
        detail=f"{per_search:,.0f} µs per search of 25, {events / assess:,.0f} events/s",
        figures={"assess_us_per_search": per_search, "bare_us_per_search": bare / len(searches)},
    )


HORIZON = dt.timedelta(days=30)  # assess's default horizon


def assess_without_outlook(search: pc.Search, rules: pc.RuleSet) -> pc.RiskReport:
    """What ``assess`` does, less the outlook: states, facts (no chances), rules, the report."""
    states = search.states(AS_OF)
    facts = pc.compute_facts(search, as_of=AS_OF, states=states)
    score, level, findings = rules.evaluate(facts)
    return pc.RiskReport(
        score=score,
        level=level,
        findings=findings,
        facts=facts,
        as_of=AS_OF,
        horizon=HORIZON,
        rules_identity=rules.identity,
    )


def bench_outlook_share(settings: Settings) -> dict[str, Any]:
    """How much the outlook adds to ``assess``: assess against assess without it."""
    searches = population(settings.searches)
    rules = pc.default_rules()
    for search in searches:  # warm up, as bench_assess does
        pc.assess(search, as_of=AS_OF)
        assess_without_outlook(search, rules)

    def without_all() -> None:
        for search in searches:
            assess_without_outlook(search, rules)

    assess_all = functools.partial(assess_each, searches)
    whole, without = best_pair(assess_all, without_all, settings.repeats)
    share = whole / without - 1
    return result(
        "outlook's share of assess (+ %)",
        measured=share * 100,
        unit="%",
        target="<= 30",
        met=share <= 0.3,
        detail=(
            f"assess {whole / len(searches) * 1e6:,.0f} µs per search, "
            f"{without / len(searches) * 1e6:,.0f} µs without the outlook"
        ),
        figures={
            "with_us": whole / len(searches) * 1e6,
            "without_us": without / len(searches) * 1e6,
        },
    )


# -- rules ------------------------------------------------------------------------------------

# The same conditions three ways: declarative data, plain Python, rule-engine expressions.
RULES: tuple[tuple[dict[str, Any], Callable[[Mapping[str, Scalar]], bool], str], ...] = (
    (
        {
            "all": [
                {"fact": "live_advanced", "op": "==", "value": 0},
                {"not": {"fact": "live", "op": "==", "value": 0}},
            ]
        },
        lambda v: v["live_advanced"] == 0 and v["live"] != 0,
        "live_advanced == 0 and not live == 0",
    ),
    (
        {"fact": "live", "op": "<", "value": 3},
        lambda v: v["live"] < 3,  # type: ignore[operator]
        "live < 3",
    ),
    (
        {"fact": "p_no_offer", "op": ">", "value": 0.5},
        lambda v: v["p_no_offer"] is not None and v["p_no_offer"] > 0.5,  # type: ignore[operator]
        "p_no_offer != null and p_no_offer > 0.5",
    ),
    (
        {
            "all": [
                {
                    "any": [
                        {"fact": "verbal_offers", "op": ">=", "value": 1},
                        {"fact": "written_offers", "op": ">=", "value": 1},
                    ]
                },
                {"fact": "won", "op": "==", "value": False},
            ]
        },
        lambda v: (v["verbal_offers"] >= 1 or v["written_offers"] >= 1) and v["won"] is False,  # type: ignore[operator]
        "(verbal_offers >= 1 or written_offers >= 1) and won == false",
    ),
    (
        {
            "all": [
                {"fact": "top_organization_share", "op": ">=", "value": 0.5},
                {"fact": "live", "op": ">=", "value": 2},
            ]
        },
        lambda v: (
            v["top_organization_share"] is not None
            and v["top_organization_share"] >= 0.5  # type: ignore[operator]
            and v["live"] >= 2  # type: ignore[operator]
        ),
        "top_organization_share != null and top_organization_share >= 0.5 and live >= 2",
    ),
    (
        {"fact": "days_since_last_application", "op": ">", "value": 14},
        lambda v: (
            v["days_since_last_application"] is not None and v["days_since_last_application"] > 14  # type: ignore[operator]
        ),
        "days_since_last_application != null and days_since_last_application > 14",
    ),
    (
        {
            "any": [
                {"fact": "organizations", "op": "<", "value": 5},
                {"fact": "industries", "op": "<", "value": 2},
            ]
        },
        lambda v: v["organizations"] < 5 or v["industries"] < 2,  # type: ignore[operator]
        "organizations < 5 or industries < 2",
    ),
)


def declarative_rules() -> list[pc.DeclarativeRule]:
    """The conditions of RULES as declarative rules (message and action name no fact)."""
    return [
        pc.DeclarativeRule.from_dict(
            {"id": f"bench-{n}", "when": when, "message": "m", "action": "a"}
        )
        for n, (when, _, _) in enumerate(RULES)
    ]


def ask_each(
    items: Sequence[Any], questions: Sequence[Callable[[Any], object]], loops: int
) -> None:
    """Ask every question of every item, ``loops`` times over (the loop every contender shares)."""
    for _ in range(loops):
        for item in items:
            for question in questions:
                question(item)


def bench_rules(settings: Settings) -> list[dict[str, Any]]:
    """
    Declarative rules against plain Python predicates and the rule-engine package.

    All three answer the same yes/no question over the same scalar facts: a
    declarative rule through its compiled ``predicate``, the plain functions and
    rule-engine's ``matches`` directly. What a firing rule costs on top (its
    evidence and messages, through ``evaluate``) is reported beside them.
    """
    facts = [pc.assess(s, as_of=AS_OF).facts for s in population(settings.searches)]
    values = [f.scalars() for f in facts]
    rules = declarative_rules()
    predicates = [rule.predicate for rule in rules]
    functions = [function for _, function, _ in RULES]
    expected = [[f(v) for f in functions] for v in values]
    actual = [[predicate(v) for predicate in predicates] for v in values]
    fired = [[rule.evaluate(f) is not None for rule in rules] for f in facts]
    if not expected == actual == fired:  # they must agree before they are timed
        raise AssertionError("declarative rules disagree with the plain functions")
    loops = 20
    evaluations = loops * len(facts) * len(rules)
    ours, baseline = best_pair(
        functools.partial(ask_each, values, predicates, loops),
        functools.partial(ask_each, values, functions, loops),
        settings.repeats,
    )
    evaluate = [rule.evaluate for rule in rules]
    with_findings = best_seconds(functools.partial(ask_each, facts, evaluate, 1), settings.repeats)
    with_findings /= len(facts) * len(rules)
    share = sum(map(sum, fired)) / (len(facts) * len(rules))
    ratio = ours / baseline
    return [
        result(
            "declarative rules / plain Python",
            measured=ratio,
            unit="x",
            target="<= 2",
            met=ratio <= 2,
            detail=(
                f"{ours / evaluations * 1e9:,.0f} ns per rule (plain "
                f"{baseline / evaluations * 1e9:,.0f}); evaluate() with findings "
                f"{with_findings * 1e9:,.0f} ns, {share:.0%} fire"
            ),
            figures={
                "declarative_ns": ours / evaluations * 1e9,
                "plain_ns": baseline / evaluations * 1e9,
                "evaluate_ns": with_findings * 1e9,
                "firing_share": share,
            },
        ),
        bench_rule_engine(settings, values, expected, predicates),
    ]


def bench_rule_engine(
    settings: Settings,
    values: list[Mapping[str, Scalar]],
    expected: list[list[bool]],
    predicates: list[pc.rules.Predicate],
) -> dict[str, Any]:
    """The rule-engine package on the same conditions, against our seconds per evaluation."""
    try:
        import rule_engine  # type: ignore[import-untyped]  # noqa: PLC0415 - optional, bench only
    except ImportError:
        return result(
            "rule-engine / declarative rules",
            measured=math.nan,
            unit="x",
            target=">= 30",
            met=None,
            detail="not available: pip install 'pipeline_core[bench]'",
        )
    engine_rules = [rule_engine.Rule(text) for _, _, text in RULES]
    plain_values = [dict(v) for v in values]
    engine_actual = [[r.matches(v) for r in engine_rules] for v in plain_values]
    if expected != engine_actual:
        raise AssertionError("rule-engine disagrees with the plain functions")
    # rule-engine is slow: a few loops make a run of tens of milliseconds; ours takes more
    # loops for a run of comparable length, so neither side is a sub-millisecond timing.
    engine_loops, our_loops = 2, 40
    theirs, ours = best_pair(
        functools.partial(ask_each, plain_values, [r.matches for r in engine_rules], engine_loops),
        functools.partial(ask_each, values, predicates, our_loops),
        settings.repeats,
    )
    theirs /= engine_loops * len(values) * len(RULES)
    ours /= our_loops * len(values) * len(RULES)
    speedup = theirs / ours
    return result(
        "rule-engine / declarative rules",
        measured=speedup,
        unit="x",
        target=">= 30",
        met=speedup >= 30,
        detail=f"rule-engine {theirs * 1e9:,.0f} ns per rule evaluation, ours {ours * 1e9:,.0f}",
        figures={"rule_engine_ns": theirs * 1e9, "declarative_ns": ours * 1e9},
    )


# -- decoding and memory ----------------------------------------------------------------------


def parse_baseline(documents: Iterable[Mapping[str, Any]]) -> list[Any]:
    """Parse the same dicts into plain tuples with ``datetime.fromisoformat``: the floor."""
    parse = dt.datetime.fromisoformat
    return [
        tuple(
            (event["type"], parse(event["at"]), *event.values()) for event in opportunity["events"]
        )
        for document in documents
        for opportunity in document["opportunities"]
    ]


def bench_from_dict(settings: Settings) -> dict[str, Any]:
    """``Search.from_dict`` per event against parsing into tuples."""
    documents = [s.to_dict() for s in population(settings.searches)]
    events = sum(len(o["events"]) for d in documents for o in d["opportunities"])
    ours, baseline = best_pair(
        lambda: [pc.Search.from_dict(d) for d in documents],
        lambda: parse_baseline(documents),
        settings.repeats,
    )
    ratio = ours / baseline
    return result(
        "Search.from_dict / fromisoformat into tuples",
        measured=ratio,
        unit="x",
        target="<= 4",
        met=ratio <= 4,
        detail=f"{ours / events * 1e9:,.0f} ns per event, {events / ours:,.0f} events/s",
        figures={"from_dict_ns_per_event": ours / events * 1e9},
    )


def bench_memory(settings: Settings) -> dict[str, Any]:
    """Bytes held per event by a population loaded from its dicts (tracemalloc)."""
    documents = [s.to_dict() for s in population(settings.searches)]
    events = sum(len(o["events"]) for d in documents for o in d["opportunities"])
    opportunities = sum(len(d["opportunities"]) for d in documents)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    loaded = [pc.Search.from_dict(d) for d in documents]
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(loaded) == len(documents)  # noqa: S101 - kept alive until measured
    per_event = held / events
    return result(
        "memory per event (loaded population)",
        measured=per_event,
        unit="bytes",
        target="<= 160",
        met=per_event <= 160,
        detail=f"{held / 1e6:.1f} MB for {events:,} events in {opportunities:,} opportunities",
        figures={"bytes": held, "events": events, "opportunities": opportunities},
    )


# -- scaling ----------------------------------------------------------------------------------


def slope(sizes: Iterable[float], times: Iterable[float]) -> float:
    """The least-squares slope of log(time) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return num / sum((x - mean_x) ** 2 for x in xs)


def bench_scaling(settings: Settings) -> list[dict[str, Any]]:
    """Time assess and from_dict over populations of 1k, 10k and 100k opportunities."""
    largest = max(settings.scaling) // 25
    searches = population(largest)
    documents = [s.to_dict() for s in searches]
    for search in searches:
        search.states()  # the one-time replay of each opportunity, outside the timings
    rows = []
    for name, work in (
        ("assess", assess_each),
        ("from_dict", lambda items: [pc.Search.from_dict(d) for d in items]),
    ):
        data: list[Any] = searches if name == "assess" else documents
        times = []
        for size in settings.scaling:
            chunk = data[: size // 25]
            repeats = settings.repeats if size <= 10_000 else 2
            times.append(best_seconds(functools.partial(work, chunk), repeats))
        fitted = slope(settings.scaling, times)
        rows.append(
            result(
                f"scaling of {name} (log-log slope)",
                measured=fitted,
                unit="",
                target="0.9 to 1.1",
                met=0.9 <= fitted <= 1.1,
                detail=", ".join(
                    f"{size // 1000}k: {t:.2f} s"
                    for size, t in zip(settings.scaling, times, strict=True)
                ),
                figures={"sizes": list(settings.scaling), "seconds": times},
            )
        )
    return rows


# -- replay -----------------------------------------------------------------------------------


def bench_replay(settings: Settings) -> dict[str, Any]:
    """``risk_history`` over K daily steps against K separate calls of ``assess``."""
    steps = 30
    risk_history = getattr(pc, "risk_history", None)
    if risk_history is None:
        return result(
            "risk_history / (K x assess), K = 30",
            measured=math.nan,
            unit="x",
            target="<= 0.3",
            met=None,
            detail="not available: pc.risk_history does not exist in this build",
        )
    searches = population(max(10, settings.searches // 10))
    start = AS_OF - dt.timedelta(days=steps - 1)

    def history() -> None:
        for search in searches:
            risk_history(search, start=start, end=AS_OF, step=dt.timedelta(days=1))

    def separately() -> None:
        for search in searches:
            for k in range(steps):
                pc.assess(search, as_of=start + dt.timedelta(days=k))

    ours = best_seconds(history, settings.repeats)
    baseline = best_seconds(separately, max(1, settings.repeats // 2))
    ratio = ours / baseline
    return result(
        "risk_history / (K x assess), K = 30",
        measured=ratio,
        unit="x",
        target="<= 0.3",
        met=ratio <= 0.3,
        detail=f"{ours / len(searches) * 1e3:,.1f} ms per search for 30 steps",
    )


# -- next actions -----------------------------------------------------------------------------


def bench_follow_ups(settings: Settings) -> dict[str, Any]:
    """``follow_ups`` per search against one ``assess`` per search, on the same searches."""
    searches = population(settings.searches)
    for search in searches:  # warm up: caches, replayed states
        pc.follow_ups(search, as_of=AS_OF)
        pc.assess(search, as_of=AS_OF)

    def plan_all() -> None:
        for search in searches:
            pc.follow_ups(search, as_of=AS_OF)

    plan, assess = best_pair(plan_all, functools.partial(assess_each, searches), settings.repeats)
    ratio = plan / assess
    planned = sum(len(pc.follow_ups(search, as_of=AS_OF)) for search in searches)
    return result(
        "follow_ups / assess, per search",
        measured=ratio,
        unit="x",
        target="<= 1",
        met=ratio <= 1,
        detail=f"{plan / len(searches) * 1e6:,.0f} µs per search of 25, "
        f"{planned / len(searches):.1f} follow-ups each",
        figures={"follow_ups_us_per_search": plan / len(searches) * 1e6},
    )


def bench_icalendar(settings: Settings) -> dict[str, Any]:
    """The calendar text of 1,000 follow-ups, against the target of well under a second."""
    chosen: list[pc.FollowUp] = []
    for number, search in enumerate(population(max(settings.searches, 400))):
        # The population reuses opportunity ids in every search: prefix them, one UID each.
        chosen.extend(
            attrs.evolve(follow_up, opportunity_id=f"search-{number}/{follow_up.opportunity_id}")
            for follow_up in pc.follow_ups(search, as_of=AS_OF)
        )
    chosen = chosen[:1_000]
    seconds = best_seconds(lambda: pc.to_icalendar(chosen, as_of=AS_OF), settings.repeats)
    return result(
        "to_icalendar, 1,000 follow-ups",
        measured=seconds,
        unit="s",
        target="<= 0.25",
        met=seconds <= 0.25 if len(chosen) == 1_000 else None,
        detail=f"{len(chosen):,} follow-ups, {seconds / max(len(chosen), 1) * 1e6:,.0f} µs each",
    )


# -- the run ----------------------------------------------------------------------------------

BENCHMARKS: dict[str, Callable[[Settings], dict[str, Any] | list[dict[str, Any]]]] = {
    "assess": bench_assess,
    "outlook": bench_outlook_share,
    "rules": bench_rules,
    "from_dict": bench_from_dict,
    "memory": bench_memory,
    "scaling": bench_scaling,
    "replay": bench_replay,
    "follow_ups": bench_follow_ups,
    "icalendar": bench_icalendar,
}


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a text table."""
    lines = [f"{'benchmark':46} {'measured':>10}  {'target':>10}  {'':6} detail"]
    for row in rows:
        measured = "n/a" if math.isnan(row["measured"]) else f"{row['measured']:.2f}"
        verdict = {True: "met", False: "MISSED", None: "skip"}[row["met"]]
        unit = f" {row['unit']}" if row["unit"] else ""
        lines.append(
            f"{row['name']:46} {measured + unit:>10}  {row['target']:>10}  {verdict:6} "
            f"{row['detail']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller sizes")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), help="run only these")
    parser.add_argument("--output", type=pathlib.Path, default=RESULTS, help="the JSON file")
    options = parser.parse_args(argv)
    settings = Settings(quick=options.quick)
    rows: list[dict[str, Any]] = []
    for name, bench in BENCHMARKS.items():
        if options.only and name not in options.only:
            continue
        print(f"running {name}…", file=sys.stderr, flush=True)
        produced = bench(settings)
        rows.extend(produced if isinstance(produced, list) else [produced])
    print(table(rows))
    options.output.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "pipeline_core": pc.__version__,
        "quick": options.quick,
        "results": [
            {**row, "measured": None if math.isnan(row["measured"]) else row["measured"]}
            for row in rows
        ],
    }
    options.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"written to {options.output}")
    return 0 if all(row["met"] is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
