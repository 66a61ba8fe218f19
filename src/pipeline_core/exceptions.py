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

__all__ = [
    "DecodeError",
    "DuplicateIdError",
    "InvalidEventError",
    "InvalidPipelineError",
    "InvalidTransitionError",
    "InvalidValueError",
    "NaiveDatetimeError",
    "PipelineError",
    "RuleConfigError",
    "UnknownOpportunityError",
    "WrongTypeError",
]

_MAX_SHOWN = 80


def _show(value: object) -> str:
    """
    Return a short, safe representation of a received value for a message.
    """
    text = repr(value)
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
