"""
Accelerated paths give exactly what the plain paths give.

Each section states the faster path and the plain one it is checked against, to the bit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.engine import _risk_history as trajectory
from pipeline_core.engine._risk_history import change_points
from pipeline_core.facts import (
    FACTS,
    MIN_WINDOW_DAYS,
    RECENT_WINDOW_DAYS,
    Facts,
    OpportunityFacts,
    StateFacts,
    business_days,
    business_days_between,
    compute_facts,
    facts_from_census,
    facts_from_parts,
    pipeline_layout,
    state_facts,
    week_position,
)
from pipeline_core.instants import SECONDS_PER_DAY
from pipeline_core.opportunity import Source
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook import forecast
from pipeline_core.outlook._rows import (
    OpportunityRecord,
    OpportunityRow,
    make_record,
    make_row,
)
from pipeline_core.pipeline import StageKind
from pipeline_core.replay import OpportunityState, replay
from pipeline_core.report import RiskReport
from pipeline_core.rules._catalog import BUILTIN_RULES
from pipeline_core.rules._declarative import collect_evidence
from pipeline_core.rules._operators import all_hold, any_holds
from pipeline_core.search import Search
from pipeline_core.testing import instants, outlook_models, rule_configs, searches
from pipeline_core.testing.risk import declarative_rules

# -- the engine: facts per state then per instant, and risk_history's sweep -------------------
#
# The facts are computed in two parts: what depends on an opportunity's state only, once per
# state (facts.state_facts), and the durations at each instant (facts.facts_from_parts).
# risk_history replays each opportunity once (change_points) and keeps each state's part for
# the whole period; it scores with RuleSet.score (no findings' messages). Each is checked
# against the plain computation: a straight pass over fresh states, assess at each step.


def _week_position(ts: float) -> tuple[float, float]:
    weeks, rest = divmod(ts / SECONDS_PER_DAY + 3.0, 7.0)
    return weeks, min(rest, 5.0)


def _business_days_to(start_ts: float, end_weeks: float, end_rest: float) -> float:
    start_weeks, start_rest = divmod(start_ts / SECONDS_PER_DAY + 3.0, 7.0)
    return (end_weeks - start_weeks) * 5.0 + end_rest - min(start_rest, 5.0)


def _top(counts: Mapping[str, int], total: int) -> tuple[str | None, float | None]:
    if not counts or total == 0:
        return None, None
    most = max(counts.values())
    name = min(key for key, count in counts.items() if count == most)
    return name, most / total


def reference_facts(  # noqa: C901, PLR0912, PLR0915 - the straight one pass
    search: Search,
    *,
    when: dt.datetime,
    horizon_days: float,
    chances: Mapping[str, float] | None,
    p_no_offer: float | None,
    states: Sequence[OpportunityState],
) -> Facts:
    """The facts of ``search`` at ``when``, from one state per opportunity, in one straight pass."""
    now = when.timestamp()
    now_weeks, now_rest = _week_position(now)  # the end of every business-day count below
    stage_infos = pipeline_layout(search.pipeline).stages
    agency = Source.AGENCY_RECRUITER
    accepted = Outcome.ACCEPTED
    verbal_kind = StageKind.VERBAL_OFFER
    written_kind = StageKind.WRITTEN_OFFER

    known = prospects = signed = closed = 0
    live_advanced = live_late = late_pending = verbal_offers = written_offers = 0
    agency_late = favoured = silent = silent_advanced = 0
    applied_times: list[float] = []
    stage_counts = dict.fromkeys((info.name for info in stage_infos), 0)
    by_org: dict[str, int] = {}
    by_industry: dict[str, int] = {}
    by_location: dict[str, int] = {}
    items: list[OpportunityFacts] = []
    favourite: OpportunityFacts | None = None
    favourite_key: tuple[int, int] = (-1, 0)
    longest: OpportunityFacts | None = None
    max_verbal: float | None = None
    nearest_deadline: float | None = None
    # Per organisation, the chance that it makes no offer: all live opportunities for
    # p_no_offer, only those past the application for the concentration (see compute_facts).
    missing: dict[str, float] = {}
    missing_advanced: dict[str, float] = {}

    for opportunity, state in zip(search.opportunities, states, strict=True):
        if state.events_seen == 0:
            created = opportunity.created_at
            if (created is None and opportunity.events) or (
                created is not None and created.timestamp() > now
            ):
                continue  # not known yet at as_of
        known += 1
        applied_ts = state.applied_ts
        if applied_ts is not None:
            applied_times.append(applied_ts)
        outcome = state.outcome
        if outcome is not None:
            if outcome is accepted:
                signed += 1
            else:
                closed += 1
            continue
        info = stage_infos[state.stage_index]
        stage_counts[info.name] += 1
        if not info.live:
            prospects += 1
            continue
        kind = info.kind
        organization = opportunity.organization
        by_org[organization] = by_org.get(organization, 0) + 1
        industry = opportunity.industry
        if industry is not None:
            by_industry[industry] = by_industry.get(industry, 0) + 1
        location = opportunity.location
        if location is not None:
            by_location[location] = by_location.get(location, 0) + 1
        entered = state.stage_entered_ts
        last_contact = state.last_contact_ts
        # A live stage is entered by an event (applied, advanced, offer), which is a contact.
        assert entered is not None
        assert last_contact is not None
        inbound = state.last_inbound_ts
        # Silence runs from the employer's last word: a stage move, an offer, a message.
        silence = _business_days_to(
            entered if inbound is None or inbound < entered else inbound, now_weeks, now_rest
        )
        process_days = (now - (entered if applied_ts is None else applied_ts)) / SECONDS_PER_DAY
        verbal_wait = None
        if kind is verbal_kind and state.verbal_offer_ts is not None:
            verbal_wait = _business_days_to(state.verbal_offer_ts, now_weeks, now_rest)
            verbal_offers += 1
            if max_verbal is None or verbal_wait > max_verbal:
                max_verbal = verbal_wait
        deadline = None
        if kind is written_kind:
            written_offers += 1
            if state.offer_deadline_ts is not None:
                deadline = (state.offer_deadline_ts - now) / SECONDS_PER_DAY
                if nearest_deadline is None or deadline < nearest_deadline:
                    nearest_deadline = deadline
        positive = state.positive_signals
        negative = state.negative_signals
        is_favoured = positive > negative or kind is verbal_kind
        window = info.window
        is_silent = window is not None and silence > window
        chance = None if chances is None else chances.get(opportunity.id)
        if chance is not None:
            missing[organization] = missing.get(organization, 1.0) * (1.0 - chance)
            if info.advanced:
                missing_advanced[organization] = missing_advanced.get(organization, 1.0) * (
                    1.0 - chance
                )
        item = OpportunityFacts(
            id=opportunity.id,
            organization=organization,
            industry=industry,
            location=location,
            source=opportunity.source,
            stage=info.name,
            stage_kind=kind,
            advanced=info.advanced,
            late=info.late,
            awaiting=window is not None,
            favoured=is_favoured,
            positive_signals=positive,
            negative_signals=negative,
            days_in_stage=(now - entered) / SECONDS_PER_DAY,
            days_since_contact=(now - last_contact) / SECONDS_PER_DAY,
            business_days_silent=silence,
            response_window=window,
            days_since_applied=process_days,
            verbal_offer_business_days=verbal_wait,
            deadline_days=deadline,
            offer_chance=chance,
        )
        items.append(item)
        if is_silent:
            silent += 1
            silent_advanced += info.advanced
        if info.advanced:
            live_advanced += 1
            # The longest-running process; ties go to the smallest id.
            if longest is None or (process_days, longest.id) > (
                longest.days_since_applied,
                item.id,
            ):
                longest = item
        if info.late:
            live_late += 1
            late_pending += kind is not written_kind
            agency_late += opportunity.source is agency
        if is_favoured:
            favoured += 1
            key = (state.stage_index, positive - negative)
            if (
                favourite is None
                or key > favourite_key
                or (key == favourite_key and item.id < favourite.id)
            ):
                favourite, favourite_key = item, key

    live = len(items)
    backup = None
    if favourite is not None:
        home = favourite.organization
        backup = sum(1 for item in items if item.advanced and item.organization != home)

    last_application = max(applied_times) if applied_times else None
    first_application = min(applied_times) if applied_times else None
    recent_start = now - RECENT_WINDOW_DAYS * SECONDS_PER_DAY
    applications_recent = sum(1 for ts in applied_times if ts > recent_start)
    if first_application is None:
        window_days = MIN_WINDOW_DAYS
    else:
        window_days = max(
            MIN_WINDOW_DAYS, (now - max(first_application, recent_start)) / SECONDS_PER_DAY
        )
    rate = applications_recent / (window_days / 7.0)
    previous_rate = None
    if first_application is not None:
        previous_start = max(first_application, recent_start - RECENT_WINDOW_DAYS * SECONDS_PER_DAY)
        previous_days = (recent_start - previous_start) / SECONDS_PER_DAY
        if previous_days >= MIN_WINDOW_DAYS:
            count = sum(1 for ts in applied_times if previous_start <= ts <= recent_start)
            previous_rate = count / (previous_days / 7.0)
    trend = None if not previous_rate else rate / previous_rate

    top_offer_share = top_offer_organization = None
    if chances is not None:
        org_chances = {name: 1.0 - rest for name, rest in missing_advanced.items()}
        total = math.fsum(org_chances.values())
        if total > 0:
            top_offer_organization = min(org_chances, key=lambda k: (-org_chances[k], k))
            top_offer_share = org_chances[top_offer_organization] / total
        if p_no_offer is None:
            p_no_offer = math.prod(missing.values())

    top_org, top_org_share = _top(by_org, live)
    top_industry, top_industry_share = _top(by_industry, live)
    top_location, top_location_share = _top(by_location, live)
    goals = search.goals
    weekly_goal = goals.weekly_applications
    return Facts(
        horizon_days=horizon_days,
        opportunities_known=known,
        prospects=prospects,
        live=live,
        live_advanced=live_advanced,
        live_late=live_late,
        late_pending=late_pending,
        verbal_offers=verbal_offers,
        written_offers=written_offers,
        signed=signed,
        won=signed > 0,
        closed=closed,
        organizations=len(by_org),
        industries=len(by_industry),
        locations=len(by_location),
        top_organization=top_org,
        top_organization_share=top_org_share,
        top_industry=top_industry,
        top_industry_share=top_industry_share,
        top_location=top_location,
        top_location_share=top_location_share,
        agency_late=agency_late,
        agency_late_share=None if live_late == 0 else agency_late / live_late,
        favoured=favoured,
        favourite=None if favourite is None else favourite.id,
        favourite_organization=None if favourite is None else favourite.organization,
        backup=backup,
        silent=silent,
        silent_advanced=silent_advanced,
        days_since_last_application=None
        if last_application is None
        else (now - last_application) / SECONDS_PER_DAY,
        search_age_days=None
        if first_application is None
        else (now - first_application) / SECONDS_PER_DAY,
        applications_recent=applications_recent,
        weekly_application_rate=rate,
        previous_weekly_application_rate=previous_rate,
        application_trend=trend,
        weekly_application_goal=None if weekly_goal is None else float(weekly_goal),
        min_live_goal=goals.min_live,
        days_to_offer_goal=None
        if goals.offer_by is None
        else (goals.offer_by.timestamp() - now) / SECONDS_PER_DAY,
        longest_process=None if longest is None else longest.id,
        longest_process_days=None if longest is None else longest.days_since_applied,
        max_verbal_offer_business_days=max_verbal,
        nearest_offer_deadline_days=nearest_deadline,
        p_no_offer=p_no_offer,
        top_offer_share=top_offer_share,
        top_offer_organization=top_offer_organization,
        opportunities=tuple(items),
        stage_counts=tuple(stage_counts.items()),
    )


@st.composite
def moments(draw: st.DrawFn, search: Search) -> dt.datetime:
    """An instant, often on or just around one of the search's events."""
    events = [event.at for opportunity in search.opportunities for event in opportunity.events]
    near_an_event = draw(st.booleans())
    if events and near_an_event:
        anchor = draw(st.sampled_from(events))
        return anchor + dt.timedelta(seconds=draw(st.sampled_from([-86_400, -1, 0, 1, 86_400])))
    return draw(instants())


