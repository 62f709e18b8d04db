"""Councils report on the financial year, April to March: "2026/27" runs from 1 April 2026 to
31 March 2027, and resources are recorded against the same label (partnerships.Resource)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class FinancialYear:
    start_year: int

    @property
    def start(self):
        return date(self.start_year, 4, 1)

    @property
    def end(self):
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self):
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __str__(self):
        return self.label

    @classmethod
    def of(cls, day):
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def current(cls):
        return cls.of(timezone.localdate())


def add_months(day, months):
    """The same day `months` later, or the month's last day if it is shorter (31 Aug + 6 is
    28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def next_report_period(previous_end, months):
    """The period a new Cabinet report covers: from the day after the last one ended (or the
    start of this financial year) for the policy's number of months."""
    start = previous_end + timedelta(days=1) if previous_end else FinancialYear.current().start
    return start, add_months(start, months) - timedelta(days=1)
