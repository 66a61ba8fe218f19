"""
The built-in catalog: ten rules that say what makes a search fragile (SPEC §4).

Each rule reads :class:`~pipeline_core.facts.Facts` and fires with a graded
strength, :class:`~pipeline_core.rules.Evidence` and an action (the model is
in :mod:`pipeline_core.rules._model`); their ids are a public contract. Their
thresholds and weights are parameters with documented defaults (the source
of a published figure is named beside it); change one with ``attrs.evolve``
or :meth:`pipeline_core.RuleSet.configure`.

**The lazy firing, an internal interface.** Every built-in rule is a
:class:`BuiltinRule` and writes its logic once, in
:meth:`BuiltinRule.fire_lazily`: it returns the strength and a function that
builds the whole :class:`~pipeline_core.rules.Firing` (message, action,
evidence). ``evaluate`` calls that function at once; :meth:`RuleSet.score
<pipeline_core.RuleSet.score>` reads only the strength, so the text of a
rule that fires is never written when nobody reads it.

Conventions shared by the built-in rules:

* A rule's condition compares a fact with a threshold; its **strength** grows
  linearly with the margin, from 0 at the threshold to 1 at a second
  parameter (``full_days``, …) or at the natural end of the scale, so a
  search just over a line scores a little and one far over it scores fully.
* A signed offer wins the search: no built-in rule fires once ``won`` is true.
* Overlaps are explicit. ``single-basket`` with no live opportunity at all is
  one finding at full strength, not a second rule; ``search-stalled`` and
  ``momentum-drop`` overlap (both say "you stopped applying"), so when both
  fire only the stronger counts towards the score; ``silent-employer``
  leaves verbal offers to ``verbal-offer-limbo`` and written offers to
  ``offer-deadline``; ``correlated-exposure`` needs two live opportunities
  (one is ``single-basket``'s business).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

import attrs

from pipeline_core import _checks
from pipeline_core.exceptions import InvalidValueError
from pipeline_core.facts import Facts, OpportunityFacts
from pipeline_core.opportunity import Source
from pipeline_core.pipeline import StageKind
from pipeline_core.rules._model import Evidence, Firing, Parameter, format_value
from pipeline_core.rules._operators import Operator

__all__ = [
    "BUILTIN_RULES",
    "MAX_EVIDENCE",
    "AgencyFeeDrag",
    "BuiltinRule",
    "CorrelatedExposure",
    "LazyFiring",
    "MomentumDrop",
    "OfferDeadline",
    "SearchStalled",
    "SilentEmployer",
    "SingleBasket",
    "SunkWeeks",
    "UnsignedCertainty",
    "VerbalOfferLimbo",
]


# -- parameters -------------------------------------------------------------------------------

_PARAM = "pipeline_core.param"


def _check_weight(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, maximum=100.0)


def _check_days(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, maximum=3_650.0, open_minimum=True)


def _check_share(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, maximum=0.99)


def _check_fraction(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, maximum=1.0)


def _check_positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, maximum=1_000.0, open_minimum=True)


def _check_rate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_number(value, field=attribute.name, maximum=1_000.0)


_MAX_COUNT = 1_000


def _check_count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _checks.check_count(value, field=attribute.name, minimum=1)
    if value > _MAX_COUNT:  # type: ignore[operator]
        raise InvalidValueError(
            "too large", path=attribute.name, received=value, allowed="an integer in [1, 1000]"
        )


_CHECKS: Mapping[str, Callable[[object, attrs.Attribute[Any], object], None]] = {
    "weight": _check_weight,
    "days": _check_days,
    "share": _check_share,
    "fraction": _check_fraction,
    "positive": _check_positive,
    "rate": _check_rate,
    "count": _check_count,
}


def _param(default: float, kind: str, doc: str, source: str) -> Any:  # noqa: ANN401
    return attrs.field(
        default=default,
        validator=_CHECKS[kind],
        metadata={_PARAM: (kind, doc, source)},
    )


_WEIGHTS = (
    "a judgment call, calibrated on the article's story: one strong reason is a moderate "
    "score, two a high one, three a critical one"
)


def _weight(default: float) -> Any:  # noqa: ANN401 - attrs.field's own type
    return _param(default, "weight", "Points added to the score's sum at full strength.", _WEIGHTS)


def _check_order(days: float, full_days: float) -> None:
    if full_days <= days:
        raise InvalidValueError(
            "full_days must be above days",
            path="full_days",
            received=full_days,
            allowed=f"a number above {days}",
        )


# -- message helpers --------------------------------------------------------------------------


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def _days(days: float, unit: str = "day") -> str:
    if days < 1:
        return f"less than a {unit}"
    return _count(round(days), unit)


def _ramp(excess: float, span: float) -> float:
    """
    Return the strength for ``excess`` past a threshold, reaching 1 at ``span``.
    """
    return min(1.0, excess / span)


def _ids(items: Iterable[OpportunityFacts]) -> tuple[str, ...]:
    return tuple(sorted(item.id for item in items))


_GT, _GE, _LT, _LE = Operator.GT, Operator.GE, Operator.LT, Operator.LE

MAX_EVIDENCE = 3
"""The most per-opportunity evidence items a built-in finding lists (the strongest first);
its ``opportunity_ids`` still name every opportunity concerned."""


LazyFiring = tuple[float, Callable[[], Firing]]
"""
A built-in rule's firing in two parts: its strength, and how to build the whole firing.

