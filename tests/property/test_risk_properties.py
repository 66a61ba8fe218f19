"""Invariants of the risk engine, proven over generated searches and configurations."""

from __future__ import annotations

import datetime as dt
import html as html_module
import json
import math
import sys
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.facts import business_days, compute_facts
from pipeline_core.testing import (
    hostile_texts,
    instants,
    json_values,
    rule_configs,
    searches,
)

# -- the audit hook that proves loading a configuration runs nothing --------------------------

_WATCHING: list[bool] = [False]
_SEEN: list[str] = []
_FORBIDDEN_PREFIXES = (
    "exec",
    "compile",
    "import",
    "open",
    "os.",
    "subprocess.",
    "socket.",
    "shutil.",
    "ctypes.",
    "pickle.",
    "marshal.",
    "builtins.input",
    "code.",
)


def _audit(event: str, _args: tuple[Any, ...]) -> None:
    if _WATCHING[0] and event.startswith(_FORBIDDEN_PREFIXES):
        _SEEN.append(event)


sys.addaudithook(_audit)  # cannot be removed: it only records while _WATCHING is set


def _load_watched(config: object) -> pc.RuleSet | None:
    """Load a configuration while recording any code execution, import or I/O it causes."""
    _SEEN.clear()
    _WATCHING[0] = True
    try:
        return pc.RuleSet.from_dict(config)
    except pc.RuleConfigError:
        return None
    finally:
        _WATCHING[0] = False


# -- scores -----------------------------------------------------------------------------------


@given(searches(), instants())
def test_the_score_is_between_0_and_100(search: pc.Search, when: dt.datetime) -> None:
    """Whatever the search and the day, the score is in [0, 100]."""
    report = pc.assess(search, as_of=when)
    assert 0.0 <= report.score <= 100.0


@given(searches(), instants())
def test_the_same_input_gives_the_same_report(search: pc.Search, when: dt.datetime) -> None:
    """assess is a pure function: two calls, equal reports, equal plain data."""
    first = pc.assess(search, as_of=when)
    second = pc.assess(search, as_of=when)
    assert (first, first.to_dict()) == (second, second.to_dict())


@given(st.data())
def test_the_order_of_opportunities_changes_nothing(data: st.DataObject) -> None:
    """Shuffling the opportunities gives the same score, findings and facts."""
    search = data.draw(searches())
    when = data.draw(instants())
    shuffled = attrs.evolve(search, opportunities=data.draw(st.permutations(search.opportunities)))
    first, second = pc.assess(search, as_of=when), pc.assess(shuffled, as_of=when)
    assert (
        first.score,
        first.level,
        first.findings,
        dict(first.facts.scalars()),
        first.facts.stage_counts,
        set(first.facts.opportunities),
    ) == (
        second.score,
        second.level,
        second.findings,
        dict(second.facts.scalars()),
        second.facts.stage_counts,
        set(second.facts.opportunities),
    )


@given(searches(), instants(), st.sampled_from(list(pc.Source)))
def test_a_new_application_elsewhere_never_raises_the_score(
    search: pc.Search, when: dt.datetime, source: pc.Source
) -> None:
    """One more live opportunity, at a new organisation, applied at as_of: never riskier."""
    fresh = pc.Opportunity(
        id="zz-fresh-" + str(len(search)),
        organization="A brand new employer " + "x" * 40,
        title="Analyst",
        source=source,
        events=(pc.Applied(at=when),),
        pipeline=search.pipeline,
    )
    before = pc.assess(search, as_of=when).score
    after = pc.assess(search.add(fresh), as_of=when).score
    assert after <= before + 1e-9  # a rounding error's grace, no more


