"""Plain INSERT and UPDATE statements for the importer: many rows at once, as fast as the database takes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Field, Model

# Plain INSERT and UPDATE statements: bulk_create and bulk_update build a model instance and compile SQL
# value by value, which was most of a 10,000-node import.

# Column types whose Python values (str, int, bool, None) the drivers take as they are: asking the field to
# convert each value cost as much as writing the rows. Any other type (JSON here) goes through its field.
AS_IS = {"BooleanField", "CharField", "ForeignKey", "PositiveIntegerField", "SlugField", "TextField"}


def _prepare(field: Field) -> Callable[[Any], Any]:
    if field.get_internal_type() in AS_IS:
        return lambda value: value
    return lambda value: field.get_db_prep_save(value, connection)


def insert_rows(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """INSERT rows given as {attname: value}; a field left out gets its default."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = [(field.attname, field.get_default(), _prepare(field)) for field in fields]
    values = [[prepare(row.get(name, default)) for name, default, prepare in columns] for row in rows]
    table, names = quote(model._meta.db_table), ", ".join(quote(_column(field)) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL's bulk load: a third of the time of the same rows as INSERT statements.
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(fields))})", values)


def update_rows(model: type[Model], names: tuple[str, ...], rows: list[list[Any]]) -> None:
    """UPDATE the fields `names` of each row given as [*values, pk], all in one executemany."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [_concrete(model, name) for name in names]
    prepares = [_prepare(field) for field in fields]
    assignments = ", ".join(f"{quote(_column(field))} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(_column(model._meta.pk))} = %s"
    params = [[prepare(value) for prepare, value in zip(prepares, row[:-1], strict=True)] + [row[-1]] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _concrete(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(f"{model.__name__}.{name} is a relation's reverse side, not a column")
    return field


def _column(field: Field[Any, Any] | None) -> str:
    # Every concrete field has a column; the stubs allow None for fields not yet attached to a model.
    if field is None or field.column is None:
        raise TypeError(f"{field} has no column")
    return field.column
