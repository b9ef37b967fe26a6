"""PostgreSQL: trigram GIN indexes on the careers' titles as the compare picker asks for them
(``careers.comparison.picker_matches``: Django's ``title__icontains`` and ``title__istartswith``
are ``UPPER(title_<language>::text) LIKE …``), English and Hindi, so a suggestion reads the few
careers whose titles hold the text instead of every career. SQLite has no such index: its picker
reads every title."""

from django.db import migrations

# The expression Django's case-insensitive lookups compare (kept here as it was when this
# migration was made; careers/tests/test_compare_picker_index.py checks the picker still uses it).
INDEXES = {f"career_title_{lang}_trgm": f"upper((title_{lang})::text) gin_trgm_ops" for lang in ("en", "hi")}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, expression in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON careers_career USING gin ({expression})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0015_hindi_search_index"),
    ]

    operations = [migrations.RunPython(create, drop)]
