"""Rule sets: composing, configuring, loading from plain data, declarative rules, identity."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from typing import Any

import attrs
import pytest

import pipeline_core as pc
from pipeline_core.facts import compute_facts
from pipeline_core.rules import MAX_CONDITIONS, MAX_DEPTH, MAX_RULES

MONDAY = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
BASE = compute_facts(pc.Search(), as_of=MONDAY)


def facts(**changes: Any) -> pc.Facts:
    return attrs.evolve(BASE, **changes)


@attrs.frozen(kw_only=True)
class FewOffers:
    """A custom rule in Python: fires while no offer is on the table."""

    id: str = "few-offers"
    title: str = "No offer yet"
    weight: float = 1.0
    overlaps: frozenset[str] = frozenset()
    strength: float = 1.0

    def evaluate(self, facts: pc.Facts) -> pc.Firing | None:
        if facts.verbal_offers + facts.written_offers > 0:
            return None
        return pc.Firing(
            strength=self.strength,
            message="No offer yet.",
            action="Keep going.",
            evidence=(pc.Evidence(fact="written_offers", op="==", value=0, threshold=0),),
        )


class Plain:
    """A rule that is not an attrs class: it runs, but cannot be configured."""

    id = "plain"
    title = "Plain"
    weight = 1.0
    overlaps: frozenset[str] = frozenset()

    def evaluate(self, facts: pc.Facts) -> pc.Firing | None:  # noqa: ARG002
        return None


def rule(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "no-interviews",
        "when": {"fact": "live_advanced", "op": "==", "value": 0},
        "message": "${live} out, no interview.",
        "action": "Ask for referrals.",
    }
    data.update(changes)
    return data


def declarative(**changes: Any) -> pc.DeclarativeRule:
    return pc.DeclarativeRule.from_dict(rule(**changes))


# -- the default set --------------------------------------------------------------------------


def test_default_rules_are_the_catalog_all_enabled() -> None:
    """The ten built-in rules, in catalog order, none disabled."""
    rules = pc.default_rules()
    assert (tuple(pc.BUILTIN_RULES), frozenset()) == (rules.ids, rules.disabled)


def test_an_empty_config_is_the_default_set() -> None:
    """from_dict({}) equals default_rules()."""
    assert pc.default_rules() == pc.RuleSet.from_dict({})


def test_identity_is_the_sha256_of_the_canonical_configuration() -> None:
    """Anyone can recompute the identity from to_dict's output."""
    text = json.dumps(pc.default_rules().to_dict(), sort_keys=True, separators=(",", ":"))
    # Integral floats are written as integers in the canonical form.
    text = text.replace(".0,", ",").replace(".0}", "}").replace(".0]", "]")
    assert "sha256:" + hashlib.sha256(text.encode()).hexdigest() == pc.default_rules().identity


def test_two_and_two_point_zero_are_the_same_configuration() -> None:
    """Numbers that are equal give equal identities, whatever their JSON spelling."""
    as_int = pc.RuleSet.from_dict({"builtin": {"search-stalled": {"weight": 2}}})
    as_float = pc.RuleSet.from_dict({"builtin": {"search-stalled": {"weight": 2.0}}})
    assert (as_int.identity, hash(as_int)) == (as_float.identity, hash(as_float))


def test_the_order_of_declarative_rules_does_not_change_the_identity() -> None:
    """Evaluation does not depend on order, so neither does the identity."""
    first, second = rule(id="one"), rule(id="two")
    assert pc.RuleSet.from_dict({"rules": [first, second]}) == pc.RuleSet.from_dict(
        {"rules": [second, first]}
    )


def test_a_rule_set_is_not_equal_to_other_things() -> None:
    """Equality is between rule sets only."""
    assert pc.default_rules() != pc.default_rules().to_dict()


# -- changes ----------------------------------------------------------------------------------


def test_disable_and_enable() -> None:
    """A disabled rule is kept but does not run; enabling it brings it back."""
    disabled = pc.default_rules().disable("sunk-weeks")
    assert (False, True, pc.default_rules()) == (
        disabled.is_enabled("sunk-weeks"),
        disabled.is_enabled("search-stalled"),
        disabled.enable("sunk-weeks"),
    )


def test_a_disabled_rule_does_not_fire() -> None:
    """With single-basket disabled, an empty search has no finding from it."""
    _, _, findings = pc.default_rules().disable("single-basket").evaluate(BASE)
    assert "single-basket" not in [f.rule_id for f in findings]


