"""An independent check of a ``Solution`` against its ``ProblemInput``.

Deliberately shares no code with the model or the solution builder: plain loops over the
input's records and the solution's tables, recomputing every constraint and every reported
total. Every MILP plan passes through it (``optimizer.solve.verified``), and the tests run it
on every solution.
"""

from __future__ import annotations

import math
from collections import defaultdict

from optimizer.problem import ProblemInput
from optimizer.solution import Solution

TOL = 1e-4


def check_solution(pi: ProblemInput, sol: Solution) -> list[str]:
    """Every violated constraint or inconsistent total, as a sentence; empty if all hold."""
    problems: list[str] = []
    services = {s.id: s for s in pi.services}
    munis = {m.code: m for m in pi.municipalities}
    persons = pi.person_table()
    need: dict[tuple[str, str, str], float] = defaultdict(float)
    for p in persons:
        for s in p.package:
            need[(p.municipality, p.group, s)] += p.persons
    existing: dict[tuple[str, str], float] = defaultdict(float)
    for c in pi.capacity:
        existing[(c.municipality, c.service)] += c.places
    excluded = {(e.municipality, e.service) for e in pi.excluded_sites}
    home = _site_homes(pi)

    places: dict[tuple[str, str], float] = defaultdict(float)
    facilities: dict[tuple[str, str], float] = defaultdict(float)
    for r in sol.sites.itertuples():
        j = r.site_id or r.municipality
        if home.get(j, j) != r.municipality:
            problems.append(f"site {j}: reported in {r.municipality}, lies in {home.get(j, j)}")
        places[(j, r.service)] += r.new_places
        facilities[(j, r.service)] += r.new_facilities

    hosted: dict[tuple[str, str], float] = defaultdict(float)
    for r in sol.centres.itertuples():
        hosted[(r.site_id or r.municipality, r.service)] += r.new_places

    served: dict[tuple[str, str, str], float] = defaultdict(float)
    into: dict[tuple[str, str], float] = defaultdict(float)
    km_total = 0.0
    for f in sol.flows.itertuples():
        svc = services.get(f.service)
        if svc is None or f.group not in svc.groups:
            problems.append(f"flow {f.origin}->{f.site}: group {f.group} may not use {f.service}")
            continue
        if f.clients < -TOL:
            problems.append(f"flow {f.origin}->{f.site} {f.service}: negative clients")
        j = f.site_id or f.site
        km = pi.distances.get((f.origin, j), 0.0 if f.origin == j else None)
        if km is None:
            problems.append(f"flow {f.origin}->{j}: no distance known")
            continue
        if svc.max_travel_km > 0 and km > svc.max_travel_km + TOL:
            problems.append(f"flow {f.origin}->{j} {f.service}: {km} km is beyond the "
                            f"{svc.max_travel_km} km reach")
        minutes = pi.minutes.get((f.origin, j))
        if svc.max_travel_minutes > 0 and minutes is not None \
                and minutes > svc.max_travel_minutes + TOL:
            problems.append(f"flow {f.origin}->{j} {f.service}: {minutes} min is beyond the "
                            f"{svc.max_travel_minutes} min reach")
        if not pi.cross_region_flows and \
                munis[f.origin].region != munis[home.get(j, j)].region:
            problems.append(f"flow {f.origin}->{j}: crosses regions")
        served[(f.origin, f.group, f.service)] += f.clients
        into[(j, f.service)] += f.clients
        km_total += f.clients * km

    home_problems, at_home = _check_home(pi, sol)
    problems += home_problems
    placed = dict(served)  # social mentors go with place-based services (home ones have staff)
    for key, v in at_home.items():
        served[key] += v

    for key, got in served.items():
        if got > need.get(key, 0.0) + TOL:
            problems.append(f"need {key}: served {got:.3f} > need {need.get(key, 0.0)}")

    for (j, s), clients in into.items():
        limit = services[s].clients_per_place * (existing[(j, s)] + places[(j, s)])
        if clients > limit + TOL:
            problems.append(f"capacity {j} {s}: {clients:.3f} clients > {limit:.3f}")

    fixed = {(f.municipality, f.service): f for f in pi.fixed_sites}
    for (j, s), f in fixed.items():
        if (places[(j, s)], facilities[(j, s)]) != (f.new_places, f.new_facilities):
            problems.append(f"site {j} {s}: {places[(j, s)]} places in {facilities[(j, s)]} "
                            f"facilities, but {f.new_places} in {f.new_facilities} are given")
    for (j, s), y in places.items():
        svc, n = services[s], facilities[(j, s)]
        y = y - hosted[(j, s)]
        if y != int(y) or n != int(n) or y < 0 or n < 0:
            problems.append(f"site {j} {s}: places {y} / facilities {n} not whole numbers")
        muni = home.get(j, j)
        if y > 0 and (not munis[muni].participating or (j, s) in excluded
                      or (muni, s) in excluded or not _site_allows(pi, j, s, fixed)):
            problems.append(f"site {j} {s}: new places where none may be built")
        if y > 0 and pi.fixed_only and (j, s) not in fixed:
            problems.append(f"site {j} {s}: new places outside the given plan")
        if (j, s) not in fixed and (y < svc.min_places * n - TOL
                                    or y > svc.max_places * n + TOL):
            problems.append(f"site {j} {s}: {y} places in {n} facilities breaks the size "
                            f"{svc.min_places}-{svc.max_places}")

    problems += _check_viable(pi, places, facilities, into, existing, fixed, set(hosted))
    problems += _check_centres(pi, sol, places, facilities, existing, fixed)
    problems += _check_persons(pi, sol, persons, served)
    problems += _check_money(pi, sol, places, facilities, placed)
    problems += _check_limits(pi, places, facilities, _centre_shared(pi, sol))
    problems += _check_equity(pi, need, served)
    problems += _check_totals(sol, need, served, places, facilities, km_total)
    return problems