def _chances(search: Search, when: dt.datetime) -> tuple[dict[str, float], float]:
    outlook = pc.forecast(search, as_of=when)
    return dict(outlook.by_opportunity), outlook.p_no_offer


@given(data=st.data(), search=searches(max_size=6))
def test_compute_facts_equals_the_straight_one_pass(data: st.DataObject, search: Search) -> None:
    """compute_facts, per state then per instant, gives the straight pass's facts to the bit."""
    when = data.draw(moments(search))
    with_chances = data.draw(st.booleans())
    chances, p_none = _chances(search, when) if with_chances else (None, None)
    given_p = data.draw(st.sampled_from([None, p_none]))
    expected = reference_facts(
        search,
        when=when.astimezone(dt.UTC),
        horizon_days=30.0,
        chances=chances,
        p_no_offer=given_p,
        states=search.states(when),
    )
    actual = pc.compute_facts(search, as_of=when, offer_chances=chances, p_no_offer=given_p)
    assert actual == expected
    assert actual.to_dict() == expected.to_dict()
    assert repr(actual) == repr(expected)  # the same bits: repr shows every float exactly


@given(data=st.data(), search=searches(max_size=5))
def test_facts_from_per_state_parts_kept_across_instants_equal_fresh_facts(
    data: st.DataObject, search: Search
) -> None:
    """Per-state parts computed once and reused at later instants change nothing."""
    infos = pipeline_layout(search.pipeline).stages
    kept: dict[int, tuple[OpportunityState, StateFacts]] = {}
    for when in sorted(data.draw(st.lists(moments(search), min_size=1, max_size=4))):
        states = search.states(when)
        parts = []
        for position, (opportunity, state) in enumerate(
            zip(search.opportunities, states, strict=True)
        ):
            if position not in kept or kept[position][0] != state:
                kept[position] = (state, state_facts(opportunity, state, infos))
            parts.append(kept[position][1])
        utc = when.astimezone(dt.UTC)
        chances, p_none = _chances(search, when)
        reused = facts_from_parts(
            search,
            when=utc,
            horizon_days=30.0,
            chances=chances,
            p_no_offer=p_none,
            parts=parts,
        )
        fresh = reference_facts(
            search, when=utc, horizon_days=30.0, chances=chances, p_no_offer=p_none, states=states
        )
        assert repr(reused) == repr(fresh)