The strength is all a score needs; the message, action and evidence are text
and objects only a report reads. :func:`~pipeline_core.risk_history` scores
every step and never shows a finding, so a built-in rule computes its strength
first and writes the rest only when asked (``evaluate`` always asks): one body
per rule, the cost paid only by those who read it.
"""


class BuiltinRule:
    """
    What every built-in rule shares: metadata for the catalog, its parameters, the lazy firing.

    The rule set runs an instance of exactly a built-in class through
    :meth:`fire_lazily` (a subclass may override ``evaluate``, so it runs
    through ``evaluate``).
    """

    __slots__ = ()

    id: ClassVar[str]
    title: ClassVar[str]
    summary: ClassVar[str]
    """When it fires, in a sentence (the catalog's "fires when")."""
    why: ClassVar[str]
    """The article's words behind it."""
    overlaps: ClassVar[frozenset[str]] = frozenset()
    __attrs_attrs__: ClassVar[Any]
    weight: float

    def evaluate(self, facts: Facts) -> Firing | None:
        """
        Return how the rule fires on ``facts``, or ``None`` when it does not.
        """
        fired = self.fire_lazily(facts)
        return None if fired is None else fired[1]()

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        """
        The rule's logic: ``None``, or its strength and how to build the rest of its firing.

        ``evaluate(facts)`` is the built firing of this; the strength is the
        firing's (the property tests check both).

        Args:
            facts: The facts the rule reads.

        Returns:
            ``None`` when the rule does not fire, else ``(strength, build)``
            where ``build()`` returns the :class:`~pipeline_core.rules.Firing`.
        """
        raise NotImplementedError

    def parameters(self) -> dict[str, Any]:
        """
        Return the rule's parameters (``weight`` included) as plain data.
        """
        return attrs.asdict(self, recurse=False)

    @classmethod
    def parameter_specs(cls) -> tuple[Parameter, ...]:
        """
        Return the rule's parameters with their defaults, meanings and sources.
        """
        out = []
        for attribute in attrs.fields(cls):
            kind, description, source = attribute.metadata[_PARAM]
            out.append(
                Parameter(
                    name=attribute.name,
                    default=attribute.default,
                    kind=kind,
                    description=description,
                    source=source,
                )
            )
        return tuple(out)


_SPEC = "SPEC §4 starting default"
_ARTICLE = "'After the interview' (Spark Hire job seeker blog)"
_FUNNEL = (
    "with interview-to-offer about 25-40 % (NACE 2018; Lever), one late-stage process "
    "leaves a 60-75 % chance of no offer and three leave about 20-40 %"
)


@attrs.frozen(kw_only=True)
class SingleBasket(BuiltinRule):
    """
    ``single-basket``: few live opportunities past the application, or one employer holds most.

    With the outlook's chances (``top_offer_share`` known), the rule fires when
    one organisation holds more than ``max_share`` of the chance of an offer;
    without them, when fewer than ``min_live`` live opportunities are past the
    application. No live opportunity at all is this rule at full strength.
    When the goals set ``min_live``, the rule also fires when the live
    opportunities (applied or later) fall short of it; the stronger reason counts.

    Args:
        min_live: Live opportunities past the application below which it fires.
        max_share: Share of the chance of an offer above which one organisation is a basket.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "single-basket"
    title: ClassVar[str] = "All eggs in one basket"
    summary: ClassVar[str] = (
        "fewer than `min_live` live opportunities past the application, or one organisation "
        "holds more than `max_share` of the chance of an offer (when the outlook is known), "
        "or fewer live opportunities than the goals' `min_live`"
    )
    why: ClassVar[str] = '"Don\'t put all your eggs in one basket - or one job interview."'

    min_live: int = _param(
        3,
        "count",
        "Fires below this many live opportunities past the application.",
        f"{_SPEC}; {_FUNNEL}",
    )
    max_share: float = _param(
        0.6,
        "share",
        "Fires when one organisation holds more than this share of the chance of an offer.",
        _SPEC,
    )
    weight: float = _weight(3.0)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        if facts.won:
            return None
        share = facts.top_offer_share
        # The strongest of up to two reasons counts; its message is written only when asked.
        best: tuple[float, str] | None = None
        if share is not None:
            if share > self.max_share:
                best = ((share - self.max_share) / (1.0 - self.max_share), "share")
        elif facts.live_advanced < self.min_live:
            best = ((self.min_live - facts.live_advanced) / self.min_live, "advanced")
        goal = facts.min_live_goal
        if goal is not None and facts.live < goal:
            strength = (goal - facts.live) / goal
            if best is None or strength > best[0]:
                best = (strength, "goal")
        if best is None:
            return None
        return best[0], functools.partial(self._firing, facts, *best)

    def _firing(self, facts: Facts, strength: float, reason: str) -> Firing:
        if reason == "share":
            share = facts.top_offer_share
            org = facts.top_offer_organization
            evidence = Evidence(
                fact="top_offer_share", op=_GT, value=share, threshold=self.max_share
            )
            message = (
                f"{org} holds {share:.0%} of your chance of an offer: one 'no' there and "
                f"little is left."
            )
            action = (
                "Bring two more opportunities at other employers to an interview, so "
                f"that no employer holds more than {self.max_share:.0%} of your chances."
            )
            ids = _ids(o for o in facts.opportunities if o.organization == org)
        elif reason == "advanced":
            n = facts.live_advanced
            evidence = Evidence(fact="live_advanced", op=_LT, value=n, threshold=self.min_live)
            message = (
                "You have no live opportunity: everything has ended or nothing was sent."
                if facts.live == 0
                else "No live opportunity is past the application: nothing is in an interview."
                if n == 0
                else f"Only {_count(n, 'live opportunity', 'live opportunities')} "
                f"{'is' if n == 1 else 'are'} past the application; a search needs "
                f"{self.min_live} so that one 'no' does not send you back to zero."
            )
            action = (
                f"Apply to at least {2 * (self.min_live - n)} more roles this week and "
                "follow up on the applications already out, until "
                f"{self.min_live} opportunities are past the application."
            )
            ids = _ids(o for o in facts.opportunities if o.advanced)
        else:
            goal = facts.min_live_goal
            assert goal is not None  # noqa: S101 - the reason is "goal" only with a goal
            evidence = Evidence(fact="live", op=_LT, value=facts.live, threshold=goal)
            message = (
                f"{_count(facts.live, 'live opportunity', 'live opportunities')} against "
                f"your goal of {goal}."
            )
            action = (
                f"Send {goal - facts.live} more applications to get back to your goal of "
                f"{goal} live opportunities."
            )
            ids = _ids(facts.opportunities)
        return Firing(
            strength=strength,
            message=message,
            action=action,
            evidence=(evidence,),
            opportunity_ids=ids,
        )


@attrs.frozen(kw_only=True)
class SearchStalled(BuiltinRule):
    """
    ``search-stalled``: no new application for ``days`` days while something is pending.

    Strength grows from 0 at ``days`` to 1 at ``full_days``. Overlaps
    ``momentum-drop``: when both fire only the stronger counts.

    Args:
        days: Days without a new application before it fires.
        full_days: Days without a new application at which it is at full strength.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "search-stalled"
    title: ClassVar[str] = "Search stalled"
    summary: ClassVar[str] = (
        "no new application for more than `days` days while at least one opportunity is live"
    )
    why: ClassVar[str] = (
        '"You can\'t end your job search after one somewhat successful job interview."'
    )
    overlaps: ClassVar[frozenset[str]] = frozenset({"momentum-drop"})

    days: float = _param(
        7.0,
        "days",
        "Days without a new application before it fires.",
        f"{_SPEC}; a first response takes about 7 days (DEFAULT_PIPELINE)",
    )
    full_days: float = _param(
        21.0,
        "days",
        "Days without a new application for full strength.",
        f"{_ARTICLE}: an interview process wastes 'two to three weeks'",
    )
    weight: float = _weight(2.5)

    def __attrs_post_init__(self) -> None:
        _check_order(self.days, self.full_days)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        idle = facts.days_since_last_application
        if facts.won or facts.live < 1 or idle is None or idle <= self.days:
            return None
        strength = _ramp(idle - self.days, self.full_days - self.days)

        def firing() -> Firing:
            live = facts.live
            return Firing(
                strength=strength,
                message=f"No new application for {_days(idle)} while "
                f"{_count(live, 'opportunity is', 'opportunities are')} pending: the pipeline "
                "stops refilling while you wait.",
                action="Send new applications this week, even while you wait: the wait is when "
                "the next interviews are made.",
                evidence=(
                    Evidence(
                        fact="days_since_last_application", op=_GT, value=idle, threshold=self.days
                    ),
                    Evidence(fact="live", op=_GE, value=live, threshold=1),
                ),
                opportunity_ids=_ids(facts.opportunities),
            )

        return strength, firing


@attrs.frozen(kw_only=True)
class UnsignedCertainty(BuiltinRule):
    """
    ``unsigned-certainty``: the search leans on an unsigned favourite with little behind it.

    The favourite is the most advanced live opportunity with more positive
    than negative signals, or a verbal offer (a written offer is the
    candidate's to sign; ``offer-deadline`` watches it). Fires when fewer than
    ``min_backup`` opportunities past the application at other organisations
    stand behind it; strength is the missing fraction of that backup.

    Args:
        min_backup: Other live opportunities past the application wanted behind a favourite.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "unsigned-certainty"
    title: ClassVar[str] = "Counting on an unsigned offer"
    summary: ClassVar[str] = (
        "a favoured live opportunity (positive signals or a verbal offer) has fewer than "
        "`min_backup` opportunities past the application at other organisations behind it"
    )
    why: ClassVar[str] = (
        '"Nothing is certain until you have the ink drying on the page of your job offer."'
    )

    min_backup: int = _param(
        2,
        "count",
        "Other live opportunities past the application wanted behind a favourite.",
        "with a favourite's chance about 60 % (final round to offer, "
        "DEFAULT_PIPELINE) and backups about 25-40 % each (NACE 2018), two "
        "backups cut the chance of ending with nothing by more than half",
    )
    weight: float = _weight(3.0)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        backup = facts.backup
        favourite = facts.opportunity(facts.favourite) if facts.favourite is not None else None
        if facts.won or favourite is None or backup is None or backup >= self.min_backup:
            return None
        strength = (self.min_backup - backup) / self.min_backup

        def firing() -> Firing:
            why = (
                "a verbal offer"
                if favourite.stage_kind is StageKind.VERBAL_OFFER
                else _count(favourite.positive_signals, "positive signal")
            )
            return Firing(
                strength=strength,
                message=f"You are counting on {favourite.organization} ({favourite.stage}, {why}) "
                f"with {_count(backup, 'other opportunity', 'other opportunities')} past the "
                "application behind it; nothing is certain until the offer is signed.",
                action="Keep interviewing elsewhere until the written offer is signed: line up "
                f"{self.min_backup - backup} more interview(s) as a safety net.",
                evidence=(
                    Evidence(fact="favoured", op=_GE, value=facts.favoured, threshold=1),
                    Evidence(fact="backup", op=_LT, value=backup, threshold=self.min_backup),
                ),
                opportunity_ids=(favourite.id,),
            )

        return strength, firing


@attrs.frozen(kw_only=True)
class SilentEmployer(BuiltinRule):
    """
    ``silent-employer``: an employer's silence exceeds the stage's usual response window.

    The window of a stage is its ``response_days`` (from the pipeline
    definition) x 5/7 in business days, times ``scale``: 10 business days
    after an application and 5 after an interview in the default pipeline.
    Each silent opportunity's strength grows from 0 at the window to 1 at
    ``full_factor`` windows; silence after a mere application counts
    ``applied_factor`` as much, since most applications never get an answer.
    The finding's strength is the strongest opportunity's; its evidence lists
    the :data:`MAX_EVIDENCE` strongest, its ``opportunity_ids`` all of them.

    Args:
        scale: Multiplies every stage's window (1 keeps the pipeline's figures).
        full_factor: Windows of silence at which it is at full strength.
        applied_factor: How much silence after an application counts, in [0, 1].
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "silent-employer"
    title: ClassVar[str] = "Silent employer"
    summary: ClassVar[str] = (
        "a live opportunity awaiting the employer has been silent for more business days than "
        "its stage's response window (x `scale`)"
    )
    why: ClassVar[str] = '"The ball is not in your court now."'

    scale: float = _param(
        1.0,
        "positive",
        "Multiplies every stage's response window.",
        "windows: applied 10 business days, interviews 5-7 (SPEC §4; "
        "DEFAULT_PIPELINE response_days)",
    )
    full_factor: float = _param(
        2.0,
        "positive",
        "Windows of silence for full strength.",
        "a judgment call: twice the usual wait",
    )
    applied_factor: float = _param(
        0.5,
        "fraction",
        "Weight of silence after a mere application.",
        "about 3 % of applications lead to an "
        "interview (CareerPlug 2024): silence is the usual answer",
    )
    weight: float = _weight(2.0)

    def __attrs_post_init__(self) -> None:
        if self.full_factor <= 1:
            raise InvalidValueError(
                "full_factor must be above 1",
                path="full_factor",
                received=self.full_factor,
                allowed="a number above 1",
            )

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        if facts.won:
            return None
        silent: list[tuple[float, OpportunityFacts, float]] = []
        for item in facts.opportunities:
            if item.response_window is None:
                continue
            window = item.response_window * self.scale
            quiet = item.business_days_silent
            if quiet <= window:
                continue
            strength = _ramp(quiet - window, window * (self.full_factor - 1.0))
            if not item.advanced:
                strength *= self.applied_factor
            if strength > 0:
                silent.append((strength, item, window))
        if not silent:
            return None

        def firing() -> Firing:
            silent.sort(key=lambda entry: (-entry[0], entry[1].id))
            strength, top, window = silent[0]
            others = len(silent) - 1
            silence = _days(top.business_days_silent, "business day")
            message = (
                f"{top.organization} has been silent for {silence} at {top.stage} "
                f"(a usual answer comes within {_days(window, 'business day')})"
            )
            if others:
                message += f", and {_count(others, 'other employer')} went quiet too"
            return Firing(
                strength=strength,
                message=message + ".",
                action=f"Send {top.organization} a short follow-up; without an answer in a week, "
                "count it as unlikely and put the time into new applications.",
                evidence=tuple(
                    Evidence(
                        fact="business_days_silent",
                        op=_GT,
                        value=item.business_days_silent,
                        threshold=window,
                        opportunity_id=item.id,
                    )
                    for _, item, window in silent[:MAX_EVIDENCE]
                ),
                opportunity_ids=_ids(item for _, item, _ in silent),
            )

        # The strongest silence is the finding's strength (the first once sorted by firing()).
        return max(entry[0] for entry in silent), firing


