"""What the finder knows about each published career (``Candidate``), read from the catalogue in a
fixed number of queries and kept per process until the catalogue changes. The scoring is in
``finder.py``."""

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import translation

from .languages import localized
from .models import Career, CareerDegree, CareerExam, CareerSkill, Importance, SalaryBand, month_list, stream_list

# Years from the end of class 12 to the route's starting point (class 10 is two years earlier; a
# degree is about three years later).
ROUTE_OFFSET = {"after_10": -2, "after_12": 0, "after_degree": 3}


@dataclass
class Candidate:
    """What the finder needs to know about one published career."""

    slug: str
    title: str
    summary: str
    interest_code: str
    study_years: int | None  # from the route's starting point
    involves_coding: bool
    shift_work: bool
    fieldwork: bool
    degree_fits: dict = field(default_factory=dict)  # degree id -> (fit score, preferred, name)
    key_skills: list = field(default_factory=list)  # [(skill id, name)] of high importance, in page order
    entry_band: tuple | None = None  # (min, max) ₹ LPA
    route_start: str = "after_12"
    cluster: str = ""
    cluster_name: str = ""
    exams: list = field(default_factory=list)  # [ExamStep] in the order students meet them

    @property
    def years_after_class_12(self):
        """Typical years of study after class 12 before the first job (a degree counted in)."""
        if self.study_years is None:
            return None
        return max(0, self.study_years + ROUTE_OFFSET.get(self.route_start, 0))


@dataclass(frozen=True)
class ExamStep:
    """One exam on a career's route, as the finder needs it."""

    slug: str
    short_name: str
    stage: str  # when students usually sit it (a RouteStart value)
    streams: frozenset  # class 12 streams that may sit it; empty: any
    month: int | None  # the usual (first) exam month
    role: str


def _rows(model, *filters):
    """A plain QuerySet of ``model`` (django-modeltranslation's, which every translated model's
    manager returns, rewrites each row of a values query through two dicts: most of the finder's
    rebuild time at 5,000 careers); its text columns are read with ``languages.localized``."""
    return QuerySet(model).filter(*filters)


def _column(field):
    """The column of the active language's text of a translated ``field`` (what the model's own
    ordering by ``field`` means in a translated query)."""
    return f"{field}_{translation.get_language() or settings.LANGUAGE_CODE}"


def load_candidates():
    """Every published career as a Candidate: 5 queries whatever the catalogue size
    (careers, degree fits, high-importance skills, entry salary bands, exams)."""
    published = Career.published_q()
    careers = {
        pk: Candidate(
            slug=slug,
            title=title,
            summary=summary,
            interest_code=interest_code,
            study_years=study_years,
            route_start=route_start,
            cluster=cluster or "",
            cluster_name=cluster_name or "",
            involves_coding=involves_coding,
            shift_work=shift_work,
            fieldwork=fieldwork,
        )
        for (
            pk,
            slug,
            title,
            summary,
            interest_code,
            study_years,
            route_start,
            cluster,
            involves_coding,
            shift_work,
            fieldwork,
            cluster_name,
        ) in _rows(Career, published)
        .order_by(_column("title"), "id")  # (the careers' order in the page's language, as before)
        .values_list(
            "id",
            "slug",
            localized("title"),
            localized("summary"),
            "interest_code",
            "study_years",
            "route_start",
            "cluster__slug",
            "involves_coding",
            "shift_work",
            "fieldwork",
            localized("cluster__name"),
        )
    }
    through_career = Career.published_q("career__")
    for career_id, degree_id, score, preferred, name in _rows(CareerDegree, through_career).values_list(
        "career_id", "degree_id", "fit_score", "preferred", localized("degree__name")
    ):
        careers[career_id].degree_fits[degree_id] = (score, preferred, name)
    for career_id, skill_id, name in (
        _rows(CareerSkill, through_career, Q(importance=Importance.HIGH))
        .order_by("career_id", "order")
        .values_list("career_id", "skill_id", localized("skill__name"))
    ):
        careers[career_id].key_skills.append((skill_id, name))
    for career_id, low, high in (
        _rows(SalaryBand, through_career, Q(level=SalaryBand.Level.ENTRY))
        .order_by("career_id", "order")
        .values_list("career_id", "min_lpa", "max_lpa")
    ):
        if careers[career_id].entry_band is None:
            careers[career_id].entry_band = (low, high)
    steps = {}  # (a few hundred exams for thousands of careers: each step made once)
    for career_id, *exam in (
        _rows(CareerExam, through_career)
        .order_by("career_id", "order")
        .values_list(
            "career_id", "exam__slug", "exam__short_name", "exam__stage", "exam__streams", "exam__exam_months", "role"
        )
    ):
        key = tuple(exam)
        if key not in steps:
            slug, short_name, stage, streams, months, role = exam
            first = next(iter(month_list(months)), None)
            steps[key] = ExamStep(slug, short_name, stage, frozenset(stream_list(streams)), first, role)
        careers[career_id].exams.append(steps[key])
    return list(careers.values())


