"""The allocation MILP: which new places of which service go to which municipality.

``AllocationModel`` holds the formulation only: its variables (over ``optimizer.index``'s keys),
one builder per family of rows and the goal expressions. How it is solved (parts, stages,
time limit) is ``optimizer.solve``; why it is infeasible, ``optimizer.diagnose``.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import pulp

from optimizer.index import Index, XKey, build_index, check_equity_reach
from optimizer.problem import AdaptationNorm, CentreNorm, PersonNeed, ProblemInput

if TYPE_CHECKING:
    from optimizer.solution import Solution

def is_unmet_goal(goal: str) -> bool:
    """``unmet`` persons, one priority class's share of them (``unmet:leavers``), or the
    ``unmet_services`` of persons not served whole: whole numbers in a whole plan."""
    return goal.startswith("unmet")
_Builder = TypeVar("_Builder", bound=Callable[..., None])


def slug(text: str) -> str:
    """ASCII name part for constraint names (``Rīga`` → ``Riga``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "_" for c in ascii_text)



def _once(builder: _Builder) -> _Builder:
    """A builder adds its rows once: a second call raises instead of duplicating them."""
    @functools.wraps(builder)
    def build_once(self: AllocationModel) -> None:
        if builder.__name__ in self.built:
            raise RuntimeError(f"{builder.__name__} has already added its rows to this model")
        self.built.add(builder.__name__)
        builder(self)
    return build_once  # type: ignore[return-value]