_FULL_DRAG = 0.2
"""The drag (1 - conversion factor) at which ``agency-fee-drag`` is at full strength: x 0.8."""


@attrs.frozen(kw_only=True)
class AgencyFeeDrag(BuiltinRule):
    """
    ``agency-fee-drag``: a late-stage opportunity came through an agency recruiter.

    The employer pays the agency 15-25 % of first-year pay (up to 35 % for
    executive and niche roles), so at the end it may prefer a cheaper
    candidate; SPEC's starting figure is a conversion of x 0.8. Strength is
    the share of late-stage opportunities that came through an agency, scaled
    by the drag (full at x 0.8, none at x 1).

    Args:
        conversion_factor: The agency candidate's chance of the final yes,
            relative to a direct candidate.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "agency-fee-drag"
    title: ClassVar[str] = "Agency fee drag"
    summary: ClassVar[str] = (
        "a live late-stage opportunity came through an agency recruiter; strength is their "
        "share of the late-stage pipeline"
    )
    why: ClassVar[str] = (
        '"The difference wasn\'t worth the recruiter fee we would have paid to get you."'
    )

    conversion_factor: float = _param(
        0.8,
        "fraction",
        "Chance of the final yes for an agency candidate, relative to a direct one.",
        f"{_SPEC}; agency fees are 15-25 % of first-year pay, up to 35 % for executive or niche "
        "roles (staffing-agency fee guides, 2024-2026, e.g. Rocket 'How much do recruiting "
        "agencies charge?')",
    )
    weight: float = _weight(1.0)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        share = facts.agency_late_share
        drag = min(1.0, (1.0 - self.conversion_factor) / _FULL_DRAG)
        if facts.won or facts.agency_late < 1 or share is None or drag <= 0:
            return None
        strength = share * drag

        def firing() -> Firing:
            agency = [
                o for o in facts.opportunities if o.late and o.source is Source.AGENCY_RECRUITER
            ]
            names = ", ".join(sorted({o.organization for o in agency}))
            return Firing(
                strength=strength,
                message=f"{names} came through an agency recruiter: the employer would pay a fee "
                "of 15-25 % of first-year pay on top of your salary, which can tip a close "
                "decision to a direct candidate (a yes is about "
                f"x {self.conversion_factor:g} as likely).",
                action="Keep late-stage processes running that came without an agency (direct "
                "applications, referrals) so the fee does not decide your search.",
                evidence=(
                    Evidence(fact="agency_late", op=_GE, value=facts.agency_late, threshold=1),
                    Evidence(fact="agency_late_share", op=_GT, value=share, threshold=0.0),
                ),
                opportunity_ids=_ids(agency),
            )

        return strength, firing


@attrs.frozen(kw_only=True)
class CorrelatedExposure(BuiltinRule):
    """
    ``correlated-exposure``: live opportunities concentrated in one organisation, industry, place.

    One event can end them all: the returning employee, a hiring freeze, the
    hurricane. Fires when at least ``min_live`` opportunities are live and one
    organisation, industry or location holds more than ``max_share`` of them
    (unrecorded industries and locations count as different); strength grows
    from 0 at ``max_share`` to 1 when all are in one.

    Args:
        max_share: Share of live opportunities in one group above which it fires.
        min_live: Live opportunities needed before concentration is measured.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "correlated-exposure"
    title: ClassVar[str] = "Correlated exposure"
    summary: ClassVar[str] = (
        "at least `min_live` live opportunities and more than `max_share` of them in one "
        "organisation, industry or location"
    )
    why: ClassVar[str] = (
        '"An old employee might return from their pilgrimage to Tibet ... Hurricane Sandy could '
        'destroy the building."'
    )

    max_share: float = _param(0.5, "share", "Share in one group above which it fires.", _SPEC)
    min_live: int = _param(
        2,
        "count",
        "Live opportunities before concentration is measured.",
        "one live opportunity is single-basket's business",
    )
    weight: float = _weight(1.5)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        if facts.won or facts.live < self.min_live:
            return None
        groups = (
            (
                "organization",
                "top_organization_share",
                facts.top_organization_share,
                facts.top_organization,
            ),
            ("industry", "top_industry_share", facts.top_industry_share, facts.top_industry),
            ("location", "top_location_share", facts.top_location_share, facts.top_location),
        )
        fired = [
            (dimension, fact, share, name)
            for dimension, fact, share, name in groups
            if share is not None and share > self.max_share
        ]
        if not fired:
            return None
        span = 1.0 - self.max_share
        strength = max((share - self.max_share) / span for _, _, share, _ in fired)

        def firing() -> Firing:
            parts = [f"{share:.0%} in {dimension} {name}" for dimension, _, share, name in fired]
            members = {
                "organization": lambda o, name: o.organization == name,
                "industry": lambda o, name: o.industry == name,
                "location": lambda o, name: o.location == name,
            }
            return Firing(
                strength=strength,
                message=f"Your {facts.live} live opportunities are concentrated: "
                + "; ".join(parts)
                + ". One freeze, one returning employee or one storm can end them together.",
                action="Spread the next applications over other employers, industries and places.",
                evidence=(
                    Evidence(fact="live", op=_GE, value=facts.live, threshold=self.min_live),
                    *(
                        Evidence(fact=fact, op=_GT, value=share, threshold=self.max_share)
                        for _, fact, share, _ in fired
                    ),
                ),
                opportunity_ids=_ids(
                    o
                    for o in facts.opportunities
                    if any(members[dimension](o, name) for dimension, _, _, name in fired)
                ),
            )

        return strength, firing


