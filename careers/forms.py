import re
from dataclasses import dataclass
from functools import cached_property

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import finder
from .caching import per_version, per_version_in_process
from .models import STREAMS, Career, CareerSkill, Degree, Importance, Skill, stream_list
from .money import lpa

MAX_VALUES = 300  # more values than any honest form submission has
MAX_VALUE_LENGTH = 120
SUMMARY_VALUES = 10  # answers to one question the results page lists before "and N more"


class NumberInput(forms.NumberInput):
    """A number box that never echoes a non-number back: value="lots" is invalid HTML, and a
    browser shows such a box empty anyway. The field's error message says what was wrong."""

    VALID = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")  # HTML's "valid floating-point number"

    def format_value(self, value):
        value = super().format_value(value)
        return value if value is not None and self.VALID.fullmatch(str(value)) else None


def choice_lists():
    """(degrees, skills) the finder offers: every degree, and the skills some published career
    needs at high importance, as value lists. Kept until the catalogue changes; 2 queries when not."""
    return per_version("finder-choices-2", _choice_lists)


def key_skill():
    """The condition on a Skill that the finder asks about it: some published career needs it at
    high importance (a key skill, which the finder's skill score counts)."""
    return Exists(
        CareerSkill.objects.filter(Career.published_q("career__"), skill=OuterRef("pk"), importance=Importance.HIGH)
    )


def _choice_lists():
    degrees = list(Degree.objects.order_by("level", "name").values_list("slug", "name", "level", "id", "streams"))
    skills = list(
        Skill.objects.filter(key_skill()).order_by("skill_type", "name").values_list("slug", "name", "skill_type", "id")
    )
    return degrees, skills


class Prepared(BaseChoiceIterator):
    """Choices already in Django's normal form, which a field takes as they are (a list would be
    walked again by every form made)."""

    def __init__(self, choices):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


@dataclass(frozen=True)
class FinderChoices:
    degrees: Prepared  # grouped by level, "No degree yet" first
    degree_ids: dict  # slug -> (id, name)
    stream_degree_ids: dict  # class 12 stream -> ids of the degrees open to it
    skills: Prepared  # grouped by type
    skill_ids: dict  # slug -> id
    known_skills: frozenset  # the slugs
    skill_slugs: dict  # id -> slug

    def skill_groups(self, slugs):
        """Those of these skills the finder asks about, grouped by type as ``skills`` are."""
        wanted = set(slugs)
        groups = [(label, [o for o in options if o[0] in wanted]) for label, options in self.skills]
        return [(label, options) for label, options in groups if options]


def prepared_choices():
    """The form's degree and skill choices made from ``choice_lists()``, kept in this process until
    the catalogue changes: every finder request makes a form, and grouping ~600 entries under
    translated labels took most of its time."""
    return per_version_in_process("finder-form-choices", _prepare_choices)


def _prepare_choices():
    degrees, skills = choice_lists()
    levels = {value: str(label) for value, label in Degree.Level.choices}
    grouped = {}
    for slug, name, level, _id, _streams in degrees:
        grouped.setdefault(levels[level], []).append((slug, name))
    types = {value: str(label) for value, label in Skill.Type.choices}
    by_type = {}
    for slug, name, skill_type, _id in skills:
        by_type.setdefault(types.get(skill_type, skill_type), []).append((slug, name))
    return FinderChoices(
        degrees=Prepared([("", gettext("No degree yet / in school")), *grouped.items()]),
        degree_ids={slug: (pk, name) for slug, name, _level, pk, _streams in degrees},
        # (the degrees open to a stream are those whose streams name it)
        stream_degree_ids={code: frozenset(d[3] for d in degrees if code in stream_list(d[4])) for code in STREAMS},
        skills=Prepared(list(by_type.items())),
        skill_ids={slug: pk for slug, _name, _type, pk in skills},
        known_skills=frozenset(slug for slug, *_rest in skills),
        skill_slugs={pk: slug for slug, _name, _type, pk in skills},
    )


