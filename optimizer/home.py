"""Home-based support in a solution: clients, hours, staff and what binds.

Home services (``ProblemInput.home_services``) are planned as staff and hours, not places:
the clients of a municipality are served where they live, staff are whole persons per
municipality, profession and service (``StaffNorm.staff_for`` rounded up), and the staff
of a region are capped per profession (``StaffLimit``). A housing adaptation lets a person
stay at home with a home service instead of a residential place. ``build_solution`` reads
the tables here; ``staff_cause`` names the cause of home need left unserved.

Tables:

* ``home``: municipality, service, group, clients, adapted (of them, persons at home after
  an adaptation), hours_per_month, running_eur_per_year (the hours paid by the hour)
* ``home_staff``: region, municipality, service, profession, clients, staff, caseload
  (clients per staff), staff_eur_per_year
* ``adaptations``: municipality, group, service (the residential service replaced),
  home_service, dwellings, investment_eur
* ``staff_use``: region, profession, staff, available (``None``: no limit), left, binding
  (persons of the region unserved because this profession ran out)
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from optimizer.problem import AdaptationNorm, ProblemInput

EPS = 1e-6
HomeKey = tuple[str, str, str]
COLUMNS = {
    "home": ["municipality", "service", "group", "clients", "adapted", "hours_per_month",
             "running_eur_per_year"],
    "home_staff": ["region", "municipality", "service", "profession", "clients", "staff",
                   "caseload", "staff_eur_per_year"],
    "adaptations": ["municipality", "group", "service", "home_service", "dwellings",
                    "investment_eur"],
    "staff_use": ["region", "profession", "staff", "available", "left", "binding"],
}


def whole_staff(fraction: float) -> int:
    """Staff employed for a fractional need: the next whole number (5.00001 → 5, the flows'
    tolerance; 5.1 → 6)."""
    return max(math.ceil(fraction - 1e-6), 0)


@dataclass
class HomePlan:
    """The home-based part of a plan: clients per need key at home, persons adapted per
    (person record, residential service)."""

    home: dict[HomeKey, float]
    adapted: dict[tuple[int, str], float]

    def served(self, pi: ProblemInput) -> dict[HomeKey, float]:
        """Clients per (municipality, group, service) served without a place."""
        records = pi.person_table()
        out: dict[HomeKey, float] = defaultdict(float)
        for key, v in self.home.items():
            out[key] += v
        for (k, s), v in self.adapted.items():
            p = records[k]
            out[(p.municipality, p.group, s)] += v
        return dict(out)

    def clients(self, pi: ProblemInput) -> dict[tuple[str, str], float]:
        """Clients per (municipality, home service), the adapted persons with them."""
        out: dict[tuple[str, str], float] = defaultdict(float)
        for (i, _g, s), v in self.home.items():
            out[(i, s)] += v
        for (i, g, s), v in self.adapted_by_group(pi).items():
            out[(i, _adaptation(pi, g, s).home_service)] += v
        return dict(out)

    def adapted_by_group(self, pi: ProblemInput) -> dict[HomeKey, float]:
        records = pi.person_table()
        out: dict[HomeKey, float] = defaultdict(float)
        for (k, s), v in self.adapted.items():
            out[(records[k].municipality, records[k].group, s)] += v
        return dict(out)


def _adaptation(pi: ProblemInput, group: str, service: str) -> AdaptationNorm:
    return next(a for a in pi.adaptations if service in a.replaces and group in a.groups)


def clean(plan: HomePlan | None) -> HomePlan:
    """Values of a solve snapped to whole numbers within tolerance, zeros dropped."""
    if plan is None:
        return HomePlan({}, {})

    def snap(v: float) -> float:
        return float(round(v)) if abs(v - round(v)) < 1e-5 else round(v, 6)

    return HomePlan({k: snap(v) for k, v in plan.home.items() if v > EPS},
                    {k: snap(v) for k, v in plan.adapted.items() if v > EPS})


def staff_table(pi: ProblemInput, plan: HomePlan) -> pd.DataFrame:
    region = {m.code: m.region for m in pi.municipalities}
    rows = []
    for (i, s), clients in sorted(plan.clients(pi).items()):
        hs = pi.home_service(s)
        for st in hs.staff:
            staff = whole_staff(st.staff_for(clients, hs.hours_per_client_month))
            rows.append({"region": region[i], "municipality": i, "service": s,
                         "profession": st.profession, "clients": clients, "staff": staff,
                         "caseload": clients / staff if staff else 0.0,
                         "staff_eur_per_year": st.cost_per_staff_year * staff})
    return pd.DataFrame(rows, columns=COLUMNS["home_staff"])


def home_table(pi: ProblemInput, plan: HomePlan) -> pd.DataFrame:
    by_key: dict[HomeKey, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for key, v in plan.home.items():
        by_key[key][0] += v
    for (i, g, s), v in plan.adapted_by_group(pi).items():
        key = (i, g, _adaptation(pi, g, s).home_service)
        by_key[key][0] += v
        by_key[key][1] += v
    rows = []
    for (i, g, s), (clients, adapted) in sorted(by_key.items()):
        hs = pi.home_service(s)
        rows.append({"municipality": i, "service": s, "group": g, "clients": clients,
                     "adapted": adapted, "hours_per_month": clients * hs.hours_per_client_month,
                     "running_eur_per_year": clients * hs.running_per_client_year()})
    return pd.DataFrame(rows, columns=COLUMNS["home"])


def adaptation_table(pi: ProblemInput, plan: HomePlan) -> pd.DataFrame:
    rows = []
    for (i, g, s), v in sorted(plan.adapted_by_group(pi).items()):
        ad = _adaptation(pi, g, s)
        rows.append({"municipality": i, "group": g, "service": s,
                     "home_service": ad.home_service, "dwellings": v,
                     "investment_eur": v * ad.investment_per_dwelling * (1 + pi.cost_contingency)})
    return pd.DataFrame(rows, columns=COLUMNS["adaptations"])


STAFF_OF = " staff of "  # a staff cause's detail: "<profession> staff of <region> used up"


def profession_of(detail: str) -> str:
    """The profession a staff cause's detail names (a profession a user names may hold
    spaces: "sociālais mentors staff of Kurzeme used up: 2 of 2")."""
    return detail.rsplit(STAFF_OF, 1)[0]


def staff_use_table(pi: ProblemInput, staff: pd.DataFrame, unmet: pd.DataFrame
                    ) -> pd.DataFrame:
    """Staff used against staff available per region and profession; ``binding`` counts the
    clients short of a home service in the region whose cause is this profession."""
    used: dict[tuple[str, str], float] = defaultdict(float)
    for r in staff.itertuples():
        used[(r.region, r.profession)] += r.staff
    for lim in pi.staff_limits:
        used.setdefault((lim.region, lim.profession), 0.0)
    short: dict[tuple[str, str], float] = defaultdict(float)
    region = {m.code: m.region for m in pi.municipalities}
    for r in unmet.itertuples():
        if r.cause == "staff":
            short[(region[r.municipality], profession_of(r.cause_detail))] += r.unmet
    rows = []
    for (r, q), v in sorted(used.items()):
        fte = pi.staff_limit_of(r, q)
        rows.append({"region": r, "profession": q, "staff": v, "available": fte,
                     "left": None if fte is None else fte - v, "binding": short[(r, q)]})
    return pd.DataFrame(rows, columns=COLUMNS["staff_use"])


def municipality_sums(pi: ProblemInput, home: pd.DataFrame, staff: pd.DataFrame,
                      adaptations: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Per municipality: home clients, home staff, home running EUR/year (hours and staff),
    adaptation investment."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in home.itertuples():
        out[r.municipality]["home_clients"] += r.clients
        out[r.municipality]["home_eur_per_year"] += r.running_eur_per_year
    for r in staff.itertuples():
        out[r.municipality]["home_staff"] += r.staff
        out[r.municipality]["home_eur_per_year"] += r.staff_eur_per_year
    for r in adaptations.itertuples():
        out[r.municipality]["adaptations"] += r.dwellings
        out[r.municipality]["adaptation_eur"] += r.investment_eur
    return out


class StaffState:
    """What is used up of staff and dwellings, to name why home need is left unserved."""

    def __init__(self, pi: ProblemInput, plan: HomePlan) -> None:
        self.pi = pi
        self.region_of = {m.code: m.region for m in pi.municipalities}
        self.clients = plan.clients(pi)
        self.used: dict[tuple[str, str], float] = defaultdict(float)
        for (i, s), c in self.clients.items():
            hs = pi.home_service(s)
            for st in hs.staff:
                self.used[(self.region_of[i], st.profession)] += whole_staff(
                    st.staff_for(c, hs.hours_per_client_month))
        self.running: dict[str, float] = defaultdict(float)
        for (i, s), c in self.clients.items():
            self.running[self.region_of[i]] += self.client_eur(i, s, c)
        self.dwellings: dict[str, float] = defaultdict(float)
        for (i, _g, s), v in plan.home.items():
            self.dwellings[i] += pi.home_service(s).dwellings_per_client * v

    def client_eur(self, i: str, s: str, clients: float) -> float:
        """EUR a year ``clients`` of s in i cost: their hours and their whole staff."""
        hs = self.pi.home_service(s)
        return clients * hs.running_per_client_year() + sum(
            st.cost_per_staff_year * whole_staff(st.staff_for(clients, hs.hours_per_client_month))
            for st in hs.staff)

    def one_more_eur(self, i: str, s: str) -> float:
        c = self.clients.get((i, s), 0.0)
        return self.client_eur(i, s, c + 1) - self.client_eur(i, s, c)

    def cause(self, i: str, s: str) -> tuple[str, str] | None:
        """``staff`` (with the profession first in the detail) when one more client of s
        in i needs a staff member the region has not got; ``dwellings`` when i has no
        dwelling left; ``None`` otherwise (money or the plan's choice)."""
        hs, r = self.pi.home_service(s), self.region_of[i]
        c = self.clients.get((i, s), 0.0)
        for st in hs.staff:
            fte = self.pi.staff_limit_of(r, st.profession)
            more = whole_staff(st.staff_for(c + 1, hs.hours_per_client_month)) - whole_staff(
                st.staff_for(c, hs.hours_per_client_month))
            if fte is not None and self.used[(r, st.profession)] + more > fte + EPS:
                return "staff", (f"{st.profession}{STAFF_OF}{r} used up: "
                                 f"{self.used[(r, st.profession)]:g} of {fte:g}")
        stock = self.pi.dwellings_of(i)
        if (hs.dwellings_per_client > 0 and stock is not None
                and self.dwellings[i] + hs.dwellings_per_client > stock + EPS):
            return "dwellings", f"all {stock:g} dwellings of {i} are used"
        return None
