"""The map page's reference figures as the public may see them: primary and secondary
suppression over every figure of the page (:mod:`planning.domain.disclosure`).

What a reader of the map page sees, and how the figures are linked (all of it is put into
the suppression model, so the hidden cells cannot be worked back by subtraction):

- needs ``V[m,g,s]`` per municipality, target group and service (the needs layer for one
  group and one service), their sums over services ``V[m,g,*]`` (the municipalities table's
  group columns; the layer for a group and all services), over groups ``V[m,*,s]`` (the
  layer for all groups and one service) and over both ``V[m,*,*]`` (needs in total); the
  needs of each planning region and of Latvia (the page's key figure);
- clients of each institution per group ``c[i,g]`` and in total ``c[i,*]`` (table, tooltip,
  marker size), the clients of each region and of Latvia (key figure); its places;
- licensed places and places in use of each existing service (table, tooltip, marker size),
  the licensed places of each region and of Latvia (key figure).

Per 10,000 residents is withheld wherever its need is hidden (with the population it gives
the need back), a hidden figure draws a marker of one size and a needs area of one colour.

Cell keys: ``("V", code, group, service)`` with ``""`` for all groups or services;
``("VA", region)``, ``("cA", region)``, ``("LA", region)`` for an area (``""`` = Latvia);
``("c", institution, group)``, ``("cap", institution)``; ``("L", service_point)``,
``("Lu", service_point)``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from planning.domain import disclosure, geo, reference
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.disclosure import Cell, LinkedTables, Relation
from planning.domain.privacy import SMALL, WITHHELD

ALL = ""
GROUP_COLUMNS = reference.INSTITUTION_CLIENT_COLUMNS  # column -> group id
# Price of hiding a figure: a base cell is cheapest, a margin dearer, an area's total dearest.
COST = {"base": 1.0, "margin": 3.0, "total": 5.0, "area": 50.0}


@dataclass(frozen=True)
class ProtectedReference:
    """Which reference figures are hidden: ``primary`` ones ("<5") and the others that
    protect them ("…")."""

    primary: frozenset[Hashable]
    hidden: frozenset[Hashable]

    def shown(self, key: Hashable, value: object) -> object:
        if key in self.primary:
            return SMALL
        if key in self.hidden:
            return WITHHELD
        return value


def need_services(catalogue: Catalogue) -> dict[str, list[str]]:
    """The services each group can need (the map's service choices for that group)."""
    return {g: [s.id for s in catalogue.services_for_group(g)] for g in catalogue.groups}


def _area_keys(region_of: pd.Series) -> dict[str, list[Hashable]]:
    """Areas whose totals the page shows: each planning region and Latvia."""
    areas = {r: list(region_of.index[region_of == r]) for r in geo.REGIONS}
    areas[ALL] = list(region_of.index)
    return areas


class _Builder:
    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self.relations: list[Relation] = []

    def cell(self, key: Hashable, value: float, kind: str) -> Hashable:
        self.cells.append(Cell(key, float(value), cost=COST[kind]))
        return key

    def total(self, key: Hashable, value: float, parts: list[Hashable], kind: str) -> None:
        self.cell(key, value, kind)
        self.relations.append(Relation({key: 1.0, **{p: -1.0 for p in parts}}))


def _needs(b: _Builder, division: str, catalogue: Catalogue) -> None:
    needs = reference.illustrative_needs(division, catalogue)
    cube = needs.groupby(["atvk_code", "group", "service"])["count"].sum()
    munis = geo.municipalities(division).set_index("atvk_code")["planning_region"]
    per_group = need_services(catalogue)
    services = sorted({s for ss in per_group.values() for s in ss})
    for m in munis.index:
        base = {(g, s): b.cell(("V", m, g, s), cube.get((m, g, s), 0), "base")
                for g, ss in per_group.items() for s in ss}
        for g, ss in per_group.items():
            b.total(("V", m, g, ALL), sum(cube.get((m, g, s), 0) for s in ss),
                    [base[g, s] for s in ss], "margin")
        for s in services:
            groups = [g for g, ss in per_group.items() if s in ss]
            b.total(("V", m, ALL, s), sum(cube.get((m, g, s), 0) for g in groups),
                    [base[g, s] for g in groups], "margin")
        b.total(("V", m, ALL, ALL), cube.get(m, pd.Series(dtype=int)).sum(),
                [("V", m, g, ALL) for g in per_group], "total")
    for area, members in _area_keys(munis).items():
        b.total(("VA", area), sum(cube.get(m, pd.Series(dtype=int)).sum() for m in members),
                [("V", m, ALL, ALL) for m in members], "area")


def _institutions(b: _Builder, division: str) -> None:
    inst = reference.institutions(division)
    region_of = inst["atvk_code"].map(geo.municipalities(division).set_index("atvk_code")[
        "planning_region"])
    for r in inst.itertuples():
        parts = [b.cell(("c", r.institution_id, g), getattr(r, col), "base")
                 for col, g in GROUP_COLUMNS.items()]
        b.total(("c", r.institution_id, ALL), r.clients_total, parts, "total")
        b.cell(("cap", r.institution_id), r.places, "base")
    ids = pd.Series(list(inst["institution_id"]), index=list(region_of))
    for area in (*geo.REGIONS, ALL):
        members = list(ids) if area == ALL else list(ids[ids.index == area])
        value = inst["clients_total"].sum() if area == ALL else inst.loc[
            region_of == area, "clients_total"].sum()
        b.total(("cA", area), value, [("c", i, ALL) for i in members], "area")


def _services(b: _Builder, division: str) -> None:
    serv = reference.existing_services(division)
    region_of = serv["atvk_code"].map(geo.municipalities(division).set_index("atvk_code")[
        "planning_region"])
    for r in serv.itertuples():
        b.cell(("L", r.service_id), r.places_licensed, "base")
        b.cell(("Lu", r.service_id), r.places_in_use, "base")
    for area in (*geo.REGIONS, ALL):
        inside = serv if area == ALL else serv[region_of == area]
        b.total(("LA", area), inside["places_licensed"].sum(),
                [("L", i) for i in inside["service_id"]], "area")


def linked_tables(division: str, catalogue: Catalogue | None = None) -> LinkedTables:
    """Every figure of the map page as a cell, with the sums that link them."""
    catalogue = catalogue or load_catalogue()
    b = _Builder()
    _needs(b, division, catalogue)
    _institutions(b, division)
    _services(b, division)
    return LinkedTables(b.cells, b.relations)


@lru_cache(maxsize=4)
def reference_tables(division: str = geo.DEFAULT_DIVISION) -> LinkedTables:
    """:func:`linked_tables` of the embedded catalogue (built once per division)."""
    return linked_tables(division)


@lru_cache(maxsize=4)
def fingerprint(division: str = geo.DEFAULT_DIVISION) -> str:
    """A key of the map page's figures and how they are linked (:func:`reference_tables`)."""
    tables = reference_tables(division)
    digest = hashlib.sha256()
    for c in tables.cells:
        digest.update(repr(c).encode())
    for r in tables.relations:
        digest.update(repr(sorted(r.coefficients.items(), key=str)).encode())
        digest.update(repr(r.constant).encode())
    return digest.hexdigest()


_PROTECTED: dict[str, ProtectedReference] = {}


def protected_reference(division: str = geo.DEFAULT_DIVISION) -> ProtectedReference:
    """The hidden figures of the map page on the embedded data (chosen once per division and
    process, unless a kept choice was given to :func:`keep`)."""
    if division not in _PROTECTED:
        tables = reference_tables(division)
        keep(division, disclosure.protect(tables, insiders=insiders(tables)))
    return _PROTECTED[division]


def insiders(tables: LinkedTables) -> dict[str, set[Hashable]]:
    """What each municipality knows of the map's figures in full: its residents' need per
    service, which its own page of a plan over the embedded needs shows
    (``planning.store.published.own_allocations``). Protected against, so that a
    municipality cannot take its own figures from a total and so find another's."""
    out: dict[str, set[Hashable]] = {}
    for key in tables.by_key:
        if key[0] == "V" and len(key) == 4 and key[2] == ALL and key[3] != ALL:
            out.setdefault(key[1], set()).add(key)
    return out


def keep(division: str, hidden: frozenset[Hashable]) -> ProtectedReference:
    """Use ``hidden`` (a choice kept by ``planning.store.suppression`` under the map's key) as
    the map page's protection in this process; its small counts are hidden whatever it says."""
    tables = reference_tables(division)
    primary = frozenset(k for k in tables.primaries() if not tables.by_key[k].masked)
    _PROTECTED[division] = ProtectedReference(
        primary=primary, hidden=frozenset(hidden) | frozenset(tables.primaries()))
    return _PROTECTED[division]
