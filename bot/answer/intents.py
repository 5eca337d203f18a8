"""What kind of question this is, read from its wording with a few patterns.

The structured answers (owner, expert, status, decisions) come from the model, not from
full text, so the engine must first recognise which one is asked. Patterns are plain
and few on purpose: a question none of them recognises still gets the full-text search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from paved.bot.answer.text import content_words, plain_frame, word_set


class Intent(StrEnum):
    PRODUCT_ID = "product-id"
    DECISION_ID = "decision-id"
    OWNER = "owner"
    EXPERT = "expert"
    STATUS = "status"
    USAGE = "usage"
    FIND_DATASET = "find-dataset"
    PERSON = "person"
    DECISION = "decision"
    HOWTO = "howto"
    SEARCH = "search"


class Kind(StrEnum):
    """Which kind of thing the question names, when it says so ("the orders table")."""

    DATASET = "dataset"
    SYSTEM = "system"
    DOMAIN = "domain"
    PRODUCT = "product"
    CUSTODIAN = "custodian"


@dataclass(frozen=True, slots=True)
class Reading:
    """A question as understood: its intent, the ids it names, the kind of thing it is
    about (if it says), and the subject words left once the intent wording is dropped."""

    text: str
    intent: Intent
    subject: str
    words: tuple[str, ...]
    terms: tuple[str, ...]
    kind: Kind | None = None
    ids: tuple[str, ...] = ()
    asks: frozenset[str] = frozenset()
    focus: tuple[str, ...] = ()
    lineage: str | None = None  # "up" (what feeds it) or "down" (what it feeds)
    live: bool = False  # asks for a figure of a given day or period
    value: bool = False  # asks for a measured value of the business (the data itself)
    measure: str = ""  # what is measured ("sales", "oee"), for a value question
    periods: tuple[str, ...] = ()  # calendar periods named ("march", "2025", "q3")
    future: bool = False  # asks when something will happen: a date, not a frequency
    past_event: bool = False  # asks when something happened: a date or a time answers
    personal: bool = False  # asks for a personal fact of someone (a phone number, a salary)
    clock: bool = False  # asks for a time of day ("what time in the morning")
    columns: bool = False  # asks about a table's columns or fields
    who: bool = False  # asks for a person
    progress: bool = False  # asks whether something is live, ready, being built
    # "domains", "systems", "products", "decisions", "personal-datasets", ...
    lists: str | None = None
    quantity: bool = False  # the answer is a number, a version, a duration or a date
    version: bool = False  # the answer is a version number
    money: bool = False  # the answer is an amount of money (a salary, a budget, a price)
    defines: bool = False  # asks what a word means
    reports: bool = False  # something is broken or wrong, and who or where to tell
    problem: str = ""  # the word saying what is wrong ("broken", "stale")
    domain_of: bool = False  # asks which domain something belongs to
    system_of: bool = False  # asks which system a table is kept in
    named_in: str = ""  # the text that names what is asked about (``text`` less options)
    counted: str = ""  # what "how many / how much" counts ("partitions")
    priced: str = ""  # what a price asked is of ("egress" of "the egress price per GB")
    which: str = ""  # the kind of thing "which X" asks for ("region" of "which cloud region")
    attribute: str = ""  # what "what's the X of Y" asks of Y ("budget", "account manager")
    offered: tuple[str, ...] = ()  # content words of the answers the asker offers
    history: bool = False  # asks about a past decision: why it was taken, what replaced it
    recent: bool = False  # asks what changed on the portal lately (its change log)
    core: tuple[str, ...] = ()  # content words of the question before its situation clause
    exists: str = ""  # the thing asked to exist: "office hour" of "is there an office hour where"
    duties: str = ""  # whose duties are asked: "henrik moe" of "what does henrik moe look after"
    email: bool = False  # asks for someone's e-mail address

    @property
    def naming(self) -> str:
        return self.named_in or self.text


# Where something gets its data, or what depends on it, across the lineage sheet.
_UPSTREAM = re.compile(
    r"\b(upstream|comes? from|coming from|gets? (its|their) data|get (its|their) data|"
    r"(chain|flow|path|journey|pipeline) from|end[- ]to[- ]end chain|"
    r"(which|what) (source )?(systems?|sources?|tables?|datasets?|inputs?) (does|do|did) "
    r".{1,40} (combine|use|read|join|pull in|draw on|merge|blend)|"
    r"inputs?|sources? of|built (only |just |entirely |purely )?from|fed from|fed by|based on|"
    r"what feeds|who feeds|also pulls? in|"
    r"feeds? (the|it|this|these)|where does .{1,60} (get|come|pulls?|draws?|takes?)|"
    r"(which|what) (tables?|datasets?|sources?|systems?|jobs?) (feed|fill|populate|load)s?|"
    # "trace X all the way back", "what source tables end up in it": where it comes from.
    r"trace .{1,60} back|all the way back|back to (its|their|the) (sources?|origins?|roots?)|"
    r"(which|what) (source |raw |input )?(tables?|datasets?|sources?|systems?) "
    r"(end up|ends up|go|flow|flows|land) in(to)?|originates?)\b"
)
_DOWNSTREAM = re.compile(
    r"\b(downstream|what uses|who uses|uses? it|used by|breaks?|break|impact|affected|"
    r"depends? on it|consumers of|fed into|what does .{1,60} feed|reads? from|reading from|"
    r"(what|where) (does|do) .{1,60} flows? (in)?to|"
    r"(end up|go|goes|be|become|becomes) stale|(be|get|gets|are|is) hit)\b"
)
# What the business measures: a value of one of these for a time or a place is the data
# itself ("sales of store 12 in march"), not something about the data (where it is kept,
# who owns it, how often it loads, what it means).
_PERIOD = (
    r"(january|february|march|april|june|july|august|september|october|november|december|"
    r"(19|20)\d\d|q[1-4]|black friday|christmas|easter)"
)
_MEASURES = (
    r"(sales|revenue|turnover|orders|margins?|footfall|visitors|visits|spend|spent|bill|"
    r"costs?|charged?|oee|kpis?|mape|accuracy|yield|volumes?|units|output|uptime|downtime|"
    r"traffic|conversion|returns|profit|tickets|incidents|sessions|page views|rentals|bookings|"
    r"deliveries|shipments|purchases|payments|transactions|receipts)"
)
# A figure of one day or period ("yesterday", "last quarter", "right now"): the portal
# documents the platform; it holds no live numbers, so these are declined outright.
_LIVE = re.compile(
    r"\b(yesterday|today'?s?|right now|at the moment|this (week|month|quarter|year)|"
    r"(last|next|previous) (week|month|quarter|year)'?s?|q[1-4]\b|"
    r"(last|this past) (night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"how many .{1,60} (open|there|turned up|attended) (right )?now)"
)
# What makes a question placed in time ask for the live state rather than a rule: a figure
# ("the lag right now", "which dealer came out top last month") or someone's whereabouts
# ("is marta on holiday next week"). Otherwise the time is the asker's situation ("we open
# a store next month, who keeps the store list"; "are office hours cancelled next week").
_LIVE_ASKS = re.compile(
    r"\b(numbers?|figures?|top|best|worst|most|least|highest|lowest|rows?|lag|count|total|"
    r"score|rate|recording|uptime|downtime|availability|latency|response times?|"
    r"on holiday|on vacation|on leave|off sick|out of office|back from|"
    r"in the office|working)\b"
)
# Whether an event happened ("did someone already raise a ticket"): the portal keeps no
# record of what people did today, only how to do it.
_EVENT = re.compile(
    r"\b(did|has|have) (someone|anyone|somebody|anybody|any one)\b.{0,60}\b(already|yet)\b"
)
# A measured value of the business ("what was the OEE on line 3", "what were the sales of
# store 12 in march", "how many orders did the webshop get"): the data itself, which the
# portal describes but does not hold; answered only by a passage stating such a figure.
_VALUE = re.compile(
    rf"\bwhat (was|were) (the |our |their |its )?([\w-]+ ){{0,3}}{_MEASURES}\b"
    rf"|\bhow (many|much) ([\w-]+ ){{0,2}}{_MEASURES} (did|were|was|do|does)\b"
    rf"|\b{_MEASURES}\b.{{0,40}}\b(in|for|during|of|on) {_PERIOD}\b"
    rf"|\b(in|for|during|of|on) {_PERIOD}\b.{{0,40}}\b{_MEASURES}\b"
    # "What's our monthly cloud bill", "how many orders a day": a rate of the business.
    rf"|^\W*(what'?s|whats|what is|what are|how (many|much))\b.{{0,40}}"
    rf"\b(monthly|weekly|daily|yearly|annual|quarterly|hourly) ([\w-]+ ){{0,2}}{_MEASURES}\b"
    rf"|\b{_MEASURES}\b.{{0,40}}\b(per|a|each|every) (day|week|month|year|quarter|hour)\b"
    # Any count of what happened in a period ("how many bikes did the depot rent out in
    # march"): the measure need not be a word of the list; the past and the period say
    # it is a figure of the business, not a rule.
    rf"|\bhow (many|much) ([\w-]+ ){{0,3}}(did|were|was)\b.{{0,60}}"
    rf"\b(in|during|on|for|over) (the )?{_PERIOD}\b"
)
_MEASURE = re.compile(rf"\b{_MEASURES}\b")
# "What does storage cost per GB per month", "the fee per seat a year": a price per unit
# (a unit that is no period) is a tariff the docs state, not a figure of the business,
# however many periods follow it.
_UNIT_PRICE = re.compile(
    r"\b(costs?|price[sd]?|pay|paid|charged?|fees?|billed)\b.{0,40}?"
    r"\bper (?!(day|week|month|year|quarter|hour|minute|second)s?\b)[\w-]+"
)
# "What does the OEE product deliver, per line per hour", "what will the dashboard show
# per store per day": what a product or a table gives, at its grain, not a figure of it.
_DELIVERS = re.compile(
    r"\bwhat( exactly| actually)? (does|do|will|would|can|should) .{1,50}?\b"
    r"(deliver|provide|show|give|output|produce|contain|include|cover|offer)s?\b"
)
# A period named on the calendar ("in march", "in 2025", "Q3", "on black friday"): an
# answer about it must name it.
_PERIODS = re.compile(rf"\b{_PERIOD}\b")
# A personal fact of someone ("Mikkel's mobile number", "her home address", "his
# salary"): stated in figures if at all; a table's phone column is not anyone's number.
_PERSONAL = re.compile(
    r"\b([a-z]+'s|his|her|their|my) (private |personal |home |work |direct )?"
    r"(mobile|phone|cell|telephone|address|birthday|date of birth|age|salary|pay)\b"
    r"|\b(mobile|phone|cell|telephone) (number|no)\b"
    # Where someone sits: "where does Kim sit", "which floor is Kim's desk on", "Kim's desk".
    r"|\bwhere (does|do|is|are) (?!the |our |your |a |an )[a-z]+( [a-z]+)? "
    r"(sit|sits|seated|located|based)\b"
    r"|\b(which|what) (floor|desk|room|building)\b.{0,30}\b(sit|sits|seated|desk)\b"
    r"|\b([a-z]+'s|his|her) (desk|seat)\b"
)
# "What time in the morning is X refreshed", "at what time": a time of day is asked.
_CLOCK = re.compile(r"\b(what|which) time\b|\bhow early\b")
# "When is X going to move", "when will Y start": a date in the future, which a passage
# must state (a year, a month, a quarter, a date), not a frequency.
_FUTURE = re.compile(
    r"^\W*(so |and |hey |ok )?(when|by when|what date)\b.{0,80}"
    r"\b(going to|gonna|will|planned|scheduled|expected|due|plan to|supposed to)\b"
)
# When something happened: "when was the last outage", "when did we move to Kafka". A
# date or a time of day answers it ("the last cycle time" holds neither).
_PAST_EVENT = re.compile(r"^\W*(so |and |hey |ok )?when (was|were|did)\b")
# Questions whose answer is a number, a version, a percentage, a duration or a date: a
# passage without one does not answer them, however many of their words it holds.
_QUANTITY = re.compile(
    r"\b(how many|how much|how long|how often|how fast|what version|which version|"
    r"version of|versions?\b.{0,20}\bon\b|percentage|percent|exact|exactly|"
    r"what date|which date|when exactly|response time|sla)\b"
    r"|^\s*when (is|are|do|does|will)\b"
    # "Office hours when?": the interrogative last.
    r"|\b(when|how long|how often)\W*$"
    # "What's the budget of X", "what does an engineer earn": the answer is a figure
    # named by its noun or verb, not by "how much".
    r"|\b(what'?s|what is|what are|what was|whats) (the |our |their |its |a |an )?(\w+ )?"
    r"(budget|salary|salaries|price|prices|fee|fees|headcount|head count|number|latency|"
    r"deadline|release date|due date|eta|fine|fines|penalty|penalties)\b(?! (to|for|with|by)\b)"
    r"|\bwhat (does|do|did|would|will) .{1,40} (earn|cost|charge|pay)\b"
)
# "What does an engineer earn", "what's the budget", "how much does it cost": an amount
# of money, which a passage must state in figures.
_MONEY = re.compile(
    r"\b(earn|earns|earning|salary|salaries|wage|wages|budget|budgets|price|prices|priced|"
    r"fee|fees|(how much|what) (does|do|did|will|would) .{1,40} cost)\b"
    # "The GDPR fine we'd face": a penalty is an amount too (not "is it fine to").
    r"|\b(fines?|penalty|penalties)\b(?! (to|for|with|by)\b)"
)
# "What version", "which spark version", "what's the kafka version", "kafka version?".
_VERSION = re.compile(
    r"\b(what|which|whats|what's)\s+(the\s+|our\s+)?([\w.-]+\s+){0,2}?versions?\b"
    r"|\bversions? of\b|\bversions?\b.{0,20}\bon\b|\bversions?\W*$"
)
_DEFINES = re.compile(
    r"\b(what does .{1,40} (mean|stand for)|what is (a|an|the)? ?\S+( \S+)? ?\??$|"
    r"what counts as|meaning of|definition of|stands? for|same (thing )?as|"
    r"differences? between|\bvs\.?\b|versus)"
    # As typed in chat: "glossary def of X", "X in <company> speak", "X = ?",
    # "X = what exactly".
    r"|\bdefn?\b|\bdefinition\b|\bin (\w+ )?(speak|lingo|jargon|parlance|terminology)\b"
    r"|=\s*(\?|what\b)"
)
# "The dashboard is broken, who do I talk to": a problem, and who or where to tell.
_PROBLEM = re.compile(
    r"\b(broken|broke|breaks|break|down|outage|incident|fail(s|ed|ing)?|wrong|error|"
    r"not working|stale|late|missing|bad data|bug)\b"
)
# "Where do I ..." asks where to turn, unless its verb asks where something is shown
# ("where do I see which checks failed", "where can I find the results"): that is a
# look-up, answered by the page that shows it, not by how to report a problem.
_TELL = re.compile(
    r"\b(who (do|should|can) (i|we)|who to|whom|where (do|should|can|could|would) (i|we)"
    r"(?! (see|find|check|look|view|read|watch|follow|monitor)\b)|"
    r"where to|tell|report|escalate|talk to|contact|ping|raise|let .{1,20} know|"
    r"what (do|should) (i|we) do)\b"
)
_COLUMNS = re.compile(r"\b(columns?|fields?|attributes?|mean|means|meaning|incl|including)\b")
_WHO = re.compile(r"\bwho(m|se|'s)?\b|\bwhos\b")
_PROGRESS = re.compile(
    r"\b(live|ready|working on|building|built yet|in production|released|available yet|"
    r"status|signed off|sign off|approved)\b"
)
_LISTS = (
    (
        # "which products are owned by the manufacturing domain", "list the wids in the
        # sales domain": the products of a domain the question names.
        "domain-products",
        re.compile(
            r"^\W*(list|show( me)?|which|what|where (can|do|could) (i|we) (see|find))"
            r"( all| the| our)* (data )?(products|wids)\b"
            r"(?!.*\b(has|have|hold|holds|contain|contains|with|read|reads|use|uses)\b)"
            r".*\bdomain\b"
        ),
    ),
    (
        # "which wids are still in draft or waiting for approval", "where's the list of
        # all data products": every product under its status.
        "products",
        re.compile(
            r"\b(what|which|list|show) (data )?(products|wids)\b.{0,40}\b(live|onboarded|"
            r"in build|being built|in production|drafts?|approved|approval|pending|retired|"
            r"submitted|in review|status|in progress|in flight|ongoing|done|finished)\b|"
            r"\b(list|overview|index|catalogue|catalog) of (all )?(the |our )?(data )?"
            r"(products|wids)\b|"
            r"^\W*(list|show( me)?|what are|which are)( all)?( the| our)? (data )?(products|wids)"
            r"( (are there|do we have|exist))?\W*$"
        ),
    ),
    (
        # "which ADRs are superseded", "list of adrs and their statuses": the decision
        # log's records under their status (or those of the status named).
        "decisions",
        re.compile(
            r"\b(what|which|list|show|any) (the |our |of )?(adrs|decisions|architecture "
            r"decisions)\b.{0,40}\b(superseded|deprecated|rejected|proposed|accepted|"
            r"status|statuses|in force)\b|"
            r"\b(list|overview|index) of (all )?(the |our )?(adrs|decisions)\b"
        ),
    ),
    ("domains", re.compile(r"\b(what|which) (business )?domains\b")),
    ("systems", re.compile(r"\b(what|which) (source )?systems\b(?!.*\b(does|do|is)\b)")),
    (
        # "which datasets are classified restricted", "list the public tables": the
        # datasets of one classification (the level is read from the question).
        "classified-datasets",
        re.compile(
            r"\b(what|which|list|show|any)\b.{0,30}\b(datasets|tables)\b.{0,20}"
            r"\b(classified|classification|marked|labelled|labeled)\b.{0,20}"
            r"\b(public|internal|confidential|restricted)\b|"
            r"\b(what|which|list|show|any)( are| is)?( all| the| our)? "
            r"(public|internal|confidential|restricted) (datasets|tables)\b"
        ),
    ),
    (
        # "list finance datasets", "which tables are in the retail domain": the datasets
        # of a domain the question names (not "which tables have X": a search).
        "domain-datasets",
        re.compile(
            r"^\W*(list|show( me)?|which|what|where (can|do|could) (i|we) (see|find))"
            r"( all| the| our)* ([\w-]+ ){0,3}?(datasets|tables)\b"
            r"(?!.*\b(has|have|hold|holds|contain|contains|with|for)\b)"
            r"(.*\bdomain\b|\W*$)"
        ),
    ),
    (
        "personal-datasets",
        re.compile(r"\b(what|which) (datasets|tables)\b.*\b(personal|pii|flagged)\b"),
    ),
)

# "Which domain is the crm in", "what's the domain of pos.sales_lines" (not "which domains
# are there", nor "which domain lead").
_DOMAIN_OF = re.compile(
    r"\b(which|what) (business )?domain\b(?!s| leads?\b| owners?\b| custodians?\b)"
    r"|\bin which domain\b|\bdomain of\b"
)
# "Which system does fact_sales live in", "what system is cur_orders stored in": the
# system a table is kept in (not where its data comes from: that is its upstream).
_SYSTEM_OF = re.compile(
    r"\b(which|what) system\b(?!s).{0,60}\b(live|lives|sit|sits|stored|kept|held|hosted|"
    r"resides?|belongs?)\b|\bin (which|what) system\b"
)
# Answers the asker offers at the end ("where does the OEE data come from, the MES or the
# machines?", "which domain is it in, sales or something else?"): candidates, not what the
# question is about, so things named there do not make the subject.
_OPTIONS = re.compile(
    r"[,;:]\s*[^,;:?]{1,60}\s+or\s+[^,;:?]{1,60}\??\s*$"
    r"|\s(like|such as|e\.g\.|for example)\s+[^,;:?]{1,60}\s+or\s+[^,;:?]{1,60}\??\s*$"
)
# A yes/no question ending in two options without a comma before them ("is the cluster
# size S or M", "do we keep it in Parquet or Avro"): the word before "or" and the one or
# two after it are the candidates. Not a second clause ("... or is that not allowed") nor
# an open end ("... or something else", "... or not").
_BARE_OPTIONS = re.compile(
    r"^(?:is|are|was|were|does|do|did|can|could|should|will|would|has|have)\s.*?\s"
    r"(?P<options>(?!or\b)[^\s,;:?]+\s+or\s+(?:only\s+|just\s+)?"
    r"(?!(?:is|are|was|were|does|do|did|can|should|will|would|has|have|it|that|this|they|we|i|"
    r"you|not|something|anything|someone|what|whatever|else|other|both|neither)\b)"
    r"[^\s,;:?]+(?:\s[^\s,;:?]+)?)\s*\??\s*$"
)
# A guess the asker offers with an open end ("did we pick it for cost reasons or something
# else", "is that owned by finance or someone else"): an answer may name it or not, so it
# fills a slot like offered options, and what is asked about must still be held.
_GUESSED = re.compile(
    r"\b(for|because of|due to|by|with|in|from|to)\s+(?P<guess>[^,;:?]{1,30}?)\s+or\s+"
    r"(something|anything|someone|somebody|somewhere)( else)?\b"
)
# Words of the question's frame, not of its subject. "How long", "how often", "how many":
# the second word says the answer is an amount (the passage must then hold one:
# ``quantity``); counted as a word, "long" outweighed the subject ("how long does a WID
# review take" found "how long does approval take"). "What's the process for X", "what
# are the steps": a how-to about X; "process" is in few sections and outweighed X.
_FRAME = re.compile(
    r"\bhow (long|often|many|much|fast|soon|quickly)\b"
    r"|\b(what'?s|what is|what are|is there|are there) (the |a |an )?"
    r"(process|procedure|steps|workflow|"
    # "What are the rules for getting data out": how to do it, within the rules.
    r"(rules?|policy|policies|guidelines?|requirements?)(?= (for|on|about|around|to|when|if)\b))\b"
    # "What's the difference between X and Y": a comparison, asked of X and Y themselves.
    r"|\b(the |any |a )?(differences?|difference|distinction) (between|among)\b"
    # "What's the easiest way to X", "the recommended approach for X": how to do X.
    r"|\b(the |an? |any )?(easiest|best|quickest|simplest|fastest|recommended|preferred|"
    r"usual|standard|normal|right|correct|proper|official|cleanest|smartest|cheapest)\s+"
    r"(way|ways|approach|method|option|route|practice)s? (to|of|for)\b"
    r"|\b(the|what'?s|whats|what is)\s+(way|approach) to\b"
)
# A question about a decision of the past, not the one in force: "why was X picked
# originally", "was X overturned, which ADR replaced it", "what did we use before".
_HISTORY = re.compile(
    r"\b(originally|initially|at first|in the first place|back then|used to|before that|"
    r"overturned|overturn|overruled|reversed|replaced|superseded|abandoned|dropped|"
    r"moved away from|(was|were) (it|they|\w+ \w+|\w+) (picked|chosen|decided|selected))\b"
)
# What is new or changed on the portal lately: its change log answers, whatever changed
# ("what's new on the portal", "what changed recently", "what's been updated lately").
# A change to one thing named ("what changed in the contract") says neither.
_RECENT = re.compile(
    r"\bwhat(?:'s| is| has| have|s)?\s+(?:been\s+|was\s+|were\s+)?"
    r"(?:new|changed|updated|added)\b(?:\s+(?:on|in|to)\s+(?:the\s+)?"
    r"(?:portal|docs|documentation|site|catalogue|catalog))?\s+(?:lately|recently|"
    r"this week|last week|of late)\b"
    r"|\bwhat(?:'s| is| has|s)?\s+(?:been\s+)?(?:new|changed|updated)\s+(?:on|in|to)\s+"
    r"(?:the\s+)?(?:portal|docs|documentation|site)\b"
)
# "Who gets paged when the nightly load breaks": the question, then the situation it
# arises in, which the section answering the question need not name.
_SITUATION = re.compile(r"\s(when|whenever|if|once|after|before|while|in case)\s")
# "Is there an office hour where I can ask ...": whether a thing exists, then what for.
_EXISTS = re.compile(
    r"^\s*(is|are) there ((any|some|an?) )?((kind|sort|type)s? of )?(?P<thing>[^,?]+?)"
    r"\s(where|that|which|who|to|for|i|we|you|so)\s"
)
# "What does Henrik Moe look after", "what is Ola responsible for": a person's duties.
_DUTIES = re.compile(
    r"^\s*(what|which)( (datasets|tables|systems|products|data))? (does|do|is|are) "
    r"(?P<who>[a-z][\w' .-]{1,40}?) (own|look after|responsible for|"
    r"in charge of|the custodian of|custodian of|custodian for|maintain|take care of|work on|"
    r"handle|cover)\b"
)
# "Tomas is moving teams - which datasets would lose their custodian": whose duties.
_LEAVING = re.compile(
    r"^\W*(?P<who>[a-z]+( [a-z]+)?) (is|will be|was) (moving|leaving|off|away|on leave|"
    r"going|retiring|changing)\b.{0,60}\bwhich (datasets|tables|systems|products|domains)\b"
)
# The person named first, the question after ("Kari Vik - which datasets is she custodian
# for", "ingrid solberg is custodian of what exactly"): whose duties.
_NAMED_FIRST = re.compile(
    r"^\W*(?P<who>[a-z]+ [a-z]+)\s*(\W+\s*|\s)(which|what)"
    r"( (datasets|tables|systems|products|data))? (is|are|does|do) (she|he|they) "
    r"(the )?(custodian|owner|in charge|responsible)"
    r"|^\W*(?P<who2>[a-z]+ [a-z]+) (is|are) (the )?(custodian|owner|in charge|responsible) "
    r"(of|for) what\b"
)
_COUNTED = re.compile(r"\bhow (many|much) (?P<rest>.+)")
_WID = re.compile(r"\bwid[\s\-_]?0*(\d{1,6})\b", re.IGNORECASE)
_ADR = re.compile(r"\badr[\s\-_]?0*(\d{1,6})\b", re.IGNORECASE)
_EXPERT = re.compile(
    r"\bwho\b.*\b(knows?|expert|experts|can help|help me with|to ask|understands?|talk to|"
    r"speak to|speak with|talk with|go to)\b"
    r"|\bexperts?\b.*\b(on|in|for|about)\b|\bwho\b.*\bask about\b"
)
_OWNER = re.compile(
    r"\b(custodians?|owners?|owns|owned|own|responsible|in charge|maintains?|maintained|"
    r"stewards?|contacts?|leads?|accountable|business owner|technical contact|"
    r"looks? after|looking after|takes? care of|manages?|managed|updates?|updated|"
    r"keeps? .{1,40}(up to date|up-to-date|current|accurate|correct))\b"
)
_USAGE = re.compile(
    r"\b(which|what)\s+(data\s+)?(products?|wids?)\b.*\b(use|uses|using|read|reads|depend|"
    r"depends|consume|consumes|need|needs|built on)\b|\bwho uses\b|\bused by\b"
)
# "Which (sales) table": the word between names the kind of table; a determiner there
# ("I don't know what the table is called") makes "what" a clause of its own, not a
# question for a table.
_FIND_DATASET = re.compile(
    r"\b(which|what)\s+((?!(?:the|a|an|this|that|these|those|my|our|your|its|their)\b)\w+\s+)?"
    r"(tables?|datasets?|views?|topics?)\b(?!.*\b(custodian|owner|"
    r"owns|responsible|status)\b)|\bis there an?\s+(\w+\s+)?(table|dataset|view|topic)\b"
    r"|\bwhere (can|do|would|should) (i|we) find\b|\bin which (table|dataset)\b"
)
# Facts of a product or dataset a question can ask for, each with its wording.
FACT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("retention", re.compile(r"\b(retention|retain|retained|how long|keep|kept|delete|deleted)\b")),
    ("legal-basis", re.compile(r"\b(legal basis|lawful|legitimate interests?|consent)\b")),
    (
        "personal-data",
        re.compile(r"\b(personal (data|information)|pii|gdpr|categories|pseudonymi[sz]\w*)\b"),
    ),
    ("classification", re.compile(r"\b(classified|classification|sensitive|confidential)\b")),
    ("refresh", re.compile(r"\b(refresh|refreshed|updated|update|how often|how fresh|loaded)\b")),
    (
        "surfaced",
        re.compile(
            r"\b(surfaced|delivered|exposed|published|as an? (table|export|dashboard|api))\b"
        ),
    ),
)
_PERSON = re.compile(r"^\s*who\s+(is|are)\s+(?!the\b|on\b|a\b|an\b)\w")
# ... "who owns", "the custodian of X", or tersely "X custodian?" (the role asked last).
_ASKS_FOR_PERSON = re.compile(
    r"\bwho(m|se)?\b|\b(custodian|owner|steward|contact)s? (of|for)\b"
    # "email for the finance domain lead", "slack handle of whoever owns the CRM".
    r"|\b(e-?mail( address)?|slack( handle)?|contact details|handle|user ?name|"
    r"github( handle| user| account)?)s? (of|for)\b"
    r"|^[\w .,_-]{1,60}\b(custodian|owner|steward|contact)s?\s*\??\s*$"
    # "is nora responsible for the planning tool?": whether someone is, answered by who is.
    # "the kafka bus - is that owned by the platform team or a domain?": who owns it.
    r"|\b(is|are) (it|that|this|they|those|these) (still |actually |really )?owned by\b"
    r"|^\W*(is|are) [a-z]+( [a-z]+)? (still |really |actually )?(the )?(responsible|in charge|"
    r"owners?|custodians?|stewards?|looking after|maintaining)\b"
)
_STATUS = re.compile(
    r"\bstatus\b|\bstate of\b|\bis\b.*\b(live|onboarded|approved|retired|in production|"
    r"ready|still used|still in use|a draft)\b"
)
_DECISION = re.compile(
    r"\b(decide|decided|decides|decision|decisions|adrs?|agreed|agree|choose|chose|chosen|"
    r"choice|settled|ruled|picked|picking|selected|choosing|went with|going with)\b"
    r"|\bwhy (do|did) we\b|^\s*why\b"
)
# "Can I use X for Y": X is what the answer must be about, Y the asker's situation, which
# the rule that answers may word differently ("fix a broken dashboard" / "an outage").
_CAN_USE = re.compile(
    r"^\s*(can|could|may|should)\s+(i|we)\s+(use|copy|share|export|keep|store|send|put|"
    r"move|join|give|publish|download)\s+(?P<what>.+?)\s+(to|for|in|into|with|when|outside)\s"
    r"|^\s*(am i|are we) allowed to\s+\w+\s+(?P<what2>.+?)\s+(to|for|in|into|with|when)\s"
)
# How the decision process works ("who approves an ADR", "do we edit it or write a new
# one"), not what was decided.
_PROCESS = re.compile(
    r"\b(approves?|merge|edit|write|create|template|review|format)\b.{0,60}\badrs?\b"
    r"|\badrs?\b.{0,60}\b(approves?|merge|edit|write|create|template|review)\b"
    r"|\b(bother|worth) (writing|recording)\b"
)
_HOW_DO_I = re.compile(r"^\s*(how (do|can|should|would|to)|where (do|can|should|is|are)|can i)\b")
_HOWTO = re.compile(
    r"^\s*(how|where|when|can i|could i|may i|should i|what should|what do i|is it possible|"
    r"what happens|which)\b"
    r"|^\s*(what'?s|whats|what is|what are|is there)( the| an?| any)? (easiest|best|quickest|"
    r"simplest|fastest|recommended|preferred|usual|standard|right|correct|proper) "
    r"(way|approach|method|route)s? to\b"
)
_KIND_WORDS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.DATASET, re.compile(r"\b(table|tables|dataset|datasets|topic|view|columns?)\b")),
    # "The first pass yield thing", "the forecast project": a product named loosely.
    (
        Kind.PRODUCT,
        re.compile(
            r"\b(products?|data products?|wids?|initiatives?|projects?)\b|"
            r"\bthe [a-z0-9][\w -]{2,40}? thing\b(?! (is|are|was)\b)"
        ),
    ),
    (Kind.SYSTEM, re.compile(r"\b(systems?|application|app|tool|source system)\b")),
    (Kind.DOMAIN, re.compile(r"\b(domains?|area|department)\b")),
)
# Wording of the intents themselves: not part of what the question is about.
INTENT_WORDS = word_set(
    """
    custodian custodians owner owners owns owned own responsible charge maintains maintain
    maintained steward stewards contact contacts lead leads accountable business technical
    knows expert experts help ask understands understand status state live onboarded
    looks look looking after takes care
    approved retired production ready draft decide decided decides decision decisions adr
    adrs agreed agree choose chose chosen choosing choice settled ruled picked picking selected
    table tables dataset datasets product products wid wids system systems domain domains
    data initiative uses consume consumes reads read depend depends built talk speak go
    """
)


def ids_in(question: str) -> tuple[str, ...]:
    """``WID-0006``, ``adr 7`` … normalised to the ``WID-0006`` / ``ADR-0007`` form."""
    found = [f"WID-{int(n):04d}" for n in _WID.findall(question)]
    found += [f"ADR-{int(n):04d}" for n in _ADR.findall(question)]
    return tuple(found)


def kind_named(lowered: str) -> Kind | None:
    for kind, pattern in _KIND_WORDS:
        if pattern.search(lowered):
            return kind
    return None


# The person a yes/no owner question names ("is nora responsible for X"): the one asked
# about, not what is looked up (the owner of X is, and the asker compares).
_WHETHER_OWNER = re.compile(
    r"^\W*(is|are) (?!(the|it|this|that|there|a|an)\b)(?P<who>[a-z]+( [a-z]+)?) "
    r"(still |really |actually )?(the )?(responsible|in charge|owners?|custodians?|stewards?|"
    r"looking after|maintaining)\b"
)


_KEEPS = re.compile(
    r"\b(keeps?|keeping)\b(?P<what>.{1,40}?)\b(up to date|up-to-date|current|accurate|correct)\b"
)
_OWNED_BY = re.compile(
    r"\b(is|are) (it|that|this|they|those|these) (still |actually |really )?owned by\b"
)
_MASTER_DATA = re.compile(r"\s+master data\b")
_EMAIL = re.compile(r"\be-?mail( address)?\b")
# A detail asked of whoever owns something: "the email of whoever looks after X".
_ATTRIBUTE_OF_OWNER = re.compile(
    r"\b(of|for) (whoever|the person who|the one who|who) (owns|runs|maintains|manages|"
    r"looks after|is responsible for|is in charge of) (?P<what>.+)$"
)
# "Which ADR covers X", "what page talks about Y": the verb says "is about"; the answer
# need not repeat it ("covers" in a record is an accident of its wording).
_IS_ABOUT = re.compile(
    r"\b(?P<which>(which|what|any|is there an?|are there) ([\w-]+ ){0,2}?)"
    r"(covers?|covering|deals? with|talks? about|is about|are about|describes?|explains?|"
    r"documents?|addresses)\b"
)
# Who told the asker about it ("my lead mentioned", "a colleague said", "I heard"): how
# the asker came to ask, not what is asked about; no section says who mentioned what.
_HEARSAY = re.compile(
    r"\b((my|our|a|the|some) ([\w-]+ ){0,2}?|someone |somebody |people |everyone |"
    r"(he|she|they) )(mentioned|told (me|us)|said|says|suggested|recommended|keeps? saying|"
    r"pointed (me|us) to|asked (me|us) to|wants? (me|us) to)( (that|about))?\b"
    r"|\bi('ve| have)? (heard|was told|read somewhere|saw somewhere)( (that|about))?\b"
)
# A purpose clause after an owner question: "so it shows up in reports", "so that we ...".
_PURPOSE = re.compile(r"\bso (that )?(it|they|we|i|the|our)\b")


def read(question: str) -> Reading:
    """Classify ``question``; the first matching intent wins, in order of precision."""
    asked = " ".join(question.lower().split())
    lowered = plain_frame(asked)
    ids = ids_in(lowered)
    stripped = _ADR.sub(" ", _WID.sub(" ", lowered))
    # "Who keeps X up to date" asks who owns X: the verb's words are not X's.
    stripped = _KEEPS.sub(r" \g<what> ", stripped)
    # "The store master data" is the stores' reference data, not a "master" dataset.
    stripped = _MASTER_DATA.sub(" data", stripped)
    stripped = _IS_ABOUT.sub(r"\g<which>", _HEARSAY.sub(" ", stripped))
    words = tuple(content_words(_FRAME.sub("how", stripped), drop=INTENT_WORDS))
    subject = " ".join(words)
    kind = kind_named(lowered)
    if ids:
        intent = Intent.PRODUCT_ID if ids[0].startswith("WID-") else Intent.DECISION_ID
    elif _FIND_DATASET.search(lowered):
        intent = Intent.FIND_DATASET
    elif _USAGE.search(lowered):
        intent = Intent.USAGE
    elif _EXPERT.search(lowered):
        intent = Intent.EXPERT
    elif _OWNER.search(lowered) and _ASKS_FOR_PERSON.search(lowered):
        intent = Intent.OWNER
        whether = _WHETHER_OWNER.match(lowered)
        if whether is not None:
            named = set(whether.group("who").split())
            subject = " ".join(w for w in words if w not in named) or subject
        owned_by = _OWNED_BY.search(stripped)
        if owned_by is not None and owned_by.start() > 0:
            # "the kafka bus - is that owned by the platform team or a domain?": what is
            # owned comes before; after "owned by" are the asker's guesses.
            before = content_words(stripped[: owned_by.start()], drop=INTENT_WORDS)
            subject = " ".join(before) or subject
        attribute = _ATTRIBUTE_OF_OWNER.search(stripped)
        if attribute is not None:
            # "github username of whoever owns the dealer portal": the person is found by
            # what they own; the detail asked of them is no part of it.
            subject = " ".join(content_words(attribute.group("what"), drop=INTENT_WORDS)) or (
                subject
            )
        purpose = _PURPOSE.search(stripped)
        if purpose is not None:
            # "..., so it shows up in reports": why the asker cares, not what is owned.
            kept = set(content_words(stripped[: purpose.start()], drop=INTENT_WORDS))
            subject = " ".join(w for w in subject.split() if w in kept) or subject
    elif _PERSON.search(lowered):
        intent = Intent.PERSON
    elif _HOW_DO_I.search(lowered) or _PROCESS.search(lowered):
        intent = Intent.HOWTO
    elif _DECISION.search(lowered):
        intent = Intent.DECISION
    elif _STATUS.search(lowered):
        intent = Intent.STATUS
    elif _HOWTO.search(lowered):
        intent = Intent.HOWTO
    else:
        intent = Intent.SEARCH
    value = (
        bool(_VALUE.search(lowered))
        and not _DELIVERS.search(lowered)
        and not _UNIT_PRICE.search(lowered)
    )
    live = bool(_EVENT.search(lowered)) or bool(
        _LIVE.search(lowered)
        and (
            _QUANTITY.search(lowered)
            or value
            or _MONEY.search(lowered)
            or _LIVE_ASKS.search(lowered)
        )
    )
    terms = tuple(
        content_words(_FRAME.sub("how", _IS_ABOUT.sub(r"\g<which>", _HEARSAY.sub(" ", lowered))))
    )
    asks = frozenset(name for name, pattern in FACT_WORDS if pattern.search(lowered))
    can_use = _CAN_USE.search(lowered)
    what = (can_use.group("what") or can_use.group("what2") or "") if can_use else ""
    focus = tuple(content_words(what))
    lineage = "up" if _UPSTREAM.search(lowered) else None
    if _DOWNSTREAM.search(lowered):
        lineage = "down"
    lists = next((name for name, pattern in _LISTS if pattern.search(lowered)), None)
    problem = _PROBLEM.search(lowered)
    return Reading(
        question,
        intent,
        subject,
        words,
        terms,
        kind=kind,
        ids=ids,
        asks=asks,
        focus=focus,
        lineage=lineage,
        live=live,
        value=value,
        measure=_measure(lowered) if value else "",
        periods=tuple(m.group(0) for m in _PERIODS.finditer(lowered)),
        future=bool(_FUTURE.search(lowered)),
        past_event=bool(_PAST_EVENT.search(lowered)),
        personal=bool(_PERSONAL.search(lowered.replace("’", "'"))),
        clock=bool(_CLOCK.search(lowered)),
        columns=bool(_COLUMNS.search(lowered)),
        who=bool(_WHO.search(lowered)),
        progress=bool(_PROGRESS.search(lowered)),
        lists=lists,
        quantity=bool(_QUANTITY.search(lowered)),
        version=bool(_VERSION.search(lowered)),
        money=bool(_QUANTITY.search(lowered) and _MONEY.search(lowered)),
        defines=_defines(lowered) or _defines(asked),
        reports=bool(problem and _TELL.search(lowered)),
        problem=problem.group(0) if problem else "",
        domain_of=bool(_DOMAIN_OF.search(lowered)),
        system_of=bool(_SYSTEM_OF.search(lowered)),
        named_in=_OPTIONS.sub("", question),
        counted=_counted(lowered),
        which=_which(lowered),
        attribute=_attribute(lowered),
        priced=_priced(lowered) if _QUANTITY.search(lowered) and _MONEY.search(lowered) else "",
        offered=tuple(content_words(_offered(lowered))),
        history=bool(_HISTORY.search(lowered)),
        recent=bool(_RECENT.search(lowered)),
        core=_core(lowered),
        exists=_exists(lowered),
        email=bool(_EMAIL.search(lowered)),
        duties=(
            duties.group("who")
            if (duties := _DUTIES.search(lowered) or _LEAVING.search(lowered))
            else _named_first(lowered)
        ),
    )


# What a head count counts ("how many people", "how many members").
HEADS = frozenset(
    {
        "people",
        "persons",
        "employees",
        "members",
        "staff",
        "folks",
        "attendees",
        "participants",
        "engineers",
        "analysts",
        "users",
        "colleagues",
        "fte",
        "ftes",
    }
)
HAPPENS = frozenset({"happen", "happens", "happened", "happening"})


def timeless(text: str) -> str:
    """``text`` without the words placing it in time ("right now", "at the moment",
    "last month"): what remains is what is asked about."""
    return _LIVE.sub(" ", text.lower())


def _core(lowered: str) -> tuple[str, ...]:
    """The content words before the situation clause ("who gets paged" of "who gets paged
    when the load breaks"); empty when there is no situation or nothing before it."""
    found = _SITUATION.search(lowered)
    if found is None:
        return ()
    # "What happens if ...": the situation is the question; "happens" asks for no thing.
    before = content_words(_FRAME.sub("how", lowered[: found.start()]), drop=HAPPENS)
    after = content_words(lowered[found.end() :])
    return tuple(before) if before and after else ()


def _named_first(lowered: str) -> str:
    found = _NAMED_FIRST.search(lowered)
    return (found.group("who") or found.group("who2")) if found else ""


def _exists(lowered: str) -> str:
    found = _EXISTS.search(lowered)
    return " ".join(content_words(found.group("thing"))) if found else ""


def _offered(lowered: str) -> str:
    found = _OPTIONS.search(lowered)
    if found is not None:
        return found.group(0)
    bare = _BARE_OPTIONS.search(lowered)
    if bare is None:
        guess = _GUESSED.search(lowered)
        return guess.group("guess") if guess is not None else ""
    # Each side must name something: "before or after promotion" offers no options.
    first, _, second = bare.group("options").partition(" or ")
    return bare.group("options") if content_words(first) and content_words(second) else ""


# What a message comparing two things ("X vs Y") asks besides their meaning: which is
# live, who owns them, whether they are separate products. Then "vs" joins the things
# asked about; it does not ask for definitions.
_COMPARED_FOR = re.compile(
    r"\b(who|whose|owned by|different owners?|live|status|in build|separate|seperate)\b"
)
_VERSUS = re.compile(r"\bvs\.?\b|\bversus\b")


def _defines(lowered: str) -> bool:
    """Whether the question asks what words mean; "X vs Y" only when it asks nothing else
    about them."""
    found = _DEFINES.search(lowered)
    if found is None:
        return False
    if _VERSUS.fullmatch(found.group(0).strip()) and _COMPARED_FOR.search(lowered):
        return bool(_DEFINES.search(_VERSUS.sub(" ", lowered)))
    return True


def _measure(lowered: str) -> str:
    """The first measure a value question names ("sales" of "the sales of store 12")."""
    found = _MEASURE.search(lowered)
    return found.group(0) if found else ""


def _counted(lowered: str) -> str:
    """The first content word after "how many" / "how much": what is counted."""
    found = _COUNTED.search(lowered)
    if found is None:
        return ""
    first = found.group("rest").split(maxsplit=1)[0] if found.group("rest").split() else ""
    if first in HEADS:
        return first  # "how many people": a head count, though "people" says little
    # "How many kafka partitions does the topic have": the last word of the phrase
    # before its verb is what is counted; "kafka" only says which.
    phrase = content_words(_PHRASE_END.split(found.group("rest"), maxsplit=1)[0])
    if phrase:
        return phrase[-1]
    rest = content_words(found.group("rest"))
    return rest[0] if rest else ""


# What a price is of: the word before it ("the egress price", "storage fees") or after
# "of" / "for" ("the price of a seat").
_PRICED = (
    re.compile(r"\b(?P<word>[a-z][\w-]*) (?:price|prices|pricing|fee|fees|cost|costs)\b"),
    re.compile(
        r"\b(?:price|prices|pricing|fee|fees|cost|costs) (?:of|for) (?:the |a |an |one )?"
        r"(?P<word>[a-z][\w-]*)"
    ),
)


def _priced(lowered: str) -> str:
    """The thing a price asked is of, when the question names one ("what's the egress
    price per GB": egress); a passage stating a price of something else does not answer."""
    for pattern in _PRICED:
        for found in pattern.finditer(lowered):
            named = content_words(found.group("word"))
            if named:
                return named[0]
    return ""


# "What's the budget for the shop project", "who's our account manager at the vendor",
# "what's the cluster size": the question asks one attribute (the noun after "the" /
# "our") of something it names. A passage that never names that attribute states
# another fact of the same thing, however many of the thing's words it shares.
_ATTRIBUTE = re.compile(
    r"(?:^|[,;?.!:]\s*|\band\s+)(?:(?:hey|hi|so|ok|okay|quick question)\W+)*"
    r"(?:what'?s|whats|what is|what are|who'?s|whos|who is|who are) (?:the|our|their|its) "
    r"(?:[\w-]+ ){0,1}?(?:(?P<modifier>[a-z][\w-]*) )??(?P<noun>[a-z][\w-]*)"
    r"(?:(?P<of> (?:of|for|at|on|in|behind|with)\b)|(?=\s*(?:[,;?.!]|$)))"
)
# Nouns that name no attribute of their own: what the question is about is elsewhere
# ("what's the process for", "who's the person for", "what's the difference between").
_NO_ATTRIBUTE = word_set(
    """
    person people one ones guy team contact contacts point way ways process procedure steps
    step deal story thing things idea difference differences status state name names rule
    rules plan best right main current latest new next first last situation policy
    reason reasoning rationale purpose use meaning definition
    """
)


def _attribute(lowered: str) -> str:
    """The attribute a "what's the X of Y" question asks, as content words (the noun,
    after the word before it when that is one and Y follows: "account manager"); ""
    when it asks none (a generic noun, or another form of question)."""
    found = _ATTRIBUTE.search(lowered)
    if found is None:
        return ""
    noun = found.group("noun")
    if noun in _NO_ATTRIBUTE:
        return ""
    named = content_words(noun)
    if not named:
        return ""
    # "The account manager at X": the modifier says which manager X has. With nothing
    # named after it ("what's the seed fund budget") the words before the noun are
    # what the attribute is of, not which attribute.
    modifier = content_words(found.group("modifier") or "") if found.group("of") else []
    return f"{modifier[0]} {named[0]}" if modifier else named[0]


# "Which cloud region is", "which team requested": one or two words after "which", then
# the verb (a longer phrase, "which data quality checks run", is not read: its verb is
# not known).
_WHICH = re.compile(
    r"(?:^|[,;?.!:]\s*|\band\s+)(?:(?:in|on|from|for|to|at) )?which (?:[\w-]+ )?(?P<kind>[\w-]+) "
    r"(?:is|are|was|were|does|do|did|should|can|could|will|would|has|have)\b"
)
# Catalogue things are named, not called by their kind ("which systems feed it" is
# answered by "pos and crm"), and a day or a version is written as one ("on Fridays",
# "3.11"): their kind word need not be written.
_NAMED_KINDS = frozenset(
    {
        *("system", "systems", "source", "sources", "dataset", "datasets", "table", "tables"),
        *("product", "products", "domain", "domains", "one", "ones", "stage", "layer", "zone"),
        *("day", "days", "date", "time", "week", "month", "year", "weekday", "version"),
    }
)


def _which(lowered: str) -> str:
    """The kind of thing a "which X" question asks for ("which cloud region is the
    store in": region); a passage naming no such thing names no answer."""
    found = _WHICH.search(lowered)
    if found is None or found.group("kind") in _NAMED_KINDS:
        return ""
    named = content_words(found.group("kind"))
    return named[0] if named else ""


# Where the noun phrase after "how many" ends: its verb, or a preposition after it.
_PHRASE_END = re.compile(
    r"\b(?:does|do|did|is|are|was|were|has|have|had|can|could|will|would|should|may|might|"
    r"per|in|of|on|for|at|from|there|we|they|you|i|it)\b"
)
