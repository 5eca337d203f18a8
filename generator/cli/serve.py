"""``paved serve``: preview the portal; on every change, rebuild only the pages it
affects (MkDocs' dev server and live reload, Paved's incremental builder)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from paved.generator.cli import old_names
from paved.generator.cli._mkdocs import (
    config_file_option,
    prepare_logging,
    refuse_untrusted_config,
    trust_config_option,
)

#: Between rebuilds the heap that survives one is frozen (``IncrementalBuilder.
#: _settle_heap``); the full collection of the previous build's garbage (a scan of the
#: whole kept heap: about a second on a large portal) is made once the server is idle
#: after each rebuild, or in the rebuild when this many came in a row without such a
#: moment.
COLLECT_EVERY = 4
#: Seconds without a rebuild after which that collection runs (in a thread), with what
#: only the next rebuilds need (``IncrementalBuilder.when_idle``), so that the edit
#: does not wait for them.
COLLECT_WHEN_IDLE = 1.0


@click.command()
@config_file_option
@click.option(
    "-a",
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    metavar="IP:PORT",
    help="Address the preview server listens on.",
)
@click.option("--no-livereload", is_flag=True, help="Do not reload pages on changes.")
@click.option(
    "--poll",
    is_flag=True,
    help="Watch files by polling them twice a second, as mkdocs serve does (for file "
    "systems that do not report changes: network mounts, some containers).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Rebuild every page on every change (as mkdocs serve does), not only those it affects.",
)
@trust_config_option
def serve(
    config_file: str,
    dev_addr: str,
    no_livereload: bool,
    poll: bool,
    full: bool,
    trust_config: bool,
) -> None:
    """Serve the portal locally and rebuild it when docs/, wids/, adrs/ or custodians/ change.

    A change rebuilds only the pages whose content, metadata or navigation it changes
    (the site is byte for byte what a full build writes); a change to mkdocs.yml, the
    theme overrides or Paved itself rebuilds every page. A validation error does not
    stop the server: the home page lists the problems with their file and line until
    they are fixed.

    \b
    Example:
        paved serve
        paved serve --dev-addr 0.0.0.0:8080
    """
    prepare_logging()
    refuse_untrusted_config(config_file, trust=trust_config)
    old_names.install()  # mkdocs.yml files written for Paved before 0.2
    from jinja2 import TemplateError
    from mkdocs.exceptions import MkDocsException

    from paved.generator.mkdocs_plugin.templates import template_problem

    try:
        _serve(config_file, dev_addr, livereload=not no_livereload, incremental=not full, poll=poll)
    except MkDocsException as error:
        raise click.ClickException(error.format_message()) from None
    except TemplateError as error:  # a theme template (the overrides come by pull request)
        raise click.ClickException(template_problem(error)) from None


def _serve(
    config_file: str, dev_addr: str, *, livereload: bool, incremental: bool, poll: bool = False
) -> None:
    """MkDocs' ``serve`` (same server, same watched folders), with our builder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    from paved.generator.mkdocs_plugin.speed.rebuild import IncrementalBuilder

    site_dir = tempfile.mkdtemp(prefix="paved_")

    def load() -> MkDocsConfig:
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
        config.site_url = serve_url
        return config

    first = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
    first.plugins.on_startup(command="serve", dirty=False)
    host, port = first.dev_addr
    mount_path = urlsplit(first.site_url or "/").path
    shown = f"[{host}]" if ":" in host else host  # an IPv6 address
    serve_url = f"http://{shown}:{port}{mount_path}"
    incremental_builder = IncrementalBuilder(
        in_place=True, collect_every=COLLECT_EVERY, collect_when_idle=COLLECT_WHEN_IDLE
    )

    def builder(config: MkDocsConfig | None = None) -> None:
        if incremental:
            incremental_builder.build(load, serve_url=serve_url)
        else:
            build(config or load(), serve_url=serve_url)

    server = preview_server(LiveReloadServer, poll=poll)(
        builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path
    )
    server.error_handler = lambda code: _error_page(site_dir, code)
    try:
        builder()
        if livereload:
            server.watch(first.docs_dir)
            if first.config_file_path:
                server.watch(first.config_file_path)
            for folder in first.theme.dirs:
                if first.theme.custom_dir and Path(folder) == Path(first.theme.custom_dir):
                    server.watch(folder)  # the overrides; the installed theme never changes
            server = first.plugins.on_serve(server, config=first, builder=builder)
            for item in first.watch:
                server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            click.echo("paved: shutting down", err=True)
        finally:
            server.shutdown()
    finally:
        first.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
        for previous in Path(site_dir).parent.glob(f"{Path(site_dir).name}.previous-*"):
            shutil.rmtree(previous, ignore_errors=True)


