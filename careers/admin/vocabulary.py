"""The shared vocabularies and exams in the admin, each with its history."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from .. import models as m
from .translation import EnglishOnlyForms


class VocabularyAdmin(EnglishOnlyForms, SimpleHistoryAdmin):
    list_display = ["name", "slug", "career_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    usage_relation = None  # the reverse name of the career rows that use this entry

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # One aggregate query instead of a count per row.
        return qs.annotate(_career_count=Count(f"{self.usage_relation}__career", distinct=True))

    @admin.display(description="careers", ordering="_career_count")
    def career_count(self, obj):
        return obj._career_count


@admin.register(m.Cluster)
class ClusterAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "order", "career_count"]
    list_editable = ["order"]
    usage_relation = "careers"

    def get_queryset(self, request):
        return SimpleHistoryAdmin.get_queryset(self, request).annotate(_career_count=Count("careers"))


@admin.register(m.Skill)
class SkillAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "skill_type", "career_count"]
    list_filter = ["skill_type"]
    usage_relation = "career_skills"


@admin.register(m.Degree)
class DegreeAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "level", "career_count"]
    list_filter = ["level"]
    usage_relation = "career_degrees"


@admin.register(m.Tool)
class ToolAdmin(VocabularyAdmin):
    usage_relation = "career_tools"


@admin.register(m.Industry)
class IndustryAdmin(VocabularyAdmin):
    usage_relation = "career_industries"


class ExamSourceInline(admin.TabularInline):
    model = m.ExamSource
    extra = 0
    fields = ["order", "title", "publisher", "published", "url", "checked"]


@admin.register(m.Exam)
class ExamAdmin(VocabularyAdmin):
    list_display = ["short_name", "name", "purpose", "level", "last_verified", "career_count"]
    list_filter = ["purpose", "level", "stage"]
    search_fields = ["name", "short_name", "slug", "conducting_body"]
    usage_relation = "career_exams"
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["degrees", "related"]
    inlines = [ExamSourceInline]


@admin.register(m.ExamSource)
class ExamSourceAdmin(SimpleHistoryAdmin):
    """Sources are edited on their exam; this list finds them across exams (e.g. every NDTV page)."""

    list_display = ["title", "publisher", "exam", "checked"]
    list_select_related = ["exam"]
    search_fields = ["title", "publisher", "exam__short_name"]
    autocomplete_fields = ["exam"]


@admin.register(m.Synonym)
class SynonymAdmin(SimpleHistoryAdmin):
    """What students type and what search also looks for; applied at once, no reindex needed."""

    list_display = ["name", "means", "slug"]
    search_fields = ["name", "means", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "means", "slug", "description"]

    def view_on_site(self, obj):
        return f"{reverse('careers:search')}?{urlencode({'q': obj.name})}"
