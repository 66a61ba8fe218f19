"""
The outlook's numeric kernels against textbook closed forms and brute force.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest

from pipeline_core.outlook import _math as kernels


def hypoexponential_cdf(rates: list[float], t: float) -> float:
    """The textbook formula for distinct rates."""
    total = 0.0
    for i, rate in enumerate(rates):
        weight = math.prod(other / (other - rate) for j, other in enumerate(rates) if j != i)
        total += weight * math.exp(-rate * t)
    return 1.0 - total


def test_grid_matches_the_textbook_formula_for_distinct_rates() -> None:
    """Every grid point agrees with the closed form, for every suffix of the chain."""
    rates = (0.2, 0.5, 1.3)
    grid = kernels.hypoexponential_grid(rates, 12.0, 16)
    expected = [
        [hypoexponential_cdf(list(rates[start:]), 0.75 * m) for m in range(17)]
        for start in range(3)
    ]
    actual = [list(row) for row in grid[:3]]
    assert expected == [pytest.approx(row, abs=1e-12) for row in actual]


def test_grid_handles_equal_rates() -> None:
    """Equal rates (where the textbook formula divides by zero) give the Erlang CDF."""
    grid = kernels.hypoexponential_grid((0.3, 0.3, 0.3), 10.0, 10)
    x = 0.3 * 10.0
    expected = 1.0 - math.exp(-x) * (1 + x + x * x / 2)
    assert expected == pytest.approx(grid[0][-1], abs=1e-13)


def test_grid_row_past_the_chain_is_all_ones() -> None:
    """With nothing left to wait for, the wait is over at once."""
    assert (1.0,) * 9 == kernels.hypoexponential_grid((0.3,), 5.0, 8)[1]


def test_grid_of_fast_waits_over_a_long_step() -> None:
    """A fast wait over a long step (many squarings) is still exact."""
    grid = kernels.hypoexponential_grid((50.0,), 30.0, 8)
    assert 1.0 - math.exp(-50.0 * 3.75) == pytest.approx(grid[0][1], abs=1e-15)


def test_grid_intervals_are_even_and_bounded() -> None:
    """Between 8 and MAX_INTERVALS intervals, always even, finer for fast waits."""
    counts = [
        kernels.grid_intervals(1.0, 0.2),
        kernels.grid_intervals(30.0, 0.2),
        kernels.grid_intervals(30.0, 2.0),
        kernels.grid_intervals(3650.0, 0.2),
        kernels.grid_intervals(30.0, 0.0),
    ]
    assert [8, 16, 120, kernels.MAX_INTERVALS, 16] == counts


def test_simpson_is_exact_for_cubics() -> None:
    """Simpson's rule integrates x^3 on [0, 2] exactly."""
    values = [(0.25 * i) ** 3 for i in range(9)]
    assert 4.0 == pytest.approx(kernels.simpson(values, 0.25), abs=1e-14)


def test_factor_weights_sum_to_one() -> None:
    """The quadrature weights are a probability distribution."""
    assert 1.0 == pytest.approx(sum(kernels.factor_nodes(0.3)[1]), abs=1e-15)


def test_correlated_none_is_the_product_at_zero_correlation() -> None:
    """Correlation 0 is independence."""
    chances = [0.1, 0.3, 0.05]
    assert math.prod(1 - c for c in chances) == kernels.p_none_correlated(chances, 0.0)


def test_correlated_none_of_one_event() -> None:
    """One event is not correlated with anything (up to the quadrature's accuracy)."""
    assert 0.75 == pytest.approx(kernels.p_none_correlated([0.25, 0.0], 0.5), abs=1e-9)


def test_correlated_none_never_rises_when_an_event_is_added() -> None:
    """Adding an event, however unlikely, never raises P(none): the quadrature is monotone."""
    chances = [0.3, 0.2]
    assert kernels.p_none_correlated([*chances, 1e-300], 0.4) <= kernels.p_none_correlated(
        chances, 0.4
    )


def test_correlated_none_with_a_certain_event() -> None:
    """If one event is certain, none failing is impossible."""
    assert 0.0 == kernels.p_none_correlated([0.2, 1.0], 0.5)


def test_correlated_none_without_chances() -> None:
    """Events that cannot happen leave 'none' certain."""
    assert 1.0 == kernels.p_none_correlated([0.0, 0.0], 0.5)


def brute_force(chances: list[float], rho: float, steps: int = 20_000) -> float:
    """The same integral by the midpoint rule on a very fine grid."""
    normal = NormalDist()
    thresholds = [normal.inv_cdf(c) for c in chances]
    width = 16.0 / steps
    total = 0.0
    for k in range(steps):
        z = -8.0 + (k + 0.5) * width
        conditional = math.prod(
            1 - normal.cdf((a - math.sqrt(rho) * z) / math.sqrt(1 - rho)) for a in thresholds
        )
        total += conditional * normal.pdf(z) * width
    return total


@pytest.mark.parametrize("rho", [0.05, 0.3, 0.7, 0.95])
def test_correlated_none_matches_brute_force(rho: float) -> None:
    """The quadrature agrees with a 20 000-point midpoint rule to 1e-5."""
    chances = [0.004, 0.2, 0.6, 0.05, 0.33]
    assert brute_force(chances, rho) == pytest.approx(
        kernels.p_none_correlated(chances, rho), abs=1e-5
    )


def test_transition_matrix_rows_are_distributions() -> None:
    """Each row of exp(Q t) sums to one: probability is neither made nor lost."""
    matrix = kernels.transition_matrix((0.2, 0.7, 0.7, 3.0), 4.0)
    assert [pytest.approx(1.0, abs=1e-13)] * 5 == [sum(row) for row in matrix]
