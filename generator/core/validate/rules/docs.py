"""Hand-written docs pages: a title people can find and a real review date."""

from __future__ import annotations

from paved.generator.core.codes import diagnostic
from paved.generator.core.diagnostics import Diagnostic
from paved.generator.core.validate.context import Context
from paved.generator.core.validate.inputs import DOC
from paved.generator.core.validate.schema import is_date

#: The inputs ``check`` reads (``validate.inputs``): enforced, and the cache keeps its
#: findings while none of them changed.
READS = frozenset({DOC})


def check(ctx: Context) -> list[Diagnostic]:
    out = []
    for doc in ctx.loaded.docs:
        review = doc.front_matter.get("review_by")
        if review is not None and not is_date(review):
            out.append(
                diagnostic(
                    "DOC401", doc.locate(("review_by",)), f"review_by '{review}' is not a date"
                )
            )
        title = doc.front_matter.get("title")
        if not (isinstance(title, str) and title.strip()) and not doc.title:
            out.append(diagnostic("DOC402", doc.locate(()), "page has no title"))
    return out
