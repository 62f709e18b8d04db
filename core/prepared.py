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

from django.db import DEFAULT_DB_ALIAS, connections

# An id no row has, so that it can be found among the SQL's parameters and replaced.
PLACEHOLDER = -1_999_999_937


class PreparedRead:
    def __init__(self, build):
        self.build = build
        self.__doc__ = build.__doc__
        self._written = {}

    def _write(self, using):
        queryset = self.build(PLACEHOLDER)
        if queryset.query.select_related:
            raise ValueError(f"{self.build.__qualname__}: a prepared read cannot select_related")
        connection = connections[using]
        sql, params = queryset.query.get_compiler(using=using).as_sql()
        if list(params).count(PLACEHOLDER) != 1:
            raise ValueError(f"{self.build.__qualname__}: the id must be used exactly once")
        converted = []
        for name, expression in queryset.query.annotations.items():
            converters = connection.ops.get_db_converters(
                expression
            ) + expression.get_db_converters(connection)
            if converters:
                converted.append((name, expression, converters))
        written = (queryset.model, sql, list(params), params.index(PLACEHOLDER), converted)
        # Several threads may write it at once; each writes the same.
        self._written[using] = written
        return written

    def __call__(self, value, using=DEFAULT_DB_ALIAS):
        written = self._written.get(using) or self._write(using)
        model, sql, params, position, converted = written
        params = params.copy()
        params[position] = value
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


def prepared(build):
    """Decorator: `build(id)` returns the queryset; calling the result with an id returns
    its rows as a list."""
    return PreparedRead(build)
