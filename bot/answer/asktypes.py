"""What kind of answer a question wants, and which headings promise that kind.

Docs written as FAQs head each section with the question it answers: "Who is on call",
"When does the community meet", "How long does approval take", "Which channel should I
use". A question's own interrogative says what kind of answer it wants (a person, a time,
a place, a reason, an amount, a choice among things); a section whose heading asks the
same kind of question is more likely to answer it than one that merely shares its words
("who gets paged when the load breaks" is answered under "Who is on call", not under
"What does the platform monitor"). This is the answer-type matching of classic question
answering, read from the wording of both sides with the same patterns.

Each clause is read from its start ("just joined, where do I start?" asks "where"),
so a "when" in the middle of "who gets paged when the load breaks" is a conjunction,
not a question.
"""

from __future__ import annotations

import re

from paved.bot.answer.clauses import LEAD
from paved.bot.answer.text import plain_frame

# "What was the reasoning for X", "what's the rationale behind X": a "why" asked with a noun.
_REASONING = (
    r"(what|what's|whats|what is|what was|what were|what are)\s+(the|our)\s+"
    r"(reasoning|rationale|reasons?|motivation|justification|thinking)"
    r"(?=\s+(for|behind|of|to|that|why|there|here)\b|\W*$)"
)
# (type, pattern at the start of a clause). Order matters only for readability: a clause
# may have several types ("when and where are office hours").
_STARTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("duration", re.compile(r"^how (long|fast|soon|quickly)\b")),
    ("frequency", re.compile(r"^how often\b")),
    ("count", re.compile(r"^how (many|much|big|old)\b")),
    ("who", re.compile(r"^(who|whom|whose|whos)\b")),
    ("when", re.compile(r"^(when|what time|what date|which day|what day)\b")),
    ("where", re.compile(r"^where\b")),
    ("why", re.compile(rf"^why\b|^{_REASONING}")),
    ("which", re.compile(r"^(which|what (kind|kinds|type|types|sort|format|formats))\b")),
    ("happens", re.compile(r"^what happens\b")),
    ("define", re.compile(r"^(what('s| is| are| does)|whats)\b")),
    (
        "how",
        re.compile(
            r"^how (do|does|can|could|should|would|to|is|are|may|will)\b"
            r"|^(what'?s|whats|what is|what are) the (process|procedure|steps|workflow)\b"
        ),
    ),
    ("may", re.compile(r"^(can|may|could|should|must|do|am) (i|we)\b|^is it (ok|allowed)\b")),
    # "Is the scorecard visible to dealers", "does the load stop": a yes or a no.
    (
        "whether",
        re.compile(r"^(?!(is|are) there\b)(is|are|does|do|did|will|has|have|was|were|can|could)\b"),
    ),
    # "Is there a template": whether a thing exists, something else than a follow-up's yes.
    ("exists", re.compile(r"^(is|are) there\b")),
)
# Service levels and targets: "what's the SLA for X", "uptime of X?", "X's availability
# target". The answer is a figure stated for X (a percentage, a duration, a time of day),
# not any table of figures that shares X's words.
LEVEL_WORDS = (
    r"slas?|slos?|sla's|uptime|availability|latency|response times?|resolution times?|"
    r"error rates?|failure rates?|success rates?"
)
_TARGET = r"(\s+(target|guarantee|commitment|promise)s?)?"
_LEVEL = re.compile(
    # "What SLA do we have on X", "which uptime is promised for X"
    rf"^(what|which)\s+({LEVEL_WORDS})\b"
    rf"|^((what'?s|whats|what is|what are|what was|what were|is there|are there|do we have|"
    rf"does \S+( \S+)? have)\s+)?(an?\s+|the\s+|our\s+|its\s+|any\s+)?"
    # ... "of X" after the level, or X before it ("the SQL endpoint's uptime"); a level
    # asked of nothing ("what is an SLA") asks what the word means, but "what's the
    # uptime" asks the figure.
    rf"(([\w'-]+\s+){{0,3}}?({LEVEL_WORDS})\b{_TARGET}"
    rf"\s+(of|for|on|this|last|in|during|over|if|when)\b"
    rf"|((?!(an?|the|is|are|what'?s?|whats)\b)[\w'-]+\s+){{1,3}}?({LEVEL_WORDS})\b{_TARGET}"
    r"(\s+(roughly|approximately|exactly|please|pls))?\W*$)"
    rf"|^(what'?s|whats|what is|what was)\s+(the|our)\s+({LEVEL_WORDS})\b{_TARGET}\W*$"
)
AMOUNTS = frozenset({"duration", "frequency", "count"})


