"""The attacker of issue 13, written apart from ``planning.domain.disclosure`` so it checks it.

It reads what a public user can download or see of one plan (the workbook, the CSV tables,
the GeoJSON, the map's tooltips, the tables of the results page), puts every figure into one
linear program with the relations everyone knows (totals add up; investment, staff and
running cost follow the published norms; ERDF is a fixed share; coverage is served / need;
a facility holds between its minimum and maximum size), and for each hidden cell whose true
value is a count 1-4 minimises and maximises it.

Knowledge of a hidden cell: "<5" is 1-4 (need, served and unmet may be fractional: 0-5);
"…" is a count of at least 5, or (where the size norms make it at least 4) at least that;
money and staff are >= 0; a figure shown nowhere is free (>= 0).
"""

from __future__ import annotations

import html
import io
import json
import math
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd
import pulp
from openpyxl import load_workbook

from optimizer.solution import CAUSES
from planning import i18n
from planning.domain import results
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.optimizer_input import service_norm
from planning.domain.results import ScenarioResult

SMALL, WITHHELD = "<5", "…"
# Columns of the tables (by their id) -> the figure they carry, per kind of row.
PLACE_FIGURES = {"new_places": "y", "new_facilities": "n", "investment_eur": "Iy",
                 "running_eur_per_year": "Ry", "staff": "Sy"}
MUNI_FIGURES = {"need": "N", "served": "Sv", "unmet": "U", "new_places": "P",
                "new_facilities": "F", "investment_eur": "I", "erdf_eur": "E",
                "cofinancing_eur": "Co", "running_eur_per_year": "Run", "staff": "St",
                "coverage": "cov"}
TOTAL_FIGURES = {"need_clients": "NT", "served_clients": "SvT", "unmet_clients": "UT",
                 "new_places": "PT", "new_facilities": "FT", "investment_eur": "IT",
                 "erdf_eur": "ET", "cofinancing_eur": "CoT", "running_eur_per_year": "RunT",
                 "staff": "StT"}
COLUMN_TOTALS = {"need": "NT", "served": "SvT", "unmet": "UT", "new_places": "PT",
                 "new_facilities": "FT", "investment_eur": "IT", "erdf_eur": "ET",
                 "cofinancing_eur": "CoT", "running_eur_per_year": "RunT", "staff": "StT"}
SHEETS = ("summary", "places", "municipalities", "budget", "unmet", "needs", "norms",
          "scenario")
COLUMN_IDS = ("atvk_code", "municipality", "name", "region", "service", "item", "value",
              "cause", *PLACE_FIGURES, *MUNI_FIGURES)
FRACTIONAL = {"N", "Sv", "U", "NT", "SvT", "UT", "C"}


def whole_persons(result: ScenarioResult) -> bool:
    """Whether every count of persons in ``result`` is whole: the model serves a person whole
    or not at all where the needs are whole (``optimizer.formulation``'s ``w``), so the public
    then knows a "<5" of persons (need, served, unmet, per cause) is one of 1-4, as the
    public legend says, and a fractional "<5" (0 to 5) only where needs are fractional."""
    return all(float(n[-1]).is_integer() for n in (*result.inputs.needs, *result.inputs.persons))


def small_range(kind: str, whole: bool) -> tuple[float, float]:
    """What a "<5" of figure ``kind`` tells the public before any arithmetic."""
    return (0.0, 5.0) if kind in FRACTIONAL and not whole else (1.0, 4.0)


class Seen:
    """Every figure seen, by key (kind, *ids): a number where any source shows one."""

    def __init__(self) -> None:
        self.values: dict[tuple, object] = {}

    def put(self, key: tuple, value: object) -> None:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            return
        if isinstance(value, str):
            value = value.strip()
            if value not in (SMALL, WITHHELD):
                try:
                    value = float(value)
                except ValueError:
                    return
        if isinstance(self.values.get(key), float):
            return  # a number shown anywhere is known
        self.values[key] = float(value) if not isinstance(value, str) else value


