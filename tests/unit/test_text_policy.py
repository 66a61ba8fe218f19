"""The text policy: names hold visible characters in NFC, free text no controls but line breaks."""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from typing import Any

import pytest

import pipeline_core as pc
from pipeline_core.testing.samples import sample_search

AT = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)

REFUSED_IN_NAMES = {
    "NUL": "a\x00b",
    "escape": "a\x1bb",
    "DEL": "a\x7fb",
    "C1 control": "a\x85b",
    "tab": "a\tb",
    "newline": "a\nb",
    "lone surrogate": "a\ud800b",
    "right-to-left override": "a\u202eb",
    "left-to-right isolate": "a\u2066b",
    "zero-width space": "a\u200b",
    "zero-width joiner": "a\u200db",
    "zero-width non-joiner": "a\u200cb",
    "word joiner": "a\u2060b",
    "byte order mark": "\ufeffa",
    "soft hyphen": "a\u00adb",
    "right-to-left mark": "a\u200fb",
    "line separator": "a\u2028b",
    "paragraph separator": "a\u2029b",
    "decomposed accent (not NFC)": "Cafe\u0301",
}

REFUSED_IN_FREE_TEXT = {
    "NUL": "a\x00b",
    "escape": "a\x1bb",
    "C1 control": "a\x85b",
    "lone surrogate": "\udfff",
    "right-to-left override": "price \u202e001",
    "pop directional isolate": "a\u2069b",
}

ACCEPTED_IN_NAMES = {
    "accents": "Société Générale",
    "CJK": "株式会社",
    "emoji": "rocket 🚀",
    "no-break space": "Acme\u00a0Inc",
    "right-to-left script": "شركة",
    "private use": "\ue000",
}

ACCEPTED_IN_FREE_TEXT = {
    "line breaks and tabs": "first line\nsecond\r\n\tindented",
    "emoji with a joiner": "team 👩\u200d💻",
    "soft hyphen": "co\u00adoperation",
    "decomposed accent": "Cafe\u0301 (as typed)",
}


def _document() -> dict[str, Any]:
    return sample_search().to_dict()


@pytest.mark.parametrize("text", REFUSED_IN_NAMES.values(), ids=REFUSED_IN_NAMES.keys())
@pytest.mark.parametrize("key", ["id", "organization", "title", "location"])
def test_names_refuse_invisible_and_broken_characters(text: str, key: str) -> None:
    """An id or name with a character a reader cannot see is refused, with its path."""
    data = _document()
    data["opportunities"][0][key] = text
    before = copy.deepcopy(data)
    with pytest.raises(pc.DecodeError) as caught:
        pc.Search.from_dict(data)
    assert (f"opportunities[0].{key}", text, before) == (
        caught.value.path,
        caught.value.received,
        data,
    )


@pytest.mark.parametrize("text", REFUSED_IN_NAMES.values(), ids=REFUSED_IN_NAMES.keys())
def test_constructors_apply_the_same_policy(text: str) -> None:
    """Building an opportunity directly refuses what the decoder refuses."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Opportunity(id=text, organization="Acme", title="Analyst", source="referral")
    assert caught.value.path == "id"


def test_ids_that_differ_only_by_an_invisible_character_cannot_both_exist() -> None:
    """``"a"`` and ``"a\\u200b"`` are not two ids: the second is refused."""
    pc.Opportunity(id="a", organization="Acme", title="Analyst", source="referral")
    with pytest.raises(pc.InvalidValueError, match="U\\+200B ZERO WIDTH SPACE"):
        pc.Opportunity(id="a\u200b", organization="Acme", title="Analyst", source="referral")


def test_a_name_not_in_nfc_is_refused_not_rewritten() -> None:
    """A decomposed name is refused with the way to fix it; an NFC one is kept as it is."""
    decomposed = "Cafe\u0301"
    with pytest.raises(pc.InvalidValueError, match="NFC") as caught:
        pc.Opportunity(id="x", organization=decomposed, title="Analyst", source="referral")
    assert caught.value.received == decomposed
    composed = unicodedata.normalize("NFC", decomposed)
    opportunity = pc.Opportunity(id="x", organization=composed, title="Analyst", source="referral")
    assert composed == opportunity.organization


@pytest.mark.parametrize("text", ACCEPTED_IN_NAMES.values(), ids=ACCEPTED_IN_NAMES.keys())
def test_visible_names_from_every_script_round_trip(text: str) -> None:
    """Names in any script, in NFC, are accepted and read back exactly."""
    data = _document()
    data["opportunities"][0]["organization"] = text
    data["opportunities"][0]["tags"] = [text]
    assert data == pc.Search.from_dict(data).to_dict()


@pytest.mark.parametrize("text", REFUSED_IN_FREE_TEXT.values(), ids=REFUSED_IN_FREE_TEXT.keys())
@pytest.mark.parametrize(("event", "key"), [(0, "note"), (3, "note")])
def test_free_text_refuses_controls_surrogates_and_bidi_overrides(
    text: str, event: int, key: str
) -> None:
    """A note or reason with a control character, a surrogate or an override is refused."""
    data = _document()
    data["opportunities"][0]["events"][event][key] = text
    with pytest.raises(pc.DecodeError) as caught:
        pc.Search.from_dict(data)
    assert caught.value.path == f"opportunities[0].events[{event}].{key}"


def test_a_closing_reason_is_free_text() -> None:
    """A closing reason follows the free-text policy too."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Closed(at=AT, outcome="withdrawn", reason="moved\x00on")
    assert caught.value.path == "reason"
    assert pc.Closed(at=AT, outcome="withdrawn", reason="moved\non").reason == "moved\non"


@pytest.mark.parametrize("text", ACCEPTED_IN_FREE_TEXT.values(), ids=ACCEPTED_IN_FREE_TEXT.keys())
def test_free_text_keeps_line_breaks_and_joiners(text: str) -> None:
    """Notes may span lines and hold formatting characters; they round-trip exactly."""
    data = _document()
    data["opportunities"][0]["events"][0]["note"] = text
    assert data == pc.Search.from_dict(data).to_dict()


def test_the_message_names_the_character() -> None:
    """The error says which character, by code point, name and kind."""
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Applied(at=AT, note="a\u202eb")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control" in str(caught.value)
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Applied(at=AT, note="\ud800")
    assert "U+D800, a lone surrogate" in str(caught.value)
    with pytest.raises(pc.InvalidValueError) as caught:
        pc.Opportunity(id="a\ue000\u2028", organization="Acme", title="A", source="referral")
    assert "U+2028 LINE SEPARATOR, a line separator" in str(caught.value)


def test_a_control_without_a_name_is_named_by_its_code_point() -> None:
    """A control character (which has no Unicode name) is named by its code point."""
    with pytest.raises(pc.InvalidValueError, match="U\\+0085, a control character"):
        pc.Opportunity(id="a\x85", organization="Acme", title="A", source="referral")


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("rules[0].title", "Many\u200b live"),
        ("rules[0].message", "many \x00 live"),
    ],
)
def test_rule_configs_apply_the_same_policy(path: str, text: str) -> None:
    """Titles (names) and message templates (free text) of a declarative rule keep the policy."""
    rule = {
        "id": "many-live",
        "title": "Many live",
        "when": {"fact": "opportunities_known", "op": ">", "value": 3},
        "message": "many",
        "action": "none",
    }
    rule[path.rsplit(".", 1)[1]] = text
    with pytest.raises(pc.RuleConfigError) as caught:
        pc.RuleSet.from_dict({"rules": [rule]})
    assert caught.value.path == path
