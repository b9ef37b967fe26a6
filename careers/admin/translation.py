"""The Hindi translation of one career in the admin: its state, the English it translates, an
editor's draft (saved by anyone who may change careers) and approval (by those who may publish).

Approving is the review: only approved text reaches readers (``workflow.approve_translation``).
The changelist lists careers by translation state (missing, partial, stale, complete) and the
drafts waiting for review.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from modeltranslation.fields import TranslationField

from .. import models as m
from .. import workflow
from ..catalogue import localize
from ..catalogue import translations as tr


class EnglishOnlyForms:
    """For a translated model's admin: its forms edit the English (``name`` writes ``name_en``) and
    leave out the language columns, which only reviewed translations write."""

    def get_exclude(self, request, obj=None):
        translated = [f.name for f in self.model._meta.fields if isinstance(f, TranslationField)]
        return [*(super().get_exclude(request, obj) or []), *translated]


class DraftWaitingFilter(admin.SimpleListFilter):
    title = "Hindi draft"
    parameter_name = "hindi_draft"

    def lookups(self, request, model_admin):
        return [("waiting", "waiting for review")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.exclude(translation_hi_draft="")
        return queryset


class TranslationAdminMixin:
    """For CareerAdmin: the ``Hindi`` column and filters, and the page at <id>/hindi/."""

    translation_filters = ["translation_status_hi", DraftWaitingFilter]

    @admin.display(description="Hindi", ordering="translation_status_hi")
    def hindi(self, obj):
        label = obj.get_translation_status_hi_display().split(" (")[0]
        return f"{label} · draft waiting" if obj.translation_hi_draft else label

    def translation_urls(self):
        view = self.admin_site.admin_view(self.translation_view)
        return [path("<int:career_id>/hindi/", view, name="careers_career_hindi")]

    def translation_view(self, request, career_id):
        career = get_object_or_404(m.Career.objects.with_all_sections(), pk=career_id)
        if not self.has_view_or_change_permission(request, career):
            raise PermissionDenied
        may_edit = request.user.has_perm("careers.change_career")
        may_approve = self.can_publish(request)
        problems = []
        if request.method == "POST":
            if not may_edit or ("approve" in request.POST and not may_approve):
                raise PermissionDenied
            text = request.POST.get("draft", "")
            opened = workflow.opened_from(request.POST.get("opened_at"))
            try:
                career = workflow.save_translation_draft(career, text, request.user, opened)
                if "approve" in request.POST:
                    workflow.approve_translation(career, request.user, restamp=bool(request.POST.get("restamp")))
                    self.message_user(request, "The Hindi translation is approved: readers see it.", messages.SUCCESS)
                else:
                    self.message_user(request, "Draft saved. Readers see it only once it is approved.")
                return redirect("admin:careers_career_hindi", career_id=career_id)
            except workflow.StaleEdit as exc:
                self.message_user(request, f"Nothing was saved. {exc}", messages.ERROR)
                draft = text
            except workflow.TranslationRefused as exc:
                problems = exc.problems
                draft = text
                career = m.Career.objects.with_all_sections().get(pk=career_id)
        else:
            draft = career.translation_hi_draft
        english = localize.english_document(career)
        if not draft:
            approved = localize.parse(career.translation_hi)
            draft = tr.dump(approved) if approved else tr.dump(tr.skeleton(career.slug, english, localize.LANGUAGE))
        context = self._context(
            request,
            f"Hindi translation of {career}",
            career=career,
            draft=draft,
            english=tr.dump(tr.english_text(english)),
            problems=problems,
            may_edit=may_edit,
            may_approve=may_approve,
            opened_at=career.updated.isoformat(),
        )
        return TemplateResponse(request, "admin/careers/career/hindi.html", context)