@given(data=st.data(), search=searches(max_size=5))
def test_the_facts_at_each_step_of_a_history_equal_fresh_facts(
    data: st.DataObject, search: Search
) -> None:
    """The facts risk_history scores at each step are compute_facts' at that instant, to the bit."""
    first = data.draw(moments(search))
    step = dt.timedelta(seconds=data.draw(st.integers(1, 4 * 86_400)))
    count = data.draw(st.integers(1, 6))
    seen: list[tuple[dt.datetime, Facts]] = []
    compute = facts_from_census

    def recording(search: Search, **kwargs: Any) -> Facts:
        facts = compute(search, **kwargs)
        seen.append((kwargs["when"], facts))
        return facts

    with mock.patch.object(trajectory, "facts_from_census", recording):
        pc.risk_history(search, start=first, end=first + step * (count - 1), step=step)
    assert [when for when, _ in seen] == [
        (first + step * index).astimezone(dt.UTC) for index in range(count)
    ]
    for when, facts in seen:
        chances, p_none = _chances(search, when)
        fresh = pc.compute_facts(search, as_of=when, offer_chances=chances, p_no_offer=p_none)
        assert repr(facts) == repr(fresh)


_TIMESTAMPS = st.floats(-1e10, 1e10, allow_nan=False)


@given(st.data(), searches(max_size=5), instants())
def test_scoring_without_findings_equals_evaluate(
    data: st.DataObject, search: pc.Search, when: dt.datetime
) -> None:
    """A rule set's score-only path gives evaluate's score, level and finding ids, in order."""
    rules = pc.RuleSet.from_dict(data.draw(rule_configs()))
    report = pc.assess(search, as_of=when, rules=rules)
    score, level, ids = rules.score(report.facts)
    assert (report.score, report.level) == (score, level)
    assert tuple(finding.rule_id for finding in report.findings) == ids


