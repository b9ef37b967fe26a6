import datetime
import io
import zipfile

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import history, revisions, search
from . import models as m
from .completeness import check_career, is_complete
from .content import ContentError, careers_for_export, export_careers, import_documents


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data and self.usage_relation != "careers":
            # Careers are found by their skills', tools' … names.
            rows = getattr(obj, self.usage_relation).values_list("career_id", flat=True)
            search.reindex(list(rows))


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
    formset = RowFormSet
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
    formset = RowFormSet
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


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Not reviewed in 12 months"), ("ok", "Reviewed in the last 12 months")]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - datetime.timedelta(days=m.Career.REVIEW_EVERY_DAYS)
        due = Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff)
        if self.value() == "due":
            return queryset.filter(due)
        if self.value() == "ok":
            return queryset.exclude(due)
        return queryset


class CompletenessFilter(admin.SimpleListFilter):
    title = "completeness"
    parameter_name = "complete"

    def lookups(self, request, model_admin):
        return [("yes", "Meets the bar"), ("no", "Falls short")]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        complete = [c.pk for c in careers_for_export() if is_complete(c)]
        return queryset.filter(pk__in=complete) if self.value() == "yes" else queryset.exclude(pk__in=complete)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the pattern from Django's documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".yaml,.yml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    documents = MultipleFileField(
        label="Career documents",
        help_text="One or more .yaml files in the fixtures format (as exported). Nothing changes until you confirm.",
    )

    def clean_documents(self):
        files = self.cleaned_data["documents"]
        texts = {}
        for f in files[:100]:
            if f.size > 1_000_000:
                raise forms.ValidationError(f"{f.name} is larger than 1 MB; is it really a career document?")
            try:
                texts[f.name] = f.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(f"{f.name} is not UTF-8 text.") from None
        return texts


