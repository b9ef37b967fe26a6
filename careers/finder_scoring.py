"""The finder's totals for thousands of careers at once: the same numbers as ``finder._scored``,
computed from one plain tuple per career (``score_row``) in a tight loop, with what depends only on
the student's answers worked out once per request (``Scorer``). ``finder.rank`` uses it to pick the
top ten, which it then explains with the full rules. A test compares both on every career.
"""

from . import finder as F

# The fields of a score row, in order.
TITLE, CODE, CLUSTER, SLUG, ROUTE, YEARS, CODING, SHIFTS, FIELDWORK, FITS, SKILLS, HIGH = range(12)


def score_row(c):
    """What scoring reads of a Candidate, as a tuple: its title, the letters of its interest code
    that count, cluster, slug, route start, years after class 12, the three avoidable traits,
    {degree id: fit}, its key skills' ids and the top of its entry salary band (or None)."""
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
        {degree_id: fit[0] for degree_id, fit in c.degree_fits.items()},
        tuple(skill_id for skill_id, _name in c.key_skills),
        c.entry_band[1] if c.entry_band is not None else None,
    )


class Scorer:
    """The total (0–100) of each score row for one profile."""

    def __init__(self, profile, strengths, topics):
        self.profile, self.strengths, self.topics = profile, strengths, topics
        self.topic_names = frozenset().union(*topics) if topics else frozenset()
        self._riasec, self._topic, self._pay = {}, {}, {}
        p = profile
        self.avoid_coding, self.avoid_shifts = "coding" in p.avoid, "shifts" in p.avoid
        self.avoid_fieldwork, self.avoid_long = "fieldwork" in p.avoid, "long_study" in p.avoid

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

    def education_of(self):
        """The education part as a function of (route start, fits), for this profile."""
        p = self.profile
        stage, degree_id, stream_ids = p.stage, p.degree_id, p.stream_degree_ids
        after_10_fit = F.CLASS_10_ROUTE_FIT["after_10"] if stage == "class10" else F.AFTER_10_FIT_IN_CLASS_12
        school = degree_id is None and stage in ("class10", "class12")

        def education(route, fits):
            if school and route == "after_10":
                return after_10_fit
            if degree_id is None and stage == "class10" and not stream_ids:
                return F.CLASS_10_ROUTE_FIT.get(route, 60)
            if degree_id is not None:
                return fits.get(degree_id, F.UNLISTED_DEGREE_FIT)
            if stream_ids:
                return max((fit for d, fit in fits.items() if d in stream_ids), default=0)
            return None

        return education

    def pay(self, high):
        score = self._pay.get(high)
        if score is None:
            score = self._pay[high] = F.pay_score(high, self.profile.min_salary)
        return score

    def totals(self, rows):
        """[total 0–100] of each row: ``finder._scored``'s rules, in one loop."""
        p = self.profile
        w_interest, w_education = F.WEIGHTS["interest"], F.WEIGHTS["education"]
        w_skills, w_preferences = F.WEIGHTS["skills"], F.WEIGHTS["preferences"]
        strengths, topics, n_topics = self.strengths, self.topics, len(self.topics)
        have, salary, avoid = p.skill_ids, p.min_salary is not None, bool(p.avoid)
        avoid_coding, avoid_shifts = self.avoid_coding, self.avoid_shifts
        avoid_fieldwork, avoid_long, degree_id = self.avoid_fieldwork, self.avoid_long, p.degree_id
        education, riasec, matched_topics, pay = self.education_of(), self.riasec, self.matched_topics, self.pay
        long_years, penalty, strong = F.LONG_STUDY_YEARS, F.CLASH_PENALTY, F.STRONG_DEGREE_FIT
        out = []
        for _title, letters, cluster, slug, route, years, coding, shifts, fieldwork, fits, skills, high in rows:
            weight = total = 0
            if strengths and letters:
                score = riasec(letters)
                if topics:
                    matched = matched_topics(cluster, slug)
                    score = round(F.RIASEC_SHARE * score + F.TOPIC_SHARE * 100 * matched / n_topics)
                weight, total = w_interest, w_interest * score
            score = education(route, fits)
            if score is not None:
                weight += w_education
                total += w_education * score
            if have and skills:
                weight += w_skills
                total += w_skills * round(100 * sum(1 for s in skills if s in have) / len(skills))
            clashes = (avoid_coding and coding) + (avoid_shifts and shifts) + (avoid_fieldwork and fieldwork)
            if avoid_long and years is not None and years >= long_years:
                fit = fits.get(degree_id) if degree_id else None
                clashes += not (fit is not None and fit >= strong)
            if salary and high is not None:
                score = pay(high)
                if avoid:
                    score = round((score + (0 if clashes else 100)) / 2)
            elif avoid:
                score = 0 if clashes else 100
            else:
                score = None
            if score is not None:
                weight += w_preferences
                total += w_preferences * score
            base = total / weight if weight else 0
            out.append(max(0, min(100, round(base - penalty * clashes))))
        return out
