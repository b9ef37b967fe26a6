from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Max
from django.urls import reverse

from .models import Career, Cluster, Degree, Exam, Industry, RelatedCareer, Skill, Tool


class Sitemap(DjangoSitemap):
    """Every page in every language of settings.LANGUAGES, each entry with its hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class CareerSitemap(Sitemap):
    priority = 0.9

    def items(self):
        return Career.objects.published().only("slug", "updated").order_by("slug")

    def lastmod(self, career):
        return career.updated


class ClusterSitemap(Sitemap):
    def items(self):
        published = Career.published_q("careers__")
        return (
            Cluster.objects.annotate(lastmod=Max("careers__updated", filter=published))
            .filter(lastmod__isnull=False)
            .order_by("order", "name")
        )

    def lastmod(self, cluster):
        return cluster.lastmod


class VocabularySitemap(Sitemap):
    """Reverse pages (skills, degrees, industries, tools) that list at least one published career."""

    priority = 0.5

    def __init__(self, model, relation):
        self.model, self.relation = model, relation

    def items(self):
        prefix = f"{self.relation}__career__"
        return (
            self.model.objects.annotate(lastmod=Max(f"{prefix}updated", filter=Career.published_q(prefix)))
            .filter(lastmod__isnull=False)
            .order_by("slug")
        )

    def lastmod(self, entry):
        return entry.lastmod


class PairSitemap(Sitemap):
    """Canonical a-vs-b pages for every pair of related published careers."""

    priority = 0.6

    def items(self):
        rows = RelatedCareer.objects.filter(
            Career.published_q("career__"), Career.published_q("related__")
        ).values_list("career__slug", "related__slug", "career__updated", "related__updated")
        pairs = {}
        for a, b, a_updated, b_updated in rows:
            key = tuple(sorted([a, b]))
            pairs[key] = max(pairs.get(key, a_updated), a_updated, b_updated)
        return sorted(pairs.items())

    def location(self, item):
        (a, b), _lastmod = item
        return reverse("careers:compare-pair", args=[f"{a}-vs-{b}"])

    def lastmod(self, item):
        return item[1]


class ExamSitemap(Sitemap):
    priority = 0.8

    def items(self):
        return Exam.objects.only("slug", "last_verified").order_by("slug")

    def lastmod(self, exam):
        return exam.last_verified


class StaticSitemap(Sitemap):
    priority = 0.7

    def items(self):
        return ["careers:home", "careers:browse", "careers:finder-method", "careers:compare", "careers:exams"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "careers": CareerSitemap,
    "clusters": ClusterSitemap,
    "skills": VocabularySitemap(Skill, "career_skills"),
    "degrees": VocabularySitemap(Degree, "career_degrees"),
    "industries": VocabularySitemap(Industry, "career_industries"),
    "tools": VocabularySitemap(Tool, "career_tools"),
    "exams": ExamSitemap,
    "pairs": PairSitemap,
    "pages": StaticSitemap,
}
