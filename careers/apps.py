from django.apps import AppConfig


class CareersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"

    def ready(self):
        # One write hook: any committed change to careers or vocabularies reindexes search for the
        # careers touched and invalidates the page cache (careers/changes.py).
        from . import changes

        changes.connect()
