import pytest

from careers import models as m
from careers.sections import SECTIONS

pytestmark = pytest.mark.django_db

ML = "machine-learning-engineer"


def form_data(response):
    """The POST data a browser would send back unchanged from an admin change form."""
    data = {}
    context = response.context
    form = context["adminform"].form
    for name, _field in form.fields.items():
        value = form[name].value()
        _put(data, form.add_prefix(name), value)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        for name, _field in formset.management_form.fields.items():
            data[formset.management_form.add_prefix(name)] = formset.management_form[name].value()
        for sub in formset.forms:
            for name in sub.fields:
                _put(data, sub.add_prefix(name), sub[name].value())
    return data


def _put(data, key, value):
    if value is None:
        return
    if isinstance(value, bool):
        if value:
            data[key] = "on"
        return
    if isinstance(value, (list, tuple)):
        data[key] = [str(v) for v in value]
        return
    data[key] = str(value)


def test_career_change_form_shows_every_section_inline(admin_client):
    career = m.Career.objects.get(slug=ML)
    response = admin_client.get(f"/admin/careers/career/{career.pk}/change/")
    assert response.status_code == 200
    prefixes = {inline.formset.prefix for inline in response.context["inline_admin_formsets"]}
    assert {section.name for section in SECTIONS} == prefixes
    assert "Python Programming" in response.content.decode()


def post_change(client, slug, change):
    """Submit a career's admin change form as shown, after ``change(data)`` edits the data."""
    career = m.Career.objects.get(slug=slug)
    url = f"/admin/careers/career/{career.pk}/change/"
    data = form_data(client.get(url))
    change(data)
    return career, client.post(url, data)


def test_career_change_form_saves_an_edit_to_a_section(admin_client):
    career, response = post_change(admin_client, ML, lambda d: d.update({"faqs-0-answer": "Edited in the admin."}))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert m.FAQ.objects.get(career=career, order=1).answer == "Edited in the admin."
    assert m.FAQ.history.filter(career_id=career.pk, history_user__username="boss").exists()


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: d.update({"degrees-0-fit_score": "140"}), "A fit score is between 0 and 100"),
        (
            lambda d: d.update({"learning_steps-1-order": d["learning_steps-0-order"]}),
            "Two rows of this section have the same position",
        ),
        (lambda d: d.update({"salary_bands-0-min_lpa": "50"}), "The maximum salary cannot be below the minimum."),
    ],
    ids=["fit score of 140", "duplicate step order", "salary minimum above maximum"],
)
def test_admin_explains_invalid_edits_in_editors_words(admin_client, change, message):
    _career, response = post_change(admin_client, ML, change)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_every_model_is_registered_and_its_changelist_renders(admin_client):
    from django.apps import apps
    from django.contrib import admin

    for model in apps.get_app_config("careers").get_models():
        if model.__name__.startswith("Historical"):
            continue
        assert admin.site.is_registered(model), model
        url = f"/admin/careers/{model._meta.model_name}/"
        assert admin_client.get(url).status_code == 200, url


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_career_changelist_queries_do_not_grow_with_careers(admin_client):
    from careers.tests.factories import make_career

    # session and user (2), counts (2), the page of careers with clusters (1), one per section for
    # the completeness column, the cluster filter's choices and date hierarchy (3)
    before = _queries(admin_client, "/admin/careers/career/")
    for i in range(15):
        make_career(f"extra-{i}")
    assert _queries(admin_client, "/admin/careers/career/") == before <= 8 + len(SECTIONS)


def test_career_change_form_queries_do_not_grow_with_rows(admin_client):
    career = m.Career.objects.get(slug=ML)
    url = f"/admin/careers/career/{career.pk}/change/"
    before = _queries(admin_client, url)
    for i in range(10):
        m.FAQ.objects.create(career=career, order=50 + i, question=f"Q{i}?", answer="A.")
        m.Challenge.objects.create(career=career, order=50 + i, title=f"C{i}", description="D.")
    assert _queries(admin_client, url) == before