@given(st.data(), searches(max_size=5), instants())
def test_a_built_in_rules_strength_is_its_firings(
    data: st.DataObject, search: pc.Search, when: dt.datetime
) -> None:
    """Each built-in rule's strength, given first, is the strength of the firing it builds."""
    rules = pc.RuleSet.from_dict(data.draw(rule_configs()))
    facts = pc.assess(search, as_of=when, rules=rules).facts
    for rule in rules.rules:
        if rule.id not in BUILTIN_RULES:
            continue
        lazy = rule.fire_lazily(facts)  # type: ignore[attr-defined]
        firing = rule.evaluate(facts)
        if lazy is None:
            assert firing is None
        else:
            strength, build = lazy
            assert firing == build()
            assert firing is not None
            assert strength == firing.strength


@st.composite
def windows(draw: st.DrawFn, search: pc.Search) -> tuple[dt.datetime, dt.timedelta, int]:
    """A start (often on or near an event), a step and a number of steps."""
    moments = [event.at for opportunity in search.opportunities for event in opportunity.events]
    near_an_event = draw(st.booleans())
    if moments and near_an_event:
        anchor = draw(st.sampled_from(moments))
        start = anchor - dt.timedelta(seconds=draw(st.sampled_from([0, 1, 3_600, 86_400 * 3])))
    else:
        start = draw(instants())
    step = dt.timedelta(seconds=draw(st.integers(1, 6 * 86_400)))
    return start, step, draw(st.integers(1, 6))


