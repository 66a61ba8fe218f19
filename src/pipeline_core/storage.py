"""
Storage protocols: how an application saves and loads searches, with optimistic concurrency.

`pipeline_core` does no I/O. It defines what a store must do
(:class:`SearchStore`), ships one that keeps everything in memory
(:class:`~pipeline_core.memory.InMemoryStore`), and ships a conformance kit
(:mod:`pipeline_core.testing`) that proves any other store — SQLite,
Postgres, a document database — keeps the same promises.

The promises:

* **Ids.** The caller chooses each search's id: a non-blank string of at most
  200 printable characters (no control characters, no lone surrogates), so
  that every database can hold it.
* **Versions.** A search is stored at version 1 when it is added, and every
  save adds 1. A write names the version it expects to replace
  (``expected_version``; ``0`` means "no search with this id yet"). If the
  store holds another version, the write raises
  :class:`~pipeline_core.exceptions.ConflictError` and writes nothing.
* **Batches.** :meth:`SearchStore.save_many` writes every search of a batch,
  or none of them.
* **Change sequence.** Every search written is stamped with a store-wide
  sequence number, greater than any the store stamped before (numbers may
  have gaps, and are never reused, even after a delete). Remember the
  highest number you have seen, and :meth:`SearchReader.changed_since` tells
  you which searches changed after it: no clock is read, no change is missed.
* **Listing never decodes.** :meth:`SearchReader.list_searches`,
  :meth:`SearchReader.changed_since` and
  :meth:`SearchReader.find_opportunities` answer from what the store keeps
  beside each document (id, version, sequence, and each opportunity's stage
  and liveness), so one corrupt document cannot stop the others from being
  listed; :meth:`SearchReader.get` raises
  :class:`~pipeline_core.exceptions.DecodeError` (naming the JSON path) for
  that one search.
* **Stored data is the interchange format.** A store keeps what
  ``search.to_dict()`` returns (or :func:`encode_search`'s JSON text), and
  hands back ``Search.from_dict`` of it (:func:`decode_search`). A store
  must encode every search it writes by calling ``search.to_dict()`` (which
  :func:`encode_search` does): the kit's fault injection
  (:class:`~pipeline_core.testing.faults.FaultyStore`) relies on it.

The helpers below (:class:`Write`, :func:`check_versions`,
:func:`opportunity_entries`, :func:`encode_search`, :func:`decode_search`)
are what an adapter needs so that its errors and answers match every other
store's. The how-to :doc:`/how-to/storage-adapter` writes a complete one.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import (
    ConflictError,
    CorruptSearchError,
    DecodeError,
    DuplicateSearchError,
    InvalidValueError,
    SearchNotFoundError,
    WrongTypeError,
)
from pipeline_core.search import Search

__all__ = [
    "OpportunityEntry",
    "SearchEntry",
    "SearchReader",
    "SearchStore",
    "StoredSearch",
    "Write",
    "check_expected_version",
    "check_opportunity_filter",
    "check_search_id",
    "check_sequence",
    "check_versions",
    "check_writes",
    "decode_search",
    "encode_search",
    "opportunity_entries",
    "stored_from_row",
    "update_search",
]

# C0 and C1 control characters, DEL, and lone surrogates (which no UTF-8 database can hold).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ID_ALLOWED = "a non-blank string of at most 200 printable characters (no control characters)"


def check_search_id(value: object, *, field: str = "search_id") -> str:
    """
    Return ``value`` if it is a valid search id.

    A search id is a non-blank string of at most 200 characters, without
    control characters or lone surrogates, so that any database can store it.

    Args:
        value: The id to check.
        field: The name to report in an error.

    Returns:
        The id, unchanged.

    Raises:
        WrongTypeError: ``value`` is not a string.
        InvalidValueError: ``value`` is blank, too long, or holds a control
            character or a lone surrogate.

    .. versionadded:: 0.1.0
    """
    if not isinstance(value, str):
        raise WrongTypeError("expected a string", path=field, received=value, allowed=_ID_ALLOWED)
    if not value.strip() or len(value) > _checks.MAX_NAME:
        raise InvalidValueError(
            "blank or too long", path=field, received=value, allowed=_ID_ALLOWED
        )
    if _UNPRINTABLE.search(value):
        raise InvalidValueError(
            "holds a control character or a lone surrogate",
            path=field,
            received=value,
            allowed=_ID_ALLOWED,
        )
    return value


def check_sequence(value: object, *, field: str = "sequence") -> int:
    """
    Return ``value`` if it is a valid change sequence number to ask from (``>= 0``).

    Args:
        value: The sequence number.
        field: The name to report in an error.

    Returns:
        The sequence number, unchanged.

    Raises:
        WrongTypeError: ``value`` is not an ``int`` (a ``bool`` is not one).
        InvalidValueError: ``value`` is negative.

    .. versionadded:: 0.1.0
    """
    return _checks.check_count(value, field=field, minimum=0)


def check_expected_version(
    value: object, *, field: str = "expected_version", minimum: int = 0
) -> int:
    """
    Return ``value`` if it is a valid expected version (an ``int`` of at least ``minimum``).

    Args:
        value: The expected version.
        field: The name to report in an error.
        minimum: ``0`` for a write (``0`` means "add"), ``1`` for a delete.

    Returns:
        The version, unchanged.

    Raises:
        WrongTypeError: ``value`` is not an ``int`` (a ``bool`` is not one).
        InvalidValueError: ``value`` is below ``minimum``.

    .. versionadded:: 0.1.0
    """
    return _checks.check_count(value, field=field, minimum=minimum)


def check_opportunity_filter(*, stage: object, live_only: object) -> tuple[str | None, bool]:
    """
    Return the filters of :meth:`SearchReader.find_opportunities` after checking them.

    Args:
        stage: ``None`` or a stage name.
        live_only: Whether to keep open opportunities only.

    Returns:
        ``(stage, live_only)``, unchanged.

    Raises:
        InvalidValueError: ``stage`` is blank.
        WrongTypeError: ``stage`` is not text or ``live_only`` is not a bool.

    .. versionadded:: 0.1.0
    """
    checked = _checks.check_optional_text(stage, field="stage")
    return checked, _check_bool(live_only, field="live_only")


def _check_search(value: object, *, field: str = "search") -> Search:
    return _checks.check_instance(value, Search, path=field, allowed="a pipeline_core.Search")


def _check_bool(value: object, *, field: str) -> bool:
    if not isinstance(value, bool):
        raise WrongTypeError("expected a bool", path=field, received=value, allowed="True or False")
    return value


def _validator(
    check: Callable[..., object], **options: int
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check(value, field=attribute.name, **options)

    return validate


# -- records ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class StoredSearch:
    """
    A search as a store holds it: id, version, change sequence number and the search.

    Args:
        id: The search id the caller chose.
        version: 1 after the add, plus 1 for every save since.
        sequence: The store-wide change sequence number of the write that
            stored this version.
        search: The search.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_validator(check_search_id))
    version: int = attrs.field(validator=_validator(check_expected_version, minimum=1))
    sequence: int = attrs.field(validator=_validator(check_expected_version, minimum=1))
    search: Search = attrs.field(validator=_validator(_check_search))

    @property
    def entry(self) -> SearchEntry:
        """
        The record without its search: what the listing queries return.
        """
        return SearchEntry(id=self.id, version=self.version, sequence=self.sequence)


