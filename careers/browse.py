"""Browsing the catalogue: filters a visitor can combine and share (GET), and reverse indexes
(careers that need a skill, fit a degree, hire in an industry, use a tool)."""

import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from . import money
from .caching import per_version
from .models import (
    SLUG_RE,
    Career,
    CareerDegree,
    CareerIndustry,
    CareerSkill,
    CareerTool,
    Cluster,
    Degree,
    Importance,
    Industry,
    SalaryBand,
    Skill,
    Tool,
)

PAGE_SIZE = 12
# Lists that grow with the catalogue show a bounded number of careers: the home page a few per
# cluster with a link to the cluster's page, which (like the reverse pages) is paged.
HOME_PER_CLUSTER = 6
CLUSTER_PAGE_SIZE = 24
REVERSE_PAGE_SIZE = 50
# The skill filter is a text field (a list of every skill would be most of the page, and grows
# with the catalogue): a skill's name or slug, or part of a name; the skills it could mean are
# offered as links, at most this many.
SKILL_CHOICES = 10
MAX_SKILL_TEXT = 100
SORTS = {"title": _("Title (A–Z)"), "salary": _("Starting salary (highest first)")}
# What a filter naming an unknown entry says (browse reads the cluster, degree and skill filters).
UNKNOWN_ENTRY = {
    "cluster": _("No cluster called “%(slug)s”; that filter was ignored."),
    "degree": _("No degree called “%(slug)s”; that filter was ignored."),
    "skill": _("No skill called “%(slug)s”; that filter was ignored."),
}


@dataclass
class Filters:
    """Cleaned browse filters; ``problems`` lists what was ignored and why."""

    cluster: Cluster | None = None
    level: str = ""
    degree: Degree | None = None
    skill: Skill | None = None
    skill_text: str = ""  # what the skill field shows: the skill's name, or the text typed
    skill_choices: tuple = ()  # skills the text could mean, when it names none
    min_salary: Decimal | None = None
    sort: str = "title"
    problems: tuple = ()

    def active(self):
        """[(parameter, label)] of the filters in use, for 'remove this filter' links."""
        out = []
        if self.cluster:
            out.append(("cluster", gettext("Cluster: %(name)s") % {"name": self.cluster.name}))
        if self.level:
            out.append(("level", gettext("Education level: %(level)s") % {"level": Degree.Level(self.level).label}))
        if self.degree:
            out.append(("degree", gettext("Degree: %(name)s") % {"name": self.degree.name}))
        if self.skill:
            out.append(("skill", gettext("Skill: %(name)s") % {"name": self.skill.name}))
        if self.min_salary is not None:
            out.append(
                (
                    "min_salary",
                    gettext("Starting salary up to at least %(amount)s") % {"amount": money.lpa(self.min_salary)},
                )
            )
        return out


def read_filters(params):
    """Browse filters from a QueryDict; unknown values are dropped with a message (2 queries at most
    for the slugs given: one per vocabulary looked up)."""
    problems = []
    f = Filters()

    def lookup(model, name):
        slug = params.get(name, "")[:120]
        if not slug:
            return None
        obj = model.objects.filter(slug=slug).first() if SLUG_RE.fullmatch(slug) else None
        if obj is None:
            problems.append(str(UNKNOWN_ENTRY[name]) % {"slug": slug[:40]})
        return obj

    f.cluster = lookup(Cluster, "cluster")
    f.degree = lookup(Degree, "degree")
    f.skill, f.skill_text, f.skill_choices = _skill_filter(params.get("skill", ""), problems)
    level = params.get("level", "")
    if level in Degree.Level.values:
        f.level = level
    elif level:
        problems.append(gettext("Unknown education level; that filter was ignored."))
    raw_salary = params.get("min_salary", "").strip()[:20]
    if raw_salary:
        try:
            value = Decimal(raw_salary)
            if not value.is_finite() or not 0 <= value <= 500:
                raise InvalidOperation
            f.min_salary = value
        except InvalidOperation:
            problems.append(
                gettext("Minimum salary must be a number of lakh per year, e.g. 5; that filter was ignored.")
            )
    sort = params.get("sort", "title")
    f.sort = sort if sort in SORTS else "title"
    f.problems = tuple(problems)
    return f