@attrs.frozen(kw_only=True)
class SunkWeeks(BuiltinRule):
    """
    ``sunk-weeks``: weeks spent in one process with nothing else past the application.

    Fires when the only live opportunity past the application has run for
    more than ``days`` days since the application; strength grows to 1 at
    ``full_days``.

    Args:
        days: Days in one process before it fires.
        full_days: Days in one process at which it is at full strength.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "sunk-weeks"
    title: ClassVar[str] = "Sunk weeks"
    summary: ClassVar[str] = (
        "the only live opportunity past the application has run for more than `days` days"
    )
    why: ClassVar[str] = (
        '"If you do then you just wasted two to three weeks during the job interview process '
        'achieving nothing."'
    )

    days: float = _param(
        14.0,
        "days",
        "Days in one process before it fires.",
        f"{_SPEC}; {_ARTICLE}: 'two to three weeks'",
    )
    full_days: float = _param(
        28.0,
        "days",
        "Days in one process for full strength.",
        "a whole interview process takes about 24 days (Glassdoor 2017)",
    )
    weight: float = _weight(2.0)

    def __attrs_post_init__(self) -> None:
        _check_order(self.days, self.full_days)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        days = facts.longest_process_days
        process = facts.opportunity(facts.longest_process) if facts.longest_process else None
        if facts.won or process is None or days is None or facts.live_advanced > 1:
            return None
        if days <= self.days:
            return None
        strength = _ramp(days - self.days, self.full_days - self.days)

        def firing() -> Firing:
            return Firing(
                strength=strength,
                message=f"{days / 7:.1f} weeks in {process.organization}'s process with nothing "
                "else past the application: if it falls through, you start again from zero.",
                action="Start two or three other processes now, so the weeks you put into this "
                "one are not your only bet.",
                evidence=(
                    Evidence(fact="longest_process_days", op=_GT, value=days, threshold=self.days),
                    Evidence(fact="live_advanced", op=_LE, value=facts.live_advanced, threshold=1),
                ),
                opportunity_ids=(process.id,),
            )

        return strength, firing


@attrs.frozen(kw_only=True)
class VerbalOfferLimbo(BuiltinRule):
    """
    ``verbal-offer-limbo``: a verbal offer with no written offer after ``days`` business days.

    Strength grows from 0 at ``days`` to 1 at ``full_days`` business days, by
    the longest wait; the evidence lists the :data:`MAX_EVIDENCE` longest.

    Args:
        days: Business days after a verbal offer before it fires.
        full_days: Business days at which it is at full strength.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "verbal-offer-limbo"
    title: ClassVar[str] = "Verbal offer in limbo"
    summary: ClassVar[str] = (
        "a verbal offer has waited more than `days` business days for the written one"
    )
    why: ClassVar[str] = '"Nothing is certain until you have the ink drying on the page."'

    days: float = _param(5.0, "days", "Business days after a verbal offer before it fires.", _SPEC)
    full_days: float = _param(
        10.0,
        "days",
        "Business days after a verbal offer for full strength.",
        "two working weeks: twice the starting default",
    )
    weight: float = _weight(2.0)

    def __attrs_post_init__(self) -> None:
        _check_order(self.days, self.full_days)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        longest = facts.max_verbal_offer_business_days
        if facts.won or longest is None or longest <= self.days:
            return None
        strength = _ramp(longest - self.days, self.full_days - self.days)

        def firing() -> Firing:
            waits = [
                (o.verbal_offer_business_days, o)
                for o in facts.opportunities
                if o.verbal_offer_business_days is not None
                and o.verbal_offer_business_days > self.days
            ]
            waits.sort(key=lambda entry: (-entry[0], entry[1].id))
            waiting = [o for _, o in waits]
            first = waiting[0]
            return Firing(
                strength=strength,
                message=f"{first.organization}'s verbal offer has waited "
                f"{_days(longest, 'business day')} for the written one; a verbal offer is not an "
                "offer yet.",
                action=f"Ask {first.organization} for the written offer and a date, and keep your "
                "other processes going until it is signed.",
                evidence=tuple(
                    Evidence(
                        fact="verbal_offer_business_days",
                        op=_GT,
                        value=o.verbal_offer_business_days,
                        threshold=self.days,
                        opportunity_id=o.id,
                    )
                    for o in waiting[:MAX_EVIDENCE]
                ),
                opportunity_ids=_ids(waiting),
            )

        return strength, firing


