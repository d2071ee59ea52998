"""Exact figures rounded only to show them: half up to two decimals (compliance.md).

How they are written for a reader (decimal mark, thousands mark, date format) is
a context variable: plain by default (command line), set per request by the app
so pages read 15.555,56 and 31-03-2026 in Dutch.
"""

from contextvars import ContextVar
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

PLAIN = (".", "", "%Y-%m-%d")
DUTCH = (",", ".", "%d-%m-%Y")
ENGLISH = (".", ",", "%d-%m-%Y")
NOTATION = ContextVar("notation", default=PLAIN)
_CENT = Decimal("0.01")
_ONE = Decimal(1)
_EXACT = Context(prec=1000)


def round_half_up(value: Fraction | Decimal | int) -> Decimal:
    """Two decimals, halves away from zero, computed exactly."""
    if isinstance(value, Decimal) and value.is_finite():
        return value.quantize(_CENT, rounding=ROUND_HALF_UP, context=_EXACT)
    return Decimal(cents_half_up(value)).scaleb(-2)


def shown_figure(value):
    """An exact figure (Fraction, Decimal) rounded half up to two decimals, as check prints
    it; any other value (a whole number, text, a date, None) as it is."""
    if isinstance(value, (Fraction, Decimal)):
        return round_half_up(value)
    return value


def cents_half_up(value: Fraction | Decimal | int) -> int:
    """``round_half_up`` as a whole number of hundredths: what the check stores and the
    JSON shows, without a Decimal per figure (the check rounds hundreds of thousands)."""
    if isinstance(value, Decimal) and value.is_finite():
        return int(value.scaleb(2, _EXACT).quantize(_ONE, rounding=ROUND_HALF_UP, context=_EXACT))
    if not isinstance(value, (int, Fraction)):
        value = Fraction(value)
    # |n/d| * 100 + 1/2 truncated, in integers.
    numerator, denominator = value.numerator, value.denominator
    cents = (abs(numerator) * 200 + denominator) // (2 * denominator)
    return cents if numerator >= 0 else -cents


def show_number(value: Fraction | Decimal | int, grouped: bool = True) -> str:
    """Rounded half up to two decimals; a whole number without decimals.

    Without ``grouped`` no thousands marks: what a form field is prefilled with, so the
    one number reader reads it back (1.250 would read as 1.25).
    """
    rounded = round_half_up(value)
    mark, group, _ = NOTATION.get()
    group = group if grouped else ""
    text = f"{rounded:,.0f}" if rounded == rounded.to_integral_value() else f"{rounded:,.2f}"
    return text.replace(",", "\0").replace(".", mark).replace("\0", group)


def show_date(day: date, notation: tuple[str, str, str] | None = None) -> str:
    """The date the reader's way (``notation``, else the current one): 31-03-2026 in Dutch."""
    return day.strftime((notation or NOTATION.get())[2])