def _site_homes(pi: ProblemInput) -> dict[str, str]:
    """The municipality of each imported candidate site."""
    return {site.id: site.municipality for site in pi.sites}


def _site_allows(pi: ProblemInput, j: str, s: str, fixed: dict) -> bool:
    """With imported sites, new places go at a site allowing ``s`` (or a fixed site)."""
    if not pi.sites or (j, s) in fixed:
        return True
    allowed = {site.id: site.services for site in pi.sites}
    return j in allowed and (not allowed[j] or s in allowed[j])
def _check_home(pi: ProblemInput, sol: Solution
                ) -> tuple[list[str], dict[tuple[str, str, str], float]]:
    """Home services: eligible groups; persons adapted only where an adaptation allows
    them (group, care level, residential service) and counted as clients of its home
    service; staff at least the clients' caseload or hours, rounded up, per municipality;
    staff per region and profession within what is available; dwellings within the stock.
    Returns the problems and the clients served without a place per need key."""
    problems: list[str] = []
    homes = {h.id: h for h in pi.home_services}
    served: dict[tuple[str, str, str], float] = defaultdict(float)
    clients: dict[tuple[str, str], float] = defaultdict(float)
    adapted_in: dict[tuple[str, str, str], float] = defaultdict(float)
    dwellings: dict[str, float] = defaultdict(float)
    for r in sol.home.itertuples():
        hs = homes.get(r.service)
        if hs is None or r.group not in hs.groups:
            problems.append(f"home {r.municipality}: group {r.group} may not use {r.service}")
            continue
        if r.clients < -TOL or r.adapted < -TOL or r.adapted > r.clients + TOL:
            problems.append(f"home {r.municipality} {r.service}: {r.clients} clients, "
                            f"{r.adapted} adapted")
        served[(r.municipality, r.group, r.service)] += r.clients - r.adapted
        clients[(r.municipality, r.service)] += r.clients
        adapted_in[(r.municipality, r.group, r.service)] += r.adapted
        dwellings[r.municipality] += hs.dwellings_per_client * (r.clients - r.adapted)
    problems += _check_adapted(pi, sol, served, adapted_in)
    staff: dict[tuple[str, str, str], float] = defaultdict(float)
    for r in sol.home_staff.itertuples():
        staff[(r.municipality, r.service, r.profession)] += r.staff
    region = {m.code: m.region for m in pi.municipalities}
    by_region: dict[tuple[str, str], float] = defaultdict(float)
    for (i, s), c in clients.items():
        hs = homes[s]
        for st in hs.staff:
            per = (1 / st.clients_per_staff if st.clients_per_staff > 0
                   else hs.hours_per_client_month / st.hours_per_staff_month)
            want = math.ceil(c * per - TOL)
            got = staff[(i, s, st.profession)]
            if got < want or got != int(got):
                problems.append(f"home staff {i} {s}: {got} {st.profession} for {c:g} clients, "
                                f"{want} needed")
            by_region[(region[i], st.profession)] += got
    for lim in pi.staff_limits:
        if by_region[(lim.region, lim.profession)] > lim.fte + TOL:
            problems.append(f"staff limit {lim.region} {lim.profession}: "
                            f"{by_region[(lim.region, lim.profession)]:g} > {lim.fte:g}")
    for d in pi.dwellings:
        if dwellings[d.municipality] > d.dwellings + TOL:
            problems.append(f"dwellings {d.municipality}: {dwellings[d.municipality]:g} used "
                            f"> {d.dwellings:g}")
    return problems, served


