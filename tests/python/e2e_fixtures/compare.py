"""Small helpers shared by the end-to-end tests: exact hand values, tolerant comparison, SPEC formulas."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

TOL = 1e-9

Number = Fraction | float | int


def close(expected: Number | None, got: Any) -> bool:
    """Both NULL, or equal within TOL."""
    if expected is None or got is None:
        return expected is None and got is None
    return abs(float(expected) - float(got)) <= TOL


def show(value: Number | None) -> str:
    """A Fraction as '3/40 (0.075)', anything else as repr."""
    if isinstance(value, Fraction):
        return f"{value} ({float(value):.12g})"
    return repr(value)


def check(problems: list[str], where: str, expected: Number | None, got: Any) -> None:
    """Record a mismatch as 'where: expected X, got Y'."""
    if not close(expected, got):
        problems.append(f"{where}: expected {show(expected)}, got {got!r}")


def cume_dist(value: Fraction | None, peers: list[Fraction | None], higher_is_better: bool) -> Fraction | None:
    """SPEC §3 percentile, a second route used only to check the hand working:
    (peers whose value is no better than the shop's) / (peers with a non-NULL value)."""
    if value is None:
        return None
    known = [p for p in peers if p is not None]
    if higher_is_better:
        return Fraction(sum(1 for p in known if p <= value), len(known))
    return Fraction(sum(1 for p in known if p >= value), len(known))


def ratio(pair: tuple[int | Fraction, int] | None) -> Fraction | None:
    """(numerator, denominator) -> exact value; None (no units) -> NULL."""
    if pair is None:
        return None
    return Fraction(pair[0]) / pair[1]
