"""The interface in Hindi: pages under /hi/ speak Hindi around the content, and the catalogue
(locale/hi) is complete, checked and compiled."""

import datetime
import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from careers import finder, search, sections, structured_data
from careers.templatetags.careers_tags import month_name

pytestmark = pytest.mark.django_db

PO = Path(settings.BASE_DIR) / "locale" / "hi" / "LC_MESSAGES" / "django.po"
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")
# Pages whose interface is all template text (the Python side's strings are another branch's).
HINDI_PAGES = [
    "/hi/",
    "/hi/careers/",
    "/hi/careers/nurse/",
    "/hi/compare/?careers=nurse,doctor-mbbs",
    "/hi/compare/nurse/to/doctor-mbbs/",
    "/hi/plan/?careers=nurse,pharmacist",
    "/hi/search/?q=nurse",
    "/hi/search/?q=zzqqxx",
    "/hi/exams/",
    "/hi/exams/neet-ug/",
    "/hi/skills/sql/",
    "/hi/clusters/healthcare/",
    "/hi/finder/how-it-works/",
    "/hi/finder/answers/?stage=graduate&interests=code",
    "/hi/finder/skills/?stage=graduate&interests=code&skills=sql&skill_name=data",
    "/hi/finder/skills/?skill_name=zzqqxx",
    "/hi/no-such-page/",
]


def _unquote(chunks):
    text = "".join(re.findall(r'^"(.*)"$', chunks, re.M))
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def po_entries():
    """[{"flags", "context", "id", "plural", "strs"}] for every entry after the header, with obsolete
    (#~) entries counted so a test can refuse them."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n")[1:]:
        fields = dict(re.findall(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) ((?:".*"\n?)+)', block + "\n", re.M))
        entries.append(
            {
                "flags": " ".join(re.findall(r"^#,(.*)$", block, re.M)),
                "obsolete": block.lstrip().startswith("#~") or "\n#~" in block,
                "context": _unquote(fields["msgctxt"]) if "msgctxt" in fields else None,
                "id": _unquote(fields.get("msgid", "")),
                "plural": _unquote(fields["msgid_plural"]) if "msgid_plural" in fields else None,
                "strs": [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")],
            }
        )
    return entries


def python_side_text():
    """Interface words a page gets from Python rather than from its templates (the table of contents,
    breadcrumbs, the finder's part labels, the search page's group headings), as the Hindi page shows
    them. Some are the same English words as template strings ("Skills", "Interest match"); the
    Python strings are translated on their own branch, and once they are, this set holds Hindi and
    stops excusing anything."""
    with translation.override("hi"):
        return {
            *(str(part.toc) for part in sections.PAGE_PARTS),
            *(str(label) for label in finder.PART_LABELS.values()),
            *(str(name) for name, _ in structured_data.NAMED_PAGES.values()),
            *(str(label) for _, label, _ in search.search("sql").groups),
        }


def visible(body):
    """The page's HTML unescaped, scripts left out: text and attribute values as people meet them."""
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return html.unescape(body)


# Names Indians write in Latin letters in Hindi too (a skill group).
LATIN_BY_DESIGN = {"MLOps"}


def test_the_catalogue_has_every_entry_translated_none_fuzzy_or_obsolete():
    entries = po_entries()
    assert len(entries) > 300
    for entry in entries:
        label = entry["id"][:60]
        assert not entry["obsolete"], label
        assert "fuzzy" not in entry["flags"], label
        assert entry["strs"] and all(entry["strs"]), f"untranslated: {label}"
        for msgstr in entry["strs"]:
            words = re.sub(r"[^A-Za-z]", "", PLACEHOLDER.sub("", entry["id"]))  # letters to translate, if any
            hindi = DEVANAGARI.search(msgstr) or msgstr in LATIN_BY_DESIGN or not words
            assert hindi, f"no Hindi in the translation of {label}"
            source = entry["plural"] or entry["id"]
            if entry["plural"] and msgstr is not entry["strs"][-1]:  # a singular may say "this one", not the count
                assert set(PLACEHOLDER.findall(msgstr)) <= set(PLACEHOLDER.findall(source)), label
            else:
                assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(source)), label
            assert sorted(re.findall(r"<[^>]+>", msgstr)) == sorted(re.findall(r"<[^>]+>", source)), label
            assert '"' not in re.sub(r"<[^>]+>", "", msgstr), f"a straight quote would break an attribute: {label}"