def _ids(header: str) -> str | None:
    for key in COLUMN_IDS:
        if header in (key, *(i18n.column_label(key, lang) for lang in ("lv", "en"))):
            return key
    return None


def _read_table(frame: pd.DataFrame, sheet: str, seen: Seen, services: Mapping[str, str],
                causes: Mapping[str, str]) -> None:
    cols = {c: _ids(str(c)) or str(c) for c in frame.columns}  # unknown ones keep their header
    frame = frame.rename(columns=cols)
    if sheet == "summary":
        by_label = {i18n.t(f"total.{k}", lang): k for k in TOTAL_FIGURES
                    for lang in ("lv", "en")}
        for item, value in zip(frame["item"], frame["value"], strict=True):
            if by_label.get(item) in TOTAL_FIGURES:
                seen.put((TOTAL_FIGURES[by_label[item]],), value)
        return
    for row in frame.to_dict("records"):
        first = str(next(iter(row.values())))
        if first in ("Kopā", "Total"):
            for col, kind in COLUMN_TOTALS.items():
                if col in row and sheet in ("places", "municipalities", "budget"):
                    if sheet == "places" and col not in ("new_places", "new_facilities"):
                        continue
                    seen.put((kind,), row[col])
            continue
        if sheet == "places":
            key = (str(row["atvk_code"]).zfill(7), services[row["service"]])
            for col, kind in PLACE_FIGURES.items():
                if col in row:
                    seen.put((kind, *key), row[col])
        elif sheet == "municipalities":
            for col, kind in MUNI_FIGURES.items():
                if col in row:
                    seen.put((kind, str(row["atvk_code"]).zfill(7)), row[col])
        elif sheet == "budget":
            for col in ("investment_eur", "erdf_eur", "cofinancing_eur",
                        "running_eur_per_year", "staff"):
                if col in row:
                    seen.put((TOTAL_FIGURES[col],), row[col])
        elif sheet == "unmet" and "atvk_code" not in row:
            seen.put(("C", causes[row["cause"]]), row["unmet"])


def read_workbook(data: bytes, seen: Seen, services, causes) -> None:
    book = load_workbook(io.BytesIO(data))
    by_title = {i18n.t(f"sheet.{k}", lang)[:31]: k for k in SHEETS for lang in ("lv", "en")}
    for ws in book.worksheets:
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        if not rows:
            continue
        frame = pd.DataFrame(rows[1:], columns=rows[0])
        _read_table(frame, by_title.get(ws.title, ws.title), seen, services, causes)


def read_csv_zip(data: bytes, seen: Seen, services, causes) -> None:
    """Every CSV of the ZIP, in Latvian Excel's style (``;``, decimal comma) or the standard
    one, as its first line shows."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            latvian = ";" in zf.read(name).decode("utf-8-sig").splitlines()[0]
            frame = pd.read_csv(zf.open(name), dtype={0: str}, encoding="utf-8-sig",
                                sep=";" if latvian else ",", decimal="," if latvian else ".")
            _read_table(frame, name.removesuffix(".csv"), seen, services, causes)


def read_geojson(text: str, seen: Seen) -> None:
    for f in json.loads(text)["features"]:
        p = f["properties"]
        code = p["atvk_code"]
        for col, kind in MUNI_FIGURES.items():
            if col in p:
                seen.put((kind, code), p[col])
        for k, v in p.items():
            if k.startswith("new_places_"):
                seen.put(("y", code, k.removeprefix("new_places_")), v)


def read_tooltips(tips: Mapping[str, str], seen: Seen, services) -> None:
    for code, tip in tips.items():
        for name, places, facilities in re.findall(
                r"<tr><td>([^<]*)</td><td><b>([^<]*)</b></td><td>([^<]*)</td></tr>", tip):
            sid = services[html.unescape(name)]
            seen.put(("y", code, sid), html.unescape(places).replace("\u00a0", "")
                     .replace(" ", ""))
            seen.put(("n", code, sid), facilities.replace(" ", ""))


def read_frames(frames: Mapping[str, pd.DataFrame], codes: Mapping[str, str], seen: Seen,
                services) -> None:
    """The results page's tables (names, not codes)."""
    for row in frames["municipalities"].to_dict("records"):
        for col, kind in MUNI_FIGURES.items():
            if col in row:
                seen.put((kind, codes[row["municipality"]]), row[col])
    for row in frames["places"].to_dict("records"):
        key = (codes[row["municipality"]], services[row["service"]])
        for col, kind in PLACE_FIGURES.items():
            if col in row:
                seen.put((kind, *key), row[col])
    for row in frames["budget"].to_dict("records"):
        for col in ("investment_eur", "erdf_eur", "cofinancing_eur", "running_eur_per_year",
                    "staff"):
            if col in row:
                seen.put((TOTAL_FIGURES[col],), row[col])


