"""The career finder: scores every published career against a student's answers.

The score (0–100) is a weighted average of named parts, each 0–100, over the parts the student
gave answers for; careers that clash with something the student wants to avoid lose points on
top. Every part comes with a reason in plain words. ``rank`` is pure and deterministic (ties are
broken by title); ``finder_candidates.load_candidates`` reads the catalogue in a fixed number of queries.
"""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# The careers scored (read from the catalogue): part of this module's API.
from .finder_candidates import Candidate, ExamStep, cached_candidates, load_candidates  # noqa: F401
from .models import RIASEC_NAMES
from .money import lpa, lpa_range

WEIGHTS = {"interest": 35, "education": 30, "skills": 20, "preferences": 15}
# Within the interest part: the RIASEC match, and whether the career is in a family of work the
# ticked statements point to (its cluster).
RIASEC_SHARE, TOPIC_SHARE = 0.5, 0.5
PART_LABELS = {
    "interest": _("Interest match"),
    "education": _("Education fit"),
    "skills": _("Skill coverage"),
    "preferences": _("Preference fit"),
}
CLASH_PENALTY = 20  # points off the total for each thing-to-avoid the career involves
LONG_STUDY_YEARS = 5  # "years of extra study": a career usually needing this many years after class 12
STRONG_DEGREE_FIT = 70  # a graduate whose degree fits this well needs no "years of extra study"
UNLISTED_DEGREE_FIT = 25  # a degree the career's page does not list as a route
INTEREST_CODE_WEIGHTS = (3, 2, 1)  # first letter of a career's RIASEC code counts most
TOP = 10

# Activity statements a 15-year-old understands, each tied to one RIASEC area and, where the
# activity belongs to families of work, to those clusters (its "topics").
INTERESTS = [
    ("fix-build", "R", _("Fixing, building or repairing things with my hands")),
    ("machines", "R", _("Working with machines, vehicles, tools or equipment")),
    ("outdoors", "R", _("Working outdoors or on a site rather than at a desk")),
    ("animals-plants", "R", _("Looking after animals, plants, farms or forests")),
    ("sport", "R", _("Playing sport, training and keeping fit")),
    ("uniform", "R", _("Serving in uniform: the armed forces or the police")),
    ("cooking", "A", _("Cooking, hosting guests or showing travellers around")),
    ("code", "I", _("Writing code to solve problems")),
    ("puzzles", "I", _("Solving puzzles and figuring out how things work")),
    ("experiments", "I", _("Doing experiments and finding out why things happen")),
    ("numbers", "I", _("Working with numbers, data and patterns")),
    ("design", "A", _("Drawing, designing or making things look good")),
    ("writing", "A", _("Writing stories, articles or posts")),
    ("performing", "A", _("Acting, dancing, singing, music or making films")),
    ("ideas", "A", _("Coming up with original ideas and creative projects")),
    ("helping", "S", _("Helping people with their problems")),
    ("teaching", "S", _("Teaching or explaining things to others")),
    ("caring", "S", _("Caring for people who are unwell")),
    ("leading", "E", _("Leading a team or organising an event")),
    ("persuading", "E", _("Convincing people, selling or negotiating")),
    ("business", "E", _("Starting projects and taking charge of decisions")),
    ("records", "C", _("Keeping records, accounts and files in order")),
    ("rules", "C", _("Following clear rules and procedures carefully")),
    ("details", "C", _("Checking details and catching mistakes")),
    ("money", "C", _("Handling money, budgets and accounts")),
]
INTEREST_LETTER = {key: letter for key, letter, _ in INTERESTS}
# The families of work a statement points to: cluster slugs, and single careers whose cluster is
# elsewhere (a vet works with animals but sits with healthcare). Statements not listed point to none.
INTEREST_TOPICS = {
    "fix-build": {"skilled-trades", "core-engineering"},
    "machines": {"skilled-trades", "core-engineering", "aviation-hospitality"},
    "outdoors": {"agriculture-environment", "defence-uniformed", "core-engineering"},
    "animals-plants": {"agriculture-environment", "veterinarian"},
    "sport": {"sports-fitness"},
    "uniform": {"defence-uniformed"},
    "cooking": {"hospitality-travel-food"},
    "code": {"software-it", "ai-data"},
    "experiments": {"education-research", "healthcare", "allied-health-ayush"},
    "design": {"design-creative"},
    "writing": {"media-communication"},
    "performing": {"performing-arts-media"},
    "caring": {"healthcare", "allied-health-ayush"},
    "teaching": {"education-research"},
    "money": {"commerce-finance", "government-banking"},
    "records": {"commerce-finance", "government-banking"},
    "persuading": {"business-management", "law-public-service"},
    "leading": {"business-management", "hospitality-travel-food"},
}