def test_the_compiled_catalogue_matches_the_po():
    """The committed .mo says what the .po says: every entry, looked up through Django in Hindi,
    gives the .po's translation (a .po edited without compilemessages fails here)."""
    with translation.override("hi"):
        for entry in po_entries():
            context, msgid, plural, strs = entry["context"], entry["id"], entry["plural"], entry["strs"]
            if plural is None:
                got = [translation.pgettext(context, msgid) if context else translation.gettext(msgid)]
            elif context:
                got = [translation.npgettext(context, msgid, plural, n) for n in (1, 2)]
            else:
                got = [translation.ngettext(msgid, plural, n) for n in (1, 2)]
            assert got == strs, msgid[:60]


@pytest.mark.parametrize("path", HINDI_PAGES)
def test_hindi_pages_carry_lang_hi_and_no_template_text_in_english(client, path):
    response = client.get(path)
    assert response.status_code == (404 if "no-such-page" in path else 200)
    body = response.content.decode()
    assert '<html lang="hi">' in body
    page = visible(body)
    # No whole interface string from the templates is left in English: as an element's text or as
    # an attribute value (aria-label, placeholder, title…).
    english = [
        e["id"]
        for e in po_entries()
        if not PLACEHOLDER.search(e["id"]) and "<" not in e["id"] and len(e["id"]) >= 4 and e["context"] is None
    ]
    excused = python_side_text()

    def shown(text):
        text = re.escape(text)
        return re.search(rf'>{text}<|(?:aria-label|placeholder|title|alt|content)="{text}"', page)

    assert [s for s in english if s not in excused and s not in LATIN_BY_DESIGN and shown(s)] == []


def test_hindi_home_shows_hindi_navigation_search_and_headings_and_english_home_does_not(client):
    hindi = visible(client.get("/hi/").content.decode())
    for text in [
        ">अपना करियर ढूँढें<",  # nav: Find your career
        ">तुलना करें<",  # nav: Compare
        ">खोजें</button>",  # the header's search button
        'placeholder="करियर, स्किल खोजें…"',
        "<h1>अपने लिए सही करियर ढूँढें</h1>",
        ">करियर क्षेत्र के हिसाब से करियर देखें</h2>",
        ">मुख्य सामग्री पर जाएँ</a>",  # skip link
    ]:
        assert text in hindi
    english = client.get("/").content.decode()
    assert '<html lang="en-IN">' in english
    assert ">Find your career<" in english and "<h1>Find a career that fits you</h1>" in english
    header = english.split("<main", 1)[0]
    assert not DEVANAGARI.search(header.split('class="lang-switch"', 1)[0])  # only the switcher names हिन्दी


def test_hindi_browse_counts_in_hindi_and_its_breadcrumb_json_stays_valid(client):
    body = client.get("/hi/careers/").content.decode()
    assert "<h1>करियर देखें</h1>" in body
    assert re.search(r'<p role="status" class="fw-semibold">\d+ करियर।</p>', body)
    crumbs = [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
        if "BreadcrumbList" in m
    ]
    assert crumbs and crumbs[0]["itemListElement"][-1]["name"] == "करियर देखें"


def test_hindi_not_found_page_is_hindi(client):
    body = visible(client.get("/hi/no-such-page/").content.decode())
    assert "<h1>पेज नहीं मिला</h1>" in body and 'placeholder="करियर, जॉब टाइटल, स्किल खोजें"' in body


def test_month_names_follow_the_language_and_are_spelled_as_hindi_readers_write_them():
    with translation.override("en"):
        assert month_name(12) == "December"
    with translation.override("hi"):
        assert [month_name(n) for n in (9, 11, 12)] == ["सितंबर", "नवंबर", "दिसंबर"]
        rendered = Template('{{ day|date:"j M Y" }}').render(Context({"day": datetime.date(2026, 3, 5)}))
        assert rendered == "5 मार्च 2026"


def test_the_500_page_needs_no_template_engine_and_speaks_both_languages():
    text = (Path(settings.BASE_DIR) / "templates" / "500.html").read_text(encoding="utf-8")
    assert "{%" not in text and "{{" not in text
    assert "Something went wrong" in text and '<div lang="hi">' in text and "कुछ गड़बड़ हो गई" in text


@pytest.mark.parametrize("prefix, words", [("", "Copy link"), ("/hi", "लिंक कॉपी करें")])
def test_the_share_links_copy_button_speaks_the_pages_language(client, prefix, words):
    # (site.js writes the button and its messages from the field's data attributes)
    for path in ("/compare/?careers=nurse,pharmacist", "/finder/?interests=caring"):
        body = client.get(prefix + path).content.decode()
        field = re.search(r'<input id="share-url"[^>]*>', body).group(0)
        assert f'data-copy="{words}"' in field and "data-copied=" in field and "data-copy-by-hand=" in field, path
