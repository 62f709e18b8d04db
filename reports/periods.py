"""Councils report on the financial year, April to March: "2026/27" runs from 1 April 2026 to
31 March 2027, and resources are recorded against the same label (partnerships.Resource)."""

from dataclasses import dataclass
from datetime import date

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
