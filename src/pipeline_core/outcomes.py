"""
Outcomes: how an opportunity ended.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum

__all__ = ["Outcome"]


class Outcome(enum.StrEnum):
    """
    How an opportunity ended, recorded by a ``closed`` event.

    Ghosting is an outcome only when the person declares it; silence that
    merely *looks* like ghosting is a probability the outlook estimates. A
    ghosted opportunity comes back to life with a later inbound contact.

    .. versionadded:: 0.1.0
    """

    ACCEPTED = "accepted"
    """The candidate signed a written offer: the search is won."""
    REJECTED = "rejected"
    """The employer said no (at the stage the opportunity had reached)."""
    WITHDRAWN = "withdrawn"
    """The candidate pulled out."""
    GHOSTED = "ghosted"
    """The employer stopped answering, as declared by the candidate."""
    CANCELLED = "cancelled"
    """The role went away: filled internally, frozen, withdrawn by the employer."""
    RESCINDED = "rescinded"
    """The employer took an offer back."""
    DECLINED = "declined"
    """The candidate said no to an offer."""

    @property
    def needs_offer(self) -> bool:
        """
        Whether this outcome only makes sense once an offer was made.
        """
        return self in _NEEDS_OFFER

    @property
    def needs_application(self) -> bool:
        """
        Whether this outcome only makes sense once the candidate applied.
        """
        return self in _NEEDS_APPLICATION


_NEEDS_OFFER = frozenset({Outcome.ACCEPTED, Outcome.RESCINDED, Outcome.DECLINED})
_NEEDS_APPLICATION = frozenset({Outcome.REJECTED, Outcome.GHOSTED}) | _NEEDS_OFFER