def pack(candidates):
    """The candidates as plain data, with their score rows: what the shared cache keeps per
    catalogue version, so a new worker unpickles one compact value instead of querying and building
    thousands of objects. Each career's own data (tuples, strings, numbers) is pickled on its own,
    to be unpickled only when that career is shown; the score rows, which every request reads, are
    plain tuples whose equal pieces (a skill list, a cluster's name) are stored once."""
    from .finder_scoring import CLUSTER, CODE, HIGH, ROUTE, SKILLS, score_row

    plain = [
        _one_career(
            c.slug,
            c.title,
            c.summary,
            c.interest_code,
            c.study_years,
            c.involves_coding,
            c.shift_work,
            c.fieldwork,
            tuple((degree_id, *fit) for degree_id, fit in c.degree_fits.items()),
            tuple(c.key_skills),
            c.entry_band,
            c.route_start,
            c.cluster,
            c.cluster_name,
            tuple((e.slug, e.short_name, e.stage, tuple(sorted(e.streams)), e.month, e.role) for e in c.exams),
        )
        for c in candidates
    ]
    one = {}.setdefault  # one object for equal values: pickle then writes it once
    rows = []
    for c in candidates:
        row = list(score_row(c))
        for i in (CODE, CLUSTER, ROUTE, SKILLS):
            row[i] = one(row[i], row[i])
        row[HIGH] = one(("pay", row[HIGH]), row[HIGH])  # (a few hundred amounts for thousands of careers)
        rows.append(tuple(row))
    return plain, rows


def _one_career(*fields):
    return pickle.dumps(fields, pickle.HIGHEST_PROTOCOL)


def _unpack(packed):
    *fields, fits, skills, band, route, cluster, cluster_name, exams = pickle.loads(packed)
    return Candidate(
        *fields,
        degree_fits={degree_id: tuple(fit) for degree_id, *fit in fits},
        key_skills=list(skills),
        entry_band=band,
        route_start=route,
        cluster=cluster,
        cluster_name=cluster_name,
        exams=[
            ExamStep(slug, short, stage, frozenset(streams), month, role)
            for slug, short, stage, streams, month, role in exams
        ],
    )


def _bare(row):
    """A Candidate from its score row alone: for a career whose own data has left the cache and the
    database between two reads (its page will say it is no longer published)."""
    from . import finder_scoring as S

    return Candidate(row[S.SLUG], row[S.TITLE], "", row[S.CODE], None, row[S.CODING], row[S.SHIFTS], row[S.FIELDWORK])


class Catalogue(Sequence):
    """Every published career as a Candidate, made when first asked for: ranking reads
    ``score_rows`` (as ``columns``) and explains only the top ten. Each career's own data is in ``plain`` (a list
    in the order of the rows) or, when that is None, read through ``fetch`` (slugs -> {slug: packed
    data}) for the careers asked for, in one call (``prefetch``)."""

    def __init__(self, packed, fetch=None):
        self._plain, self.score_rows = packed
        self._fetch = fetch
        self._made = [None] * len(self.score_rows)

    @classmethod
    def of(cls, candidates):
        """The catalogue of Candidates already made (nothing to unpack)."""
        from .finder_scoring import score_row

        catalogue = cls((None, [score_row(c) for c in candidates]))
        catalogue._made = list(candidates)
        return catalogue

    def __len__(self):
        return len(self.score_rows)

    @cached_property
    def columns(self):
        """The score rows as ``finder_scoring.Columns`` (what ranking reads), made when first asked
        for and kept with the rows (for this catalogue version, in this process)."""
        from .finder_scoring import Columns

        return Columns(self.score_rows)

    def prefetch(self, indices):
        """Make the Candidates at these positions, reading the data of those not made yet at once."""
        from .finder_scoring import SLUG

        missing = [i for i in indices if self._made[i] is None]
        if not missing:
            return
        if self._plain is not None:
            packed = [self._plain[i] for i in missing]
        else:
            found = self._fetch([self.score_rows[i][SLUG] for i in missing])
            packed = [found[self.score_rows[i][SLUG]] for i in missing]
        for i, data in zip(missing, packed, strict=True):
            self._made[i] = _unpack(data) if data is not None else _bare(self.score_rows[i])

    def __iter__(self):  # (every career: their data read at once, not one read per career)
        self.prefetch(range(len(self)))
        return iter(self._made)

    def with_slugs(self, slugs):
        """The Candidates of those of these slugs that are in the catalogue, read at once."""
        from .finder_scoring import SLUG

        wanted = set(slugs)
        indices = [i for i, row in enumerate(self.score_rows) if row[SLUG] in wanted]
        self.prefetch(indices)
        return [self._made[i] for i in indices]

    def __getitem__(self, index):
        if isinstance(index, slice):
            indices = range(*index.indices(len(self)))
            self.prefetch(indices)
            return [self._made[i] for i in indices]
        index = range(len(self))[index]
        if self._made[index] is None:
            self.prefetch([index])
        return self._made[index]


