"""Querysets compiled to SQL once per process, run again with new values.

A personal feed reads a handful of small querysets (the person's bookmarks, talks,
registrations, meetings) and a version from unrelated tables. Building and compiling
them in the ORM cost more than ten times running them (5 ms of SQL compilation against
0.2 ms of SQL for the version alone), so each is compiled once, with a placeholder
where the person's (or company's, or token's) value goes, and run again with the
value put in its place. Rows come back as tuples, through the same converters the
ORM applies (SQLite's datetimes come back aware).
"""

from collections.abc import Callable
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
# each call's value goes.
ANY_ID = -7_160_301
ANY_TEXT = "\x1fany\x1f"


class Compiled:
    """`build(placeholder)` returns a `values_list` queryset using the placeholder
    where the call's value goes (as a plain filter value, e.g. `user_id=...`);
    `rows(value)` runs it with the value in its place and returns the rows in the
    order of the `values_list` columns."""

    def __init__(self, build: Callable[[Any], QuerySet], placeholder: Any = ANY_ID):
        self.build, self.placeholder = build, placeholder
        self._compiled: tuple | None = None

    def _compile(self) -> tuple:
        if self._compiled is None:
            queryset = self.build(self.placeholder)
            compiler = queryset.query.get_compiler(using=queryset.db)
            sql, params = compiler.as_sql()
            if self.placeholder not in params:
                raise ValueError("The query does not use its placeholder.")
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
            columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
            converters = compiler.get_converters(columns)
            self._compiled = (compiler, sql, params, converters)
        return self._compiled

    def rows(self, value: Any) -> list[tuple]:
        compiler, sql, params, converters = self._compile()
        values = [value if p == self.placeholder else p for p in params]
        with connections[compiler.using].cursor() as cursor:
            cursor.execute(sql, values)
            rows = cursor.fetchall()
        if converters:
            return [tuple(r) for r in compiler.apply_converters(rows, converters)]
        return rows


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
