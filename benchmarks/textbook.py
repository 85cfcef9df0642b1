"""Textbook location problems on Latvia's geography, as spopt and our model see them.

Four families (issue 14), each at three sizes: p-median, capacitated p-median, maximal
covering (MCLP) and set covering (LSCP) with demand at the 43 municipality centres and
candidate sites at the same 43 (``43x43``), demand at the centres and 400 random sites
(``43x400``), or 600 random demand points and 600 random sites (``600x600``). Random points
fall in a municipality with probability proportional to its area, uniformly in the disc of
that area around its centre (``data/municipalities.csv``). A centre's weight is its
population in thousands; a random point's, its municipality's population shared by the
points expected there, times a log-normal factor (sigma 0.5); every weight a whole number
of at least 1. Distances: great circle x 1.3, rounded to 0.1 km. Fixed seed: the same
instances on every machine (``instance_hash``).

``to_problem_input`` expresses an instance as a ``ProblemInput``: one group, one service, a
cap of p new facilities, no budget, reach = the covering radius. p-median: lexicographic goals
(unmet need is 0, client-km is the p-median objective, cost 0). Capacitated: facilities of at
most ``capacity`` places, one per site. MCLP: one weighted stage of unmet need alone. LSCP:
every facility costs 1 EUR, one weighted stage of 1000 x unmet + cost.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from optimizer.problem import (
    Municipality,
    MunicipalityLimit,
    Need,
    ObjectiveSettings,
    ProblemInput,
    ServiceNorm,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "municipalities.csv"
FAMILIES = ("pmedian", "cpmedian", "mclp", "lscp")
SIZES = ("43x43", "43x400", "600x600")
SEED = 14
MCLP_RADIUS_KM = 80.0
LSCP_RADIUS_KM = 60.0


@dataclass
class Instance:
    """One textbook instance: ``km[i, j]`` from demand point i to site j."""

    family: str
    size: str
    p: int | None
    demand: list[str]
    weights: list[int]
    sites: list[str]
    km: np.ndarray
    radius: float | None = None
    capacity: int | None = None

    @property
    def name(self) -> str:
        p = f" p={self.p}" if self.p else ""
        r = f" r={self.radius:g} km" if self.radius else ""
        return f"{self.family} {self.size}{p}{r}"

    @property
    def shared_points(self) -> bool:
        """Demand points are the candidate sites (43x43)."""
        return self.demand == self.sites

    def to_json(self) -> str:
        return json.dumps({"family": self.family, "p": self.p, "weights": self.weights,
                           "km": self.km.tolist(), "radius": self.radius,
                           "capacity": self.capacity, "name": self.name})


def _centres() -> list[dict]:
    with open(DATA, encoding="utf-8") as fh:
        return [{"code": r["atvk_code"], "lat": float(r["lat"]), "lon": float(r["lon"]),
                 "population": int(r["population"]),
                 "area": float(r["area_km2"] or r["area_km2_polygon"])}
                for r in csv.DictReader(fh)]


def _random_points(n: int, prefix: str, rng: random.Random, centres: list[dict]
                   ) -> tuple[list[str], np.ndarray, list[int]]:
    """``n`` points in municipalities drawn by area; their codes, (lat, lon) and weights."""
    areas = [c["area"] for c in centres]
    total_area = sum(areas)
    coords, weights = [], []
    for c in rng.choices(centres, weights=areas, k=n):
        radius = math.sqrt(c["area"] / math.pi) * math.sqrt(rng.random())
        angle = rng.uniform(0, 2 * math.pi)
        lat = c["lat"] + radius * math.sin(angle) / 111.2
        lon = c["lon"] + radius * math.cos(angle) / (111.2 * math.cos(math.radians(c["lat"])))
        coords.append((lat, lon))
        expected = n * c["area"] / total_area
        weights.append(max(1, round(c["population"] / 1000 / expected
                                    * rng.lognormvariate(0, 0.5))))
    return [f"{prefix}{k:03d}" for k in range(n)], np.array(coords), weights


def _km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lat1, lon1 = np.radians(a[:, 0])[:, None], np.radians(a[:, 1])[:, None]
    lat2, lon2 = np.radians(b[:, 0])[None, :], np.radians(b[:, 1])[None, :]
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return np.round(2 * 6371.0 * np.arcsin(np.sqrt(h)) * 1.3, 1)


def points(size: str, seed: int = SEED) -> tuple[list[str], list[int], list[str], np.ndarray]:
    """Demand codes, their weights, site codes and the km matrix of one size."""
    rng = random.Random(f"{seed}-{size}")
    centres = _centres()
    n_demand, n_sites = (int(v) for v in size.split("x"))
    if n_demand == len(centres):
        demand = [c["code"] for c in centres]
        d_xy = np.array([(c["lat"], c["lon"]) for c in centres])
        weights = [max(1, round(c["population"] / 1000)) for c in centres]
    else:
        demand, d_xy, weights = _random_points(n_demand, "D", rng, centres)
    if n_sites == len(centres):
        sites, s_xy = demand, d_xy
    else:
        sites, s_xy, _w = _random_points(n_sites, "S", rng, centres)
    return demand, weights, sites, _km(d_xy, s_xy)


def instance(family: str, size: str, p: int | None = 5, seed: int = SEED) -> Instance:
    demand, weights, sites, km = points(size, seed)
    if family == "pmedian":
        return Instance(family, size, p, demand, weights, sites, km)
    if family == "cpmedian":
        capacity = math.ceil(1.2 * sum(weights) / p)
        return Instance(family, size, p, demand, weights, sites, km, capacity=capacity)
    if family == "mclp":
        return Instance(family, size, p, demand, weights, sites, km, radius=MCLP_RADIUS_KM)
    if family == "lscp":
        radius = max(LSCP_RADIUS_KM, math.ceil(km.min(axis=1).max()))
        return Instance(family, size, None, demand, weights, sites, km, radius=radius)
    raise ValueError(f"unknown family {family!r}; choose one of {FAMILIES}")


def instance_hash(inst: Instance) -> str:
    return hashlib.sha256(inst.to_json().encode()).hexdigest()[:12]


def to_problem_input(inst: Instance) -> ProblemInput:
    """The instance as our model's input (see the module docstring)."""
    total = sum(inst.weights)
    shared = inst.shared_points
    munis = [Municipality(c, c, "LV", participating=shared) for c in inst.demand]
    if not shared:
        munis += [Municipality(c, c, "LV") for c in inst.sites]
    distances = {(i, j): float(inst.km[a, b]) for a, i in enumerate(inst.demand)
                 for b, j in enumerate(inst.sites) if i != j}
    service = ServiceNorm(
        "svc", "Service", "residential", ["g"], min_places=1,
        max_places=inst.capacity or total, max_travel_km=inst.radius or 0.0,
        max_new_facilities=inst.p, investment_per_facility=1.0 if inst.family == "lscp" else 0.0)
    objective = ObjectiveSettings()
    if inst.family == "mclp":
        objective = ObjectiveSettings("weighted", unmet_weight=1.0, distance_weight=0.0,
                                      cost_weight=0.0)
    elif inst.family == "lscp":
        objective = ObjectiveSettings("weighted", unmet_weight=1000.0, distance_weight=0.0,
                                      cost_weight=1.0)
    limits = []
    if inst.family == "cpmedian":
        limits = [MunicipalityLimit(j, max_new_facilities=1) for j in inst.sites]
    return ProblemInput(
        municipalities=munis, groups=["g"], services=[service],
        needs=[Need(i, "g", "svc", float(w)) for i, w in zip(inst.demand, inst.weights,
                                                              strict=True)],
        distances=distances, municipality_limits=limits, objective=objective,
        cross_region_flows=True, name=inst.name)


def textbook_objective(inst: Instance, sol) -> float:
    """The textbook objective of our solution: client-km (p-median), covered weight (MCLP),
    facilities opened (LSCP)."""
    if inst.family in ("pmedian", "cpmedian"):
        return sol.objective["distance_km_weighted"]
    if inst.family == "mclp":
        return sol.totals["served_clients"]
    return float(sol.sites["new_facilities"].sum())