# ---------------------------------------------------------------------- the program
class Program:
    """One linear program over the figures of any number of public sources: a variable per
    figure (bounded by what ``seen`` shows of it), equations added by the ``add_*`` parts,
    and :meth:`bounds` of hidden figures. Keys are those of :class:`Seen`."""

    def __init__(self, seen: Seen) -> None:
        self.seen = seen
        self.prob = pulp.LpProblem("attacker", pulp.LpMinimize)
        self.var: dict[tuple, pulp.LpVariable] = {}

    def v(self, key: tuple, knows=None) -> pulp.LpVariable:
        """The variable of ``key``; ``knows(value)`` gives its bounds from what is seen."""
        if key not in self.var:
            self.var[key] = self.prob.add_variable(f"v{len(self.var)}", lowBound=0)
            value = self.seen.values.get(key)
            if isinstance(value, float):
                self.var[key].lowBound = self.var[key].upBound = value
            elif knows is not None and value is not None:
                self.var[key].lowBound, self.var[key].upBound = knows(value)
        return self.var[key]

    def eq(self, expr, rhs: float = 0.0) -> None:
        self.prob.addConstraint(expr == rhs)

    def bounds(self, truth_of: Mapping[tuple, float], *, strict: bool = True
               ) -> dict[tuple, tuple[float, float]]:
        """(min, max) of every figure of ``truth_of`` that is truly a count 1-4 and not shown
        as a number; ``strict``: figures that do not add up fail (else the solver's last
        point is taken, as the attacker of rounded workbook figures does)."""
        out = {}
        solver = pulp.HiGHS(msg=False)
        for key, value in truth_of.items():
            if not 0 < value < 5 or isinstance(self.seen.values.get(key), float):
                continue
            got = []
            for sense in (pulp.LpMinimize, pulp.LpMaximize):
                self.prob.sense = sense
                self.prob.setObjective(self.v(key))
                status = self.prob.solve(solver)
                if strict and status == pulp.LpStatusInfeasible:
                    raise AssertionError("the published figures do not add up")
                got.append(math.inf if status == pulp.LpStatusUnbounded
                           else pulp.value(self.v(key)))
            out[key] = (got[0], got[1])
        return out


def _at(ns: str | None, key: tuple) -> tuple:
    """A plan's figure ``key`` in namespace ``ns`` (one per published plan or version)."""
    return key if ns is None else (ns, *key)


def truth(result: ScenarioResult, ns: str | None = None) -> dict[tuple, float]:
    """The true value of every plan figure the attacker models."""
    sol = result.solution
    out: dict[tuple, float] = {}
    sites = sol.sites[(sol.sites["new_places"] > 0) | (sol.sites["new_facilities"] > 0)]
    for r in sites.itertuples():
        out[_at(ns, ("y", r.municipality, r.service))] = float(r.new_places)
        out[_at(ns, ("n", r.municipality, r.service))] = float(r.new_facilities)
    for m in sol.municipalities.itertuples():
        for kind, col in (("N", "need"), ("Sv", "served"), ("U", "unmet"), ("P", "new_places")):
            out[_at(ns, (kind, m.municipality))] = float(getattr(m, col))
    if ns is not None:  # the institutions table (read from the public view only)
        for r in results.institution_places(result).itertuples():
            out[_at(ns, ("Now", r.region, r.group))] = float(r.current_clients)
            out[_at(ns, ("M", r.region, r.group))] = float(r.moved_to_community)
    return out


