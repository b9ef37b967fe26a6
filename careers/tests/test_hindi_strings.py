"""The text the Python code writes for public pages comes out in Hindi on Hindi pages (/hi/…) and
under translation.override("hi"): the finder's questions and reasons, the plan, the comparison,
the shortlist's messages, search's reasons and errors, browse's filter messages, month names and
the career page's contents. The catalogue itself is checked too: every message translated, with
the same placeholders."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from careers import finder, plan
from careers.exams import month_names
from careers.finder_candidates import Candidate
from careers.forms import FinderForm
from careers.models import STREAMS

FINDER = (
    "/hi/finder/?stage=graduate&degree=btech-cse&interests=code&interests=numbers"
    "&skills=python-programming&skills=sql&min_salary=6&avoid=shifts"
)
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "hi" / "LC_MESSAGES" / "django.po"
DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def _candidate(**changes):
    fields = dict(
        slug="data-analyst",
        title="Data Analyst",
        summary="",
        interest_code="ICE",
        study_years=3,
        involves_coding=True,
        shift_work=False,
        fieldwork=False,
        key_skills=[(1, "SQL"), (2, "Excel")],
        entry_band=(Decimal("5"), Decimal("9")),
        cluster="ai-data",
        cluster_name="AI और डेटा",
    )
    fields.update(changes)
    return Candidate(**fields)


def test_the_finders_reasons_are_hindi_sentences():
    profile = finder.Profile(
        interests=frozenset({"code", "numbers"}),
        skill_ids=frozenset({1}),
        min_salary=Decimal("4"),
        avoid=frozenset({"coding"}),
    )
    with translation.override("hi"):
        result = finder.score_candidate(_candidate(), profile)
        reasons = {part.name: part.reason for part in result.parts}
        labels = [str(part.label) for part in result.parts]
    assert labels == ["रुचि का मेल", "पढ़ाई का मेल", "स्किल का मेल", "पसंद का मेल"]
    assert reasons["interest"] == (
        "आपकी पसंद से मेल खाता है: खोजी काम (इसका रुचि कोड ICE है)। यह उस तरह के काम में आता है जिस पर आपने टिक किया: AI और डेटा।"
    )
    assert reasons["education"] == "अपनी डिग्री या स्ट्रीम बताइए, तब हम दिखाएँगे कि आपकी पढ़ाई कितनी मेल खाती है।"
    assert reasons["skills"] == "इसकी 2 मुख्य स्किल में से 1 आप पहले से जानते हैं: SQL।"
    assert reasons["preferences"] == (
        "अनुमानित शुरुआती वेतन (₹5–9 लाख/वर्ष) आपकी चाही गई कम से कम रकम ₹4 लाख/वर्ष तक पहुँच सकता है।"
    )
    assert result.clashes == ["इस काम में कोड लिखना आम बात है, और आपने कहा कि आप कोडिंग नहीं करना चाहते।"]


def test_the_same_reasons_stay_english_outside_hindi():
    profile = finder.Profile(skill_ids=frozenset({1}), min_salary=Decimal("12"))
    result = finder.score_candidate(_candidate(), profile)
    reasons = {part.name: part.reason for part in result.parts}
    assert reasons["skills"] == "You already have 1 of its 2 key skills: SQL."
    assert reasons["preferences"] == "Estimated entry pay (₹5–9 LPA) is below your ₹12 LPA minimum."


@pytest.mark.django_db
def test_the_finder_form_asks_in_hindi():
    with translation.override("hi"):
        form = FinderForm()
        assert str(form.fields["stage"].label) == "आप अभी कहाँ हैं?"
        assert ("class10", "स्कूल में: 10वीं") in [(k, str(v)) for k, v in form.fields["stage"].choices]
        assert [str(v) for _k, v in form.fields["stream"].choices][1:] == [str(v) for v in STREAMS.values()]
        assert str(STREAMS["pcb"]) == "साइंस (PCB)"
        assert str(form.fields["min_salary"].label) == "कम से कम कितना शुरुआती वेतन चाहिए (₹ लाख प्रति वर्ष)"
        groups = [str(group) for group, _options in form.fields["degree"].choices[1:]]
        assert "ग्रेजुएशन" in groups and "इंजीनियरिंग" in groups
    assert str(form.fields["stage"].label) == "Where are you now?"  # lazy: read in the language of the moment


@pytest.mark.django_db
def test_hindi_finder_page_explains_in_hindi(client):
    body = client.get(FINDER).content.decode()
    assert "इसके लिए पसंदीदा डिग्री है (मेल" in body
    assert "रुचि का मेल (35%)" in body and "पढ़ाई का मेल (30%)" in body
    assert "लाख/वर्ष" in body
    assert "is a preferred degree" not in body and "Interest match" not in body
    assert "आपके जवाब" in body and "मेरे जवाब बदलें" in body  # the answers repeated, the link to change them
    form = client.get(FINDER.replace("/hi/finder/?", "/hi/finder/answers/?")).content.decode()
    assert "अपने जवाब बदलें" in form and "अपने नतीजों पर वापस जाएँ" in form
    assert "आपके बारे में" in form and "मेरे लिए सही करियर दिखाएँ" in form  # fieldsets and the button


IGNORED = [
    (
        "/hi/finder/?skills=sql&skills=no-such-skill&degree=no-such-degree",
        ["अनजान जवाब छोड़ दिए गए: no-such-skill", "डिग्री: अनजान जवाब छोड़ दिया गया: no-such-degree"],
    ),
    (
        "/hi/careers/?skill=no-such-skill&level=nonsense",
        ["“no-such-skill” नाम की कोई स्किल नहीं है, इसलिए यह फ़िल्टर छोड़ दिया गया।", "पढ़ाई का यह स्तर हमें नहीं पता"],
    ),
    ("/hi/compare/?careers=nurse,no-such-career", ["इस नाम का कोई प्रकाशित करियर नहीं है: no-such-career।"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "messages"), IGNORED)
def test_what_a_hindi_page_ignored_is_said_in_hindi(client, url, messages):
    body = client.get(url).content.decode()
    for message in messages:
        assert message in body


@pytest.mark.django_db
def test_hindi_plan_names_the_student_and_pay_in_hindi(client):
    response = client.get("/hi/plan/?careers=nurse&stage=class12&stream=pcb&interests=caring")
    body = response.content.decode()
    assert response.context["plan"].student == "स्कूल में: 11वीं या 12वीं · साइंस (PCB) स्ट्रीम"
    assert "स्कूल में: 11वीं या 12वीं · साइंस (PCB) स्ट्रीम" in body
    item = response.context["plan"].careers[0]
    assert item.entry_salary.endswith("लाख/वर्ष") and [str(p.label) for p in item.fit.parts][0] == "रुचि का मेल"
    assert "रुचि का मेल" in body
    with translation.override("hi"):
        assert plan.Plan([], [], [], stage="").student == "अभी की स्थिति नहीं बताई"


@pytest.mark.django_db
def test_hindi_comparison_labels_its_rows_in_hindi(client):
    body = client.get("/hi/compare/?careers=nurse,pharmacist").content.decode()
    assert "शुरुआती (0–2 साल)" in body  # the salary levels
    assert "लाख/वर्ष" in body and " LPA<" not in body
    rows = list(csv.reader(io.StringIO(client.get("/hi/compare/csv/?careers=nurse,pharmacist").content.decode())))
    labels = [row[0] for row in rows]
    assert "सारांश" in labels and "रास्ते में आने वाली परीक्षाएँ" in labels and "किसके लिए ठीक नहीं" in labels
    assert "वेतन, शुरुआती (0–2 साल) (₹ लाख प्रति वर्ष, अनुमानित)" in labels
    skill_rows = [row for row in rows if row[0].startswith("स्किल: ")]
    assert skill_rows and all(DEVANAGARI.search(cell) for row in skill_rows for cell in row[1:] if cell)


@pytest.mark.django_db
def test_shortlist_messages_follow_the_page_language(client):
    response = client.post("/hi/shortlist/", {"action": "add", "career": "nurse", "next": "/hi/plan/"}, follow=True)
    body = response.content.decode()
    assert "को आपकी शॉर्टलिस्ट में जोड़ दिया गया (6 में से 1)।" in body
    response = client.post("/shortlist/", {"action": "clear", "next": "/plan/"}, follow=True)
    assert "Your shortlist is empty." in response.content.decode()


@pytest.mark.django_db
def test_hindi_search_says_why_it_matched_and_what_was_wrong(client):
    body = client.get("/hi/search/?q=bcom").content.decode()
    assert "वालों के लिए खुला" in body and "accepts " not in body
    response = client.get("/hi/search/", {"q": "   "})
    assert response.context["error"] == "खोजने के लिए कोई करियर, नौकरी का पद, परीक्षा, डिग्री या स्किल लिखें।"


@pytest.mark.django_db
def test_hindi_career_page_contents_and_breadcrumbs(client):
    body = client.get("/hi/careers/nurse/").content.decode()
    assert "अक्सर पूछे जाने वाले सवाल" in body and ">वेतन</a>" in body  # the table of contents
    assert '"name":"होम"' in body  # the breadcrumb trail's JSON-LD
    english = client.get("/careers/nurse/").content.decode()
    assert ">FAQs</a>" in english and '"name":"Home"' in english


def test_month_names_come_from_djangos_catalogue():
    assert month_names([1, 5]) == "January, May"
    with translation.override("hi"):
        assert month_names([1, 5]) == "जनवरी, मई"


# The catalogue's completeness and its compiled form: test_hindi_interface.py.


def test_riasec_names_keep_their_gloss_apart():
    """The finder and the ``short_label`` filter cut a RIASEC name at " (": the Hindi keeps that shape."""
    from careers.models import RIASEC_NAMES

    with translation.override("hi"):
        for name in RIASEC_NAMES.values():
            head, gloss = str(name).split(" (", 1)
            assert DEVANAGARI.search(head) and gloss.endswith(")")
