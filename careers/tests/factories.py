"""Small helpers to make careers in tests without a fixture document."""

from careers import models as m


def make_career(slug="test-career", status=m.Career.Status.PUBLISHED, **fields):
    cluster, _ = m.Cluster.objects.get_or_create(slug="test-cluster", defaults={"name": "Test cluster"})
    defaults = {
        "title": slug.replace("-", " ").title(),
        "cluster": cluster,
        "status": status,
        "summary": "Summary.",
        "overview": "Overview.",
        "focus_areas": "Focus.",
        "fits": "Fits.",
        "not_for": "Not for.",
        "interest_code": "IRC",
    }
    defaults.update(fields)
    return m.Career.objects.create(slug=slug, **defaults)


def make_skill(slug="test-skill", **fields):
    fields.setdefault("name", slug.replace("-", " ").title())
    fields.setdefault("skill_type", m.Skill.Type.PROGRAMMING)
    return m.Skill.objects.create(slug=slug, **fields)