AVOID = [
    ("coding", _("I don't want to code")),
    ("long_study", _("I don't want years of extra study")),
    ("shifts", _("I don't want night shifts or on-call duty")),
    ("fieldwork", _("I don't want regular site or field work")),
]
AVOID_REASONS = {
    "coding": _("Writing code is a regular part of this job, and you said you don't want to code."),
    "shifts": _("Night shifts or on-call duty are common, and you said you want to avoid them."),
    "fieldwork": _("Regular site or field work is part of the job, and you said you want to avoid it."),
}

STAGES = [
    ("class10", _("In school: class 10")),
    ("class12", _("In school: class 11 or 12")),
    ("undergraduate", _("At college (undergraduate)")),
    ("graduate", _("Graduated")),
    ("postgraduate", _("Postgraduate")),
    ("working", _("Working")),
]


SCHOOL_STAGES = {"class10", "class12"}


def uses_stream_not_degree(stage):
    """A school student's routes are those of their stream; a degree they name is at most a plan."""
    return stage in SCHOOL_STAGES


@dataclass(frozen=True)
class Profile:
    """A student's answers. Every field is optional."""

    stage: str = ""
    stream: str = ""
    degree_id: int | None = None
    degree_name: str = ""
    stream_degree_ids: frozenset = frozenset()  # degrees open to a school student's stream
    interests: frozenset = frozenset()  # keys of INTERESTS
    skill_ids: frozenset = frozenset()
    min_salary: Decimal | None = None  # ₹ LPA wanted at entry
    avoid: frozenset = frozenset()  # keys of AVOID

    @property
    def is_empty(self):
        return not (self.stream or self.degree_id or self.interests or self.skill_ids or self.min_salary or self.avoid)


# The exams a student at each stage faces next: the stage values an exam's ``stage`` may have.
NEXT_EXAMS = {
    "class10": ("after_10", "after_12"),
    "class12": ("after_12",),
    "undergraduate": ("after_degree",),
    "graduate": ("after_degree",),
    "postgraduate": ("after_degree",),
    "working": ("after_degree",),
}


def first_exam(candidate, profile):
    """The first exam on the career's route that this student can sit next (their stage, and
    their stream when the exam is tied to streams), or None."""
    stages = NEXT_EXAMS.get(profile.stage) or ("after_10", "after_12", "after_degree")
    for step in candidate.exams:
        if step.stage not in stages:
            continue
        if profile.stream and step.streams and profile.stream not in step.streams:
            continue
        return step
    return None


@dataclass
class Part:
    name: str
    score: int | None  # None: the student gave no answer this part needs
    reason: str

    @property
    def label(self):
        return PART_LABELS[self.name]

    @property
    def weight(self):
        return WEIGHTS[self.name]


@dataclass
class Result:
    candidate: Candidate
    score: int
    parts: list
    gaps: list  # skills to build next (names)
    clashes: list  # reasons the career was ranked down
    next_exam: ExamStep | None = None  # the first exam on its route the student can sit next

    @property
    def slug(self):
        return self.candidate.slug

    @property
    def title(self):
        return self.candidate.title


