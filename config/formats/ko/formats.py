"""Korean date formats: month and day first with 월/일, the weekday as one
syllable in brackets ("9월 14일 (화) 09:00"), the 24-hour clock.

Django's own Korean module (which fills in every name not set here) spells
"D" as the whole word ("화요일"); `events.dates` puts WEEKDAY_NARROW in its
place, so "D" here reads "화".
"""

DATE_FORMAT = "Y년 n월 j일"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y년 n월 j일 H:i"

# "9월 14일 (화)"
DAY_FORMAT = "n월 j일 (D)"
# "9월 14일 (화) 09:00"
DAY_TIME_FORMAT = "n월 j일 (D) H:i"
# "9월 14일 09:00"
MONTH_DAY_TIME_FORMAT = "n월 j일 H:i"
# "2027년 9월 14일"
MEDIUM_DATE_FORMAT = "Y년 n월 j일"
# "2027년 9월 14일 09:00"
MEDIUM_DATETIME_FORMAT = "Y년 n월 j일 H:i"
# "화"
WEEKDAY_FORMAT = "D"
# "화 09:00"
WEEKDAY_TIME_FORMAT = "D H:i"

# Monday first, as date.weekday() counts.
WEEKDAY_NARROW = ("월", "화", "수", "목", "금", "토", "일")
