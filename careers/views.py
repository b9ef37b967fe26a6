"""Public pages. Views stay thin: querysets and domain modules do the work."""

import csv
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from . import browse as browse_module
from . import career_page, comparison, finder, finder_skills, search, shortlist
from . import exams as exams_module
from . import plan as plan_module
from .caching import cached_page, per_version
from .catalogue import localize
from .forms import FinderForm
from .languages import html_lang
from .models import RIASEC_NAMES, STREAMS, Career, Cluster, Degree, Exam

FINDER_FORM = "careers/includes/finder_form.html"


@cached_page
def home(request):
    # 4 queries: the finder's degree and skill lists, the clusters with their counts, their first careers;
    # none until the catalogue changes. The empty finder form is the same for everyone (a GET form, no
    # token): rendered once per catalogue version, like the clusters' lists.
    clusters = per_version("home-clusters", browse_module.clusters_with_top_careers)
    finder_form = per_version("home-finder-form-2", lambda: render_to_string(FINDER_FORM, {"form": FinderForm()}))
    return render(request, "careers/home.html", {"clusters": clusters, "finder_form": finder_form})


def finder_results(request):
    """The finder's results. The form (every degree: much of the page's bytes and time) is on its
    own page, filled in with the answers (``finder_answers``), and the skills on a step of their own
    (``finder_skills_step``); this page shows the form only when there are no results to show (no
    answers yet, or answers to correct)."""
    form = FinderForm(request.GET)
    context = {"form": form, "results": None}
    if not form.is_valid():
        return render(request, "careers/finder_results.html", context, status=400)
    profile = form.profile()
    if profile.is_empty:
        context["ask_for_answers"] = True
        return render(request, "careers/finder_results.html", context)
    results = finder.rank(finder.cached_candidates(), profile)
    answers = form.answers()
    context.update(
        results=results,
        summary=form.summary(),
        answers_url=f"{reverse('careers:finder-answers')}?{urlencode(answers)}",
        skills_url=f"{reverse('careers:finder-skills')}?{urlencode(answers)}",
        skills_ticked=bool(profile.skill_ids),
        share_url=request.build_absolute_uri(),
        plan_top_url=plan_module.plan_url([r.slug for r in results[:3]], answers),
        plan_answers_url=plan_module.plan_url([], answers),
    )
    return render(request, "careers/finder_results.html", context)


def finder_answers(request):
    """/finder/answers/?…: the finder's form filled in with the answers of a results link, to change
    them (a GET form: it submits to the results)."""
    form = FinderForm(request.GET)
    valid = form.is_valid()
    results_url = f"{reverse('careers:finder')}?{urlencode(form.answers())}" if valid else reverse("careers:finder")
    return render(request, "careers/finder_answers.html", {"form": form, "results_url": results_url})


def finder_skills_step(request):
    """/finder/skills/?…: the skills to tick for these answers (a bounded list, and any other skill
    found by name), the other answers carried on; a GET form that submits to the results."""
    form = FinderForm(request.GET)
    form.is_valid()  # (the valid answers go on; the step lists the others as left out)
    step = finder_skills.build(form, request.GET.get("skill_name", ""))
    return render(request, "careers/finder_skills.html", {"form": form, "step": step})


@cached_page
def finder_method(request):
    return render(
        request,
        "careers/finder_method.html",
        {
            "weights": [(finder.PART_LABELS[k], w) for k, w in finder.WEIGHTS.items()],
            "clash_penalty": finder.CLASH_PENALTY,
            "long_study_years": finder.LONG_STUDY_YEARS,
            "unlisted_fit": finder.UNLISTED_DEGREE_FIT,
            "interests": finder.INTERESTS,
            "riasec": RIASEC_NAMES.items(),
            "riasec_share": round(finder.RIASEC_SHARE * 100),
            "topic_share": round(finder.TOPIC_SHARE * 100),
            "topics": finder.topic_table(Cluster.objects.values_list("slug", "name")),
            "class10_fit": finder.CLASS_10_ROUTE_FIT,
            "after_10_for_class_12": finder.AFTER_10_FIT_IN_CLASS_12,
            "top": finder.TOP,
        },
    )


