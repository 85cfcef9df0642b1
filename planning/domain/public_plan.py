"""The public view of a plan: every figure a reader without detail rights may see, already
protected by primary and secondary suppression (:mod:`planning.domain.disclosure`).

:func:`public_plan` is the only way to build a :class:`PublicPlan` from a result; the class
refuses any count 1-4 and holds no hidden value (a hidden cell is stored as its marker:
``"<5"`` for a small count, ``"…"`` for a cell withheld to protect one). Pages and exports
that serve the public draw only this, so what they show is protected by construction.

What the public sees, and how the figures are linked (the relations an attacker can use,
all of them put into the suppression model):

- ``places``: new places ``y[m,s]`` and new facilities ``n[m,s]`` per municipality and
  service. Facilities are not counts of persons and stay published; the size norms then tell
  an attacker ``min_s n <= y <= max_s n``.
- ``municipalities``: need ``N = served + unmet``; new places ``P[m] = sum_s y[m,s]``; new
  facilities; investment ``I[m] = sum_s (c_s y[m,s] + f_s n[m,s])`` (public norms, cost
  contingency included); ERDF and co-financing are fixed shares of ``I[m]`` and coverage is
  served / need, so they are shown exactly where the figures they come from are.
- ``regions``: the sums of need, served, unmet, places and investment; staff
  ``sum (staff/place y + staff/facility n)``; running cost ``sum (cost/place-year y)`` plus
  the mentors' part (published nowhere on its own); budgets (inputs) and the share used.
- ``totals``: the same sums over the plan's regions (key figures); mean distance per served
  client only where the served total is shown.
- ``unmet_causes``: unmet clients per cause, adding up to the unmet total.
- ``institutions``: per region and group, clients in institutions now, moved to community
  places, admissions (an input) and places left (``now - moved + admissions``).

Money, staff and places per municipality and service (the workbook's detail), flows, needs
per care level and the optimizer's explanation are not in the public view: they stay with
the roles that may see details. So do persons per priority class and per package: the
persons in need of a class are a new sum of needs (those leaving an institution are the
needs of the residential services over the region), which would give back a hidden cell of
the map page's needs per municipality x group x service (protected on their own, not linked
with these tables). The view carries the rules the plan followed (``rules``: the order of
goals and the priorities), which are settings, not counts.

The map page shows the same persons: where the plan counts the embedded needs, its need
per municipality is the map's needs in total there, and its clients of institutions per
region and group are the sums of the map's institutions'. The suppression therefore runs
over both (:func:`joint_tables`): the map page's figures enter as given cells with the
map's own suppression, linked to the plan's by those equalities, and the plan's need and
institution cells are hidden exactly where their twins on the map are. Every plan over the
same needs (versions of one scenario, the plans on the compare page) thus shows its shared
cells with the map's one pattern, and none can undo the map's suppression or another's.

A municipality sees its own rows in full elsewhere
(``planning.store.published.own_allocations``), so the suppression also holds against each
municipality of the plan knowing its own rows.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from optimizer.problem import ProblemInput
from planning.domain import disclosure, geo, public_reference, reference, results
from planning.domain import user_services as us
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.disclosure import Cell, LinkedTables, Relation
from planning.domain.errors import FiguresOutdated
from planning.domain.optimizer_input import service_norm
from planning.domain.privacy import SMALL, THRESHOLD, WITHHELD

# Price of hiding a figure (the suppression hides the cheapest set): a cell of the places
# table is cheapest, a municipality's figure dearer, a region's or the plan's total dearest.
COST = {"y": 1.0, "N": 2.0, "Sv": 2.0, "U": 2.0, "P": 4.0, "I": 3.0, "C": 5.0, "M": 1.0,
        "Now": 1.0, "region": 50.0, "total": 60.0}
# Count columns of the public tables: none may hold a number 1-4.
PUBLIC_COUNTS = frozenset({"new_places", "need", "served", "unmet", "current_clients",
                           "moved_to_community", "net_places_left"})


def _is_small(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and not math.isnan(value) and 0 < abs(value) < THRESHOLD)


@dataclass(frozen=True)
class PublicPlan:
    """A plan as the public may see it (module docstring). Tables use ids (ATVK codes,
    service, group and cause ids, region names); hidden cells hold ``"<5"`` or ``"…"``."""

    label: str
    division: str
    region: str | None
    regions: tuple[str, ...]
    places: pd.DataFrame
    municipalities: pd.DataFrame
    region_table: pd.DataFrame
    totals: Mapping[str, object]
    unmet_causes: pd.DataFrame
    institutions: pd.DataFrame
    hidden_cells: int = 0
    meta: Mapping[str, object] = field(default_factory=dict)
    rules: results.PlanRules | None = None
    # the services the scenario added (planning.domain.user_services), to name them
    user_services: Mapping[str, Mapping[str, object]] = field(default_factory=dict)

    def with_services(self, catalogue: Catalogue) -> Catalogue:
        """``catalogue`` with the services the plan's scenario added."""
        base = catalogue.without_user_services()
        return base.with_user_services(us.services(dict(self.user_services), base),
                                       us.home_services(dict(self.user_services), base),
                                       us.centres(dict(self.user_services), base))

    def __post_init__(self) -> None:
        for name in ("places", "municipalities", "region_table", "unmet_causes",
                     "institutions"):
            frame = getattr(self, name)
            for col in PUBLIC_COUNTS & set(frame.columns):
                if frame[col].map(_is_small).any():
                    raise ValueError(f"a public table ({name}.{col}) may not hold a count 1-4")
        for key in PUBLIC_COUNTS | {"need_clients", "served_clients", "unmet_clients"}:
            if _is_small(self.totals.get(key)):
                raise ValueError(f"a public key figure ({key}) may not be a count 1-4")