@pytest.mark.parametrize("method", ["disable", "enable"])
def test_switching_an_unknown_rule_is_refused(method: str) -> None:
    """Typos in ids are errors, not silent no-ops."""
    with pytest.raises(pc.RuleConfigError) as caught:
        getattr(pc.default_rules(), method)("sunk-week")
    assert "rule_id" == caught.value.path


def test_configure_changes_a_builtin_parameter() -> None:
    """configure() evolves the rule and validates the value."""
    rules = pc.default_rules().configure("search-stalled", days=10, weight=2)
    assert pc.SearchStalled(days=10, weight=2) == rules.get("search-stalled")


def test_configure_validates_values() -> None:
    """A value out of range is the rule's own error."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.default_rules().configure("search-stalled", days=-1)
    assert "days" == caught.value.path


@pytest.mark.parametrize("name", ["nope", "id"])
def test_configure_refuses_unknown_parameters(name: str) -> None:
    """Only the rule's parameters can be set (and never its id)."""
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.default_rules().configure("search-stalled", **{name: 1})
    assert name == caught.value.path


def test_configure_works_for_declarative_and_attrs_rules() -> None:
    """Weights of any attrs rule can be changed."""
    rules = pc.default_rules().with_rule(declarative()).with_rule(FewOffers())
    changed = rules.configure("no-interviews", weight=3).configure("few-offers", weight=4)
    assert (3, 4) == (changed.get("no-interviews").weight, changed.get("few-offers").weight)


def test_configure_refuses_a_rule_that_is_not_attrs() -> None:
    """A plain class cannot be evolved."""
    with pytest.raises(pc.RuleConfigError):
        pc.default_rules().with_rule(Plain()).configure("plain", weight=2)


def test_with_rule_adds_a_python_rule_that_runs() -> None:
    """A custom rule fires like a built-in one."""
    _, _, findings = pc.default_rules().with_rule(FewOffers()).evaluate(BASE)
    assert "few-offers" in [f.rule_id for f in findings]


def test_with_rule_refuses_a_duplicate_id() -> None:
    """Ids are unique in a set."""
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.default_rules().with_rule(FewOffers()).with_rule(FewOffers())
    assert "rules[11].id" == caught.value.path


@pytest.mark.parametrize("bad_id", ["Few", "few offers", "-few", "few-", "few--offers", "4few"])
def test_rule_ids_are_lowercase_words_and_dashes(bad_id: str) -> None:
    """Ids are stable identifiers, checked when the rule joins a set."""
    with pytest.raises(pc.RuleConfigError):
        pc.default_rules().with_rule(FewOffers(id=bad_id))


def test_with_rule_refuses_a_non_rule() -> None:
    """An object without the protocol's members is not a rule."""
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.default_rules().with_rule("single-basket")  # type: ignore[arg-type]
    assert "rules[10]" == caught.value.path


def test_a_python_rule_with_an_absurd_weight_is_refused() -> None:
    """Weights are in [0, 100] for every rule."""
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.default_rules().with_rule(FewOffers(weight=1e9))
    assert "rules[10].weight" == caught.value.path


def test_replace_swaps_a_rule() -> None:
    """replace() keeps the position and the id."""
    rules = pc.default_rules().replace(pc.SunkWeeks(days=21))
    assert (pc.SunkWeeks(days=21), rules.ids) == (rules.get("sunk-weeks"), pc.default_rules().ids)


def test_replace_refuses_an_unknown_id() -> None:
    """Only an existing rule can be replaced."""
    with pytest.raises(pc.RuleConfigError):
        pc.default_rules().replace(FewOffers())


def test_without_removes_a_custom_rule_and_its_switch() -> None:
    """A removed rule leaves no trace, not even in the disabled set."""
    rules = pc.default_rules().with_rule(FewOffers()).disable("few-offers")
    assert pc.default_rules() == rules.without("few-offers")


def test_builtin_rules_are_disabled_not_removed() -> None:
    """The catalog is always complete."""
    with pytest.raises(pc.RuleConfigError):
        pc.default_rules().without("sunk-weeks")


