"""LoadedRepository → Platform: raw values into the typed model.

Tolerant on purpose: previews must render while a pull request still has errors,
so a value of the wrong type becomes a neutral default and a document without an
id is skipped; validation is where problems are reported, never here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any, TypeVar

from paved.generator.core.decision_log import build_decisions, cited_by_id
from paved.generator.core.load.types import LoadedRepository, MarkdownDoc, Sheet
from paved.generator.core.model import (
    Classification,
    Column,
    Contact,
    Custodian,
    Dataset,
    Decision,
    DocPage,
    Domain,
    IntegrationPoint,
    LineageEdge,
    PersonalData,
    Platform,
    Product,
    ProductStatus,
    System,
)
from paved.generator.core.validate.ids import str_list, wid_id

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class CatalogueModel:
    """The part of the model made from the catalogue's sheets alone: the same sheets
    give the same part, so ``paved serve`` reuses it while ``custodians/`` is unchanged
    (typing 200,000 columns is a second of a large rebuild)."""

    domains: dict[str, Domain]
    custodians: dict[str, Custodian]
    systems: dict[str, System]
    datasets: dict[str, Dataset]
    lineage: tuple[LineageEdge, ...]
    sheet_paths: dict[str, str]


def catalogue_model(
    sheets: Mapping[str, Sheet], columns: Mapping[str, Sequence[Column]] | None = None
) -> CatalogueModel:
    """``columns``: ``column_index(sheets["columns"])`` when the caller kept it (``paved
    serve``: the 200,000 typed columns of a large catalogue were half a second of every
    catalogue edit, though an edit of another sheet leaves them as they were)."""
    if columns is None:
        columns = column_index(sheets.get("columns"))
    return CatalogueModel(
        domains=_keyed(_domain(v) for v in _rows(sheets, "domains")),
        custodians=_keyed(_custodian(v) for v in _rows(sheets, "custodians")),
        systems=_keyed(_system(v) for v in _rows(sheets, "systems")),
        datasets=_keyed(_dataset(v, columns) for v in _rows(sheets, "datasets")),
        lineage=tuple(e for v in _rows(sheets, "lineage") if (e := _edge(v)) is not None),
        sheet_paths={name: sheet.path for name, sheet in sheets.items()},
    )


def build_platform(loaded: LoadedRepository, catalogue: CatalogueModel | None = None) -> Platform:
    """The model of ``loaded``; ``catalogue``: ``catalogue_model(loaded.sheets)`` when
    the caller already has it."""
    part = catalogue or catalogue_model(loaded.sheets)
    return Platform(
        products=cited_by_id(_keyed(_product(doc) for doc in loaded.wids), loaded),
        decisions=build_decisions(loaded),
        domains=part.domains,
        custodians=part.custodians,
        systems=part.systems,
        datasets=part.datasets,
        lineage=part.lineage,
        docs=_keyed_docs(loaded),
        sheet_paths=part.sheet_paths,
    )


# ---------------------------------------------------------------- value helpers


def _text(value: Any, default: str = "") -> str:
    if value is None:
        return default
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return default


def _opt(value: Any) -> str | None:
    text = _text(value).strip()
    return text or None


def _enum(kind: type[E], value: Any, default: E) -> E:
    try:
        return kind(value)
    except ValueError:
        return default


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(str_list(value))


T = TypeVar("T", Product, Decision, Domain, Custodian, System, Dataset)


def _keyed(items: Any) -> dict[str, T]:
    """First one wins on duplicate ids (validation reports the duplicate)."""
    out: dict[str, T] = {}
    for item in items:
        if item is not None and item.id and item.id not in out:
            out[item.id] = item
    return out


def _rows(sheets: Mapping[str, Sheet], name: str) -> list[Mapping[str, Any]]:
    sheet = sheets.get(name)
    return [row.values for row in sheet.rows] if sheet is not None else []


# ---------------------------------------------------------------- documents


def _contact(value: Any) -> Contact | None:
    data = _map(value)
    name, email = _opt(data.get("name")), _opt(data.get("email"))
    if name is None and email is None:
        return None
    return Contact(name=name or "", email=email or "", slack=_opt(data.get("slack")))


def _points(value: Any) -> tuple[IntegrationPoint, ...]:
    points = []
    for item in value if isinstance(value, list) else []:
        data = _map(item)
        system = _opt(data.get("system"))
        if system is None:
            continue
        points.append(
            IntegrationPoint(
                system=system,
                method=_text(data.get("method")),
                frequency=_opt(data.get("frequency")),
                description=_opt(data.get("description")),
            )
        )
    return tuple(points)


def _personal(value: Any) -> PersonalData:
    data = _map(value)
    pseudo = data.get("pseudonymised")
    return PersonalData(
        present=data.get("present") is True,
        categories=_tuple(data.get("categories")),
        legal_basis=_opt(data.get("legal_basis")),
        retention=_opt(data.get("retention")),
        pseudonymised=pseudo if isinstance(pseudo, bool) else None,
    )


def _product(doc: MarkdownDoc) -> Product | None:
    ident = wid_id(doc)
    if ident is None:
        return None
    fm = doc.front_matter
    integration = _map(fm.get("integration"))
    upstream = _map(fm.get("upstream"))
    return Product(
        id=ident,
        title=_text(fm.get("title")) or doc.title or ident,
        status=_enum(ProductStatus, fm.get("status"), ProductStatus.DRAFT),
        domain=_text(fm.get("domain")),
        business_owner=_contact(fm.get("business_owner")),
        technical_contact=_contact(fm.get("technical_contact")),
        custodian=_opt(fm.get("custodian")),
        value_proposition=_text(fm.get("value_proposition")),
        strategic_pillar=_opt(fm.get("strategic_pillar")),
        lifecycle_stage=_text(fm.get("lifecycle_stage")),
        surfaced_as=_tuple(fm.get("surfaced_as")),
        ingress=_points(integration.get("ingress")),
        egress=_points(integration.get("egress")),
        upstream_systems=_tuple(upstream.get("systems")),
        upstream_datasets=_tuple(upstream.get("datasets")),
        classification=_enum(Classification, fm.get("classification"), Classification.RESTRICTED),
        personal_data=_personal(fm.get("personal_data")),
        related_adrs=_tuple(fm.get("related_adrs")),
        tags=_tuple(fm.get("tags")),
        created=_opt(fm.get("created")),
        path=doc.path,
        body=doc.body,
        sections=doc.sections,
    )


def _docs_path(path: str) -> str:
    """``docs/get-started/index.md`` → ``get-started/index.md`` (relative to docs/)."""
    parts = PurePosixPath(path).parts
    return str(PurePosixPath(*parts[1:])) if parts and parts[0] == "docs" else path


def _keyed_docs(loaded: LoadedRepository) -> dict[str, DocPage]:
    out: dict[str, DocPage] = {}
    for doc in loaded.docs:
        rel = _docs_path(doc.path)
        fm = doc.front_matter
        title = _opt(fm.get("title")) or doc.title or PurePosixPath(rel).stem.replace("-", " ")
        out.setdefault(
            rel,
            DocPage(
                path=rel,
                title=title,
                owner=_opt(fm.get("owner")),
                review_by=_opt(fm.get("review_by")),
                sections=doc.sections,
                body=doc.body,
                tags=_tuple(fm.get("tags")),
            ),
        )
    return out


# ---------------------------------------------------------------- catalogue


def _domain(v: Mapping[str, Any]) -> Domain | None:
    ident = _opt(v.get("id"))
    if ident is None:
        return None
    return Domain(
        id=ident,
        name=_text(v.get("name")) or ident,
        description=_text(v.get("description")),
        lead=_opt(v.get("lead")),
    )


def _custodian(v: Mapping[str, Any]) -> Custodian | None:
    ident = _opt(v.get("id"))
    if ident is None:
        return None
    return Custodian(
        id=ident,
        name=_text(v.get("name")) or ident,
        email=_text(v.get("email")),
        slack=_opt(v.get("slack")),
        role=_opt(v.get("role")),
        domains=_tuple(v.get("domains")),
        expertise=_tuple(v.get("expertise")),
    )


def _system(v: Mapping[str, Any]) -> System | None:
    ident = _opt(v.get("id"))
    if ident is None:
        return None
    return System(
        id=ident,
        name=_text(v.get("name")) or ident,
        domain=_text(v.get("domain")),
        owner=_opt(v.get("owner")),
        kind=_text(v.get("kind"), "other"),
        description=_text(v.get("description")),
    )


def column_index(sheet: Sheet | None) -> dict[str, list[Column]]:
    """The columns sheet's rows as typed columns, by dataset id."""
    by_dataset: dict[str, list[Column]] = {}
    for row in sheet.rows if sheet is not None else ():
        v = row.values
        dataset, name = _opt(v.get("dataset")), _opt(v.get("name"))
        if dataset is None or name is None:
            continue
        by_dataset.setdefault(dataset, []).append(
            Column(
                dataset=dataset,
                name=name,
                type=_text(v.get("type")),
                description=_text(v.get("description")),
                personal_data=v.get("personal_data") is True,
            )
        )
    return by_dataset


def _dataset(v: Mapping[str, Any], columns: Mapping[str, Sequence[Column]]) -> Dataset | None:
    ident = _opt(v.get("id"))
    if ident is None or "." not in ident:
        return None  # Dataset.table needs system.table; the schema reports the bad id
    return Dataset(
        id=ident,
        system=_text(v.get("system")) or ident.split(".", 1)[0],
        domain=_text(v.get("domain")),
        custodian=_opt(v.get("custodian")),
        description=_text(v.get("description")),
        classification=_enum(Classification, v.get("classification"), Classification.RESTRICTED),
        refresh=_opt(v.get("refresh")),
        columns=tuple(columns.get(ident, ())),
    )


def _edge(v: Mapping[str, Any]) -> LineageEdge | None:
    up, down = _opt(v.get("upstream")), _opt(v.get("downstream"))
    if up is None or down is None:
        return None
    return LineageEdge(
        upstream=up,
        downstream=down,
        stage=_text(v.get("stage")),
        description=_opt(v.get("description")),
    )
