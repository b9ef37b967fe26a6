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

    def interest(self, letters, cluster, slug):
        """The interest part (None: nothing ticked, or the career has no code)."""
        if not self.strengths or not letters:
            return None
        score = self.riasec(letters)
        if not self.topics:
            return score
        matched = self.matched_topics(cluster, slug)
        return round(F.RIASEC_SHARE * score + F.TOPIC_SHARE * 100 * matched / len(self.topics))

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
        interests, interest = {}, self.interest  # by (letters, cluster) unless the slug is a topic
        topic_slugs = self.topic_names
        stage, degree_id, stream_ids = p.stage, p.degree_id, p.stream_degree_ids
        school = degree_id is None and stage in ("class10", "class12")
        after_10_fit = F.CLASS_10_ROUTE_FIT["after_10"] if stage == "class10" else F.AFTER_10_FIT_IN_CLASS_12
        by_route = degree_id is None and stage == "class10" and not stream_ids
        route_fit, unlisted = F.CLASS_10_ROUTE_FIT, F.UNLISTED_DEGREE_FIT
        have, salary, avoid = p.skill_ids, p.min_salary is not None, bool(p.avoid)
        avoid_coding, avoid_shifts = self.avoid_coding, self.avoid_shifts
        avoid_fieldwork, avoid_long = self.avoid_fieldwork, self.avoid_long
        long_years, penalty, strong, pay = F.LONG_STUDY_YEARS, F.CLASH_PENALTY, F.STRONG_DEGREE_FIT, self.pay
        out = []
        append = out.append
        for _title, letters, cluster, slug, route, years, coding, shifts, fieldwork, fits, skills, high in rows:
            if slug in topic_slugs:
                score = interest(letters, cluster, slug)
            else:
                key = (letters, cluster)
                score = interests.get(key, interests)
                if score is interests:
                    score = interests[key] = interest(letters, cluster, slug)
            if score is None:
                weight = total = 0
            else:
                weight, total = w_interest, w_interest * score
            # Education (finder._education)
            if school and route == "after_10":
                score = after_10_fit
            elif by_route:
                score = route_fit.get(route, 60)
            elif degree_id is not None:
                score = fits.get(degree_id, unlisted)
            elif stream_ids:  # the best fit among the stream's degrees: fits are best first
                score = 0
                for d, fit in fits.items():
                    if d in stream_ids:
                        score = fit
                        break
            else:
                score = None
            if score is not None:
                weight += w_education
                total += w_education * score
            if have and skills:
                weight += w_skills
                n = 0
                for skill in skills:
                    if skill in have:
                        n += 1
                total += w_skills * round(100 * n / len(skills))
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
            append(max(0, min(100, round((total / weight if weight else 0) - penalty * clashes))))
        return out
