"""Reads whose SQL is written once in each process, for the pages read most often.

Django turns a queryset into SQL afresh every time it is evaluated. A partnership's record
page reads a dozen small lists (its risks, its resources, its reviews...) in the same shape
on every visit, and writing their SQL was two fifths of the page's time (profiled at 10,000
partnerships). A prepared read is an ordinary queryset, built once per process and database
with a placeholder where the id goes; each call runs that SQL with the real id through
`Model.objects.raw()`, which gives model instances as the queryset would, and annotations
converted as the queryset would convert them.

Only for reads whose shape never changes between calls: the filters other than the id are
fixed when the SQL is first written (so never `timezone.now()` in one), and there is no
`select_related` (raw() cannot fill related objects: annotate the values the page shows).
"""

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections

# An id no row has, so that it can be found among the SQL's parameters and replaced.
PLACEHOLDER = -1_999_999_937


def _written(queryset, using):
    """The queryset's SQL, its parameters and how to convert its annotations, as raw() runs
    it."""
    if queryset.query.select_related:
        raise ValueError("a prepared read cannot select_related")
    connection = connections[using]
    try:
        sql, params = queryset.query.get_compiler(using=using).as_sql()
    except EmptyResultSet:
        # A filter that nothing can match (a choice of none): no SQL to run.
        return queryset.model, None, [], []
    converted = []
    for name, expression in queryset.query.annotations.items():
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(
            connection
        )
        if converters:
            converted.append((name, expression, converters))
    return queryset.model, sql, list(params), converted


def _rows(written, params, using):
    model, sql, _, converted = written
    if sql is None:
        return []
    rows = list(model.objects.db_manager(using).raw(sql, params))
    if converted:
        connection = connections[using]
        for row in rows:
            for name, expression, converters in converted:
                found = getattr(row, name)
                for converter in converters:
                    found = converter(found, expression, connection)
                setattr(row, name, found)
    return rows


class PreparedRead:
    def __init__(self, build):
        self.build = build
        self.__doc__ = build.__doc__
        self._written = {}

    def _write(self, using):
        try:
            written = _written(self.build(PLACEHOLDER), using)
        except ValueError as error:
            raise ValueError(f"{self.build.__qualname__}: {error}") from error
        params = written[2]
        if params.count(PLACEHOLDER) != 1:
            raise ValueError(f"{self.build.__qualname__}: the id must be used exactly once")
        # Several threads may write it at once; each writes the same.
        self._written[using] = (written, params.index(PLACEHOLDER))
        return self._written[using]

    def __call__(self, value, using=DEFAULT_DB_ALIAS):
        written, position = self._written.get(using) or self._write(using)
        params = written[2].copy()
        params[position] = value
        return _rows(written, params, using)


def prepared(build):
    """Decorator: `build(id)` returns the queryset; calling the result with an id returns
    its rows as a list."""
    return PreparedRead(build)


def _comparable(params):
    # A JSON parameter is wrapped for the driver, and wrappers compare by identity.
    return [getattr(p, "adapted", getattr(p, "obj", p)) for p in params]


class KeptReads:
    """The SQL of reads whose shape and parameters follow from a few inputs (the register's
    filters, sort and page, who is reading, the day), kept under a key naming those inputs,
    so that a page read with the same inputs again runs the SQL without Django writing it.

    The key must name everything the queryset is built from; nothing read from the
    database is kept, only SQL. With DEBUG on (every test), the queryset is built and its
    SQL written on every read too, and a kept SQL that differs from it is an error: a key
    that leaves out an input fails the first test that reads with two values of it."""

    def __init__(self, size=512):
        self.size = size
        self._kept = {}

    def _written(self, key, build, using):
        kept = self._kept.get((using, key))
        if kept is not None and not settings.DEBUG:
            return kept
        written = _written(build(), using)
        if kept is not None and (kept[1], _comparable(kept[2])) != (
            written[1],
            _comparable(written[2]),
        ):
            raise AssertionError(f"The kept SQL under {key!r} is not the SQL its inputs give")
        if len(self._kept) >= self.size:
            self._kept.clear()
        self._kept[(using, key)] = written
        return written

    def rows(self, key, build, using=DEFAULT_DB_ALIAS):
        """The rows of `build()` as a list."""
        written = self._written(("rows", key), build, using)
        return _rows(written, written[2], using)

    def count(self, key, build, using=DEFAULT_DB_ALIAS):
        """How many rows `build()` has."""

        def counting():
            return build().order_by().values("pk")

        _, sql, params, _ = self._written(("count", key), counting, using)
        if sql is None:
            return 0
        with connections[using].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)  # noqa: S608
            return cursor.fetchone()[0]


class KeptList:
    """A queryset read through KeptReads under `key`, for a Paginator: its count and each
    page's rows."""

    def __init__(self, kept, key, build):
        self.kept, self.key, self.build = kept, key, build

    def count(self):
        return self.kept.count(self.key, self.build)

    def __getitem__(self, bounds):
        if not isinstance(bounds, slice):
            raise TypeError("KeptList is read a page at a time")
        return self.kept.rows((self.key, bounds.start, bounds.stop), lambda: self.build()[bounds])