@cached_page
def cluster_detail(request, slug):
    cluster = get_object_or_404(Cluster, slug=slug)
    page = browse_module.page_of(
        browse_module.cluster_careers(cluster), request.GET.get("page"), browse_module.CLUSTER_PAGE_SIZE
    )
    context = {"cluster": cluster, "page": page, "pages": browse_module.pages_nearby(page)}
    return render(request, "careers/cluster_detail.html", context)


@cached_page
def career_detail(request, slug):
    # No query when the page's content is cached with its career (career_page.py), 17 when not.
    found = career_page.published(request, slug)
    if found is not None:
        career, content = found
        preview = False
    else:
        # Staff may open any career at its public address, under a "not published" banner.
        # The session is only read here, so published pages stay free of per-user work.
        if not request.user.is_staff:
            raise Http404("No such published career")
        career = get_object_or_404(Career.objects.for_display(), slug=slug)
        content = career_page.content(career, request.build_absolute_uri(career.get_absolute_url()))
        preview = True
    content_language = localize.content_language(career)
    context = {
        "career": career,
        "content": content,
        "content_language": content_language,
        "content_lang_tag": html_lang(content_language),
        "preview": preview,
        "preview_status": career.get_status_display().lower(),
    }
    return render(request, "careers/career_detail.html", context)


# --- Comparison -------------------------------------------------------------------------------


@cached_page
def compare(request):
    """/compare/?careers=a,b,c — 2 to 4 careers side by side (a shareable URL)."""
    # The picker sends the careers shown so far plus one to "add"; the page's share link is canonical.
    # Without JavaScript the picker's text comes back as ``find``: one career whose title it names
    # exactly is added; otherwise the matching careers are listed, each with a link that adds it.
    selection = comparison.parse_slugs(request.GET.getlist("careers"), extra=request.GET.get("add"))
    careers, notes = comparison.select_careers(selection)
    find = " ".join(request.GET.get("find", "").split())[: comparison.PICKER_MAX_TEXT]
    matches = None
    if find and len(careers) < comparison.MAX_CAREERS:
        matches = comparison.picker_matches(find, exclude=[c.slug for c in careers])
        exact = [c for c in matches if c.title.casefold() == find.casefold()]
        if len(exact) == 1:
            return redirect(comparison.compare_url([*(c.slug for c in careers), exact[0].slug]))
    return _render_comparison(request, careers, notes, find=find, matches=matches)


@cached_page
def compare_suggestions(request):
    """/compare/suggest/?q=…&careers=a,b: the picker's as-you-type suggestions (JSON, for site.js)."""
    exclude = comparison.parse_slugs(request.GET.get("careers", "")).slugs
    matches = comparison.picker_matches(request.GET.get("q", ""), exclude=exclude)
    return JsonResponse({"careers": [{"slug": c.slug, "title": c.title} for c in matches]})


@cached_page
def compare_pair(request, pair):
    """/compare/a-vs-b/ — the canonical page for a pair, slugs in alphabetical order."""
    slugs = comparison.split_pair(pair)
    if slugs is None:
        raise Http404("Not a comparison")
    careers, _notes = comparison.select_careers(comparison.Selection(slugs=list(slugs)))
    if len(careers) != 2:
        raise Http404("No such pair of published careers")
    canonical = comparison.pair_slug(*slugs)
    if canonical != pair:
        return redirect("careers:compare-pair", pair=canonical, permanent=True)
    return _render_comparison(request, careers, [], pair_page=True)


def compare_csv(request):
    careers, _notes = comparison.select_careers(comparison.parse_slugs(request.GET.get("careers", "")))
    slugs = [c.slug for c in careers]
    if len(careers) < comparison.MIN_CAREERS:
        return redirect(comparison.compare_url(slugs))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="compare-{"-".join(slugs)[:150]}.csv"'
    writer = csv.writer(response)
    for row in comparison.csv_rows(comparison.build_comparison(careers)):
        writer.writerow([_csv_safe(cell) for cell in row])
    return response


