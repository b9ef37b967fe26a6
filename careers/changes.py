"""What happens after the catalogue changes: the one write hook.

Every save or delete of a careers model (admin forms, row admins, restore, revisions, the shell)
reaches ``touched()`` through a signal; bulk writes (the loader, the synthetic generator) call
it themselves with the careers they wrote. It

* stamps ``Career.updated`` on the careers whose rows changed, so a career's ``updated`` is the
  time anything on its page last changed (stale edit forms are refused against it), and
* once the transaction commits, reindexes search for exactly those careers, stores whether they
  (and the careers that list them as related) meet the completeness bar and the state of their
  Hindi translation and their starting salary range, and invalidates the page cache.

This is the only module that calls ``search.reindex``, ``completeness.refresh``,
``localize.refresh_status`` and ``browse.store_entry_salaries`` (migrations 0009 and 0018 filled
the stored completeness and salaries once).
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import caching, search
from . import models as m
from .sections import ROW_MODELS, SECTIONS

_pending = threading.local()


def _ids():
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    return _pending.ids


def touched(career_ids=(), *, stamp=True):
    """Record that these careers changed; search and the page cache follow on commit."""
    ids = {pk for pk in career_ids if pk is not None}
    if ids and stamp:
        m.Career.objects.filter(pk__in=ids).update(updated=timezone.now())
    _ids().update(ids)
    transaction.on_commit(_flush)


def _flush():
    ids = _ids()
    batch = sorted(ids)
    ids.clear()
    if batch:
        from . import browse
        from .catalogue import completeness, localize  # (the catalogue's loader imports this module)

        completeness.refresh(batch)
        localize.refresh_status(batch)
        browse.store_entry_salaries(batch)
        search.reindex(batch)
    caching.bump()


@contextmanager
def suppressed():
    """Inside: saves and deletes are not reported one by one. For bulk writers that report the
    careers they wrote with ``touched()`` themselves (the loader rewriting a career's rows)."""
    _pending.suppressed = getattr(_pending, "suppressed", 0) + 1
    try:
        yield
    finally:
        _pending.suppressed -= 1


# Vocabulary models -> how to find the careers that show an entry.
def careers_using(instance):
    """The ids of the careers whose pages show a vocabulary entry (or a cluster)."""
    model = type(instance)
    if model is m.Cluster:
        return list(instance.careers.values_list("pk", flat=True))
    for section in SECTIONS:
        if section.vocabulary and section.vocabulary_model is model and model is not m.Career:
            return list(
                section.model.objects.filter(**{section.vocabulary: instance}).values_list("career_id", flat=True)
            )
    return []


def on_saved_or_deleted(sender, instance, **kwargs):
    if getattr(_pending, "suppressed", 0):
        return
    if sender is m.ExamSource:
        instance = instance.exam
        sender = m.Exam
    if kwargs.get("raw") or not (sender is m.Career or sender in ROW_MODELS or issubclass(sender, m.Vocabulary)):
        return  # history records, loader bookkeeping, other apps
    if sender is m.Career:
        # The career's own save stamps ``updated`` itself (auto_now).
        touched([instance.pk], stamp=False)
    elif hasattr(instance, "career_id"):
        touched([instance.career_id])
    else:
        touched(careers_using(instance), stamp=False)


def connect():
    post_save.connect(on_saved_or_deleted, dispatch_uid="careers-changes-save")
    post_delete.connect(on_saved_or_deleted, dispatch_uid="careers-changes-delete")
