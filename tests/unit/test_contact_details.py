"""The interchange's optional url, contact and channel: validated, and round-tripped exactly."""

from __future__ import annotations

import pytest

import pipeline_core as pc

DOCUMENT = {
    "schema": 1,
    "opportunities": [
        {
            "id": "acme-pm",
            "organization": "Acme",
            "title": "Product Manager",
            "source": "referral",
            "url": "https://acme.example/careers/pm?ref=42",
            "contact": {"name": "Dana Reyes", "email": "dana@acme.example", "phone": "+1 312 555"},
            "events": [
                {"type": "applied", "at": "2026-10-01T09:00:00+00:00"},
                {
                    "type": "contact",
                    "at": "2026-10-02T09:00:00+00:00",
                    "direction": "outbound",
                    "channel": "in_person",
                },
            ],
        }
    ],
}


def test_the_new_keys_round_trip_exactly() -> None:
    """url, contact and channel come back as they were written."""
    search = pc.Search.from_dict(DOCUMENT)
    assert DOCUMENT == search.to_dict()
    opportunity = search.opportunities[0]
    assert pc.ContactDetails(name="Dana Reyes", email="dana@acme.example", phone="+1 312 555") == (
        opportunity.contact
    )
    assert pc.Channel.IN_PERSON is opportunity.events[1].channel  # type: ignore[union-attr]


def test_older_documents_stay_valid() -> None:
    """Without the new keys a document reads and writes as before."""
    document = {
        "schema": 1,
        "opportunities": [
            {k: v for k, v in DOCUMENT["opportunities"][0].items() if k not in {"url", "contact"}}  # type: ignore[index]
        ],
    }
    search = pc.Search.from_dict(document)
    assert (None, None) == (search.opportunities[0].url, search.opportunities[0].contact)
    assert document == search.to_dict()


def test_partial_contact_details_round_trip() -> None:
    """Only the details given are written."""
    opportunity = pc.Opportunity(
        id="a",
        organization="Acme",
        title="Analyst",
        source="job_board",
        contact=pc.ContactDetails(email="hr@acme.example"),
    )
    assert {"email": "hr@acme.example"} == opportunity.to_dict()["contact"]
    assert opportunity == pc.Opportunity.from_dict(opportunity.to_dict())


@pytest.mark.parametrize(
    ("details", "text"),
    [
        ({"name": "Dana"}, "Dana"),
        ({"email": "d@a.example"}, "d@a.example"),
        ({"phone": "555 0100"}, "555 0100"),
        ({"name": "Dana", "email": "d@a.example"}, "Dana <d@a.example>"),
        ({"name": "Dana", "phone": "555 0100"}, "Dana, 555 0100"),
        (
            {"name": "Dana", "email": "d@a.example", "phone": "555 0100"},
            "Dana <d@a.example>, 555 0100",
        ),
    ],
)
def test_contact_details_read_as_one_line(details: dict[str, str], text: str) -> None:
    """The details as a person writes them on a form."""
    assert text == pc.ContactDetails(**details).text


def test_a_channel_is_one_of_six() -> None:
    """A channel outside the list is refused, naming the field; a value is converted."""
    at = pc.Search.from_dict(DOCUMENT).opportunities[0].events[0].at
    assert pc.Channel.VIDEO is pc.Contact(at=at, direction="inbound", channel="video").channel
    with pytest.raises(pc.InvalidValueError, match="channel"):
        pc.Contact(at=at, direction="inbound", channel="fax")
    with pytest.raises(pc.WrongTypeError, match="channel"):
        pc.Contact(at=at, direction="inbound", channel=3)  # type: ignore[arg-type]


def test_the_constructors_check_too() -> None:
    """Building an opportunity directly checks the url and the contact's type."""
    with pytest.raises(pc.InvalidValueError, match="url"):
        pc.Opportunity(id="a", organization="A", title="T", source="other", url="mailto:x@y.z")
    with pytest.raises(pc.WrongTypeError, match="contact"):
        pc.Opportunity(
            id="a",
            organization="A",
            title="T",
            source="other",
            contact={"name": "Dana"},  # type: ignore[arg-type]
        )


def test_an_opportunity_shows_its_contact_and_posting() -> None:
    """Text and HTML name the contact and link the posting, escaped."""
    opportunity = pc.Opportunity(
        id="a",
        organization="Acme",
        title="Analyst",
        source="job_board",
        url="https://acme.example/jobs?id=1&ref=<x>",
        contact=pc.ContactDetails(name="Dana <D>", email="dana@acme.example"),
    )
    text = str(opportunity)
    assert "  contact: Dana <D> <dana@acme.example>" in text
    assert "  posting: https://acme.example/jobs?id=1&ref=<x>" in text
    html = opportunity.to_html()
    assert 'href="https://acme.example/jobs?id=1&amp;ref=&lt;x&gt;"' in html
    assert "contact: Dana &lt;D&gt; &lt;dana@acme.example&gt;" in html
    plain = pc.Opportunity(id="b", organization="B", title="T", source="other")
    assert "  contact:" not in str(plain)
    assert "posting" not in plain.to_html()
    only_url = pc.Opportunity(
        id="c", organization="C", title="T", source="other", url="http://c.example"
    )
    assert ">posting</a>" in only_url.to_html()
