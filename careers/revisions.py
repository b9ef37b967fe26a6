"""Working on a published career without the public seeing half-done edits.

An editor starts a *revision*: a draft copy of the career with all its sections. The public page
keeps showing the published career. When a publisher publishes the revision, its content
replaces the published career's (same address, same id, history recorded for every row) and the
revision disappears.
"""

from django.db import transaction
from django.utils import timezone

from . import models as m
from . import search
from .history import ROW_MODELS

SUFFIX = " (revision)"
SLUG_SUFFIX = "--revision"
CONTENT_FIELDS = [
    f.name
    for f in m.Career._meta.concrete_fields
    if f.name
    not in {
        "id",
        "title",
        "slug",
        "status",
        "revision_of",
        "created",
        "updated",
        "search_text",
        "search_vector",
        "last_reviewed",
    }
]


def _tagged(obj, user, reason):
    obj._history_user = user
    obj._change_reason = reason
    return obj


@transaction.atomic
def start_revision(career, user=None):
    """A draft copy of ``career`` (and of every section row) to edit; returns it.

    A career has at most one open revision: asking again returns the existing one."""
    existing = career.revisions.first()
    if existing is not None:
        return existing
    revision = m.Career(
        title=f"{career.title}{SUFFIX}",
        slug=f"{career.slug}{SLUG_SUFFIX}",
        status=m.Career.Status.DRAFT,
        revision_of=career,
        last_reviewed=career.last_reviewed,
        **{name: getattr(career, name) for name in CONTENT_FIELDS},
    )
    _tagged(revision, user, f"revision of {career.title} started").save()
    for model in ROW_MODELS:
        for row in model.objects.filter(career=career):
            row.pk = None
            row.career = revision
            _tagged(row, user, "copied into a revision").save()
    search.reindex([revision.pk])
    return revision


@transaction.atomic
def publish_revision(revision, user=None):
    """Make the revision's content the published career's, then remove the revision."""
    original = revision.revision_of
    if original is None:
        raise ValueError(f"{revision} is not a revision")
    reason = "published from a revision"
    for model in ROW_MODELS:
        for row in model.objects.filter(career=original):
            _tagged(row, user, reason).delete()
        for row in model.objects.filter(career=revision):
            row.career = original
            _tagged(row, user, reason).save()
    for name in CONTENT_FIELDS:
        setattr(original, name, getattr(revision, name))
    title = revision.title.removesuffix(SUFFIX)
    if title != original.title and not m.Career.objects.filter(title=title).exclude(pk=original.pk).exists():
        original.title = title
    original.status = m.Career.Status.PUBLISHED
    original.last_reviewed = timezone.localdate()
    _tagged(original, user, reason).save()
    _tagged(revision, user, reason).delete()
    search.reindex([original.pk])
    return original
