"""
The storage errors: what they are, and what their messages say.
"""

from __future__ import annotations

import pipeline_core as pc


def test_conflict_error_names_the_search_and_both_versions() -> None:
    """
    A ConflictError keeps the id and both versions, and says them in its message.
    """
    error = pc.ConflictError("ada", expected_version=1, actual_version=3)
    assert ("ada", 1, 3) == (error.search_id, error.expected_version, error.actual_version)
    assert "search 'ada': expected version 1, but the store holds version 3" in str(error)


def test_conflict_error_says_what_to_do() -> None:
    """
    The message tells the writer to read again and re-apply the change.
    """
    error = pc.ConflictError("ada", expected_version=1, actual_version=3)
    assert "nothing was written (read it again, re-apply the change" in str(error)


def test_conflict_error_is_a_storage_error_but_not_a_value_error() -> None:
    """
    A conflict is not bad input: it is a StorageError and a PipelineError, not a ValueError.
    """
    error = pc.ConflictError("ada", expected_version=1, actual_version=3)
    assert (True, True, False) == (
        isinstance(error, pc.StorageError),
        isinstance(error, pc.PipelineError),
        isinstance(error, ValueError),
    )


def test_duplicate_search_error_is_a_conflict_expecting_nothing() -> None:
    """
    A DuplicateSearchError is a ConflictError whose writer expected version 0.
    """
    error = pc.DuplicateSearchError("ada", actual_version=2)
    assert (True, 0, 2) == (
        isinstance(error, pc.ConflictError),
        error.expected_version,
        error.actual_version,
    )


def test_duplicate_search_error_message() -> None:
    """
    The message says the id is taken, at which version, and what to do instead.
    """
    error = pc.DuplicateSearchError("ada", actual_version=2)
    assert str(error).startswith("search 'ada' already exists (version 2); nothing was written")


def test_search_not_found_error_is_a_lookup_error() -> None:
    """
    SearchNotFoundError is a StorageError and a LookupError, naming the id.
    """
    error = pc.SearchNotFoundError("ada")
    assert (True, True, "ada") == (
        isinstance(error, pc.StorageError),
        isinstance(error, LookupError),
        error.search_id,
    )
    assert "no search with id 'ada' is stored" == str(error)


def test_long_ids_are_shortened_in_messages() -> None:
    """
    A 200-character id does not flood the message.
    """
    assert len(str(pc.SearchNotFoundError("x" * 200))) < 120
