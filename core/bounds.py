"""The years the portal accepts, wherever a year is entered: in a date, a year on its own or a
financial year. Outside them a typing slip (2206 for 2026) would be kept as real."""

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
