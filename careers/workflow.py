"""Every editorial change of a career's state, in one place.

Submitting for review, publishing, archiving, revisions (a draft copy of a published career that
replaces it when published), restoring a recorded version and recovering a deleted career all
happen here. Publishing stamps ``last_reviewed`` in one place (``_publish``). Saving over
somebody else's newer change is refused (``StaleEdit``) with a message that says who changed
what and when. Search and the page cache follow every committed write through ``changes.py``.
"""

import datetime
import functools

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from modeltranslation.fields import TranslationField

from . import history
from . import models as m
from .sections import ROW_MODELS

Status = m.Career.Status
REVISION_SUFFIX = " (revision)"
REVISION_SLUG_SUFFIX = "--revision"
# What a revision copies and publishing copies back: the career's content, not its identity.
# Translated text is copied by its original field (the English; a revision is edited in English)
# and never by its language columns: publishing a revision leaves the approved Hindi as it is.
CONTENT_FIELDS = [
    f.name
    for f in m.Career._meta.concrete_fields
    if not isinstance(f, TranslationField)
    and f.name
    not in {
        "id",
        "title",
        "slug",
        "status",
        "revision_of",
        "revision_base",
        "created",
        "updated",
        "last_reviewed",
        "translation_hi",
        "translation_hi_draft",
        *m.Career.DERIVED_FIELDS,
    }
]


class StaleEdit(Exception):
    """Somebody changed the career after this edit began; nothing was saved."""

    def __init__(self, career, entries):
        self.career, self.entries = career, entries
        super().__init__(describe_changes(career, entries))


