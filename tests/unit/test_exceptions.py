"""The error family: one base, ValueError/TypeError for bad input, paths in messages."""

from __future__ import annotations

import pytest

import pipeline_core as pc
from pipeline_core import exceptions


@pytest.mark.parametrize("name", exceptions.__all__)
def test_every_error_is_a_pipeline_error(name: str) -> None:
    """Every class the module exports derives from PipelineError."""
    assert issubclass(getattr(exceptions, name), pc.PipelineError)


@pytest.mark.parametrize(
    "error",
    [
        pc.InvalidValueError,
        pc.NaiveDatetimeError,
        pc.InvalidEventError,
        pc.InvalidTransitionError,
        pc.InvalidPipelineError,
        pc.DuplicateIdError,
        pc.UnknownOpportunityError,
        pc.DecodeError,
    ],
)
def test_bad_value_errors_are_value_errors(error: type[Exception]) -> None:
    """Errors about bad values also subclass ValueError, so existing handlers keep working."""
    assert issubclass(error, ValueError)


def test_wrong_type_error_is_a_type_error() -> None:
    """A value of the wrong type raises an error that is also a TypeError."""
    assert issubclass(pc.WrongTypeError, TypeError)


def test_unknown_opportunity_is_a_lookup_error() -> None:
    """Looking up a missing id fails like a mapping lookup would."""
    assert issubclass(pc.UnknownOpportunityError, LookupError)


def test_message_says_where_what_and_what_is_allowed() -> None:
    """The message carries the path, the received value and what is allowed."""
    error = pc.InvalidValueError("too small", path="goals.min_live", received=-1, allowed=">= 0")
    assert str(error) == "goals.min_live: too small; received -1; allowed: >= 0"
    assert (error.path, error.received, error.allowed) == ("goals.min_live", -1, ">= 0")


def test_long_received_values_are_shortened() -> None:
    """A huge received value does not flood the message."""
    error = pc.InvalidValueError("bad", path="note", received="x" * 1000, allowed="short")
    assert len(str(error)) < 150
    assert "..." in str(error)


def test_at_prefixes_the_path() -> None:
    """Containers prefix an inner error's path as it travels outwards."""
    error = pc.InvalidEventError("bad", path="events[2].at", received=1, allowed="2")
    moved = error.at("opportunities[0]")
    assert type(moved) is pc.InvalidEventError
    assert moved.path == "opportunities[0].events[2].at"
    assert error.at("").path == "events[2].at"
    assert (
        pc.InvalidValueError("x", path="[3]", received=1, allowed="2").at("tags").path == "tags[3]"
    )


def test_an_error_without_a_path_has_no_prefix() -> None:
    """An error about the whole value has no leading path in its message."""
    assert str(pc.DecodeError("bad", path="", received=1, allowed="an object")).startswith("bad;")