def _csv_safe(value):
    # Spreadsheets run cells that start with = + - @ as formulas.
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@cached_page
def transition(request, source, target):
    """From career A to career B: shared skills, skills to add, common degrees, steps to take."""
    careers, _notes = comparison.select_careers(comparison.Selection(slugs=[source, target]))
    if len(careers) != 2 or source == target:
        raise Http404("No such pair of published careers")
    context = {"transition": comparison.build_transition(careers[0], careers[1])}
    return render(request, "careers/transition.html", context)


def compare_tray(request):
    """The old compare tray's address: it changes nothing now (a GET never does) and shows the shortlist."""
    return redirect("careers:plan")


def _render_comparison(request, careers, notes, pair_page=False, find="", matches=None):
    context = {"careers": careers, "notes": notes, "pair_page": pair_page, "find": find, "matches": matches}
    context["picker_limit"] = comparison.PICKER_MATCHES
    context["current"] = ",".join(c.slug for c in careers)
    if len(careers) >= comparison.MIN_CAREERS:
        context["comparison"] = comparison.build_comparison(careers)
        if len(careers) == 2 and not pair_page:
            context["pair_url"] = reverse(
                "careers:compare-pair", args=[comparison.pair_slug(*context["current"].split(","))]
            )
    elif len(careers) == 1:
        context["suggestions"] = [r.related for r in careers[0].related.all() if r.related.is_published]
    context["share_url"] = request.build_absolute_uri(comparison.compare_url(c.slug for c in careers))
    return render(request, "careers/compare.html", context)


# --- Shortlist and plan ---------------------------------------------------------------------


@require_POST
def shortlist_change(request):
    """Add a career to the visitor's shortlist, take it off, or clear the list; then go back."""
    outcome = shortlist.change(request, request.POST.get("action", ""), request.POST.get("career", ""))
    messages.add_message(request, getattr(messages, outcome.level.upper()), outcome.text)
    return HttpResponseRedirect(shortlist.local_path(request.POST.get("next"), reverse("careers:plan")))


@require_POST
def plan_notes(request):
    """Keep the counselor's notes in the session (never in the plan's link)."""
    shortlist.save_notes(request, request.POST.get("notes", ""))
    messages.success(request, gettext("Notes saved for this browser session. They print with the plan."))
    return HttpResponseRedirect(shortlist.local_path(request.POST.get("next"), reverse("careers:plan")))


def plan(request):
    """/plan/: the shortlist (or the careers of a shared link) as a plan for one student."""
    shared = "careers" in request.GET
    selection = comparison.parse_slugs(request.GET.getlist("careers") if shared else shortlist.careers(request))
    form = FinderForm(request.GET)
    profile = form.profile() if form.is_valid() else finder.Profile()
    built = plan_module.build(selection.slugs, profile)
    slugs = [p.career.slug for p in built.careers]
    answers = form.answers() if form.is_valid() else []
    url = plan_module.plan_url(slugs, answers)
    share_url = request.build_absolute_uri(url)
    context = {
        "plan": built,
        "form": form,
        "shared": shared,
        "messages_for_link": selection.messages,
        "notes": shortlist.notes(request),
        "share_url": share_url,
        "whatsapp_url": "https://wa.me/?" + urlencode({"text": gettext("A career plan: %(url)s") % {"url": share_url}}),
        "qr_svg": plan_module.qr_svg(share_url),
        "compare_max": comparison.MAX_CAREERS,
        "today": timezone.localdate(),
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "stages": finder.STAGES,
        "streams": STREAMS,
        "slugs": slugs,
        "plan_path": plan_module.plan_url([], answers),  # the visitor's own plan, with the same answers
        "kept_answers": [(name, value) for name, value in answers if name not in ("stage", "stream")],
        "max_careers": shortlist.MAX_CAREERS,
        "notes_max": shortlist.MAX_NOTES_LENGTH,
    }
    return render(request, "careers/plan.html", context)


# --- Discovery --------------------------------------------------------------------------------