# ---------------------------------------------------------------------- the linked tables
def _norms(result: results.ScenarioResult, catalogue: Catalogue,
           problem: ProblemInput | None = None) -> dict[str, dict[str, float]]:
    """The norms the figures follow: those of the problem the solution solved when it is
    known, else those of the result's inputs under ``catalogue``."""
    if problem is not None:
        services, contingency = problem.services, problem.cost_contingency
    else:
        services = [service_norm(s) for s in result.inputs.catalogue(catalogue).services.values()]
        contingency = result.inputs.cost_contingency
    factor = 1.0 + contingency
    return {norm.id: {"place": norm.investment_per_place * factor,
                      "facility": norm.investment_per_facility * factor,
                      "staff_place": norm.staff_per_place,
                      "staff_facility": norm.staff_per_facility,
                      "running_place": norm.running_cost_per_place_year,
                      "min": float(norm.min_places), "max": float(norm.max_places or math.inf)}
            for norm in services}


def _centre_costs(result: results.ScenarioResult, catalogue: Catalogue,
                  problem: ProblemInput | None = None) -> dict[str, tuple[float, float, float]]:
    """Per municipality, the shared (investment, staff, running cost a year) of its
    multifunctional centres, by the norms of ``problem`` or of the result's inputs: public
    norms times public centres, the constants of the municipality's money and staff."""
    if problem is not None:
        factor = 1.0 + problem.cost_contingency
        norms = {c.id: (c.investment_per_centre * factor, c.staff_per_centre,
                        c.running_cost_per_centre_year) for c in problem.centres}
    else:
        factor = 1.0 + result.inputs.cost_contingency
        norms = {cid: (c.investment_per_centre * factor, c.staff_per_centre,
                       c.running_cost_per_centre_year)
                 for cid, c in result.inputs.catalogue(catalogue).centres.items()}
    out: dict[str, tuple[float, float, float]] = {}
    for code, _site, cid in sorted({(r.municipality, getattr(r, "site_id", ""), r.centre)
                                    for r in result.solution.centres.itertuples()}):
        if cid not in norms:
            raise FiguresOutdated(f"the stored result of '{result.label}' has a centre "
                                  f"{cid!r} its norms do not know; compute the plan again")
        old = out.get(code, (0.0, 0.0, 0.0))
        out[code] = tuple(a + b for a, b in zip(old, norms[cid], strict=True))
    return out


def _mismatch(result: results.ScenarioResult, norms: Mapping[str, object]) -> str | None:
    """What makes the solution and the inputs (or norms) of ``result`` not one pair."""
    sol = result.solution
    regions = set(result.inputs.regions())
    solved = set(sol.regions["region"])
    if regions - solved:
        return f"regions without a solution: {', '.join(sorted(regions - solved))}"
    if set(sol.municipalities["region"]) - regions:
        return "municipalities of regions outside the inputs"
    unknown = set(sol.sites["service"]) - set(norms)
    if unknown:
        return f"services without a norm: {', '.join(sorted(unknown))}"
    return None