def test_with_scoring() -> None:
    """Scoring is part of the set (and of its identity)."""
    rules = pc.default_rules().with_scoring(pc.Scoring(method="capped"))
    assert (rules.scoring.method, rules == pc.default_rules()) == (pc.ScoringMethod.CAPPED, False)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"rules": 5}, pc.WrongTypeError),
        ({"rules": (), "disabled": "sunk-weeks"}, pc.WrongTypeError),
        ({"rules": (), "disabled": {"sunk-weeks"}}, pc.RuleConfigError),
        ({"rules": (), "scoring": "capped"}, pc.WrongTypeError),
    ],
)
def test_bad_rule_set_arguments(options: dict[str, Any], error: type[Exception]) -> None:
    """Wrong types and unknown disabled ids are errors of the family."""
    with pytest.raises(error):
        pc.RuleSet(**options)


def test_an_empty_rule_set_scores_zero() -> None:
    """With no rules nothing fires."""
    score, level, findings = pc.RuleSet(rules=()).evaluate(BASE)
    assert (score, level, findings) == (0.0, pc.RiskLevel.LOW, ())


def test_a_rule_returning_nonsense_is_reported() -> None:
    """A custom rule's strength outside [0, 1] is caught when it runs."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.RuleSet(rules=(FewOffers(strength=2.0),)).evaluate(BASE)
    assert "rules['few-offers']" == caught.value.path


def test_a_zero_strength_firing_is_not_a_finding() -> None:
    """Strength 0 means the rule did not fire."""
    _, _, findings = pc.RuleSet(rules=(FewOffers(strength=0.0),)).evaluate(BASE)
    assert () == findings


# -- plain data -------------------------------------------------------------------------------


def test_to_dict_writes_every_builtin_in_full() -> None:
    """Each built-in is written with enabled and all its parameters."""
    data = pc.default_rules().disable("sunk-weeks").to_dict()
    assert (
        {"enabled": False, "days": 14.0, "full_days": 28.0, "weight": 2.0},
        10,
    ) == (data["builtin"]["sunk-weeks"], len(data["builtin"]))


def test_from_dict_reads_back_what_to_dict_wrote() -> None:
    """A round trip gives an equal set, and the same plain data."""
    rules = pc.RuleSet.from_dict(
        {
            "builtin": {
                "search-stalled": {"days": 10, "weight": 2},
                "sunk-weeks": {"enabled": False},
            },
            "rules": [
                rule(
                    enabled=False,
                    overlaps=["search-stalled"],
                    strength={"fact": "live", "from": 10, "to": 0},
                )
            ],
            "scoring": {"method": "capped", "scale": 10, "levels": [20, 40, 60]},
        }
    )
    data = rules.to_dict()
    assert (rules, data) == (pc.RuleSet.from_dict(data), pc.RuleSet.from_dict(data).to_dict())


def test_a_set_missing_a_builtin_writes_it_disabled() -> None:
    """A set built in Python without some built-ins reads back with them disabled."""
    rules = pc.RuleSet(rules=(pc.SingleBasket(),))
    back = pc.RuleSet.from_dict(rules.to_dict())
    assert (rules, False) == (back, back.is_enabled("sunk-weeks"))


def test_python_rules_have_no_plain_data_form() -> None:
    """to_dict refuses rather than lose a rule."""
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.default_rules().with_rule(FewOffers()).to_dict()
    assert ["few-offers"] == caught.value.received


def test_python_rules_enter_the_identity() -> None:
    """Adding a Python rule, or changing its parameters, changes the identity."""
    one = pc.default_rules().with_rule(FewOffers())
    two = pc.default_rules().with_rule(FewOffers(weight=2))
    assert 3 == len({pc.default_rules().identity, one.identity, two.identity})


def test_to_dict_is_a_copy() -> None:
    """Changing the returned data does not change the set."""
    rules = pc.default_rules()
    data = rules.to_dict()
    data["builtin"]["sunk-weeks"]["enabled"] = False
    assert rules.is_enabled("sunk-weeks")


def _nested(depth: int) -> dict[str, Any]:
    condition: dict[str, Any] = {"fact": "live", "op": "<", "value": 1}
    for _ in range(depth):
        condition = {"not": condition}
    return condition


BAD_CONFIGS: list[tuple[Any, str]] = [
    ([], ""),
    ({"rulez": []}, "rulez"),
    ({1: []}, ""),
    ({"builtin": []}, "builtin"),
    ({"builtin": {"stalled": {}}}, "builtin.stalled"),
    ({"builtin": {"search-stalled": {"dayz": 3}}}, "builtin.search-stalled.dayz"),
    ({"builtin": {"search-stalled": {"days": "3"}}}, "builtin.search-stalled.days"),
    ({"builtin": {"search-stalled": {"days": True}}}, "builtin.search-stalled.days"),
    ({"builtin": {"search-stalled": {"days": 30}}}, "builtin.search-stalled.full_days"),
    ({"builtin": {"search-stalled": {"enabled": "no"}}}, "builtin.search-stalled.enabled"),
    ({"builtin": {"single-basket": {"min_live": 2.5}}}, "builtin.single-basket.min_live"),
    ({"scoring": {"method": "mean"}}, "scoring.method"),
    ({"scoring": {"levels": [1, 2, 3, 4]}}, "scoring.levels"),
    ({"scoring": {"levels": [1, 2, "3"]}}, "scoring.levels[2]"),
    ({"scoring": {"scale": -1}}, "scoring.scale"),
    ({"scoring": {"bias": 1}}, "scoring.bias"),
    ({"rules": {}}, "rules"),
    ({"rules": [rule()] * (MAX_RULES + 1)}, "rules"),
    ({"rules": [rule(), rule()]}, "rules[1].id"),
    ({"rules": ["x"]}, "rules[0]"),
    ({"rules": [rule(id="single-basket")]}, "rules[0].id"),
    ({"rules": [rule(id="Bad Id")]}, "rules[0].id"),
    ({"rules": [rule(extra=1)]}, "rules[0].extra"),
    ({"rules": [{"id": "x"}]}, "rules[0].action"),
    ({"rules": [rule(title="")]}, "rules[0].title"),
    ({"rules": [rule(weight=101)]}, "rules[0].weight"),
    ({"rules": [rule(weight=float("inf"))]}, "rules[0].weight"),
    ({"rules": [rule(enabled=1)]}, "rules[0].enabled"),
    ({"rules": [rule(overlaps="search-stalled")]}, "rules[0].overlaps"),
    ({"rules": [rule(overlaps=["Bad"])]}, "rules[0].overlaps[0]"),
    ({"rules": [rule(overlaps=["nothing-here"])]}, "rules[0].overlaps"),
    ({"rules": [rule(message="${live")]}, "rules[0].message"),
    ({"rules": [rule(message="costs $5")]}, "rules[0].message"),
    ({"rules": [rule(message="${__class__}")]}, "rules[0].message"),
    ({"rules": [rule(action="$live_count")]}, "rules[0].action"),
    ({"rules": [rule(message="{0.__class__}" * 200)]}, "rules[0].message"),
    (
        {"rules": [rule(strength={"fact": "favourite", "from": 0, "to": 1})]},
        "rules[0].strength.fact",
    ),
    ({"rules": [rule(strength={"fact": "live", "from": 1, "to": 1})]}, "rules[0].strength.to"),
    ({"rules": [rule(strength={"fact": "live", "from": 0})]}, "rules[0].strength.to"),
    ({"rules": [rule(strength={"fact": "live", "from": "0", "to": 1})]}, "rules[0].strength.from"),
    ({"rules": [rule(when=[])]}, "rules[0].when"),
    ({"rules": [rule(when={"fact": "__class__", "op": "==", "value": 1})]}, "rules[0].when.fact"),
    ({"rules": [rule(when={"fact": "live", "op": "=~", "value": 1})]}, "rules[0].when.op"),
    ({"rules": [rule(when={"fact": "live", "op": 1, "value": 1})]}, "rules[0].when.op"),
    ({"rules": [rule(when={"fact": "live", "op": "<"})]}, "rules[0].when.value"),
    ({"rules": [rule(when={"fact": "live", "op": "<", "value": "3"})]}, "rules[0].when.value"),
    ({"rules": [rule(when={"fact": "live", "op": "<", "value": True})]}, "rules[0].when.value"),
    ({"rules": [rule(when={"fact": "live", "op": "in", "value": [1]})]}, "rules[0].when.op"),
    ({"rules": [rule(when={"fact": "live", "op": "is null"})]}, "rules[0].when.op"),
    ({"rules": [rule(when={"fact": "won", "op": "<", "value": 1})]}, "rules[0].when.op"),
    ({"rules": [rule(when={"fact": "won", "op": "==", "value": 1})]}, "rules[0].when.value"),
    ({"rules": [rule(when={"fact": "favourite", "op": "<", "value": "a"})]}, "rules[0].when.op"),
    ({"rules": [rule(when={"fact": "favourite", "op": "in", "value": []})]}, "rules[0].when.value"),
    (
        {"rules": [rule(when={"fact": "favourite", "op": "in", "value": ["a", 1]})]},
        "rules[0].when.value[1]",
    ),
    (
        {"rules": [rule(when={"fact": "favourite", "op": "is null", "value": None})]},
        "rules[0].when.value",
    ),
    ({"rules": [rule(when={"fact": "live", "op": "<", "value": 1, "x": 1})]}, "rules[0].when.x"),
    ({"rules": [rule(when={"all": []})]}, "rules[0].when.all"),
    ({"rules": [rule(when={"any": {}})]}, "rules[0].when.any"),
    ({"rules": [rule(when={"all": [], "any": []})]}, "rules[0].when.any"),
    ({"rules": [rule(when={"not": {"fact": "x"}})]}, "rules[0].when.not.op"),
    ({"rules": [rule(when=_nested(MAX_DEPTH))]}, "rules[0].when" + ".not" * MAX_DEPTH),
    (
        {"rules": [rule(when={"any": [{"all": [_nested(0)] * 30}] * 3})]},
        "rules[0].when.any[2].all[0]",
    ),
]


@pytest.mark.parametrize(("config", "path"), BAD_CONFIGS)
def test_bad_configs_are_refused_with_their_path(config: Any, path: str) -> None:
    """Every problem is a RuleConfigError (a PipelineError and a ValueError) naming its path."""
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.RuleSet.from_dict(copy.deepcopy(config))
    assert (path, True) == (caught.value.path, isinstance(caught.value, ValueError))


def test_a_rule_may_use_its_whole_condition_budget() -> None:
    """Exactly MAX_CONDITIONS nodes load: any + all of 31 leaves + all of 30 leaves."""
    when = {"any": [{"all": [_nested(0)] * 31}, {"all": [_nested(0)] * 30}]}
    assert 64 == MAX_CONDITIONS
    assert pc.RuleSet.from_dict({"rules": [rule(when=when)]}).is_enabled("no-interviews")


# -- declarative rules ------------------------------------------------------------------------


def test_a_declarative_rule_fires_with_evidence_and_a_rendered_message() -> None:
    """The condition's comparison is the evidence; ${live} is replaced by its value."""
    expected = pc.Firing(
        strength=1.0,
        message="4 out, no interview.",
        action="Ask for referrals.",
        evidence=(pc.Evidence(fact="live_advanced", op="==", value=0, threshold=0),),
    )
    assert expected == declarative().evaluate(facts(live=4))