@admin.register(m.Career)
class CareerAdmin(SimpleHistoryAdmin):
    list_display = ["title", "cluster", "status", "last_reviewed", "review_ok", "completeness", "updated"]
    list_filter = [
        "status",
        ReviewDueFilter,
        CompletenessFilter,
        ("revision_of", admin.EmptyFieldListFilter),
        "cluster",
    ]
    list_select_related = ["cluster"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated"
    actions = ["start_revision", "send_for_review", "publish", "archive", "export_documents"]
    change_list_template = "admin/careers/career/change_list.html"
    change_form_template = "admin/careers/career/change_form.html"
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
                    "study_years",
                    ("involves_coding", "shift_work", "fieldwork"),
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

    # --- The changelist ---

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name == "careers_career_changelist":
            # Completeness needs every section: one query per section for the whole page.
            qs = qs.prefetch_related(*m.section_prefetches(m.PAGE_SECTIONS))
        return qs

    @admin.display(description="reviewed", boolean=True)
    def review_ok(self, obj):
        return not obj.review_due

    @admin.display(description="completeness")
    def completeness(self, obj):
        short = [c.section for c in check_career(obj) if not c.ok]
        return "✓ complete" if not short else f"short: {', '.join(short)}"

    # --- Who may publish ---

    def can_publish(self, request):
        return request.user.has_perm("careers.publish_career")

    def has_change_permission(self, request, obj=None):
        # Editors change a published career through a revision (a draft copy), never live.
        if obj is not None and obj.status in (m.Career.Status.PUBLISHED, m.Career.Status.ARCHIVED):
            if not self.can_publish(request):
                return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            readonly.append("last_reviewed")
            if obj is not None and obj.status in (m.Career.Status.PUBLISHED, m.Career.Status.ARCHIVED):
                readonly.append("status")
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.can_publish(request):
            kwargs["choices"] = [
                (value, label)
                for value, label in m.Career.Status.choices
                if value in (m.Career.Status.DRAFT, m.Career.Status.REVIEW)
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.can_publish(request):
            actions.pop("publish", None)
            actions.pop("archive", None)
        return actions

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status == m.Career.Status.PUBLISHED:
            obj.last_reviewed = timezone.localdate()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        career = form.instance
        if career.revision_of_id and career.status == m.Career.Status.PUBLISHED:
            original = revisions.publish_revision(career, request.user)
            self.message_user(request, f"The revision is now the published “{original}”.", messages.SUCCESS)
            return
        search.reindex([career.pk])

    def response_change(self, request, obj):
        if obj.revision_of_id and not m.Career.objects.filter(pk=obj.pk).exists():
            return redirect("admin:careers_career_change", obj.revision_of_id)
        return super().response_change(request, obj)

    def _set_status(self, request, queryset, status, message):
        changed = 0
        if status == m.Career.Status.PUBLISHED:
            for revision in queryset.filter(revision_of__isnull=False):
                revisions.publish_revision(revision, request.user)
                changed += 1
            queryset = queryset.filter(revision_of__isnull=True)
        for career in queryset.exclude(status=status):
            career.status = status
            if status == m.Career.Status.PUBLISHED:
                career.last_reviewed = timezone.localdate()
            career._change_reason = f"{message} (bulk action)"
            career.save()  # one save each, so history records every career
            changed += 1
        self.message_user(request, f"{changed} career(s) {message}.", messages.SUCCESS)

    @admin.action(description="Start a revision (draft copy) of selected published careers")
    def start_revision(self, request, queryset):
        made = [
            revisions.start_revision(c, request.user)
            for c in queryset.filter(status=m.Career.Status.PUBLISHED, revision_of__isnull=True)
        ]
        if not made:
            self.message_user(request, "Revisions are made of published careers.", messages.WARNING)
        for revision in made:
            self.message_user(
                request,
                format_html(
                    'Revision ready: <a href="{}">{}</a>. The published page stays as it is until it is published.',
                    reverse("admin:careers_career_change", args=[revision.pk]),
                    revision.title,
                ),
                messages.SUCCESS,
            )

    @admin.action(description="Send selected careers for review")
    def send_for_review(self, request, queryset):
        self._set_status(
            request, queryset.filter(status=m.Career.Status.DRAFT), m.Career.Status.REVIEW, "sent for review"
        )

    @admin.action(description="Publish selected careers", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, m.Career.Status.PUBLISHED, "published")

    @admin.action(description="Archive selected careers", permissions=["publish"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, m.Career.Status.ARCHIVED, "archived")

    def has_publish_permission(self, request):
        return self.can_publish(request)

    @admin.action(description="Export selected careers as documents (.zip)")
    def export_documents(self, request, queryset):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in export_careers(careers_for_export().filter(pk__in=queryset.values("pk"))).items():
                archive.writestr(f"careers/{name}", text)
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="careers-export.zip"'
        return response

    # --- Extra pages: timeline, recovery, import ---

    def get_urls(self):
        extra = [
            path(
                "<int:career_id>/timeline/",
                self.admin_site.admin_view(self.timeline_view),
                name="careers_career_timeline",
            ),
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name="careers_career_deleted"),
            path("import/", self.admin_site.admin_view(self.import_view), name="careers_career_import"),
        ]
        return extra + super().get_urls()

    def _context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, "title": title, **extra}

    def timeline_view(self, request, career_id):
        career = m.Career.objects.filter(pk=career_id).first()
        if not self.has_view_or_change_permission(request, career):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, career):
                raise PermissionDenied
            try:
                self.message_user(
                    request,
                    history.restore_version(career_id, request.POST.get("version", ""), request.user),
                    messages.SUCCESS,
                )
            except (LookupError, ValueError, ObjectDoesNotExist) as exc:
                self.message_user(request, str(exc), messages.ERROR)
            return redirect("admin:careers_career_timeline", career_id=career_id)
        entries = history.timeline(career_id)
        if career is None and not entries:
            raise Http404("No such career")
        title = f"History of {career or entries[-1].record.title}"
        return TemplateResponse(
            request, "admin/careers/career/timeline.html", self._context(request, title, career=career, entries=entries)
        )

    def deleted_view(self, request):
        if not self.has_change_permission(request) or not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            try:
                career, rows = history.recover_career(int(request.POST.get("career_id", "0")), request.user)
            except (LookupError, ValueError) as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return redirect("admin:careers_career_deleted")
            self.message_user(request, f"Recovered “{career}” with {rows} section rows.", messages.SUCCESS)
            return redirect("admin:careers_career_change", career.pk)
        return TemplateResponse(
            request,
            "admin/careers/career/deleted.html",
            self._context(request, "Recover deleted careers", records=history.deleted_careers()),
        )

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        report, problems, files = None, None, None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if "apply" in request.POST:
                files = request.session.pop("career_import", None)
                if not files:
                    self.message_user(request, "Nothing to import: upload the documents again.", messages.ERROR)
                    return redirect("admin:careers_career_import")
                try:
                    report = import_documents(files, dry_run=False)
                except ContentError as exc:
                    problems = exc.problems
                else:
                    self.message_user(request, "Imported: " + "; ".join(report.lines()), messages.SUCCESS)
                    return redirect("admin:careers_career_changelist")
            elif form.is_valid():
                files = form.cleaned_data["documents"]
                try:
                    report = import_documents(files, dry_run=True)
                    request.session["career_import"] = files
                except ContentError as exc:
                    problems = exc.problems
        return TemplateResponse(
            request,
            "admin/careers/career/import.html",
            self._context(
                request,
                "Import career documents",
                form=form,
                report=report,
                problems=problems,
                files=files,
                dry_run=report is not None and "apply" not in request.POST,
            ),
        )


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
