"""The repository as it was at the base of a pull request, read from git objects.

The work tree is never touched (no checkout, no stash): ``git archive`` writes the base
commit's ``wids/``, ``adrs/`` and ``custodians/`` into a temporary directory, and the
same loaders that read the work tree read that directory. ``tarfile``'s ``data`` filter
refuses absolute paths, ``..`` and links that leave the directory, and the loaders' own
rules (bounded sizes, symbolic links kept inside the root) apply as for any checkout.

Every failure is a ``BaseRefError`` carrying what went wrong and how to fix it; git
itself never prints a traceback at the user.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

#: The folders the model is built from (``docs/`` is not part of what ``diff`` compares).
MODEL_FOLDERS = ("wids", "adrs", "custodians")

_GIT_TIMEOUT_S = 120
#: A commit message is bounded like any other contributed text.
_MAX_LOG_BYTES = 4_000_000


class BaseRefError(Exception):
    """The base of the comparison cannot be read; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    subject: str
    message: str


@dataclass(frozen=True, slots=True)
class Base:
    """The resolved base: its commit, the ref it came from and the repository prefix of
    the folder being compared (``""`` at the top of the repository)."""

    ref: str
    sha: str
    prefix: str


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run git in ``root`` and return stdout; ``BaseRefError`` when git is missing, or
    (``check``) when it fails."""
    command = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args]
    try:
        done = subprocess.run(  # noqa: S603 - fixed git argv, no shell
            command, cwd=root, capture_output=True, check=False, timeout=_GIT_TIMEOUT_S
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise BaseRefError(
            f"could not run git: {error}", "Install git and run paved diff inside a checkout."
        ) from None
    if check and done.returncode != 0:
        detail = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise BaseRefError(
            f"git {args[0]} failed: {detail[-1] if detail else 'exit ' + str(done.returncode)}",
            "Run paved diff inside a git checkout of the repository.",
        )
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else ""


def default_base_ref(root: Path, environ: dict[str, str] | None = None) -> str:
    """The ref to compare with when none is given: the pull request's base branch in
    GitHub Actions (``GITHUB_BASE_REF``), else the remote's default branch, else a local
    ``main`` or ``master``."""
    env = os.environ if environ is None else environ
    pr_base = env.get("GITHUB_BASE_REF", "").strip()
    if pr_base:
        return f"origin/{pr_base}"
    require_checkout(root)
    remote_head = git(root, "symbolic-ref", "-q", "refs/remotes/origin/HEAD", check=False).strip()
    if remote_head:
        return remote_head.removeprefix("refs/remotes/")
    for candidate in ("origin/main", "origin/master", "main", "master"):
        if git(root, "rev-parse", "-q", "--verify", f"{candidate}^{{commit}}", check=False):
            return candidate
    if git(root, "rev-parse", "--is-shallow-repository", check=False).strip() == "true":
        raise BaseRefError(
            "no default branch found to compare with in this shallow clone",
            "Fetch the whole history: git fetch --unshallow origin (in GitHub Actions: "
            "actions/checkout with fetch-depth: 0), or name the base: paved diff --base <ref>.",
        )
    raise BaseRefError(
        "no default branch found to compare with (no origin/HEAD, main or master)",
        "Name the base: paved diff --base <branch or commit>.",
    )


def require_checkout(root: Path) -> None:
    """``BaseRefError`` unless ``root`` is inside a git work tree: said first, so a
    folder outside git is not reported as a missing branch or ref."""
    inside = git(root, "rev-parse", "--is-inside-work-tree", check=False).strip()
    if inside != "true":
        raise BaseRefError(
            f"{root} is not inside a git checkout",
            "paved diff compares with git history: run it in a clone of the repository.",
        )


def resolve_base(root: Path, ref: str, *, merge_base: bool = True) -> Base:
    """The commit to compare with: the merge base of ``ref`` and ``HEAD`` (what the
    pull request changes), or ``ref`` itself when ``merge_base`` is false."""
    require_checkout(root)
    shallow = git(root, "rev-parse", "--is-shallow-repository", check=False).strip() == "true"
    sha = git(root, "rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False).strip()
    if not sha:
        if shallow:
            raise BaseRefError(
                f"the base {ref!r} is not in this shallow clone",
                "Fetch the whole history: git fetch --unshallow origin (in GitHub Actions: "
                "actions/checkout with fetch-depth: 0).",
            )
        raise BaseRefError(
            f"the base {ref!r} does not exist in this repository",
            "Name an existing branch, tag or commit: paved diff --base origin/main "
            "(run git fetch first if the branch is on the remote only).",
        )
    if merge_base:
        found = git(root, "merge-base", sha, "HEAD", check=False).strip()
        if not found:
            if shallow:
                raise BaseRefError(
                    f"the merge base of {ref!r} and HEAD is not in this shallow clone",
                    "Fetch the whole history: git fetch --unshallow origin (in GitHub "
                    "Actions: actions/checkout with fetch-depth: 0).",
                )
            raise BaseRefError(
                f"{ref!r} and HEAD have no common history",
                "Compare with a branch this one was made from, or pass --no-merge-base.",
            )
        sha = found
    prefix = git(root, "rev-parse", "--show-prefix").strip()
    return Base(ref=ref, sha=sha, prefix=prefix)


def head_sha(root: Path) -> str:
    return git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}", check=False).strip()


def extract(root: Path, base: Base, into: Path, *, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Write the base's model folders (but those in ``skip``) under ``into/tree``; return
    the folders that existed at the base, written or not (a base from before the
    catalogue existed simply has no ``custodians``)."""
    tree = f"{base.sha}:{base.prefix}" if base.prefix else base.sha
    listing = git(root, "ls-tree", "--name-only", tree, check=False)
    present = tuple(name for name in MODEL_FOLDERS if name in listing.splitlines())
    wanted = tuple(name for name in present if name not in skip)
    if not wanted:
        (into / "tree").mkdir(exist_ok=True)
        return present
    archive = into / "base.tar"
    with archive.open("wb") as out:
        try:
            done = subprocess.run(  # noqa: S603 - fixed git argv, no shell
                ["git", "archive", "--format=tar", tree, "--", *wanted],  # noqa: S607
                cwd=root,
                stdout=out,
                stderr=subprocess.PIPE,
                check=False,
                timeout=_GIT_TIMEOUT_S,
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise BaseRefError(f"git archive failed: {error}", "Check the git install.") from None
    if done.returncode != 0:
        raise BaseRefError(
            f"could not read the base {base.ref!r} from git: "
            f"{done.stderr.decode('utf-8', errors='replace').strip()}",
            "Fetch the whole history (git fetch --unshallow) and try again.",
        )
    tree_dir = into / "tree"
    tree_dir.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(tree_dir, filter="data")
    archive.unlink()
    return present


def changed_paths(root: Path, base_sha: str) -> set[str] | None:
    """Paths under the model folders (relative to ``root``) that differ between the base
    commit and the work tree; ``None`` when git cannot say (then nothing is reused)."""
    try:
        out = git(
            root,
            "diff",
            "--name-only",
            "--no-renames",
            "--relative",
            base_sha,
            "--",
            *MODEL_FOLDERS,
        )
    except BaseRefError:
        return None
    return {line for line in out.splitlines() if line}


def commits_in_range(root: Path, base_sha: str) -> tuple[Commit, ...]:
    """The commits of the pull request (``base..HEAD``), newest first, with full messages."""
    # NUL between fields and commits: a message may hold any other character (the ASCII
    # separators once let one message add a commit of its own, with another hash).
    out = git(root, "log", "-z", "--format=%H%x00%s%x00%B", f"{base_sha}..HEAD", check=False)
    fields = out[:_MAX_LOG_BYTES].split("\0")
    commits: list[Commit] = []
    for i in range(0, len(fields) - 2, 3):
        sha, subject, message = fields[i : i + 3]
        if sha.strip():
            commits.append(Commit(sha=sha.strip(), subject=subject.strip(), message=message))
    return tuple(commits)
