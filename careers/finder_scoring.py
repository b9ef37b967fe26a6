"""The finder's totals for thousands of careers at once: the same numbers as ``finder._scored``,
computed with numpy from the score rows in columns (``Columns``, made once per catalogue version
and kept with it), with what depends only on the student's answers worked out once per request
(``Scorer``): a few array operations whatever the catalogue's size, instead of a Python loop over
every career. ``finder.best_rows`` uses them to pick the top careers, which ``finder.rank`` then
explains with the full rules. A test compares both on every career.
"""

from itertools import chain

import numpy as np

from . import finder as F

# The fields of a score row, in order.
TITLE, CODE, CLUSTER, SLUG, ROUTE, YEARS, CODING, SHIFTS, FIELDWORK, FITS, SKILLS, HIGH = range(12)
ROUTES = ("after_10", "after_12", "after_degree")  # (route codes in Columns.route; any other is len(ROUTES))
NO_FIT = np.iinfo(np.int64).min  # (no degree of the stream lists the career)
# Every name a ticked statement can point to: a career with one of these slugs may score on its own.
TOPIC_NAMES = frozenset().union(*F.INTEREST_TOPICS.values())


def score_row(c):
    """What scoring reads of a Candidate, as a tuple: its title, the letters of its interest code
    that count, cluster, slug, route start, years after class 12, the three avoidable traits,
    {degree id: fit} (best fit first), its key skills' ids and the top of its entry salary band (or None)."""
    return (
        c.title,
        c.interest_code[: len(F.INTEREST_CODE_WEIGHTS)],
        c.cluster,
        c.slug,
        c.route_start,
        c.years_after_class_12,
        c.involves_coding,
        c.shift_work,
        c.fieldwork,
        {degree_id: fit[0] for degree_id, fit in sorted(c.degree_fits.items(), key=lambda item: -item[1][0])},
        tuple(skill_id for skill_id, _name in c.key_skills),
        c.entry_band[1] if c.entry_band is not None else None,
    )


def _by_key(keys, counts, values=None):
    """{key: (positions, values)}: for each key, the rows (and their values) that have it, from the
    keys of every row one after the other (``counts`` per row) and their values."""
    keys = np.fromiter(keys, np.int64)
    positions = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    order = np.argsort(keys, kind="stable")
    keys, positions = keys[order], positions[order]
    values = np.fromiter(values, np.int64)[order] if values is not None else None
    unique, starts = np.unique(keys, return_index=True)
    ends = [*starts[1:].tolist(), len(keys)] if len(keys) else []
    return {
        key: (positions[start:end], values[start:end] if values is not None else None)
        for key, start, end in zip(unique.tolist(), starts.tolist(), ends, strict=True)
    }


def _codes(values, codes):
    """Each value's code in ``codes`` ({value: code}), numbering the values not there yet as they come."""
    return np.array([codes.setdefault(value, len(codes)) for value in values], np.int32)