def test_a_declarative_rule_that_does_not_hold_is_silent() -> None:
    """live_advanced == 0 fails with one in an interview."""
    assert declarative().evaluate(facts(live_advanced=1)) is None


def test_all_needs_every_condition_and_keeps_all_evidence() -> None:
    """Both comparisons hold: both are evidence."""
    when = {
        "all": [
            {"fact": "live", "op": ">=", "value": 2},
            {"fact": "live_advanced", "op": "<", "value": 1},
        ]
    }
    firing = declarative(when=when).evaluate(facts(live=3))
    assert firing is not None
    assert ["live", "live_advanced"] == [e.fact for e in firing.evidence]


def test_all_fails_when_one_condition_fails() -> None:
    """One failing comparison and the rule is silent."""
    when = {
        "all": [
            {"fact": "live", "op": ">=", "value": 2},
            {"fact": "live_advanced", "op": ">", "value": 1},
        ]
    }
    assert declarative(when=when).evaluate(facts(live=3)) is None


def test_any_keeps_the_evidence_of_what_held() -> None:
    """Of two alternatives, only the one that held is evidence."""
    when = {
        "any": [
            {"fact": "live", "op": ">=", "value": 9},
            {"fact": "live_advanced", "op": "==", "value": 0},
        ]
    }
    firing = declarative(when=when).evaluate(facts(live=3))
    assert firing is not None
    assert ["live_advanced"] == [e.fact for e in firing.evidence]


