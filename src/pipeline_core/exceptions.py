"""
The errors `pipeline_core` raises.

Every error the library raises derives from :class:`PipelineError`, so
``except pc.PipelineError`` catches them all. Errors caused by bad input also
derive from :class:`ValueError` (or :class:`TypeError` when a value has the
wrong type), so code that already handles those keeps working.

Each error for bad input knows *where* the problem is (``path``: a field name
or a JSON path such as ``opportunities[2].events[0].at``), *what was received*
and *what is allowed*, and says all three in its message.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import reprlib

__all__ = [
    "ConflictError",
    "CorruptSearchError",
    "DecodeError",
    "DuplicateIdError",
    "DuplicateSearchError",
    "InvalidEventError",
    "InvalidPipelineError",
    "InvalidTransitionError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "PipelineError",
    "RuleConfigError",
    "SearchNotFoundError",
    "StorageError",
    "StoreFailureError",
    "UnknownOpportunityError",
    "WrongTypeError",
]

_MAX_SHOWN = 80


def _summariser() -> reprlib.Repr:
    # Bounded in depth and breadth, so a value nested 100,000 levels deep, a list of a
    # million items or a 5,000-digit integer is summarised in a few characters.
    summary = reprlib.Repr()
    summary.maxlevel = 4
    summary.maxtuple = summary.maxlist = summary.maxarray = 12
    summary.maxdict = summary.maxset = summary.maxfrozenset = summary.maxdeque = 12
    summary.maxstring = summary.maxlong = summary.maxother = _MAX_SHOWN + 2
    return summary


_SUMMARY = _summariser()


def _show(value: object) -> str:
    """
    Return a short, safe summary of a received value for an error message.

    The summary is bounded: nested containers are cut at a few levels and items, long
    text at 80 characters, and an object whose ``repr`` fails (it
    raises, recurses without end, or is an integer too long to print) is shown by its
    type alone. Building an error's message therefore never raises.

    Args:
        value: Whatever was received.

    Returns:
        At most 80 characters.
    """
    try:
        text = _SUMMARY.repr(value)
    except Exception:  # noqa: BLE001 - any failure of a foreign __repr__ is shown, not raised
        text = f"<{type(value).__qualname__} object>"
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 3] + "..."
    return text


class PipelineError(Exception):
    """
    Base class of every error raised by `pipeline_core`.

    .. versionadded:: 0.1.0
    """


class InputError(PipelineError):
    """
    An error about one bad value, with where it was, what it was and what is allowed.

    Args:
        problem: What is wrong, in a few words.
        path: Where the value was: a field name or a JSON path.
        received: The value that was received.
        allowed: A description of what is allowed.

    .. versionadded:: 0.1.0
    """

    path: str
    received: object
    allowed: str
    problem: str

    def __init__(self, problem: str, *, path: str, received: object, allowed: str) -> None:
        self.problem = problem
        self.path = path
        self.received = received
        self.allowed = allowed
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{problem}; received {_show(received)}; allowed: {allowed}")

    def at(self, prefix: str) -> InputError:
        """
        Return the same error with ``prefix`` put in front of its path.

        Containers use this to turn a field name into a full JSON path as the
        error travels outwards.

        Args:
            prefix: The path of the container, such as ``opportunities[2]``.

        Returns:
            A new error of the same class with the longer path.
        """
        if not prefix:
            return self
        path = (
            f"{prefix}.{self.path}"
            if self.path and not self.path.startswith("[")
            else (prefix + self.path)
        )
        return type(self)(self.problem, path=path, received=self.received, allowed=self.allowed)


class InvalidValueError(InputError, ValueError):
    """
    A value of the right type that is not allowed (an empty id, a negative count, …).

    .. versionadded:: 0.1.0
    """


class WrongTypeError(InputError, TypeError):
    """
    A value of the wrong type (a number where a string belongs, …).

    .. versionadded:: 0.1.0
    """


class NaiveDatetimeError(InvalidValueError):
    """
    A datetime without a time zone: `pipeline_core` never guesses one.

    .. versionadded:: 0.1.0
    """


class InvalidEventError(InvalidValueError):
    """
    An event that cannot be added to an opportunity (out of time order, after the end, …).

    .. versionadded:: 0.1.0
    """


class InvalidTransitionError(InvalidEventError):
    """
    An event that would move an opportunity along a transition its pipeline does not allow.

    .. versionadded:: 0.1.0
    """


class InvalidPipelineError(InvalidValueError):
    """
    A pipeline definition that breaks a rule (duplicate stage, unreachable stage, …).

    .. versionadded:: 0.1.0
    """


class DuplicateIdError(InvalidValueError):
    """
    Two opportunities of one search share an id.

    .. versionadded:: 0.1.0
    """


class UnknownOpportunityError(InvalidValueError, LookupError):
    """
    No opportunity of the search has the id asked for.

    .. versionadded:: 0.1.0
    """


class DecodeError(InvalidValueError):
    """
    Data that is not valid interchange data (see :doc:`/reference/interchange`).

    Raised by every ``from_dict``: whatever was wrong with the data, the error
    names its JSON path.

    .. versionadded:: 0.1.0
    """


class StorageError(PipelineError):
    """
    Base class of the errors a store raises about its contents (not about bad input).

    A store raises these when the call was well formed but the stored state
    does not allow it: another writer got there first, or the search is not
    there. Bad arguments (a blank id, a negative version) are input errors
    instead: :class:`InvalidValueError` or :class:`WrongTypeError`.

    .. versionadded:: 0.1.0
    """

    retryable: bool = False
    """
    Whether making the same call again, unchanged, may succeed (a busy or locked database).

    ``False`` for the errors about contents: a :class:`ConflictError` needs a fresh read
    before the retry, and a missing search stays missing.

    .. versionadded:: 0.1.0
    """


class StoreFailureError(StorageError):
    """
    The store could not do what was asked: its database failed, or its own records are broken.

    Adapters raise it in place of their driver's errors (a locked or busy database, a file
    that is not a database, a full disk, a lost connection, a corrupt bookkeeping row), with
    the driver's error as ``__cause__``, so a caller handles one family. A write that fails
    this way wrote nothing. :attr:`retryable` says whether trying the same call again may
    succeed.

    Args:
        message: What failed, in a sentence.
        retryable: Whether the same call may succeed later (the database was busy).
        search_id: The search the call was about, or ``None``.

    .. versionadded:: 0.1.0
    """

    search_id: str | None

    def __init__(
        self, message: str, *, retryable: bool = False, search_id: str | None = None
    ) -> None:
        """
        Build the error from its message, whether it is retryable and the search concerned.
        """
        self.retryable = retryable
        self.search_id = search_id
        where = "" if search_id is None else f"search {_show(search_id)}: "
        hint = " (retryable: try again shortly)" if retryable else ""
        super().__init__(f"{where}{message}{hint}")


class ConflictError(StorageError):
    """
    A write whose expected version is not the stored version: nothing was written.

    This is optimistic concurrency at work: someone else saved the search
    after you read it. Read it again, re-apply your change and save with the
    new version (:func:`pipeline_core.storage.update_search` does exactly
    that).

    It is deliberately *not* a :class:`ValueError`: the call was valid, the
    world moved on. A retry loop catches ``ConflictError``; code that turns
    ``ValueError`` into "bad request" must not swallow it.

    Args:
        search_id: The search that was being written.
        expected_version: The version the writer said it was replacing
            (``0``: the writer expected no search with this id).
        actual_version: The version the store holds (``0``: none).

    .. versionadded:: 0.1.0
    """

    search_id: str
    expected_version: int
    actual_version: int

    def __init__(self, search_id: str, *, expected_version: int, actual_version: int) -> None:
        """
        Build the error from the search id and both versions.
        """
        self.search_id = search_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        super().__init__(self._message())

    def _message(self) -> str:
        return (
            f"search {_show(self.search_id)}: expected version {self.expected_version}, "
            f"but the store holds version {self.actual_version}; nothing was written "
            "(read it again, re-apply the change and save with the current version)"
        )


class DuplicateSearchError(ConflictError):
    """
    An add (expected version ``0``) of a search id that is already stored.

    Args:
        search_id: The search id that is taken.
        actual_version: The version of the search already stored.

    .. versionadded:: 0.1.0
    """

    def __init__(self, search_id: str, *, actual_version: int) -> None:
        """
        Build the error from the search id and the stored version.
        """
        super().__init__(search_id, expected_version=0, actual_version=actual_version)

    def _message(self) -> str:
        return (
            f"search {_show(self.search_id)} already exists "
            f"(version {self.actual_version}); nothing was written "
            "(choose another id, or save with the stored version to replace it)"
        )


class SearchNotFoundError(StorageError, LookupError):
    """
    No search with this id is stored.

    Also a :class:`LookupError`, like a missing dict key.

    Args:
        search_id: The id that was asked for.

    .. versionadded:: 0.1.0
    """

    search_id: str

    def __init__(self, search_id: str) -> None:
        """
        Build the error from the search id.
        """
        self.search_id = search_id
        super().__init__(f"no search with id {_show(search_id)} is stored")


class RuleConfigError(InvalidValueError):
    """
    A rule set configuration (plain data) that cannot be loaded.

    Raised by :meth:`pipeline_core.RuleSet.from_dict` for every problem in the
    data — unknown keys, facts or operators, values of the wrong type,
    templates naming unknown fields, absurd sizes — with the path of the first
    problem, such as ``rules[2].when.all[0].op``. It is also raised when a rule
    set is changed in a way that breaks it (an unknown rule id, a duplicate id).

    .. versionadded:: 0.1.0
    """


class CorruptSearchError(DecodeError, StorageError):
    """
    A stored search whose data cannot be read back: a storage error that names the search.

    Raised by a store's ``get`` when the document kept for one search is not
    valid interchange data. It is a :class:`DecodeError` (with the JSON path
    of the problem) and a :class:`StorageError`; the listings still list the
    search, and every other search reads as usual.

    Args:
        problem: What is wrong, in a few words (the message names the search).
        search_id: The search whose stored data is corrupt.
        path: The JSON path of the problem in the stored document.
        received: The value found there.
        allowed: What is allowed there.

    .. versionadded:: 0.1.0
    """

    search_id: str

    def __init__(
        self, problem: str, *, search_id: str, path: str, received: object, allowed: str
    ) -> None:
        """
        Build the error from the decoding problem and the search id.
        """
        self.search_id = search_id
        super().__init__(problem, path=path, received=received, allowed=allowed)