def add_plan(prog: Program, result: ScenarioResult, catalogue: Catalogue | None = None,
             ns: str | None = None) -> dict[tuple, float]:
    """The equations of one published plan (namespace ``ns``); its true small counts."""
    seen = prog.seen
    cat = result.inputs.catalogue(catalogue or load_catalogue())
    factor = 1.0 + result.inputs.cost_contingency
    share = 1.0 - next(iter(result.inputs.budgets.values())).cofinancing_share
    real = truth(result, ns)
    bare = truth(result)
    whole = whole_persons(result)
    sites = [k[1:] for k in bare if k[0] == "y"]
    munis = sorted({m for m, _ in sites} | {k[1] for k in bare if k[0] == "N"})
    region_of = dict(zip(result.solution.municipalities["municipality"],
                         result.solution.municipalities["region"], strict=True))
    norms = {s: service_norm(cat.services[s]) for _, s in sites}
    # the public places say which are a centre's unit, the catalogue what a centre costs
    centres = result.solution.centres
    hosted = set(zip(centres["municipality"], centres["service"], strict=True))
    shared: dict[str, tuple[float, float, float]] = {}
    for m, cid in sorted(set(zip(centres["municipality"], centres["centre"], strict=True))):
        c = cat.centres[cid]
        old = shared.get(m, (0.0, 0.0, 0.0))
        shared[m] = (old[0] + c.investment_per_centre * factor, old[1] + c.staff_per_centre,
                     old[2] + c.running_cost_per_centre_year)

    def v(key: tuple) -> pulp.LpVariable:
        def knows(value: object) -> tuple[float, float | None]:
            if value == SMALL:
                return small_range(key[0], whole)
            if value == WITHHELD and key[0] in ("y", "P", "N", "Sv", "U", "PT", "C", "Now",
                                                "M"):
                floor = 5.0
                facilities = seen.values.get(_at(ns, ("n", *key[1:])))
                if key[0] == "y" and isinstance(facilities, float):
                    sized = norms[key[2]].min_places * facilities
                    floor = min(floor, sized) if sized >= 4 else floor
                return floor, None
            return 0, None
        return prog.v(_at(ns, key), knows)

    eq = prog.eq
    for m in munis:
        mine = [s for mm, s in sites if mm == m]
        eq(v(("P", m)) - pulp.lpSum(v(("y", m, s)) for s in mine))
        eq(v(("F", m)) - pulp.lpSum(v(("n", m, s)) for s in mine))
        invest, staff, running = shared.get(m, (0.0, 0.0, 0.0))
        eq(v(("I", m)) - pulp.lpSum(v(("Iy", m, s)) for s in mine), invest)
        eq(v(("St", m)) - pulp.lpSum(v(("Sy", m, s)) for s in mine), staff)
        eq(v(("Run", m)) - pulp.lpSum(v(("Ry", m, s)) for s in mine) - v(("Mentors", m)),
           running)
        eq(v(("E", m)) - share * v(("I", m)))
        eq(v(("Co", m)) - (1 - share) * v(("I", m)))
        eq(v(("N", m)) - v(("Sv", m)) - v(("U", m)))
        cov = seen.values.get(_at(ns, ("cov", m)))
        if isinstance(cov, float):
            eq(v(("Sv", m)) - cov * v(("N", m)))
        for s in mine:
            nm, y, n = norms[s], v(("y", m, s)), v(("n", m, s))
            eq(v(("Iy", m, s)) - nm.investment_per_place * factor * y
               - nm.investment_per_facility * factor * n)
            eq(v(("Sy", m, s)) - nm.staff_per_place * y - nm.staff_per_facility * n)
            eq(v(("Ry", m, s)) - nm.running_cost_per_place_year * y
               - nm.running_cost_per_facility_year * n)
            unit = 1 if (m, s) in hosted else 0  # a centre's unit: no least size, one unit
            prog.prob.addConstraint(y - nm.min_places * n >= 0)
            if nm.max_places:
                prog.prob.addConstraint(y - nm.max_places * (n + unit) <= 0)
    for kind, part in (("PT", "P"), ("FT", "F"), ("IT", "I"), ("ET", "E"), ("CoT", "Co"),
                       ("NT", "N"), ("SvT", "Sv"), ("UT", "U"), ("StT", "St"),
                       ("RunT", "Run")):
        eq(v((kind,)) - pulp.lpSum(v((part, m)) for m in munis))
        for region in sorted(set(region_of.values())):
            eq(v((f"{kind[:-1]}R", region)) - pulp.lpSum(
                v((part, m)) for m in munis if region_of.get(m) == region))
    head = _at(ns, ("C",))
    causes = [k for k in seen.values if k[:len(head)] == head and len(k) == len(head) + 1]
    if causes:
        eq(v(("UT",)) - pulp.lpSum(prog.v(k) for k in causes))
    for key in [k for k in seen.values if ns is not None and k[:2] == (ns, "Net")]:
        adm = seen.values.get((ns, "Adm", *key[2:]), 0.0)
        eq(v(("Net", *key[2:])) - v(("Now", *key[2:])) + v(("M", *key[2:])),
           adm if isinstance(adm, float) else 0.0)
    return real