@given(st.data())
def test_with_the_outlooks_chances_a_new_application_never_raises_the_score(
    data: st.DataObject,
) -> None:
    """The same property once the outlook feeds chances to the facts, whatever the chances."""
    search = data.draw(searches())
    when = data.draw(instants())
    chance = st.floats(0.0, 1.0)
    chances = {o.id: data.draw(chance) for o in search.opportunities}
    fresh = pc.Opportunity(
        id="zz-fresh-" + str(len(search)),
        organization="A brand new employer " + "x" * 40,
        title="Analyst",
        source="job_board",
        events=(pc.Applied(at=when),),
        pipeline=search.pipeline,
    )
    rules = pc.default_rules()
    before, _, _ = rules.evaluate(compute_facts(search, as_of=when, offer_chances=chances))
    chances[fresh.id] = data.draw(chance)
    after, _, _ = rules.evaluate(
        compute_facts(search.add(fresh), as_of=when, offer_chances=chances)
    )
    assert after <= before + 1e-9  # a rounding error's grace, no more


@given(searches(), instants())
def test_scores_shares_and_principal_findings_agree(search: pc.Search, when: dt.datetime) -> None:
    """Shares add up to one, findings come strongest first, at most four are principal."""
    report = pc.assess(search, as_of=when)
    shares = [finding.share for finding in report.findings]
    assert shares == sorted(shares, reverse=True)
    assert len(report.principal) <= 4
    assert report.principal == report.findings[: len(report.principal)]
    if report.score > 0:
        assert math.isclose(1.0, sum(shares))
        assert math.isclose(report.score, sum(f.points for f in report.findings))


# -- evidence ---------------------------------------------------------------------------------


def _fact_value(facts: pc.Facts, evidence: pc.Evidence) -> object:
    if evidence.opportunity_id is None:
        return facts.value(evidence.fact)
    item = facts.opportunity(evidence.opportunity_id)
    assert item is not None
    return getattr(item, evidence.fact)


@given(searches(), instants())
def test_every_finding_is_backed_by_true_evidence(search: pc.Search, when: dt.datetime) -> None:
    """Each evidence item holds, and its value is the fact's real value."""
    report = pc.assess(search, as_of=when)
    for finding in report.findings:
        assert finding.evidence, finding.rule_id
        for evidence in finding.evidence:
            assert evidence.holds, (finding.rule_id, str(evidence))
            assert evidence.value == _fact_value(report.facts, evidence)


@given(st.data())
def test_declarative_rules_are_backed_by_true_evidence(data: st.DataObject) -> None:
    """Rules loaded from random configurations also fire only on evidence that holds."""
    rules = pc.RuleSet.from_dict(data.draw(rule_configs()))
    report = pc.assess(data.draw(searches()), as_of=data.draw(instants()), rules=rules)
    assert 0.0 <= report.score <= 100.0
    for finding in report.findings:
        assert all(evidence.holds for evidence in finding.evidence)


# -- facts ------------------------------------------------------------------------------------

_TYPES = {
    pc.FactType.INT: (int,),
    pc.FactType.FLOAT: (int, float),
    pc.FactType.BOOL: (bool,),
    pc.FactType.TEXT: (str,),
}


@given(searches(), instants())
def test_every_fact_has_its_registered_type(search: pc.Search, when: dt.datetime) -> None:
    """Registered types are honest: None only for optional facts, no bool posing as int."""
    for name, value in compute_facts(search, as_of=when).scalars().items():
        spec = pc.FACTS[name]
        if value is None:
            assert spec.optional, name
        else:
            assert type(value) in _TYPES[spec.type], (name, value)


@given(searches(), instants())
def test_counts_add_up(search: pc.Search, when: dt.datetime) -> None:
    """Every known opportunity is a prospect, live, closed or signed; live ones nest."""
    facts = compute_facts(search, as_of=when)
    assert facts.opportunities_known == (facts.prospects + facts.live + facts.closed + facts.signed)
    assert facts.live >= facts.live_advanced >= facts.live_late >= facts.late_pending
    assert len(facts.opportunities) == facts.live


@given(instants(), instants(), instants())
def test_business_days_add_up_and_stay_below_calendar_days(
    first: dt.datetime, second: dt.datetime, third: dt.datetime
) -> None:
    """Counting a to b and b to c is counting a to c; a week holds five business days."""
    a, b, c = sorted(t.timestamp() for t in (first, second, third))
    assert math.isclose(
        business_days(a, b) + business_days(b, c), business_days(a, c), abs_tol=1e-6
    )
    calendar = (c - a) / 86_400
    assert calendar * 5 / 7 - 2 <= business_days(a, c) <= calendar + 1e-9


