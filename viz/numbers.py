"""Numbers written for people, by the one rule of ``viz/assets/number_format.json``.

The command line, the static figures and the charts of the report and workshop all follow that file, and its
examples are checked against each of them, so a board reads £250k in a figure where the page says £250k too.

Example:
    >>> from viz.numbers import text
    >>> text(250_000, "money", signed=True), text(58_123.4), text(-2.14, "percent", signed=True)
    ('+£250k', '58,100', '−2.1%')
    >>> kind_of("GBP"), kind_of("person-weeks")
    ('money', 'count')
"""
from __future__ import annotations

import decimal
import functools
import json
import math
import pathlib

SPEC_FILE = pathlib.Path(__file__).resolve().parent / "assets" / "number_format.json"


@functools.cache
def spec() -> dict:
    """The rule's settings and examples, from ``viz/assets/number_format.json``."""
    return json.loads(SPEC_FILE.read_text(encoding="utf-8"))


def kind_of(unit: str) -> str:
    """The kind of number a unit holds: ``money`` for GBP, ``percent`` for %, ``count`` otherwise."""
    return {"GBP": "money", "%": "percent"}.get(unit, "count")


def text(value: float | None, kind: str = "count", signed: bool = False) -> str:
    """`value` written for people: rounded to its kind's significant figures, with commas, £ and k/m/bn for money.

    Args:
        value: the number (money in GBP, percentages in percent); None or NaN gives "n/a".
        kind: ``count``, ``money`` or ``percent``.
        signed: a change: "+" above zero.

    Example:
        >>> text(1_125_000, "money"), text(0.25), text(None)
        ('£1.13m', '0.25', 'n/a')
    """
    if value is None or not math.isfinite(value):
        return "n/a"
    rule = spec()["kinds"][kind]
    rounded = _round(value, rule["significant"])
    if rounded == 0:
        return f"{rule['prefix']}0{rule['suffix']}"
    scale, letters = 1, ""
    if kind == "money":
        scale, letters = next(((s, n) for s, n in spec()["scales"] if abs(rounded) >= s), (1, ""))
    sign = spec()["minus"] if rounded < 0 else "+" if signed else ""
    return f"{sign}{rule['prefix']}{_digits(abs(rounded) / decimal.Decimal(scale))}{letters}{rule['suffix']}"


def _round(value: float, significant: int) -> decimal.Decimal:
    """The shortest decimal form of `value` rounded to `significant` figures, half away from zero."""
    exact = decimal.Decimal(repr(float(value)))
    if exact == 0:
        return exact
    step = decimal.Decimal(1).scaleb(exact.adjusted() - significant + 1)
    return exact.quantize(step, rounding=decimal.ROUND_HALF_UP)


def _digits(amount: decimal.Decimal) -> str:
    """A positive decimal with commas in its whole part and no trailing zeros in its fraction."""
    whole, _, fraction = f"{amount.normalize():f}".partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")
