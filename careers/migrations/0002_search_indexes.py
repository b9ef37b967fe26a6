"""PostgreSQL search support: pg_trgm, a GIN index on the full-text vector (search) and a
trigram GIN index on the searched text (typo-tolerant similarity). Nothing on SQLite."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("careers_career_search_vector_gin", "CREATE INDEX IF NOT EXISTS careers_career_search_vector_gin "
     "ON careers_career USING gin (search_vector)"),
    ("careers_career_search_text_trgm", "CREATE INDEX IF NOT EXISTS careers_career_search_text_trgm "
     "ON careers_career USING gin (search_text gin_trgm_ops)"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