# --- Parts ------------------------------------------------------------------------------------


def interest_profile(interests):
    """RIASEC letter -> strength 0..1 (the student's most-ticked area is 1)."""
    counts = Counter(INTEREST_LETTER[i] for i in interests if i in INTEREST_LETTER)
    top = max(counts.values(), default=0)
    return {letter: counts[letter] / top for letter in counts} if top else {}


def topic_table(cluster_names):
    """(statement, RIASEC letter, [family names]) for the method page; ``cluster_names`` are
    (slug, name) pairs, and a single career in a family is named by its title-cased slug."""
    names = dict(cluster_names)
    return [
        (text, letter, sorted(names.get(t, t.replace("-", " ").capitalize()) for t in INTEREST_TOPICS.get(key, ())))
        for key, letter, text in INTERESTS
    ]


def interest_topics(interests):
    """For each ticked statement that points to families of work, the clusters and careers it names."""
    return tuple(frozenset(INTEREST_TOPICS[i]) for i in sorted(interests) if i in INTEREST_TOPICS)


def _interest(candidate, strengths, topics=(), explain=True):
    if not strengths:
        return Part("interest", None, gettext("You did not tick any interests."))
    letters = candidate.interest_code[: len(INTEREST_CODE_WEIGHTS)]
    if not letters:
        return Part("interest", None, gettext("This career has no interest profile yet."))
    part = _riasec(candidate, strengths, letters, explain)
    if not topics:
        return part
    # The share of the ticked statements (of those naming families of work) that name this career's.
    matched = sum(1 for names in topics if candidate.cluster in names or candidate.slug in names)
    score = round(RIASEC_SHARE * part.score + TOPIC_SHARE * 100 * matched / len(topics))
    if matched and explain:
        return Part(
            "interest",
            score,
            gettext("%(reason)s It is in a family of work you picked: %(family)s.")
            % {"reason": part.reason, "family": candidate.cluster_name},
        )
    return Part("interest", score, part.reason)


def _riasec(candidate, strengths, letters, explain=True):
    weights = dict(zip(letters, INTEREST_CODE_WEIGHTS, strict=False))
    overlap = sum(w * strengths.get(letter, 0) for letter, w in weights.items())
    # Half: how much of the career's code you like; half: how much of what you like the career offers.
    career_side = overlap / sum(weights.values())
    student_side = overlap / INTEREST_CODE_WEIGHTS[0] / sum(strengths.values())
    score = (career_side + student_side) / 2
    if not explain:
        return Part("interest", round(score * 100), "")
    shared = [letter for letter in letters if strengths.get(letter)]
    if shared:
        names = gettext(" and ").join(RIASEC_NAMES[letter].split(" (")[0].lower() for letter in shared)
        reason = gettext("Matches what you enjoy: %(areas)s work (its interest code is %(code)s).") % {
            "areas": names,
            "code": candidate.interest_code,
        }
    else:
        names = ", ".join(RIASEC_NAMES[letter].split(" (")[0].lower() for letter in letters)
        reason = gettext("Its work is mostly %(areas)s, which you did not tick.") % {"areas": names}
    return Part("interest", round(score * 100), reason)


ROUTE_REASONS = {
    "after_10": _("You can start right after class 10 (ITI, diploma, apprenticeship or direct entry)."),
    "after_12": _("The usual route starts after class 12: your stream will decide which degrees are open."),
    "after_degree": _("The usual route starts after a bachelor's degree, so it is a longer way from class 10."),
}
# For a class 10 student with no stream yet: starting now fits best, class 12 is two years away
# for everyone who stays in school, a degree is further still.
CLASS_10_ROUTE_FIT = {"after_10": 100, "after_12": 80, "after_degree": 50}
AFTER_10_FIT_IN_CLASS_12 = 80  # open to a class 12 student too, though it does not use the stream


