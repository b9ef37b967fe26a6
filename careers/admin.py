from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


class VocabularyAdmin(SimpleHistoryAdmin):
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


class RowInline(admin.TabularInline):
    extra = 0
    ordering = ["order"]


class SalaryBandInline(RowInline):
    model = m.SalaryBand
    fields = ["order", "region", "level", "label", "min_lpa", "max_lpa", "note"]


class SalarySourceInline(RowInline):
    model = m.SalarySource
    fields = ["order", "title", "published", "url"]


class CareerSkillInline(RowInline):
    model = m.CareerSkill
    fields = ["order", "skill", "importance", "level", "used_for"]
    autocomplete_fields = ["skill"]


class CareerDegreeInline(RowInline):
    model = m.CareerDegree
    fields = ["order", "degree", "fit_score", "preferred", "reason"]
    autocomplete_fields = ["degree"]


class LearningStepInline(admin.StackedInline):
    model = m.LearningStep
    extra = 0
    ordering = ["order"]
    fields = [("order", "title"), "goal", "task", "output"]


class ResponsibilityInline(RowInline):
    model = m.Responsibility
    fields = ["order", "title", "deliverable", "frequency"]


class CareerToolInline(RowInline):
    model = m.CareerTool
    fields = ["order", "tool", "used_for"]
    autocomplete_fields = ["tool"]


class JobTitleInline(RowInline):
    model = m.JobTitle
    fields = ["order", "title", "level", "note"]


class GrowthStageInline(RowInline):
    model = m.GrowthStage
    fields = ["order", "stage", "titles", "years_from", "years_to"]


class CareerIndustryInline(RowInline):
    model = m.CareerIndustry
    fields = ["order", "industry", "hiring_strength"]
    autocomplete_fields = ["industry"]


class ProjectIdeaInline(admin.StackedInline):
    model = m.ProjectIdea
    extra = 0
    ordering = ["order"]
    fields = [("order", "title", "project_type"), "description", "proof_output"]


class ChallengeInline(RowInline):
    model = m.Challenge
    fields = ["order", "title", "description"]


class FAQInline(RowInline):
    model = m.FAQ
    fields = ["order", "question", "answer"]


class RelatedCareerInline(RowInline):
    model = m.RelatedCareer
    fk_name = "career"
    fields = ["order", "related", "difference"]
    autocomplete_fields = ["related"]


@admin.register(m.Career)
class CareerAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "status", "last_reviewed", "updated"]
    list_filter = ["status", "cluster"]
    list_select_related = ["cluster"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated"
    fieldsets = [
        (None, {"fields": ["title", "slug", "cluster", "status", "last_reviewed"]}),
        (
            "Role overview",
            {
                "fields": [
                    "summary",
                    "overview",
                    "focus_areas",
                    "fits",
                    "not_for",
                    "interest_code",
                    ("job_ready_months_min", "job_ready_months_max"),
                ]
            },
        ),
        (
            "Salary",
            {
                "fields": ["salary_overview", "salary_higher_pay", "salary_remote"],
                "description": "Bands and their sources are below. Figures are estimates in ₹ lakh per annum.",
            },
        ),
        ("Occupation codes", {"fields": ["nco_code", "isco_code"], "classes": ["collapse"]}),
    ]
    inlines = [
        SalaryBandInline,
        SalarySourceInline,
        CareerSkillInline,
        CareerDegreeInline,
        LearningStepInline,
        ResponsibilityInline,
        CareerToolInline,
        JobTitleInline,
        RelatedCareerInline,
        GrowthStageInline,
        CareerIndustryInline,
        ProjectIdeaInline,
        ChallengeInline,
        FAQInline,
    ]


@admin.register(m.LoadedDocument)
class LoadedDocumentAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "loaded_at"]
    list_filter = ["kind"]
    search_fields = ["key"]
    readonly_fields = ["kind", "key", "digest", "loaded_at"]

    def has_add_permission(self, request):
        return False


class CareerRowAdmin(SimpleHistoryAdmin):
    """Section rows are edited inline on their career; this list is for finding rows across
    careers (e.g. every FAQ that mentions NEET)."""

    list_display = ["__str__", "career", "order"]
    list_select_related = ["career"]
    search_fields = ["career__title"]
    autocomplete_fields = ["career"]


for _model, _search in [
    (m.CareerSkill, ["skill__name", "used_for"]),
    (m.CareerDegree, ["degree__name", "reason"]),
    (m.SalaryBand, ["label", "note"]),
    (m.SalarySource, ["title"]),
    (m.LearningStep, ["title", "task"]),
    (m.Responsibility, ["title", "deliverable"]),
    (m.CareerTool, ["tool__name", "used_for"]),
    (m.JobTitle, ["title", "note"]),
    (m.GrowthStage, ["stage", "titles"]),
    (m.CareerIndustry, ["industry__name"]),
    (m.ProjectIdea, ["title", "description"]),
    (m.Challenge, ["title", "description"]),
    (m.FAQ, ["question", "answer"]),
    (m.RelatedCareer, ["related__title", "difference"]),
]:
    admin.site.register(
        _model,
        type(f"{_model.__name__}Admin", (CareerRowAdmin,), {"search_fields": ["career__title", *_search]}),
    )
