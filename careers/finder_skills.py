"""The finder's skills step (/finder/skills/): a bounded list of skills to tick, whatever the
catalogue's size. The catalogue's key skills (~600, more as it grows) would be most of a page's
bytes; a student needs the ones that matter for them: the key skills of the careers their answers
rank highest (or, with no answers yet, the skills most careers need), the ones already ticked, and
any other found by name."""

from collections import Counter
from dataclasses import dataclass

from . import finder
from .browse import skill_text, skills_named
from .caching import per_version_in_process
from .finder_candidates import cached_candidates
from .finder_scoring import SKILLS
from .forms import key_skill

OFFERED = 120  # skills offered from the careers that fit (the ones ticked come on top)
CAREERS_READ = 60  # the best careers whose key skills are offered, best first, until OFFERED
FOUND = 20  # skills a name may find at once


@dataclass
class SkillStep:
    answers: list  # (name, value) of the answers other than skills: the form's hidden fields
    offered: list  # [(type, [(slug, name)])]: the skills to tick, the ones ticked among them
    fitted: bool  # offered for the answers (else: the skills most careers need)
    text: str  # the name looked for ("" when none)
    found: list  # [(type, [(slug, name)])]: the skills the name finds
    left_out: list  # lines: the answers that were not recognised or not valid


def build(form, raw_text=""):
    """The skills step for a bound FinderForm (after is_valid(), valid or not: the valid answers are
    carried on, the others listed as left out). 1 query to find skills by name; none otherwise once
    the finder's lists and catalogue are kept."""
    lists = form.lists
    profile = form.profile()  # (before left_out(): it may add a line)
    ticked = form.cleaned_data.get("skills") or []
    fitted = not profile.is_empty
    offered = _fitting_skills(profile) if fitted else _common_skills()
    text = skill_text(raw_text)
    found = list(skills_named(text, key_skill()).values_list("slug", flat=True)[:FOUND]) if text else []
    shown = {lists.skill_slugs[pk] for pk in offered if pk in lists.skill_slugs} | set(ticked)
    return SkillStep(
        answers=[(name, value) for name, value in form.answers() if name != "skills"],
        offered=lists.skill_groups(shown - set(found)),
        fitted=fitted,
        text=text,
        found=lists.skill_groups(found),
        left_out=form.left_out(),
    )


def _fitting_skills(profile):
    """The ids of the key skills of the careers that fit the profile best, in their order, OFFERED at most."""
    catalogue = cached_candidates()
    rows = catalogue.score_rows
    chosen = {}
    for i in finder.best_rows(catalogue.columns, profile, top=CAREERS_READ):
        chosen.update(dict.fromkeys(rows[i][SKILLS]))
        if len(chosen) >= OFFERED:
            break
    return list(chosen)[:OFFERED]


def _common_skills():
    """The ids of the OFFERED skills that the most published careers need at high importance."""

    def count():
        counts = Counter(pk for row in cached_candidates().score_rows for pk in row[SKILLS])
        return [pk for pk, _n in counts.most_common(OFFERED)]

    return per_version_in_process("finder-common-skills", count)
