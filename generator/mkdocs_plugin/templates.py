"""The theme's templates run in Jinja's sandbox.

The theme overrides (``theme.custom_dir``) reach the repository by pull request like any
other file, and MkDocs renders them with a plain Jinja environment, in which a template
reaches Python itself: ``{{ cycler.__init__.__globals__.os.popen("...").read() }}`` in
``overrides/main.html`` ran a command on the machine of whoever built or previewed the
branch, as a ``hooks:`` entry would (refused unless the configuration is trusted). The
sandbox refuses attributes starting with ``_`` and Python's internal ones, which is all
such a template needs; Material's templates and Paved's overrides use none of them.
"""

from __future__ import annotations

from jinja2 import Environment, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, safe_range


def sandbox(env: Environment) -> Environment:
    """``env`` made a :class:`~jinja2.sandbox.SandboxedEnvironment` in place (MkDocs and
    other plugins keep references to it), its compiled templates dropped so that each is
    compiled again with the sandbox's checks on calls."""
    if env.sandboxed:
        return env
    env.__class__ = SandboxedEnvironment
    assert isinstance(env, SandboxedEnvironment)
    env.globals["range"] = safe_range
    env.binop_table = dict(SandboxedEnvironment.default_binop_table)
    env.unop_table = dict(SandboxedEnvironment.default_unop_table)
    if env.cache is not None:
        env.cache.clear()
    return env


def template_problem(error: TemplateError) -> str:
    """What to tell the person building when a theme template fails: which template and
    line when Jinja knows them, what is wrong, and where to look."""
    where = ""
    if isinstance(error, TemplateSyntaxError):
        where = f" ({error.filename or error.name}, line {error.lineno})"
    text = str(error.message or error)[:300].rstrip(".")
    return (
        f"a theme template could not be rendered{where}: {text}. Templates in the theme "
        "overrides (theme.custom_dir) may not reach Python's internals (names starting "
        "with '_'); fix or remove the template."
    )
