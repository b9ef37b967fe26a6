"""PostgreSQL: a GIN index on the careers' Hindi text in the ``simple`` text-search configuration
(words as written, no stemming), which Hindi search (careers/search/hindi.py, ``SIMPLE_VECTOR``)
asks in the same expression. SQLite has no such index: its Hindi search reads the columns."""

from django.db import migrations

# The expression careers/search/hindi.py matches (kept here as it was when this migration was made).
VECTOR = (
    "to_tsvector('simple'::regconfig, coalesce(title_hi, '') || ' ' || coalesce(summary_hi, '') || ' ' "
    "|| coalesce(overview_hi, ''))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX career_hindi_simple ON careers_career USING gin ({VECTOR})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS career_hindi_simple")


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0014_search_document_text_and_names"),
    ]

    operations = [migrations.RunPython(create, drop)]