def _check_adapted(pi: ProblemInput, sol: Solution, served: dict, adapted_in: dict
                   ) -> list[str]:
    """Adapted persons: allowed, at most the persons who may stay at home, and clients of the
    adaptation's home service (``served`` gets them as served of the residential service)."""
    problems = []
    as_clients: dict[tuple[str, str, str], float] = defaultdict(float)
    for r in sol.adaptations.itertuples():
        ads = [a for a in pi.adaptations if r.service in a.replaces and r.group in a.groups]
        if not ads:
            problems.append(f"adaptation {r.municipality} {r.group}: none allows {r.service}")
            continue
        may = sum(p.persons for p in pi.person_table() if p.municipality == r.municipality
                  and r.service in p.package and ads[0].allows(p, r.service))
        if r.dwellings > may + TOL or r.dwellings < -TOL:
            problems.append(f"adaptation {r.municipality} {r.group} {r.service}: "
                            f"{r.dwellings:g} dwellings, {may:g} persons may stay at home")
        served[(r.municipality, r.group, r.service)] += r.dwellings
        as_clients[(r.municipality, r.group, ads[0].home_service)] += r.dwellings
    for key in set(as_clients) | set(adapted_in):
        if abs(as_clients[key] - adapted_in[key]) > TOL:
            problems.append(f"home {key}: {adapted_in[key]:g} adapted clients, "
                            f"{as_clients[key]:g} adapted dwellings")
    return problems


def _check_viable(pi: ProblemInput, places: dict, facilities: dict, into: dict,
                  existing: dict, fixed: dict, hosted: set) -> list[str]:
    """New places filled to the least occupancy after the existing ones (all but the last
    place of a centre's unit); no facility for fewer than the least clients; whole clients
    at a new site where needs are whole and such a rule applies (a given plan's sites are
    as given)."""
    problems = []
    whole = all(float(v).is_integer() for v in pi.need_table().values())
    for (j, s), y in places.items():
        if y <= 0 or (j, s) in fixed:
            continue
        svc = pi.service(s)
        least = pi.min_occupancy if svc.min_occupancy is None else svc.min_occupancy
        viable = least > 0 or pi.min_clients_per_facility > 0
        if whole and viable and abs(into[(j, s)] - round(into[(j, s)])) > TOL:
            problems.append(f"site {j} {s}: {into[(j, s)]:.4f} clients, not whole persons")
        in_new = into[(j, s)] - svc.clients_per_place * existing[(j, s)]
        filled = y - 1 if (j, s) in hosted else y
        if in_new < least * svc.clients_per_place * filled - TOL:
            problems.append(f"site {j} {s}: {in_new:.2f} clients in {y} new places, below "
                            f"the least occupancy {least:.0%}")
        if into[(j, s)] < pi.min_clients_per_facility * facilities[(j, s)] - TOL:
            problems.append(f"site {j} {s}: {into[(j, s)]:.2f} clients for "
                            f"{facilities[(j, s)]} new facilities")
    return problems


