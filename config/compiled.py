"""Querysets compiled to SQL once per process, run again with new values.

A personal feed reads a handful of small querysets (the person's bookmarks, talks,
registrations, meetings) and a version from unrelated tables. Building and compiling
them in the ORM cost more than ten times running them (5 ms of SQL compilation against
0.2 ms of SQL for the version alone), so each is compiled once, with a placeholder
where the person's (or company's, or token's) value goes, and run again with the
value put in its place. Rows come back as tuples, through the same converters the
ORM applies (SQLite's datetimes come back aware).
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections
from django.db.models import (
    Aggregate,
    Expression,
    IntegerField,
    Model,
    QuerySet,
    Subquery,
    Value,
)

# Values no row has: where they land in the compiled query's parameters is where
# each call's values go.
ANY_ID = -7_160_301
ANY_OTHER_ID = -7_160_302  # a second id in the same query
ANY_TEXT = "\x1fany\x1f"
ANY_TIME = dt.datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=dt.UTC)


class Compiled:
    """`build(*placeholders)` returns a `values_list` queryset using each placeholder
    where a call's value goes (as a plain filter value: `user_id=ANY_ID`,
    `expires_at__gt=ANY_TIME`); `rows(*values)` runs it with the values in their
    places and returns the rows in the order of the `values_list` columns."""

    def __init__(self, build: Callable[..., QuerySet], placeholders: tuple = (ANY_ID,)):
        self.build, self.placeholders = build, placeholders
        self._compiled: tuple | None = None

    def _compile(self) -> tuple:
        if self._compiled is None:
            queryset = self.build(*self.placeholders)
            compiler = queryset.query.get_compiler(using=queryset.db)
            sql, params = compiler.as_sql()
            query = queryset.query
            selected = [
                *query.extra_select,
                *query.values_select,
                *query.annotation_select,
            ]
            # django-modeltranslation's values_list reorders the columns (and
            # keeps the order asked for as `original_fields`): ask a translated
            # model's manager with `.rewrite(False)`.
            asked = getattr(queryset, "original_fields", None) or queryset._fields
            if selected != list(asked or selected):
                raise ValueError(f"Columns out of order: {selected}.")
            adapt = _adapter(compiler.connection)
            slots = {}  # parameter position: the placeholder's
            for position, param in enumerate(params):
                for index, placeholder in enumerate(self.placeholders):
                    if param == adapt(placeholder):
                        slots[position] = index
            if set(slots.values()) != set(range(len(self.placeholders))):
                raise ValueError("The query does not use each of its placeholders.")
            columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
            converters = compiler.get_converters(columns)
            # Only text and plain values are kept: a connection belongs to the
            # thread that opened it, and the query runs in every thread.
            self._compiled = (compiler.using, sql, params, slots, converters)
        return self._compiled

    def rows(self, *values: Any) -> list[tuple]:
        using, sql, compiled_params, slots, converters = self._compile()
        connection = connections[using]
        adapt, params = _adapter(connection), list(compiled_params)
        for position, index in slots.items():
            params[position] = adapt(values[index])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:  # as SQLCompiler.apply_converters does
            row = list(row)
            for position, (functions, expression) in converters.items():
                for function in functions:
                    row[position] = function(row[position], expression, connection)
            converted.append(tuple(row))
        return converted


def _adapter(connection) -> Callable[[Any], Any]:
    """A value as the compiler put it among the parameters (SQLite's datetimes
    are text)."""

    def adapt(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return connection.ops.adapt_datetimefield_value(value)
        return value

    return adapt


def model_columns(model: type[Model], prefix: str = "") -> list[str]:
    """Every column of `model` (as `values_list` names them, after `prefix`), for
    `instance`."""
    return [prefix + field.attname for field in model._meta.concrete_fields]


def instances(row: Sequence, *models: type[Model], db: str = "default") -> list:
    """Model instances, as if the ORM had loaded them, from `row`: each model's
    `model_columns` in turn, as the query selected them."""
    found = []
    for model in models:
        names = model_columns(model)
        if len(row) < len(names):
            raise ValueError(f"{len(row)} values for {len(names)} columns of {model}.")
        found.append(model.from_db(db, names, row[: len(names)]))
        row = row[len(names) :]
    return found


def scalar(queryset: QuerySet, aggregate: Aggregate) -> Subquery:
    """`aggregate` over all of `queryset`, as a subquery of one value."""
    return Subquery(
        queryset.order_by()
        .annotate(_all=Value(1, IntegerField()))
        .values("_all")
        .annotate(value=aggregate)
        .values("value")
    )


class VersionQuery:
    """A cache version in one query: `parts()` names expressions (counts and last
    changes, often from unrelated tables, as `scalar` subqueries) over one row of
    `model`, referring to it as `OuterRef("pk")`; calling the query with a primary
    key returns their values by name (they only go into a cache key)."""

    def __init__(self, model: type[Model], parts: Callable[[], dict[str, Expression]]):
        self.names: list[str] = []

        def build(pk: int) -> QuerySet:
            named = parts()
            self.names = list(named)
            rows = model.objects.all()
            if hasattr(rows, "rewrite"):  # a translated model: keep the columns' order
                rows = rows.rewrite(False)
            return rows.filter(pk=pk).order_by().annotate(**named).values_list(*named)

        self._query = Compiled(build)

    def __call__(self, pk: int) -> dict:
        rows = self._query.rows(pk)
        return dict(
            zip(self.names, rows[0] if rows else [None] * len(self.names), strict=True)
        )
