"""Accessible markup, read from the HTML without a browser: form errors are tied to their fields
and data tables have headers (the browser checks are in test_accessibility.py, which runs on a live
server and so in a module of its own)."""

import re

import pytest

from careers.tests.browser import KEY_PAGES


@pytest.mark.django_db
def test_finder_errors_are_tied_to_their_fields(client):
    body = client.get("/finder/?min_salary=lots&interests=code").content.decode()
    field = re.search(r"<input[^>]*id=\"id_min_salary\"[^>]*>", body).group(0)
    assert 'aria-invalid="true"' in field
    assert "id_min_salary_error" in re.search(r'aria-describedby="([^"]*)"', field).group(1)
    assert 'id="id_min_salary_error"' in body and "Enter a number." in body
    summary = re.search(r'<div class="alert alert-danger error-summary" role="alert">(.*?)</div>', body, re.S).group(1)
    assert 'href="#id_min_salary"' in summary  # the summary links to the field


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["finder-results", "career", "compare", "reverse"])
def test_data_tables_have_column_and_row_headers(client, name):
    body = client.get(KEY_PAGES[name]).content.decode()
    tables = re.findall(r"<table.*?</table>", body, re.S)
    assert tables
    for table in tables:
        assert re.search(r"<thead>.*<th scope=\"col\">", table, re.S), table[:200]
        for row in re.findall(r"<tbody>.*?</tbody>", table, re.S):
            for tr in re.findall(r"<tr.*?</tr>", row, re.S):
                assert re.search(r"<th scope=\"(row|rowgroup)\"", tr), tr[:200]
