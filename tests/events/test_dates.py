"""Named date formats (config/formats) in English and Korean: Korean pages read
"9월 14일 (화) 09:00", not "화요일 14 9월"."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from events.dates import date_text

SEOUL = ZoneInfo("Asia/Seoul")
# Tuesday 14 September 2027, 09:00 in Seoul.
MOMENT = dt.datetime(2027, 9, 14, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("name", "english", "korean"),
    [
        ("DAY_FORMAT", "Tue 14 Sep", "9월 14일 (화)"),
        ("DAY_TIME_FORMAT", "Tue 14 Sep 09:00", "9월 14일 (화) 09:00"),
        ("MONTH_DAY_TIME_FORMAT", "14 Sep 09:00", "9월 14일 09:00"),
        ("MEDIUM_DATE_FORMAT", "14 Sep 2027", "2027년 9월 14일"),
        ("MEDIUM_DATETIME_FORMAT", "14 Sep 2027 09:00", "2027년 9월 14일 09:00"),
        ("WEEKDAY_FORMAT", "Tue", "화"),
        ("WEEKDAY_TIME_FORMAT", "Tue 09:00", "화 09:00"),
        ("DATE_FORMAT", "Sept. 14, 2027", "2027년 9월 14일"),
        ("DATETIME_FORMAT", "Sept. 14, 2027, 9 a.m.", "2027년 9월 14일 09:00"),
        ("TIME_FORMAT", "9 a.m.", "09:00"),
    ],
)
def test_each_named_format_reads_naturally_in_both_languages(name, english, korean):
    with translation.override("en"):
        assert date_text(MOMENT, name, "Asia/Seoul") == english
    with translation.override("ko"):
        assert date_text(MOMENT, name, SEOUL) == korean


def test_every_korean_weekday_is_one_syllable():
    monday = dt.date(2027, 9, 13)
    with translation.override("ko"):
        days = [
            date_text(monday + dt.timedelta(days=n), "WEEKDAY_FORMAT") for n in range(7)
        ]
    assert days == ["월", "화", "수", "목", "금", "토", "일"]


def test_a_date_and_no_value():
    with translation.override("ko"):
        assert date_text(dt.date(2027, 9, 14), "DAY_FORMAT") == "9월 14일 (화)"
        assert date_text(None, "DAY_FORMAT") == ""


def test_the_filter_follows_the_templates_time_zone():
    template = Template(
        '{% load tz event_tags %}{% timezone "Asia/Seoul" %}'
        '{{ when|date_as:"DAY_TIME_FORMAT" }}{% endtimezone %}'
    )
    with translation.override("ko"):
        assert template.render(Context({"when": MOMENT})) == "9월 14일 (화) 09:00"
    with translation.override("en"):
        assert template.render(Context({"when": MOMENT})) == "Tue 14 Sep 09:00"
        assert template.render(Context({"when": None})) == ""