@given(st.data(), searches(max_size=4))
def test_history_with_a_drawn_rule_set_equals_assess(
    data: st.DataObject, search: pc.Search
) -> None:
    """With any rule set (configured, disabled, declarative rules), each point is assess's."""
    rules = pc.RuleSet.from_dict(data.draw(rule_configs()))
    start, step, count = data.draw(windows(search))
    history = pc.risk_history(
        search, start=start, end=start + step * (count - 1), step=step, rules=rules
    )
    for point in history:
        report = pc.assess(search, as_of=point.at, rules=rules)
        assert report.outlook is not None
        assert (report.score, report.level, report.outlook.p_any_offer) == (
            point.score,
            point.level,
            point.p_any_offer,
        )
        assert tuple(finding.rule_id for finding in report.findings) == point.findings


@given(st.data(), searches(max_size=4))
def test_change_points_hold_the_state_at_every_instant_from_the_start(
    data: st.DataObject, search: pc.Search
) -> None:
    """The states kept from the first step on are the opportunity's states at those instants."""
    start, step, count = data.draw(windows(search))
    for opportunity in search.opportunities:
        times, states = change_points(opportunity, start.timestamp())
        assert times[0] == float("-inf")
        assert all(start.timestamp() < ts for ts in times[1:])
        instants_ = [start + step * index for index in range(count)]
        instants_ += [dt.datetime.fromtimestamp(ts, dt.UTC) for ts in times[1:]]
        for when in instants_:
            position = max(i for i, ts in enumerate(times) if ts <= when.timestamp())
            assert states[position] == opportunity.state(when)


