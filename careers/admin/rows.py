"""Section rows: the career form's inlines (one per declared section) and each section's own list."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .. import models as m
from ..sections import SECTIONS
from .forms import CareerRowForm
from .translation import EnglishOnlyForms


class RowFormSet(forms.BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        if "order" in unique_check:
            return "Two rows of this section have the same position (order); give each row its own number."
        fields = ", ".join(unique_check)
        return f"This section lists the same {fields} twice; keep one row for it."


class RowInline(admin.TabularInline):
    extra = 0
    ordering = ["order"]
    formset = RowFormSet


class StackedRowInline(admin.StackedInline):
    extra = 0
    ordering = ["order"]
    formset = RowFormSet


def _inline(section):
    """The change form's inline for one declared section."""
    base = StackedRowInline if section.admin_stacked else RowInline
    attrs = {
        "model": section.model,
        "fields": list(section.admin_fields),
        "autocomplete_fields": list(section.autocomplete),
    }
    if section.model is m.RelatedCareer:
        attrs["fk_name"] = "career"
    return type(f"{section.model.__name__}Inline", (base,), attrs)


SECTION_INLINES = [_inline(section) for section in SECTIONS]


@admin.register(m.LoadedDocument)
class LoadedDocumentAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "loaded_at"]
    list_filter = ["kind"]
    search_fields = ["key"]
    readonly_fields = ["kind", "key", "digest", "loaded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(m.SearchName)
class SearchNameAdmin(admin.ModelAdmin):
    """The names typo matching compares (kept by search reindexing): to look at, not to edit."""

    list_display = ["name", "career"]
    list_select_related = ["career"]
    search_fields = ["name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CareerRowAdmin(EnglishOnlyForms, SimpleHistoryAdmin):
    """Section rows are edited inline on their career; this list is for finding rows across
    careers (e.g. every FAQ that mentions NEET)."""

    form = CareerRowForm
    list_display = ["__str__", "career", "order"]
    list_select_related = ["career"]
    search_fields = ["career__title"]
    autocomplete_fields = ["career"]


for _section in SECTIONS:
    admin.site.register(
        _section.model,
        type(
            f"{_section.model.__name__}Admin",
            (CareerRowAdmin,),
            {"search_fields": ["career__title", *_section.admin_search]},
        ),
    )
