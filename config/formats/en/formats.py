"""English date formats beyond Django's own (which stay as they are).

Each named format here has a Korean twin in `config/formats/ko/formats.py`;
templates and code ask for the name (`{{ value|day }}`, `events.dates.date_text`),
never for a literal pattern, so Korean pages read Korean dates.
"""

# "Tue 14 Sep"
DAY_FORMAT = "D j M"
# "Tue 14 Sep 09:00"
DAY_TIME_FORMAT = "D j M H:i"
# "14 Sep 09:00"
MONTH_DAY_TIME_FORMAT = "j M H:i"
# "14 Sep 2027"
MEDIUM_DATE_FORMAT = "j M Y"
# "14 Sep 2027 09:00"
MEDIUM_DATETIME_FORMAT = "j M Y H:i"
# "Tue"
WEEKDAY_FORMAT = "D"
# "Tue 09:00"
WEEKDAY_TIME_FORMAT = "D H:i"
