"""Work shared with forked children while ``paved build`` starts.

Everything before MkDocs' page loop runs in one process (validation, the model,
``render_site``), so on two cores it counts in full in the build's time. ``Meanwhile``
(``core.forked``) gives one piece of that work to a forked child while this process goes on with the
rest, and reads the child's value back through a pipe when it needs it: the same value
(the work is a pure function of what the fork copies), so the same site. ``halves``
splits a list's work with such a child: on a large portal the 10,000 dataset pages were
the biggest part of the start (a third of the plugin's ``on_config``, profiled:
``benchmarks/README.md``, round 7).

If the child cannot be forked, fails or dies, this process does the work itself when
it needs the value: an error is then raised here, with its traceback, as without the
child.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from paved.generator.core.forked import Meanwhile, can_fork, usable_cpus

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Fewer items than this are rendered here: a fork costs a few milliseconds and the
#: pages come back through a pipe; 500 dataset pages render in about a quarter second.
MIN_ITEMS = 500


def can_split(jobs: int) -> bool:
    """Whether a build asking for ``jobs`` processes (0: one per CPU) may fork a child
    for the start's work: more than one allowed, and more than one CPU to run on."""
    return jobs != 1 and usable_cpus() > 1 and can_fork()


def halves(work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]) -> list[Result]:
    """``work(items)``, the second half computed by a forked child meanwhile."""
    if len(items) < MIN_ITEMS:
        return work(items)
    middle = len(items) // 2
    with Meanwhile(lambda: work(items[middle:])) as second:
        first = work(items[:middle])
        return [*first, *second.result()]
