from datetime import date, datetime

from django.utils.formats import date_format

from core.text import short_date


def test_it_writes_every_month_as_djangos_j_m_y_does():
    for month in range(1, 13):
        day = date(2026, month, 9)
        assert short_date(day) == date_format(day, "j M Y")


def test_it_takes_a_datetime_too():
    assert short_date(datetime(2027, 1, 31, 23, 59)) == "31 Jan 2027"