@attrs.frozen(kw_only=True)
class OfferDeadline(BuiltinRule):
    """
    ``offer-deadline``: a written offer's deadline is near while other late processes are pending.

    Fires when the nearest deadline is less than ``days`` days away (or has
    passed) and at least one other late-stage opportunity is still being
    decided; strength grows from 0 at ``days`` to 1 at the deadline.

    Args:
        days: Days before a deadline at which it fires.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "offer-deadline"
    title: ClassVar[str] = "Offer deadline"
    summary: ClassVar[str] = (
        "a written offer's deadline is less than `days` days away while another late-stage "
        "opportunity is pending"
    )
    why: ClassVar[str] = '"Have more than one job interview lined up."'

    days: float = _param(3.0, "days", "Days before a deadline at which it fires.", _SPEC)
    weight: float = _weight(2.0)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        left = facts.nearest_offer_deadline_days
        if facts.won or left is None or left >= self.days or facts.late_pending < 1:
            return None
        strength = min(1.0, (self.days - left) / self.days)

        def firing() -> Firing:
            due = [
                o
                for o in facts.opportunities
                if o.deadline_days is not None and o.deadline_days < self.days
            ]
            first = min(due, key=lambda o: (o.deadline_days or 0.0, o.id))
            when = "has passed" if left < 0 else f"is in {_days(left)}"
            pending = facts.late_pending
            return Firing(
                strength=strength,
                message=f"{first.organization}'s offer deadline {when}, while "
                f"{_count(pending, 'other late-stage process', 'other late-stage processes')} "
                f"{'is' if pending == 1 else 'are'} still pending.",
                action="Tell the other employers you hold an offer and ask for their decision, or "
                f"ask {first.organization} for more time.",
                evidence=(
                    Evidence(
                        fact="nearest_offer_deadline_days", op=_LT, value=left, threshold=self.days
                    ),
                    Evidence(fact="late_pending", op=_GE, value=pending, threshold=1),
                ),
                opportunity_ids=_ids(due),
            )

        return strength, firing


@attrs.frozen(kw_only=True)
class MomentumDrop(BuiltinRule):
    """
    ``momentum-drop``: the weekly application rate is below the goal, or falling.

    Two reasons, the stronger counts: the rate over the last four weeks is
    below the goals' ``weekly_applications`` (strength: the missing fraction),
    or it fell below ``1 - min_drop`` of the rate of the four weeks before,
    when that earlier rate was at least ``min_previous_rate`` (strength grows
    to 1 when applications stop). Overlaps ``search-stalled``.

    Args:
        min_drop: The fall, as a fraction of the previous rate, before it fires.
        min_previous_rate: The previous weekly rate below which no trend is read.
        weight: Points at full strength.

    .. versionadded:: 0.1.0
    """

    id: ClassVar[str] = "momentum-drop"
    title: ClassVar[str] = "Momentum drop"
    summary: ClassVar[str] = (
        "the weekly application rate is below the goal, or below (1 - `min_drop`) of the rate "
        "of the four weeks before"
    )
    why: ClassVar[str] = '"Keep moving that train forward, even when a stop seems close."'
    overlaps: ClassVar[frozenset[str]] = frozenset({"search-stalled"})

    min_drop: float = _param(
        0.25,
        "share",
        "Fall of the weekly rate, as a fraction, before it fires.",
        "a judgment call, not a published figure",
    )
    min_previous_rate: float = _param(
        1.0,
        "rate",
        "Previous weekly rate below which no trend is read.",
        "a judgment call: one application a week",
    )
    weight: float = _weight(1.5)

    def fire_lazily(self, facts: Facts) -> LazyFiring | None:
        if facts.won:
            return None
        rate = facts.weekly_application_rate
        # Up to two reasons, by name; the strongest counts (the first on a tie).
        reasons: list[tuple[float, str]] = []
        goal = facts.weekly_application_goal
        if goal is not None and rate < goal:
            reasons.append(((goal - rate) / goal, "goal"))
        trend = facts.application_trend
        previous = facts.previous_weekly_application_rate
        floor = 1.0 - self.min_drop
        if (
            trend is not None
            and previous is not None
            and previous >= self.min_previous_rate
            and trend < floor
        ):
            reasons.append(((floor - trend) / floor, "trend"))
        if not reasons:
            return None
        strength, reason = max(reasons, key=lambda entry: entry[0])
        return strength, functools.partial(self._firing, facts, strength, reason)

    def _firing(self, facts: Facts, strength: float, reason: str) -> Firing:
        rate = facts.weekly_application_rate
        shown = format_value(rate)
        goal = facts.weekly_application_goal
        evidence: tuple[Evidence, ...]
        if reason == "goal":
            evidence = (
                Evidence(fact="weekly_application_rate", op=_LT, value=rate, threshold=goal),
            )
            message = f"You send {shown} applications a week against a goal of {goal:g}."
        else:
            trend = facts.application_trend
            previous = facts.previous_weekly_application_rate
            evidence = (
                Evidence(
                    fact="application_trend", op=_LT, value=trend, threshold=1.0 - self.min_drop
                ),
                Evidence(
                    fact="previous_weekly_application_rate",
                    op=_GE,
                    value=previous,
                    threshold=self.min_previous_rate,
                ),
            )
            message = f"Your application rate fell from {format_value(previous)} to {shown} a week."
        return Firing(
            strength=strength,
            message=message + " Optimism after a good interview is when searches slow down.",
            action="Block time for applications every week, whatever is pending: "
            f"aim for {goal:g} a week."
            if goal is not None
            else "Block time for applications every week, whatever is pending.",
            evidence=evidence,
        )


BUILTIN_RULES: Mapping[str, type[BuiltinRule]] = {
    rule.id: rule
    for rule in (
        SingleBasket,
        SearchStalled,
        UnsignedCertainty,
        SilentEmployer,
        AgencyFeeDrag,
        CorrelatedExposure,
        SunkWeeks,
        VerbalOfferLimbo,
        OfferDeadline,
        MomentumDrop,
    )
}
"""The built-in rule classes by id, in catalog order (SPEC §4)."""