# -- plain data -------------------------------------------------------------------------------


@given(searches(), instants(), st.integers(1, 400 * 86_400))
def test_reports_round_trip_through_json(
    search: pc.Search, when: dt.datetime, seconds: int
) -> None:
    """to_dict is JSON-safe and from_dict reads it back to an equal report."""
    report = pc.assess(search, as_of=when, horizon=dt.timedelta(seconds=seconds))
    assert report == pc.RiskReport.from_dict(json.loads(json.dumps(report.to_dict())))


@given(rule_configs())
def test_rule_sets_round_trip_through_plain_data(config: dict[str, Any]) -> None:
    """A loaded rule set writes plain data that loads back to an equal set and the same data."""
    rules = pc.RuleSet.from_dict(config)
    data = json.loads(json.dumps(rules.to_dict()))
    assert (rules, data) == (pc.RuleSet.from_dict(data), pc.RuleSet.from_dict(data).to_dict())


@st.composite
def _mutated_configs(draw: st.DrawFn) -> object:
    """A valid configuration with one node replaced by arbitrary JSON-like data."""
    config: Any = draw(rule_configs())
    paths: list[tuple[Any, ...]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        items = (
            node.items()
            if isinstance(node, dict)
            else enumerate(node)
            if isinstance(node, list)
            else ()
        )
        for key, child in items:
            walk(child, (*path, key))

    walk(config, ())
    path = draw(st.sampled_from(paths))
    junk = draw(json_values(max_leaves=6))
    if not path:
        return junk
    target = config
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = junk
    return config


@given(
    st.one_of(
        json_values(),
        st.dictionaries(st.sampled_from(["rules", "builtin", "scoring"]), json_values()),
        _mutated_configs(),
    )
)
def test_any_data_loads_or_raises_the_documented_error_and_runs_nothing(config: object) -> None:
    """from_dict builds a set or raises RuleConfigError, never anything else, never runs code."""
    _load_watched(config)
    assert [] == _SEEN


def test_the_audit_hook_would_see_code_running() -> None:
    """The watch above is real: running code while watching is recorded."""
    _SEEN.clear()
    _WATCHING[0] = True
    try:
        exec("1 + 1")  # noqa: S102 - proving the hook sees exec
    finally:
        _WATCHING[0] = False
    assert "exec" in _SEEN


# -- hostile strings --------------------------------------------------------------------------


@given(hostile_texts(), hostile_texts(), instants())
def test_html_contains_hostile_strings_only_escaped(
    organization: str, title: str, when: dt.datetime
) -> None:
    """Markup from users (organisations, titles, rule templates) never reaches the HTML raw."""
    opportunity = pc.Opportunity(
        id="x",
        organization=organization,
        title="Analyst",
        source="agency_recruiter",
        events=(
            pc.Applied(at=when - dt.timedelta(days=30)),
            pc.Advanced(at=when - dt.timedelta(days=20), stage="interviewing", round=1),
            pc.Signal(at=when - dt.timedelta(days=19), polarity="positive", note=title),
        ),
    )
    rules = pc.RuleSet.from_dict(
        {
            "rules": [
                {
                    "id": "hostile",
                    "title": title,
                    "when": {"fact": "live", "op": ">=", "value": 0},
                    "message": title.replace("$", "$$") + " ${top_organization}",
                    "action": title.replace("$", "$$"),
                }
            ]
        }
    )
    html = pc.assess(pc.Search(opportunities=(opportunity,)), as_of=when, rules=rules)._repr_html_()
    for hostile in (organization, title):
        # A raw "<" or ">" would be markup; "&" or a quote alone can occur in any escaped page.
        if any(char in hostile for char in "<>"):
            assert hostile not in html
    assert html_module.escape(organization) in html
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>" not in html
