"""
The results of a forecast: :class:`Outlook` for the search, :class:`OpportunityOutlook` for each.

An :class:`Outlook` keeps its per-opportunity figures as named rows
(:class:`~pipeline_core.outlook._rows.OpportunityRow`) and builds the
:class:`OpportunityOutlook` objects only when read. The figures that cost more than
the rest of a forecast (the correlated variant, the first offer's timing) are
computed on first read. Its text and HTML are drawn by
:mod:`pipeline_core.render._outlook`, registered on the views of
:mod:`pipeline_core._views`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from pipeline_core import _checks
from pipeline_core._views import explain_view, html_view, summary_view, text_view
from pipeline_core.exceptions import DecodeError, UnknownOpportunityError, WrongTypeError
from pipeline_core.instants import format_instant, parse_instant
from pipeline_core.opportunity import Source
from pipeline_core.outcomes import Outcome
from pipeline_core.outlook import _math
from pipeline_core.outlook._model import OutlookModel
from pipeline_core.outlook._rows import (
    OpportunityRecord,
    OpportunityRow,
    OutlookStatus,
    combine,
    representatives,
)
from pipeline_core.outlook._safety_net import (
    MAX_APPLICATIONS,
    check_applications,
    check_source,
    check_target,
    fewest_applications,
    fresh_records,
    p_none_with,
)
from pipeline_core.outlook._table import HorizonTable, horizon_table

__all__ = ["OpportunityOutlook", "Outlook", "OutlookStatus", "assemble"]

_CHANCE_KEYS = (
    "p_offer",
    "p_offer_within_horizon",
    "p_alive",
    "share",
    "prior_chance",
    "stage_chance",
    "rest_chance",
    "p_on_time",
)


@attrs.frozen(kw_only=True)
class OpportunityOutlook:
    """
    The outlook for one opportunity: its chances, its timing, and what they rest on.

    Built by :func:`forecast` (and read back by :meth:`from_dict`, which
    validates); the figures are plain floats so that rules can read them as facts.

    Attributes:
        id: The opportunity's id.
        organization: Its organisation.
        source: How it came.
        stage: Its stage as of the forecast.
        status: How it was counted (see :class:`OutlookStatus`).
        outcome: Its outcome, if it has ended.
        hypothetical: ``True`` for a fresh application added by
            :meth:`Outlook.with_applications`.
        p_offer: The chance of an offer eventually (a written offer that holds).
        p_offer_within_horizon: The chance of that offer within the horizon.
        p_alive: The chance the employer is still going to answer, given the
            silence (1 for an opportunity that awaits no answer, 0 once closed).
        silence_days: Days since the employer last said anything (or since the
            stage began), as of the forecast; ``None`` when not pending.
        expected_days_to_offer: The expected days until the offer if it comes
            (the decision); ``None`` when no offer can come.
        prior_chance: The chance of an offer before silence and signals: the
            product of the chances ahead, source factors included.
        stage_chance: The current stage's chance of moving on (source factor included).
        rest_chance: The product of the chances after the current stage.
        p_on_time: The chance the offer, if it comes, comes within the horizon.
        signal_ratio: What the counted signals multiplied the odds of an offer by.
        positive_signals: Positive signals counted (capped by the model).
        negative_signals: Negative signals counted (capped by the model).
        application_factor: The source's factor applied to the application stage
            (1 when that stage is behind it).
        decision_factor: The source's factor applied to the hiring decision
            (1 when the decision is behind it).
        share: Its share of the search's expected offers within the horizon.
        contribution: How much ``p_any_offer`` would drop without it.
        represents_organization: Whether it is the one that stands for its
            organisation at the search level (the most promising one there).

    .. versionadded:: 0.1.0
    """

    id: str
    organization: str
    source: Source
    stage: str
    status: OutlookStatus
    outcome: Outcome | None
    hypothetical: bool
    p_offer: float
    p_offer_within_horizon: float
    p_alive: float
    silence_days: float | None
    expected_days_to_offer: float | None
    prior_chance: float
    stage_chance: float
    rest_chance: float
    p_on_time: float
    signal_ratio: float
    positive_signals: int
    negative_signals: int
    application_factor: float
    decision_factor: float
    share: float
    contribution: float
    represents_organization: bool

    @property
    def is_pending(self) -> bool:
        """
        Whether the opportunity was counted as pending (applied, live).
        """
        return self.status is OutlookStatus.PENDING

    def to_dict(self) -> dict[str, Any]:
        """
        Return the figures as JSON-safe primitives; :meth:`from_dict` reads them back.
        """
        return {
            "id": self.id,
            "organization": self.organization,
            "source": self.source.value,
            "stage": self.stage,
            "status": self.status.value,
            "outcome": None if self.outcome is None else self.outcome.value,
            "hypothetical": self.hypothetical,
            "p_offer": self.p_offer,
            "p_offer_within_horizon": self.p_offer_within_horizon,
            "p_alive": self.p_alive,
            "silence_days": self.silence_days,
            "expected_days_to_offer": self.expected_days_to_offer,
            "prior_chance": self.prior_chance,
            "stage_chance": self.stage_chance,
            "rest_chance": self.rest_chance,
            "p_on_time": self.p_on_time,
            "signal_ratio": self.signal_ratio,
            "positive_signals": self.positive_signals,
            "negative_signals": self.negative_signals,
            "application_factor": self.application_factor,
            "decision_factor": self.decision_factor,
            "share": self.share,
            "contribution": self.contribution,
            "represents_organization": self.represents_organization,
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> OpportunityOutlook:
        """
        Build the figures from :meth:`to_dict` output, validating every value.

        Raises:
            DecodeError: the data is not valid; the error names the path.
        """
        keys = frozenset(attrs.fields_dict(cls))
        fields = _checks.read_object(data, path, required=keys, optional=frozenset())
        values: dict[str, Any] = {}
        for key in ("id", "organization", "stage"):
            values[key] = _decoded(path, key, lambda v, f: _checks.check_text(v, field=f), fields)
        values["source"] = _decoded(
            path, "source", lambda v, f: _checks.check_enum(Source, v, field=f), fields
        )
        values["status"] = _decoded(
            path, "status", lambda v, f: _checks.check_enum(OutlookStatus, v, field=f), fields
        )
        values["outcome"] = _decoded(
            path,
            "outcome",
            lambda v, f: None if v is None else _checks.check_enum(Outcome, v, field=f),
            fields,
        )
        for key in ("hypothetical", "represents_organization"):
            values[key] = _decoded(path, key, _check_bool, fields)
        for key in _CHANCE_KEYS:
            values[key] = _decoded(path, key, _check_unit, fields)
        for key in ("silence_days", "expected_days_to_offer"):
            values[key] = _decoded(path, key, _check_optional_nonnegative, fields)
        values["contribution"] = _decoded(path, "contribution", _check_unit, fields)
        for key in ("signal_ratio", "application_factor", "decision_factor"):
            values[key] = _decoded(
                path, key, lambda v, f: _checks.check_number(v, field=f, maximum=1e12), fields
            )
        for key in ("positive_signals", "negative_signals"):
            values[key] = _decoded(path, key, lambda v, f: _checks.check_count(v, field=f), fields)
        return cls(**values)


def _decoded(
    path: str,
    key: str,
    check: Callable[[Any, str], Any],
    fields: Mapping[str, Any],
) -> Any:  # noqa: ANN401 - whatever the check returns
    """
    Return ``check(fields[key], path.key)``; an error it raises names that path.
    """
    return _checks.build_at("", lambda: check(fields[key], _checks.join_path(path, key)))


def _check_bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise WrongTypeError(
            "expected a boolean", path=field, received=value, allowed="true or false"
        )
    return value


def _check_unit(value: object, field: str) -> float:
    return _checks.check_number(value, field=field, minimum=0.0, maximum=1.0)


def _check_optional_nonnegative(value: object, field: str) -> float | None:
    if value is None:
        return None
    return _checks.check_number(value, field=field)


def _check_days_value(value: object, field: str) -> float:
    return _checks.check_number(
        value, field=field, open_minimum=True, maximum=_checks.MAX_HORIZON_DAYS
    )


def _check_offers(value: object, field: str) -> float:
    return _checks.check_number(value, field=field, maximum=1e9)


def _check_rows(value: object) -> tuple[OpportunityRow, ...]:
    return _checks.check_tuple(value, field="rows")


_FIELD_NAMES = tuple(attrs.fields_dict(OpportunityOutlook))


def _row_of(item: OpportunityOutlook) -> OpportunityRow:
    return OpportunityRow._make(getattr(item, name) for name in _FIELD_NAMES)


def _survival(
    offers: list[float], phases: list[int], grid: tuple[tuple[float, ...], ...]
) -> list[float]:
    """
    ``G(t)`` = P(no offer by ``t``) = prod(1 - P(offer) F(t)) at each point of the grid.

    ``F`` is the chance that an offer, if it comes, has come by ``t``: the grid's row
    of the offer's phase.
    """
    survival = [1.0] * len(grid[0])
    for chance, phase in zip(offers, phases, strict=True):
        if chance > 0.0:
            survival = [
                alive * (1.0 - chance * done)
                for alive, done in zip(survival, grid[phase], strict=True)
            ]
    return survival


def _first_offer_days(
    offers: list[float], phases: list[int], grid: tuple[tuple[float, ...], ...], step: float
) -> float | None:
    """
    Return E[days to the first offer | an offer within the horizon], or ``None`` if none can come.

    With ``G(t)`` = P(no offer by ``t``), the answer is the integral of
    ``G(t) - G(H)`` over ``[0, H]``, divided by ``1 - G(H)``.
    """
    survival = _survival(offers, phases, grid)
    at_horizon = survival[-1]
    if at_horizon >= 1.0:
        return None
    area = _math.simpson([value - at_horizon for value in survival], step)
    return max(0.0, area / (1.0 - at_horizon))


@attrs.frozen(kw_only=True)
class Outlook:
    """
    The outlook for a search: the chance of an offer within the horizon, and what it rests on.

    Returned by :func:`forecast` (or read back by :meth:`from_dict`). Every
    figure is a plain float, so rules can read them as facts; :meth:`to_dict`
    and :meth:`from_dict` round-trip it exactly; ``str()`` explains every
    figure and Jupyter renders it as HTML.

    Attributes:
        as_of: The instant of the forecast (UTC).
        horizon_days: The horizon, in days.
        model: The parameters used.
        p_any_offer: P(at least one offer within the horizon), organisations independent.
        p_no_offer: ``1 - p_any_offer``, computed directly (the safety net's figure).
        expected_offers: The expected number of organisations making an offer
            within the horizon.
        p_fresh_application: The chance that one application sent now (from no
            particular source) becomes an offer within the horizon.
        rows: The per-opportunity figures, compactly: one named tuple
            (:class:`~pipeline_core.outlook._rows.OpportunityRow`) per opportunity,
            with :class:`OpportunityOutlook`'s fields. Read them as objects through
            :attr:`opportunities`.

    .. versionadded:: 0.1.0
    """

    as_of: dt.datetime
    horizon_days: float
    model: OutlookModel
    p_any_offer: float
    p_no_offer: float
    expected_offers: float
    p_fresh_application: float
    rows: tuple[OpportunityRow, ...] = attrs.field(converter=_check_rows, repr=False)
    # Caches of figures derived from the fields above, filled on first read: the
    # correlated variant and the first offer's timing cost more than the rest of a
    # forecast, and the risk engine does not need them to score a search.
    _objects: tuple[OpportunityOutlook, ...] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _correlated: float | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )
    _first_offer: tuple[float | None] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    @property
    def p_any_offer_correlated(self) -> float:
        """
        P(at least one offer within the horizon) with organisations tied by the shared factor.

        One-factor Gaussian copula with correlation ``model.correlation``:
        never above :attr:`p_any_offer` (independence is optimistic).
        """
        cached = self._correlated
        if cached is None:
            correlated = _math.p_none_correlated(self._chances(), self.model.correlation)
            cached = 1.0 - max(self.p_no_offer, correlated)
            object.__setattr__(self, "_correlated", cached)
        return cached

    @property
    def expected_days_to_first_offer(self) -> float | None:
        """
        The expected days to the first offer, given one comes within the horizon.

        0 once won; ``None`` when no offer can come within the horizon.
        """
        cached = self._first_offer
        if cached is None:
            table = self._table()
            offers, phases = self._offers()
            cached = (_first_offer_days(offers, phases, table.grid, table.step),)
            object.__setattr__(self, "_first_offer", cached)
        return cached[0]

    def offer_curve(self) -> tuple[tuple[float, float], ...]:
        """
        The chance of at least one offer by each day of the horizon, as ``(day, chance)`` pairs.

        The days run from 0 to the horizon on the model's time grid (the one
        :attr:`expected_days_to_first_offer` integrates over). With
        ``G(t) = prod(1 - P(offer) F(t))`` over the organisations' representatives
        (``F`` the chance that an offer, if it comes, has come by day ``t``),
        the chance is ``1 - G(t)``: it starts at 0 (or 1 once won), never
        decreases, and ends at :attr:`p_any_offer`. The curve of
        ``with_applications(k)`` includes the ``k`` fresh applications.

        Returns:
            The pairs, in increasing order of day.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        step = table.step
        if self.won:
            return tuple((index * step, 1.0) for index in range(len(table.grid[0])))
        survival = _survival(*self._offers(), table.grid)
        # The last point is the headline figure itself, not a recomputation of it.
        curve = [(index * step, 1.0 - alive) for index, alive in enumerate(survival)]
        curve[-1] = (self.horizon_days, self.p_any_offer)
        return tuple(curve)

    def _table(self) -> HorizonTable:
        return horizon_table(self.model, self.horizon_days)

    def _chances(self) -> list[float]:
        """
        The chances within the horizon of the organisations' representatives, in order.
        """
        rows = self.rows
        return [rows[position].p_offer_within_horizon for position in representatives(rows)]

    def _offers(self) -> tuple[list[float], list[int]]:
        """
        The representatives' chances of an offer eventually, and the phases their waits start at.
        """
        chain = self._table().chain
        chosen = [self.rows[position] for position in representatives(self.rows)]
        return (
            [row.p_offer for row in chosen],
            [chain.phase_of(row.stage, row.source) for row in chosen],
        )

    # -- reading -------------------------------------------------------------------------------

    @property
    def opportunities(self) -> tuple[OpportunityOutlook, ...]:
        """
        One :class:`OpportunityOutlook` per opportunity, in the search's order.
        """
        objects = self._objects
        if objects is None:
            objects = tuple(OpportunityOutlook(**row._asdict()) for row in self.rows)
            # A cache of values derived from immutable fields: the outlook stays immutable.
            object.__setattr__(self, "_objects", objects)
        return objects

    @property
    def horizon(self) -> dt.timedelta:
        """
        The horizon as a :class:`datetime.timedelta`.
        """
        return dt.timedelta(days=self.horizon_days)

    @property
    def correlation(self) -> float:
        """
        The shared factor's correlation behind :attr:`p_any_offer_correlated`.
        """
        return self.model.correlation

    @property
    def won(self) -> bool:
        """
        Whether an offer was signed: the search is over, and P(offer) is 1.
        """
        return any(row.status is OutlookStatus.WON for row in self.rows)

    @property
    def by_opportunity(self) -> Mapping[str, float]:
        """
        Each opportunity's chance of an offer within the horizon, by id (0 when not pending).
        """
        return MappingProxyType({row.id: row.p_offer_within_horizon for row in self.rows})

    @property
    def shares(self) -> Mapping[str, float]:
        """
        Each opportunity's share of the expected offers within the horizon, by id.
        """
        return MappingProxyType({row.id: row.share for row in self.rows})

    @property
    def by_organization(self) -> Mapping[str, float]:
        """
        Each organisation's chance of an offer within the horizon (its most promising opportunity).
        """
        return MappingProxyType(
            {
                row.organization: row.p_offer_within_horizon
                for row in self.rows
                if row.represents_organization
            }
        )

    @property
    def organization_shares(self) -> Mapping[str, float]:
        """
        Each organisation's share of :attr:`expected_offers`.
        """
        total = self.expected_offers
        return MappingProxyType(
            {
                name: chance / total if total > 0.0 else 0.0
                for name, chance in self.by_organization.items()
            }
        )

    @property
    def largest_share(self) -> float:
        """
        The largest share one opportunity holds of the expected offers (0 when there are none).
        """
        return max((row.share for row in self.rows), default=0.0)

    @property
    def largest_organization_share(self) -> float:
        """
        The largest share one organisation holds of the expected offers (0 when there are none).
        """
        return max(self.organization_shares.values(), default=0.0)

    @property
    def counts(self) -> Mapping[str, int]:
        """
        How many opportunities were counted as pending, won, closed and not applied.
        """
        tally = dict.fromkeys((status.value for status in OutlookStatus), 0)
        for row in self.rows:
            tally[row.status.value] += 1
        return MappingProxyType(tally)

    def get(self, opportunity_id: str) -> OpportunityOutlook:
        """
        Return the outlook of one opportunity.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
        """
        for position, row in enumerate(self.rows):
            if row.id == opportunity_id:
                return self.opportunities[position]
        raise UnknownOpportunityError(
            "no opportunity has this id",
            path="opportunity_id",
            received=opportunity_id,
            allowed=", ".join(repr(row.id) for row in self.rows) or "none: the search is empty",
        )

    # -- the safety net (see _safety_net) ------------------------------------------------------

    def applications_needed(
        self,
        target: float = 0.2,
        *,
        source: Source | str | None = None,
        correlated: bool = False,
        limit: int = MAX_APPLICATIONS,
    ) -> int | None:
        """
        Return how many applications sent now bring P(no offer within the horizon) to ``target``.

        The smallest ``k`` for which ``with_applications(k).p_no_offer <= target``
        (with ``correlated=True``: ``1 - with_applications(k).p_any_offer_correlated``).
        Each fresh application starts at the application stage with no
        silence, at an organisation of its own, and counts only as far as it
        can become an offer within the horizon — so a short horizon may need
        many applications, or no number may be enough.

        Args:
            target: The highest acceptable chance of no offer, in [0, 1].
            source: The source of the fresh applications (``None``: the
                published average applicant, no source adjustment).
            correlated: Use the correlated variant (organisations tied by the
                shared factor) instead of independence.
            limit: The most applications considered, at most :data:`MAX_APPLICATIONS`.

        Returns:
            The number of applications (0 when the search already meets the
            target, or is won); ``None`` when no number up to ``limit`` does —
            typically because a fresh application rarely becomes an offer
            within the horizon.

        Raises:
            InvalidValueError: ``target`` is outside [0, 1] or ``limit`` is out of range.
            WrongTypeError: an argument has the wrong type.
        """
        goal = check_target(target)
        most = check_applications(limit, field="limit")
        _, _, chance = self._table().fresh(check_source(source))
        chances = self._chances()
        correlation = self.model.correlation if correlated else None

        def meets(count: int) -> bool:
            return p_none_with(chances, count, chance, correlation) <= goal

        return fewest_applications(meets, most)

    def with_applications(self, count: int, *, source: Source | str | None = None) -> Outlook:
        """
        Return the outlook of the same search with ``count`` more applications sent now.

        Nothing is changed: the new outlook adds ``count`` hypothetical
        opportunities (``hypothetical=True``, ids ``new-1``, ``new-2``, … made
        unique), each at the application stage of an organisation of its own.

        Args:
            count: How many applications, in [0, :data:`MAX_APPLICATIONS`].
            source: Their source (``None``: no source adjustment).

        Returns:
            The new outlook.

        Raises:
            InvalidValueError: ``count`` is negative or above :data:`MAX_APPLICATIONS`.
            WrongTypeError: an argument has the wrong type.
        """
        number = check_applications(count, field="count")
        chosen = check_source(source)
        table = self._table()
        records = [row.record() for row in self.rows]
        records.extend(
            fresh_records(
                number,
                chosen,
                table=table,
                stage=self.model.stages[table.chain.applied].name,
                existing=self.rows,
            )
        )
        return assemble(
            records=records,
            as_of=self.as_of,
            horizon_days=self.horizon_days,
            model=self.model,
            p_fresh_application=self.p_fresh_application,
        )

    # -- explanation (drawn by pipeline_core.render._outlook) ---------------------------------

    def explain(self, opportunity_id: str | None = None) -> str:
        """
        Return the explanation of the whole outlook, or of one opportunity's figures.

        Args:
            opportunity_id: The opportunity to explain; ``None`` for everything.

        Returns:
            Plain text: the figures, the priors and their sources, the
            evidence, and how each opportunity was counted.

        Raises:
            UnknownOpportunityError: no opportunity has that id.
        """
        if opportunity_id is None:
            return text_view(self)
        return explain_view(self, self.get(opportunity_id))

    def summary(self) -> str:
        """
        Return the headline figures as text, without the per-opportunity detail.

        The chance of an offer, the expected offers, what was counted and the safety net.

        .. versionadded:: 0.1.0
        """
        return summary_view(self)

    def __str__(self) -> str:
        """
        Return :meth:`explain` of the whole outlook.
        """
        return self.explain()

    def _repr_html_(self) -> str:
        """
        Return the outlook as HTML for Jupyter (every user string escaped).
        """
        return html_view(self)

    # -- interchange ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """
        Return the outlook as JSON-safe primitives; :meth:`from_dict` reads it back exactly.
        """
        return {
            "as_of": format_instant(self.as_of),
            "horizon_days": self.horizon_days,
            "p_any_offer": self.p_any_offer,
            "p_no_offer": self.p_no_offer,
            "p_any_offer_correlated": self.p_any_offer_correlated,
            "expected_offers": self.expected_offers,
            "expected_days_to_first_offer": self.expected_days_to_first_offer,
            "p_fresh_application": self.p_fresh_application,
            "model": self.model.to_dict(),
            "opportunities": [item.to_dict() for item in self.opportunities],
        }

    @classmethod
    def from_dict(cls, data: object, path: str = "") -> Outlook:
        """
        Build an outlook from :meth:`to_dict` output, validating every value.

        Args:
            data: The dict.
            path: The JSON path of ``data``, for error messages (``"outlook"``
                when it sits in a report).

        Returns:
            The outlook.

        Raises:
            DecodeError: the data is not a valid outlook; the error names the path.
        """
        fields = _checks.read_object(data, path, required=_OUTLOOK_KEYS, optional=frozenset())
        figures = _read_figures(fields, path)
        model = OutlookModel.from_dict(fields["model"], _checks.join_path(path, "model"))
        items = _read_opportunities(fields["opportunities"], path, model)
        correlated = figures.pop("p_any_offer_correlated")
        first = figures.pop("expected_days_to_first_offer")
        outlook = cls(model=model, rows=tuple(_row_of(item) for item in items), **figures)
        # The derived figures travel in the dict; read them back rather than recompute them.
        object.__setattr__(outlook, "_correlated", correlated)
        object.__setattr__(outlook, "_first_offer", (first,))
        object.__setattr__(outlook, "_objects", items)
        return outlook


_OUTLOOK_KEYS = frozenset(
    {
        "as_of",
        "horizon_days",
        "p_any_offer",
        "p_no_offer",
        "p_any_offer_correlated",
        "expected_offers",
        "expected_days_to_first_offer",
        "p_fresh_application",
        "model",
        "opportunities",
    }
)
"""The keys of :meth:`Outlook.to_dict`."""

_OUTLOOK_CHANCES = ("p_any_offer", "p_no_offer", "p_any_offer_correlated", "p_fresh_application")


def _read_figures(fields: Mapping[str, Any], path: str) -> dict[str, Any]:
    """
    Read and check an outlook's dict's figures: everything but its model and opportunities.
    """
    figures: dict[str, Any] = {
        "as_of": _checks.build_at(
            "", lambda: parse_instant(fields["as_of"], field=_checks.join_path(path, "as_of"))
        ),
        "horizon_days": _decoded(path, "horizon_days", _check_days_value, fields),
    }
    figures.update((key, _decoded(path, key, _check_unit, fields)) for key in _OUTLOOK_CHANCES)
    figures["expected_offers"] = _decoded(path, "expected_offers", _check_offers, fields)
    figures["expected_days_to_first_offer"] = _decoded(
        path, "expected_days_to_first_offer", _check_optional_nonnegative, fields
    )
    return figures


def _read_opportunities(
    data: object, path: str, model: OutlookModel
) -> tuple[OpportunityOutlook, ...]:
    """
    Read an outlook's opportunities: each valid, with an id of its own and a stage of ``model``.
    """
    items_path = _checks.join_path(path, "opportunities")
    items = tuple(
        OpportunityOutlook.from_dict(item, f"{items_path}[{position}]")
        for position, item in enumerate(_checks.read_array(data, items_path))
    )
    repeat = _checks.first_repeat(item.id for item in items)
    if repeat is not None:
        raise DecodeError(
            "duplicate opportunity id",
            path=f"{items_path}[{repeat}].id",
            received=items[repeat].id,
            allowed="an id no other opportunity has",
        )
    for position, item in enumerate(items):
        if not model.has_stage(item.stage):
            raise DecodeError(
                "unknown stage",
                path=f"{items_path}[{position}].stage",
                received=item.stage,
                allowed=", ".join(figures.name for figures in model.stages),
            )
    return items


def assemble(
    *,
    records: list[OpportunityRecord],
    as_of: dt.datetime,
    horizon_days: float,
    model: OutlookModel,
    p_fresh_application: float,
) -> Outlook:
    """
    Combine per-opportunity records into the search's outlook (see :func:`~._rows.combine`).
    """
    rows, p_nothing, expected_offers = combine(records)
    return Outlook(
        as_of=as_of,
        horizon_days=horizon_days,
        model=model,
        p_any_offer=1.0 - p_nothing,
        p_no_offer=p_nothing,
        expected_offers=expected_offers,
        p_fresh_application=p_fresh_application,
        rows=rows,
    )
