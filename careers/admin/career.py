"""The career admin: the changelist, who may publish, the editorial actions and the extra pages
(timeline, recovery of deleted careers, import)."""

import datetime
import io
import zipfile

from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .. import history, workflow
from .. import models as m
from ..catalogue import ContentError, export_careers, import_documents
from .forms import REBASE_HINT, CareerForm, ImportForm
from .rows import SECTION_INLINES
from .translation import TranslationAdminMixin


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
        # The stored flag (kept by the write hook, careers/changes.py): one indexed condition.
        if self.value() not in ("yes", "no"):
            return queryset
        return queryset.filter(complete=self.value() == "yes")


@admin.register(m.Career)
class CareerAdmin(TranslationAdminMixin, SimpleHistoryAdmin):
    form = CareerForm
    list_display = ["title", "cluster", "status", "last_reviewed", "review_ok", "completeness", "hindi", "updated"]
    list_filter = [
        "status",
        ReviewDueFilter,
        CompletenessFilter,
        *TranslationAdminMixin.translation_filters,
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

    @admin.display(description="reviewed", boolean=True)
    def review_ok(self, obj):
        return not obj.review_due

    @admin.display(description="completeness")
    def completeness(self, obj):
        if obj.complete:
            return "✓ complete"
        return f"short: {', '.join(obj.falls_short)}" if obj.falls_short else "not checked yet"

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
        return extra + self.translation_urls() + super().get_urls()

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
