"""Stored XSS against the built portal, in a real browser.

Every case of ``cases/portal_cases.yaml`` (the page-facing classes of the blind attack corpus
plus our own ``PX-`` variants) is injected where its ``where`` names, into a copy of the
example repository: WID and ADR bodies and front matter, new pages under ``docs/security/``,
files under ``docs/``, cells of ``custodians/catalogue.xlsx``. What ``paved validate``
refuses is taken out again (first trying a form of the same value that validates) and
counted as refused; snippet cases the restricted ``pymdownx.snippets`` refuses are counted
the same way. The rest is built ONCE with MkDocs' own build, served on 127.0.0.1 and driven
with Debian's Chromium: every page showing a case is loaded, its links, images, SVG, titled
elements and summaries hovered and clicked, its inputs focused; no script may run
(``typeof window.__pwned === 'string'``), no dialog may open. Published files are fetched raw,
and the whole site is searched for the secrets planted in and around the copy.

Run with ``-s`` to see the counts per class (rendered / refused).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import quote, urlsplit
from urllib.request import urlopen

import markdown
import openpyxl
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from paved.generator.core import api
from paved.generator.core.diagnostics import Diagnostic, Severity
from paved.generator.mkdocs_plugin.sanitize import restrict_snippets

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CASES_FILE = Path(__file__).parent / "cases" / "portal_cases.yaml"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
COPIED = ("mkdocs.yml", "docs", "wids", "adrs", "custodians", "overrides")
BUILD_VARIABLES = ("PAVED_FEEDBACK_URL", "PAVED_DATABASE_URL")
CLASSES = (
    "markdown-html", "markdown-url", "attr-list", "md-in-html", "svg-mathml", "front-matter",
    "title-breakout", "mermaid", "snippets-and-files", "catalogue-text",
)  # fmt: skip
# Planted in and next to the copy; none may ever be published.
CANARIES = {
    ".git/config": "paved-canary-git-config-5b1e",
    ".env": "paved-canary-dotenv-9c2d",
    "outside the repository": "paved-canary-outside-7a4f",
    "mkdocs.yml": "paved-canary-mkdocs-yml-3e8a",
    "the build environment": "paved-canary-environ-1f6c",
    "/etc/passwd": "root:x:0:0:",
}
WID_TEMPLATE = "wids/WID-0004-demand-forecast.md"
ADR_TEMPLATE = "adrs/0012-data-contracts-in-yaml.md"
# Catalogue columns the corpus names that the workbook spells differently.
COLUMN_ALIASES = {
    ("datasets", "name"): "description",
    ("systems", "url"): "description",
    ("custodians", "slack_handle"): "slack",
    ("lineage", "source"): "upstream",
    ("lineage", "target"): "downstream",
}
# Where a catalogue row shows which case it carries (a cell next to the payload).
MARKER_COLUMNS = {
    "domains": ("description", "name"),
    "systems": ("description", "name"),
    "custodians": ("role", "expertise"),
    "datasets": (),
    "columns": ("description",),
    "lineage": ("description",),
}
# Validation codes for unsafe content (SEC501 raw <script>, SEC502 handlers, ...).
CONTENT_SAFETY = "SEC"
# Corpus cases that describe a repository shape rather than a value (kept for the record).
NOT_APPLICABLE = {
    "CT-016": "lineage cycles: a model/graph case, no text to render",
    "CT-018": "look-alike domain names: a review/identity case, no script",
}
SAFE_HREF = re.compile(r"^(https?:|mailto:|#|/|\.|[^:]*$)", re.IGNORECASE)
PROBE = """() => {
  const dangerous = [];
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction], [data]')) {
    for (const name of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
      const raw = el.getAttribute(name);
      if (raw === null) continue;
      let scheme = '';
      try { scheme = new URL(raw, document.baseURI).protocol; } catch (e) { continue; }
      if (['javascript:', 'vbscript:'].includes(scheme) ||
          (scheme === 'data:' && !(el.tagName === 'IMG' && name === 'src'))) {
        dangerous.push(el.tagName + ' ' + name + '=' + raw.slice(0, 80));
      }
    }
  }
  return dangerous;
}"""
PROVOKE = """(limit) => {
  const selector = 'a, img, svg, svg *, [title], details summary, button, input, select, ' +
                   'textarea, [tabindex], math, math *, area, label, video, audio, [style]';
  const found = Array.from(document.querySelectorAll(selector)).slice(0, limit);
  for (const el of found) {
    for (const type of ['pointerover', 'mouseover', 'mouseenter', 'mousemove', 'pointerdown',
                        'mousedown', 'mouseup', 'click', 'dblclick', 'mouseout']) {
      try { el.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true})); }
      catch (e) {}
    }
    try { if (typeof el.focus === 'function') el.focus(); } catch (e) {}
  }
  return found.length;
}"""


@dataclass
class Placement:
    """Where one case went, the forms of it still to try, and what became of it."""

    case: dict[str, Any]
    variants: list[dict[str, str | bytes]] = field(default_factory=list)
    cells: list[list[tuple[str, int, int, Any]]] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)
    cell: list[tuple[str, int, int, Any]] = field(default_factory=list)
    status: str = "placed"
    reason: str = ""
    # The validator's content-safety error on it: refused by ``paved validate``/``build``,
    # still rendered by ``paved serve`` (and so built here the way serve builds).
    flagged: str = ""

    @property
    def id(self) -> str:
        return str(self.case["id"])


@dataclass
class Portal:
    root: Path
    site_dir: Path
    url: str
    placements: dict[str, Placement]
    pages: dict[str, list[str]]


def _cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    return [case for case in cases if case["class"] in CLASSES]


CASES = _cases()


# ------------------------------------------------------------------------------- placing
def _split(text: str) -> tuple[dict[str, Any] | None, str]:
    """Front matter (None when it does not parse as a mapping) and body of a whole file."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    match = re.match(r"^---\n(.*?)\n---\n?(.*)$", text, re.DOTALL)
    if not match:
        return None, text
    try:
        meta = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError):  # e.g. a date like 2024-13-45
        return None, match.group(2)
    return (meta if isinstance(meta, dict) else None), match.group(2)


