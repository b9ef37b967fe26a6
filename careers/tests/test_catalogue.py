"""The catalogue as loaded from fixtures/: size, completeness and one shared vocabulary."""

import re
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers import models as m
from careers.catalogue.completeness import check_career

pytestmark = pytest.mark.django_db

# Words that name the same thing: a vocabulary entry must not differ from another only by these.
SYNONYMS = {
    "ms": "microsoft",
    "js": "javascript",
    "ml": "machinelearning",
    "ai": "artificialintelligence",
    "aws": "amazonwebservices",
    "gcp": "googlecloudplatform",
    "hr": "humanresources",
    "ui": "userinterface",
    "ux": "userexperience",
    "seo": "searchengineoptimization",
    "cad": "computeraideddesign",
    "bfsi": "bankingfinancialservices",
    "fmcg": "consumergoods",
    "&": "and",
    "modelling": "modeling",
    "visualisation": "visualization",
    "optimisation": "optimization",
    "organisation": "organization",
    "analyse": "analyze",
    "programme": "program",
}


def name_keys(name):
    """Normalised forms of a name: whole, and each part inside parentheses (an abbreviation)."""
    parts = [name, *re.findall(r"\(([^)]*)\)", name)]
    keys = set()
    for part in parts:
        words = re.findall(r"[a-z0-9&+#]+", part.lower())
        words = [SYNONYMS.get(w, w) for w in words if w not in {"and", "the", "of", "for"}]
        key = "".join(words)
        if len(key) >= 2:
            keys.add(key)
    return keys


def test_catalogue_has_40_published_careers_in_10_clusters():
    published = m.Career.objects.published()
    assert published.count() >= 40
    assert published.values("cluster").distinct().count() >= 10


def test_every_cluster_has_at_least_three_published_careers():
    for cluster in m.Cluster.objects.all():
        count = cluster.careers.filter(status=m.Career.Status.PUBLISHED).count()
        assert count >= 3, f"{cluster.name} has {count}"


def test_every_published_career_meets_the_bar():
    short = {}
    for career in m.Career.objects.with_all_sections().filter(status=m.Career.Status.PUBLISHED):
        failing = [f"{c.section}: {c.detail}" for c in check_career(career) if not c.ok]
        if failing:
            short[career.slug] = failing
    assert not short


def test_content_report_is_green():
    out = StringIO()
    call_command("content_report", stdout=out)
    assert "Every published career meets the bar." in out.getvalue()


def test_content_report_fails_when_a_published_career_falls_short():
    m.FAQ.objects.filter(career__slug="data-analyst").delete()
    with pytest.raises(Exception, match="data-analyst"):
        call_command("content_report", stdout=StringIO())


@pytest.mark.parametrize("model", [m.Skill, m.Degree, m.Tool, m.Industry, m.Cluster], ids=lambda model: model.__name__)
def test_vocabulary_has_no_near_duplicate_names(model):
    seen = defaultdict(set)
    for obj in model.objects.all():
        for key in name_keys(obj.name):
            seen[key].add(obj.slug)
    clashes = {key: sorted(slugs) for key, slugs in seen.items() if len(slugs) > 1}
    assert not clashes


def test_near_duplicate_detection_catches_the_usual_suspects():
    assert name_keys("MS Excel") & name_keys("Microsoft Excel")
    assert name_keys("Amazon Web Services (AWS)") & name_keys("AWS")
    assert name_keys("Data  Visualisation") & name_keys("data-visualization")
    assert not name_keys("Java") & name_keys("JavaScript")


def test_every_vocabulary_entry_is_used_by_a_career():
    unused = {
        "skill": list(m.Skill.objects.filter(career_skills__isnull=True).values_list("slug", flat=True)),
        "tool": list(m.Tool.objects.filter(career_tools__isnull=True).values_list("slug", flat=True)),
        "industry": list(m.Industry.objects.filter(career_industries__isnull=True).values_list("slug", flat=True)),
    }
    assert not any(unused.values()), unused


def test_entry_salary_is_never_above_the_senior_band():
    for career in m.Career.objects.with_all_sections().filter(status=m.Career.Status.PUBLISHED):
        bands = list(career.salary_bands.all())
        entry = [b for b in bands if b.level == "entry"]
        later = [b for b in bands if b.level in ("mid", "senior")]
        assert max(b.max_lpa for b in entry) <= max(b.max_lpa for b in later), career.slug
        assert min(b.min_lpa for b in entry) <= min(b.min_lpa for b in later), career.slug


def test_every_published_career_page_renders_within_the_query_budget(client):
    for slug in m.Career.objects.published().values_list("slug", flat=True):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/careers/{slug}/")
        assert response.status_code == 200, slug
        assert len(ctx) <= 17, (slug, len(ctx))


# The seed file lists both "Python Programming" and "Docker and Containerization" as ML Engineer
# skills (with importance and level) and Python and Docker among its tools, so these pairs stay.
SKILL_TOOL_PAIRS_FROM_THE_SEED = {("python-programming", "python"), ("docker-containerization", "docker")}


def test_no_skill_duplicates_a_tool():
    tools = set(m.Tool.objects.values_list("slug", flat=True))
    pairs = {
        (skill, tool)
        for skill in m.Skill.objects.values_list("slug", flat=True)
        for tool in tools
        if skill == tool or skill.startswith(f"{tool}-")
    }
    assert pairs == SKILL_TOOL_PAIRS_FROM_THE_SEED


@pytest.mark.parametrize(
    "old,new",
    [("/skills/kubernetes-orchestration/", "/tools/kubernetes/"), ("/skills/linux-administration/", "/tools/linux/")],
)
def test_a_skill_that_became_a_tool_moves_permanently(client, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new