def _skill_filter(raw, problems):
    """(skill, the field's text, skills to choose from) for the skill field's text: a skill's slug
    (the site's links use them) or its name in any language, or part of a name, which filters by
    the skill when only one published career's skill has it. 1 query."""
    text = skill_text(raw)
    if not text:
        return None, "", ()
    used = CareerSkill.objects.filter(Career.published_q("career__"), skill=OuterRef("pk"))
    found = list(skills_named(text, Exists(used))[: SKILL_CHOICES + 1])
    if found and (found[0].exact == 0 or len(found) == 1):
        return found[0], found[0].name, ()
    if not found:
        problems.append(str(UNKNOWN_ENTRY["skill"]) % {"slug": text[:40]})
    return None, text, tuple(found[:SKILL_CHOICES])


def skill_text(raw):
    """What a skill field's text is matched as: its words, single-spaced, at most MAX_SKILL_TEXT characters."""
    return " ".join(raw.split())[:MAX_SKILL_TEXT]


def skills_named(text, *conditions):
    """The skills (meeting ``conditions``) that ``text`` names: its slug, or a name in any language,
    these first (``exact`` 0), then those with it in a name (``exact`` 1), by name (unevaluated).
    Browse's skill filter and the finder's skills step find skills this way."""
    exact = Q(slug=text.lower())
    contains = Q()
    for column in get_translation_fields("name"):
        exact |= Q(**{f"{column}__iexact": text})
        contains |= Q(**{f"{column}__icontains": text})
    return (
        Skill.objects.filter(exact | contains, *conditions)
        .annotate(exact=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("exact", "name")
    )


def store_entry_salaries(career_ids):
    """Store each career's starting salary range (``entry_min_lpa``, ``entry_max_lpa``: its entry
    bands' lowest minimum and highest maximum; empty without one). Called by the write hook
    (careers/changes.py) once the careers' changes are committed, and by migration 0018. One query."""
    entry = SalaryBand.objects.filter(career=OuterRef("pk"), level=SalaryBand.Level.ENTRY).order_by().values("career")
    return Career.objects.filter(pk__in=list(career_ids)).update(
        entry_min_lpa=Subquery(entry.annotate(v=Min("min_lpa")).values("v")),
        entry_max_lpa=Subquery(entry.annotate(v=Max("max_lpa")).values("v")),
    )


# What a browse card shows of a career (careers/includes/career_card.html, with the starting salary
# range annotated): the page reads these columns only, never the search vector and documents.
CARD_FIELDS = ("slug", "title", "summary", "cluster__name")


def filtered_careers(f):
    """Published careers matching the filters, with their cluster and starting salary range, in
    the page's order (each sort ends with the id, as the indexes that serve it do: a Hindi title is
    not unique). Read a page of it with ``rows_page``."""
    qs = (
        Career.objects.published()
        .select_related("cluster")
        .only(*CARD_FIELDS)
        .annotate(entry_min=F("entry_min_lpa"), entry_max=F("entry_max_lpa"))
    )
    if f.cluster:
        qs = qs.filter(cluster=f.cluster)
    if f.degree:
        qs = qs.filter(pk__in=CareerDegree.objects.filter(degree=f.degree).values("career"))
    if f.level:
        qs = qs.filter(pk__in=CareerDegree.objects.filter(degree__level=f.level).values("career"))
    if f.skill:
        qs = qs.filter(pk__in=CareerSkill.objects.filter(skill=f.skill).values("career"))
    if f.min_salary is not None:
        qs = qs.filter(entry_max__gte=f.min_salary)
    if f.sort == "salary":
        return qs.order_by(F("entry_max_lpa").desc(nulls_last=True), "title", "id")
    return qs.order_by("title", "id")


# --- Reverse indexes --------------------------------------------------------------------------


def _rank(field, order):
    return Case(
        *[When(**{field: value}, then=Value(i)) for i, value in enumerate(order)],
        default=Value(99),
        output_field=IntegerField(),
    )


# Vocabulary entries that became an entry of another kind: their old address moves for good.
MOVED = {
    ("skill", "kubernetes-orchestration"): ("tool", "kubernetes"),
    ("skill", "linux-administration"): ("tool", "linux"),
}

REVERSE = {
    # kind: (vocabulary model, career row model, row field naming the vocabulary, ordering)
    "skill": (
        Skill,
        CareerSkill,
        "skill",
        lambda qs: qs.annotate(_rank=_rank("importance", list(Importance))).order_by("_rank", "career__title"),
    ),
    "degree": (Degree, CareerDegree, "degree", lambda qs: qs.order_by("-fit_score", "career__title")),
    "industry": (
        Industry,
        CareerIndustry,
        "industry",
        lambda qs: qs.annotate(_rank=_rank("hiring_strength", list(Importance))).order_by("_rank", "career__title"),
    ),
    "tool": (Tool, CareerTool, "tool", lambda qs: qs.order_by("career__title")),
}


# What a listing shows of each career: a row of a reverse or exam page reads only these, never the
# career's search vector and document (large, and decoded for every row otherwise).
LISTED_CAREER_FIELDS = ("career__slug", "career__title", "career__cluster__name")


def listed_rows(row_model, *career_fields):
    """A career row model's rows with their own fields and only what a listing shows of the career."""
    own = [f.name for f in row_model._meta.concrete_fields]
    fields = career_fields or LISTED_CAREER_FIELDS
    related = ["career", "career__cluster"] if "career__cluster__name" in fields else ["career"]
    return row_model.objects.select_related(*related).only(*own, *fields)


def reverse_rows(kind, entry):
    """The published careers' rows that use a vocabulary entry, in the page's order (unevaluated)."""
    _vocab, row_model, field, order = REVERSE[kind]
    return order(listed_rows(row_model).filter(Career.published_q("career__"), **{field: entry}))


def page_of(queryset, number, size):
    """One page of a list (2 queries: the count and the page); a bad page number gives the nearest page."""
    return Paginator(queryset, size).get_page(number)


class KeysFirst:
    """A long sorted list for the Paginator that reads one page's rows only: the database sorts just
    the rows' keys (from an index: ``models.rows.listing_index``; for browse, migrations 0012 and
    0018) to find the page's ids, and the page's query reads the full rows of those ids. One query
    for the page, however many rows the list has, and one for the count, which is kept until the
    catalogue changes (it reads every row the list has: 2-4 ms for a list of 1,700-3,300 careers)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        try:
            sql, params = self.queryset.order_by().query.sql_with_params()  # (one count for every sort)
        except EmptyResultSet:
            return 0
        key = hashlib.sha256(f"{sql}\n{params!r}".encode()).hexdigest()
        return per_version(f"list-count:{key}", self.queryset.count)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("KeysFirst is read a page (a slice) at a time")
        return self.queryset.filter(pk__in=self.queryset.values("pk")[window])


def rows_page(queryset, number, size):
    """One page of a long sorted list of career rows (see ``KeysFirst``): 2 queries."""
    return page_of(KeysFirst(queryset), number, size)


def pages_nearby(page):
    """The page numbers to link to around the current one, None for a gap: a bounded number of
    links however many pages there are."""
    ellipsis = page.paginator.ELLIPSIS
    return [
        None if n == ellipsis else n
        for n in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]


# --- Clusters ---------------------------------------------------------------------------------


def clusters_with_top_careers(per_cluster=HOME_PER_CLUSTER):
    """Every cluster with ``published_count`` and ``top_careers``: its first published careers by
    title, at most ``per_cluster`` (2 queries, whatever the catalogue's size)."""
    clusters = list(Cluster.objects.annotate(published_count=Count("careers", filter=Career.published_q("careers__"))))
    ranked = (
        Career.objects.published()
        .filter(cluster__isnull=False)
        .annotate(place=Window(RowNumber(), partition_by=[F("cluster_id")], order_by=[F("title").asc()]))
        .filter(place__lte=per_cluster)
        .only("slug", "title", "cluster_id")
        .order_by("cluster_id", "title")
    )
    by_cluster = {}
    for career in ranked:
        by_cluster.setdefault(career.cluster_id, []).append(career)
    for cluster in clusters:
        cluster.top_careers = by_cluster.get(cluster.pk, [])
    return clusters


def cluster_careers(cluster):
    """A cluster's published careers in the cluster page's order (unevaluated)."""
    return Career.objects.published().filter(cluster=cluster).only("slug", "title", "summary").order_by("title")
