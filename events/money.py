"""Money: `Decimal` amounts quantized by their currency's exponent.

This is the one place amounts are rounded and converted to and from Stripe's minor
units (cents for USD, won for KRW). Never use float for money anywhere.
"""

from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 minor-unit exponents that differ from 2. Stripe's "zero-decimal" list
# agrees for the currencies Convene sells in (KRW, JPY).
_EXPONENTS = {
    "BIF": 0,
    "CLP": 0,
    "JPY": 0,
    "KRW": 0,
    "PYG": 0,
    "VND": 0,
    "XAF": 0,
    "XOF": 0,
    "BHD": 3,
    "KWD": 3,
    "OMR": 3,
}
# Stripe treats these three-decimal currencies as two-decimal in the API; we do not
# sell in them, so they are refused rather than silently mis-converted.
_STRIPE_UNSUPPORTED = {"BHD", "KWD", "OMR"}


class CurrencyError(ValueError):
    """A currency code that is not three letters or that Stripe cannot take."""


def _code(currency: str) -> str:
    code = (currency or "").upper()
    if len(code) != 3 or not code.isalpha():
        raise CurrencyError(f"Not an ISO 4217 currency code: {currency!r}")
    return code


def exponent(currency: str) -> int:
    return _EXPONENTS.get(_code(currency), 2)


def quantize(amount: Decimal | int | str, currency: str) -> Decimal:
    """Round half up to the currency's minor unit: KRW 1234.5 → 1235, USD → cents."""
    if isinstance(amount, float):
        raise TypeError("Money is never a float; pass a Decimal or a string.")
    step = Decimal(1).scaleb(-exponent(currency))
    return Decimal(amount).quantize(step, rounding=ROUND_HALF_UP)


def to_minor_units(amount: Decimal | int | str, currency: str) -> int:
    """The integer Stripe expects: USD 12.34 → 1234, KRW 150000 → 150000."""
    code = _code(currency)
    if code in _STRIPE_UNSUPPORTED:
        raise CurrencyError(f"{code} is not supported for card payments.")
    value = quantize(amount, code).scaleb(exponent(code))
    return int(value)


def from_minor_units(units: int, currency: str) -> Decimal:
    """Stripe's integer back to a Decimal: 1234 USD → 12.34, 150000 KRW → 150000."""
    if not isinstance(units, int) or isinstance(units, bool):
        raise TypeError("Minor units are an int.")
    code = _code(currency)
    return quantize(Decimal(units).scaleb(-exponent(code)), code)


def percent_of(amount: Decimal, percent: Decimal, currency: str) -> Decimal:
    """`percent` % of `amount`, rounded to the currency (used for discounts)."""
    return quantize(Decimal(amount) * Decimal(percent) / Decimal(100), currency)


def format_money(amount: Decimal, currency: str) -> str:
    """`₩150,000` style without locale data: "KRW 150,000", "USD 1,234.50"."""
    value = quantize(amount, currency)
    return f"{_code(currency)} {value:,.{exponent(currency)}f}"