class Columns:
    """The score rows as arrays (one entry per row), made once per catalogue version: what scoring
    reads of each career, and what is shared by many careers (their (letters, cluster) group, the
    top of their entry band) once with a code per row. Degree fits and key skills are kept by
    degree and by skill: the rows listing each, so a profile reads only the few it names."""

    def __init__(self, rows):
        n = self.size = len(rows)
        title, code, cluster, slug, route, years, coding, shifts, fieldwork, fits, skills, high = (
            zip(*rows, strict=True) if rows else ((),) * 12
        )
        self.slugs = {s: i for i, s in enumerate(slug) if s in TOPIC_NAMES}  # (careers a statement names)
        groups, highs = {}, {}
        self.group = _codes(zip(code, cluster, strict=True), groups)
        self.groups = list(groups)  # [(letters, cluster)]
        self.route = _codes(route, {value: code for code, value in enumerate(ROUTES)}).clip(max=len(ROUTES))
        self.has_years = np.array([y is not None for y in years], bool)
        self.years = np.array([-1 if y is None else y for y in years], np.int64)
        self.coding, self.shifts = np.array(coding, bool), np.array(shifts, bool)
        self.fieldwork = np.array(fieldwork, bool)
        self.high = _codes(high, highs)
        self.highs = list(highs)  # the distinct tops of entry bands (None: no entry band)
        self.has_high = np.array([h is not None for h in high], bool)
        self.skill_count = np.fromiter(map(len, skills), np.int64, n)
        self.fits = _by_key(
            chain.from_iterable(fits), [len(f) for f in fits], chain.from_iterable(f.values() for f in fits)
        )
        self.skills = {
            s: positions for s, (positions, _none) in _by_key(chain.from_iterable(skills), self.skill_count).items()
        }
        # Each row's place in the order of (title, position): the tie-break of equal totals.
        by_title = sorted(range(n), key=title.__getitem__)  # (stable: equal titles keep their order)
        self.title_rank = np.empty(n, np.int64)
        self.title_rank[by_title] = np.arange(n)

    def degree_fit(self, degree_id):
        """(whether each row lists the degree, its fit there or 0)."""
        listed, fit = np.zeros(self.size, bool), np.zeros(self.size, np.int64)
        positions, values = self.fits.get(degree_id, (None, None))
        if positions is not None:
            listed[positions], fit[positions] = True, values
        return listed, fit

    def best_fit(self, degree_ids):
        """Each row's best fit among these degrees (``NO_FIT`` where it lists none of them)."""
        best = np.full(self.size, NO_FIT, np.int64)
        for degree_id in degree_ids:
            positions, values = self.fits.get(degree_id, (None, None))
            if positions is not None:
                best[positions] = np.maximum(best[positions], values)
        return best

    def having(self, skill_ids):
        """How many of these skills each row lists as key skills."""
        found = [self.skills[s] for s in skill_ids if s in self.skills]
        if not found:
            return np.zeros(self.size, np.int64)
        return np.bincount(np.concatenate(found), minlength=self.size)


