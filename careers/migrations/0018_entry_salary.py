# Browse by starting salary (issue 16): each career's entry salary range stored on the career and
# kept by the write hook (browse.store_entry_salaries), with an index in the order browse sorts by
# salary. Sorting by a correlated subquery over every career's salary bands took 40 ms for the first
# page and up to 93 ms for deep pages at 5,150 careers. Filled here once, with the same query.
# PostgreSQL gets an index per language in browse's order (published careers, highest starting
# salary first, then the title as the page's language sorts it); SQLite cannot index NULLS LAST.

from django.db import migrations, models
from django.db.models import Max, Min, OuterRef, Subquery


def fill(apps, schema_editor):
    Career = apps.get_model("careers", "Career")
    SalaryBand = apps.get_model("careers", "SalaryBand")
    entry = SalaryBand.objects.filter(career=OuterRef("pk"), level="entry").order_by().values("career")
    Career.objects.update(
        entry_min_lpa=Subquery(entry.annotate(v=Min("min_lpa")).values("v")),
        entry_max_lpa=Subquery(entry.annotate(v=Max("max_lpa")).values("v")),
    )


INDEXES = {
    f"career_entry_salary_{lang}": f"(entry_max_lpa DESC NULLS LAST, title_{lang}, id) WHERE status = 'published'"
    for lang in ("en", "hi")
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON careers_career {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0017_search_parts_and_shown"),
    ]

    operations = [
        migrations.AddField(
            model_name="career",
            name="entry_max_lpa",
            field=models.DecimalField(decimal_places=2, editable=False, max_digits=6, null=True),
        ),
        migrations.AddField(
            model_name="career",
            name="entry_min_lpa",
            field=models.DecimalField(decimal_places=2, editable=False, max_digits=6, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