@given(_TIMESTAMPS, _TIMESTAMPS)
def test_business_days_between_placed_instants_equal_business_days(
    start: float, end: float
) -> None:
    """Placing each instant in its week once (per state, per step) changes no business-day count."""
    placed = business_days_between(week_position(start), week_position(end))
    assert placed == business_days(start, end)
    weeks, rest = divmod(start / 86_400 + 3.0, 7.0)  # Monday 1969-12-29 is day -3 of the epoch
    assert week_position(start) == (weeks, min(rest, 5.0))


# -- rules: a declarative rule's compiled predicate and the evidence walk ----------------------
#
# A declarative rule decides whether it fires with closures compiled from its condition
# (``DeclarativeRule.predicate``); the evidence of a firing comes from a walk over the same
# normal form. Both are made of the predicates the operators module builds from each
# operator's one meaning: one comparison as a closure, several as one loop. These check
# that the shapes never disagree.

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-5, max_value=50)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=5)
)
_VALUES = st.fixed_dictionaries(dict.fromkeys(FACTS, _SCALARS))


_THRESHOLDS = _SCALARS | st.tuples(_SCALARS) | st.lists(st.text(max_size=3), max_size=3).map(tuple)


@given(op=st.sampled_from(pc.Operator), value=_SCALARS, threshold=_THRESHOLDS)
def test_one_comparison_answers_alike_alone_and_in_a_loop(
    op: pc.Operator, value: Any, threshold: Any
) -> None:
    """``Operator.predicate`` and the ``all``/``any`` loop over one comparison agree."""
    values = {"fact": value}
    alone = op.predicate("fact", threshold)(values)
    assert alone == all_hold([("fact", op, threshold)])(values)
    assert alone == any_holds([("fact", op, threshold)])(values)
    assert alone == op.holds(value, threshold)


def _walk(rule: pc.DeclarativeRule, values: dict[str, Any]) -> bool:
    return collect_evidence(rule._normal_form, values, [])


@given(data=declarative_rules(), values=_VALUES)
def test_the_predicate_holds_exactly_when_the_walk_holds(
    data: dict[str, Any], values: dict[str, Any]
) -> None:
    """On any values (missing, mixed types, NaN), both answer the same."""
    rule = pc.DeclarativeRule.from_dict(data)
    assert _walk(rule, values) == rule.predicate(values)


def test_an_ordering_against_text_is_false_not_an_error() -> None:
    """``live < 3`` on a text value answers no, as Operator.holds does, instead of raising."""
    rule = pc.DeclarativeRule.from_dict(
        {
            "id": "few",
            "when": {"fact": "live", "op": "<", "value": 3},
            "message": "m",
            "action": "a",
        }
    )
    values = {"live": "many"}
    assert _walk(rule, values) is rule.predicate(values) is False


@pytest.mark.parametrize("combination", ["all", "any"])
def test_orderings_against_text_inside_a_combination_are_false(combination: str) -> None:
    """The one-loop ``all``/``any`` of comparisons answers no on a text value, as the walk does."""
    rule = pc.DeclarativeRule.from_dict(
        {
            "id": "few-or-many",
            "when": {
                combination: [
                    {"fact": "live", "op": "<", "value": 3},
                    {"fact": "live", "op": ">", "value": 10},
                ]
            },
            "message": "m",
            "action": "a",
        }
    )
    values = {"live": "many"}
    assert _walk(rule, values) is rule.predicate(values) is False


@given(data=declarative_rules(), search=searches(max_size=6), when=instants())
def test_the_public_predicate_says_whether_the_rule_fires(
    data: dict[str, Any], search: pc.Search, when: dt.datetime
) -> None:
    """On the facts of any search, ``predicate`` is true exactly when ``evaluate`` fires."""
    rule = pc.DeclarativeRule.from_dict(data)
    facts = pc.assess(search, as_of=when).facts
    assert (rule.evaluate(facts) is not None) == rule.predicate(facts.scalars())