class AllocationModel:
    r"""Allocate new community service places to municipalities within budget.

    Sets: municipalities :math:`M` (origins *i*, sites *j*), groups *G*, services *S*,
    regions *R*; :math:`M_r` the municipalities of region *r*.

    Variables (created only for allowed keys):

    * :math:`x_{ijgs} \ge 0` clients of group *g* from *i* served by *s* at *j*; exists only
      if *g* is eligible for *s* (so incompatible groups never share a service), *j* is
      within the service's reach of *i* (and in *i*'s region unless cross-region flows are
      allowed) and *j* has existing capacity or may get new places;
    * :math:`y_{js} \in \mathbb{Z}_{\ge 0}` new places, :math:`n_{js} \in \mathbb{Z}_{\ge 0}`
      new facilities; only at participating municipalities not excluded for *s*;
    * :math:`w_p \in \mathbb{Z}_{\ge 0}` unserved persons of person record *p* (persons of a
      group from a municipality with one package of services and one priority class;
      ``ProblemInput.person_table``), at most its persons; a person is served only with the
      whole package;
    * :math:`u_{igs} \ge 0` clients short of service *s* (a person not served whole may still
      get part of the package);
    * :math:`c_{ig} \ge 0` mentor clients of group *g* from *i* (mentor groups only).

    Constraints (one method each, docstring = its row):

    * need balance :math:`\sum_j x_{ijgs} + u_{igs} = need_{igs}` and packages
      :math:`u_{igs} \le \sum_{p \ni s} w_p` (the persons of *i*, *g* whose package holds
      *s*: each person served whole uses every service of the package)
    * viable occupancy :math:`\sum_{ig} x_{ijgs} \ge o_s \, cpp_s \, y_{js}` and
      :math:`\sum_{ig} x_{ijgs} \ge m \, n_{js}` at a new site (the plan's own clients fill
      at least the share :math:`o_s` of the new places, and no facility is for fewer than
      *m* clients)
    * capacity :math:`\sum_{ig} x_{ijgs} \le cpp_s (cap_{js} + y_{js})`
    * facility size :math:`min_s n_{js} \le y_{js} \le max_s n_{js}`
    * facility link :math:`x_{ijgs} \le need_{igs} n_{js}` where *j* has no places of *s*
      yet (a valid inequality that tightens the relaxation; see ``optimizer.solve.Block.add_links``)
    * investment :math:`\sum_{j \in M_r, s} (1+k)(ip_s y_{js} + if_s n_{js}) \le B_r`
    * ERDF :math:`\sum_{j \in M_r, s} e_j \epsilon (1+k)(ip_s y_{js} + if_s n_{js}) \le Q_r`
      (*e_j* the municipality's ERDF share, :math:`\epsilon` the eligible share)
    * running :math:`\sum_{j \in M_r, s} (rc_s y_{js} + rf_s n_{js})
      + \sum_{i \in M_r, g} 12 h_{ig} w c_{ig}
      \le RB_r`
    * mentor clients :math:`c_{ig} \ge \sum_j x_{ijgs}` for every *s* (one person may use
      several services, so the persons are at least the clients of the most-used one);
      mentors :math:`\lceil \sum_g c_{ig} / ratio \rceil` are reported per municipality
    * equity floor :math:`\sum_{jgs} x_{ijgs} \ge f \sum_{gs} need_{igs}`
    * facility cap :math:`\sum_j n_{js} \le P_s`
    * municipality limits :math:`\sum_s y_{js} \le Y_j`, :math:`\sum_s n_{js} \le N_j`,
      :math:`\sum_s (sf_s n_{js} + sp_s y_{js}) \le T_j`

    Goals: unmet :math:`U = \sum_p w_{g(p)} \omega_{c(p)} w_p` (group weight, class weight
    in the weighted priority mode), split per priority class in the strict mode
    (``unmet:leavers`` ...); services short :math:`V = \sum w_g u_{igs}`; distance
    :math:`D = \sum d_{ij} x_{ijgs}`,
    cost :math:`C` = investment + one year of running cost (places and mentors).
    Lexicographic: the goals in ``ObjectiveSettings.order`` (the unmet goal class by class),
    each held at its optimum (within tolerances) while the next is minimised. Weighted:
    min :math:`a U + b D + c C`.

    Examples
    --------
    >>> from optimizer.problem import Municipality, Need, ProblemInput, RegionBudget, ServiceNorm
    >>> pi = ProblemInput(
    ...     municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "R")],
    ...     groups=["g"],
    ...     services=[ServiceNorm("home", "Home", "residential", ["g"],
    ...                           investment_per_place=1000, min_places=1, max_places=10)],
    ...     needs=[Need("A", "g", "home", 3), Need("B", "g", "home", 5)],
    ...     distances={("A", "B"): 10.0, ("B", "A"): 10.0},
    ...     budgets=[RegionBudget("R", investment_eur=5000)],
    ... )
    >>> sol = AllocationModel.from_problem_input(pi).solve()
    >>> sol.totals["unserved_persons"], sol.totals["distance_km_weighted"]
    (3.0, 0.0)
    """
    def __init__(self, pi: ProblemInput,
                 keep_sites: frozenset[tuple[str, str]] = frozenset(),
                 nearest: int | dict[tuple[str, str], int] | str | None = None) -> None:
        """An empty model over ``pi``'s index (``nearest``: ``build_index``);
        ``from_problem_input`` adds variables and rows."""
        self.pi = pi
        self.keep_sites = keep_sites
        self.prob = pulp.LpProblem(slug(pi.name) or "allocation", pulp.LpMinimize)
        self.services = {s.id: s for s in pi.services}
        self.region_of = {j: pi.site_region(j) for j in pi.site_codes()}
        self.index: Index = build_index(pi, keep_sites, nearest)
        self.built: set[str] = set()
        self.x: dict[XKey, pulp.LpVariable] = {}
        self.y: dict[tuple[str, str], pulp.LpVariable] = {}
        self.n: dict[tuple[str, str], pulp.LpVariable] = {}
        self.persons: list[PersonNeed] = pi.person_table()
        self.w: dict[int, pulp.LpVariable] = {}
        self.persons_of: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.u: dict[tuple[str, str, str], pulp.LpVariable] = {}
        self.far: dict[tuple[str, str, str], pulp.LpVariable] = {}
        self.c: dict[tuple[str, str], pulp.LpVariable] = {}
        self.y_bounds: dict[tuple[str, str], tuple[int, int]] = {}  # reach bounds of y, n
        self.x_into: dict[tuple[str, str], list[XKey]] = defaultdict(list)
        self.x_from: dict[tuple[str, str, str], list[XKey]] = defaultdict(list)
        self.investment_rows: dict[str, pulp.LpConstraint] = {}
        self.erdf_rows: dict[str, pulp.LpConstraint] = {}
        self.running_rows: dict[str, pulp.LpConstraint] = {}
        self.capacity_rows: dict[tuple[str, str], pulp.LpConstraint] = {}
        self.staff_rows: dict[str, pulp.LpConstraint] = {}
        self.link_rows: list[tuple[str, pulp.LpConstraint, bool]] = []
        self.goal_exprs: dict[str, pulp.LpAffineExpression] = {}
        self.goals: dict[str, pulp.LpVariable] = {}
        self.z: dict[tuple[str, str], pulp.LpVariable] = {}  # centre c at j
        self.a: dict[tuple[str, str], pulp.LpVariable] = {}  # service s hosted at j
        self.hp: dict[tuple[str, str, int], pulp.LpVariable] = {}  # places of slot k
        self.slots: dict[tuple[str, str], list[list[str]]] = {}
        self.centre_of: dict[tuple[str, str], str] = {}
        self.h: dict[tuple[str, str, str], pulp.LpVariable] = {}
        self.adapt: dict[tuple[int, str], pulp.LpVariable] = {}
        self.hstaff: dict[tuple[str, str, str], pulp.LpVariable] = {}
        self.staff_limit_rows: dict[tuple[str, str], pulp.LpConstraint] = {}

    @classmethod
    def from_problem_input(cls, pi: ProblemInput, *, validate: bool = True,
                           keep_sites: frozenset[tuple[str, str]] = frozenset(),
                           nearest: int | dict[tuple[str, str], int] | str | None = "auto"
                           ) -> AllocationModel:
        """Validate ``pi`` (``InputError``/``InfeasibleError`` with numbers) and build the model.

        ``keep_sites``: (municipality, service) candidate sites kept even where another site
        makes them redundant (``optimizer.index.dominated_sites``), e.g. the sites of a plan
        to look into.

        ``nearest``: flows only to each origin's nearest sites in reach, the rest served by a
        priced slack (``optimizer.index.nearest_sites``; ``"auto"`` where it applies). The
        model is then a relaxation that ``solve`` widens until no slack is used; a caller
        that runs ``prob`` itself passes ``None``.
        """
        if validate:
            pi.validate()
        model = cls(pi, keep_sites, nearest)
        if validate:
            check_equity_reach(pi, model.index)
        model.variables()
        model.need_balance()
        model.capacity()
        model.viable_occupancy()
        model.facility_size()
        model.facility_links()
        model.centre_rows()
        model.investment_budget()
        model.erdf_budget()
        model.running_budget()
        model.mentor_clients()
        model.equity_floor()
        model.facility_cap()
        model.municipality_limits()
        model.home_staffing()
        model.goal_definitions()
        return model

    # ------------------------------------------------------------------ variables
    @_once
    def variables(self) -> None:
        """x, y, n, w, c over the index's keys, with finite bounds."""
        ix, prob = self.index, self.prob
        self.x = prob.add_variable_dict("x_%s_%s_%s_%s", ix.x, lowBound=0)
        self.y = prob.add_variable_dict("y_%s_%s", ix.new_sites, lowBound=0, cat="Integer")
        self.n = prob.add_variable_dict("n_%s_%s", ix.new_sites, lowBound=0, cat="Integer")
        self.u = prob.add_variable_dict("u_%s_%s_%s", list(ix.need), lowBound=0)
        for key, v in self.u.items():
            v.upBound = ix.need[key]
        self.far = prob.add_variable_dict("f_%s_%s_%s", list(ix.far), lowBound=0)
        for key, v in self.far.items():
            v.upBound = ix.need[key]
        self._person_variables()
        self.c = prob.add_variable_dict("c_%s_%s", ix.mentor, lowBound=0)
        self._home_variables()
        for key in ix.x:
            i, j, g, s = key
            self.x_into[(j, s)].append(key)
            self.x_from[(i, g, s)].append(key)
            self.x[key].upBound = ix.need[(i, g, s)]
        self._bound_sites()
        self._centre_variables()

    def _person_variables(self) -> None:
        """w[p]: unserved persons of each record, whole where its persons are (a person is
        served or not), at most its persons."""
        for k, p in enumerate(self.persons):
            whole = float(p.persons).is_integer()
            self.w[k] = self.prob.add_variable(f"w_{k}", lowBound=0, upBound=p.persons,
                                               cat="Integer" if whole else "Continuous")
            for s in p.package:
                self.persons_of[(p.municipality, p.group, s)].append(k)

    def _home_variables(self) -> None:
        """h[i,g,s]: clients of home service s at home in i; adapt[p,s]: persons of record p
        who stay at home after a housing adaptation instead of residential service s;
        hstaff[i,s,q]: staff of profession q for s in i. Whole where the persons are."""
        pi, whole = self.pi, all(float(v).is_integer() for v in self.index.need.values())
        cat = "Integer" if whole else "Continuous"
        for (i, g, s), need in self.index.need.items():
            if pi.home_service(s) is not None:
                self.h[(i, g, s)] = self.prob.add_variable(f"h_{i}_{g}_{s}", lowBound=0,
                                                           upBound=need, cat=cat)
        for k, p in enumerate(self.persons):
            for s in p.package:
                if any(ad.allows(p, s) for ad in pi.adaptations):
                    self.adapt[(k, s)] = self.prob.add_variable(f"adapt_{k}_{s}", lowBound=0,
                                                            upBound=p.persons, cat=cat)
        for (i, s), clients in self.home_client_bounds().items():
            hs = pi.home_service(s)
            for st in hs.staff:
                most = math.ceil(st.staff_for(clients, hs.hours_per_client_month) - 1e-9)
                self.hstaff[(i, s, st.profession)] = self.prob.add_variable(
                    f"hstaff_{i}_{s}_{slug(st.profession)}", lowBound=0, upBound=most,
                    cat="Integer")

    def adaptation_of(self, k: int, s: str) -> AdaptationNorm:
        """The adaptation that lets record k stay at home instead of s (the first allowed)."""
        return next(ad for ad in self.pi.adaptations if ad.allows(self.persons[k], s))

    def home_client_bounds(self) -> dict[tuple[str, str], float]:
        """The most clients each (municipality, home service) may have: its needs and the
        persons who may stay at home after an adaptation."""
        most: dict[tuple[str, str], float] = defaultdict(float)
        for (i, _g, s), v in self.h.items():
            most[(i, s)] += v.upBound
        for (k, s), v in self.adapt.items():
            most[(self.persons[k].municipality, self.adaptation_of(k, s).home_service)] += \
                v.upBound
        return dict(most)

    def home_clients(self) -> dict[tuple[str, str], pulp.LpAffineExpression]:
        """Clients of each (municipality, home service): those who need it and those who
        stay at home after an adaptation."""
        terms: dict[tuple[str, str], list[pulp.LpVariable]] = defaultdict(list)
        for (i, _g, s), v in self.h.items():
            terms[(i, s)].append(v)
        for (k, s), v in self.adapt.items():
            terms[(self.persons[k].municipality, self.adaptation_of(k, s).home_service)].append(v)
        return {key: pulp.lpSum(vs) for key, vs in terms.items()}

    def _served_at_home(self, key: tuple[str, str, str]) -> pulp.LpAffineExpression:
        """Clients of need key served without a place: at home (h) or, for a residential
        service, after a housing adaptation (a)."""
        adapted = [self.adapt[(k, key[2])] for k in self.persons_of.get(key, [])
                   if (k, key[2]) in self.adapt]
        return pulp.lpSum([*([self.h[key]] if key in self.h else []), *adapted])

    def _bound_sites(self) -> None:
        """Finite upper bounds on places and facilities.

        A cost-minimal plan never has a full facility more than the clients in reach need
        (dropping it keeps every client served), so y <= ceil(reach / cpp) + max_places is
        no restriction, and bounded columns give the solvers a tighter relaxation.

        Where no centre may host the service, tighter still: the places the clients in
        reach fill, P = ceil(reach / cpp), fit in N = ceil(P / max_places) facilities, and
        any plan with C clients at the site keeps its flows (so its unmet need and
        client-km) with ceil(C / cpp) places, or min_places per facility if more, in
        ceil(ceil(C / cpp) / max_places) facilities: no row asks for more places or
        facilities (the occupancy and least-clients rows ask for fewer), and cost only
        falls. So n <= N and y <= max(P, min_places N). A textbook p-median (one facility
        may hold everyone) then has binary n, not n up to 2,000 (issue 14).
        """
        reach: dict[tuple[str, str], float] = defaultdict(float)
        for (i, j, g, s) in self.index.x:
            reach[(j, s)] += self.index.need[(i, g, s)]
        in_centres = {(j, s) for (j, _c, s) in self.index.hosted}
        for key in self.index.new_sites:
            svc = self.services[key[1]]
            places = math.ceil(reach[key] / svc.clients_per_place - 1e-9)
            if key in in_centres:
                y_max = places + svc.max_places
                self.y_bounds[key] = (y_max, y_max // max(svc.min_places, 1))
            else:
                n_max = math.ceil(places / max(svc.max_places, 1))
                self.y_bounds[key] = (max(places, svc.min_places * n_max), n_max)
            self.y[key].upBound, self.n[key].upBound = self.y_bounds[key]
        self._fix_given()

    def _fix_given(self) -> None:
        """y[j,s] = places, n[j,s] = facilities at every fixed site (``ProblemInput.fixed_sites``):
        a given plan's decisions, evaluated by the same rows as the model's own."""
        for key, f in self.pi.fixed_table().items():
            self.y[key].lowBound = self.y[key].upBound = f.new_places
            self.n[key].lowBound = self.n[key].upBound = f.new_facilities

    def _centre_variables(self) -> None:
        """z[j,c] a centre, a[j,s] service s hosted in it, hp[j,s,k] the places of its unit
        for slot k (a class of groups that may share a room), over the index's hosted keys."""
        groups = {s: svc.groups for s, svc in self.services.items()}
        norms = {c.id: c for c in self.pi.centres}
        for j, cid, s in self.index.hosted:
            if (j, cid) not in self.z:
                self.z[(j, cid)] = self.prob.add_variable(f"z_{j}_{cid}", cat="Binary")
            self.centre_of[(j, s)] = cid
            self.a[(j, s)] = self.prob.add_variable(f"a_{j}_{s}", cat="Binary")
            self.slots[(j, s)] = norms[cid].slots(groups[s])
            for k in range(len(self.slots[(j, s)])):
                self.hp[(j, s, k)] = self.prob.add_variable(
                    f"hp_{j}_{s}_{k}", lowBound=0, upBound=self.services[s].max_places,
                    cat="Integer")

    def hosted_places(self, j: str, s: str) -> pulp.LpAffineExpression | float:
        """The new places of s at j in a centre's unit (0 where no centre may host s)."""
        if (j, s) not in self.a:
            return 0.0
        return pulp.lpSum(self.hp[(j, s, k)] for k in range(len(self.slots[(j, s)])))

    # ------------------------------------------------------------------ constraints
    @_once
    def need_balance(self) -> None:
        """sum_j x[i,j,g,s] + f[i,g,s] + u[i,g,s] = need[i,g,s];
        u[i,g,s] <= sum_{p holds s} w[p]  (f: served far, ``optimizer.index.nearest_sites``)"""
        for (i, g, s), need in self.index.need.items():
            served = pulp.lpSum(self.x[k] for k in self.x_from[(i, g, s)]) \
                + self._served_at_home((i, g, s)) + self.far.get((i, g, s), 0)
            self.prob += served + self.u[(i, g, s)] == need, f"need_{i}_{g}_{s}"
            unserved = pulp.lpSum(self.w[k] for k in self.persons_of[(i, g, s)])
            self.prob += self.u[(i, g, s)] <= unserved, f"package_{i}_{g}_{s}"

    @_once
    def capacity(self) -> None:
        """sum_{i,g} x[i,j,g,s] <= clients_per_place[s] * (cap[j,s] + y[j,s])"""
        for j, s in self.index.sites:
            cpp = self.services[s].clients_per_place
            places = self.index.cap.get((j, s), 0.0) + self.y.get((j, s), 0)
            row = pulp.lpSum(self.x[k] for k in self.x_into[(j, s)]) <= cpp * places
            self.capacity_rows[(j, s)] = self._add(row, f"capacity_{j}_{s}")

    @_once
    def viable_occupancy(self) -> None:
        """sum_{i,g} x[i,j,g,s] >= occupancy[s] * clients_per_place[s] * y[j,s];
        sum_{i,g} x[i,j,g,s] >= min_clients * n[j,s] at every new site

        A facility is built for the plan's own clients: without these rows the distance goal
        opens a facility of the least size for one client in every municipality. A given
        plan's sites (``fixed_sites``) are evaluated as they are, so they get none."""
        fixed, least = self.pi.fixed_table(), self.pi.min_clients_per_facility
        whole = all(float(v).is_integer() for v in self.index.need.values())
        for j, s in self.index.new_sites:
            if (j, s) in fixed:
                continue
            svc = self.services[s]
            occupancy = self.pi.occupancy_of(svc)
            clients = self._site_clients(j, s, whole and (occupancy > 0 or least > 0))
            if occupancy > 0:
                # a centre's unit may leave its last place part-used (its rooms are
                # shared in time with the centre's other units): y - a[j,s] filled
                places = self.y[(j, s)] - self.a.get((j, s), 0)
                filled = occupancy * svc.clients_per_place * places
                self.prob += clients >= filled + self._existing_full(j, s), f"occupancy_{j}_{s}"
            if least > 0:
                self.prob += clients >= least * self.n[(j, s)], f"least_clients_{j}_{s}"

    def _site_clients(self, j: str, s: str, whole: bool) -> pulp.LpAffineExpression:
        """The clients at a new site, a whole number k[j,s] = sum x where needs are whole
        and a viability row reads it (without one, the flows are a transportation problem
        and whole anyway; the integers cost a textbook p-median's unmet stage 10 s).

        The occupancy row alone is met by 4.2 clients in a youth house of 6 places at 70 %, or
        respite of 2 places (12 clients a year each, 16.8 at 70 %) filled by 0.8 of a person
        from 52 km away: in the national plan 61 of 393 flows were such slivers. With whole
        site counts (and whole places and unserved persons) the rest is a transportation
        problem, whose optimal flows are whole; the national plan then has none (the
        distance goal is higher by what the slivers saved, 10,420 to 11,085 client-km)."""
        clients = pulp.lpSum(self.x[k] for k in self.x_into[(j, s)])
        if not whole:
            return clients
        count = self.prob.add_variable(f"k_{j}_{s}", lowBound=0, cat="Integer")
        self.prob += count == clients, f"site_clients_{j}_{s}"
        return count

    def _existing_full(self, j: str, s: str) -> pulp.LpAffineExpression | float:
        """The clients the existing places of s at j hold once new ones open there: all
        (new places are filled after the existing ones, as ``planning.domain.evaluation``
        reads occupancy). A binary o[j,s] says "new facilities here" (n <= bound * o)."""
        cap = self.index.cap.get((j, s), 0.0)
        if cap <= 0:
            return 0.0
        opened = self.prob.add_variable(f"o_{j}_{s}", cat="Binary")
        self.prob += self.n[(j, s)] <= self.y_bounds[(j, s)][1] * opened, f"opened_{j}_{s}"
        return self.services[s].clients_per_place * cap * opened

    @_once
    def facility_size(self) -> None:
        """min_places[s] * n[j,s] <= y[j,s] - H[j,s] <= max_places[s] * n[j,s]
        (H the places hosted in a centre's unit, ``centre_rows``)

        At a fixed site the range widens to hold the given plan's own size (places per
        facility, rounded down and up): a plan is evaluated as it is, and a change to it
        (``optimizer.evaluate.smallest_change``) may keep its facilities' sizes."""
        fixed = self.pi.fixed_table()
        for j, s in self.index.new_sites:
            svc = self.services[s]
            low, high = svc.min_places, svc.max_places
            if (j, s) in fixed and fixed[(j, s)].new_facilities > 0:
                size = fixed[(j, s)].new_places / fixed[(j, s)].new_facilities
                low, high = min(low, math.floor(size)), max(high, math.ceil(size))
            separate = self.y[(j, s)] - self.hosted_places(j, s)
            self.prob += separate >= low * self.n[(j, s)], f"size_min_{j}_{s}"
            self.prob += separate <= high * self.n[(j, s)], f"size_max_{j}_{s}"

    @_once
    def facility_links(self) -> None:
        """x[i,j,g,s] <= need[i,g,s] * (n[j,s] + a[j,s]) where j has no places of s yet

        Valid for every plan (no facility, no places, no clients). The relaxation without it
        serves clients in slivers of facilities below their least size, so its bounds are
        weak; with it, serving a client at j takes a whole facility there. The rows are kept
        aside (``link_rows``, with a flag: the need is below one least-size facility) and a
        part takes them in ``optimizer.solve.Block.add_links``.
        """
        for key in self.index.x:
            i, j, g, s = key
            if (j, s) in self.index.cap or (j, s) not in self.n:
                continue
            svc = self.services[s]
            need = self.index.need[(i, g, s)]
            opened = self.n[(j, s)] + self.a.get((j, s), 0)
            self.link_rows.append((f"link_{i}_{j}_{g}_{s}", self.x[key] <= need * opened,
                                   need < svc.clients_per_place * svc.min_places))

    @_once
    def centre_rows(self) -> None:
        """A service hosted in a centre: a[j,s] <= z[j,c]; n[j,s] <= N (1 - a[j,s]) (its unit
        replaces separate new facilities); sum_k hp[j,s,k] <= max_places[s] a[j,s]; per slot
        k, when s serves groups that may not share a room,
        sum_{g in k} x[.,j,g,s] <= cpp[s] (hp[j,s,k] + separate places); the centre's
        clients q[j,s] <= sum x[.,j,.,s], q[j,s] <= cpp[s] max_places[s] a[j,s],
        sum_s q[j,s] >= min_clients[c] z[j,c] and z[j,c] <= sum_s a[j,s]."""
        norms = {c.id: c for c in self.pi.centres}
        hosted: dict[tuple[str, str], list[pulp.LpAffineExpression]] = defaultdict(list)
        clients: dict[tuple[str, str], list[pulp.LpVariable]] = defaultdict(list)
        for (j, s), a in self.a.items():
            cid, svc = self.centre_of[(j, s)], self.services[s]
            tag = f"{j}_{s}"
            self.prob += a <= self.z[(j, cid)], f"centre_host_{tag}"
            self.prob += self.n[(j, s)] <= self.y_bounds[(j, s)][1] * (1 - a), f"centre_alone_{tag}"
            units = self.hosted_places(j, s)
            self.prob += units <= svc.max_places * a, f"centre_unit_{tag}"
            self._slot_rows(j, s, units)
            q = self.prob.add_variable(f"q_{tag}", lowBound=0)
            self.prob += q <= pulp.lpSum(self.x[k] for k in self.x_into[(j, s)]), f"centre_in_{tag}"
            self.prob += q <= svc.clients_per_place * svc.max_places * a, f"centre_q_{tag}"
            hosted[(j, cid)].append(a)
            clients[(j, cid)].append(q)
        for (j, cid), z in self.z.items():
            least = norms[cid].min_clients
            self.prob += pulp.lpSum(clients[(j, cid)]) >= least * z, f"centre_clients_{j}_{cid}"
            self.prob += z <= pulp.lpSum(hosted[(j, cid)]), f"centre_used_{j}_{cid}"

    def _slot_rows(self, j: str, s: str, units: pulp.LpAffineExpression | float) -> None:
        """Groups that may not share a room use their own slot's places only."""
        slots = self.slots[(j, s)]
        if len(slots) < 2:
            return
        cpp = self.services[s].clients_per_place
        separate = self.y[(j, s)] - units
        for k, groups in enumerate(slots):
            used = pulp.lpSum(self.x[key] for key in self.x_into[(j, s)] if key[2] in groups)
            self.prob += used <= cpp * (self.hp[(j, s, k)] + separate), f"centre_slot_{j}_{s}_{k}"

    @_once
    def investment_budget(self) -> None:
        """sum_{j in r, s} (1 + contingency) * (inv_place[s] y[j,s] + inv_facility[s] n[j,s])
        <= investment[r]"""
        spend = self.investment_by_region()
        for r in self.pi.regions():
            budget = self.pi.budget_of(r).investment_eur
            if budget is None:
                continue
            self.investment_rows[r] = self._add(pulp.lpSum(spend[r]) <= budget,
                                                f"investment_{slug(r)}")

    @_once
    def erdf_budget(self) -> None:
        """sum_{j in r, s} erdf_share[j] * eligible_share * (1 + contingency)
        * (inv_place[s] y[j,s] + inv_facility[s] n[j,s]) <= erdf_quota[r]"""
        spend = self.investment_by_region(erdf=True)
        for r in self.pi.regions():
            quota = self.pi.budget_of(r).erdf_quota_eur
            if quota is None:
                continue
            self.erdf_rows[r] = self._add(pulp.lpSum(spend[r]) <= quota, f"erdf_{slug(r)}")

    @_once
    def running_budget(self) -> None:
        """sum_{j in r, s} running[s] y[j,s] + sum_{i in r, g} 12 hours[i,g] rate c[i,g]
        <= running[r]"""
        spend = self.running_by_region()
        for r in self.pi.regions():
            budget = self.pi.budget_of(r).running_eur_per_year
            if budget is None:
                continue
            self.running_rows[r] = self._add(pulp.lpSum(spend[r]) <= budget,
                                             f"running_{slug(r)}")

    @_once
    def mentor_clients(self) -> None:
        """c[i,g] >= sum_j x[i,j,g,s] for every service s that serves g"""
        for i, g in self.index.mentor:
            for s in self.services:
                keys = self.x_from.get((i, g, s))
                if keys:
                    self.prob += (self.c[(i, g)] >= pulp.lpSum(self.x[k] for k in keys),
                                  f"mentor_{i}_{g}_{s}")

    @_once
    def equity_floor(self) -> None:
        """sum_{j,g,s} x[i,j,g,s] >= floor * sum_{g,s} need[i,g,s]"""
        floor = self.pi.equity_floor
        if floor <= 0:
            return
        need_of: dict[str, float] = defaultdict(float)
        for (i, _g, _s), v in self.index.need.items():
            need_of[i] += v
        for i, need in need_of.items():
            served = pulp.lpSum(self.x[k] for (o, g, s) in self.index.need if o == i
                                for k in self.x_from[(o, g, s)]) + pulp.lpSum(
                self._served_at_home(key) for key in self.index.need if key[0] == i)
            self.prob += served >= floor * need, f"equity_{i}"

    @_once
    def facility_cap(self) -> None:
        """sum_j n[j,s] <= max_new_facilities[s]"""
        for s, svc in self.services.items():
            if svc.max_new_facilities is None:
                continue
            opened = [self.n[(j, t)] for (j, t) in self.index.new_sites if t == s]
            if opened:
                self.prob += pulp.lpSum(opened) <= svc.max_new_facilities, f"facility_cap_{s}"

    @_once
    def municipality_limits(self) -> None:
        """sum_s y[j,s] <= max_places[j]; sum_s n[j,s] <= max_facilities[j];
        sum_s (staff_facility[s] n[j,s] + staff_place[s] y[j,s]) <= max_staff[j]"""
        for lim in self.pi.municipality_limits:
            j = lim.municipality
            keys = [(m, s) for (m, s) in self.index.new_sites if self.pi.site_municipality(m) == j]
            if not keys:
                continue
            if lim.max_new_places is not None:
                self.prob += (pulp.lpSum(self.y[k] for k in keys) <= lim.max_new_places,
                              f"limit_places_{j}")
            centres = [z for (m, _c), z in self.z.items() if self.pi.site_municipality(m) == j]
            if lim.max_new_facilities is not None:
                self.prob += (pulp.lpSum(self.n[k] for k in keys) + pulp.lpSum(centres)
                              <= lim.max_new_facilities, f"limit_facilities_{j}")
            if lim.max_new_staff is not None:
                staff = pulp.lpSum(self.services[s].staff_per_facility * self.n[(m, s)]
                                   + self.services[s].staff_per_place * self.y[(m, s)]
                                   for (m, s) in keys) + pulp.lpSum(
                    self.centre_norm(c).staff_per_centre * z
                    for (m, c), z in self.z.items() if self.pi.site_municipality(m) == j)
                self.staff_rows[j] = self._add(staff <= lim.max_new_staff, f"limit_staff_{j}")

    @_once
    def home_staffing(self) -> None:
        """cps[q] z[i,s,q] >= clients[i,s] (caseload) or hps[q] z[i,s,q] >= hours[s] clients[i,s];
        sum_{i in r, s} z[i,s,q] <= fte[r,q];  sum_{g,s} dpc[s] h[i,g,s] <= dwellings[i]

        Staff are whole persons employed by the municipality where the clients live, so
        11 clients at 10 per case manager take 2."""
        pi = self.pi
        clients = self.home_clients()
        for (i, s, q), z in self.hstaff.items():
            hs = pi.home_service(s)
            st = next(st for st in hs.staff if st.profession == q)
            if st.clients_per_staff > 0:
                need = clients[(i, s)] <= st.clients_per_staff * z
            else:
                need = hs.hours_per_client_month * clients[(i, s)] <= st.hours_per_staff_month * z
            self.prob += need, f"staff_{i}_{s}_{slug(q)}"
        by_limit: dict[tuple[str, str], list[pulp.LpVariable]] = defaultdict(list)
        for (i, _s, q), z in self.hstaff.items():
            by_limit[(self.region_of[i], q)].append(z)
        for (r, q), zs in sorted(by_limit.items()):
            fte = pi.staff_limit_of(r, q)
            if fte is not None:
                self.staff_limit_rows[(r, q)] = self._add(
                    pulp.lpSum(zs) <= fte, f"staff_limit_{slug(r)}_{slug(q)}")
        for d in pi.dwellings:
            used = [pi.home_service(s).dwellings_per_client * v
                    for (i, _g, s), v in self.h.items()
                    if i == d.municipality and pi.home_service(s).dwellings_per_client > 0]
            if used:
                self.prob += pulp.lpSum(used) <= d.dwellings, f"dwellings_{d.municipality}"

    @_once
    def goal_definitions(self) -> None:
        """U = sum weight[p] w[p] (and per class);  D = sum d[i,j] x[i,j,g,s];
        C = investment + running

        The goals are variables so a lexicographic stage fixes one by its upper bound."""
        self.goal_exprs = self._goal_expressions()
        self.goals = {g: self.prob.add_variable(f"goal_{slug(g)}", lowBound=0)
                      for g in self.goal_exprs}
        for g, expr in self.goal_exprs.items():
            self.prob += self.goals[g] == expr, f"goal_{slug(g)}"

    def _add(self, row: pulp.LpConstraint, name: str) -> pulp.LpConstraint:
        self.prob += row, name
        return self.prob.get_constraint_by_name(name)

    # ------------------------------------------------------------------ expressions
    def investment_by_region(self, erdf: bool = False) -> dict[str, list[Any]]:
        """Each region's investment terms (places and facilities, with the contingency);
        ``erdf``: the ERDF part of each (the site's ERDF share of its eligible part)."""
        spend: dict[str, list[Any]] = defaultdict(list)
        for j, s in self.index.new_sites:
            svc = self.services[s]
            share = self.pi.erdf_of(j, 1.0) if erdf else 1.0
            spend[self.region_of[j]].append(
                share * self.pi.investment_per_place(svc) * self.y[(j, s)]
                + share * self.pi.investment_per_facility(svc) * self.n[(j, s)])
        for (j, cid), z in self.z.items():
            share = self.pi.erdf_of(j, 1.0) if erdf else 1.0
            eur = (1.0 + self.pi.cost_contingency) * self.centre_norm(cid).investment_per_centre
            spend[self.region_of[j]].append(share * eur * z)
        for (k, s), v in self.adapt.items():
            j = self.persons[k].municipality
            share = self.pi.erdf_of(j, 1.0) if erdf else 1.0
            eur = self.adaptation_of(k, s).investment_per_dwelling * (1 + self.pi.cost_contingency)
            spend[self.region_of[j]].append(share * eur * v)
        return spend

    def centre_norm(self, cid: str) -> CentreNorm:
        return next(c for c in self.pi.centres if c.id == cid)

    def running_by_region(self) -> dict[str, list[Any]]:
        """Each region's running terms for a year (new places and mentors)."""
        spend: dict[str, list[Any]] = defaultdict(list)
        for j, s in self.index.new_sites:
            svc = self.services[s]
            spend[self.region_of[j]].append(svc.running_cost_per_place_year * self.y[(j, s)]
                                            + svc.running_cost_per_facility_year * self.n[(j, s)])
        for (j, cid), z in self.z.items():
            spend[self.region_of[j]].append(self.centre_norm(cid).running_cost_per_centre_year * z)
        if self.pi.mentor is not None:
            hours = self.pi.mentor_hours_per_month()
            rate = self.pi.mentor.hourly_rate
            for i, g in self.index.mentor:
                spend[self.region_of[i]].append(12 * hours[(i, g)] * rate * self.c[(i, g)])
        for (i, s), clients in self.home_clients().items():
            spend[self.region_of[i]].append(
                self.pi.home_service(s).running_per_client_year() * clients)
        for (i, s, q), z in self.hstaff.items():
            st = next(st for st in self.pi.home_service(s).staff if st.profession == q)
            spend[self.region_of[i]].append(st.cost_per_staff_year * z)
        return spend

    def _goal_expressions(self) -> dict[str, pulp.LpAffineExpression]:
        pi = self.pi
        distance = pulp.lpSum((pi.distance(i, j) or 0.0) * v
                              for (i, j, _g, _s), v in self.x.items()) + pulp.lpSum(
            self.index.far[key] * v for key, v in self.far.items())
        investment = [t for ts in self.investment_by_region().values() for t in ts]
        running = [t for ts in self.running_by_region().values() for t in ts]
        return {**self._unmet_expressions(), "distance": distance,
                "cost": pulp.lpSum(investment) + pulp.lpSum(running)}

    def _unmet_expressions(self) -> dict[str, pulp.LpAffineExpression]:
        """``unmet`` over all persons, and each priority class's part where the strict mode
        ranks them (``ProblemInput.unmet_goals``)."""
        pi = self.pi
        weight = {k: pi.group_weight(p.group) * pi.class_weight(p.priority)
                  for k, p in enumerate(self.persons)}
        out = {"unmet": pulp.lpSum(weight[k] * v for k, v in self.w.items())}
        if pi.has_packages():
            out["unmet_services"] = pulp.lpSum(pi.group_weight(g) * v
                                               for (_i, g, _s), v in self.u.items())
        for goal in pi.unmet_goals():
            if goal != "unmet":
                cls = goal.split(":", 1)[1]
                out[goal] = pulp.lpSum(weight[k] * v for k, v in self.w.items()
                                       if self.persons[k].priority == cls)
        return out

    # ------------------------------------------------------------------ re-solving
    def set_investment_budget(self, region: str, eur: float) -> None:
        """Change a region's investment budget in place (for "what would more money buy");
        its ERDF quota moves in proportion. ``pi`` follows, so a solution is checked against
        the budget it was solved with."""
        b = self.pi.budget_of(region)
        quota = b.erdf_quota_eur
        self.investment_rows[region].changeRHS(eur)
        if region in self.erdf_rows and b.investment_eur:
            quota = b.erdf_quota_eur * eur / b.investment_eur
            self.erdf_rows[region].changeRHS(quota)
        moved = dataclasses.replace(b, investment_eur=eur, erdf_quota_eur=quota)
        self.pi = dataclasses.replace(self.pi, budgets=[
            moved if x.region == region else x for x in self.pi.budgets])

    def wider_reach(self) -> dict[tuple[str, str], int] | None:
        """Where the solved values serve clients far (``optimizer.index.nearest_sites``):
        each such origin's sites with flows for the next round, at least twice as many and
        up to the nearest site open in this plan; ``None`` when no client is served far
        (the plan is then one of the whole model)."""
        far = {(i, s) for (i, _g, s), v in self.far.items() if (v.varValue or 0.0) > 1e-6}
        if not far:
            return None
        opened = {key for key, v in self.n.items() if (v.varValue or 0.0) > 0.5}
        opened |= set(self.index.cap)
        nearest = dict(self.index.nearest)
        for i, s in far:
            ranked = self.index.ranked[(i, s)]
            first = next((k for k, j in enumerate(ranked) if (j, s) in opened), len(ranked))
            nearest[(i, s)] = max(2 * nearest[(i, s)], first + 1)
        return nearest

    def solve(self, solver: str = "highs", time_limit: float | None = None,
              mip_gap: float = 1e-4) -> Solution:
        """Solve lexicographically (or weighted): ``optimizer.solve.solve_model``."""
        from optimizer.solve import solve_model  # solve builds on this module

        return solve_model(self, solver, time_limit, mip_gap)