def _check_centres(pi: ProblemInput, sol: Solution, places: dict, facilities: dict,
                   existing: dict, fixed: dict) -> list[str]:
    """Every unit of a centre: a service its centre hosts, at a site with no places of it
    yet and no separate new facility, within the new places there and the service's
    largest size; its slot's groups may share a room, its clients fit its places, and the
    groups at a hosted site all have a slot; a centre serves at least its least clients."""
    problems: list[str] = []
    norms = {c.id: c for c in pi.centres}
    units: dict[tuple[str, str], list] = defaultdict(list)
    for r in sol.centres.itertuples():
        c = norms.get(r.centre)
        if c is None or r.service not in c.services:
            problems.append(f"centre {r.municipality} {r.centre}: does not host {r.service}")
            continue
        units[(r.site_id or r.municipality, r.service)].append(r)
        groups = r.slot.split("+")
        clash = [(a, b) for a in groups for b in groups if a < b and c.clash(a, b)]
        if clash:
            problems.append(f"centre {r.municipality} {r.service}: {clash[0][0]} and "
                            f"{clash[0][1]} share one room at the same time")
    clients: dict[tuple[str, str], float] = defaultdict(float)
    for (j, s), rows in units.items():
        svc = pi.service(s)
        total = sum(r.new_places for r in rows)
        if existing[(j, s)] > 0 or (j, s) in fixed or facilities[(j, s)] > 0:
            problems.append(f"centre {j} {s}: a unit beside existing places, a given site or "
                            "a separate new facility")
        if total > min(places[(j, s)], svc.max_places) + TOL:
            problems.append(f"centre {j} {s}: {total} places in the unit, "
                            f"{places[(j, s)]} new places, at most {svc.max_places}")
        slotted = {g for r in rows for g in r.slot.split("+")}
        for r in rows:
            got = sum(f.clients for f in sol.flows.itertuples()
                      if (f.site_id or f.site, f.service) == (j, s)
                      and f.group in r.slot.split("+"))
            if got > svc.clients_per_place * r.new_places + TOL:
                problems.append(f"centre {j} {s} {r.slot}: {got:.2f} clients in "
                                f"{r.new_places} places")
            clients[(j, r.centre)] += got
        for f in sol.flows.itertuples():
            if ((f.site_id or f.site, f.service) == (j, s) and f.group not in slotted
                    and f.clients > TOL):
                problems.append(f"centre {j} {s}: group {f.group} has no room of its own")
    for (j, cid), got in clients.items():
        if got < norms[cid].min_clients - TOL:
            problems.append(f"centre {j} {cid}: {got:.2f} clients, fewer than the least "
                            f"{norms[cid].min_clients}")
    opened = len({(r.site_id or r.municipality, r.centre) for r in sol.centres.itertuples()})
    if sol.totals.get("centres", 0) != opened:
        problems.append(f"total centres: reported {sol.totals.get('centres', 0)} != {opened}")
    return problems


def _centre_shared(pi: ProblemInput, sol: Solution) -> dict[str, list]:
    """The norms of the centres in each municipality (one per site and centre)."""
    norms = {c.id: c for c in pi.centres}
    out: dict[str, list] = defaultdict(list)
    for j, _site, cid in sorted({(r.municipality, r.site_id, r.centre)
                                 for r in sol.centres.itertuples()}):
        if cid in norms:
            out[j].append(norms[cid])
    return out


def _check_persons(pi: ProblemInput, sol: Solution, persons: list, served: dict) -> list[str]:
    """The persons table lists every person record; a served person uses every service of
    the package, so the clients of a service cover the served persons whose package holds
    it; the totals count persons."""
    problems = []
    rows = list(sol.persons.itertuples())
    if len(rows) != len(persons):
        return [f"persons: {len(rows)} rows for {len(persons)} person records"]
    covered: dict[tuple[str, str, str], float] = defaultdict(float)
    for r, p in zip(rows, persons, strict=True):
        if (r.municipality, r.group, r.package) != (p.municipality, p.group, "+".join(p.package)):
            problems.append(f"persons: row {r.Index} is not the record {p.municipality} "
                            f"{p.group} {'+'.join(p.package)}")
            continue
        if not -TOL <= r.served <= p.persons + TOL or abs(r.served + r.unserved - p.persons) > TOL:
            problems.append(f"persons {p.municipality} {r.package}: {r.served} served, "
                            f"{r.unserved} unserved of {p.persons}")
        if float(p.persons).is_integer() and abs(r.served - round(r.served)) > TOL:
            problems.append(f"persons {p.municipality} {r.package}: {r.served} served, "
                            "not whole persons")
        for s in p.package:
            covered[(p.municipality, p.group, s)] += r.served
    for key, v in covered.items():
        if served.get(key, 0.0) < v - TOL:
            problems.append(f"persons {key}: {v:.3f} served persons need it, "
                            f"{served.get(key, 0.0):.3f} clients get it")
    t = sol.totals
    expected = {"need_persons": sum(p.persons for p in persons),
                "served_persons": sum(r.served for r in rows),
                "unserved_persons": sum(r.unserved for r in rows)}
    problems += [f"total {k}: reported {t.get(k)} != {v}" for k, v in expected.items()
                 if t.get(k) is None or abs(t[k] - v) > TOL * max(1.0, abs(v))]
    return problems