def linked_tables(result: results.ScenarioResult, catalogue: Catalogue | None = None, *,
                  problem: ProblemInput | None = None
                  ) -> tuple[LinkedTables, dict[str, set[Hashable]]]:
    """Every public figure of ``result`` as a cell, with the relations between them; and per
    municipality the cells it knows (its own rows). The norms are those of ``problem`` (what
    the solution solved) when given.

    Raises :class:`FiguresOutdated` when the figures break the relations (a result of other
    inputs or norms): no public view can be built from them."""
    norms = _norms(result, catalogue or load_catalogue(), problem)
    if (why := _mismatch(result, norms)) is not None:
        raise FiguresOutdated(f"the stored result of '{result.label}' does not match its "
                              f"inputs ({why}); compute the plan again")
    sol = result.solution
    sites = sol.sites[(sol.sites["new_places"] > 0) | (sol.sites["new_facilities"] > 0)]
    munis = sol.municipalities
    region_of = dict(zip(munis["municipality"], munis["region"], strict=True))
    cells: list[Cell] = []
    rels: list[Relation] = []
    insiders: dict[str, set[Hashable]] = {m: set() for m in munis["municipality"]}

    def cell(key: tuple, value: float, kind: str, *, count: bool = True,
             lower: float = 0.0, upper: float = math.inf, owner: str | None = None) -> tuple:
        cells.append(Cell(key, float(value), count=count, lower=lower, upper=upper,
                          cost=COST[kind]))
        if owner is not None:
            insiders[owner].add(key)
        return key

    def total(key: tuple, value: float, parts: list[tuple], kind: str, **kw) -> None:
        cell(key, value, kind, **kw)
        rels.append(Relation({key: 1.0, **{p: -1.0 for p in parts}}))

    by_muni: dict[str, list[tuple]] = {m: [] for m in munis["municipality"]}
    fixed_invest: dict[str, float] = dict.fromkeys(munis["municipality"], 0.0)
    invest_coef: dict[str, dict[tuple, float]] = {m: {} for m in munis["municipality"]}
    staff_coef: dict[str, dict[tuple, float]] = {r: {} for r in result.inputs.regions()}
    running_coef: dict[str, dict[tuple, float]] = {r: {} for r in result.inputs.regions()}
    fixed_staff: dict[str, float] = dict.fromkeys(result.inputs.regions(), 0.0)
    fixed_running: dict[str, float] = dict.fromkeys(result.inputs.regions(), 0.0)
    for code, (invest, staff, running) in _centre_costs(
            result, catalogue or load_catalogue(), problem).items():
        fixed_invest[code] += invest
        fixed_staff[region_of[code]] += staff
        fixed_running[region_of[code]] += running
    for r in sites.itertuples():
        nm, n = norms[r.service], float(r.new_facilities)
        floor = min(max(1.0, nm["min"] * n), r.new_places) if r.new_places > 0 else 0.0
        # places with no facility of their own are a centre's unit: one, of at most max
        key = cell(("y", r.municipality, r.service), r.new_places, "y", lower=floor,
                   upper=max(nm["max"] * max(n, 1.0), r.new_places), owner=r.municipality)
        by_muni[r.municipality].append(key)
        fixed_invest[r.municipality] += nm["facility"] * n
        invest_coef[r.municipality][key] = nm["place"]
        region = region_of[r.municipality]
        staff_coef[region][key] = nm["staff_place"]
        fixed_staff[region] += nm["staff_facility"] * n
        running_coef[region][key] = nm["running_place"]
    for m in munis.itertuples():
        code = m.municipality
        total(("P", code), m.new_places, by_muni[code], "P", owner=code)
        cell(("I", code), m.investment_eur, "I", count=False, owner=code)
        rels.append(Relation({("I", code): 1.0, **{k: -c for k, c in invest_coef[code].items()}},
                             fixed_invest[code]))
        total(("N", code), m.need, [cell(("Sv", code), m.served, "Sv", owner=code),
                                    cell(("U", code), m.unmet, "U", owner=code)], "N",
              owner=code)
    regions = sol.regions.set_index("region")
    for region in result.inputs.regions():
        mine = [c for c in munis["municipality"] if region_of[c] == region]
        row = regions.loc[region]
        for short, column in (("P", "new_places"), ("I", "investment_eur"), ("N", "need"),
                              ("Sv", "served"), ("U", "unmet")):
            total((f"{short}R", region), row[column], [(short, c) for c in mine], "region",
                  count=short != "I")
        staff = float(munis.loc[munis["region"] == region, "staff"].sum())
        cell(("S", region), staff, "region", count=False)
        rels.append(Relation({("S", region): 1.0,
                              **{k: -c for k, c in staff_coef[region].items()}},
                             fixed_staff[region]))
        cell(("R", region), row["running_eur_per_year"], "region", count=False)
        mentors = ("Rmentors", region)
        cells.append(Cell(mentors, float(munis.loc[munis["region"] == region,
                                                   "mentor_eur_per_year"].sum()),
                          count=False, published=False))
        rels.append(Relation({("R", region): 1.0, mentors: -1.0,
                              **{k: -c for k, c in running_coef[region].items()}},
                             fixed_running[region]))
    tot = sol.totals
    for short, key in (("P", "new_places"), ("I", "investment_eur"), ("N", "need_clients"),
                       ("Sv", "served_clients"), ("U", "unmet_clients")):
        total((f"{short}T",), tot[key], [(f"{short}R", r) for r in result.inputs.regions()],
              "total", count=short != "I")
    causes = results.unmet_by_cause(result)
    if len(causes):
        parts = [cell(("C", c), v, "C") for c, v in zip(causes["cause"], causes["unmet"],
                                                         strict=True)]
        rels.append(Relation({("UT",): 1.0, **{p: -1.0 for p in parts}}))
    inst = results.institution_places(result)
    for r in inst.itertuples():
        cell(("Now", r.region, r.group), r.current_clients, "Now")
        cell(("M", r.region, r.group), r.moved_to_community, "M")
    tables = LinkedTables(cells, rels)
    if broken := disclosure.violated(tables):
        raise FiguresOutdated(
            f"the stored result of '{result.label}' does not follow its norms "
            f"({len(broken)} figures disagree, e.g. {sorted(broken[0].coefficients, key=str)[0]})"
            "; compute the plan again")
    return tables, insiders


