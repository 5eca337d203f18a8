"""Small text helpers shared by the answer builders: content words, snippets, names."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one block of text (long lists stay readable)."""
    return frozenset(text.split())


# Words that say nothing about what is asked. Question words go too: the intent
# patterns read them before they are dropped.
STOPWORDS = word_set(
    """
    a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing done down during each few for from
    further get gets getting got had has have having he her here hers him his how i if in
    into is it its itself just me might more most must my myself no nor not now of off on
    once only or other our ours out over own please same shall she should so some such
    tell than that the their theirs them then there these they this those through to too
    under until up us very want was we were what when where which while who whom whose why
    will with would you your yours anyone anybody someone somebody something thing things
    know let lets like need needs use used using way ways hi hello thanks thank currently
    still ever actually really another anything everything somewhere whatever
    """
)
# How people pad a question in chat ("just", "even", "roughly", "stuff", "a whole WID"):
# words that say how it is asked, not what. Left in, they count as parts of the question
# no section answers, and a right answer is declined.
FILLERS = word_set(
    """
    just even basically roughly somehow stuff kind sort folks guys lingo anyway anyways
    whole proper straight specific always never yet else around exactly literally okay
    ok hey pls plz btw etc hmm quick quickly simply simple tiny little bit lot lots
    whats whos wheres hows arent isnt dont doesnt cant wont didnt im ive id thats theres
    go goes going gone come comes came get gets got getting take takes took make makes
    made thing things anything something someone anyone everyone somebody people
    supposed able possible probably maybe perhaps sure certain usually normally
    bother bothering one off stand stands originally initially eventually
    rather reasoning rationale contain contains containing
    wasnt werent hasnt havent hadnt shouldnt wouldnt couldnt mustnt neednt shant aint
    """
)
# What a docs portal is made of ("follow the getting-started guide", "the access page",
# "is there a doc on X"): every answer is in a page or a guide, so the words name no
# part of what is asked.
DOCUMENT_WORDS = word_set("guide guides page pages doc docs documentation article articles wiki")
STOPWORDS = STOPWORDS | FILLERS | DOCUMENT_WORDS

_CLITIC = re.compile(r"'(?:s|t|re|ve|ll|d|m)\b")
# "don't", "didn't", "isn't": the negated auxiliary as one word ("dont", a filler), not
# its stem ("don", "didn") left behind once the clitic goes, which the index never holds
# and so weighs as the rarest word asked.
_NEGATED = re.compile(r"n't\b")
_WORD = re.compile(r"[\w][\w.\-/]*[\w]|[\w]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(])")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case with ``.``, ``_``, ``-`` and ``/`` as spaces: ``webshop.order_lines`` and
    "web shop order lines" compare as words; so is punctuation after a word ("the
    material master, which ..." names the material master)."""
    return _SPACES.sub(" ", re.sub(r"[._\-/,;:?!()\"]+", " ", text.lower())).strip()


def content_words(text: str, *, drop: frozenset[str] = frozenset()) -> list[str]:
    """The words of ``text`` that carry meaning, in order, without repeats."""
    found: list[str] = []
    # "what's", "can't", "who's": the clitic is not a word of its own.
    # Underscores separate words ("web_shop_orders"), as in the index.
    plain = _NEGATED.sub("nt", text.lower().replace("’", "'"))
    for word in re.findall(r"[^\W_]+", _CLITIC.sub("", plain)):
        if word in STOPWORDS or word in drop or word in found:
            continue
        found.append(word)
    return found


def snippet(text: str, *, sentences: int = 2, limit: int = 320) -> str:
    """The first sentences of a section, cut at a word boundary when too long."""
    text = _SPACES.sub(" ", text).strip()
    parts = _SENTENCE_END.split(text)
    picked = " ".join(parts[:sentences]).strip()
    if len(picked) <= limit:
        return picked
    cut = picked[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


# An adverb between the interrogative and its verb ("what actually counts", "who really
# approves", "how exactly do I") and "counts as" for "is": the frame as the patterns that
# read a question's kind expect it.
_HEDGED = re.compile(
    r"\b(what|who|how|where|when|which|why)\s+(actually|exactly|really|precisely|even|"
    r"currently|usually|typically|generally|basically|normally)\b"
)
_COUNTS_AS = re.compile(r"\b(what|which)\s+(counts|count|qualifies|qualify)\s+as\b")


def plain_frame(lowered: str) -> str:
    """``lowered`` with the hedges of its question frame taken out: "what actually
    counts as a purpose" → "what is a purpose"."""
    return _COUNTS_AS.sub(r"\1 is", _HEDGED.sub(r"\1", lowered))


# Chat shorthand for an everyday word ("office hrs - when n where", "for new ppl", "cancelled
# bc of the holiday", "rn"): read as the word it stands for, so the intent patterns, the
# fillers and the time words see what was meant. A shorthand the index held as a word
# would otherwise be matched as a rare word ("hrs" is a column's unit), and one it does
# not hold would weigh as the rarest word asked. Only shorthand that is no word of its
# own in a question about data ("hr" is the HR system, "min" a minimum, "sec" security).
SHORTHAND = {
    "hrs": "hours",
    "mins": "minutes",
    "wks": "weeks",
    "yrs": "years",
    "ppl": "people",
    "bc": "because",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
    "thru": "through",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "rn": "right now",
    "atm": "at the moment",
    "smth": "something",
    "sth": "something",
    "abt": "about",
    "u": "you",
    "ur": "your",
    "w/": "with",
    "w/o": "without",
    "b4": "before",
    "msg": "message",
    "thx": "thanks",
    "ty": "thanks",
    "pls": "please",
    "plz": "please",
    # Clipped words of office chat ("the store sales perf product", "the finance dept").
    "perf": "performance",
    "mgmt": "management",
    "dept": "department",
    "approx": "approximately",
}
_SHORTHAND = re.compile(
    r"(?<![\w/])("
    + "|".join(re.escape(k) for k in sorted(SHORTHAND, key=len, reverse=True))
    + r")(?![\w/])",
    re.IGNORECASE,
)
# "when n where", "hints n tips": a lone "n" between two words is "and" (not "top n", nor
# "n rows").
_LONE_N = re.compile(
    r"\b(?!(?:top|first|last|the|every|each|any|of|to|by|for|over|with|and|or)\b)"
    r"(?P<before>[a-z]+) n (?=[a-z]{2})",
    re.IGNORECASE,
)


def expand_shorthand(text: str) -> str:
    """``text`` with chat shorthand written out: "office hrs - when n where?" → "office
    hours - when and where?"."""
    text = _LONE_N.sub(lambda m: f"{m.group('before')} and ", text)
    return _SHORTHAND.sub(lambda m: SHORTHAND[m.group(1).lower()], text)