def test_any_fails_when_nothing_holds() -> None:
    """No alternative held: silent."""
    when = {"any": [{"fact": "live", "op": ">=", "value": 9}]}
    assert declarative(when=when).evaluate(facts(live=3)) is None


def test_not_is_pushed_down_to_the_comparisons() -> None:
    """not (live < 2) holds as live >= 2, and the evidence says >=."""
    when = {"not": {"all": [{"fact": "live", "op": "<", "value": 2}]}}
    firing = declarative(when=when).evaluate(facts(live=3))
    assert firing is not None
    assert [pc.Evidence(fact="live", op=">=", value=3, threshold=2)] == list(firing.evidence)


def test_not_any_is_all_not() -> None:
    """not (a or b) needs both negations."""
    when = {
        "not": {
            "any": [
                {"fact": "live", "op": "<", "value": 2},
                {"fact": "won", "op": "==", "value": True},
            ]
        }
    }
    firing = declarative(when=when).evaluate(facts(live=3))
    assert firing is not None
    assert ["live", "won"] == [e.fact for e in firing.evidence]


def test_a_comparison_with_a_null_fact_is_false_even_negated() -> None:
    """Unknown is neither above nor below: use 'is null' to test for it."""
    above = declarative(when={"fact": "days_since_last_application", "op": ">", "value": 7})
    not_above = declarative(
        when={"not": {"fact": "days_since_last_application", "op": ">", "value": 7}}
    )
    assert (None, None) == (above.evaluate(BASE), not_above.evaluate(BASE))