def _error_page(site_dir: str, code: Any) -> bytes | None:
    if code in (404, 500):
        page = Path(site_dir) / f"{code}.html"
        if page.is_file():
            return page.read_bytes()
    return None


#: Where a preview page asks whether a rebuild is running (answers at once, unlike
#: MkDocs' live-reload poll, which waits for the rebuild to end).
STATUS_PATH = "/.paved/build-status"

#: Shown at the top of every preview page while the portal is being rebuilt; live
#: reload replaces the page when the rebuild is done. Text only (``textContent``).
STATUS_SCRIPT = b"""
(function () {
  var banner = null;
  function show(building) {
    if (building && !banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "status");
      banner.className = "paved-rebuilding";
      banner.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:1000;" +
        "padding:.4em 1em;background:#fff3cd;color:#5c4400;font:14px sans-serif;" +
        "text-align:center;box-shadow:0 1px 3px rgba(0,0,0,.2)";
      banner.textContent = "Rebuilding the portal\\u2026 this page reloads when it is done.";
      document.body.appendChild(banner);
    } else if (!building && banner) {
      banner.remove();
      banner = null;
    }
  }
  function poll() {
    fetch("STATUS_PATH", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) { show(Boolean(s.building)); })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""".replace(b"STATUS_PATH", STATUS_PATH.encode())


def preview_server(base: type[Any], *, poll: bool = False) -> type[Any]:
    """MkDocs' live-reload server, plus: every preview page shows a banner while a
    rebuild runs (a large portal takes a while), from a status the server answers at
    once. MkDocs already holds page requests until a rebuild ends, so no half-built
    page is ever served.

    Files are watched with the operating system's notifications (inotify, FSEvents,
    ReadDirectoryChangesW: watchdog's ``Observer``) unless ``poll``: MkDocs' polling
    observer lists and stats every watched file twice a second (24 ms of CPU a poll on
    the large benchmark, measured; several seconds of a rebuild's CPU when a loaded
    machine stretches the rebuild, since it polls all along)."""

    class PreviewServer(base):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if not poll:  # before anything is watched: ``watch`` schedules on it
                self.observer = changes_observer()

        def building(self) -> bool:
            return bool(self._wanted_epoch != self._visible_epoch)

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            if environ.get("PATH_INFO") == STATUS_PATH:
                body = b'{"building": true}' if self.building() else b'{"building": false}'
                start_response(
                    "200 OK",
                    [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                )
                return [body]
            return super()._serve_request(environ, start_response)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            try:
                end = content.rindex(b"</body>")
            except ValueError:
                end = len(content)
            return b"%b<script>%b</script>%b" % (content[:end], STATUS_SCRIPT, content[end:])

    return PreviewServer


#: Events that report a file being read, not changed (inotify's open and close-after-
#: reading, which watchdog reports since 4.0): the build itself opens the files it
#: reads in the watched folders (the edited page, the workbook, MkDocs' sources).
READ_EVENTS = frozenset({"opened", "closed_no_write"})


def changes_observer() -> Any:
    """watchdog's native ``Observer`` handing its handlers only the events that can
    change the site. MkDocs' callback asks for a rebuild on any event: with the native
    observer, every file a rebuild opened asked for the next rebuild, so the server
    rebuilt again as soon as it was done, and an edit saved meanwhile waited for that
    rebuild to end before its own began (MkDocs' polling observer never reports
    reads)."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class ChangesOnly(FileSystemEventHandler):
        def __init__(self, handler: FileSystemEventHandler) -> None:
            self.handler = handler

        def dispatch(self, event: FileSystemEvent) -> None:
            if event.event_type not in READ_EVENTS:
                self.handler.dispatch(event)

    class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler: Any, path: str, **options: Any) -> Any:
            return super().schedule(ChangesOnly(event_handler), path, **options)

    return ChangesObserver()
