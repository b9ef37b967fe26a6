"""Who changed what in a career (django-simple-history records every change).

A career's timeline merges the history of the career and of every section row that belongs to
it. Restoring a version and recovering a deleted career are writes: ``workflow.py`` does them.
"""

from dataclasses import dataclass

from . import models as m
from .sections import ROW_MODELS, section_for

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
    section = section_for(model)
    if section.vocabulary is None:
        return {r.history_id: str(r.instance) for r in records}
    # Rows named after a vocabulary entry (or another career): one query for all their names.
    attr, target = f"{section.vocabulary}_id", section.vocabulary_model
    field = "title" if target is m.Career else "name"
    names = dict(target.objects.filter(pk__in={getattr(r, attr) for r in records}).values_list("pk", field))
    return {r.history_id: names.get(getattr(r, attr), "(deleted)") for r in records}


def timeline(career_id, since=None):
    """Every recorded change of the career and its rows (or those after ``since``), newest first:
    one query per model, plus one per vocabulary for the rows' names."""
    entries = []
    for model in [m.Career, *ROW_MODELS]:
        if model is m.Career:
            records = model.history.filter(id=career_id)
            what = "Career"
        else:
            records = model.history.filter(career_id=career_id)
            what = model._meta.verbose_name.capitalize()
        records = list(records.select_related("history_user"))
        labels = _labels(model, records)
        for record, changes in _with_changes(records):
            if since is None or record.history_date > since:  # older records still serve as diff bases
                entries.append(Entry(record, model, what, labels[record.history_id], changes))
    entries.sort(key=lambda e: (e.record.history_date, e.record.history_id), reverse=True)
    return entries[:TIMELINE_LIMIT]
