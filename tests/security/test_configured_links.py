"""Links Paved builds from configuration and content: whatever the values filled into a
template, the link that reaches the page is still one the template's own check allows
(http(s), mailto or a path of the site), never ``javascript:`` or another host through
``//`` or ``/\\``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from paved.generator.core.model import Classification, Dataset
from paved.generator.core.render.datasets import access_target

PAVED = Path(sys.executable).parent / "paved"


def dataset(**overrides: Any) -> Dataset:
    values: dict[str, Any] = {
        "id": "pos.orders",
        "system": "pos",
        "domain": "sales",
        "custodian": "",  # datasets without a custodian are common
        "description": "Orders",
        "classification": Classification.INTERNAL,
        "refresh": None,
        "columns": (),
    }
    values.update(overrides)
    return Dataset(**values)


@pytest.mark.parametrize(
    "template",
    [
        "javascript{custodian}:alert(document.domain)",
        "{custodian}javascript:alert(document.domain)",
        "java{custodian}script:alert(1)",
        "data{custodian}:text/html,<script>alert(1)</script>",
        "{custodian}//evil.example/{dataset}",
        "/{custodian}/evil.example/{dataset}",
        "/\\evil.example/{dataset}",
        "\\\\evil.example/{dataset}",
        " {custodian}javascript:alert(1)",
    ],
)
def test_a_filled_template_never_becomes_a_script_or_foreign_host(template: str) -> None:
    assert access_target(template, dataset()) is None


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            "https://svc.example/new?d={dataset}&c={custodian}",
            "https://svc.example/new?d=pos.orders&c=",
        ),
        (
            "mailto:access@example.com?subject={dataset}",
            "mailto:access@example.com?subject=pos.orders",
        ),
        ("/access/{domain}/{dataset}/", "/access/sales/pos.orders/"),
        ("access/?d={dataset}", "access/?d=pos.orders"),
    ],
)
def test_ordinary_templates_still_fill(template: str, expected: str) -> None:
    assert access_target(template, dataset()) == expected


# ------------------------------------------------- the feedback widget's words (mkdocs.yml)
# extra.analytics.feedback is contributed like any file: Material writes its title, each
# rating's name (in an attribute), data and note into every page as they are. The plugin,
# which turns the widget on, hands Material those strings escaped once.
EXAMPLE = Path(__file__).resolve().parents[2]
FEEDBACK_WORDS = {
    "title": "Helpful?<img src=x onerror=alert('title')>",
    "name": "x\" onmouseover=\"alert('name')",
    "note": "Thanks<img src=x onerror=alert('note')> {title}",
    "data": "1\" onfocus=\"alert('data')",
    "icon": "../../../../../../etc/passwd",
}


THEME_WORDS = {
    "site_name": "Halden\" onmouseover=\"alert('name')",
    "site_description": "Data\"><script>alert('description')</script>",
}
THEME_EXTRA = """  homepage: "javascript:alert('home')"
  social:
    - icon: fontawesome/brands/github
      link: "javascript:alert('social')"
    - icon: "../../../../etc/passwd"
      link: "https://example.org/x\\" onmouseover=\\"alert('link')"
      name: "Code<img src=x onerror=alert('social-name')>"
  consent:
    title: "Cookies<img src=x onerror=alert('consent-title')>"
    description: "We use <b>cookies</b><script>alert('consent')</script>"
    cookies:
      analytics: "Stats<img src=x onerror=alert('cookie')>"
"""


def test_feedback_words_and_edit_links_from_mkdocs_yml_are_inert(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("docs", "wids", "adrs", "custodians", "overrides", "synonyms.yml"):
        source = EXAMPLE / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    text = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace(
        "      title: Was this page helpful?",
        f"      title: {json.dumps(FEEDBACK_WORDS['title'])}",
    ).replace(
        "        - icon: material/thumb-up-outline\n          name: This page was helpful\n"
        "          data: 1\n          note: Thanks for your feedback!\n",
        f"        - icon: {json.dumps(FEEDBACK_WORDS['icon'])}\n"
        f"          name: {json.dumps(FEEDBACK_WORDS['name'])}\n"
        f"          data: {json.dumps(FEEDBACK_WORDS['data'])}\n"
        f"          note: {json.dumps(FEEDBACK_WORDS['note'])}\n",
    )
    assert text.count("alert(") == 4
    # "Edit this page": repo_url must be a URL, but edit_uri is any text, joined to it.
    text = text.replace("edit_uri: -/edit/main/docs/", "edit_uri: javascript:alert(1)//")
    assert "edit_uri: javascript:" in text
    # Settings Material places raw in every page: names, description, links, consent.
    text = text.replace(
        "site_name: Halden Data Platform",
        f"site_name: {json.dumps(THEME_WORDS['site_name'])}",
    ).replace(
        "site_description: The paved road for data at Halden Cycles",
        f"site_description: {json.dumps(THEME_WORDS['site_description'])}",
    )
    text = text.replace("\nextra:\n", "\nextra:\n" + THEME_EXTRA, 1)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [str(PAVED), "build", "-q", "-j", "1", "-d", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=root,
        env={**os.environ, "PAVED_FEEDBACK_URL": "https://portal.example/api/feedback"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "get-started" / "index.html").read_text(encoding="utf-8")
    start = page.index('<form class="md-feedback"')
    form = page[start : page.index("</form>", start)]
    assert "<img" not in form
    assert "onmouseover=" not in form.replace("onmouseover=&quot;", "")
    assert "onfocus=" not in form.replace("onfocus=&quot;", "")
    assert 'title="x&quot; onmouseover=&quot;alert(&#x27;name&#x27;)"' in form
    assert "Helpful?&lt;img src=x onerror=alert(&#x27;title&#x27;)&gt;" in form
    assert "&amp;lt;" not in form  # once, not twice
    for path in ("get-started/index.html", "catalogue/datasets/index.html"):
        html = (site / path).read_text(encoding="utf-8")
        assert "javascript:" not in html.lower(), path
    # The theme's settings: escaped once where Material places them, bad links left out.
    assert "<script>alert(" not in page
    assert "<img src=x" not in page
    assert ' onmouseover="' not in page
    assert 'content="Data&#34;&gt;&lt;script&gt;' in page or (
        'content="Data&quot;&gt;&lt;script&gt;' in page
    )
    assert 'aria-label="Halden&quot; onmouseover=&quot;alert(&#x27;name&#x27;)"' in page
    assert "&amp;quot;" not in page  # site_name escaped once where Material adds | e
    assert 'href="https://example.org/x&quot; onmouseover=' in page
    assert "We use <b>cookies</b>" in page
    assert "etc/passwd" not in page
