"""How common a word is in general English, beside how rare it is in the portal.

A word's weight in a question comes from the index (IDF): a word few sections hold is
what the asker needs. That misjudges everyday words the docs happen not to use: "held"
in "when are office hours held", "instead", "mean", "right now" are rare in the portal
and would outweigh everything else asked, so a question the docs answer is declined
because of its verb. Such words are frequent in English at large; an off-topic noun the
portal lacks ("salary", "parking", "lunch") is not, and must still sink the coverage.

The frequencies are wordfreq's (a maintained PyPI package, many sources: subtitles,
news, books, the web), on the Zipf scale: log10 of the occurrences per billion words,
so "the" is about 7.7, "held" 5.2, "lunch" 4.7, "churn" 3.1. Its small English list is
read once per process (0.2 s).
"""

from __future__ import annotations

import functools

# Words more frequent than this in English are everyday words (held 5.2, instead 5.2,
# mean 5.5, new 6.3); off-topic nouns a question may ask about sit below (lunch 4.7,
# salary 4.4, parking 4.5).
EVERYDAY_ZIPF = 4.8
# ... and from this frequency on a word weighs no more than EVERYDAY_SHARE of the weight
# of the rarest word of the index (on the Halden example, that of a word in a third of
# the sections). Between the two frequencies the cap falls linearly.
COMMONEST_ZIPF = 5.5
EVERYDAY_SHARE = 0.15


@functools.cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="small")


def load() -> None:
    """Read the frequency list now rather than on the first question."""
    _frequencies()


@functools.lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """The Zipf frequency of ``word`` in English (0.0 for a word the list lacks)."""
    import math

    share = _frequencies().get(word.lower(), 0.0)
    return round(math.log10(share) + 9.0, 2) if share > 0 else 0.0


def capped(word: str, weight: float, top: float) -> float:
    """``weight`` (an IDF, at most ``top``), capped for an everyday English word: a
    word as frequent as EVERYDAY_ZIPF keeps up to ``top``, one as frequent as
    COMMONEST_ZIPF or more weighs at most EVERYDAY_SHARE of ``top``. Phrases, names with
    digits and words the list lacks are kept."""
    if " " in word or not word.isalpha():
        return weight
    frequency = zipf(word)
    if frequency < EVERYDAY_ZIPF:
        return weight
    share = min(1.0, (frequency - EVERYDAY_ZIPF) / (COMMONEST_ZIPF - EVERYDAY_ZIPF))
    return min(weight, top * (1.0 - share * (1.0 - EVERYDAY_SHARE)))