def intervals(seen: Seen, result: ScenarioResult, catalogue: Catalogue | None = None
              ) -> dict[tuple, tuple[float, float]]:
    """For each hidden figure that is truly a count 1-4: (min, max) over the attacker's LP."""
    prog = Program(seen)
    real = add_plan(prog, result, catalogue)
    return prog.bounds({k: v for k, v in real.items() if k[0] != "n"}, strict=False)


def pinned(found: Mapping[tuple, tuple[float, float]], seen: Seen, result: ScenarioResult,
           catalogue: Catalogue | None = None) -> dict[tuple, tuple[float, float]]:
    """Small counts the attacker narrows to less than their whole range: for a place count
    [max(1, minimum size x facilities), 4], for others [1, 4] (fractional: [0, 5], see
    :func:`small_range`); a count the size norms alone put at 4 must stay open above."""
    cat = result.inputs.catalogue(catalogue or load_catalogue())
    whole = whole_persons(result)
    out = {}
    for key, (lo, hi) in found.items():
        want_lo, want_hi = small_range(key[0], whole)
        n = seen.values.get(("n", *key[1:])) if key[0] == "y" else None
        if isinstance(n, float):
            want_lo = max(want_lo, cat.services[key[2]].min_places * n)
            if want_lo >= 4:
                want_hi = want_lo + 1
        if lo > want_lo + 1e-6 or hi < want_hi - 1e-6:
            out[key] = (lo, hi)
    return out


def service_ids(catalogue: Catalogue) -> dict[str, str]:
    return {name: sid for sid, s in catalogue.services.items()
            for name in (s.name("lv"), s.name("en"), sid)}


def cause_ids() -> dict[str, str]:
    return {lab: c for c in CAUSES
            for lab in (c, *(i18n.t_or(f"cause.{c}", lang, c) for lang in ("lv", "en")))}


def everything(parts: Iterable[tuple[str, object]], result: ScenarioResult,
               catalogue: Catalogue | None = None) -> tuple[Seen, dict[tuple, tuple]]:
    """Read every part (kind, data) and return what was seen and the pinned cells."""
    cat = catalogue or load_catalogue()
    services, causes, seen = service_ids(cat), cause_ids(), Seen()
    readers = defaultdict(lambda: None, {
        "xlsx": lambda d: read_workbook(d, seen, services, causes),
        "csv": lambda d: read_csv_zip(d, seen, services, causes),
        "geojson": lambda d: read_geojson(d, seen),
        "tooltips": lambda d: read_tooltips(d, seen, services),
        "frames": lambda d: read_frames(d[0], d[1], seen, services)})
    for kind, data in parts:
        readers[kind](data)
    return seen, pinned(intervals(seen, result, cat), seen, result, cat)