def _join(meta: dict[str, Any], body: str) -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n{body}"


def _wid(root: Path, number: int, case_id: str, key: str | None, value: Any, body: str) -> str:
    meta, template_body = _split((root / WID_TEMPLATE).read_text(encoding="utf-8"))
    assert meta is not None
    meta["id"] = f"WID-{number:04d}"
    meta["title"] = f"Case {case_id}"
    if key == "owner":
        meta["business_owner"]["name"] = value
    elif key == "description":
        meta["value_proposition"] = value
    elif key is not None:
        meta[key] = value
    heading = str(meta["title"]).splitlines()[0] if meta.get("title") else case_id
    rest = template_body.split("\n", 1)[1]
    return _join(meta, f"# {heading}\n\nCase {case_id}\n\n{body}\n\n{rest}")


def _adr(root: Path, case_id: str, key: str | None, value: Any, body: str) -> str:
    meta, template_body = _split((root / ADR_TEMPLATE).read_text(encoding="utf-8"))
    assert meta is not None
    if key is not None:
        meta[key] = value
    rest = template_body.split("\n", 1)[1]
    return _join(meta, f"# Case {case_id}\n\nCase {case_id}\n\n{body}\n{rest}")


def _generated(case: dict[str, Any]) -> bytes | str | None:
    """The bytes a ``generator`` case describes, for the ones that are files or cells."""
    case_id = case["id"]
    if case_id == "SF-016":
        return b'<html><script>window.__pwned="SF-016"</script></html>'
    if case_id == "SF-020":
        return (
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript"
            b"/JS(app.alert('SF-020'))>>>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n"
        )
    if case_id == "CT-011":
        return "A" * 32_000 + '<img src=x onerror=window.__pwned="CT-011">'
    return None