@attrs.frozen(kw_only=True)
class SearchEntry:
    """
    One stored search as the listing queries return it: id, version and sequence, not decoded.

    Args:
        id: The search id.
        version: The stored version.
        sequence: The change sequence number of the write that stored it.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_validator(check_search_id))
    version: int = attrs.field(validator=_validator(check_expected_version, minimum=1))
    sequence: int = attrs.field(validator=_validator(check_expected_version, minimum=1))


@attrs.frozen(kw_only=True)
class OpportunityEntry:
    """
    One opportunity of a stored search, as :meth:`SearchReader.find_opportunities` returns it.

    The stage and liveness are the opportunity's after its whole history (no
    clock involved), computed when the search was written.

    Args:
        search_id: The search the opportunity belongs to.
        search_version: The version of that search.
        opportunity_id: The opportunity's id.
        position: Its place in the search (0 for the first).
        stage: Its current stage.
        live: Whether it is still open (no outcome recorded).

    .. versionadded:: 0.1.0
    """

    search_id: str = attrs.field(validator=_validator(check_search_id))
    search_version: int = attrs.field(validator=_validator(check_expected_version, minimum=1))
    opportunity_id: str = attrs.field(validator=_checks.text("opportunity_id"))
    position: int = attrs.field(validator=_validator(check_expected_version, minimum=0))
    stage: str = attrs.field(validator=_checks.text("stage"))
    live: bool = attrs.field(validator=_validator(_check_bool))


def opportunity_entries(record: StoredSearch) -> tuple[OpportunityEntry, ...]:
    """
    Return the opportunity entries of a stored search, in the search's order.

    Adapters store these beside the document (a table, an index) so that
    :meth:`SearchReader.find_opportunities` can answer without decoding.

    Args:
        record: The stored search.

    Returns:
        One entry per opportunity.

    .. versionadded:: 0.1.0
    """
    return tuple(
        OpportunityEntry(
            search_id=record.id,
            search_version=record.version,
            opportunity_id=opportunity.id,
            position=position,
            stage=opportunity.stage,
            live=opportunity.is_live,
        )
        for position, opportunity in enumerate(record.search.opportunities)
    )


@attrs.frozen(kw_only=True)
class Write:
    """
    One search to write in a batch (:meth:`SearchStore.save_many`).

    Args:
        search_id: The id to write.
        search: The search to store.
        expected_version: The stored version this write replaces; ``0`` to
            add a search that must not exist yet.

    Raises:
        InvalidValueError: a blank or unprintable id, a negative version.
        WrongTypeError: an argument of the wrong type.

    .. versionadded:: 0.1.0
    """

    search_id: str = attrs.field(validator=_validator(check_search_id))
    search: Search = attrs.field(validator=_validator(_check_search))
    expected_version: int = attrs.field(validator=_validator(check_expected_version, minimum=0))


def check_writes(writes: Iterable[Write]) -> tuple[Write, ...]:
    """
    Return a batch as a tuple after checking it holds :class:`Write` objects with distinct ids.

    Args:
        writes: The batch.

    Returns:
        The batch, as a tuple.

    Raises:
        WrongTypeError: the batch is not an iterable of :class:`Write`.
        InvalidValueError: two writes name the same search id.

    .. versionadded:: 0.1.0
    """
    batch = _checks.check_tuple(writes, field="writes")
    for position, write in enumerate(batch):
        _checks.check_instance(
            write, Write, path=f"writes[{position}]", allowed="a pipeline_core.Write"
        )
    repeat = _checks.first_repeat(write.search_id for write in batch)
    if repeat is not None:
        raise InvalidValueError(
            "two writes of one batch name the same search",
            path=f"writes[{repeat}].search_id",
            received=batch[repeat].search_id,
            allowed="a search id no other write of the batch names",
        )
    return batch


def check_versions(search_id: str, *, expected_version: int | None, actual_version: int) -> None:
    """
    Raise the error the protocol promises when a write's expected version is not the stored one.

    Adapters call this inside their transaction, with the version they read
    there (``0`` when no search has the id), before writing anything.

    Args:
        search_id: The search being written or deleted.
        expected_version: The version the caller expects: ``0`` for none
            (an add), ``None`` for any stored version (an unconditional delete).
        actual_version: The version the store holds (``0``: none).

    Raises:
        DuplicateSearchError: the caller expected no search, and one is stored.
        SearchNotFoundError: the caller expected a search, and none is stored.
        ConflictError: the caller expected another version than the stored one.

    .. versionadded:: 0.1.0
    """
    if expected_version == actual_version:
        return
    if expected_version == 0:
        raise DuplicateSearchError(search_id, actual_version=actual_version)
    if actual_version == 0:
        raise SearchNotFoundError(search_id)
    if expected_version is not None:
        raise ConflictError(
            search_id, expected_version=expected_version, actual_version=actual_version
        )


# -- the stored data --------------------------------------------------------------------------


def encode_search(search: Search) -> str:
    r"""
    Return a search as compact JSON text in the interchange format, ASCII only.

    Calls ``search.to_dict()``; ASCII output (``\\uXXXX`` escapes) survives
    every text column, whatever its encoding.

    Args:
        search: The search.

    Returns:
        The JSON text.

    Raises:
        WrongTypeError: ``search`` is not a :class:`~pipeline_core.Search`.

    .. versionadded:: 0.1.0
    """
    document = _check_search(search).to_dict()
    return json.dumps(document, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def decode_search(data: str | bytes | Mapping[str, Any], *, search_id: str) -> Search:
    """
    Return the search held in stored data: JSON text, or an already parsed document.

    Args:
        data: JSON text (as :func:`encode_search` writes it) or the parsed
            document (as ``search.to_dict()`` returns it).
        search_id: The id of the stored search, named in an error.

    Returns:
        The search.

    Raises:
        DecodeError: the data is not valid JSON or not valid interchange data
            (wrong types, unknown keys, an unknown schema version). The
            error's ``path`` is the JSON path of the problem, such as
            ``opportunities[2].events[0].at``; its message names the search.

    .. versionadded:: 0.1.0
    """
    document: object = data
    if isinstance(data, str | bytes | bytearray):
        try:
            document = json.loads(data)
        except (ValueError, RecursionError) as error:
            raise DecodeError(
                f"stored search {search_id!r} is not valid JSON ({error})",
                path="",
                received=data,
                allowed="a JSON document in the interchange format",
            ) from error
    try:
        return Search.from_dict(document)
    except DecodeError as error:
        raise DecodeError(
            f"{error.problem} (in stored search {search_id!r})",
            path=error.path,
            received=error.received,
            allowed=error.allowed,
        ) from error


# -- the protocols ----------------------------------------------------------------------------


@runtime_checkable
class SearchReader(Protocol):
    """
    The reading half of a store: enough for a report, a dashboard or a nightly batch.

    .. versionadded:: 0.1.0
    """

    def get(self, search_id: str) -> StoredSearch:
        """
        Return the stored search with this id.

        Args:
            search_id: The id.

        Returns:
            The stored search, with its version and sequence number.

        Raises:
            SearchNotFoundError: no search has this id.
            DecodeError: the stored data is not valid interchange data.
            InvalidValueError: ``search_id`` is not a valid id.
        """
        ...

    def list_searches(self) -> tuple[SearchEntry, ...]:
        """
        Return an entry for every stored search, ordered by id (code point order).

        Never decodes a document, so a corrupt one does not stop the listing.
        """
        ...

    def changed_since(self, sequence: int) -> tuple[SearchEntry, ...]:
        """
        Return the stored searches written after change sequence number ``sequence``.

        Args:
            sequence: A sequence number seen before (``0``: from the start).

        Returns:
            An entry for every search whose stored version has a greater
            sequence number, ordered by sequence number. Deleted searches
            are not listed.

        Raises:
            InvalidValueError: ``sequence`` is negative.
        """
        ...

    def find_opportunities(
        self, *, stage: str | None = None, live_only: bool = False
    ) -> tuple[OpportunityEntry, ...]:
        """
        Return the opportunities of every stored search, optionally filtered.

        Args:
            stage: Only opportunities whose current stage has this name.
            live_only: Only opportunities that are still open.

        Returns:
            The entries, ordered by search id, then by place in the search.

        Raises:
            InvalidValueError: ``stage`` is blank.
        """
        ...

    def last_sequence(self) -> int:
        """
        Return the highest change sequence number stamped so far (``0`` for none).
        """
        ...


@runtime_checkable
class SearchStore(SearchReader, Protocol):
    """
    A store of searches with optimistic concurrency: what an application implements.

    Every write names the version it expects to replace; a stale one raises
    :class:`~pipeline_core.exceptions.ConflictError` and writes nothing.

    .. versionadded:: 0.1.0
    """

    def add(self, search_id: str, search: Search) -> StoredSearch:
        """
        Store a new search at version 1.

        Args:
            search_id: The id to store it under.
            search: The search.

        Returns:
            The stored search.

        Raises:
            DuplicateSearchError: a search with this id is already stored.
            InvalidValueError: ``search_id`` is not a valid id.
            WrongTypeError: ``search`` is not a Search.
        """
        ...

    def save(self, search_id: str, search: Search, *, expected_version: int) -> StoredSearch:
        """
        Replace the stored search, if it is still at ``expected_version``.

        Args:
            search_id: The id.
            search: The new search.
            expected_version: The version read before the change; ``0`` to
                add a new search (as :meth:`add` does).

        Returns:
            The stored search, at ``expected_version + 1``.

        Raises:
            ConflictError: the stored version is another one; nothing was written.
            SearchNotFoundError: no search has this id (and ``expected_version`` is not 0).
            DuplicateSearchError: ``expected_version`` is 0 and the id is taken.
        """
        ...

    def save_many(self, writes: Iterable[Write]) -> tuple[StoredSearch, ...]:
        """
        Write a batch of searches: all of them, or none.

        Args:
            writes: The writes, with distinct search ids.

        Returns:
            The stored searches, in the order of the writes, with increasing
            sequence numbers.

        Raises:
            ConflictError: a write's expected version is stale; nothing was written.
            SearchNotFoundError: a write expects a search that is not there.
            InvalidValueError: two writes name the same search.
        """
        ...

    def delete(self, search_id: str, *, expected_version: int | None = None) -> None:
        """
        Delete a stored search, if it is still at ``expected_version``.

        Args:
            search_id: The id.
            expected_version: The version read before; ``None`` to delete
                whatever version is stored.

        Raises:
            SearchNotFoundError: no search has this id.
            ConflictError: the stored version is another one; nothing was deleted.
        """
        ...


# -- using a store ----------------------------------------------------------------------------


def stored_from_row(
    search_id: str, version: int, sequence: int, document: str | bytes | Mapping[str, Any]
) -> StoredSearch:
    """
    Return the stored search an adapter read back: its columns and its document, decoded.

    Raises:
        CorruptSearchError: the document is not valid interchange data; the error names
            the search and the JSON path of the problem.

    .. versionadded:: 0.1.0
    """
    try:
        search = decode_search(document, search_id=search_id)
    except DecodeError as error:
        raise CorruptSearchError(
            error.problem,
            search_id=search_id,
            path=error.path,
            received=error.received,
            allowed=error.allowed,
        ) from error
    return StoredSearch(id=search_id, version=version, sequence=sequence, search=search)


def update_search(
    store: SearchStore,
    search_id: str,
    change: Callable[[Search], Search],
    *,
    max_attempts: int = 10,
) -> StoredSearch:
    """
    Read a search, apply ``change`` and save it, reading again after every conflict.

    This is the read-modify-write loop that optimistic concurrency asks of
    every writer. ``change`` may run more than once, so it must not have
    side effects.

    Args:
        store: The store.
        search_id: The search to change.
        change: A function from the stored search to the new one.
        max_attempts: How many times to try before giving up.

    Returns:
        The stored search after the successful save.

    Raises:
        ConflictError: every attempt met a newer version (the last conflict).
        SearchNotFoundError: no search has this id.
        InvalidValueError: ``max_attempts`` is below 1.

    .. versionadded:: 0.1.0
    """
    _checks.check_count(max_attempts, field="max_attempts", minimum=1)
    attempt = 1
    while True:
        current = store.get(search_id)
        try:
            return store.save(search_id, change(current.search), expected_version=current.version)
        except ConflictError:
            if attempt >= max_attempts:
                raise
            attempt += 1