class Scorer:
    """The total (0–100) of each score row for one profile."""

    def __init__(self, profile, strengths, topics):
        self.profile, self.strengths, self.topics = profile, strengths, topics
        self.topic_names = frozenset().union(*topics) if topics else frozenset()
        self._riasec, self._topic = {}, {}

    def riasec(self, letters):
        score = self._riasec.get(letters)
        if score is None:
            score = self._riasec[letters] = F._riasec(None, self.strengths, letters, explain=False).score
        return score

    def matched_topics(self, cluster, slug):
        if slug in self.topic_names:
            return sum(1 for names in self.topics if cluster in names or slug in names)
        matched = self._topic.get(cluster)
        if matched is None:
            matched = self._topic[cluster] = sum(1 for names in self.topics if cluster in names)
        return matched

    def interest(self, letters, cluster, slug):
        """The interest part (None: nothing ticked, or the career has no code)."""
        if not self.strengths or not letters:
            return None
        score = self.riasec(letters)
        if not self.topics:
            return score
        matched = self.matched_topics(cluster, slug)
        return round(F.RIASEC_SHARE * score + F.TOPIC_SHARE * 100 * matched / len(self.topics))

    def _interests(self, columns):
        """(whether each row has an interest part, its score or 0): one score per (letters, cluster)
        group, and one for each career named by a ticked statement itself."""
        by_group = [self.interest(letters, cluster, None) for letters, cluster in columns.groups]
        scores = np.array([0 if s is None else s for s in by_group], np.int64)[columns.group]
        present = np.array([s is not None for s in by_group], bool)[columns.group]
        for slug in self.topic_names:
            i = columns.slugs.get(slug)
            if i is not None:
                letters, cluster = columns.groups[columns.group[i]]
                score = self.interest(letters, cluster, slug)
                present[i], scores[i] = score is not None, 0 if score is None else score
        return present, scores

    def _education(self, columns):
        """(whether each row has an education part, its score or 0): ``finder._education``'s rules."""
        p, n = self.profile, columns.size
        stage, degree_id, stream_ids = p.stage, p.degree_id, p.stream_degree_ids
        after_10 = columns.route == ROUTES.index("after_10")
        if degree_id is None and stage == "class10" and not stream_ids:
            fit = np.array([F.CLASS_10_ROUTE_FIT.get(r, 60) for r in (*ROUTES, None)], np.int64)[columns.route]
            present = np.ones(n, bool)
        elif degree_id is not None:
            listed, fit = columns.degree_fit(degree_id)
            fit = np.where(listed, fit, F.UNLISTED_DEGREE_FIT)
            present = np.ones(n, bool)
        elif stream_ids:  # the best fit among the stream's degrees
            fit = columns.best_fit(stream_ids)
            fit = np.where(fit == NO_FIT, 0, fit)
            present = np.ones(n, bool)
        else:
            fit, present = np.zeros(n, np.int64), np.zeros(n, bool)
        if degree_id is None and stage in ("class10", "class12"):
            school = F.CLASS_10_ROUTE_FIT["after_10"] if stage == "class10" else F.AFTER_10_FIT_IN_CLASS_12
            fit, present = np.where(after_10, school, fit), present | after_10
        return present, fit

    def _clashes(self, columns):
        """How many things to avoid each row involves."""
        p = self.profile
        clashes = np.zeros(columns.size, np.int64)
        for avoided, involved in (
            ("coding", columns.coding),
            ("shifts", columns.shifts),
            ("fieldwork", columns.fieldwork),
        ):
            if avoided in p.avoid:
                clashes += involved
        if "long_study" in p.avoid:
            long = columns.has_years & (columns.years >= F.LONG_STUDY_YEARS)
            if p.degree_id:
                listed, fit = columns.degree_fit(p.degree_id)
                long &= ~(listed & (fit >= F.STRONG_DEGREE_FIT))
            clashes += long
        return clashes

    def _preferences(self, columns, clashes):
        """(whether each row has a preference part, its score or 0)."""
        p, n = self.profile, columns.size
        avoided = np.where(clashes > 0, 0, 100)
        if p.min_salary is not None:
            pay = [0 if high is None else F.pay_score(high, p.min_salary) for high in columns.highs]
            pay, paid = np.array(pay, np.int64)[columns.high], columns.has_high
            if p.avoid:
                pay = np.rint((pay + avoided) / 2).astype(np.int64)
                return np.ones(n, bool), np.where(paid, pay, avoided)
            return paid, np.where(paid, pay, 0)
        if p.avoid:
            return np.ones(n, bool), avoided
        return np.zeros(n, bool), np.zeros(n, np.int64)

    def totals(self, columns):
        """The total 0–100 of each row (an array): ``finder._scored``'s rules, a column at a time."""
        p, weights = self.profile, F.WEIGHTS
        clashes = self._clashes(columns)
        weight, total = np.zeros(columns.size, np.int64), np.zeros(columns.size, np.int64)
        parts = [("interest", *self._interests(columns)), ("education", *self._education(columns))]
        if p.skill_ids:
            have = columns.having(p.skill_ids)
            skills = np.rint(100 * have / np.maximum(columns.skill_count, 1)).astype(np.int64)
            parts.append(("skills", columns.skill_count > 0, skills))
        parts.append(("preferences", *self._preferences(columns, clashes)))
        for name, present, score in parts:
            weight += np.where(present, weights[name], 0)
            total += np.where(present, weights[name] * score, 0)
        base = np.where(weight > 0, total / np.maximum(weight, 1), 0.0)
        return np.clip(np.rint(base - F.CLASH_PENALTY * clashes), 0, 100).astype(np.int64)

    def best(self, columns, top):
        """The positions of the ``top`` best rows, best first; equal totals in order of title (and of
        position, for equal titles)."""
        totals = self.totals(columns)
        key = (100 - totals) * columns.size + columns.title_rank  # (unique: the title rank is)
        if top < columns.size:
            key_top = np.argpartition(key, top)[:top] if top > 0 else np.empty(0, np.int64)
        else:
            key_top = np.arange(columns.size)
        return key_top[np.argsort(key[key_top])].tolist()
