from django.apps import AppConfig


class CareersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "careers"

    def ready(self):
        # Cache invalidation is infrastructure, not business logic: any write to a careers model
        # (admin, shell, history restore) bumps the page cache's version.
        from django.db.models.signals import post_delete, post_save

        from .caching import on_content_change

        post_save.connect(on_content_change, dispatch_uid="careers-cache-save")
        post_delete.connect(on_content_change, dispatch_uid="careers-cache-delete")