@cached_page
def browse(request):
    """/careers/ — every published career, filtered and sorted by GET parameters."""
    filters = browse_module.read_filters(request.GET)
    page = browse_module.rows_page(
        browse_module.filtered_careers(filters), request.GET.get("page"), browse_module.PAGE_SIZE
    )
    params = request.GET.copy()
    params.pop("page", None)
    widen = []
    for name, label in filters.active():
        without = params.copy()
        without.pop(name, None)
        widen.append((label, without.urlencode()))
    context = {
        "filters": filters,
        "page": page,
        "pages": browse_module.pages_nearby(page),
        "widen": widen,
        "query": params.urlencode(),
        "clusters": per_version("browse-clusters", lambda: list(Cluster.objects.values_list("slug", "name"))),
        "levels": Degree.Level.choices,
        "degrees": per_version("browse-degrees", lambda: list(Degree.objects.values_list("slug", "name"))),
        "sorts": browse_module.SORTS.items(),
    }
    return render(request, "careers/browse.html", context)


@cached_page
def reverse_index(request, kind, slug):
    """/skills/<slug>/, /degrees/<slug>/, /industries/<slug>/, /tools/<slug>/."""
    model = browse_module.REVERSE[kind][0]
    if (kind, slug) in browse_module.MOVED and not model.objects.filter(slug=slug).exists():
        new_kind, new_slug = browse_module.MOVED[(kind, slug)]
        return redirect(f"careers:{new_kind}", new_slug, permanent=True)
    entry = get_object_or_404(model, slug=slug)
    page = browse_module.rows_page(
        browse_module.reverse_rows(kind, entry), request.GET.get("page"), browse_module.REVERSE_PAGE_SIZE
    )
    context = {"kind": kind, "entry": entry, "rows": page.object_list, "page": page}
    context["pages"] = browse_module.pages_nearby(page)
    if kind == "degree":
        context["exams"] = list(entry.exams.order_by("short_name"))  # the exams that lead to this degree
    return render(request, "careers/reverse.html", context)


@cached_page
def exam_list(request):
    groups, applied = exams_module.exam_list(request.GET.get("stream", ""), request.GET.get("level", ""))
    context = {
        "groups": groups,
        "applied": applied,
        "streams": STREAMS,
        "levels": Exam.Level.choices,
        "count": sum(len(exams) for _label, exams in groups),
    }
    return render(request, "careers/exam_list.html", context)


@cached_page
def exam_detail(request, slug):
    exam = exams_module.exam_page(slug)
    if exam is None:
        raise Http404("No such exam")
    page = browse_module.rows_page(
        exams_module.exam_careers(exam), request.GET.get("page"), browse_module.REVERSE_PAGE_SIZE
    )
    context = {
        "exam": exam,
        "page": page,
        "pages": browse_module.pages_nearby(page),
        "apply_months": exams_module.month_names(exam.apply_month_list()),
        "exam_months": exams_module.month_names(exam.exam_month_list()),
        "streams": [STREAMS[s] for s in exam.stream_list() if s in STREAMS],
    }
    return render(request, "careers/exam_detail.html", context)


def search_page(request):
    """Careers first (with why each matched), then the exams, degrees and skills the query names;
    a corrected query for typos; a way on when nothing matched."""
    raw = request.GET.get("q", "")
    context = {"q": raw[: search.MAX_QUERY_LENGTH * 2], "hits": None, "error": None}
    if "q" in request.GET:
        try:
            q = search.clean_query(raw)
        except search.QueryError as exc:
            context["error"] = str(exc)
        else:
            results = search.search(q)
            context.update(hits=results, exams=results.exams, degrees=results.degrees, skills=results.skills)
    return render(request, "careers/search.html", context, status=200)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /compare/tray/",
        "Disallow: /shortlist/",
        "Disallow: /plan/",  # a plan is one student's, even when its link is shared
        "Disallow: /compare/csv/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def healthz(request):
    """For load balancers: the database and the cache answer (200), or which one does not (503)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 (any failure is reported, not raised)
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error: value not read back"
    except Exception as exc:  # noqa: BLE001
        checks["cache"] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    response = JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