def test_is_null_tests_for_a_missing_fact() -> None:
    """No application yet: days_since_last_application is null."""
    firing = declarative(when={"fact": "days_since_last_application", "op": "is null"}).evaluate(
        BASE
    )
    assert firing is not None
    assert "days_since_last_application is null" == str(firing.evidence[0])


def test_text_facts_compare_with_in() -> None:
    """top_industry in a list of industries."""
    when = {"fact": "top_industry", "op": "in", "value": ["finance", "software"]}
    assert declarative(when=when).evaluate(facts(top_industry="software")) is not None


def test_a_ramp_grades_the_strength() -> None:
    """Strength from live 10 (0) to live 0 (1): live 4 is 0.6, and ${strength} shows it."""
    rule_ = declarative(
        strength={"fact": "live", "from": 10, "to": 0}, message="strength ${strength}; $$5 fee"
    )
    firing = rule_.evaluate(facts(live=4))
    assert firing is not None
    expected = (0.6, "strength 0.6; $5 fee")
    assert expected == (round(firing.strength, 9), firing.message)


def test_a_ramp_over_a_null_fact_is_full_strength() -> None:
    """The condition held; with nothing to grade by, the strength is 1."""
    rule_ = declarative(strength={"fact": "days_since_last_application", "from": 0, "to": 7})
    firing = rule_.evaluate(facts())
    assert firing is not None
    assert 1.0 == firing.strength


def test_a_ramp_below_its_start_gives_no_finding() -> None:
    """Strength 0 is not a finding when the set evaluates it."""
    rules = pc.default_rules().with_rule(
        declarative(strength={"fact": "live", "from": 10, "to": 20})
    )
    _, _, findings = rules.evaluate(facts(live=3))
    assert "no-interviews" not in [f.rule_id for f in findings]


def test_template_values_are_inserted_not_interpreted() -> None:
    """A fact's text that looks like a placeholder stays text."""
    rule_ = declarative(
        when={"fact": "live", "op": ">=", "value": 0}, message="Top: ${top_organization}"
    )
    firing = rule_.evaluate(facts(top_organization="${live} {0.__class__}"))
    assert firing is not None
    assert "Top: ${live} {0.__class__}" == firing.message


def test_a_declarative_rule_can_overlap_a_builtin() -> None:
    """Overlapping single-basket, the weaker of the two counts for nothing."""
    rules = pc.RuleSet.from_dict({"rules": [rule(overlaps=["single-basket"], weight=0.5)]})
    _, _, findings = rules.evaluate(facts(live=4))
    ours = next(f for f in findings if f.rule_id == "no-interviews")
    assert ("single-basket", 0.0) == (ours.covered_by, ours.share)


def test_a_declarative_rule_round_trips() -> None:
    """to_dict writes the normalised form that from_dict reads back."""
    original = declarative(
        when={
            "any": [
                {"not": {"fact": "favourite", "op": "is null"}},
                {"fact": "top_industry", "op": "not in", "value": ["a"]},
            ]
        },
        strength={"fact": "live", "from": 0, "to": 5},
        overlaps=["momentum-drop"],
    )
    assert original == pc.DeclarativeRule.from_dict(original.to_dict())


def test_a_declarative_rule_defaults_its_title_and_weight() -> None:
    """No title: the id; no weight: 1."""
    assert ("no-interviews", 1.0) == (declarative().title, declarative().weight)
