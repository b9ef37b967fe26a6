"""The English columns django-modeltranslation added (title_en, …) start as a copy of the text
each row already has; the Hindi columns stay empty until a reviewed translation is loaded."""

from django.db import migrations
from django.db.models import F


def copy_english(apps, schema_editor):
    for model in apps.get_app_config("careers").get_models():
        names = {f.name for f in model._meta.concrete_fields}
        pairs = {f"{name}_en": F(name) for name in names if f"{name}_en" in names}
        if pairs and not model.__name__.startswith("Historical"):
            model.objects.update(**pairs)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0012_translated_columns"),
    ]

    operations = [migrations.RunPython(copy_english, migrations.RunPython.noop)]