# ---------------------------------------------------------------------- the map page
def read_map_page(parts: Mapping[str, object], seen: Seen, codes: Mapping[str, str]) -> None:
    """What the map page shows the public (``tests.planning.domain.test_public_reference``
    gathers it): the municipalities table, the needs layer for every group and service,
    institutions and services (tables and markers) and each area's key figures."""
    for row in parts["municipalities"].to_dict("records"):
        for col, value in row.items():
            if col in parts["groups"]:
                seen.put(("V", row["atvk_code"], col, ""), _number(value))
        seen.put(("V", row["atvk_code"], "", ""), _number(row["needs_total"]))
    for (group, service), layer in parts["layers"].items():
        for row in layer.to_dict("records"):
            seen.put(("V", row["atvk_code"], group, service), _number(row["value"]))
            seen.put(("V", row["atvk_code"], "", service), _number(row["needs_total"]))
    for row in parts["institutions"].to_dict("records"):
        for col, group in parts["institution_groups"].items():
            seen.put(("c", row["institution_id"], group), _number(row[col]))
        seen.put(("c", row["institution_id"], ""), _number(row["clients_total"]))
    for row in parts["services"].to_dict("records"):
        seen.put(("L", row["service_id"]), _number(row["places_licensed"]))
        seen.put(("Lu", row["service_id"]), _number(row["places_in_use"]))
    for area, summary in parts["summaries"].items():
        seen.put(("VA", area), _number(summary.needs))
        seen.put(("cA", area), _number(summary.institution_clients))
        seen.put(("LA", area), _number(summary.service_places))