def _investment(pi: ProblemInput, s: str, y: float, n: float) -> float:
    svc = pi.service(s)
    return (1 + pi.cost_contingency) * (svc.investment_per_place * y
                                        + svc.investment_per_facility * n)


def _mentor_costs(pi: ProblemInput, served: dict[tuple[str, str, str], float]
                  ) -> tuple[dict[str, float], dict[str, float]]:
    """Mentor clients and mentor EUR/year per municipality (most-used service per group)."""
    clients: dict[str, float] = defaultdict(float)
    eur: dict[str, float] = defaultdict(float)
    if pi.mentor is None:
        return clients, eur
    m = pi.mentor
    most: dict[tuple[str, str], float] = defaultdict(float)
    for (i, g, _s), v in served.items():
        if g in m.groups:
            most[(i, g)] = max(most[(i, g)], v)
    records = pi.person_table()
    for (i, g), v in most.items():
        total = sum(p.persons for p in records if p.municipality == i and p.group == g)
        family = sum(p.persons for p in records if p.municipality == i and p.group == g
                     and p.care_level in m.with_family_levels)
        share = family / total if total else 0.0
        hours = share * m.hours_per_month_with_family + (1 - share) * m.hours_per_month_other
        clients[i] += v
        eur[i] += v * hours * 12 * m.hourly_rate
    return clients, eur


def _check_money(pi: ProblemInput, sol: Solution, places: dict, facilities: dict,
                 served: dict) -> list[str]:
    problems = []
    home = _site_homes(pi)
    region = {m.code: m.region for m in pi.municipalities}
    region.update({j: region[m] for j, m in home.items()})
    invest: dict[str, float] = defaultdict(float)
    running: dict[str, float] = defaultdict(float)
    erdf: dict[str, float] = defaultdict(float)
    share = _erdf_shares(pi)
    for (j, s), y in places.items():
        cost = _investment(pi, s, y, facilities[(j, s)])
        invest[region[j]] += cost
        erdf[region[j]] += share[home.get(j, j)] * pi.eligible_share * cost
        svc = pi.service(s)
        running[region[j]] += (svc.running_cost_per_day * svc.days_per_year * y
                               + svc.running_cost_per_facility_year * facilities[(j, s)])
    for j, centres in _centre_shared(pi, sol).items():
        for c in centres:
            cost = (1 + pi.cost_contingency) * c.investment_per_centre
            invest[region[j]] += cost
            erdf[region[j]] += share[j] * pi.eligible_share * cost
            running[region[j]] += c.running_cost_per_centre_year
    mentor_clients, mentor_eur = _mentor_costs(pi, served)
    for i, eur in mentor_eur.items():
        running[region[i]] += eur
    for r in sol.home.itertuples():
        hs = next(h for h in pi.home_services if h.id == r.service)
        running[region[r.municipality]] += r.clients * 12 * hs.hours_per_client_month \
            * hs.hourly_rate
    for r in sol.home_staff.itertuples():
        st = next(st for h in pi.home_services if h.id == r.service for st in h.staff
                  if st.profession == r.profession)
        running[region[r.municipality]] += r.staff * st.cost_per_staff_year
    for r in sol.adaptations.itertuples():
        ad = next(a for a in pi.adaptations if r.service in a.replaces and r.group in a.groups)
        cost = (1 + pi.cost_contingency) * ad.investment_per_dwelling * r.dwellings
        invest[region[r.municipality]] += cost
        erdf[region[r.municipality]] += share[r.municipality] * pi.eligible_share * cost
    for b in pi.budgets:
        if b.investment_eur is not None and invest[b.region] > b.investment_eur + TOL:
            problems.append(f"investment {b.region}: {invest[b.region]:,.2f} > "
                            f"{b.investment_eur:,.2f}")
        if b.erdf_quota_eur is not None and erdf[b.region] > b.erdf_quota_eur + TOL:
            problems.append(f"ERDF quota {b.region}: {erdf[b.region]:,.2f} > "
                            f"{b.erdf_quota_eur:,.2f}")
        if (b.running_eur_per_year is not None
                and running[b.region] > b.running_eur_per_year + TOL):
            problems.append(f"running {b.region}: {running[b.region]:,.2f} > "
                            f"{b.running_eur_per_year:,.2f}")
    for r in sol.municipalities.itertuples():
        # flows within the row tolerance: 5.00001 mentor clients need one mentor of 5
        want_mentors = (math.ceil(mentor_clients[r.municipality] / pi.mentor.clients_per_mentor
                                  - TOL) if pi.mentor else 0)
        if r.mentors < want_mentors:
            problems.append(f"mentors {r.municipality}: {r.mentors} < {want_mentors}")
        expected_erdf = share[r.municipality] * pi.eligible_share * r.investment_eur
        if abs(r.erdf_eur + r.cofinancing_eur - r.investment_eur) > TOL or \
                abs(r.erdf_eur - expected_erdf) > TOL:
            problems.append(f"ERDF split {r.municipality} does not add up")
    total_invest = sum(invest.values())
    total_running = sum(running.values())
    if abs(sol.totals["investment_eur"] - total_invest) > TOL * max(1, total_invest):
        problems.append(f"total investment {sol.totals['investment_eur']} != {total_invest}")
    if abs(sol.totals["running_eur_per_year"] - total_running) > TOL * max(1, total_running):
        problems.append(f"total running {sol.totals['running_eur_per_year']} != {total_running}")
    return problems


