"""The loaded catalogue kept inside the test database, for the live-server tests.

A live-server test ends with a flush of every Django table, which also empties the catalogue the
session loaded. ``take()`` copies the careers app's tables (history left out) into tables of their
own, which the flush does not know about; ``restore()`` copies them back with one
``INSERT … SELECT`` per table in one transaction (foreign keys are checked at commit), then resets
the primary-key sequences as ``loaddata`` would. That takes milliseconds where reloading a
serialized dump took seconds per test.
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

PREFIX = "snapshot_"


def _models():
    return [
        model
        for model in apps.get_app_config("careers").get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed and not model.__name__.startswith("Historical")
    ]


def _copy(source, target, columns):
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    return f"INSERT INTO {quote(target)} ({names}) SELECT {names} FROM {quote(source)}"


def take():
    """Copy the catalogue as it is now (once per test session)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model in _models():
            table = model._meta.db_table
            cursor.execute(f"DROP TABLE IF EXISTS {quote(PREFIX + table)}")
            cursor.execute(f"CREATE TABLE {quote(PREFIX + table)} AS SELECT * FROM {quote(table)}")


def restore():
    """Put the copied catalogue back into the (flushed) tables."""
    models = _models()
    with transaction.atomic(), connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            columns = [field.column for field in model._meta.concrete_fields]
            cursor.execute(_copy(PREFIX + table, table, columns))
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