@pytest.mark.parametrize(("live", "expected"), [(2, True), (0, False)])
def test_a_combination_of_combinations_answers_as_the_walk(live: int, expected: bool) -> None:  # noqa: FBT001
    """An ``all`` over an ``any`` and a comparison holds, or fails, in both paths alike."""
    rule = pc.DeclarativeRule.from_dict(
        {
            "id": "nested",
            "when": {
                "all": [
                    {
                        "any": [
                            {"fact": "live", "op": ">=", "value": 1},
                            {"fact": "won", "op": "==", "value": True},
                        ]
                    },
                    {"fact": "live", "op": "<", "value": 3},
                ]
            },
            "message": "m",
            "action": "a",
        }
    )
    values = {"live": live, "won": False}
    assert _walk(rule, values) is rule.predicate(values) is expected


# -- the outlook: named rows built at tuple cost, assess's unchecked work, kept states -------

horizons = st.floats(0.5, 400.0).map(lambda days: dt.timedelta(days=days))
DAY = 86_400.0


def exact(value: Any) -> Any:
    """The value with every float replaced by its hex form, so that == compares the bits."""
    if isinstance(value, float):
        return ("float", value.hex())
    if isinstance(value, tuple | list):
        return tuple(exact(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, exact(item)) for key, item in value.items())
    return value


@given(st.data(), searches(max_size=8), instants(), horizons)
def test_rows_built_at_tuple_cost_equal_the_named_tuple_constructors(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """make_record and make_row build what the keyword constructors build, of the same type."""
    model = data.draw(st.none() | outlook_models(pipeline=search.pipeline))
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    for row in outlook.rows:
        checked = OpportunityRow(**row._asdict())
        assert type(row) is OpportunityRow
        assert exact(row) == exact(checked)
        assert exact(make_row(tuple(row))) == exact(checked)
        record = make_record(tuple(row)[: len(OpportunityRecord._fields)])
        assert type(record) is OpportunityRecord
        assert record == OpportunityRecord(**record._asdict()) == row.record()


@given(searches(max_size=8), st.data())
def test_the_kept_states_are_the_replayed_states(search: pc.Search, data: st.DataObject) -> None:
    """search.states(as_of) equals a fresh replay up to as_of, the states kept or not yet."""
    stamps = sorted(event.at for opportunity in search for event in opportunity.events)
    choices = [instants(), st.sampled_from(stamps)] if stamps else [instants()]
    as_of = data.draw(st.one_of(*choices))
    if data.draw(st.booleans(), label="kept"):
        for opportunity in search:
            opportunity.state()
    expected = tuple(
        replay(
            opportunity.events,
            opportunity.pipeline,
            created_ts=None
            if opportunity.created_at is None
            else opportunity.created_at.timestamp(),
            until_ts=as_of.timestamp(),
        )
        for opportunity in search
    )
    assert search.states(as_of) == expected
    assert search.states(as_of) == tuple(opportunity.state(as_of) for opportunity in search)


@given(st.data(), searches(max_size=8), instants(), horizons)
def test_assess_equals_the_checked_path(
    data: st.DataObject, search: pc.Search, as_of: dt.datetime, horizon: dt.timedelta
) -> None:
    """assess gives the report the public, checking functions give, to the bit."""
    model = data.draw(st.none() | outlook_models(pipeline=search.pipeline))
    report = pc.assess(search, as_of=as_of, horizon=horizon, model=model)
    outlook = forecast(search, as_of=as_of, horizon=horizon, model=model)
    facts = compute_facts(
        search,
        as_of=as_of,
        horizon_days=horizon.total_seconds() / DAY,
        offer_chances=outlook.by_opportunity,
        p_no_offer=outlook.p_no_offer,
    )
    rules = pc.default_rules()
    score, level, findings = rules.evaluate(facts)
    expected = RiskReport(
        score=score,
        level=level,
        findings=findings,
        facts=facts,
        as_of=as_of,
        horizon=horizon,
        rules_identity=rules.identity,
        outlook=outlook,
    )
    assert report == expected
    assert exact(report.to_dict()) == exact(expected.to_dict())