def _erdf_shares(pi: ProblemInput) -> dict[str, float]:
    """ERDF share of eligible cost per municipality: its own, its region's, or the default."""
    by_region = {b.region: b.erdf_share for b in pi.budgets if b.erdf_share is not None}
    return {m.code: m.erdf_share if m.erdf_share is not None
            else by_region.get(m.region, pi.erdf_share) for m in pi.municipalities}


def _check_limits(pi: ProblemInput, places: dict, facilities: dict,
                  centres: dict[str, list]) -> list[str]:
    problems = []
    home = _site_homes(pi)
    for svc in pi.services:
        if svc.max_new_facilities is not None:
            opened = sum(n for (_j, s), n in facilities.items() if s == svc.id)
            if opened > svc.max_new_facilities + TOL:
                problems.append(f"facility cap {svc.id}: {opened} > {svc.max_new_facilities}")
    for lim in pi.municipality_limits:
        j = lim.municipality
        y = sum(v for (m, _s), v in places.items() if home.get(m, m) == j)
        n = sum(v for (m, _s), v in facilities.items() if home.get(m, m) == j) + \
            sum(len(cs) for m, cs in centres.items() if home.get(m, m) == j)
        staff = sum(pi.service(s).staff_per_facility * facilities[(m, s)]
                    + pi.service(s).staff_per_place * v for (m, s), v in places.items()
                    if home.get(m, m) == j)
        staff += sum(c.staff_per_centre for m, cs in centres.items() if home.get(m, m) == j
                     for c in cs)
        for label, used, cap in (("places", y, lim.max_new_places),
                                 ("facilities", n, lim.max_new_facilities),
                                 ("staff", staff, lim.max_new_staff)):
            if cap is not None and used > cap + TOL:
                problems.append(f"limit {j}: {used} new {label} > {cap}")
    return problems


def _check_equity(pi: ProblemInput, need: dict, served: dict) -> list[str]:
    if pi.equity_floor <= 0:
        return []
    problems = []
    for m in pi.municipalities:
        want = sum(v for (i, _g, _s), v in need.items() if i == m.code)
        got = sum(v for (i, _g, _s), v in served.items() if i == m.code)
        if got < pi.equity_floor * want - TOL:
            problems.append(f"equity {m.code}: served {got:.3f} < {pi.equity_floor} x {want}")
    return problems


def _check_totals(sol: Solution, need: dict, served: dict, places: dict, facilities: dict,
                  km_total: float) -> list[str]:
    t = sol.totals
    expected = {
        "need_clients": sum(need.values()),
        "served_clients": sum(served.values()),
        "unmet_clients": sum(need.values()) - sum(served.values()),
        "new_places": sum(places.values()),
        "new_facilities": sum(facilities.values()),
        "distance_km_weighted": km_total,
    }
    return [f"total {k}: reported {t[k]} != {v}" for k, v in expected.items()
            if abs(t[k] - v) > TOL * max(1.0, abs(v))]
