"""The plain input of the allocation model: ``ProblemInput`` and its parts.

Everything the model needs, as dataclasses with a JSON form (``to_dict``/``from_dict``,
``to_json``/``from_json``) described by ``docs/problem_input.schema.json``. Nothing here
knows about the database or the app; ``planning/problem.py`` builds one from the embedded
data.

Examples
--------
>>> pi = ProblemInput(
...     municipalities=[Municipality("A", "Alpha", "R1"), Municipality("B", "Beta", "R1")],
...     groups=["adults_grt"],
...     services=[ServiceNorm("home", "Home", "residential", ["adults_grt"],
...                           investment_per_place=9000, min_places=1, max_places=10)],
...     needs=[Need("A", "adults_grt", "home", 4)],
...     distances={("A", "B"): 12.0, ("B", "A"): 12.0},
...     budgets=[RegionBudget("R1", investment_eur=50_000)],
... )
>>> pi.validate()
>>> ProblemInput.from_json(pi.to_json()) == pi
True
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from optimizer.errors import InputError

SERVICE_KINDS = ("residential", "day", "support")
OBJECTIVES = ("lexicographic", "weighted")
GOALS = ("unmet", "distance", "cost")
PRIORITY_MODES = ("strict", "weighted")
SCHEMA_VERSION = 1


@dataclass
class Municipality:
    """A place that has residents with needs (origin) and may host new services (site)."""

    code: str
    name: str
    region: str
    participating: bool = True
    erdf_share: float | None = None
    """Share of the eligible cost ERDF pays here (``None``: the region's)."""


@dataclass
class ServiceNorm:
    """Norms of one service type the model allocates.

    ``max_travel_km`` 0 means no limit (residential services: clients move there).
    ``max_new_facilities`` caps the number of new facilities of this service in the whole
    problem (``None``: no cap). ``running_cost_per_facility_year`` is what a new facility
    costs a year whatever its size (its minimum staff). ``min_occupancy``: share of a new
    facility's places the plan's own clients must fill (``None``: the problem's).
    """

    id: str
    name: str
    kind: str
    groups: list[str]
    investment_per_place: float = 0.0
    investment_per_facility: float = 0.0
    running_cost_per_facility_year: float = 0.0
    running_cost_per_day: float = 0.0
    days_per_year: float = 365.0
    clients_per_place: float = 1.0
    min_places: int = 1
    max_places: int = 1000
    staff_per_facility: float = 0.0
    staff_per_place: float = 0.0
    max_travel_km: float = 0.0
    max_new_facilities: int | None = None
    min_occupancy: float | None = None
    max_travel_minutes: float = 0.0
    """Reach in minutes of travel (0: none); checked where minutes are known (an imported
    travel matrix), the km reach everywhere."""

    @property
    def running_cost_per_place_year(self) -> float:
        return self.running_cost_per_day * self.days_per_year

    def reaches(self, km: float | None, minutes: float | None = None) -> bool:
        """True if a client ``km`` (and ``minutes``) away may use this service (``km``
        ``None``: no road known; ``minutes`` ``None``: not known, the minutes reach not
        checked)."""
        if km is None:
            return False
        if self.max_travel_km > 0 and km > self.max_travel_km:
            return False
        return minutes is None or self.max_travel_minutes <= 0 or \
            minutes <= self.max_travel_minutes


@dataclass
class Need:
    """``clients`` of ``group`` from ``municipality`` whose support plans require ``service``."""

    municipality: str
    group: str
    service: str
    clients: float
    care_level: str = ""


@dataclass
class PersonNeed:
    """``persons`` of ``group`` from ``municipality`` who each need every service of
    ``package`` (a person is served only when the whole package is). ``priority`` names a
    priority class (``""``: the default class, see ``PrioritySettings``)."""

    municipality: str
    group: str
    package: list[str]
    persons: float
    priority: str = ""
    care_level: str = ""


@dataclass
class PrioritySettings:
    """Who comes first. ``order`` lists the priority classes; ``strict``: the unmet goal is
    split into one lexicographic stage per class, in that order; ``weighted``: one unmet
    goal with ``weights`` per class. Persons with no class get ``residential_default`` when
    their package holds a residential service, else ``other_default``. An empty ``order``
    means one class for everyone."""

    mode: str = "strict"
    order: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    residential_default: str = ""
    other_default: str = ""


@dataclass
class Capacity:
    """Existing ``places`` of ``service`` in ``municipality`` (licensed and free for DI clients)."""

    municipality: str
    service: str
    places: float


@dataclass
class RegionBudget:
    """Money of one planning region.

    ``investment_eur`` is the total investment available (ERDF quota plus municipal
    co-financing); ``None`` means no limit. ``running_eur_per_year`` limits the yearly running
    cost of the new places and the mentors of the region's residents (``None``: no limit).
    ``erdf_quota_eur`` limits the ERDF money: the sum over the region's new facilities of
    (its municipality's ERDF share) x (eligible share) x investment (``None``: no limit).
    ``erdf_share``: the region's share of eligible cost ERDF pays (``None``: the problem's).
    """

    region: str
    investment_eur: float | None = None
    running_eur_per_year: float | None = None
    erdf_quota_eur: float | None = None
    erdf_share: float | None = None

    @classmethod
    def from_quota(
        cls, region: str, erdf_quota_eur: float, erdf_share: float, **kwargs: Any
    ) -> RegionBudget:
        """The budget an ERDF quota opens when ERDF pays ``erdf_share`` of each project."""
        return cls(region, investment_eur=erdf_quota_eur / erdf_share, **kwargs)


@dataclass
class MunicipalityLimit:
    """Optional caps on what may be built in one municipality."""

    municipality: str
    max_new_places: int | None = None
    max_new_facilities: int | None = None
    max_new_staff: float | None = None


@dataclass
class MentorNorm:
    """Social mentors: every served client of ``groups`` needs one; one mentor per
    ``clients_per_mentor`` clients. Clients at ``with_family_levels`` are assumed to live with
    their family and get ``hours_per_month_with_family``, the others ``hours_per_month_other``."""

    groups: list[str]
    clients_per_mentor: float = 5.0
    hourly_rate: float = 5.0
    hours_per_month_with_family: float = 20.0
    hours_per_month_other: float = 8.0
    with_family_levels: list[str] = field(default_factory=lambda: ["I", "II"])


@dataclass
class StaffNorm:
    """One profession a home service needs: one staff per ``clients_per_staff`` clients (a
    caseload), or one per ``hours_per_staff_month`` of the service's hours (0: not so); a
    staff member costs ``cost_per_staff_year`` (0 where the hours are paid by the hour)."""

    profession: str
    clients_per_staff: float = 0.0
    hours_per_staff_month: float = 0.0
    cost_per_staff_year: float = 0.0

    def staff_for(self, clients: float, hours_per_client_month: float) -> float:
        """Staff (fractional) ``clients`` need; the plan employs the next whole number."""
        if self.clients_per_staff > 0:
            return clients / self.clients_per_staff
        return clients * hours_per_client_month / self.hours_per_staff_month


@dataclass
class HomeServiceNorm:
    """A service given where the client lives, planned as staff and hours, not places: no
    facility, no travel. ``hours_per_client_month`` are paid at ``hourly_rate`` (EUR/h);
    ``staff`` the professions it needs; ``dwellings_per_client`` the dwellings (municipal
    housing fund or rental market) a client needs, e.g. Housing First."""

    id: str
    name: str
    groups: list[str]
    hours_per_client_month: float = 0.0
    hourly_rate: float = 0.0
    staff: list[StaffNorm] = field(default_factory=list)
    dwellings_per_client: float = 0.0

    def running_per_client_year(self) -> float:
        return 12 * self.hours_per_client_month * self.hourly_rate


@dataclass
class AdaptationNorm:
    """Housing adaptation: ``investment_per_dwelling`` lets a person of ``groups`` (at
    ``care_levels``, of ``priority_classes``; empty: any) whose package holds a residential
    service of ``replaces`` stay at home with ``home_service`` instead of taking the place.
    A person leaving an institution has no home to adapt: leave that class out."""

    id: str
    name: str
    replaces: list[str]
    home_service: str
    groups: list[str]
    investment_per_dwelling: float
    care_levels: list[str] = field(default_factory=list)
    priority_classes: list[str] = field(default_factory=list)

    def allows(self, p: PersonNeed, service: str) -> bool:
        return (service in self.replaces and p.group in self.groups
                and (not self.care_levels or p.care_level in self.care_levels)
                and (not self.priority_classes or p.priority in self.priority_classes))


@dataclass
class StaffLimit:
    """At most ``fte`` staff of ``profession`` for home services in ``region``."""

    region: str
    profession: str
    fte: float


@dataclass
class DwellingStock:
    """``dwellings`` available in ``municipality`` for home services that need them."""

    municipality: str
    dwellings: float


@dataclass
class ExcludedSite:
    """No new facility of ``service`` may be built in ``municipality`` (e.g. residents object)."""

    municipality: str
    service: str
    reason: str = ""


@dataclass
class CandidateSite:
    """A place inside ``municipality`` where new facilities may go (a town or parish from
    the user's GIS). It takes its municipality's region, participation, ERDF share, limits
    and exclusions; ``services`` lists the services allowed there (empty: all); ``risk``
    says why the site is risky (e.g. residents object; empty: none). A risky site stays a
    candidate and the results report it (``docs/optimizer.md``)."""

    id: str
    name: str
    municipality: str
    services: list[str] = field(default_factory=list)
    risk: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass
class FixedSite:
    """A given decision, not the model's choice: ``new_places`` new places of ``service`` in
    ``new_facilities`` new facilities in ``municipality`` (e.g. from an approved plan).

    The model takes them as they are: their sizes are not held to the service's range
    (a plan is a fact to evaluate; ``optimizer.evaluate`` reports sizes outside it), but
    they count against budgets and limits like the model's own places.
    """

    municipality: str
    service: str
    new_places: int
    new_facilities: int


@dataclass
class CentreNorm:
    """A multifunctional social service centre (DSPC): one shared fixed cost (building,
    manager, social worker) for units of several day and support ``services``.

    A unit of a hosted service inside a centre replaces that service's separate new
    facilities in the municipality: it pays the places, not the service's per-facility
    investment, running cost or staff, and it has no least size; the centre as a whole
    serves at least ``min_clients`` clients of its services. ``incompatible`` lists pairs of
    groups that may not use one room at the same time: a hosted service whose groups hold
    such a pair gets one unit (room or time slot) per class of compatible groups
    (``slots``).
    """

    id: str
    name: str
    services: list[str]
    investment_per_centre: float = 0.0
    running_cost_per_centre_year: float = 0.0
    staff_per_centre: float = 0.0
    min_clients: float = 0.0
    incompatible: list[list[str]] = field(default_factory=list)
    municipalities: list[str] | None = None
    """Where a centre may be (``None``: anywhere), e.g. the thinly populated municipalities."""

    def clash(self, a: str, b: str) -> bool:
        """May groups ``a`` and ``b`` not share a room at the same time?"""
        return any({a, b} == set(pair) for pair in self.incompatible)

    def slots(self, groups: Iterable[str]) -> list[list[str]]:
        """The groups of a hosted service in classes that may share a room: each group
        joins the first class with no group it clashes with (the catalogue's pairs are
        children against adults, so two classes at most)."""
        classes: list[list[str]] = []
        for g in groups:
            home = next((c for c in classes if not any(self.clash(g, h) for h in c)), None)
            if home is None:
                classes.append([g])
            else:
                home.append(g)
        return classes


@dataclass
class ObjectiveSettings:
    """How the three goals are combined.

    ``lexicographic``: minimise the goals in ``order`` (default: unserved persons, then
    client-weighted km, then cost = investment + one year of running cost); each stage keeps
    the previous optimum within
    ``relative_tolerance`` (plus ``absolute_tolerance``). ``weighted``: one stage minimising
    ``unmet_weight * unmet + distance_weight * client_km + cost_weight * cost``.
    """

    kind: str = "lexicographic"
    order: list[str] = field(default_factory=lambda: list(GOALS))
    relative_tolerance: float = 1e-7
    absolute_tolerance: float = 1e-7
    unmet_weight: float = 100_000.0
    distance_weight: float = 10.0
    cost_weight: float = 1.0


@dataclass
class ProblemInput:
    """Everything one allocation run needs. See ``docs/optimizer.md`` for the meaning."""

    municipalities: list[Municipality]
    groups: list[str]
    services: list[ServiceNorm]
    needs: list[Need] = field(default_factory=list)
    distances: dict[tuple[str, str], float] = field(default_factory=dict)
    capacity: list[Capacity] = field(default_factory=list)
    budgets: list[RegionBudget] = field(default_factory=list)
    municipality_limits: list[MunicipalityLimit] = field(default_factory=list)
    excluded_sites: list[ExcludedSite] = field(default_factory=list)
    mentor: MentorNorm | None = None
    equity_floor: float = 0.0
    cost_contingency: float = 0.0
    erdf_share: float = 0.85
    group_weights: dict[str, float] = field(default_factory=dict)
    persons: list[PersonNeed] = field(default_factory=list)
    priority: PrioritySettings = field(default_factory=PrioritySettings)
    day_with_residential: list[str] = field(default_factory=list)
    min_occupancy: float = 0.0
    min_clients_per_facility: float = 0.0
    eligible_share: float = 1.0
    cross_region_flows: bool = False
    objective: ObjectiveSettings = field(default_factory=ObjectiveSettings)
    fixed_sites: list[FixedSite] = field(default_factory=list)
    fixed_only: bool = False
    name: str = ""
    centres: list[CentreNorm] = field(default_factory=list)
    sites: list[CandidateSite] = field(default_factory=list)
    """Candidate sites finer than municipalities; when given, new facilities go only at
    them (and at fixed sites), existing places stay at their municipality."""
    minutes: dict[tuple[str, str], float] = field(default_factory=dict)
    """Travel minutes (origin municipality, site); pairs not given are not held to a
    service's minutes reach."""
    home_services: list[HomeServiceNorm] = field(default_factory=list)
    adaptations: list[AdaptationNorm] = field(default_factory=list)
    staff_limits: list[StaffLimit] = field(default_factory=list)
    dwellings: list[DwellingStock] = field(default_factory=list)
    _lookup: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)
    _site_lookup: dict[str, CandidateSite] | None = field(default=None, init=False, repr=False,
                                                          compare=False)
    _persons: list[PersonNeed] | None = field(default=None, init=False, repr=False,
                                              compare=False)

    # ------------------------------------------------------------------ look-ups
    def municipality(self, code: str) -> Municipality:
        return self._municipality_index()[code]

    def service(self, service_id: str) -> ServiceNorm:
        for s in self.services:
            if s.id == service_id:
                return s
        raise KeyError(service_id)

    def home_service(self, service_id: str) -> HomeServiceNorm | None:
        return next((h for h in self.home_services if h.id == service_id), None)

    def eligible_groups(self) -> dict[str, list[str]]:
        """Groups per service id, place-based and home services alike (what a need or a
        package may name)."""
        return {s.id: s.groups for s in [*self.services, *self.home_services]}

    def staff_limit_of(self, region: str, profession: str) -> float | None:
        return next((lim.fte for lim in self.staff_limits
                     if lim.region == region and lim.profession == profession), None)

    def dwellings_of(self, code: str) -> float | None:
        return next((d.dwellings for d in self.dwellings if d.municipality == code), None)

    def _municipality_index(self) -> dict[str, Municipality]:
        """Look-up by code, built once: treat a ``ProblemInput`` as immutable after it is
        built and change it with ``dataclasses.replace`` (which makes a new look-up)."""
        if self._lookup is None or len(self._lookup) != len(self.municipalities):
            self._lookup = {m.code: m for m in self.municipalities}
        return self._lookup

    def site(self, site_id: str) -> CandidateSite | None:
        """The imported candidate site ``site_id`` (``None``: a municipality code)."""
        if self._site_lookup is None or len(self._site_lookup) != len(self.sites):
            self._site_lookup = {s.id: s for s in self.sites}
        return self._site_lookup.get(site_id)

    def site_municipality(self, site: str) -> str:
        """The municipality a site belongs to (a municipality code is its own)."""
        found = self.site(site)
        return found.municipality if found is not None else site

    def site_region(self, site: str) -> str:
        return self.municipality(self.site_municipality(site)).region

    def site_codes(self) -> list[str]:
        """Every place the model may put clients: municipalities (existing places, fixed
        sites) and the imported candidate sites."""
        return [m.code for m in self.municipalities] + [s.id for s in self.sites]

    def travel_minutes(self, origin: str, site: str) -> float | None:
        """Minutes from ``origin`` to ``site`` where an imported matrix gives them."""
        if (origin, site) in self.minutes:
            return self.minutes[(origin, site)]
        return 0.0 if origin == site else None

    def distance(self, origin: str, site: str) -> float | None:
        """Road km from ``origin`` to ``site``; 0 within a municipality unless given;
        ``None`` when no distance is known (the pair is then out of reach)."""
        if (origin, site) in self.distances:
            return self.distances[(origin, site)]
        return 0.0 if origin == site else None

    def need_table(self) -> dict[tuple[str, str, str], float]:
        """need[i, g, s]: the persons from *i* of *g* whose package holds *s*."""
        table: dict[tuple[str, str, str], float] = defaultdict(float)
        for p in self.person_table():
            for s in p.package:
                table[(p.municipality, p.group, s)] += p.persons
        return dict(table)

    def person_table(self) -> list[PersonNeed]:
        """The persons with their packages and priority classes: ``persons`` as given, or
        converted from the per-service ``needs`` by :func:`packages_from_needs`; records of
        no persons left out (the model's ``w[k]`` and a solution's persons table are indexed
        by this list)."""
        if self._persons is None:
            given = self.persons or packages_from_needs(self.needs, self.services,
                                                        self.day_with_residential)
            self._persons = [replace(p, priority=p.priority or self.default_class(p))
                             for p in given if p.persons > 0]
        return self._persons

    def default_class(self, p: PersonNeed) -> str:
        kinds = {s.id: s.kind for s in self.services}
        if any(kinds.get(s) == "residential" for s in p.package):
            return self.priority.residential_default
        return self.priority.other_default

    def class_weight(self, priority_class: str) -> float:
        """Weight of a class in a weighted unmet goal (1 in the strict mode)."""
        if self.priority.mode == "strict":
            return 1.0
        return self.priority.weights.get(priority_class, 1.0)

    def unmet_goals(self) -> list[str]:
        """The unmet goal, split per priority class in the strict mode: ``unmet:leavers``."""
        if self.priority.mode == "strict" and len(self.priority.order) > 1:
            return [f"unmet:{c}" for c in self.priority.order]
        return ["unmet"]

    def stage_goals(self) -> list[str]:
        """Every goal in the order of the stages: ``unmet`` expanded per class, then
        ``unmet_services`` (services short of persons not served whole: a person whose
        package cannot be served whole still gets what can be given)."""
        partial = ["unmet_services"] if self.has_packages() else []
        out: list[str] = []
        for g in self.objective.order:
            out += [*self.unmet_goals(), *partial] if g == "unmet" else [g]
        return out

    def has_packages(self) -> bool:
        """Does some person need more than one service (so a package can be served in
        part)? Without, the services short are the unserved persons and need no stage."""
        return any(len(p.package) > 1 for p in self.person_table())

    def erdf_share_of(self, code: str) -> float:
        """Share of the eligible cost ERDF pays in ``code``: its own, else its region's,
        else the problem's."""
        m = self.municipality(self.site_municipality(code))
        if m.erdf_share is not None:
            return m.erdf_share
        region = self.budget_of(m.region).erdf_share
        return region if region is not None else self.erdf_share

    def erdf_of(self, code: str, investment: float) -> float:
        """The ERDF part of ``investment`` in ``code``."""
        return self.erdf_share_of(code) * self.eligible_share * investment

    def occupancy_of(self, s: ServiceNorm) -> float:
        return self.min_occupancy if s.min_occupancy is None else s.min_occupancy

    def capacity_table(self) -> dict[tuple[str, str], float]:
        table: dict[tuple[str, str], float] = defaultdict(float)
        for c in self.capacity:
            table[(c.municipality, c.service)] += c.places
        return dict(table)

    def budget_of(self, region: str) -> RegionBudget:
        for b in self.budgets:
            if b.region == region:
                return b
        return RegionBudget(region)

    def limit_of(self, code: str) -> MunicipalityLimit:
        for lim in self.municipality_limits:
            if lim.municipality == code:
                return lim
        return MunicipalityLimit(code)

    def regions(self) -> list[str]:
        return sorted({m.region for m in self.municipalities})

    def group_weight(self, group: str) -> float:
        return self.group_weights.get(group, 1.0)

    def investment_per_place(self, s: ServiceNorm) -> float:
        """Investment per place with the cost contingency applied."""
        return s.investment_per_place * (1.0 + self.cost_contingency)

    def investment_per_facility(self, s: ServiceNorm) -> float:
        return s.investment_per_facility * (1.0 + self.cost_contingency)

    def fixed_table(self) -> dict[tuple[str, str], FixedSite]:
        """The given decisions by (municipality, service)."""
        return {(f.municipality, f.service): f for f in self.fixed_sites}

    def is_candidate_site(self, code: str, service_id: str) -> bool:
        """May a new facility of ``service_id`` be built in ``code``? With ``fixed_only``
        (the given decisions are the whole plan) only at a fixed site."""
        fixed = (code, service_id) in self.fixed_table()
        if self.fixed_only and not fixed:
            return False
        site = self.site(code)
        if site is None and self.sites and not fixed:
            return False
        if site is not None and site.services and service_id not in site.services:
            return False
        muni = self.site_municipality(code)
        if not self.municipality(muni).participating:
            return False
        return not any(e.municipality in (code, muni) and e.service == service_id
                       for e in self.excluded_sites)

    def may_serve(self, origin: str, site: str, s: ServiceNorm) -> bool:
        """May clients from ``origin`` use service ``s`` at ``site`` (reach and region)?"""
        if not self.cross_region_flows:
            if self.municipality(origin).region != self.site_region(site):
                return False
        return s.reaches(self.distance(origin, site), self.travel_minutes(origin, site))

    def mentor_hours_per_month(self) -> dict[tuple[str, str], float]:
        """Average mentor hours per client and month for each (municipality, group) with
        need, weighting by the care levels recorded in the needs."""
        if self.mentor is None:
            return {}
        m = self.mentor
        total: dict[tuple[str, str], float] = defaultdict(float)
        with_family: dict[tuple[str, str], float] = defaultdict(float)
        for n in self.person_table():
            if n.group not in m.groups:
                continue
            total[(n.municipality, n.group)] += n.persons
            if n.care_level in m.with_family_levels:
                with_family[(n.municipality, n.group)] += n.persons
        hours = {}
        for key, clients in total.items():
            share = with_family[key] / clients if clients > 0 else 0.0
            hours[key] = (
                share * m.hours_per_month_with_family + (1 - share) * m.hours_per_month_other
            )
        return hours

    # ------------------------------------------------------------------ validation
    def validate(self) -> None:
        """Raise ``InputError`` naming the first field the model cannot use."""
        _validate_municipalities(self)
        _validate_services(self)
        _validate_needs(self)
        _validate_persons(self)
        _validate_rules(self)
        _validate_capacity(self)
        _validate_money(self)
        _validate_limits(self)
        _validate_sites(self)
        _validate_distances(self)
        _validate_fixed(self)
        _validate_centres(self)
        _validate_home(self)

    # ------------------------------------------------------------------ JSON form
    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.init}
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for key, value in data.items():
            if key in ("distances", "minutes"):
                out[key] = _distances_to_nested(value)
            elif isinstance(value, list):
                out[key] = [asdict(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
            elif hasattr(value, "__dataclass_fields__"):
                out[key] = asdict(value)
            else:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProblemInput:
        """Build from the JSON form; unknown or missing keys raise ``InputError``."""
        if not isinstance(data, dict):
            raise InputError("$", "a problem input must be a JSON object")
        version = data.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise InputError("schema_version", f"{version} is not supported ({SCHEMA_VERSION})")
        known = {f.name for f in fields(cls) if f.init} | {"schema_version"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(unknown[0], f"unknown key; expected one of {sorted(known)}")
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key != "schema_version":
                kwargs[key] = _parse_field(key, value)
        for required in ("municipalities", "groups", "services"):
            if required not in kwargs:
                raise InputError(required, "is required")
        return cls(**kwargs)

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ProblemInput:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError("$", f"not valid JSON: {exc}") from exc
        return cls.from_dict(data)


# ---------------------------------------------------------------------- packages
def packages_from_needs(needs: Iterable[Need], services: list[ServiceNorm],
                        day_with_residential: Iterable[str] = ()) -> list[PersonNeed]:
    """Persons with packages from needs per service (the documented conversion rule).

    Per municipality, group and care level the persons are laid on one line, each service's
    clients taking a stretch of it, so that a person holds at most one service of each kind:

    1. residential services take the first stretch (their clients are the leavers);
    2. day services follow one another from the start of the line, so persons with a
       residential service get a day or employment service first; for a group in
       ``day_with_residential`` whose day clients are fewer than its residential ones, the
       first day service of the group is added for the rest (every adult leaving an
       institution needs a residential AND a day or employment service);
    3. each support service starts after the residential stretch (support such as respite
       serves persons living at home) and wraps round to the start if it is longer.

    The persons are as many as the longest stretch; each cut of the line with the same
    services is one package. Services per person never grow beyond the needs except by
    rule 2.

    >>> svc = [ServiceNorm("home", "H", "residential", ["a"]), ServiceNorm("day", "D", "day",
    ...        ["a"]), ServiceNorm("rest", "R", "support", ["a"])]
    >>> [(p.package, p.persons) for p in packages_from_needs(
    ...     [Need("X", "a", "home", 3), Need("X", "a", "day", 5), Need("X", "a", "rest", 1)],
    ...     svc, ["a"])]
    [(['home', 'day'], 3.0), (['day', 'rest'], 1.0), (['day'], 1.0)]
    """
    kinds = {s.id: s.kind for s in services}
    order = {s.id: k for k, s in enumerate(services)}
    grouped: dict[tuple[str, str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for n in needs:
        if n.clients > 0:
            grouped[(n.municipality, n.group, n.care_level)][n.service] += n.clients
    day_rule = set(day_with_residential)
    out: list[PersonNeed] = []
    for (i, g, level), by_service in sorted(grouped.items()):
        ids = sorted(by_service, key=lambda s: order.get(s, len(order)))
        res = [s for s in ids if kinds.get(s) == "residential"]
        day = [s for s in ids if kinds.get(s) == "day"]
        support = [s for s in ids if s not in res and s not in day]
        stretches: dict[str, list[tuple[float, float]]] = {}
        r_end = _lay(res, by_service, 0.0, stretches)
        d_end = _lay(day, by_service, 0.0, stretches)
        if g in day_rule and d_end < r_end - 1e-9:
            first = next((s.id for s in services if s.kind == "day" and g in s.groups), None)
            if first is not None:
                stretches.setdefault(first, []).append((d_end, r_end))
                d_end = r_end
        length = max([r_end, d_end, *(by_service[s] for s in support)], default=0.0)
        for s in support:
            _wrap(s, by_service[s], r_end, length, stretches)
        out += _cut(i, g, level, stretches, length, order)
    return out


def _lay(ids: list[str], amount: dict[str, float], start: float,
         stretches: dict[str, list[tuple[float, float]]]) -> float:
    for s in ids:
        stretches.setdefault(s, []).append((start, start + amount[s]))
        start += amount[s]
    return start


def _wrap(s: str, amount: float, start: float, length: float,
          stretches: dict[str, list[tuple[float, float]]]) -> None:
    first = min(amount, length - start)
    parts = [(start, start + first)] if first > 0 else []
    if amount - first > 1e-12:
        parts.append((0.0, amount - first))
    stretches[s] = parts


def _cut(i: str, g: str, level: str, stretches: dict[str, list[tuple[float, float]]],
         length: float, order: dict[str, int]) -> list[PersonNeed]:
    points = sorted({0.0, length, *(x for parts in stretches.values() for a, b in parts
                                    for x in (a, b))})
    persons: dict[tuple[str, ...], float] = defaultdict(float)
    for a, b in zip(points, points[1:], strict=False):
        if b - a <= 1e-9:
            continue
        mid = (a + b) / 2
        package = tuple(sorted((s for s, parts in stretches.items()
                                if any(lo <= mid < hi for lo, hi in parts)),
                               key=lambda s: order.get(s, len(order))))
        if package:
            persons[package] += b - a
    return [PersonNeed(i, g, list(pkg), round(v, 9), care_level=level)
            for pkg, v in persons.items()]


# ---------------------------------------------------------------------- JSON helpers
_RECORD_TYPES: dict[str, type] = {
    "municipalities": Municipality,
    "services": ServiceNorm,
    "needs": Need,
    "persons": PersonNeed,
    "capacity": Capacity,
    "budgets": RegionBudget,
    "municipality_limits": MunicipalityLimit,
    "excluded_sites": ExcludedSite,
    "fixed_sites": FixedSite,
    "centres": CentreNorm,
    "sites": CandidateSite,
    "home_services": HomeServiceNorm,
    "adaptations": AdaptationNorm,
    "staff_limits": StaffLimit,
    "dwellings": DwellingStock,
}


def _distances_to_nested(distances: dict[tuple[str, str], float]) -> dict[str, dict[str, float]]:
    nested: dict[str, dict[str, float]] = defaultdict(dict)
    for (i, j), km in sorted(distances.items()):
        nested[i][j] = km
    return dict(nested)


def _build_record(kind: type, where: str, value: Any) -> Any:
    if not isinstance(value, dict):
        raise InputError(where, f"expected an object, got {type(value).__name__}")
    names = {f.name for f in fields(kind)}
    unknown = sorted(set(value) - names)
    if unknown:
        raise InputError(f"{where}.{unknown[0]}", f"unknown key; expected one of {sorted(names)}")
    if kind is HomeServiceNorm and isinstance(value.get("staff"), list):
        value = {**value, "staff": [_build_record(StaffNorm, f"{where}.staff[{k}]", v)
                                    for k, v in enumerate(value["staff"])]}
    try:
        return kind(**value)
    except TypeError as exc:
        raise InputError(where, f"missing a required key ({exc})") from exc


def _parse_field(key: str, value: Any) -> Any:
    if key in _RECORD_TYPES:
        if not isinstance(value, list):
            raise InputError(key, "expected a list")
        return [_build_record(_RECORD_TYPES[key], f"{key}[{k}]", v) for k, v in enumerate(value)]
    if key in ("distances", "minutes"):
        if not isinstance(value, dict):
            raise InputError(key, "expected an object {origin: {site: km}}")
        out = {}
        for i, row in value.items():
            if not isinstance(row, dict):
                raise InputError(f"distances.{i}", "expected an object {site: km}")
            for j, km in row.items():
                out[(i, j)] = km
        return out
    if key == "mentor":
        return None if value is None else _build_record(MentorNorm, key, value)
    if key == "objective":
        return _build_record(ObjectiveSettings, key, value)
    if key == "priority":
        return _build_record(PrioritySettings, key, value)
    return value


# ---------------------------------------------------------------------- validation helpers
def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _require_known(where: str, municipality: str, service: str, codes: Collection[str],
                   services: Collection[str]) -> None:
    """The row at ``where`` names a municipality and a service of the instance."""
    if municipality not in codes:
        raise InputError(f"{where}.municipality", f"unknown municipality {municipality!r}")
    if service not in services:
        raise InputError(f"{where}.service", f"unknown service {service!r}")


def _require_number(where: str, value: Any, *, minimum: float = 0.0, place: str | None = None):
    if not _is_number(value):
        raise InputError(where, f"{value!r} is not a finite number", place=place)
    if value < minimum:
        raise InputError(where, f"{value} is below the minimum {minimum}", place=place)


def _require_share(where: str, value: Any, *, place: str | None = None,
                   above_zero: bool = False) -> None:
    _require_number(where, value, place=place)
    if value > 1 or (above_zero and value <= 0):
        low = "above 0" if above_zero else "from 0"
        raise InputError(where, f"{value} is a share and must be {low} to 1", place=place)


def _unique(where: str, keys: Iterable[Any]) -> None:
    seen = set()
    for k, key in enumerate(keys):
        if key in seen:
            raise InputError(f"{where}[{k}]", f"{key} appears twice")
        seen.add(key)


def _validate_municipalities(pi: ProblemInput) -> None:
    if not pi.municipalities:
        raise InputError("municipalities", "at least one municipality is needed")
    _unique("municipalities", (m.code for m in pi.municipalities))
    for k, m in enumerate(pi.municipalities):
        if not m.code or not m.region:
            raise InputError(f"municipalities[{k}]", "code and region must not be empty")


def _validate_services(pi: ProblemInput) -> None:
    _unique("services", (s.id for s in pi.services))
    _unique("groups", pi.groups)
    for k, s in enumerate(pi.services):
        where = f"services[{k}]"
        if s.kind not in SERVICE_KINDS:
            raise InputError(f"{where}.kind", f"{s.kind!r} is not one of {SERVICE_KINDS}",
                             place=s.id)
        for g in s.groups:
            if g not in pi.groups:
                raise InputError(f"{where}.groups", f"unknown group {g!r}", place=s.id)
        for name in ("investment_per_place", "investment_per_facility",
                     "running_cost_per_facility_year", "running_cost_per_day",
                     "days_per_year", "staff_per_facility", "staff_per_place", "max_travel_km",
                     "max_travel_minutes"):
            _require_number(f"{where}.{name}", getattr(s, name), place=s.id)
        if s.min_occupancy is not None:
            _require_share(f"{where}.min_occupancy", s.min_occupancy, place=s.id)
        _require_number(f"{where}.clients_per_place", s.clients_per_place, minimum=1e-9,
                        place=s.id)
        _require_number(f"{where}.min_places", s.min_places, place=s.id)
        _require_number(f"{where}.max_places", s.max_places, minimum=1, place=s.id)
        if s.min_places > s.max_places:
            raise InputError(f"{where}.min_places",
                             f"{s.min_places} is larger than max_places {s.max_places}", place=s.id)
        if s.max_new_facilities is not None:
            _require_number(f"{where}.max_new_facilities", s.max_new_facilities, place=s.id)


def _validate_needs(pi: ProblemInput) -> None:
    codes = pi._municipality_index()
    services = pi.eligible_groups()
    for k, n in enumerate(pi.needs):
        where = f"needs[{k}]"
        _require_known(where, n.municipality, n.service, codes, services)
        if n.group not in services[n.service]:
            raise InputError(f"{where}.group",
                             f"group {n.group!r} is not eligible for {n.service!r} "
                             f"(eligible: {services[n.service]})", place=n.municipality)
        _require_number(f"{where}.clients", n.clients, place=n.municipality)


def _validate_persons(pi: ProblemInput) -> None:
    if pi.persons and pi.needs:
        raise InputError("persons", "give needs per service or persons with packages, not both")
    codes = pi._municipality_index()
    services = pi.eligible_groups()
    classes = set(pi.priority.order)
    for k, p in enumerate(pi.persons):
        where = f"persons[{k}]"
        if p.municipality not in codes:
            raise InputError(f"{where}.municipality", f"unknown municipality {p.municipality!r}")
        if not p.package:
            raise InputError(f"{where}.package", "a package names at least one service",
                             place=p.municipality)
        for s in p.package:
            if s not in services:
                raise InputError(f"{where}.package", f"unknown service {s!r}; known: "
                                 f"{', '.join(services)}", place=p.municipality)
            if p.group not in services[s]:
                raise InputError(f"{where}.package", f"group {p.group!r} is not eligible for "
                                 f"{s!r}", place=p.municipality)
        if len(set(p.package)) != len(p.package):
            raise InputError(f"{where}.package", "names a service twice", place=p.municipality)
        if p.priority and classes and p.priority not in classes:
            raise InputError(f"{where}.priority", f"unknown priority class {p.priority!r}; "
                             f"known: {', '.join(pi.priority.order)}", place=p.municipality)
        _require_number(f"{where}.persons", p.persons, place=p.municipality)


def _validate_rules(pi: ProblemInput) -> None:
    _require_share("min_occupancy", pi.min_occupancy)
    _require_number("min_clients_per_facility", pi.min_clients_per_facility)
    _require_share("eligible_share", pi.eligible_share, above_zero=True)
    for g in pi.day_with_residential:
        if g not in pi.groups:
            raise InputError("day_with_residential", f"unknown group {g!r}")
    pr = pi.priority
    if pr.mode not in PRIORITY_MODES:
        raise InputError("priority.mode", f"{pr.mode!r} is not one of {PRIORITY_MODES}")
    _unique("priority.order", pr.order)
    for name in ("residential_default", "other_default"):
        value = getattr(pr, name)
        if pr.order and value not in pr.order:
            raise InputError(f"priority.{name}", f"unknown priority class {value!r}; known: "
                             f"{', '.join(pr.order)}")
    for c, w in pr.weights.items():
        if c not in pr.order:
            raise InputError("priority.weights", f"unknown priority class {c!r}")
        _require_number(f"priority.weights.{c}", w)
    order = pi.objective.order
    if sorted(order) != sorted(GOALS):
        raise InputError("objective.order", f"{order} must list each of {list(GOALS)} once")
    for k, m in enumerate(pi.municipalities):
        if m.erdf_share is not None:
            _require_share(f"municipalities[{k}].erdf_share", m.erdf_share, place=m.code)


def _validate_capacity(pi: ProblemInput) -> None:
    codes = pi._municipality_index()
    services = {s.id for s in pi.services}
    for k, c in enumerate(pi.capacity):
        _require_known(f"capacity[{k}]", c.municipality, c.service, codes, services)
        _require_number(f"capacity[{k}].places", c.places, place=c.municipality)


def _validate_money(pi: ProblemInput) -> None:
    regions = set(pi.regions())
    _unique("budgets", (b.region for b in pi.budgets))
    for k, b in enumerate(pi.budgets):
        if b.region not in regions:
            raise InputError(f"budgets[{k}].region", f"unknown region {b.region!r}")
        for name in ("investment_eur", "running_eur_per_year", "erdf_quota_eur"):
            if getattr(b, name) is not None:
                _require_number(f"budgets[{k}].{name}", getattr(b, name), place=b.region)
        if b.erdf_share is not None:
            _require_share(f"budgets[{k}].erdf_share", b.erdf_share, place=b.region)
    _require_number("cost_contingency", pi.cost_contingency, minimum=-0.99)
    _require_number("erdf_share", pi.erdf_share)
    if pi.erdf_share > 1:
        raise InputError("erdf_share", f"{pi.erdf_share} is a share and must be at most 1")
    _require_number("equity_floor", pi.equity_floor)
    if pi.equity_floor > 1:
        raise InputError("equity_floor", f"{pi.equity_floor} is a share and must be at most 1")
    for g, w in pi.group_weights.items():
        if g not in pi.groups:
            raise InputError("group_weights", f"unknown group {g!r}")
        _require_number(f"group_weights.{g}", w)
    if pi.objective.kind not in OBJECTIVES:
        raise InputError("objective.kind", f"{pi.objective.kind!r} is not one of {OBJECTIVES}")
    if pi.mentor is not None:
        _require_number("mentor.clients_per_mentor", pi.mentor.clients_per_mentor, minimum=1e-9)
        for g in pi.mentor.groups:
            if g not in pi.groups:
                raise InputError("mentor.groups", f"unknown group {g!r}")


def _validate_limits(pi: ProblemInput) -> None:
    codes = pi._municipality_index()
    services = {s.id for s in pi.services}
    _unique("municipality_limits", (lim.municipality for lim in pi.municipality_limits))
    for k, lim in enumerate(pi.municipality_limits):
        if lim.municipality not in codes:
            raise InputError(f"municipality_limits[{k}].municipality",
                             f"unknown municipality {lim.municipality!r}")
        for name in ("max_new_places", "max_new_facilities", "max_new_staff"):
            if getattr(lim, name) is not None:
                _require_number(f"municipality_limits[{k}].{name}", getattr(lim, name),
                                place=lim.municipality)
    places = set(pi.site_codes())
    for k, e in enumerate(pi.excluded_sites):
        _require_known(f"excluded_sites[{k}]", e.municipality, e.service, places, services)


def _validate_sites(pi: ProblemInput) -> None:
    """Candidate sites: unique ids apart from municipality codes, in a known municipality,
    allowing known services."""
    codes = pi._municipality_index()
    services = {s.id for s in pi.services}
    _unique("sites", (s.id for s in pi.sites))
    for k, site in enumerate(pi.sites):
        where = f"sites[{k}]"
        if not site.id or site.id in codes:
            raise InputError(f"{where}.id", f"{site.id!r} is empty or a municipality code")
        if site.municipality not in codes:
            raise InputError(f"{where}.municipality",
                             f"unknown municipality {site.municipality!r}", place=site.id)
        for s in site.services:
            if s not in services:
                raise InputError(f"{where}.services", f"unknown service {s!r}", place=site.id)


def _validate_distances(pi: ProblemInput) -> None:
    codes = pi._municipality_index()
    places = set(pi.site_codes())
    for name, table in (("distances", pi.distances), ("minutes", pi.minutes)):
        for (i, j), value in table.items():
            if i not in codes:
                raise InputError(f"{name}.{i}.{j}", f"unknown municipality {i!r}")
            if j not in places:
                raise InputError(f"{name}.{i}.{j}", f"unknown site {j!r}")
            _require_number(f"{name}.{i}.{j}", value)


def _validate_fixed(pi: ProblemInput) -> None:
    """Fixed sites: known, unique, whole counts, facilities for places, where building is
    allowed (a participating municipality, a site not excluded)."""
    codes = pi._municipality_index()
    services = {s.id for s in pi.services}
    _unique("fixed_sites", ((f.municipality, f.service) for f in pi.fixed_sites))
    for k, f in enumerate(pi.fixed_sites):
        where = f"fixed_sites[{k}]"
        _require_known(where, f.municipality, f.service, codes, services)
        for name in ("new_places", "new_facilities"):
            value = getattr(f, name)
            _require_number(f"{where}.{name}", value, place=f.municipality)
            if not float(value).is_integer():
                raise InputError(f"{where}.{name}", f"{value} is not a whole number",
                                 place=f.municipality)
        if (f.new_places > 0) != (f.new_facilities > 0) or f.new_facilities > f.new_places:
            raise InputError(f"{where}.new_facilities",
                             f"{f.new_facilities} facilities for {f.new_places} places: "
                             "places need at least one facility, a facility at least one place",
                             place=f.municipality)
        if not codes[f.municipality].participating:
            raise InputError(f"{where}.municipality",
                             f"{f.municipality} does not participate", place=f.municipality)
        if any(e.municipality == f.municipality and e.service == f.service
               for e in pi.excluded_sites):
            raise InputError(f"{where}.service", f"the site is excluded for {f.service}",
                             place=f.municipality)


def _validate_centres(pi: ProblemInput) -> None:
    """Centres: unique ids, known day or support services hosted by one centre each,
    non-negative costs, incompatible pairs of two known groups."""
    _unique("centres", (c.id for c in pi.centres))
    services = {s.id: s for s in pi.services}
    hosted: set[str] = set()
    for k, c in enumerate(pi.centres):
        where = f"centres[{k}]"
        for name in ("investment_per_centre", "running_cost_per_centre_year",
                     "staff_per_centre", "min_clients"):
            _require_number(f"{where}.{name}", getattr(c, name), place=c.id)
        for s in c.services:
            if s not in services:
                raise InputError(f"{where}.services", f"unknown service {s!r}", place=c.id)
            if services[s].kind == "residential":
                raise InputError(f"{where}.services", f"{s!r} is residential; a centre hosts "
                                 "day and support services", place=c.id)
            if s in hosted:
                raise InputError(f"{where}.services", f"{s!r} is hosted by two centres",
                                 place=c.id)
            hosted.add(s)
        for code in c.municipalities or []:
            if code not in pi._municipality_index():
                raise InputError(f"{where}.municipalities", f"unknown municipality {code!r}",
                                 place=c.id)
        for pair in c.incompatible:
            if len(pair) != 2 or any(g not in pi.groups for g in pair):
                raise InputError(f"{where}.incompatible", f"{pair!r} is not a pair of known "
                                 "groups", place=c.id)

def _validate_home(pi: ProblemInput) -> None:
    """Home services, adaptations, staff limits and dwellings: known ids and groups, numbers
    not negative, every profession staffed one way (by caseload or by hours)."""
    _unique("home_services", [s.id for s in pi.services] + [h.id for h in pi.home_services])
    for k, h in enumerate(pi.home_services):
        where = f"home_services[{k}]"
        for g in h.groups:
            if g not in pi.groups:
                raise InputError(f"{where}.groups", f"unknown group {g!r}", place=h.id)
        for name in ("hours_per_client_month", "hourly_rate", "dwellings_per_client"):
            _require_number(f"{where}.{name}", getattr(h, name), place=h.id)
        _unique(f"{where}.staff", (st.profession for st in h.staff))
        for n, st in enumerate(h.staff):
            at = f"{where}.staff[{n}]"
            for name in ("clients_per_staff", "hours_per_staff_month", "cost_per_staff_year"):
                _require_number(f"{at}.{name}", getattr(st, name), place=h.id)
            if (st.clients_per_staff > 0) == (st.hours_per_staff_month > 0):
                raise InputError(f"{at}.clients_per_staff", "give clients_per_staff or "
                                 "hours_per_staff_month, one of them", place=h.id)
            if st.hours_per_staff_month > 0 and h.hours_per_client_month <= 0:
                raise InputError(f"{where}.hours_per_client_month", "staff by hours need "
                                 "hours per client", place=h.id)
    _validate_adaptations(pi)
    regions = set(pi.regions())
    _unique("staff_limits", ((lim.region, lim.profession) for lim in pi.staff_limits))
    for k, lim in enumerate(pi.staff_limits):
        if lim.region not in regions:
            raise InputError(f"staff_limits[{k}].region", f"unknown region {lim.region!r}")
        _require_number(f"staff_limits[{k}].fte", lim.fte, place=lim.region)
    codes = pi._municipality_index()
    _unique("dwellings", (d.municipality for d in pi.dwellings))
    for k, d in enumerate(pi.dwellings):
        if d.municipality not in codes:
            raise InputError(f"dwellings[{k}].municipality",
                             f"unknown municipality {d.municipality!r}")
        _require_number(f"dwellings[{k}].dwellings", d.dwellings, place=d.municipality)


def _validate_adaptations(pi: ProblemInput) -> None:
    residential = {s.id for s in pi.services if s.kind == "residential"}
    homes = {h.id: h for h in pi.home_services}
    _unique("adaptations", (a.id for a in pi.adaptations))
    for k, a in enumerate(pi.adaptations):
        where = f"adaptations[{k}]"
        for s in a.replaces:
            if s not in residential:
                raise InputError(f"{where}.replaces", f"{s!r} is not a residential service",
                                 place=a.id)
        if a.home_service not in homes:
            raise InputError(f"{where}.home_service",
                             f"unknown home service {a.home_service!r}", place=a.id)
        for g in a.groups:
            if g not in homes[a.home_service].groups:
                raise InputError(f"{where}.groups", f"group {g!r} may not use "
                                 f"{a.home_service!r}", place=a.id)
        _require_number(f"{where}.investment_per_dwelling", a.investment_per_dwelling,
                        place=a.id)
