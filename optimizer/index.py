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


def build_index(pi: ProblemInput, keep_sites: frozenset[tuple[str, str]] = frozenset()
                ) -> Index:
    """The index of ``pi``, without the redundant candidate sites (except ``keep_sites``)."""
    need = {k: v for k, v in pi.need_table().items() if v > 0}
    cap = {k: v for k, v in pi.capacity_table().items() if v > 0}
    services = {s.id: s for s in pi.services}
    codes = pi.site_codes()
    x: list[XKey] = []
    used_sites: set[tuple[str, str]] = set()
    for (i, g, s), _v in sorted(need.items()):
        svc = services.get(s)
        if svc is None:  # a home service: served where the client lives (formulation.h)
            continue
        for j in codes:
            if ((j, s) in cap or pi.is_candidate_site(j, s)) and pi.may_serve(i, j, svc):
                x.append((i, j, g, s))
                used_sites.add((j, s))
    in_centres = {s for c in pi.centres for s in c.services}
    dominated = {(j, s) for (j, s) in dominated_sites(pi, cap, x) if s not in in_centres}
    dominated -= keep_sites | set(pi.fixed_table())
    if dominated:
        x = [key for key in x if (key[1], key[3]) not in dominated]
        used_sites -= dominated
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
                 hosted=hosted)


def dominated_sites(pi: ProblemInput, cap: dict[tuple[str, str], float],
                    x: list[XKey]) -> set[tuple[str, str]]:
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
    """
    limited = {lim.municipality for lim in pi.municipality_limits}
    km: dict[tuple[str, str], dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for (i, j, _g, s) in x:
        km[(s, pi.site_region(j))][j][i] = pi.distance(i, j) or 0.0
    dominated: set[tuple[str, str]] = set()
    for (s, _r), by_site in km.items():
        codes = sorted(j for j in by_site if pi.is_candidate_site(j, s))
        if len(codes) < 2:
            continue
        origins = sorted({i for j in codes for i in by_site[j]})
        row = {i: k for k, i in enumerate(origins)}
        d = np.full((len(origins), len(codes)), np.inf)
        for b, j in enumerate(codes):
            for i, v in by_site[j].items():
                d[row[i], b] = v
        no_farther = (d[:, :, None] <= d[:, None, :]).all(axis=0)
        nearer = (d[:, :, None] < d[:, None, :]).any(axis=0)
        order = np.arange(len(codes))
        beats = no_farther & (nearer | (order[:, None] < order[None, :]))
        np.fill_diagonal(beats, False)
        beats[[a for a, j in enumerate(codes) if pi.site_municipality(j) in limited], :] = False
        for b in np.flatnonzero(beats.any(axis=0)):
            if (codes[b], s) not in cap:
                dominated.add((codes[b], s))
    return dominated


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
