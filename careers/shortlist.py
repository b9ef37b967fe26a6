"""The visitor's shortlist of careers and the counselor's notes, kept in the session only.

No account and no personal data: the session holds career slugs and the notes typed on the plan
page, and it expires (``SESSION_COOKIE_AGE``). Only POST requests change it (``views.shortlist``
and ``views.plan_notes``); GET requests only read it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext

from .models import SLUG_RE, Career

SESSION_KEY = "shortlist"  # a list of career slugs, in the order they were added
NOTES_KEY = "plan-notes"
MAX_CAREERS = 6
MAX_NOTES_LENGTH = 3000
MAX_NEXT_LENGTH = 2000
ACTIONS = ("add", "remove", "clear", "keep")


def careers(request):
    """The shortlisted slugs. No session is created (nor read from the database) without a cookie."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    stored = request.session.get(SESSION_KEY, [])
    if not isinstance(stored, list):
        return []
    return [s for s in stored if isinstance(s, str) and SLUG_RE.fullmatch(s)][:MAX_CAREERS]


def notes(request):
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    stored = request.session.get(NOTES_KEY, "")
    return stored if isinstance(stored, str) else ""


@dataclass
class Outcome:
    """What a change did, for the visitor: ``level`` is a messages level name."""

    level: str
    text: str


def change(request, action, slug):
    """Add, remove or clear; returns an Outcome. Unknown actions and careers change nothing."""
    listed = careers(request)
    if action == "clear":
        request.session[SESSION_KEY] = []
        return Outcome("info", gettext("Your shortlist is empty."))
    if action == "keep":  # a shared plan's careers become this visitor's shortlist
        wanted = [s for s in (slug or "").split(",") if SLUG_RE.fullmatch(s) and len(s) <= 120][:MAX_CAREERS]
        published = set(Career.objects.published().filter(slug__in=wanted).values_list("slug", flat=True))
        kept = [s for s in dict.fromkeys(wanted) if s in published]
        if not kept:
            return Outcome("error", gettext("None of those careers could be shortlisted."))
        request.session[SESSION_KEY] = kept
        return Outcome(
            "success",
            ngettext("This career is now your shortlist.", "These %(count)s careers are now your shortlist.", len(kept))
            % {"count": len(kept)},
        )
    if action not in ACTIONS or not SLUG_RE.fullmatch(slug or "") or len(slug) > 120:
        return Outcome("error", gettext("That is not a career we can shortlist."))
    if action == "remove":
        if slug in listed:
            listed.remove(slug)
            request.session[SESSION_KEY] = listed
        title = Career.objects.filter(slug=slug).values_list("title", flat=True).first() or slug
        return Outcome("info", gettext("%(career)s is off your shortlist.") % {"career": title})
    title = Career.objects.published().filter(slug=slug).values_list("title", flat=True).first()
    if title is None:
        return Outcome("error", gettext("That is not a published career, so it was not shortlisted."))
    if slug in listed:
        return Outcome("info", gettext("%(career)s is already on your shortlist.") % {"career": title})
    if len(listed) >= MAX_CAREERS:
        return Outcome(
            "warning",
            gettext("Your shortlist holds %(max)s careers; remove one before adding %(career)s.")
            % {"max": MAX_CAREERS, "career": title},
        )
    listed.append(slug)
    request.session[SESSION_KEY] = listed
    return Outcome(
        "success",
        gettext("%(career)s is on your shortlist (%(count)s of %(max)s).")
        % {"career": title, "count": len(listed), "max": MAX_CAREERS},
    )


def save_notes(request, text):
    request.session[NOTES_KEY] = (text or "").replace("\r\n", "\n")[:MAX_NOTES_LENGTH]


def local_path(target, default):
    """``target`` when it is a path on this site (``/careers/nurse/?x=1``), else ``default``.

    Absolute URLs, scheme-relative ``//host`` and ``/\\host`` forms, control characters and
    anything that is not a path are refused: a redirect never leaves the site."""
    if not isinstance(target, str) or not target or len(target) > MAX_NEXT_LENGTH:
        return default
    if not target.startswith("/") or target.startswith(("//", "/\\")) or not target.isprintable():
        return default
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return default
    return target