def _variants_for(root: Path, case: dict[str, Any], n: int) -> list[dict[str, str | bytes]]:
    """The files that carry ``case``, most faithful form first."""
    case_id: str = case["id"]
    where: str = case["where"]
    payload: str = case.get("payload") or ""
    kind, _, key = where.partition(":")
    slug = case_id.lower()
    whole = payload.lstrip("\ufeff").startswith("---")
    wid_path = f"wids/WID-{9000 + n:04d}-case-{slug}.md"
    adr_path = f"adrs/{9000 + n:04d}-case-{slug}.md"
    doc_path = f"docs/security/{slug}.md"
    meta, body = _split(payload) if whole else (None, payload)
    if kind == "wid-body":
        forms: list[dict[str, str | bytes]] = []
        if whole:
            forms.append({wid_path: payload})
        forms.append({wid_path: _wid(root, 9000 + n, case_id, None, None, body)})
        return forms
    if kind == "adr-body":
        forms = [{adr_path: payload}] if whole else []
        return [*forms, {adr_path: _adr(root, case_id, None, None, body)}]
    if kind in ("wid-front-matter", "adr-front-matter"):
        forms = [{wid_path if kind.startswith("wid") else adr_path: payload}]
        if meta is not None and key in meta:
            value = meta[key]
            values = [value]
            if isinstance(value, list):
                values.append([str(item) for item in value if item is not None])
            elif not isinstance(value, str):
                values.append(str(value))
            for each in values:
                if kind.startswith("wid"):
                    forms.append({wid_path: _wid(root, 9000 + n, case_id, key, each, body)})
                else:
                    forms.append({adr_path: _adr(root, case_id, key, each, body)})
        return list(reversed(forms))  # the form that keeps the rest of the file valid first
    if kind == "docs-body":
        if whole:
            return [{doc_path: f"{payload}\n\nCase {case_id}\n"}]
        return [{doc_path: f"---\ntitle: Case {case_id}\n---\n\n# Case {case_id}\n\n{payload}\n"}]
    if kind == "docs-front-matter":
        return [{doc_path: f"{payload}\n\nCase {case_id}\n"}]
    if kind == "docs-file":
        content = _generated(case)
        data: str | bytes = content if content is not None else payload
        if key == "snippet-with-script.md":  # pulled in by a page, as the corpus says
            return [
                {
                    "docs/snippets/snippet-with-script.md": data,
                    doc_path: f'# Case {case_id}\n\n--8<-- "snippet-with-script.md"\n',
                }
            ]
        if key == ".meta.yml":
            return [{f"docs/{slug}/.meta.yml": data, f"docs/{slug}/index.md": f"Case {case_id}\n"}]
        return [{f"docs/{key}": data}]
    if kind == "file-name":
        files: dict[str, str | bytes] = {}
        for line in payload.splitlines():
            target = (root / line.strip()).resolve()
            if line.strip() and root.resolve() in target.parents:  # a PR cannot write outside
                files[str(target.relative_to(root.resolve()))] = f"Case {case_id}\n"
        return [files] if files else []
    return []


def _refusal(root: Path, files: dict[str, str | bytes]) -> str | None:
    """Why restricted snippets (as the plugin configures them) refuse this Markdown."""
    configs: dict[str, dict[str, Any]] = {}
    restrict_snippets(["pymdownx.snippets"], configs, root)
    for name, text in files.items():
        if isinstance(text, bytes) or not name.endswith(".md") or "-8<-" not in text:
            continue
        if name.startswith("docs/snippets/"):
            continue
        try:
            markdown.markdown(text, extensions=["pymdownx.snippets"], extension_configs=configs)
        except Exception as error:  # the build would stop on this page: that is the refusal
            return f"snippets: {type(error).__name__}: {str(error)[:120]}"
    return None


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def _remove(root: Path, files: dict[str, str | bytes]) -> None:
    for name in files:
        (root / name).unlink(missing_ok=True)