# Words before a level that say which figure, not of what: "the end to end latency".
_LEVEL_MODIFIERS = (
    r"(end[ -]to[ -]end|average|typical|expected|current|overall|total|usual|normal|"
    r"guaranteed|promised|target|minimum|maximum|max|min|p\d\d|monthly|weekly|daily|yearly)\b"
)
_LEVEL_OF = (
    # "the SLA for the dealer portal", "the uptime target of the launch"
    re.compile(
        rf"\b({LEVEL_WORDS})\b{_TARGET}(\s+(do|does|did|is|are|was|we|you|they|have|has|"
        rf"got|promised|agreed|guaranteed|given)){{0,4}}\s+(of|for|on|if|when)\s+(?P<of>[^,;:?!()]+)"
    ),
    # "the endpoint's uptime"
    re.compile(rf"(?P<of>[\w-]+(\s+[\w-]+){{0,2}})'s\s+({LEVEL_WORDS})\b"),
    # "what's the SQL endpoint uptime": the words between the article and the level.
    re.compile(
        rf"^\W*(what'?s|whats|what is|what was|what are)\s+(the\s+|its\s+)?"
        rf"(?!{_LEVEL_MODIFIERS})(?P<of>(?!(the|its|our|my|your|an?)\b)[\w-]+(\s+[\w-]+){{0,2}}?)"
        rf"\s+({LEVEL_WORDS})\b"
    ),
)


def level_subject(text: str) -> str:
    """What a level is asked of: "the dealer portal" of "what's the SLA for the dealer
    portal", "the endpoint" of "the endpoint's uptime"; "" when the question names none
    apart from the level ("whats the end to end latency roughly")."""
    lowered = plain_frame(text.lower().replace("’", "'"))
    for pattern in _LEVEL_OF:
        found = pattern.search(lowered)
        if found is not None:
            return found.group("of").strip()
    return ""


# How a question is put rather than what it asks for: a yes or a no, a thing's existence.
_HOW_ASKED = frozenset({"whether", "exists"})
# "When and where are office hours": interrogatives coordinated at the start.
_COORDINATED = re.compile(r"^(who|when|where|why|how) and (who|when|where|why|how)\b")
# Clauses of a chat message: "just joined, where do I start? who do I ask".
# "What alerts go off and who receives them": an "and" before an interrogative starts a
# clause of its own.
_CLAUSES = re.compile(
    r"[,;?!:()]|\s[-–—]\s|\.\s"
    r"|\s(?:and|or)\s(?=(?:who|whom|whose|when|where|how|which|do|does|is|are|can)\b)"
)
# Words people put before the question proper: "so, ok, hey, quick question:".
# Chat lead-ins before the interrogative ("hey", "quick question:", "roughly how long"):
# the clauses' own list, so a question's type is read where its questions are found.
_LEAD = LEAD
_SPACES = re.compile(r"\s+")


# A terse question asks with its last word: "office hours when?", "ADR approval who?".
_ASKED_LAST = re.compile(r"\b(when|where|who|why|how long|how often|how many|how much)\W*$")
# A reason asked in a clause's second half: "when did we decide X and what was the
# reasoning", "what was considered and why was it rejected".
_AND_WHY = re.compile(rf"\band (why\b|{_REASONING})")


def types_of(text: str) -> frozenset[str]:
    """The answer types ``text`` asks for (or, for a heading, promises), from the start
    of each of its clauses, or from its last word when it asks with that."""
    found: set[str] = set()
    lowered = plain_frame(text.lower().replace("’", "'"))
    if _AND_WHY.search(lowered):
        found.add("why")
    last = _ASKED_LAST.search(lowered)
    if last is not None and last.start() > 0:
        found.update(_types_at(last.group(1)))
    for clause in _CLAUSES.split(lowered):
        clause = _LEAD.sub("", _SPACES.sub(" ", clause).strip())
        if not clause:
            continue
        coordinated = _COORDINATED.match(clause)
        if coordinated:
            for word in coordinated.groups():
                found.update(_types_at(word))
        kinds = _types_at(clause)
        if found and "exists" in kinds:
            # "Who reads X, is there a report on top of it": a follow-up about the same
            # thing; an existence asked first ("is there a template, and who approves
            # it") is a question of its own.
            kinds.discard("exists")
        found.update(kinds)
    return frozenset(found)


def _types_at(clause: str) -> set[str]:
    found = {name for name, pattern in _STARTS if pattern.match(clause)}
    if _LEVEL.match(clause):
        # "What's the SLA for the dealer portal": a level, not a definition of "SLA".
        found = (found - {"define", "exists", "whether"}) | {"level"}
    # "How long" asks for an amount, not a how-to; "what happens" is not a definition.
    if found & AMOUNTS:
        found.discard("how")
    if found & {"happens", "which", "how", "why"}:
        found.discard("define")
    if "may" in found:
        found.discard("whether")  # "can I": a rule, which the "may" kind already reads
    return found


