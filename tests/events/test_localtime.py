import datetime as dt
from decimal import Decimal

from django.template import Context, Template

from events import localtime

UTC = dt.UTC
NINE_SEOUL = dt.datetime(2027, 9, 14, 0, 0, tzinfo=UTC)


def test_a_time_reads_on_the_zone_clock_with_its_label():
    assert localtime.local_text(NINE_SEOUL, "Asia/Seoul") == "2027-09-14 09:00 KST"
    assert localtime.local_time_text(NINE_SEOUL, "Asia/Seoul") == "09:00 KST"
    assert localtime.local_text(None, "Asia/Seoul") == ""


def test_summer_and_winter_labels_follow_the_date():
    june = dt.datetime(2027, 6, 1, 14, 0, tzinfo=UTC)
    assert localtime.local_text(june, "America/Chicago") == "2027-06-01 09:00 CDT"
    assert localtime.zone_label(NINE_SEOUL.replace(month=1), "America/Chicago") == "CST"


def test_spreadsheets_get_the_wall_clock_without_a_zone():
    wall = localtime.naive_local(NINE_SEOUL, "Asia/Seoul")
    assert wall.tzinfo is None
    assert (wall.date(), wall.hour) == (dt.date(2027, 9, 14), 9)


def test_template_filters_format_times_and_money_alike():
    out = Template(
        "{% load event_tags %}{{ t|local:z }}|{{ t|local_time:z }}|{{ a|money:'KRW' }}"
    ).render(Context({"t": NINE_SEOUL, "z": "Asia/Seoul", "a": Decimal("100000.00")}))
    assert out == "2027-09-14 09:00 KST|09:00 KST|KRW 100,000"
