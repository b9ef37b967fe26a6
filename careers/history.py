"""Who changed what in a career, and undoing it (django-simple-history records every change).

A career's timeline merges the history of the career and of every section row that belongs to
it. Any version can be restored; a deleted career is recovered with the rows deleted with it.
"""

from dataclasses import dataclass

from django.db import transaction

from . import models as m
from . import search

ROW_MODELS = [
    m.SalaryBand,
    m.SalarySource,
    m.CareerSkill,
    m.CareerDegree,
    m.LearningStep,
    m.Responsibility,
    m.CareerTool,
    m.JobTitle,
    m.GrowthStage,
    m.CareerIndustry,
    m.ProjectIdea,
    m.Challenge,
    m.FAQ,
    m.RelatedCareer,
]
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
TIMELINE_LIMIT = 200


@dataclass
class Entry:
    record: object  # a historical record
    model: type
    what: str  # "Career" or the section's name
    label: str
    changes: list  # [(field, old, new)]

    @property
    def action(self):
        return ACTIONS[self.record.history_type]

    @property
    def key(self):
        """Identifies the version for restore_version()."""
        return f"{self.model._meta.model_name}:{self.record.history_id}"


# Rows named after a vocabulary entry (or another career): their labels come from one query each.
LABEL_FROM = {
    m.CareerSkill: ("skill_id", m.Skill, "name"),
    m.CareerDegree: ("degree_id", m.Degree, "name"),
    m.CareerTool: ("tool_id", m.Tool, "name"),
    m.CareerIndustry: ("industry_id", m.Industry, "name"),
    m.RelatedCareer: ("related_id", m.Career, "title"),
}


def _with_changes(records):
    """(record, [(field, old, new)]) for one model's records, each diffed in memory against the
    previous version of the same row."""
    previous, out = {}, []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            changes = [(c.field, c.old, c.new) for c in record.diff_against(before).changes]
        previous[record.id] = record
        out.append((record, changes))
    return out


def _labels(model, records):
    """{history_id: label} without a query per record."""
    if model is m.Career:
        return {r.history_id: r.title for r in records}  # r.instance would load the excluded search columns
    if model not in LABEL_FROM:
        return {r.history_id: str(r.instance) for r in records}
    attr, target, field = LABEL_FROM[model]
    names = dict(target.objects.filter(pk__in={getattr(r, attr) for r in records}).values_list("pk", field))
    return {r.history_id: names.get(getattr(r, attr), "(deleted)") for r in records}


def timeline(career_id):
    """Every recorded change of the career and its rows, newest first: one query per model, plus
    one per vocabulary for the rows' names."""
    entries = []
    for model in [m.Career, *ROW_MODELS]:
        if model is m.Career:
            records = list(model.history.filter(id=career_id).select_related("history_user"))
            what = "Career"
        else:
            records = list(model.history.filter(career_id=career_id).select_related("history_user"))
            what = model._meta.verbose_name.capitalize()
        labels = _labels(model, records)
        for record, changes in _with_changes(records):
            entries.append(Entry(record, model, what, labels[record.history_id], changes))
    entries.sort(key=lambda e: (e.record.history_date, e.record.history_id), reverse=True)
    return entries[:TIMELINE_LIMIT]


def _model_for(model_name):
    for model in [m.Career, *ROW_MODELS]:
        if model._meta.model_name == model_name:
            return model
    raise LookupError(model_name)


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
    instance._history_user = user
    instance._change_reason = f"restored version of {record.history_date:%d %b %Y %H:%M}"
    instance.save()
    search.reindex([career_id])
    return f"Restored {model._meta.verbose_name} “{instance}” as it was on {record.history_date:%d %b %Y %H:%M}."


def _order_clash(model, instance):
    if model is m.Career:
        return None
    other = model.objects.filter(career_id=instance.career_id, order=instance.order).exclude(pk=instance.pk).first()
    return other


def deleted_careers():
    """The last record of each career that no longer exists (newest deletion first)."""
    existing = m.Career.objects.values("pk")
    return list(m.Career.history.filter(history_type="-").exclude(id__in=existing).order_by("-history_date"))


@transaction.atomic
def recover_career(career_id, user=None):
    """Bring back a deleted career and the section rows that were deleted with it."""
    if m.Career.objects.filter(pk=career_id).exists():
        raise LookupError("That career exists; nothing to recover.")
    deletion = m.Career.history.filter(id=career_id, history_type="-").order_by("-history_date").first()
    if deletion is None:
        raise LookupError("No deleted career with that id.")
    career = deletion.instance
    career._history_user = user
    career._change_reason = "recovered after deletion"
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
            row._history_user = user
            row._change_reason = "recovered with its career"
            row.save()
            restored += 1
    search.reindex([career_id])
    return career, restored