def _number(value: object) -> object:
    """A table cell as a number where it shows one (Latvian text formats included)."""
    if isinstance(value, str) and value not in (SMALL, WITHHELD):
        return float(value.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    return value


def add_map(prog: Program, regions: Mapping[str, str], institution_region: Mapping[str, str],
            service_region: Mapping[str, str], services_of: Mapping[str, list[str]]) -> None:
    """The sums of the map page (over services, groups and areas)."""
    def v(key: tuple) -> pulp.LpVariable:
        return prog.v(key, lambda value: (1, 4) if value == SMALL else (5, None))

    def eq(total: tuple, parts: Iterable[tuple]) -> None:
        prog.eq(v(total) - pulp.lpSum(v(p) for p in parts))

    groups = list(services_of)
    every = sorted({s for ss in services_of.values() for s in ss})
    for m in regions:
        for g in groups:
            eq(("V", m, g, ""), [("V", m, g, s) for s in services_of[g]])
        for s in every:
            eq(("V", m, "", s), [("V", m, g, s) for g in groups if s in services_of[g]])
        eq(("V", m, "", ""), [("V", m, g, "") for g in groups])
    for area in (*sorted(set(regions.values())), ""):
        eq(("VA", area), [("V", m, "", "") for m, r in regions.items() if area in ("", r)])
        eq(("cA", area), [("c", i, "") for i, r in institution_region.items()
                          if area in ("", r)])
        eq(("LA", area), [("L", k) for k, r in service_region.items() if area in ("", r)])
    institution_groups = sorted({k[2] for k in prog.seen.values if k[0] == "c" and k[2]})
    for i in institution_region:
        eq(("c", i, ""), [("c", i, g) for g in institution_groups])


def map_intervals(seen: Seen, truth_of: Mapping[tuple, float], regions: Mapping[str, str],
                  institution_region: Mapping[str, str], service_region: Mapping[str, str],
                  services_of: Mapping[str, list[str]]) -> dict[tuple, tuple]:
    """Hidden counts 1-4 of the map page the attacker's LP (the sums over services, groups
    and areas) narrows to less than 1-4: (min, max)."""
    prog = Program(seen)
    add_map(prog, regions, institution_region, service_region, services_of)
    return _narrowed(prog.bounds(truth_of))


def _narrowed(found: Mapping[tuple, tuple[float, float]]) -> dict[tuple, tuple]:
    return {k: (lo, hi) for k, (lo, hi) in found.items() if lo > 1 + 1e-6 or hi < 4 - 1e-6}


# ---------------------------------------------------------------------- pages read together
def read_public_plan(view, seen: Seen, ns: str) -> None:
    """Every figure of a :class:`planning.domain.public_plan.PublicPlan` (what every public
    page and export of the plan draws), by ids, into namespace ``ns``."""
    for row in view.places.to_dict("records"):
        key = (row["atvk_code"], row["service"])
        seen.put((ns, "y", *key), row["new_places"])
        seen.put((ns, "n", *key), row["new_facilities"])
    for row in view.municipalities.to_dict("records"):
        for col, kind in MUNI_FIGURES.items():
            if col in row:
                seen.put((ns, kind, row["atvk_code"]), row[col])
    for row in view.region_table.to_dict("records"):
        for col, kind in (("need", "NR"), ("served", "SvR"), ("unmet", "UR"),
                          ("new_places", "PR"), ("new_facilities", "FR"),
                          ("investment_eur", "IR"), ("erdf_eur", "ER"),
                          ("cofinancing_eur", "CoR"), ("staff", "StR")):
            seen.put((ns, kind, row["region"]), row[col])
    for col, kind in TOTAL_FIGURES.items():
        seen.put((ns, kind), view.totals.get(col))
    for row in view.unmet_causes.to_dict("records"):
        seen.put((ns, "C", row["cause"]), row["unmet"])
    for row in view.institutions.to_dict("records"):
        key = (row["region"], row["group"])
        seen.put((ns, "Now", *key), row["current_clients"])
        seen.put((ns, "M", *key), row["moved_to_community"])
        seen.put((ns, "Adm", *key), row["admissions_per_year"])
        seen.put((ns, "Net", *key), row["net_places_left"])


def link_needs(prog: Program, result: ScenarioResult, ns: str,
               institution_region: Mapping[str, str]) -> None:
    """A plan on the embedded needs counts the map's persons: its need per municipality is
    the map's needs in total there, its clients of institutions per region and group the
    sum of the map's institutions' (the attacker assumes it where the plan says so: its
    needs are the embedded ones)."""
    for m in result.solution.municipalities["municipality"]:
        prog.eq(prog.v((ns, "N", m)) - prog.v(("V", m, "", "")))
    for r in results.institution_places(result).itertuples():
        members = [i for i, reg in institution_region.items() if reg == r.region]
        prog.eq(prog.v((ns, "Now", r.region, r.group))
                - pulp.lpSum(prog.v(("c", i, r.group)) for i in members))


def link_versions(prog: Program, first: ScenarioResult, second: ScenarioResult,
                  ns: tuple[str, str]) -> None:
    """Two plans over the same needs (versions of one scenario): the same persons in need
    per municipality, and in institutions per region and group."""
    a, b = (r.solution.municipalities.set_index("municipality")["need"] for r in (first, second))
    for m in a.index.intersection(b.index):
        if abs(a[m] - b[m]) < 1e-9:
            prog.eq(prog.v((ns[0], "N", m)) - prog.v((ns[1], "N", m)))
    now = [{(r.region, r.group): r.current_clients for r in
            results.institution_places(x).itertuples()} for x in (first, second)]
    for key in now[0].keys() & now[1].keys():
        if now[0][key] == now[1][key]:
            prog.eq(prog.v((ns[0], "Now", *key)) - prog.v((ns[1], "Now", *key)))


def plan_pinned(found: Mapping[tuple, tuple[float, float]], seen: Seen,
                results_of: Mapping[str, ScenarioResult],
                catalogue: Catalogue | None = None) -> dict[tuple, tuple]:
    """The cells of ``found`` pinned: map cells (no namespace) to less than 1-4, plan cells
    (namespaced by ``results_of``) as :func:`pinned` says."""
    out = _narrowed({k: b for k, b in found.items() if k[0] not in results_of})
    for ns, result in results_of.items():
        mine = Seen()
        mine.values = {k[1:]: v for k, v in seen.values.items() if k[0] == ns}
        got = pinned({k[1:]: b for k, b in found.items() if k[0] == ns}, mine, result, catalogue)
        out.update({(ns, *k): b for k, b in got.items()})
    return out