def agree(asked: frozenset[str], promised: frozenset[str]) -> bool:
    """Whether a heading promising ``promised`` answers a question asking ``asked``. A
    bare "how do I" is everywhere in how-to docs, so it agrees only when the question
    asks nothing more specific."""
    # A yes-or-no is how a question is put, not what it is about: "is there a template"
    # agrees with a heading by what else both ask.
    asked, promised = asked - _HOW_ASKED, promised - _HOW_ASKED
    shared = asked & promised
    if not shared:
        return False
    return shared != {"how"} or asked == {"how"}


# What a passage answering a "who" question names: a role, a team or a person.
_ROLES = re.compile(
    r"\b(custodians?|owners?|architects?|engineers?|teams?|leads?|stewards?|reviewers?|"
    r"approvers?|makers?|managers?|analysts?|on-call|on call|contacts?|experts?|committee|"
    r"board|guilds?|rotation)\b|@[\w.-]+",
    re.IGNORECASE,
)
# ... to a "how long": a number of some unit of time; "how often": a frequency; "how
# many": a number; "when": a day, a time or a date.
_NUMBER = (
    r"(\d+(\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|"
    r"twenty|thirty|forty|sixty|a few|several)"
)
_DURATION = re.compile(
    rf"\b{_NUMBER}[\s-]+(working |business )?(seconds?|minutes?|hours?|days?|weeks?|"
    r"months?|years?)\b|\bP\d+[YMWD]\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"\b(daily|weekly|monthly|hourly|nightly|yearly|quarterly|real[- ]time|every|"
    r"once (a|an|per|every)|twice|each (day|week|month|night))\b",
    re.IGNORECASE,
)
_COUNT = re.compile(rf"\d|\b{_NUMBER}\b", re.IGNORECASE)
_WHEN = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"weekdays?|morning|evening|noon|midnight|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|first|last|every)\b|\b\d{4}-\d{2}",
    re.IGNORECASE,
)
# ... to a "why": a reason, or what a choice was weighed against.
_REASON = re.compile(
    r"\b(because|so that|in order to|to avoid|to keep|to make|reasons?|drivers?|"
    r"otherwise|the point is|motivat\w+|trade-?offs?)\b",
    re.IGNORECASE,
)
# ... to a service level: a percentage, a duration or a time of day.
# (a time of day alone, "refreshed at 07:00", is a schedule, not a service level)
_LEVEL_FIGURE = re.compile(rf"\d(\.\d+)?\s*(%|percent\b)|{_DURATION.pattern}", re.IGNORECASE)
_TYPED = (
    ("level", _LEVEL_FIGURE),
    ("duration", _DURATION),
    ("frequency", _FREQUENCY),
    ("count", _COUNT),
    ("when", _WHEN),
    ("why", _REASON),
)


_RECOGNISABLE = frozenset({"who", "when", "why", "level", *AMOUNTS})


def recognisable(types: frozenset[str]) -> bool:
    """Whether ``holds_answer`` can recognise an answer to a question of ``types``."""
    return bool(types & _RECOGNISABLE)


def required(types: frozenset[str]) -> bool:
    """Whether a passage must hold the kind of fact ``types`` asks for to answer at all:
    every clause asks for a recognisable kind ("who approves it", "how long does it
    take"). A message also asking something else ("who approves it? can anyone merge
    one") may be answered by a passage that holds no person."""
    return recognisable(types) and types - {"whether"} <= _RECOGNISABLE


