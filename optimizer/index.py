"""The keys the model's variables exist for, and the candidate sites another site makes redundant.

Only eligible, reachable, allowed combinations get a variable (``build_index``); a candidate
site that another site of its region beats for every origin is left out (``dominated_sites``).
An equity floor that no site in reach can meet is refused here, before any model is built.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from optimizer.errors import InfeasibleError
from optimizer.problem import ProblemInput

XKey = tuple[str, str, str, str]


@dataclass
class Index:
    """The keys variables exist for: only eligible, reachable, allowed combinations.

    ``need`` (origin, group, service) -> clients; ``cap`` (site, service) -> existing places;
    ``x`` (origin, site, group, service) flows; ``sites`` every (site, service) a flow may
    reach, ``new_sites`` those that may get new places; ``mentor`` (origin, group) pairs of
    mentor groups.
    """

    need: dict[tuple[str, str, str], float]
    cap: dict[tuple[str, str], float]
    x: list[XKey]
    sites: list[tuple[str, str]]
    new_sites: list[tuple[str, str]]
    mentor: list[tuple[str, str]]
    hosted: list[tuple[str, str, str]] = field(default_factory=list)
    """(site, centre, service): new sites a centre may host (no places of the service
    there yet, not a given plan's site)."""
    far: dict[tuple[str, str, str], float] = field(default_factory=dict)
    """(origin, group, service) -> km: the price of the need's "far" slack where only its
    nearest sites in reach have flows (``nearest_sites``)."""
    nearest: dict[tuple[str, str], int] = field(default_factory=dict)
    """(origin, service) -> how many of its nearest sites in reach have flows."""
    ranked: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(origin, service) -> every site in reach, nearest first, where ``nearest`` cuts."""


def build_index(pi: ProblemInput, keep_sites: frozenset[tuple[str, str]] = frozenset(),
                nearest: int | dict[tuple[str, str], int] | str | None = None) -> Index:
    """The index of ``pi``, without the redundant candidate sites (except ``keep_sites``).

    The pairs in reach are found per service on arrays (origins x sites, ``_reach``), not
    pair by pair through ``ProblemInput.may_serve``: on 600 demand points x 600 sites the
    index took 6.0 s (cProfile), 721,199 calls of ``is_candidate_site`` alone 2.9 s; on
    arrays it takes well under a second (``benchmarks/README.md``, issue 14). The keys
    and their order are those of the pair-by-pair rule (``tests/optimizer/test_index.py``
    keeps it as the reference).

    ``nearest``: flows only to each origin's that many nearest sites in reach (one number
    for all, or per (origin, service)), the rest priced by a "far" slack
    (``nearest_sites``); ``"auto"``: as ``nearest_sites`` decides; ``None``: every pair in
    reach.
    """
    need = {k: v for k, v in pi.need_table().items() if v > 0}
    cap = {k: v for k, v in pi.capacity_table().items() if v > 0}
    services = {s.id: s for s in pi.services}
    codes = pi.site_codes()
    reach = _reach(pi, need, cap, codes)
    in_centres = {s for c in pi.centres for s in c.services}
    dominated = {(j, s) for (j, s) in dominated_sites(pi, cap, reach) if s not in in_centres}
    dominated -= keep_sites | set(pi.fixed_table())
    column = {j: b for b, j in enumerate(codes)}
    for j, s in dominated:
        reach[s].ok[:, column[j]] = False
    full: dict[tuple[str, str], np.ndarray] = {}
    for (i, _g, s) in need:
        if s in services and (i, s) not in full:  # else a home service (formulation.h)
            full[(i, s)] = np.flatnonzero(reach[s].ok[reach[s].row[i]])
    if nearest == "auto":
        nearest = nearest_sites(pi, sum(len(full[(i, s)]) for (i, _g, s) in need
                                        if (i, s) in full))
    reached: dict[tuple[str, str], list[str]] = {}
    cut: dict[tuple[str, str], tuple[int, float, list[str]]] = {}
    for (i, s), columns in full.items():
        k = nearest if isinstance(nearest, int) or nearest is None else nearest.get((i, s))
        if k is not None and len(columns) > k:
            r = reach[s]
            km = r.km[r.row[i], columns]
            order = np.argsort(km, kind="stable")
            cut[(i, s)] = (k, float(km[order[k]]), [codes[b] for b in columns[order]])
            columns = np.sort(columns[order[:k]])
        reached[(i, s)] = [codes[b] for b in columns]
    x: list[XKey] = [(i, j, g, s) for (i, g, s) in sorted(need) if (i, s) in reached
                     for j in reached[(i, s)]]
    used_sites = {(j, s) for (_i, s), js in reached.items() for j in js}
    far = {(i, g, s): cut[(i, s)][1] for (i, g, s) in need if (i, s) in cut}
    sites = sorted(used_sites | set(pi.fixed_table()))  # a given site stands, used or not
    new_sites = [(j, s) for (j, s) in sites if pi.is_candidate_site(j, s)]
    mentor = []
    if pi.mentor is not None:
        mentor = sorted({(i, g) for (i, g, _s) in need if g in pi.mentor.groups})
    fixed = pi.fixed_table()
    hosted = [(j, c.id, s) for c in pi.centres for (j, s) in new_sites
              if s in c.services and (j, s) not in cap and (j, s) not in fixed
              and (c.municipalities is None or pi.site_municipality(j) in c.municipalities)]
    return Index(need=need, cap=cap, x=x, sites=sites, new_sites=new_sites, mentor=mentor,
                 hosted=hosted, far=far, nearest={key: c[0] for key, c in cut.items()},
                 ranked={key: c[2] for key, c in cut.items()})


NEAREST_FROM_PAIRS = 50_000
"""``nearest_sites`` applies from this many pairs in reach (below it a model builds and
solves in seconds, and a second round would cost more than it saves)."""


def nearest_sites(pi: ProblemInput, pairs: int) -> int | None:
    r"""How many nearest sites in reach per origin get flows, ``None`` for all.

    The device (issue 14): a need keeps flows only to its *K* nearest sites in reach and
    gets a slack :math:`f_{igs}` ("served far"), counted as served and priced in the
    distance goal at the (*K*+1)-th nearest site's km. Any plan of the whole model maps to
    one of this one (a flow beyond the *K* nearest becomes slack, no dearer in km; places,
    facilities and so unmet need and cost stay; a site left without flows drops its
    facilities, which only lowers cost): each stage's optimum here bounds the whole
    model's from below. A plan without slack is a plan of the whole model, so it is then
    the lexicographic optimum of the whole; otherwise ``optimizer.solve`` widens *K* where
    slack was used and solves again (``AllocationModel.wider_reach``).

    The mapping needs that no row asks for clients at a site, and that distance is a goal:
    no viable occupancy or least clients per facility, no centres (their clients), no
    mentors or equity floor (they count flows), no given plan. Real DI plans have
    occupancy rows, so the device never applies to them. *K* starts at twice the sites
    per allowed facility (each facility's share of the sites, doubled for the points
    between two facilities), at least 20.

    Measured (``benchmarks/README.md``): 600 x 600 p-median, 359,400 pairs.
    """
    o = pi.objective
    distance_counts = ("distance" in o.order if o.kind == "lexicographic"
                       else o.distance_weight > 0)
    if (pairs < NEAREST_FROM_PAIRS or not distance_counts or pi.centres or pi.mentor
            or pi.equity_floor > 0 or pi.fixed_sites or pi.fixed_only
            or pi.min_clients_per_facility > 0 or any(pi.occupancy_of(s) > 0
                                                       for s in pi.services)):
        return None
    sites = max(sum(pi.is_candidate_site(j, s.id) for j in pi.site_codes()) for s in pi.services)
    caps = [s.max_new_facilities for s in pi.services if s.max_new_facilities]
    per_facility = sites // max(min(caps), 1) if caps and len(caps) == len(pi.services) else 10
    return max(20, per_facility)


@dataclass
class Reach:
    """One service's pairs in reach: ``ok[r, b]`` may clients from ``origins[r]`` use the
    service at ``codes[b]`` (they need it; reach, region, a site with places or that may
    get them);
    ``km[r, b]`` the distance (``inf`` where there is none)."""

    origins: list[str]
    row: dict[str, int]
    codes: list[str]
    ok: np.ndarray
    km: np.ndarray


def _reach(pi: ProblemInput, need: dict[tuple[str, str, str], float],
           cap: dict[tuple[str, str], float], codes: list[str]) -> dict[str, Reach]:
    """Every place-based service's pairs in reach, as ``ProblemInput.may_serve`` and
    ``is_candidate_site`` decide them pair by pair."""
    origins = sorted({i for (i, _g, s) in need})
    row = {i: r for r, i in enumerate(origins)}
    column = {j: b for b, j in enumerate(codes)}
    km = _matrix(pi.distances, row, column, origins)
    minutes = _matrix(pi.minutes, row, column, origins)
    region_id: dict[str, int] = {}
    origin_region = np.array([region_id.setdefault(pi.municipality(i).region, len(region_id))
                              for i in origins], dtype=int)
    site_region = np.array([region_id.setdefault(pi.site_region(j), len(region_id))
                            for j in codes], dtype=int)
    same_region = origin_region[:, None] == site_region[None, :]
    known = ~np.isnan(km)
    out: dict[str, Reach] = {}
    for svc in pi.services:
        needed = {i for (i, _g, s) in need if s == svc.id}
        ok = known & np.array([i in needed for i in origins], dtype=bool)[:, None]
        if svc.max_travel_km > 0:
            ok &= np.where(known, km, np.inf) <= svc.max_travel_km
        if svc.max_travel_minutes > 0:
            ok &= np.isnan(minutes) | (np.where(np.isnan(minutes), 0.0, minutes)
                                       <= svc.max_travel_minutes)
        if not pi.cross_region_flows:
            ok &= same_region
        ok &= np.array([(j, svc.id) in cap or pi.is_candidate_site(j, svc.id) for j in codes],
                       dtype=bool)[None, :]
        out[svc.id] = Reach(origins, row, codes, ok, np.where(ok, km, np.inf))
    return out


def _matrix(values: dict[tuple[str, str], float], row: dict[str, int],
            column: dict[str, int], origins: list[str]) -> np.ndarray:
    """``values`` as an origins x codes array, 0 from a municipality to itself unless
    given, ``nan`` where nothing is known (``ProblemInput.distance``, ``travel_minutes``)."""
    out = np.full((len(row), len(column)), np.nan)
    for i in origins:
        if i in column:
            out[row[i], column[i]] = 0.0
    pairs = np.array([(row[i], column[j], v) for (i, j), v in values.items()
                      if i in row and j in column], dtype=float).reshape(-1, 3)
    out[pairs[:, 0].astype(int), pairs[:, 1].astype(int)] = pairs[:, 2]
    return out


def dominated_sites(pi: ProblemInput, cap: dict[tuple[str, str], float],
                    reach: dict[str, Reach]) -> set[tuple[str, str]]:
    """Candidate sites of a service that another candidate site makes redundant.

    Site *b* is left out for service *s* when a site *a* of the same region, free of
    municipality limits, is within reach of every origin that reaches *b* and no farther
    from any of them (nearer to one, or a tie broken by order), and *b* has no places of *s*
    yet. Any plan moves *b*'s new facilities and clients to *a*: the same places and
    facilities (so the same cost, budgets and staff; facilities may share a site), the same
    unmet need, no more client-km. So the lexicographic (and weighted) optimum is unchanged,
    and a model with several candidate sites per municipality loses the many that only
    copy a better one. The argument fails for a service a centre may host (moving its
    unit away from a centre loses the shared cost), so ``build_index`` keeps those sites.

    The sites that may beat *b* are only those no farther than *b* from the origin where
    the fewest sites are (``_beaten``): comparing every pair of sites over every origin
    took 1.0 s and 215 M comparisons on 600 x 600 (cProfile); a handful of candidates each
    takes a fraction of that (``benchmarks/README.md``, issue 14).
    """
    limited = {lim.municipality for lim in pi.municipality_limits}
    dominated: set[tuple[str, str]] = set()
    for s, r in reach.items():
        groups: dict[str, list[int]] = defaultdict(list)
        for b, j in enumerate(r.codes):
            if pi.is_candidate_site(j, s) and r.ok[:, b].any():
                groups[pi.site_region(j)].append(b)
        for columns in groups.values():
            if len(columns) < 2:
                continue
            columns.sort(key=lambda b: r.codes[b])
            d = r.km[:, columns]
            free = np.array([pi.site_municipality(r.codes[b]) not in limited for b in columns])
            for b in _beaten(d, free):
                if (r.codes[columns[b]], s) not in cap:
                    dominated.add((r.codes[columns[b]], s))
    return dominated


def _beaten(d: np.ndarray, free: np.ndarray) -> list[int]:
    """Columns *b* of ``d`` (origins x sites, ``inf`` out of reach) that a column *a* with
    ``free[a]`` beats: ``d[:, a] <= d[:, b]`` everywhere, and smaller somewhere or ``a < b``.
    Such an *a* is no farther than *b* from the origin where *b* has the fewest sites no
    farther than itself, so only those are compared."""
    ordered = np.sort(d, axis=1)
    no_farther = np.array([np.searchsorted(ordered[k], d[k], side="right")
                           for k in range(d.shape[0])])
    no_farther[~np.isfinite(d)] = d.shape[1] + 1
    out = []
    for b in range(d.shape[1]):
        k = int(np.argmin(no_farther[:, b]))
        cand = np.flatnonzero((d[k] <= d[k, b]) & free)
        cand = cand[cand != b]
        if not len(cand):
            continue
        sub, col = d[:, cand], d[:, b:b + 1]
        beats = (sub <= col).all(axis=0) & (~(sub == col).all(axis=0) | (cand < b))
        if beats.any():
            out.append(b)
    return out


def check_equity_reach(pi: ProblemInput, index: Index) -> None:
    """Before solving: can the equity floor be met at all, whatever the money?

    Raises ``InfeasibleError`` naming the municipality whose clients in reach of a site
    fall short of the floor (the diagnosis after a solve is ``optimizer.diagnose``).
    """
    if pi.equity_floor <= 0:
        return
    need: dict[str, float] = defaultdict(float)
    reachable: dict[str, float] = defaultdict(float)
    origins_with_sites = {(i, g, s) for (i, _j, g, s) in index.x}
    for key, v in index.need.items():
        need[key[0]] += v
        if key in origins_with_sites:
            reachable[key[0]] += v
    for i, total in need.items():
        if reachable[i] < pi.equity_floor * total - 1e-9:
            m = pi.municipality(i)
            raise InfeasibleError(
                "equity_floor",
                f"equity floor {pi.equity_floor:.0%} needs {pi.equity_floor * total:,.1f} of "
                f"the {total:,.0f} clients of {m.name} ({i}) served, but only "
                f"{reachable[i]:,.0f} of them have a service site within reach "
                "(check reach, excluded sites and non-participating municipalities)")
