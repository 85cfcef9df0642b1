"""The index on arrays (``optimizer.index.build_index``) keeps the pair-by-pair rule's keys."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.index import build_index
from optimizer.problem import (
    CandidateSite,
    ExcludedSite,
    Municipality,
    MunicipalityLimit,
    Need,
    ProblemInput,
    ServiceNorm,
)
from tests.optimizer.instances import random_instances, with_satellites


def reference_index(pi: ProblemInput) -> tuple[list, list, list]:
    """The keys, sites and new sites of the rule the array index replaced: every pair through
    ``may_serve`` and every pair of sites compared over every origin."""
    need = {k: v for k, v in pi.need_table().items() if v > 0}
    cap = {k: v for k, v in pi.capacity_table().items() if v > 0}
    services = {s.id: s for s in pi.services}
    x, used = [], set()
    for (i, g, s), _v in sorted(need.items()):
        svc = services.get(s)
        if svc is None:
            continue
        for j in pi.site_codes():
            if ((j, s) in cap or pi.is_candidate_site(j, s)) and pi.may_serve(i, j, svc):
                x.append((i, j, g, s))
                used.add((j, s))
    limited = {lim.municipality for lim in pi.municipality_limits}
    km: dict = defaultdict(lambda: defaultdict(dict))
    for (i, j, _g, s) in x:
        km[(s, pi.site_region(j))][j][i] = pi.distance(i, j) or 0.0
    dominated = set()
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
        dominated |= {(codes[b], s) for b in np.flatnonzero(beats.any(axis=0))
                      if (codes[b], s) not in cap}
    dominated -= set(pi.fixed_table())
    x = [k for k in x if (k[1], k[3]) not in dominated]
    sites = sorted((used - dominated) | set(pi.fixed_table()))
    return x, sites, [(j, s) for (j, s) in sites if pi.is_candidate_site(j, s)]


def same_as_reference(pi: ProblemInput) -> None:
    index = build_index(pi)
    x, sites, new_sites = reference_index(pi)
    assert index.x == x
    assert index.sites == sites
    assert index.new_sites == new_sites


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(random_instances(), with_satellites()))
def test_the_array_index_equals_the_pair_by_pair_rule(pi):
    same_as_reference(pi)


def sited_instance(seed: int) -> ProblemInput:
    """Two regions of municipalities with imported sites, whole-km distances (so ties),
    some pairs without a road, minutes for some pairs, an exclusion and a limit."""
    rng = random.Random(seed)
    munis = [Municipality(f"m{k}", f"M{k}", f"R{k % 2}", participating=rng.random() < 0.8)
             for k in range(8)]
    sites = [CandidateSite(f"s{k}", f"S{k}", rng.choice(munis).code,
                           services=rng.choice([[], ["home"], ["day"]])) for k in range(25)]
    codes = [m.code for m in munis] + [s.id for s in sites]
    distances = {(m.code, j): float(rng.randint(0, 40)) for m in munis for j in codes
                 if m.code != j and rng.random() < 0.9}
    minutes = {k: rng.uniform(0, 60) for k in distances if rng.random() < 0.3}
    services = [ServiceNorm("home", "Home", "residential", ["g"], max_places=10),
                ServiceNorm("day", "Day", "day", ["g"], max_places=10, max_travel_km=25,
                            max_travel_minutes=40)]
    return ProblemInput(
        municipalities=munis, groups=["g"], services=services, sites=sites,
        needs=[Need(m.code, "g", s.id, float(rng.randint(0, 5))) for m in munis
               for s in services],
        distances=distances, minutes=minutes, cross_region_flows=rng.random() < 0.5,
        excluded_sites=[ExcludedSite(sites[0].id, "home")],
        municipality_limits=[MunicipalityLimit(rng.choice(munis).code, max_new_places=3)])


def test_the_array_index_equals_the_pair_by_pair_rule_with_sites_and_minutes():
    for seed in range(20):
        same_as_reference(sited_instance(seed))
        same_as_reference(replace(sited_instance(seed), sites=[]))