# Where the form asks for skills (templates: crispy renders them as such). Every key skill of the
# catalogue (~600) would be most of the page's bytes and grow with it: the form shows the skills
# already ticked, and the skills step (/finder/skills/) offers those that matter for the answers.
# (Template files, not strings here: makemessages reads their text for translation.)
SKILLS_ON_THEIR_OWN_STEP = '{% include "careers/includes/finder_skills_note.html" %}'
SKILLS_STEP_BUTTON = '{% include "careers/includes/finder_skills_button.html" %}'


class FinderForm(forms.Form):
    """The finder's questions. Submitted with GET so results have a shareable URL.

    Unknown values (an old link, a renamed skill) are dropped and listed in ``ignored`` rather
    than failing the whole form.
    """

    stage = forms.ChoiceField(
        label=_("Where are you now?"),
        required=False,
        choices=[("", _("Choose…")), *finder.STAGES],
        help_text=_("At school we match careers to your stream; after school, to your degree."),
    )
    stream = forms.ChoiceField(
        label=_("Class 11–12 stream"),
        required=False,
        choices=[("", _("Not chosen yet")), *STREAMS.items()],
        help_text=_("For school students: the stream you are in or plan to take."),
    )
    degree = forms.ChoiceField(
        label=_("Degree (done or in progress)"),
        required=False,
        help_text=_("Pick the closest match. Leave empty if you are in school."),
    )
    interests = forms.MultipleChoiceField(
        label=_("Tick the activities you would enjoy"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(key, text) for key, _letter, text in finder.INTERESTS],
        help_text=_("Tick as many as you like; skip the ones you are unsure about."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills you already have"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only tick skills you could use in a project today."),
    )
    min_salary = forms.DecimalField(
        label=_("Lowest starting salary you would accept (₹ LPA)"),
        required=False,
        min_value=0,
        max_value=200,
        decimal_places=1,
        help_text=_("Lakh rupees per year, e.g. 4. Leave empty if it does not matter yet."),
        widget=NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )
    avoid = forms.MultipleChoiceField(
        label=_("Things you want to avoid"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=finder.AVOID,
    )

    MULTI = ("interests", "skills", "avoid")

    def __init__(self, data=None, **kwargs):
        self.ignored = []
        if data is not None:
            # A mutable copy: unknown values are removed in full_clean(), once the choices exist.
            data = data.copy() if hasattr(data, "copy") else dict(data)
        super().__init__(data, **kwargs)
        lists = prepared_choices()
        self.fields["degree"].choices = lists.degrees
        self.fields["skills"].choices = lists.skills
        self.degree_ids, self.skill_ids, self._known = lists.degree_ids, lists.skill_ids, {"skills": lists.known_skills}
        self._stream_degree_ids = lists.stream_degree_ids
        self.lists = lists
        # The field accepts every key skill; its checklist shows the ones ticked (set once cleaned).
        self.fields["skills"].widget.choices = []

    @cached_property
    def helper(self):  # (only a page that shows the form needs it)
        helper = FormHelper()
        helper.form_method = "get"
        helper.form_action = reverse("careers:finder")
        helper.form_id = "finder-form"
        helper.layout = Layout(
            Fieldset(_("About you"), "stage", "stream", Field("degree", template="careers/includes/select_field.html")),
            Fieldset(_("What you enjoy"), Div("interests", css_class="interest-picker")),
            # (the long degree and skill lists through one-pass templates: ui_tags.select_options, checklist)
            Fieldset(
                _("What you can already do"),
                Div(Field("skills", template="careers/includes/checklist_field.html"), css_class="skill-picker"),
                HTML(SKILLS_ON_THEIR_OWN_STEP),
            )
            if self.fields["skills"].widget.choices
            else HTML(SKILLS_ON_THEIR_OWN_STEP),
            Fieldset(_("What matters to you"), "min_salary", "avoid"),
            # (the results first: the default button, which Enter in a field presses)
            Div(
                Submit("find", _("Show careers that fit me"), css_class="btn-primary btn-lg"),
                HTML(SKILLS_STEP_BUTTON),
                css_class="d-flex flex-wrap gap-2",
            ),
        )
        return helper

    def full_clean(self):
        if self.is_bound:
            self._filter_unknown()
            ticked = self.data.getlist("skills") if hasattr(self.data, "getlist") else self.data.get("skills", [])
            self.fields["skills"].widget.choices = self.lists.skill_groups(ticked)
        super().full_clean()

    def _filter_unknown(self):
        data = self.data
        for name in self.MULTI:
            values = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name, []))
            if len(values) > MAX_VALUES:
                values = []
                self.ignored.append(gettext("%(field)s: too many values") % {"field": self.fields[name].label})
            known = self._known.get(name) or {str(k) for k, _ in self._flat_choices(name)}
            keep, drop = [], []
            for value in values:
                (keep if value in known else drop).append(value)
            if drop:
                shown = ", ".join(v[:40] for v in drop[:5]) + ("…" if len(drop) > 5 else "")
                self.ignored.append(
                    gettext("%(field)s: ignored unknown %(values)s")
                    % {"field": self.fields[name].label, "values": shown}
                )
            if hasattr(data, "setlist"):
                data.setlist(name, list(dict.fromkeys(keep)))
            else:
                data[name] = list(dict.fromkeys(keep))
        degree = data.get("degree", "")
        if degree and degree not in self.degree_ids:
            self.ignored.append(gettext("Degree: ignored unknown %(value)s") % {"value": degree[:40]})
            data["degree"] = ""

    def _flat_choices(self, name):
        for key, value in self.fields[name].choices:
            if isinstance(value, (list, tuple)):
                yield from value
            else:
                yield key, value

    def left_out(self):
        """What of the answers was left out, as lines: the unknown values, and the answers that were
        not valid (call after is_valid()), for a page that carries the answers on without the form."""
        invalid = [f"{self.fields[name].label}: {' '.join(errors)}" for name, errors in self.errors.items()]
        return [*self.ignored, *invalid]

    def answers(self):
        """The answers as (name, value) GET pairs in the form's order, unknown values left out:
        the query of a finder or plan link (call after is_valid())."""
        pairs = []
        for name in self.fields:
            value = self.cleaned_data.get(name)
            for item in value if isinstance(value, list) else [value]:
                if item not in (None, ""):
                    pairs.append((name, str(item)))
        return pairs

    def summary(self):
        """[(question, [answers as the form words them], how many more)] for the questions answered,
        in the form's order (call after is_valid()): what the results page repeats of the answers, at
        most SUMMARY_VALUES per question (a link may tick hundreds of skills)."""
        out = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            values = value if isinstance(value, list) else [] if value in (None, "") else [value]
            if not values:
                continue
            if name == "min_salary":
                shown = [lpa(value)]
            else:
                labels = {str(key): text for key, text in self._flat_choices(name)}
                shown = [str(labels.get(str(v), v)) for v in values]
            out.append((field.label, shown[:SUMMARY_VALUES], len(shown[SUMMARY_VALUES:])))
        return out

    def profile(self):
        """The student's answers as a finder.Profile (call after is_valid())."""
        data = self.cleaned_data
        degree_id, degree_name = self.degree_ids.get(data.get("degree") or "", (None, ""))
        stream = data.get("stream") or ""
        if degree_id is not None and stream and finder.uses_stream_not_degree(data.get("stage") or ""):
            self.ignored.append(
                gettext("Degree: you are in school, so careers were matched to your stream, not %(degree)s")
                % {"degree": degree_name}
            )
            degree_id, degree_name = None, ""
        stream_degree_ids = frozenset()
        if stream and degree_id is None:
            stream_degree_ids = self._stream_degree_ids.get(stream, frozenset())
        return finder.Profile(
            stage=data.get("stage") or "",
            stream=stream,
            degree_id=degree_id,
            degree_name=degree_name,
            stream_degree_ids=stream_degree_ids,
            interests=frozenset(data.get("interests") or ()),
            skill_ids=frozenset(self.skill_ids[s] for s in data.get("skills") or ()),
            min_salary=data.get("min_salary"),
            avoid=frozenset(data.get("avoid") or ()),
        )