class Catalogue:
    """The copy's workbook, one case per row; cells restored when a case is refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.book = openpyxl.load_workbook(path)
        self.next_row: Counter[str] = Counter()

    def column(self, sheet: str, name: str) -> int | None:
        for cell in self.book[sheet][1]:
            if cell.value == name:
                return int(cell.column)
        return None

    def place(self, case: dict[str, Any]) -> list[tuple[str, int, int, Any]] | None:
        sheet, _, name = case["where"].partition(":")[2].partition(".")
        name = COLUMN_ALIASES.get((sheet, name), name)
        column = self.column(sheet, name)
        value = _generated(case) or case.get("payload") or ""
        if column is None or sheet not in self.book.sheetnames:
            return None
        self.next_row[sheet] += 1
        row = 1 + self.next_row[sheet]
        ws = self.book[sheet]
        changed = [(sheet, row, column, ws.cell(row, column).value)]
        # A workbook cannot hold C0 controls (xlsx refuses them): the rest of the value goes in.
        ws.cell(row, column).value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        for marker in MARKER_COLUMNS.get(sheet, ()):
            marker_column = self.column(sheet, marker)
            if marker_column is not None and marker_column != column:
                changed.append((sheet, row, marker_column, ws.cell(row, marker_column).value))
                ws.cell(row, marker_column).value = f"Case {case['id']}"
                break
        return changed

    def restore(self, cells: list[tuple[str, int, int, Any]]) -> None:
        for sheet, row, column, value in cells:
            self.book[sheet].cell(row, column).value = value

    def save(self) -> None:
        self.book.save(self.path)


def _owner(diagnostic: Diagnostic, placements: list[Placement]) -> Placement | None:
    for location in (diagnostic.location, *diagnostic.related):
        for placement in placements:
            if placement.status != "placed":
                continue
            if location.sheet is not None:
                if any(
                    location.sheet == sheet and location.row == row
                    for sheet, row, _, _ in placement.cell
                ):
                    return placement
                continue
            path = location.path.replace("\\", "/")
            if any(path == name or path.endswith("/" + name) for name in placement.files):
                return placement
    return None


def _settle(root: Path, placements: list[Placement], catalogue: Catalogue) -> None:
    """Validate; re-place in a form that loads (or take out) every case a structural error
    points at. Content-safety errors (``SEC``: raw HTML, handlers, ``javascript:``) are
    recorded and kept: ``paved serve`` renders such pages, so the sanitiser must hold."""
    for _ in range(12):
        errors = [d for d in api.check(root).diagnostics if d.severity is Severity.ERROR]
        hit: dict[str, tuple[Placement, Diagnostic]] = {}
        unexplained = []
        for diagnostic in errors:
            owner = _owner(diagnostic, placements)
            if owner is None:
                unexplained.append(diagnostic)
            elif diagnostic.code.startswith(CONTENT_SAFETY):
                owner.flagged = owner.flagged or f"{diagnostic.code} {diagnostic.message}"[:160]
            else:
                hit.setdefault(owner.id, (owner, diagnostic))
        if unexplained:
            lines = "\n".join(f"{d.location} {d.code} {d.message}" for d in unexplained[:10])
            pytest.fail(f"validation errors no injected case explains:\n{lines}")
        if not hit:
            return
        for placement, diagnostic in hit.values():
            _remove(root, placement.files)
            placement.flagged = ""
            if placement.cell:
                catalogue.restore(placement.cell)
                placement.cell = []
            if placement.variants:
                placement.files = placement.variants.pop(0)
                _write(root, placement.files)
            else:
                placement.files = {}
                placement.status = "refused"
                placement.reason = f"{diagnostic.code} {diagnostic.message}"[:200]
        catalogue.save()
    pytest.fail("validation did not settle after removing the refused cases")


def _inject(root: Path) -> dict[str, Placement]:
    placements: list[Placement] = []
    catalogue = Catalogue(root / "custodians" / "catalogue.xlsx")
    for n, case in enumerate(CASES, start=1):
        placement = Placement(case)
        placements.append(placement)
        if case["id"] in NOT_APPLICABLE:
            placement.status, placement.reason = "not-applicable", NOT_APPLICABLE[case["id"]]
            continue
        if case["where"].startswith("catalogue:"):
            cells = catalogue.place(case)
            if cells is None:
                placement.status, placement.reason = "not-applicable", "no such column"
            else:
                placement.cell = cells
            continue
        forms = _variants_for(root, case, n)
        if not forms:
            placement.status, placement.reason = "not-applicable", "nothing a PR can write"
            continue
        placement.files, placement.variants = forms[0], forms[1:]
        _write(root, placement.files)
        refusal = _refusal(root, forms[0])
        if refusal is not None:
            _remove(root, placement.files)
            placement.status, placement.reason = "refused", refusal
    catalogue.save()
    _settle(root, placements, catalogue)
    return {placement.id: placement for placement in placements}


# ------------------------------------------------------------------------------ building
def _copy_example(root: Path) -> None:
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        'feedback_url: !ENV [PAVED_FEEDBACK_URL, ""]',
        'feedback_url: ""\n      fail_on_warnings: false',
    )
    # Snippets on (the plugin restricts them to docs/snippets/), so their cases mean something.
    config += f'  - pymdownx.snippets:\n      base_path: ["."]\n# {CANARIES["mkdocs.yml"]}\n'
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs" / "snippets").mkdir(exist_ok=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(
        f'[remote "origin"]\n\turl = https://x:{CANARIES[".git/config"]}@git.example/r\n'
    )
    (root / ".env").write_text(f"TOKEN={CANARIES['.env']}\n")
    (root.parent / "outside.md").write_text(CANARIES["outside the repository"] + "\n")


def _build(root: Path, site_dir: Path) -> None:
    saved = {name: os.environ.pop(name, None) for name in BUILD_VARIABLES}
    os.environ["PAVED_XSS_CANARY"] = CANARIES["the build environment"]
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir))
        # As ``paved serve`` builds: validation errors are shown, not fatal, so the pages
        # the validator flags are rendered too and the sanitiser is what stands.
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.environ.pop("PAVED_XSS_CANARY", None)
        for name, value in saved.items():
            if value is not None:
                os.environ[name] = value


def _pages_with_cases(site_dir: Path, placements: dict[str, Placement]) -> dict[str, list[str]]:
    """For every case, the site's HTML pages (as URL paths) that name it."""
    texts = {
        "/" + quote(str(path.relative_to(site_dir)).replace(os.sep, "/")): path.read_text(
            encoding="utf-8", errors="replace"
        )
        for path in site_dir.rglob("*.html")
        if path.name != "404.html"
    }
    pages: dict[str, list[str]] = {}
    for case_id in placements:
        pattern = re.compile(re.escape(case_id) + r"(?!\d)")
        found = sorted(url for url, text in texts.items() if pattern.search(text))
        # A case's own page first; index pages that list every case come after.
        found.sort(key=lambda url: (case_id.lower() not in url.lower(), len(url)))
        pages[case_id] = found
    return pages


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    base = tmp_path_factory.mktemp("xss")
    root, site_dir = base / "repo", base / "site"
    root.mkdir()
    _copy_example(root)
    placements = _inject(root)
    _build(root, site_dir)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    portal = Portal(root, site_dir, f"http://{host!s}:{port}", placements, {})
    portal.pages = _pages_with_cases(site_dir, placements)
    _print_counts(portal)
    yield portal
    server.shutdown()
    server.server_close()


