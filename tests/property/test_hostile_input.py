"""
The reliability battery: hostile values at every path raise only the library's own errors.

Each case takes a valid document (or rule configuration), changes it at one path (a
value replaced by a hostile one, an unknown key added, a key removed) and reads it. The
read must either succeed (and round-trip) or raise a ``pc.PipelineError`` whose message
can be built; the caller's data must come back untouched. The ``ci`` and ``dev`` profiles
run a short battery; ``HYPOTHESIS_PROFILE=nightly`` runs the long one documented in
``docs/explanation/reliability.md``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, cast

import attrs
from hypothesis import event, given, settings
from hypothesis import strategies as st

import pipeline_core as pc
from pipeline_core.testing import hostile_values, interchange_documents, rule_configs, texts
from pipeline_core.testing.hostile import deeply_nested

Path = tuple[Any, ...]
AS_OF = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
SEARCH = pc.Search.from_dict(
    {
        "schema": 1,
        "opportunities": [
            {
                "id": "acme",
                "organization": "Acme",
                "title": "Analyst",
                "source": "referral",
                "events": [{"type": "applied", "at": "2026-10-01T09:00:00+00:00"}],
            }
        ],
    }
)


def _paths(value: object, path: Path = ()) -> Iterator[Path]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from _paths(item, (*path, position))


def _at(data: Any, path: Path) -> Any:
    for key in path:
        data = data[key]
    return data


@attrs.frozen
class Change:
    """One change of a document: a value replaced, a key added to an object, an item removed."""

    how: str  # "replace", "add" (``key`` to the object at ``path``) or "remove"
    path: Path
    value: Any = None
    key: str = ""


def _apply(change: Change, data: Any) -> tuple[Any, Callable[[], None]]:
    """Make the change (in place, unless at the root); return the data and how to undo it."""
    if change.how == "add":
        target = _at(data, change.path)
        had, old = change.key in target, target.get(change.key)
        target[change.key] = change.value

        def undo_add() -> None:
            if had:
                target[change.key] = old
            else:
                del target[change.key]

        return data, undo_add
    if not change.path:
        return change.value, lambda: None
    parent, slot = _at(data, change.path[:-1]), change.path[-1]
    old = parent[slot]
    if change.how == "replace":
        parent[slot] = change.value
        return data, lambda: parent.__setitem__(slot, old)
    del parent[slot]
    if isinstance(parent, list):
        return data, lambda: parent.insert(slot, old)
    return data, lambda: parent.__setitem__(slot, old)


@st.composite
def changes(draw: st.DrawFn, data: Any) -> Change:
    """A change somewhere in ``data``: most often a hostile value in place of a valid one."""
    path = draw(st.sampled_from(list(_paths(data))))
    hows = ["replace", "replace", "replace"]
    if path:
        hows.append("remove")
    if isinstance(_at(data, path), dict):
        hows.append("add")
    how = draw(st.sampled_from(hows))
    if how == "remove":
        return Change(how, path)
    key = draw(texts(max_size=8) | st.sampled_from(["a\u200b", "\ud800", "id", "type"]))
    return Change(how, path, draw(hostile_values()), key)


def _unchanged(value: Any) -> Callable[[], bool]:
    """A check that ``value`` (the hostile one) was not changed by the read."""
    if value is deeply_nested("list") or value is deeply_nested("dict"):
        return lambda: True  # shared by every case: the documents' checks cover it
    snapshot = copy.deepcopy(value)
    if snapshot != value:  # NaN, object(): a copy is never equal, so equality proves nothing
        return lambda: True
    return lambda: snapshot == value


def _read(read: Callable[[Any], object], data: Any, change: Change) -> object:
    """Apply the change, read, undo; report whether the read was typed or accepted."""
    before = copy.deepcopy(data)
    hostile_kept = _unchanged(change.value)
    changed, undo = _apply(change, data)
    try:
        result = read(changed)
    except pc.PipelineError as error:
        assert isinstance(str(error), str)
        assert isinstance(getattr(error, "path", ""), str)
        event(f"typed: {type(error).__name__}")
        result = None
    else:
        event("accepted")
    finally:
        undo()
    assert before == data
    assert hostile_kept()
    return result


@given(data=st.data(), document=interchange_documents(max_size=3, max_events=6))
def test_hostile_documents_raise_only_pipeline_errors(
    data: st.DataObject, document: dict[str, Any]
) -> None:
    """A document changed at any path is read, or refused with a typed error; it is untouched."""
    change = data.draw(changes(document))
    search = _read(pc.Search.from_dict, document, change)
    if isinstance(search, pc.Search):  # what was accepted round-trips
        assert search == pc.Search.from_dict(search.to_dict())


# Drawing a rule configuration costs about ten times a document: a fifth as many cases.
@settings(max_examples=max(10, settings().max_examples // 5))
@given(data=st.data(), config=rule_configs(max_rules=2))
def test_hostile_rule_configs_raise_only_pipeline_errors(
    data: st.DataObject, config: dict[str, Any]
) -> None:
    """A rule configuration changed at any path loads, or is refused with a typed error."""
    change = data.draw(changes(config))
    rules = _read(pc.RuleSet.from_dict, config, change)
    if isinstance(rules, pc.RuleSet):
        assert rules.to_dict() == pc.RuleSet.from_dict(rules.to_dict()).to_dict()


_RULE_PARAMETERS = [
    (rule.id, field.name)
    for rule in pc.default_rules().rules
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(rule)))
    if field.init and not field.name.startswith("_") and field.name != "id"
]


_NAMES = {
    rule_id: {n for r, n in _RULE_PARAMETERS if r == rule_id} for rule_id, _ in _RULE_PARAMETERS
}


@given(parameter=st.sampled_from(_RULE_PARAMETERS), value=hostile_values())
def test_hostile_rule_parameters_raise_only_pipeline_errors(
    parameter: tuple[str, str], value: object
) -> None:
    """``RuleSet.configure`` with a hostile parameter value raises only typed errors."""
    rule_id, name = parameter
    try:
        pc.default_rules().configure(rule_id, **{name: value})
    except pc.PipelineError as error:
        event(f"typed: {type(error).__name__}")
        # The error names the parameter, or the one it must agree with (days < full_days).
        assert error.path in _NAMES[rule_id]  # type: ignore[attr-defined]
    else:
        event("accepted")


_CALLS: dict[str, Callable[[Any], object]] = {
    "Goals(min_live=)": lambda v: pc.Goals(min_live=v),
    "Goals(weekly_applications=)": lambda v: pc.Goals(weekly_applications=v),
    "Goals(offer_by=)": lambda v: pc.Goals(offer_by=v),
    "Applied(at=)": lambda v: pc.Applied(at=v),
    "Applied(note=)": lambda v: pc.Applied(at=AS_OF, note=v),
    "Advanced(round=)": lambda v: pc.Advanced(at=AS_OF, stage="screening", round=v),
    "Opportunity(id=)": lambda v: pc.Opportunity(
        id=v, organization="Acme", title="Analyst", source="referral"
    ),
    "SalaryRange(minimum=)": lambda v: pc.SalaryRange(minimum=v),
    "Stage(p_advance=)": lambda v: pc.Stage(name="applied", kind="applied", p_advance=v),
    "Stage(response_days=)": lambda v: pc.Stage(name="applied", kind="applied", response_days=v),
    "StageFigures(p_advance=)": lambda v: pc.StageFigures(name="applied", p_advance=v),
    "assess(as_of=)": lambda v: pc.assess(SEARCH, as_of=v),
    "assess(horizon=)": lambda v: pc.assess(SEARCH, as_of=AS_OF, horizon=v),
}


@given(call=st.sampled_from(sorted(_CALLS)), value=hostile_values())
def test_hostile_arguments_raise_only_pipeline_errors(call: str, value: object) -> None:
    """Constructors and entry points given a hostile argument raise only typed errors."""
    try:
        _CALLS[call](value)
    except pc.PipelineError as error:
        event(f"typed: {type(error).__name__}")
        assert isinstance(str(error), str)
    else:
        event("accepted")
