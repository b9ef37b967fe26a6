"""The shortlist: POST forms with CSRF on every career card and page, kept in the session only."""

import re

import pytest
from django.test import Client

from careers import shortlist

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def post(client, career, action="add", next_url=None):
    data = {"career": career, "action": action}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/shortlist/", data)


def test_shortlist_adds_and_removes_careers_and_goes_back(client):
    response = post(client, "nurse", next_url="/careers/nurse/")
    assert response.status_code == 302 and response["Location"] == "/careers/nurse/"
    post(client, "pharmacist")
    assert client.session[shortlist.SESSION_KEY] == ["nurse", "pharmacist"]
    body = client.get("/careers/nurse/").content.decode()
    assert "Nurse is on your shortlist (1 of 6)." in body  # the message after the redirect
    assert "On your shortlist" in body
    text = re.sub(r"<[^>]+>", "", client.get("/careers/").content.decode())
    assert "Shortlist 2 (2 careers)" in re.sub(r"\s+", " ", text)  # the navigation's count
    post(client, "nurse", action="remove")
    assert client.session[shortlist.SESSION_KEY] == ["pharmacist"]
    post(client, "", action="clear")
    assert client.session[shortlist.SESSION_KEY] == []


def test_shortlist_holds_six_careers_and_refuses_a_seventh(client):
    slugs = ["nurse", "pharmacist", "physiotherapist", "psychologist", "doctor-mbbs", "software-engineer"]
    for slug in slugs:
        post(client, slug)
    post(client, "data-scientist")
    assert client.session[shortlist.SESSION_KEY] == slugs
    body = client.get("/plan/").content.decode()
    assert "Your shortlist holds 6 careers; remove one before adding Data Scientist." in body


@pytest.mark.parametrize(
    "career,action", [("no-such-career", "add"), ("<script>", "add"), ("nurse", "explode"), ("x" * 300, "add")]
)
def test_shortlist_ignores_unknown_careers_and_actions(client, career, action):
    response = post(client, career, action=action)
    assert response.status_code == 302
    assert client.session.get(shortlist.SESSION_KEY, []) == []


def test_shortlist_does_not_add_a_draft(client):
    from careers.models import Career

    Career.objects.filter(slug="nurse").update(status=Career.Status.DRAFT)
    post(client, "nurse")
    assert client.session.get(shortlist.SESSION_KEY, []) == []


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "'",
        "javascript:alert(1)",
        "careers/nurse/",
        "/careers/\nSet-Cookie: x=1",
        "",
        "/" + "a" * 3000,
    ],
)
def test_shortlist_redirects_only_to_local_paths(client, target):
    response = post(client, "nurse", next_url=target)
    assert response.status_code == 302 and response["Location"] == "/plan/"


def test_shortlist_changes_only_by_post_with_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.get("/shortlist/?career=nurse&action=add").status_code == 405
    assert client.post("/shortlist/", {"career": "nurse", "action": "add"}).status_code == 403
    assert "sessionid" not in client.cookies or not client.session.get(shortlist.SESSION_KEY)


def test_cached_pages_carry_each_visitor_a_working_token():
    """Career pages are cached whole; each visitor still gets a token that matches their own cookie."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    miss = first.get("/careers/nurse/")
    hit = second.get("/careers/nurse/")
    assert miss["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit"
    tokens = [TOKEN.search(r.content.decode()).group(1) for r in (miss, hit)]
    assert tokens[0] != tokens[1] and "<" not in tokens[1]
    for client, token in ((first, tokens[0]), (second, tokens[1])):
        response = client.post("/shortlist/", {"csrfmiddlewaretoken": token, "career": "nurse", "action": "add"})
        assert response.status_code == 302
        assert client.session[shortlist.SESSION_KEY] == ["nurse"]


def test_old_tray_address_changes_nothing_on_get(client):
    for query in ["?add=nurse&next='", "?add=nurse&next=https://evil.example/", "?remove=x&clear=1", ""]:
        response = client.get("/compare/tray/" + query)
        assert response.status_code == 302 and response["Location"] == "/plan/"
    assert shortlist.SESSION_KEY not in client.session


def test_shortlist_is_read_from_the_configured_session_cookie(client, settings):
    settings.SESSION_COOKIE_NAME = "careers_session"
    post(client, "nurse")
    assert "careers_session" in client.cookies and "sessionid" not in client.cookies
    assert "On your shortlist" in client.get("/careers/nurse/").content.decode()


def test_every_career_card_and_list_has_a_shortlist_form(client):
    body = client.get("/careers/").content.decode()
    cards = body.count('class="card career-card')
    assert cards > 3 and body.count('action="/shortlist/"') == cards
    body = client.get("/clusters/healthcare/").content.decode()
    assert body.count('action="/shortlist/"') == body.count('<li><h2 class="h5')
    body = client.get("/search/?q=nurse").content.decode()
    assert body.count('action="/shortlist/"') == body.count('<h3 class="h5') > 0
