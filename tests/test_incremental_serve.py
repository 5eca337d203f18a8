"""``paved serve``'s preview server (``generator/cli/serve.py``): every preview page says
when a rebuild is running, from a status the server answers at once."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer

from paved.generator.cli.serve import STATUS_PATH, preview_server


def server(tmp_path: Path) -> Any:
    return preview_server(LiveReloadServer)(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path), mount_path="/"
    )


def status(preview: Any) -> tuple[str, dict[str, Any], dict[str, str]]:
    started: dict[str, Any] = {}

    def start_response(code: str, headers: list[tuple[str, str]]) -> None:
        started["code"], started["headers"] = code, dict(headers)

    body = b"".join(preview._serve_request({"PATH_INFO": STATUS_PATH}, start_response))
    return started["code"], json.loads(body), started["headers"]


def test_status_says_whether_a_rebuild_is_running(tmp_path: Path) -> None:
    preview = server(tmp_path)
    try:
        code, answer, headers = status(preview)
        assert code == "200 OK"
        assert answer == {"building": False}
        assert headers["Cache-Control"] == "no-store"
        preview._wanted_epoch = preview._visible_epoch + 1  # what MkDocs sets at a rebuild
        assert status(preview)[1] == {"building": True}
        preview._visible_epoch = preview._wanted_epoch  # ... and when it is done
        assert status(preview)[1] == {"building": False}
    finally:
        preview.server_close()


def test_every_preview_page_gets_the_banner_script_once(tmp_path: Path) -> None:
    preview = server(tmp_path)
    try:
        page = preview._inject_js_into_html(b"<html><body><p>x</p></body></html>", 7)
    finally:
        preview.server_close()
    assert page.count(STATUS_PATH.encode()) == 1
    assert b"Rebuilding the portal" in page
    assert b"textContent" in page
    assert b"innerHTML" not in page
    assert b"/livereload/" in page  # MkDocs' own reload script is still there
    assert page.index(b"<p>x</p>") < page.index(STATUS_PATH.encode()) < page.index(b"</body>")


def test_a_saved_file_asks_for_a_rebuild_without_polling(tmp_path: Path) -> None:
    """The preview watches files with the system's notifications (MkDocs polls every
    watched file twice a second); ``poll=True`` keeps MkDocs' polling observer."""
    from watchdog.observers.polling import PollingObserver

    watched = tmp_path / "wids"
    watched.mkdir()
    preview = preview_server(LiveReloadServer)(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path), mount_path="/"
    )
    try:
        assert not isinstance(preview.observer, PollingObserver)
        preview.watch(str(watched))
        preview.observer.start()
        staged = watched / ".WID-0001.md.tmp"  # saved beside and renamed over, as editors do
        staged.write_text("title: x\n", encoding="utf-8")
        staged.replace(watched / "WID-0001.md")
        deadline = time.monotonic() + 10
        while not preview._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert preview._want_rebuild
    finally:
        preview.observer.stop()
        preview.server_close()
    polling = preview_server(LiveReloadServer, poll=True)(
        builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path), mount_path="/"
    )
    try:
        assert isinstance(polling.observer, PollingObserver)
    finally:
        polling.server_close()


def test_reading_a_watched_file_asks_for_no_rebuild(tmp_path: Path) -> None:
    """A rebuild opens the files it reads in the watched folders; inotify reports each
    open and close. Those must not ask for another rebuild (the server then rebuilt
    again as soon as it was done, and the next save waited for that rebuild), while a
    write to the same file still does."""
    watched = tmp_path / "wids"
    watched.mkdir()
    page = watched / "WID-0001.md"
    page.write_text("title: x\n", encoding="utf-8")
    preview = server(tmp_path)
    try:
        preview.watch(str(watched))
        preview.observer.start()
        time.sleep(0.2)  # the watch is in place
        for _ in range(3):
            assert page.read_text(encoding="utf-8") == "title: x\n"
        time.sleep(0.5)  # inotify's events have arrived
        assert not preview._want_rebuild
        with page.open("a", encoding="utf-8") as handle:
            handle.write("status: draft\n")
        deadline = time.monotonic() + 10
        while not preview._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert preview._want_rebuild
    finally:
        preview.observer.stop()
        preview.server_close()