def _shared_cache():
    """Whether other processes read this cache (Redis, files…), unlike local memory."""
    from django.conf import settings

    return not settings.CACHES["default"]["BACKEND"].endswith((".LocMemCache", ".DummyCache"))


CACHE_NAME = "finder-catalogue-2"  # the number changes with the packed format (old workers keep theirs)
CAREER_CACHE_NAME = "finder-career-2"  # one key per career: its own data, read only when it is shown


def cached_candidates():
    """Every published career as a Candidate (a ``Catalogue``), kept in this process until the
    catalogue changes (its cache version moves on any content change), and in the shared cache
    (Redis in production; not the local-memory cache, which no other worker reads) for the others:
    a finder request does not reload thousands of careers, and a new worker reads the score rows
    (one value) and, as it shows careers, their own data, instead of running five queries."""
    from .caching import per_version_in_process

    return per_version_in_process("finder-catalogue", _catalogue)


def _catalogue():
    from .caching import catalogue_version

    if not _shared_cache():  # no other worker could read it: packing would only cost time
        return Catalogue.of(load_candidates())
    return _shared_catalogue(f"{translation.get_language()}:{catalogue_version()}")


def _shared_catalogue(edition):
    """The Catalogue of this language and catalogue version from the shared cache: the score rows
    under one key, each career's own data under a key of its own (its slug), so that a worker reads
    a fraction of a megabyte of rows rather than the whole catalogue, and ten careers per page."""
    from django.core.cache import cache

    from .finder_scoring import SLUG

    rows = cache.get(f"{CACHE_NAME}:{edition}")
    if rows is None:
        plain, rows = _build_once(edition)
        if plain is not None:
            return Catalogue((plain, rows))

    def fetch(slugs):
        keys = {f"{CAREER_CACHE_NAME}:{edition}:{slug}": slug for slug in slugs}
        found = {keys[key]: data for key, data in cache.get_many(list(keys)).items()}
        if len(found) < len(keys):  # evicted: read the catalogue again (and store it for the others)
            plain, rows = _store(edition)
            by_slug = dict(zip((row[SLUG] for row in rows), plain, strict=True))
            found = {slug: by_slug.get(slug) for slug in slugs}
        return found

    return Catalogue((None, rows), fetch)


REBUILD_WAIT_SECONDS = 10  # how long a worker waits for another's rebuild before doing its own
REBUILD_POLL_SECONDS = 0.05


def _build_once(edition):
    """(plain, rows) of a catalogue no worker has stored yet, built by one worker at a time: after a
    content change every worker misses at once, and each building it (a second of queries and
    packing at 5,000 careers) would make them all slower. The worker that takes the lock (an
    ``add`` in the shared cache, which only one can win) builds and stores it; the others wait for
    the rows to appear and return (None, rows), reading each career's data as they show it. A
    worker that waits longer than ``REBUILD_WAIT_SECONDS`` (the builder died or is very slow)
    builds it itself."""
    import time

    from django.core.cache import cache

    key, lock = f"{CACHE_NAME}:{edition}", f"{CACHE_NAME}:building:{edition}"
    if cache.add(lock, True, REBUILD_WAIT_SECONDS):
        try:
            return _store(edition)
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + REBUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(REBUILD_POLL_SECONDS)
        rows = cache.get(key)
        if rows is not None:
            return None, rows
        if cache.get(lock) is None:  # the builder gave up (an error) without storing
            break
    return _store(edition)


def _store(edition):
    """(plain, rows) loaded from the database, stored in the shared cache: the careers first, so a
    worker that finds the rows finds the careers too."""
    from django.conf import settings
    from django.core.cache import cache

    from .finder_scoring import SLUG

    plain, rows = pack(load_candidates())
    seconds = settings.CATALOGUE_CACHE_SECONDS
    cache.set_many(
        {f"{CAREER_CACHE_NAME}:{edition}:{row[SLUG]}": data for row, data in zip(rows, plain, strict=True)}, seconds
    )
    cache.set(f"{CACHE_NAME}:{edition}", rows, seconds)
    return plain, rows