# What a passage answering "how do I" says: a step to take, written as an instruction
# ("Open a pull request", "Ask the lead custodian", "Run paved validate"), what "you"
# do, or the command to run. A description of what something is ("A contract is the
# promise ...") states no step, however many of the question's words it shares.
_STEP_VERBS = (
    r"add|apply|ask|book|build|call|change|check|choose|clone|commit|connect|contact|copy|"
    r"create|declare|define|delete|describe|drop|edit|email|e-mail|file|fill|follow|"
    r"generate|give|go|grant|install|join|label|list|log|mail|mark|merge|message|move|name|"
    r"note|open|page|pick|post|push|put|raise|read|record|register|remove|rename|request|"
    r"review|run|save|send|set|sign|start|submit|subscribe|tag|talk|tell|type|update|"
    r"upload|use|write"
)
_STEP = re.compile(
    rf"^\W*({_STEP_VERBS})\b"  # an instruction
    rf"|\byou (can |may |should |must |then |first )?({_STEP_VERBS})\b"  # what you do
    r"|\b(pull request|merge request|paved \w+|ticket|form|command)\b"
    r"|`[^`]+`",
    re.IGNORECASE,
)
# ... "where": a place a reader can go to: a link, a host, a path, a Slack channel, a
# page, sheet, folder or repository, a store of data.
_PLACE = re.compile(
    r"https?://|\b[\w-]+(\.[\w-]+)+\.(example|com|org|net|io|no)\b|(^|\s)#[\w-]+"
    r"|\b[\w.-]+/[\w./{}-]*"
    r"|\b(page|sheet|folder|directory|repository|repo|channel|drive|bucket|storage|"
    r"server|endpoint|portal|site|wiki|workbook|dashboard|catalogue|catalog|vault|"
    r"share|inbox|room|floor|building|office|desk|reception|shelf|cupboard|locker|"
    r"noticeboard)\b",
    re.IGNORECASE,
)
# ... "may I", "can we": a rule, a permission or what is required.
_RULE = re.compile(
    r"\b(must|may|may not|can|cannot|can't|only|never|always|allowed|not allowed|"
    r"permitted|forbidden|required|requires?|need|needs|no need|do not|don't|without|"
    r"approval|approved|granted|yes|no)\b",
    re.IGNORECASE,
)
# Kinds a passage is preferred for but never required to hold: a how-to is answered by
# prose around its steps too, and a rule may be stated without a modal verb.
_SOFT = (("how", _STEP), ("where", _PLACE), ("may", _RULE), ("whether", _RULE))
SOFT = frozenset(kind for kind, _ in _SOFT)


def preferable(types: frozenset[str]) -> bool:
    """Whether ``holds_answer`` can tell a passage holding the kind of answer ``types``
    asks for, as a preference (``SOFT``) or as a requirement (``recognisable``)."""
    return recognisable(types) or bool(types & SOFT)


def holds_answer(types: frozenset[str], text: str, people: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` holds what a question of ``types`` asks for (a role or one of
    ``people`` for "who", a duration for "how long", a day or a time for "when"...);
    True when the types ask for nothing that can be recognised. The soft kinds (a step
    for "how do I", a place for "where", a rule for "may I") are read only when the
    question asks for no recognisable kind: "who approves it, how do I ask" wants the
    person."""
    checks = []
    if "who" in types:
        lowered = text.lower()
        checks.append(bool(_ROLES.search(text)) or any(p in lowered for p in people))
    checks.extend(bool(pattern.search(text)) for kind, pattern in _TYPED if kind in types)
    if not checks:
        checks.extend(bool(pattern.search(text)) for kind, pattern in _SOFT if kind in types)
    return any(checks) if checks else True


# A number of people: "12 members", "about forty people", "3 data engineers".
_HEADS = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|dozens?|hundreds)\s+([\w-]+\s+){0,2}(people|persons|employees|members|staff|folks|"
    r"attendees|participants|engineers|analysts|users|colleagues|ftes?)\b",
    re.IGNORECASE,
)


def counts_heads(text: str) -> bool:
    """Whether ``text`` states a number of people: what answers "how many people" (a
    passage with other numbers, "meets every month", "2 guilds", does not)."""
    return bool(_HEADS.search(text))


# A number, not a time of day ("05:00" says when, not how much).
_FIGURE = r"((?<![\d:])\d[\d.,]*(?![\d:])\s*(%|k|m|bn|million|thousand)?|[€$£]\s*\d)"


def states_figure_of(text: str, measure: str) -> bool:
    """Whether ``text`` states a figure of ``measure`` ("sales of 1.2 million", "OEE was
    81 %", "4,000 orders"): a number within three words of the measure. What answers
    "what were the sales in march"; "sales lines load at 05:00" holds a number of
    something else, which is what a value question meets in docs about the data."""
    if not measure:
        return True
    noun = re.escape(measure.rstrip("s"))
    near = r"\W+(?:[\w'-]+\W+){0,3}?"
    pattern = rf"\b{noun}\w*{near}{_FIGURE}|{_FIGURE}{near}{noun}\w*\b"
    return bool(re.search(pattern, text, re.IGNORECASE))


_SHARE_LEVEL = re.compile(r"\b(uptime|availability|(error|failure|success) rates?)\b")
_TIME_LEVEL = re.compile(r"\b(latency|(response|resolution) times?)\b")
_PERCENTAGE = re.compile(r"\d(\.\d+)?\s*(%|percent\b)", re.IGNORECASE)


def states_level(question: str, text: str) -> bool:
    """Whether ``text`` states the figure the level ``question`` asks for: a percentage
    for an uptime or a rate ("30 minutes" is no uptime), a duration for a latency or a
    response time, either for an SLA."""
    lowered = question.lower()
    if _SHARE_LEVEL.search(lowered):
        return bool(_PERCENTAGE.search(text))
    if _TIME_LEVEL.search(lowered):
        return bool(_DURATION.search(text))
    return bool(_LEVEL_FIGURE.search(text))