def _education(candidate, profile):
    if profile.degree_id is None and profile.stage in ("class10", "class12") and candidate.route_start == "after_10":
        fit = CLASS_10_ROUTE_FIT["after_10"] if profile.stage == "class10" else AFTER_10_FIT_IN_CLASS_12
        return Part("education", fit, ROUTE_REASONS["after_10"])
    if profile.degree_id is None and profile.stage == "class10" and not profile.stream_degree_ids:
        fit = CLASS_10_ROUTE_FIT.get(candidate.route_start, 60)
        return Part("education", fit, ROUTE_REASONS.get(candidate.route_start, ROUTE_REASONS["after_12"]))
    if profile.degree_id is not None:
        fit = candidate.degree_fits.get(profile.degree_id)
        if fit is None:
            return Part(
                "education",
                UNLISTED_DEGREE_FIT,
                gettext("%(degree)s is not a usual route into this career; extra study may be needed.")
                % {"degree": profile.degree_name},
            )
        score, preferred, name = fit
        if preferred:
            text = gettext("%(degree)s is a preferred degree (fit %(fit)s/100).")
        else:
            text = gettext("%(degree)s is a possible route (fit %(fit)s/100).")
        return Part("education", score, text % {"degree": name, "fit": score})
    if profile.stream_degree_ids:
        options = [
            (score, name)
            for degree_id, (score, _preferred, name) in candidate.degree_fits.items()
            if degree_id in profile.stream_degree_ids
        ]
        if not options:
            return Part("education", 0, gettext("None of its usual degrees is open from your stream."))
        score, name = max(options)
        return Part(
            "education",
            score,
            gettext("From your stream you can take %(degree)s (fit %(fit)s/100).") % {"degree": name, "fit": score},
        )
    return Part("education", None, gettext("Tell us your degree or stream to see how your education fits."))


def _skills(candidate, profile, explain=True):
    key = candidate.key_skills
    if not profile.skill_ids:
        return Part("skills", None, gettext("You did not pick any skills you already have.")), [
            name for _, name in key[:3]
        ]
    if not key:
        return Part("skills", None, gettext("This career lists no key skills yet.")), []
    if not explain:
        return Part("skills", round(100 * sum(1 for s, _ in key if s in profile.skill_ids) / len(key)), ""), []
    have = [name for skill_id, name in key if skill_id in profile.skill_ids]
    gaps = [name for skill_id, name in key if skill_id not in profile.skill_ids]
    score = round(100 * len(have) / len(key))
    if have:
        reason = ngettext(
            "You already have %(have)s of its %(count)s key skill: %(names)s.",
            "You already have %(have)s of its %(count)s key skills: %(names)s.",
            len(key),
        ) % {"have": len(have), "count": len(key), "names": ", ".join(have)}
    else:
        reason = ngettext(
            "You have none of its %(count)s key skill yet.", "You have none of its %(count)s key skills yet.", len(key)
        ) % {"count": len(key)}
    return Part("skills", score, reason), gaps[:3]


def _long_study(candidate, profile):
    years = candidate.years_after_class_12
    if "long_study" not in profile.avoid or years is None:
        return False
    if years < LONG_STUDY_YEARS:
        return False
    # A graduate whose degree is already a strong route needs no extra study.
    fit = candidate.degree_fits.get(profile.degree_id) if profile.degree_id else None
    return not (fit and fit[0] >= STRONG_DEGREE_FIT)


def pay_score(high, wanted):
    """100 when the top of the entry band reaches the wanted salary, else in proportion."""
    if high >= wanted:
        return 100
    return round(100 * float(high / wanted)) if wanted else 100


