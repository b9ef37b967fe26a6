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

from . import history, workflow
from . import models as m
from .catalogue import ContentError, export_careers, import_documents
from .catalogue.completeness import check_career, is_complete
from .sections import SECTIONS, prefetches


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
        complete = [c.pk for c in m.Career.objects.with_all_sections() if is_complete(c)]
        return queryset.filter(pk__in=complete) if self.value() == "yes" else queryset.exclude(pk__in=complete)


REBASE_HINT = (
    "Open the published career's timeline, bring what you want to keep into the revision, then use "
    "the action “Revisions: accept the published career's newer changes” and publish again."
)


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


class CareerForm(forms.ModelForm):
    """The career change form remembers when it was opened; saving over a newer change is refused."""

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_at"].initial = self.instance.updated.isoformat()

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        try:
            opened = datetime.datetime.fromisoformat(self.data.get(self.add_prefix("opened_at"), ""))
        except ValueError:
            opened = datetime.datetime.min.replace(tzinfo=datetime.UTC)
        try:
            workflow.check_not_stale(self.instance, opened)
        except workflow.StaleEdit as exc:
            # Keep the editor's input; a second save (after reading the message) replaces the change.
            self.data = self.data.copy()
            current = m.Career.objects.values_list("updated", flat=True).get(pk=self.instance.pk)
            self.data[self.add_prefix("opened_at")] = current.isoformat()
            raise forms.ValidationError(
                f"Nothing was saved. {exc} Your changes are still in the form below: compare them with the "
                "timeline, then save again to replace the other change with yours."
            ) from None
        return cleaned


@admin.register(m.Career)
class CareerAdmin(SimpleHistoryAdmin):
    form = CareerForm
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
    actions = ["start_revision", "send_for_review", "publish", "archive", "rebase_revision", "export_documents"]
    change_list_template = "admin/careers/career/change_list.html"
    change_form_template = "admin/careers/career/change_form.html"
    fieldsets = [
        # opened_at is hidden: the version of the career this form was opened at (stale saves are refused).
        (None, {"fields": ["title", "slug", "cluster", "status", "last_reviewed", "opened_at"]}),
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
    inlines = SECTION_INLINES

    # --- The changelist ---

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name == "careers_career_changelist":
            # Completeness needs every section: one query per section for the whole page.
            qs = qs.prefetch_related(*prefetches())
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
        if "status" in form.changed_data:
            workflow.status_change(obj, obj.status)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        career = form.instance
        if career.revision_of_id and career.status == m.Career.Status.PUBLISHED:
            try:
                original = workflow.publish_revision(career, request.user)
            except workflow.StaleEdit as exc:
                career.status = m.Career.Status.REVIEW
                career.save()
                self.message_user(
                    request, f"The revision was saved but not published. {exc} {REBASE_HINT}", messages.ERROR
                )
                return
            self.message_user(request, f"The revision is now the published “{original}”.", messages.SUCCESS)

    def response_change(self, request, obj):
        if obj.revision_of_id and not m.Career.objects.filter(pk=obj.pk).exists():
            return redirect("admin:careers_career_change", obj.revision_of_id)
        return super().response_change(request, obj)

    def _set_status(self, request, queryset, status, message):
        try:
            changed = workflow.set_status(queryset, status, request.user, f"{message} (bulk action)")
        except workflow.StaleEdit as exc:
            self.message_user(request, f"Nothing was published. {exc} {REBASE_HINT}", messages.ERROR)
            return
        self.message_user(request, f"{changed} career(s) {message}.", messages.SUCCESS)

    @admin.action(description="Revisions: accept the published career's newer changes (read them first)")
    def rebase_revision(self, request, queryset):
        for revision in queryset.filter(revision_of__isnull=False):
            workflow.rebase_revision(revision, request.user)
        self.message_user(request, "The selected revisions can be published now.", messages.SUCCESS)

    @admin.action(description="Start a revision (draft copy) of selected published careers")
    def start_revision(self, request, queryset):
        made = [
            workflow.start_revision(c, request.user)
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
            for name, text in export_careers(m.Career.objects.with_all_sections().filter(pk__in=queryset)).items():
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
                    workflow.restore_version(career_id, request.POST.get("version", ""), request.user),
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
                career, rows = workflow.recover_career(int(request.POST.get("career_id", "0")), request.user)
            except (LookupError, ValueError) as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return redirect("admin:careers_career_deleted")
            self.message_user(request, f"Recovered “{career}” with {rows} section rows.", messages.SUCCESS)
            return redirect("admin:careers_career_change", career.pk)
        return TemplateResponse(
            request,
            "admin/careers/career/deleted.html",
            self._context(request, "Recover deleted careers", records=workflow.deleted_careers()),
        )

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        report, problems, files = None, None, None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if "apply" in request.POST:
                # The previewed documents come back in the confirmation form (nothing is kept on the
                # server between the two steps) and are validated again before anything is written.
                files = dict(zip(request.POST.getlist("name"), request.POST.getlist("text"), strict=False))
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


for _section in SECTIONS:
    admin.site.register(
        _section.model,
        type(
            f"{_section.model.__name__}Admin",
            (CareerRowAdmin,),
            {"search_fields": ["career__title", *_section.admin_search]},
        ),
    )