def in_english(function):
    """Run an editorial change in English: the content it copies and writes is the English text
    (translated fields read and write the active language's column; see careers/translation.py)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def _tagged(obj, user, reason):
    obj._history_user = user
    obj._change_reason = reason
    return obj


# --- Conflicts ----------------------------------------------------------------------------------


def changes_since(career, since):
    """The recorded changes of the career and its rows after ``since`` (newest first)."""
    return history.timeline(career.pk, since=since)


def describe_changes(career, entries):
    """“Priya changed this career at 10:42 (summary; Skills “SQL”: used for)…” for editors."""
    if not entries:
        return f"“{career}” was changed by somebody else since you opened it."
    people = sorted({e.record.history_user.get_username() if e.record.history_user else "the loader" for e in entries})
    newest = max(e.record.history_date for e in entries)
    what = []
    for entry in reversed(entries):
        fields = ", ".join(sorted({field for field, _old, _new in entry.changes})) or entry.action
        what.append(f"{entry.what} “{entry.label}”: {fields}" if entry.model is not m.Career else fields)
    when = date_format(timezone.localtime(newest), "j M Y, H:i")
    return (
        f"“{career}” was changed by {', '.join(people)} (last at {when}) since you opened it: "
        f"{'; '.join(dict.fromkeys(what))}."
    )


def opened_from(text):
    """When an edit form was opened, from its hidden ``opened_at`` (the career's ``updated`` then),
    as an aware datetime. Missing, forged or without a zone reads as the oldest moment, so that any
    recorded change counts as newer: a form cannot skip the check by leaving the field out."""
    try:
        opened = datetime.datetime.fromisoformat(text or "")
    except (TypeError, ValueError):
        opened = None
    if opened is None or opened.tzinfo is None:
        return datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return opened


def check_not_stale(career, opened):
    """Raise StaleEdit if the career (or any of its rows) changed after ``opened``."""
    current = m.Career.objects.select_for_update().filter(pk=career.pk).values_list("updated", flat=True).first()
    if current is not None and opened is not None and current > opened:
        raise StaleEdit(career, changes_since(career, opened))


# --- Status -------------------------------------------------------------------------------------


def _publish(career):
    """The one place that says what publishing means for the career's own fields."""
    career.status = Status.PUBLISHED
    career.last_reviewed = timezone.localdate()


def status_change(career, new_status):
    """Apply a status chosen in the change form (before it is saved)."""
    if new_status == Status.PUBLISHED:
        _publish(career)


@in_english
@transaction.atomic
def set_status(careers, status, user=None, reason=""):
    """Move careers to ``status`` (publishing a revision publishes it into its career), all or
    none. Returns how many changed."""
    changed = 0
    for career in careers:
        if career.revision_of_id and status == Status.PUBLISHED:
            publish_revision(career, user)
            changed += 1
            continue
        if career.status == status:
            continue
        if status == Status.PUBLISHED:
            _publish(career)
        else:
            career.status = status
        _tagged(career, user, reason).save()  # one save each, so history records every career
        changed += 1
    return changed


# --- Revisions ----------------------------------------------------------------------------------


@in_english
@transaction.atomic
def start_revision(career, user=None):
    """A draft copy of ``career`` (and of every section row) to edit; returns it.

    A career has at most one open revision: asking again returns the existing one."""
    existing = career.revisions.first()
    if existing is not None:
        return existing
    revision = m.Career(
        title=f"{career.title}{REVISION_SUFFIX}",
        slug=f"{career.slug}{REVISION_SLUG_SUFFIX}",
        status=Status.DRAFT,
        revision_of=career,
        revision_base=career.updated,
        last_reviewed=career.last_reviewed,
        **{name: getattr(career, name) for name in CONTENT_FIELDS},
    )
    _tagged(revision, user, f"revision of {career.title} started").save()
    for model in ROW_MODELS:
        for row in model.objects.filter(career=career):
            row.pk = None
            row.career = revision
            _tagged(row, user, "copied into a revision").save()
    return revision


@in_english
@transaction.atomic
def publish_revision(revision, user=None):
    """Make the revision's content the published career's, then remove the revision.

    Refused (StaleEdit) when the published career changed after the revision was started."""
    original = revision.revision_of
    if original is None:
        raise ValueError(f"{revision} is not a revision")
    original = m.Career.objects.select_for_update().get(pk=original.pk)
    check_not_stale(original, revision.revision_base)
    reason = "published from a revision"
    for model in ROW_MODELS:
        for row in model.objects.filter(career=original):
            _tagged(row, user, reason).delete()
        for row in model.objects.filter(career=revision):
            row.career = original
            _tagged(row, user, reason).save()
    for name in CONTENT_FIELDS:
        setattr(original, name, getattr(revision, name))
    title = revision.title.removesuffix(REVISION_SUFFIX)
    if title != original.title and not m.Career.objects.filter(title=title).exclude(pk=original.pk).exists():
        original.title = title
    _publish(original)
    _tagged(original, user, reason).save()
    _tagged(revision, user, reason).delete()
    return original


def rebase_revision(revision, user=None):
    """The editor has read what changed on the published career: publishing may go ahead."""
    revision.revision_base = m.Career.objects.values_list("updated", flat=True).get(pk=revision.revision_of_id)
    _tagged(revision, user, "revision checked against the published career").save()


# --- Restore and recovery -----------------------------------------------------------------------


def _model_for(model_name):
    for model in [m.Career, *ROW_MODELS]:
        if model._meta.model_name == model_name:
            return model
    raise LookupError(model_name)


@in_english
@transaction.atomic
def restore_version(career_id, key, user=None):
    """Make the database match one recorded version of the career or one of its rows.

    For a deletion that is the row as it was just before it was deleted. Returns a message."""
    model_name, _, history_id = key.partition(":")
    model = _model_for(model_name)
    record = model.history.get(history_id=int(history_id))
    owner = record.id if model is m.Career else record.career_id
    if owner != career_id:
        raise LookupError("That version belongs to another career.")
    instance = record.instance if record.history_type != "-" else (record.prev_record or record).instance
    if model is not m.Career and not m.Career.objects.filter(pk=career_id).exists():
        raise LookupError("Recover the career first.")
    clash = _order_clash(model, instance)
    if clash:
        raise ValueError(f"Position {instance.order} in that section is taken by “{clash}”; move it first.")
    _tagged(instance, user, f"restored version of {record.history_date:%d %b %Y %H:%M}").save()
    return f"Restored {model._meta.verbose_name} “{instance}” as it was on {record.history_date:%d %b %Y %H:%M}."


def _order_clash(model, instance):
    if model is m.Career:
        return None
    return model.objects.filter(career_id=instance.career_id, order=instance.order).exclude(pk=instance.pk).first()


def deleted_careers():
    """The last record of each career that no longer exists (newest deletion first)."""
    existing = m.Career.objects.values("pk")
    return list(m.Career.history.filter(history_type="-").exclude(id__in=existing).order_by("-history_date"))


@in_english
@transaction.atomic
def recover_career(career_id, user=None):
    """Bring back a deleted career and the section rows that were deleted with it."""
    if m.Career.objects.filter(pk=career_id).exists():
        raise LookupError("That career exists; nothing to recover.")
    deletion = m.Career.history.filter(id=career_id, history_type="-").order_by("-history_date").first()
    if deletion is None:
        raise LookupError("No deleted career with that id.")
    career = _tagged(deletion.instance, user, "recovered after deletion")
    career.save()
    restored = 0
    for model in ROW_MODELS:
        latest = {}
        for record in model.history.filter(career_id=career_id).order_by("history_date", "history_id"):
            latest[record.id] = record
        for record in latest.values():
            if record.history_type != "-" or model.objects.filter(pk=record.id).exists():
                continue
            row = record.instance
            if model is m.RelatedCareer and not m.Career.objects.filter(pk=row.related_id).exists():
                continue
            _tagged(row, user, "recovered with its career").save()
            restored += 1
    return career, restored


# --- Translations -------------------------------------------------------------------------------


class TranslationRefused(Exception):
    """The Hindi draft cannot be approved; ``problems`` says why, line by line."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("; ".join(problems))


@in_english
@transaction.atomic
def save_translation_draft(career, text, user=None, opened=None):
    """Keep an editor's Hindi draft: recorded, and public nowhere until approved. Refused
    (StaleEdit) when the career changed after the editor opened it."""
    check_not_stale(career, opened)
    career = m.Career.objects.get(pk=career.pk)
    career.translation_hi_draft = text
    _tagged(career, user, "Hindi draft saved").save()
    return career


@in_english
@transaction.atomic
def approve_translation(career, user=None, *, restamp=False):
    """Make the Hindi draft the career's approved translation, which readers see once it is complete.

    The draft must have the translation document's shape and hold no English left untranslated
    (``translations.check``), and must be made from the English as it is now; ``restamp`` is the
    reviewer saying it is (they read what changed in the English). Publishing the English never
    does this: only approving does, so no unreviewed Hindi reaches readers."""
    import yaml

    from .catalogue import localize
    from .catalogue import translations as tr

    m.Career.objects.select_for_update().filter(pk=career.pk).values_list("pk").first()
    career = m.Career.objects.with_all_sections().get(pk=career.pk)
    try:
        doc = localize.parse(career.translation_hi_draft)
    except yaml.YAMLError as exc:
        raise TranslationRefused([f"The draft is not a readable document: {exc}"]) from None
    if doc is None:
        raise TranslationRefused(["There is no Hindi draft to approve."])
    english = localize.english_document(career)
    if restamp and doc.get("coverage") in tr.COVERAGES:
        doc["source_digest"] = tr.digest(tr.english_text(english, doc["coverage"]))
    problems, stale = tr.check(career.slug, english, doc, localize.LANGUAGE)
    if stale:
        problems.append(
            "The draft was made from an older English text. Compare it with the English below, update "
            "it, then tick “The draft matches the current English” and approve again."
        )
    if problems:
        raise TranslationRefused(problems)
    career.translation_hi_draft = ""
    localize.write(career, doc, reason="Hindi translation approved", user=user)
    return career
