from decimal import Decimal

import pytest

from events.money import (
    CurrencyError,
    exponent,
    format_money,
    from_minor_units,
    percent_of,
    quantize,
    to_minor_units,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("currency", "expected"), [("KRW", 0), ("krw", 0), ("USD", 2), ("EUR", 2)]
)
def test_exponent_by_currency(currency, expected):
    assert exponent(currency) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234.5", "KRW", Decimal("1235")),
        ("1234.49", "KRW", Decimal("1234")),
        ("12.345", "USD", Decimal("12.35")),
        ("12.344", "EUR", Decimal("12.34")),
        ("0.005", "USD", Decimal("0.01")),
    ],
)
def test_quantize_rounds_half_up_to_the_minor_unit(amount, currency, expected):
    assert quantize(Decimal(amount), currency) == expected


def test_quantize_refuses_float():
    with pytest.raises(TypeError):
        quantize(12.34, "USD")


@pytest.mark.parametrize(
    ("amount", "currency", "units"),
    [
        (Decimal("150000"), "KRW", 150000),
        (Decimal("12.34"), "USD", 1234),
        (Decimal("0.10"), "EUR", 10),
        (Decimal("1000000.00"), "USD", 100000000),
    ],
)
def test_minor_units_round_trip(amount, currency, units):
    assert to_minor_units(amount, currency) == units
    assert from_minor_units(units, currency) == amount


def test_from_minor_units_refuses_non_int():
    with pytest.raises(TypeError):
        from_minor_units(Decimal("12"), "USD")


def test_currency_code_must_be_iso():
    with pytest.raises(CurrencyError):
        to_minor_units(Decimal("1"), "DOLLARS")


def test_three_decimal_currency_is_refused_for_stripe():
    with pytest.raises(CurrencyError):
        to_minor_units(Decimal("1.234"), "KWD")


def test_percent_of_krw_has_no_fraction():
    assert percent_of(Decimal("150000"), Decimal("33"), "KRW") == Decimal("49500")
    assert percent_of(Decimal("99999"), Decimal("15"), "KRW") == Decimal("15000")
    assert percent_of(Decimal("19.99"), Decimal("15"), "USD") == Decimal("3.00")


def test_format_money():
    assert format_money(Decimal("150000"), "KRW") == "KRW 150,000"
    assert format_money(Decimal("1234.5"), "USD") == "USD 1,234.50"
