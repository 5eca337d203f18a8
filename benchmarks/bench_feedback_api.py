"""Benchmark of the feedback API: throughput, latency and durability under ``kill -9``.

Starts ``paved bot`` as a subprocess on a fresh SQLite store (rate limit off), then a
second process that posts feedback at full speed over keep-alive connections on
loopback for a bounded time and count, and reports requests/s and p50/p95 latency.
Afterwards every id acknowledged (201, or 200 for a comment merged into an earlier 👎)
must be in the database. A second run kills
the server with SIGKILL mid-load, restarts it, and checks the same.

    .venv/bin/python benchmarks/bench_feedback_api.py [--duration 10] [--connections 32]
        [--postgres postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
TARGET_RPS = 500


# ---------------------------------------------------------------------------------------
# the load generator (runs in its own process: python bench_feedback_api.py --load ...)


@dataclass
class LoadStats:
    acknowledged: list[int] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    sent: int = 0
    errors: int = 0
    other_status: int = 0
    merged: int = 0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    return status, await reader.readexactly(length)


async def _worker(
    number: int, port: int, deadline: float, max_requests: int, stats: LoadStats
) -> None:
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError:
        stats.errors += 1
        return
    sequence = 0
    try:
        while time.monotonic() < deadline and stats.sent < max_requests:
            sequence += 1
            body = json.dumps(
                {
                    "page": f"/bench/page-{(number * 7 + sequence) % 50}/",
                    "rating": sequence % 2,
                    "comment": "benchmark comment" if sequence % 5 == 0 else None,
                    "url": f"http://{HOST}:8000/bench/",
                    "title": "Benchmark page",
                }
            ).encode()
            request = (
                f"POST /api/feedback HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body
            stats.sent += 1
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status, payload = await _read_response(reader)
            stats.latencies.append(time.perf_counter() - started)
            if status in (200, 201):  # 200: a 👎's follow-up comment merged into its row
                stats.acknowledged.append(int(json.loads(payload)["id"]))
                stats.merged += status == 200
            else:
                stats.other_status += 1
    except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError):
        stats.errors += 1  # the server went away (the kill -9 run): stop this connection
    finally:
        writer.close()


async def _load(
    port: int, duration: float, connections: int, max_requests: int
) -> dict[str, object]:
    stats = LoadStats()
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(
        *(_worker(n, port, deadline, max_requests, stats) for n in range(connections))
    )
    elapsed = time.monotonic() - started
    latencies = sorted(stats.latencies)

    def percentile(p: float) -> float:
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "sent": stats.sent,
        "acknowledged": len(stats.acknowledged),
        "errors": stats.errors,
        "other_status": stats.other_status,
        "merged": stats.merged,
        "elapsed_s": round(elapsed, 2),
        "rps": round(len(stats.acknowledged) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(0.50), 2),
        "p95_ms": round(percentile(0.95), 2),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else 0.0,
        "ids": stats.acknowledged,
    }


# ---------------------------------------------------------------------------------------
# the orchestrator


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _start_server(database_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        PAVED_DATABASE_URL=database_url,
        PAVED_RATE_LIMIT_PER_MINUTE="0",
        PAVED_SUPPORT_CHANNEL="",
    )
    paved = Path(sys.executable).with_name("paved")
    process = subprocess.Popen(
        [str(paved), "bot", "--host", HOST, "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"paved bot exited with {process.returncode}; see {log}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5) as sock:
                sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("paved bot did not become healthy within 30 s")


def _start_load(
    port: int, duration: float, connections: int, max_requests: int, out: Path
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--load",
            str(port),
            "--duration",
            str(duration),
            "--connections",
            str(connections),
            "--max-requests",
            str(max_requests),
            "--out",
            str(out),
        ]
    )


def _stored_ids(database_url: str) -> set[int]:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url[len("sqlite:///") :]) as connection:
            return {row[0] for row in connection.execute("SELECT id FROM feedback")}
    import psycopg

    with psycopg.connect(database_url) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM feedback")}


@contextmanager
def _database(workdir: Path, name: str, postgres: str | None) -> Iterator[str]:
    """A fresh store: a SQLite file, or a new schema on the PostgreSQL server."""
    if postgres is None:
        yield f"sqlite:///{workdir / f'{name}.db'}"
        return
    import psycopg

    schema = f"paved_bench_{name}_{os.getpid()}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            separator = "&" if "?" in postgres else "?"
            yield f"{postgres}{separator}options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _run(
    workdir: Path, name: str, args: argparse.Namespace, *, kill_after: float | None
) -> dict[str, object]:
    with _database(workdir, name, args.postgres) as database_url:
        return _measure(workdir, name, database_url, args, kill_after=kill_after)


def _measure(
    workdir: Path, name: str, database: str, args: argparse.Namespace, *, kill_after: float | None
) -> dict[str, object]:
    log = workdir / f"{name}.log"
    out = workdir / f"{name}.json"
    port = _free_port()
    server = _start_server(database, port, log)
    restarted = None
    try:
        load = _start_load(port, args.duration, args.connections, args.max_requests, out)
        if kill_after is not None:
            time.sleep(kill_after)
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
        load.wait(timeout=args.duration + 60)
        result: dict[str, object] = json.loads(out.read_text())
        if kill_after is not None:
            restarted = _start_server(database, port, log)  # recovers the WAL, migrates
    finally:
        for process in (server, restarted):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    acknowledged = set(result.pop("ids"))  # type: ignore[arg-type]
    stored = _stored_ids(database)
    result["missing_after_restart" if kill_after is not None else "missing"] = len(
        acknowledged - stored
    )
    result["stored_rows"] = len(stored)
    result["distinct_ids"] = len(acknowledged)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load (max 60)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--no-kill-run", action="store_true", help="skip the kill -9 run")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="use this PostgreSQL server (a temporary schema) instead of SQLite",
    )
    parser.add_argument("--load", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.duration = min(args.duration, 60.0)
    args.max_requests = min(args.max_requests, 1_000_000)

    if args.load is not None:  # the load generator process
        result = asyncio.run(_load(args.load, args.duration, args.connections, args.max_requests))
        args.out.write_text(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="paved-bench-") as tmp:
        workdir = Path(tmp)
        steady = _run(workdir, "steady", args, kill_after=None)
        print(f"store: {'PostgreSQL' if args.postgres else 'SQLite'}")
        print(
            f"steady load ({args.connections} connections, {steady['elapsed_s']} s): "
            f"{steady['rps']} req/s acknowledged, p50 {steady['p50_ms']} ms, "
            f"p95 {steady['p95_ms']} ms; {steady['acknowledged']} acknowledged, "
            f"{steady['missing']} missing, {steady['merged']} of them comments merged into "
            f"an earlier 👎 (200), {steady['errors']} connection errors, "
            f"{steady['other_status']} other statuses"
        )
        ok = steady["missing"] == 0 and steady["other_status"] == 0
        if not args.no_kill_run:
            killed = _run(workdir, "kill9", args, kill_after=args.duration / 2)
            print(
                f"kill -9 at {args.duration / 2:.1f} s: {killed['acknowledged']} acknowledged "
                f"({killed['distinct_ids']} distinct ids) before the kill, "
                f"{killed['missing_after_restart']} missing after restart "
                f"({killed['stored_rows']} rows stored; a row stored but never acknowledged "
                "is allowed)"
            )
            ok = ok and killed["missing_after_restart"] == 0
        rps = float(steady["rps"])  # type: ignore[arg-type]
        print(f"target ≥ {TARGET_RPS} req/s: {'met' if rps >= TARGET_RPS else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
