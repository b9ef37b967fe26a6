"""schema.org data for search engines: an Occupation per career and breadcrumb trails."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LAKH = 100_000


def occupation(career, url):
    """schema.org Occupation for a career fetched with ``with_sections()`` (no extra queries)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": career.title,
        "description": career.summary,
        "url": url,
        "occupationLocation": {"@type": "Country", "name": "India"},
        "skills": [row.skill.name for row in career.skills.all()],
        "educationRequirements": [
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": row.degree.get_level_display(),
                "name": row.degree.name,
            }
            for row in career.degrees.all()
            if row.preferred
        ],
        "qualifications": career.fits,
        "responsibilities": [row.deliverable for row in career.responsibilities.all()],
        "experienceRequirements": [f"{stage.stage}: {stage.years_label}" for stage in career.growth_stages.all()],
        "estimatedSalary": [
            {
                "@type": "MonetaryAmountDistribution",
                "name": gettext("%(label)s (%(region)s, estimated)") % {"label": band.label, "region": band.region},
                "currency": "INR",
                "duration": "P1Y",
                "minValue": int(band.min_lpa * LAKH),
                "maxValue": int(band.max_lpa * LAKH),
            }
            for band in career.salary_bands.all()
        ],
    }
    code = career.nco_code or career.isco_code
    if code:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": code,
            "inCodeSet": "NCO-2015 (India)" if career.nco_code else "ISCO-08",
        }
    if career.last_reviewed:
        data["datePosted"] = career.last_reviewed.isoformat()
    return data


NAMED_PAGES = {
    "browse": (_("Careers"), "careers:browse"),
    "compare": (_("Compare"), "careers:compare"),
    "exams": (_("Exams"), "careers:exams"),
}


def trail(items, current, current_path):
    """[(name, path)] from Home through ``items`` (model objects with get_absolute_url, or a key of
    NAMED_PAGES; None is skipped) to the current page."""
    out = [(gettext("Home"), reverse("careers:home"))]
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, str):
            name, url_name = NAMED_PAGES[item]
            out.append((str(name), reverse(url_name)))
        else:
            out.append((getattr(item, "title", None) or item.name, item.get_absolute_url()))
    out.append((current, current_path))
    return out


def breadcrumbs(crumbs, absolute):
    """schema.org BreadcrumbList for a trail of (name, path)."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(path)}
            for i, (name, path) in enumerate(crumbs, start=1)
        ],
    }