def joint_tables(tables: LinkedTables, result: results.ScenarioResult
                 ) -> tuple[LinkedTables, set[Hashable]]:
    """The plan's ``tables`` with the map page's figures as given cells, linked where they
    count the same persons (module docstring); and the cells hidden anyway: the map's
    hidden ones and their twins in the plan."""
    division = result.inputs.division
    ref = public_reference.reference_tables(division)
    cells, hidden = disclosure.given(ref, public_reference.protected_reference(division).hidden)
    links: list[Relation] = []
    twins: dict[Hashable, list[Hashable]] = {}
    institutions = _institution_cells(division)
    for key in tables.by_key:
        if key[0] == "N" and len(key) == 2:
            twins[key] = [("V", key[1], public_reference.ALL, public_reference.ALL)]
        elif key[0] == "Now":
            twins[key] = institutions.get(key[1:], [])
    for key, parts in twins.items():
        if parts and all(p in ref.by_key for p in parts) and abs(
                tables.by_key[key].value - sum(ref.by_key[p].value for p in parts)) < 1e-6:
            links.append(Relation({key: 1.0, **{p: -1.0 for p in parts}}))
            if hidden & set(parts):
                hidden.add(key)
    joint = LinkedTables([*tables.cells, *cells], [*tables.relations, *ref.relations, *links])
    return joint, hidden


def _institution_cells(division: str) -> dict[tuple[str, str], list[Hashable]]:
    """The map's cells of each group's clients in the institutions of each region."""
    inst = reference.institutions(division)
    region_of = inst["atvk_code"].map(geo.municipalities(division).set_index("atvk_code")[
        "planning_region"])
    out: dict[tuple[str, str], list[Hashable]] = {}
    for region, i in zip(region_of, inst["institution_id"], strict=True):
        for group in public_reference.GROUP_COLUMNS.values():
            out.setdefault((region, group), []).append(("c", i, group))
    return out