def _preferences(candidate, profile, explain=True):
    clashes = []
    if "coding" in profile.avoid and candidate.involves_coding:
        clashes.append(str(AVOID_REASONS["coding"]))
    if _long_study(candidate, profile):
        clashes.append(
            gettext(
                "It usually takes about %(years)s years of study after class 12, "
                "and you said you don't want years of extra study."
            )
            % {"years": candidate.years_after_class_12}
        )
    if "shifts" in profile.avoid and candidate.shift_work:
        clashes.append(str(AVOID_REASONS["shifts"]))
    if "fieldwork" in profile.avoid and candidate.fieldwork:
        clashes.append(str(AVOID_REASONS["fieldwork"]))
    scores, reasons = [], []
    if profile.min_salary is not None and candidate.entry_band is not None:
        low, high = candidate.entry_band
        wanted = profile.min_salary
        pay = lpa_range(low, high) if explain else ""
        scores.append(pay_score(high, wanted))
        if explain:
            if high >= wanted:
                message = gettext("Estimated entry pay (%(pay)s) can meet your %(minimum)s minimum.")
            else:
                message = gettext("Estimated entry pay (%(pay)s) is below your %(minimum)s minimum.")
            reasons.append(message % {"pay": pay, "minimum": lpa(wanted)})
    if profile.avoid:
        scores.append(0 if clashes else 100)
        if not clashes:
            reasons.append(gettext("Avoids everything you said you don't want."))
    if not scores:
        return Part("preferences", None, gettext("You gave no salary or things to avoid.")), clashes
    return Part("preferences", round(sum(scores) / len(scores)), " ".join(reasons) or gettext("See below.")), clashes


# --- Ranking ----------------------------------------------------------------------------------


def _scored(candidate, profile, strengths, topics, explain):
    """(total 0–100, parts, gaps, clashes); without ``explain`` the parts' reasons and the gaps are
    left empty (the same scores, for ranking thousands of careers)."""
    skills_part, gaps = _skills(candidate, profile, explain)
    preferences_part, clashes = _preferences(candidate, profile, explain)
    parts = [
        _interest(candidate, strengths, topics, explain),
        _education(candidate, profile),
        skills_part,
        preferences_part,
    ]
    answered = [p for p in parts if p.score is not None]
    total_weight = sum(p.weight for p in answered)
    base = sum(p.weight * p.score for p in answered) / total_weight if total_weight else 0
    return max(0, min(100, round(base - CLASH_PENALTY * len(clashes)))), parts, gaps, clashes


def score_candidate(candidate, profile, strengths=None, topics=None):
    if strengths is None:
        strengths = interest_profile(profile.interests)
    if topics is None:
        topics = interest_topics(profile.interests)
    total, parts, gaps, clashes = _scored(candidate, profile, strengths, topics, explain=True)
    return Result(candidate, total, parts, gaps, clashes, first_exam(candidate, profile))


def rank(candidates, profile, top=TOP):
    """The ``top`` best careers for the profile, best first; ties broken by title. Every career is
    scored without words from the score rows in columns (``finder_scoring.Columns``; a ``Catalogue``
    keeps them, other sequences get them made here); only the ``top`` are explained."""
    from .finder_scoring import Columns, score_row

    strengths, topics = interest_profile(profile.interests), interest_topics(profile.interests)
    columns = getattr(candidates, "columns", None)
    if columns is None:
        candidates = list(candidates)
        columns = Columns([score_row(c) for c in candidates])
    best = best_rows(columns, profile, top, strengths, topics)
    if hasattr(candidates, "prefetch"):  # (a Catalogue reads the shown careers' data in one go)
        candidates.prefetch(best)
    return [score_candidate(candidates[i], profile, strengths, topics) for i in best]


def best_rows(columns, profile, top=TOP, strengths=None, topics=None):
    """The positions of the ``top`` best score rows for the profile, best first; ties broken by
    title (then position). ``columns`` are the rows' ``finder_scoring.Columns`` (a ``Catalogue``
    keeps them). Nothing is explained: ``rank`` explains them, the skills step reads their key skills."""
    from .finder_scoring import Scorer

    if strengths is None:
        strengths, topics = interest_profile(profile.interests), interest_topics(profile.interests)
    return Scorer(profile, strengths, topics).best(columns, top)
