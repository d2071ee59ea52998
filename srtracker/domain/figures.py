"""Exact figures rounded only to show them: half up to two decimals (compliance.md)."""
from decimal import Decimal
from fractions import Fraction


def round_half_up(value: Fraction | Decimal | int) -> Decimal:
    """Two decimals, halves away from zero, computed exactly."""
    value = Fraction(value)
    cents = int(abs(value) * 100 + Fraction(1, 2))
    return Decimal(cents if value >= 0 else -cents).scaleb(-2)


def show_number(value: Fraction | Decimal | int) -> str:
    """Rounded half up to two decimals; a whole number without decimals."""
    rounded = round_half_up(value)
    return str(rounded.to_integral_value()) if rounded == rounded.to_integral_value() else str(rounded)