def _print_counts(portal: Portal) -> None:
    counts: dict[str, Counter[str]] = {}
    for placement in portal.placements.values():
        status = placement.status
        if status == "placed":
            status = "rendered" if portal.pages[placement.id] else "placed-not-shown"
            if placement.flagged:
                status += "+flagged-by-validation"
        counts.setdefault(placement.case["class"], Counter())[status] += 1
    print("\nportal XSS cases per class:")
    for name in CLASSES:
        print(f"  {name:20} {dict(counts.get(name, Counter()))}")
    for placement in portal.placements.values():
        if placement.status != "placed":
            print(f"  {placement.id} {placement.status}: {placement.reason}")


# ------------------------------------------------------------------------------ browsing
@dataclass
class Visit:
    pwned: str | None
    dialogs: list[str]
    dangerous: list[str]
    popups: list[str]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (CI installs it: apt-get install chromium)"
        print(f"skipping browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def visits(browser: Any, portal: Portal) -> Iterator[dict[str, Visit]]:
    """Each page visited once; every case's test reads the visits of its pages."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    cache: dict[str, Visit] = {}

    def visit(url: str) -> Visit:
        if url not in cache:
            cache[url] = _visit(context, portal.url + url)
        return cache[url]

    yield _LazyVisits(visit)
    context.close()


class _LazyVisits(dict[str, Visit]):
    def __init__(self, visit: Any) -> None:
        super().__init__()
        self._visit = visit

    def __missing__(self, url: str) -> Visit:
        result: Visit = self._visit(url)
        return result


def _visit(context: Any, url: str) -> Visit:
    tab = context.new_page()
    # A bound for a stuck page, not a speed check: on a shared 2-core machine at load 10
    # a plain page took over 5 s to fire "load" (MU-004 failed so, 2026-12-07).
    tab.set_default_timeout(30_000)
    dialogs: list[str] = []
    popups: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(Exception):
            dialog.dismiss()

    def on_popup(popup: Any) -> None:
        popups.append(popup.url)
        with contextlib.suppress(Exception):
            popup.close()

    loaded = False

    def route(request_route: Any) -> None:
        request = request_route.request
        host = urlsplit(request.url).hostname
        navigating = request.is_navigation_request() and request.frame == tab.main_frame
        # Stay on the page under test (a click on a link to the page itself would reload
        # it, and with it the marker a script set), never leave the machine.
        if navigating and (loaded or request.url.split("#")[0] != url):
            request_route.abort("aborted")  # like a stopped navigation: nothing commits
        elif host != "127.0.0.1":
            request_route.abort()
        else:
            request_route.continue_()

    tab.on("dialog", on_dialog)
    tab.on("popup", on_popup)
    tab.route("**/*", route)
    try:
        tab.goto(url, wait_until="load")
        loaded = True
        tab.evaluate(PROVOKE, 400)
        elements = tab.locator("article :is(a, img, svg, [title], details summary):visible")
        for index in range(min(elements.count(), 10)):
            element = elements.nth(index)
            with contextlib.suppress(Exception):
                element.hover(timeout=200, force=True)
                element.click(timeout=200, force=True, no_wait_after=True)
        for _ in range(5):
            tab.keyboard.press("Tab")
        tab.mouse.move(5, 5)
        tab.mouse.move(640, 450, steps=4)
        tab.wait_for_timeout(150)  # let error events and animations fire
        pwned = tab.evaluate("typeof window.__pwned === 'string' ? window.__pwned : null")
        dangerous: list[str] = tab.evaluate(PROBE)
    finally:
        tab.close()
    return Visit(pwned, dialogs, dangerous, popups)


CASE_IDS = [case["id"] for case in CASES]


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_does_not_run_script(case_id: str, portal: Portal, visits: dict[str, Visit]) -> None:
    placement = portal.placements[case_id]
    if placement.status != "placed":
        return  # refused or not applicable: safe, counted in the summary
    for url in portal.pages[case_id][:2]:
        seen = visits[url]
        where = f"{case_id} ({placement.case['where']}) on {url}"
        assert seen.pwned is None, f"{where}: script ran, window.__pwned = {seen.pwned!r}"
        assert seen.dialogs == [], f"{where}: dialogs opened: {seen.dialogs}"
        assert seen.dangerous == [], f"{where}: dangerous URLs in the page: {seen.dangerous}"


FILE_CASES = [
    case["id"]
    for case in CASES
    if case["where"].startswith(("docs-file:", "file-name"))
    or case["class"] == "snippets-and-files"
]


def _published(portal: Portal, name: str) -> bytes | None:
    try:
        with urlopen(f"{portal.url}/{quote(name)}", timeout=10) as response:
            body: bytes = response.read()
            return body
    except HTTPError as error:
        if error.code == 404:
            return None
        raise


@pytest.mark.parametrize("case_id", FILE_CASES)
def test_contributed_file_is_refused_or_clean(
    case_id: str, portal: Portal, visits: dict[str, Visit]
) -> None:
    placement = portal.placements[case_id]
    for name in placement.files:
        if not name.startswith("docs/") or name.endswith(".md"):
            continue
        published = _published(portal, name.removeprefix("docs/"))
        if published is None:
            continue
        text = published.decode("utf-8", errors="replace")
        assert "<script" not in text.lower(), f"{case_id}: {name} published with <script"
        assert not re.search(r"\son\w+\s*=", text, re.IGNORECASE), (
            f"{case_id}: {name} has a handler"
        )
        assert "javascript:" not in text.lower(), f"{case_id}: {name} has a javascript: URL"
        seen = visits["/" + quote(name.removeprefix("docs/"))]
        assert seen.pwned is None, f"{case_id}: {name} ran script: {seen.pwned!r}"
        assert seen.dialogs == [], f"{case_id}: {name} opened dialogs: {seen.dialogs}"


@pytest.mark.parametrize("secret", sorted(CANARIES))
def test_no_secret_is_published(secret: str, portal: Portal) -> None:
    canary = CANARIES[secret].encode()
    leaks = [
        str(path.relative_to(portal.site_dir))
        for path in portal.site_dir.rglob("*")
        if path.is_file() and canary in path.read_bytes()
    ]
    assert leaks == [], f"text from {secret} is published in {leaks}"


def test_most_cases_are_rendered(portal: Portal) -> None:
    """The suite means something only if the cases reach pages rather than being refused."""
    shown = [case_id for case_id, pages in portal.pages.items() if pages]
    placed = [p.id for p in portal.placements.values() if p.status == "placed"]
    assert len(shown) >= len(CASES) // 2, f"only {len(shown)} of {len(CASES)} cases are shown"
    assert set(placed) - set(shown) <= {
        p.id for p in portal.placements.values() if p.case["where"].startswith("docs-file:")
    } | {p.id for p in portal.placements.values() if p.case["where"] == "file-name"} | {
        p.id for p in portal.placements.values() if p.case["where"].startswith("catalogue:")
    }, "a placed page case appears on no page"