def suppressed(result: results.ScenarioResult, tables: LinkedTables,
               insiders: Mapping[str, set[Hashable]]) -> frozenset[Hashable]:
    """The cells of ``tables`` (:func:`linked_tables` of ``result``) to hide, for the public
    and every municipality, read together with the map page (:func:`joint_tables`)."""
    joint, hidden = joint_tables(tables, result)
    chosen = disclosure.protect(joint, insiders=insiders, hidden=hidden)
    return frozenset(k for k in chosen if k in tables.by_key)


# ---------------------------------------------------------------------- the view
def suppression(result: results.ScenarioResult, catalogue: Catalogue | None = None, *,
                problem: ProblemInput | None = None) -> frozenset[Hashable]:
    """The cells :func:`public_plan` hides for ``result`` (:func:`suppressed`): the costly
    part of the view, which a store may keep under :func:`suppression_key`."""
    tables, insiders = linked_tables(result, catalogue, problem=problem)
    return suppressed(result, tables, insiders)


def suppression_key(result: results.ScenarioResult, problem: ProblemInput | None = None,
                    catalogue: Catalogue | None = None) -> str:
    """A key of everything :func:`suppression` depends on: the result, the problem it
    solved, the catalogue, the map page's figures and the code that chooses what to hide
    (so a kept suppression is never used for other figures or by other rules)."""
    cat = result.inputs.catalogue(catalogue or load_catalogue())
    digest = hashlib.sha256()
    for part in (result.inputs.to_json(), json.dumps(result.solution.to_dict(), sort_keys=True,
                                                     default=str),
                 json.dumps(problem.to_dict(), sort_keys=True, default=str) if problem else "",
                 repr(cat),
                 public_reference.fingerprint(result.inputs.division), code_fingerprint()):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The source of the modules that decide what the public sees."""
    return hashlib.sha256(b"".join(
        Path(m.__file__).read_bytes() for m in (disclosure, public_reference,
                                                 sys.modules[__name__]))).hexdigest()


def public_plan(result: results.ScenarioResult, catalogue: Catalogue | None = None, *,
                problem: ProblemInput | None = None,
                meta: Mapping[str, object] | None = None,
                hidden: Iterable[Hashable] | None = None) -> PublicPlan:
    """``result`` as the public may see it: small counts "<5", the cells that would give them
    back "…" (:func:`suppressed`, or ``hidden`` where a store kept it under
    :func:`suppression_key`). ``problem`` is what the
    solution solved (its norms link the figures); without it the norms of the result's
    inputs are used. Raises :class:`FiguresOutdated` when the result does not fit them
    (:func:`linked_tables`)."""
    tables, insiders = linked_tables(result, catalogue, problem=problem)
    hidden = (suppressed(result, tables, insiders) if hidden is None
              else frozenset(hidden) | frozenset(tables.primaries()))
    primary = {k for k in tables.primaries() if not tables.by_key[k].masked}

    def is_open(*keys: tuple) -> bool:
        return not any(k in hidden for k in keys)

    def shown(key: tuple, value: object) -> object:
        if key in primary:
            return SMALL
        if key in hidden:
            return WITHHELD
        return value

    sol = result.solution
    sites = sol.sites[(sol.sites["new_places"] > 0) | (sol.sites["new_facilities"] > 0)]
    hosted = set(zip(sol.centres["municipality"], sol.centres["service"], strict=True))
    places = pd.DataFrame({
        "atvk_code": sites["municipality"].to_numpy(),
        "service": sites["service"].to_numpy(),
        "new_places": [shown(("y", m, s), int(v)) for m, s, v in
                       zip(sites["municipality"], sites["service"], sites["new_places"],
                           strict=True)],
        "new_facilities": sites["new_facilities"].astype(int).to_numpy(),
        "in_centre": [(m, s) in hosted for m, s in zip(sites["municipality"], sites["service"],
                                                        strict=True)],
    })
    munis = sol.municipalities
    rows = []
    for m in munis.itertuples():
        code = m.municipality
        open_ = is_open(("I", code))
        rows.append({
            "atvk_code": code, "region": m.region, "participating": bool(m.participating),
            "need": shown(("N", code), m.need), "served": shown(("Sv", code), m.served),
            "unmet": shown(("U", code), m.unmet),
            "coverage": (m.served / m.need if m.need else None)
            if is_open(("N", code), ("Sv", code)) else WITHHELD,
            "new_places": shown(("P", code), int(m.new_places)),
            "new_facilities": int(m.new_facilities),
            "investment_eur": shown(("I", code), m.investment_eur),
            "erdf_eur": m.erdf_eur if open_ else WITHHELD,
            "cofinancing_eur": m.cofinancing_eur if open_ else WITHHELD,
        })
    municipalities = pd.DataFrame(rows)
    use = results.budget_use(result).set_index("region")
    region_rows = []
    for region in result.inputs.regions():
        u = use.loc[region]
        open_ = is_open(("IR", region))
        region_rows.append({
            "region": region,
            "need": shown(("NR", region), float(u["need"])),
            "served": shown(("SvR", region), float(u["served"])),
            "unmet": shown(("UR", region), float(u["unmet"])),
            "new_places": shown(("PR", region), int(u["new_places"])),
            "new_facilities": int(u["new_facilities"]),
            "investment_budget_eur": float(u["investment_budget_eur"]),
            "investment_eur": shown(("IR", region), float(u["investment_eur"])),
            "investment_share_used": u["investment_share_used"] if open_ else WITHHELD,
            "erdf_eur": float(u["erdf_eur"]) if open_ else WITHHELD,
            "cofinancing_eur": float(u["cofinancing_eur"]) if open_ else WITHHELD,
            "running_eur_per_year": shown(("R", region), float(u["running_eur_per_year"])),
            "running_budget_eur_per_year": u["running_budget_eur_per_year"],
            "staff": shown(("S", region), float(sol.municipalities.loc[
                sol.municipalities["region"] == region, "staff"].sum())),
        })
    tot = sol.totals
    totals: dict[str, object] = {
        "need_clients": shown(("NT",), tot["need_clients"]),
        "served_clients": shown(("SvT",), tot["served_clients"]),
        "unmet_clients": shown(("UT",), tot["unmet_clients"]),
        "new_places": shown(("PT",), int(tot["new_places"])),
        "new_facilities": int(tot["new_facilities"]),
        "centres": int(tot.get("centres", 0)),
        "investment_eur": shown(("IT",), tot["investment_eur"]),
    }
    money_open = is_open(("IT",))
    totals["erdf_eur"] = tot["erdf_eur"] if money_open else WITHHELD
    totals["cofinancing_eur"] = tot["cofinancing_eur"] if money_open else WITHHELD
    regions = result.inputs.regions()
    totals["running_eur_per_year"] = (tot["running_eur_per_year"] if is_open(
        *[("R", r) for r in regions]) else WITHHELD)
    totals["staff"] = tot["staff"] if is_open(*[("S", r) for r in regions]) else WITHHELD
    totals["mean_km_per_client"] = (tot["mean_km_per_client"] if is_open(("SvT",))
                                    else WITHHELD)
    causes = results.unmet_by_cause(result)
    unmet_causes = pd.DataFrame({"cause": causes["cause"].to_numpy(),
                                 "unmet": [shown(("C", c), float(v)) for c, v in
                                           zip(causes["cause"], causes["unmet"], strict=True)]},
                                columns=["cause", "unmet"])
    inst = results.institution_places(result)
    inst_rows = []
    for r in inst.itertuples():
        now, moved = ("Now", r.region, r.group), ("M", r.region, r.group)
        inst_rows.append({"region": r.region, "group": r.group,
                          "current_clients": shown(now, r.current_clients),
                          "moved_to_community": shown(moved, r.moved_to_community),
                          "admissions_per_year": r.admissions_per_year,
                          "net_places_left": r.net_places_left if is_open(now, moved)
                          else WITHHELD})
    return PublicPlan(
        label=result.label, division=result.inputs.division, region=result.inputs.region,
        regions=tuple(result.inputs.regions()), places=places, municipalities=municipalities,
        region_table=pd.DataFrame(region_rows), totals=totals, unmet_causes=unmet_causes,
        institutions=pd.DataFrame(inst_rows, columns=[
            "region", "group", "current_clients", "moved_to_community",
            "admissions_per_year", "net_places_left"]),
        hidden_cells=len(hidden), meta=dict(meta or {}),
        rules=results.plan_rules(result.inputs, catalogue),
        user_services=dict(result.inputs.user_services))
