"""Caching, invalidation, conditional GET, security headers, lockout, health and error pages."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from careers import models as m

pytestmark = pytest.mark.django_db
URL = "/careers/machine-learning-engineer/"


def test_public_pages_are_served_from_the_cache(client):
    assert client.get(URL)["X-Page-Cache"] == "miss"
    response = client.get(URL)
    assert response["X-Page-Cache"] == "hit"


def test_a_cached_page_is_sent_with_its_length_not_in_chunks(client):
    client.get(URL)
    hit = client.get(URL)
    assert hit["X-Page-Cache"] == "hit"
    assert int(hit["Content-Length"]) == len(hit.content)  # the visitor's token filled in


def test_a_cached_page_needs_no_database_query(client, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(0):
        client.get(URL)


def test_cache_hits_are_served_before_the_rest_of_the_middleware():
    """Only the request log (which counts hits) and the security middleware (whose HTTPS redirect
    must come before any page) run before the page cache answers."""
    from django.conf import settings

    stack = settings.MIDDLEWARE
    assert stack.index("careers.caching.PageCacheMiddleware") == 2
    assert stack[:2] == ["careers.middleware.RequestLogMiddleware", "django.middleware.security.SecurityMiddleware"]


def test_a_cached_page_is_not_served_to_a_static_file_or_nul_request(client):
    client.get(URL)
    assert client.get(URL + "?q=%00").status_code == 400
    assert client.get("/static/js/site.js").get("X-Page-Cache") is None


def test_an_edit_to_a_section_row_shows_at_once(client, django_capture_on_commit_callbacks):
    client.get(URL)
    faq = m.FAQ.objects.get(career__slug="machine-learning-engineer", order=1)
    faq.answer = "A brand-new answer."
    with django_capture_on_commit_callbacks(execute=True):
        faq.save()
    assert "A brand-new answer." in client.get(URL).content.decode()


def test_unpublishing_shows_at_once(client, django_capture_on_commit_callbacks):
    assert client.get(URL).status_code == 200
    career = m.Career.objects.get(slug="machine-learning-engineer")
    career.status = m.Career.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        career.save()
    assert client.get(URL).status_code == 404
    assert "Machine Learning Engineer" not in client.get("/").content.decode()


def test_a_vocabulary_rename_shows_at_once(client, django_capture_on_commit_callbacks):
    client.get(URL)
    skill = m.Skill.objects.get(slug="sql")
    skill.name = "SQL (databases)"
    with django_capture_on_commit_callbacks(execute=True):
        skill.save()
    assert "SQL (databases)" in client.get(URL).content.decode()


def test_loading_the_catalogue_invalidates_pages(client, django_capture_on_commit_callbacks):
    from django.conf import settings

    from careers.catalogue import load_catalogue

    client.get(URL)
    m.Career.objects.filter(slug="machine-learning-engineer").update(summary="Changed behind the cache's back.")
    with django_capture_on_commit_callbacks(execute=True):
        load_catalogue(settings.CATALOGUE_DIR)  # keeps the edit (staff-edited) and bumps the version
    assert "Changed behind the cache's back." in client.get(URL).content.decode()


def test_visitors_with_a_session_are_not_served_cached_pages(client):
    client.post("/shortlist/", {"career": "nurse", "action": "add"})
    client.get(URL)
    response = client.get(URL)
    assert "X-Page-Cache" not in response


def test_etag_gives_304(client):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_public_pages_carry_no_shared_csrf_token_or_inline_script(client):
    from careers.caching import FORM_TOKEN_MARKER

    for url in ["/", URL, "/careers/", "/compare/?careers=nurse,pharmacist"]:
        body = client.get(url).content.decode()
        assert FORM_TOKEN_MARKER not in body  # the shortlist forms' tokens are filled in per visitor
        for script in body.split("<script")[1:]:
            assert 'type="application/ld+json"' in script.split(">")[0] or " src=" in script.split(">")[0], url


def test_security_headers(client):
    response = client.get(URL)
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]:
        assert directive in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_SSL_REDIRECT=True)
def test_hsts_and_https_redirect_behind_the_proxy(client):
    assert client.get(URL).status_code == 301  # plain HTTP goes to HTTPS
    response = client.get(URL, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert client.get("/healthz").status_code == 200  # probes stay on HTTP


def test_production_settings_are_strict():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "a.example"}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='careerportal.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["31536000", "True", "True", "True", "False"]
    env.pop("DJANGO_SECRET_KEY")
    failed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert failed.returncode != 0 and "DJANGO_SECRET_KEY must be set" in failed.stderr


def test_admin_login_locks_after_repeated_failures(client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("boss2", "b@example.com", "right-password-123")
    for _ in range(5):
        client.post("/admin/login/", {"username": "boss2", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(
        "/admin/login/", {"username": "boss2", "password": "right-password-123"}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code in (403, 429)


def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_says_when_the_cache_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("no cache")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["cache"].startswith("error")


@pytest.mark.parametrize(
    "status,template", [(400, "400.html"), (403, "403.html"), (404, "404.html"), (500, "500.html")]
)
def test_error_pages_are_the_sites_own(rf, status, template):
    from django.template.loader import render_to_string

    request = rf.get("/x")
    html = render_to_string(template, request=request) if status != 500 else render_to_string(template)
    assert "CareerPath India" in html
    assert "Traceback" not in html


def test_a_server_error_shows_the_500_page_without_details(client, settings):
    from django.urls import path

    def boom(request):
        raise RuntimeError("secret internals")

    client.raise_request_exception = False
    urlconf = type("U", (), {"urlpatterns": [path("boom/", boom)], "handler500": "django.views.defaults.server_error"})
    settings.ROOT_URLCONF = urlconf
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "secret internals" not in response.content.decode()
