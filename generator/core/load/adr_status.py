"""Status words as teams write them → Paved's five statuses, and back to the words.

A decision log is read as its authors wrote it: "Approved", "Pending", "Superceded",
"✅ Accepted", "on hold". Paved needs one of five statuses to sort, colour and answer
(``STATUSES``), so each written phrase is mapped, first by the team's own mapping
(``plugins: paved: adr_statuses`` in ``mkdocs.yml``), then by the built-in synonyms
below; the written phrase itself is kept and is what the portal and the bot show.
A phrase that maps to nothing stays as written and is reported once, as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")

#: Built-in synonyms (lower case, single spaces). The team's mapping wins over these.
#: English first, then the words logs written in French, Spanish, Portuguese, German,
#: Italian, Dutch, Russian, Ukrainian, Polish, Chinese, Japanese and Korean use (both
#: genders where the language has them).
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(
        (
            "proposed",
            "proposal",
            "draft",
            "pending",
            "in review",
            "under review",
            "review",
            "in progress",
            "wip",
            "open",
            "under discussion",
            "discussing",
            "under consideration",
            "on hold",
            "deferred",
            "postponed",
            "paused",
            "incomplete",
            "requested",
            "suggested",
            "rfc",
            "planned",
            "not started",
            "tbd",
            # Kubernetes enhancement proposals: agreed on what, not yet on how
            "provisional",
            # fr, es, pt, de, it, nl, zh, ja
            "proposé",
            "proposée",
            "brouillon",
            "en cours",
            "en discussion",
            "en revue",
            "propuesto",
            "propuesta",
            "borrador",
            "en revisión",
            "en discusión",
            "proposto",
            "proposta",
            "rascunho",
            "em revisão",
            "em discussão",
            "vorgeschlagen",
            "entwurf",
            "in prüfung",
            "in diskussion",
            "in bearbeitung",
            "in arbeit",
            "en attente",
            "en progreso",
            "en curso",
            "en espera",
            "em andamento",
            "em progresso",
            "em análise",
            "pendente",
            "in discussione",
            "提案",
            "保留",
            "进行中",
            "待定",
            "제안됨",
            "검토 중",
            "bozza",
            "in revisione",
            "voorgesteld",
            "concept",
            "提议",
            "提议中",
            "提案",
            "提案中",
            "草稿",
            "草案",
            "审核中",
            "讨论中",
            "検討中",
            "レビュー中",
            "tentative",
            "reviewed",  # Planguage: draft, reviewed, committed
            "to be discussed",
            "to be decided",
            "to be confirmed",
            "to be reviewed",
            "awaiting decision",
            "awaiting approval",
            "awaiting review",
            "предложено",
            "предложен",
            "предложена",
            "черновик",
            "на рассмотрении",
            "на согласовании",
            "в работе",
            "обсуждается",
            "запропоновано",
            "чернетка",
            "proponowane",
            "propozycja",
            "szkic",
        ),
        "proposed",
    ),
    **dict.fromkeys(
        (
            "accepted",
            "approved",
            "agreed",
            "adopted",
            "decided",
            "done",
            "final",
            "finalized",
            "finalised",
            "implemented",
            "active",
            "in use",
            "current",
            "in effect",
            "in force",
            "effective",
            "confirmed",
            "completed",
            "complete",
            "partly superseded",
            "partially superseded",
            "partly accepted",
            "partially accepted",
            "partly implemented",
            "partially implemented",
            "amended",
            # Kubernetes enhancement proposals: approved to build, shipped behind a flag
            "implementable",
            "committed",  # Planguage's last step
            "experimental",
            # fr, es, pt, de, it, nl, zh, ja
            "accepté",
            "acceptée",
            "acceptee",
            "approuvé",
            "approuvée",
            "adopté",
            "adoptée",
            "implémenté",
            "implémentée",
            "implementado",
            "implementada",
            "verabschiedet",
            "freigegeben",
            "validé",
            "validée",
            "décidé",
            "décidée",
            "en vigueur",
            "aceptado",
            "aceptada",
            "aprobado",
            "aprobada",
            "adoptado",
            "adoptada",
            "vigente",
            "aceito",
            "aceita",
            "aceite",
            "aprovado",
            "aprovada",
            "adotado",
            "adotada",
            "akzeptiert",
            "angenommen",
            "genehmigt",
            "beschlossen",
            "entschieden",
            "umgesetzt",
            "accettato",
            "accettata",
            "approvato",
            "approvata",
            "adottato",
            "adottata",
            "geaccepteerd",
            "aangenomen",
            "goedgekeurd",
            "已接受",
            "接受",
            "已采纳",
            "采纳",
            "已批准",
            "批准",
            "通过",
            "已通过",
            "完成",
            "已完成",
            "实现",
            "已实现",
            "已实施",
            "完了",
            "実装済み",
            "採用済み",
            "採択済み",
            "承認済",
            "승인됨",
            "채택됨",
            "已採納",
            "採納",
            "承認",
            "承認済み",
            "採用",
            "採択",
            "決定",
            "принято",
            "принят",
            "принята",
            "утверждено",
            "утверждён",
            "утвержден",
            "одобрено",
            "реализовано",
            "внедрено",
            "прийнято",
            "затверджено",
            "zaakceptowane",
            "zaakceptowana",
            "przyjęte",
            "zatwierdzone",
        ),
        "accepted",
    ),
    **dict.fromkeys(
        (
            "rejected",
            "declined",
            "refused",
            "abandoned",
            "withdrawn",
            "not accepted",
            "denied",
            "dropped",
            "cancelled",
            "canceled",
            "discarded",
            "rejeté",
            "rejetée",
            "refusé",
            "refusée",
            "abandonné",
            "abandonnée",
            "rechazado",
            "rechazada",
            "descartado",
            "descartada",
            "rejeitado",
            "rejeitada",
            "recusado",
            "recusada",
            "abgelehnt",
            "verworfen",
            "rifiutato",
            "rifiutata",
            "respinto",
            "respinta",
            "afgewezen",
            "已拒绝",
            "拒绝",
            "已否决",
            "否决",
            "却下",
            "不採用",
            "取り下げ",
            "zurückgezogen",
            "retiré",
            "retirée",
            "retirado",
            "retirada",
            "cancelado",
            "cancelada",
            "거부됨",
            "отклонено",
            "отклонён",
            "отклонен",
            "отклонена",
            "отвергнуто",
            "відхилено",
            "odrzucone",
            "odrzucona",
        ),
        "rejected",
    ),
    **dict.fromkeys(
        (
            "deprecated",
            "obsolete",
            "retired",
            "sunset",
            "archived",
            "outdated",
            "legacy",
            "revoked",
            "reverted",
            "déprécié",
            "dépréciée",
            "obsolète",
            "obsoleto",
            "obsoleta",
            "deprecado",
            "deprecada",
            "depreciado",
            "depreciada",
            "obsoleto",
            "veraltet",
            "überholt",
            "deprecato",
            "deprecata",
            "verouderd",
            "已废弃",
            "废弃",
            "已弃用",
            "弃用",
            "已過時",
            "非推奨",
            "廃止",
            "廃止済み",
            "已废止",
            "descontinuado",
            "descontinuada",
            "폐기됨",
            "устарело",
            "устаревшее",
            "упразднено",
            "отменено",
            "застаріло",
            "przestarzałe",
            "wycofane",
        ),
        "deprecated",
    ),
    **dict.fromkeys(
        (
            "superseded",
            "superceded",
            "replaced",
            "superseeded",
            "supersceded",
            "overridden",
            "remplacé",
            "remplacée",
            "reemplazado",
            "reemplazada",
            "sustituido",
            "sustituida",
            "substituído",
            "substituída",
            "substituido",
            "substituida",
            "ersetzt",
            "abgelöst",
            "sostituito",
            "sostituita",
            "vervangen",
            "已取代",
            "被取代",
            "已替代",
            "被替代",
            "替代",
            "已被取代",
            "置き換え",
            "置換",
            "置き換え済み",
            "superato",
            "superata",
            "대체됨",
            "заменено",
            "заменён",
            "заменен",
            "заменена",
            "замещено",
            "замінено",
            "zastąpione",
            "zastąpiona",
        ),
        "superseded",
    ),
}

# Leading decoration teams put before the word: emoji, bullets, brackets, asterisks.
_LEADING = re.compile(r"^[^\w\[]*+")
#: A date written before the word ("2020-02-01: Accepted", "2020-02-01 - Proposed").
_LEADING_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ \t]*+[:\-–—|][ \t]*+|[ \t]++)")
#: A word in any script (letters, not digits or "_"), hyphens inside ("re-opened").
_WORD = r"[^\W\d_](?:[^\W\d_]|-)*+"
_WORDS = re.compile(rf"{_WORD}(?:[ \t]++{_WORD})*+")
#: A Markdown link; its text is what the reader sees ("[Accepted](https://...pull/541)").
_LINK = re.compile(r"\[([^\[\]]*+)\]\([^()]*+\)")
#: "Superseded by", "Superceded by", "Replaced by" and the same in French, Spanish,
#: Portuguese, German, Italian and Dutch (the link or id follows; "by" may be left out:
#: "⌛️ Superseded [0019](0019-x.md)").
SUCCESSOR_PHRASE = re.compile(
    r"^(?P<word>(?:partly[ \t]++|partially[ \t]++)?"
    r"(?:superseded|superceded|superseeded|replaced|overridden|remplac[ée]e?"
    r"|reemplazad[oa]|sustituid[oa]|substitu[íi]d[oa]|ersetzt|abgelöst|sostituit[oa]"
    r"|vervangen|замен[её]н[оа]?|замещен[оа]?|замінено|zastąpion[ea]))(?![^\W\d_])"
    r"(?:[ \t]++(?:by|par|por|durch|von|da|door|на|решением|przez)(?![^\W\d_]))?[ \t:]*+",
    re.IGNORECASE,
)


def key(phrase: str) -> str:
    """The lookup form of a written phrase: lower case, single spaces, no full stop."""
    return " ".join(phrase.lower().replace("_", " ").split()).rstrip(".:;,!")


def written_phrase(text: str) -> str:
    """The status as written, without decoration or the explanation after it.

    ``"✅ Accepted"`` → ``Accepted``; ``"❌ Rejected (see [019](...))"`` → ``Rejected``;
    ``"Accepted on 2026-09-08 for ..."`` → ``Accepted``; ``"Partly superseded"`` stays.
    Known two-word phrases ("in review", "on hold") are kept whole; otherwise the
    longest leading run of words that maps, else the first run of words.
    """
    stripped = _LEADING.sub("", _LINK.sub(r"\1", text.strip())).strip()
    stripped = _LEADING.sub("", _LEADING_DATE.sub("", stripped)).strip()
    match = _WORDS.match(stripped)
    if match is None:
        return stripped.strip("*_[] ")
    words = match.group(0).split()
    for size in range(min(len(words), 3), 0, -1):
        candidate = " ".join(words[:size])
        if key(candidate) in SYNONYMS:
            return candidate
    return match.group(0)


def canonical(phrase: str | None, team: Mapping[str, str]) -> str | None:
    """One of ``STATUSES`` for a written phrase, or ``None`` when nothing maps it."""
    if not phrase:
        return None
    looked_up = key(phrase)
    if looked_up in team:
        return team[looked_up]
    if looked_up in SYNONYMS:
        return SYNONYMS[looked_up]
    first = looked_up.split(" ", 1)[0]
    return team.get(first) or SYNONYMS.get(first)


#: Words that undo a status named in a sentence ("was not accepted", "n'est pas adopté").
_NEGATIONS = frozenset(
    {"not", "never", "no", "nor", "nicht", "nie", "kein", "keine", "pas", "jamais", "non"}
    | {"nunca", "não", "nao", "mai", "niet", "geen", "未", "不", "没有", "没"}
)
#: Synonyms too common in prose to say a sentence's status ("the current design").
_TOO_COMMON = frozenset(
    {"open", "current", "active", "final", "review", "concept", "legacy", "effective"}
    | {"planned", "done", "complete", "draft", "proposal", "requested", "suggested"}
)
_SENTENCE_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*+")


def sentence_status(phrase: str, team: Mapping[str, str]) -> str | None:
    """The status a sentence written as the status says ("The two points above have been
    implemented" → accepted): the one status its words name, when they name exactly one
    and nothing negates it; ``None`` otherwise. For a phrase ``canonical`` cannot map."""
    words = [w.lower() for w in _SENTENCE_WORD.findall(phrase)]
    if len(words) < 3 or any(w in _NEGATIONS or w.endswith(("n't", "n’t")) for w in words):
        return None
    found: set[str] = set()
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start : start + size])
            if candidate in _TOO_COMMON:
                continue
            mapped = team.get(candidate) or SYNONYMS.get(candidate)
            if mapped is not None:
                found.add(mapped)
    return found.pop() if len(found) == 1 else None
