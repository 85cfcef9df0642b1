"""When each facility of a plan opens: the plan phased over the years of a horizon.

The allocation model decides *what* to build with the whole horizon's money; this model
decides *when*, within the money each year brings, and what follows from it: the places open
and clients served each year, the leavers who have moved out, and the year each institution
branch can close. It is a second, small MIP on the allocation's result (a few binaries per
facility and year), so a plan of one year is exactly today's plan.

Rules (years are calendar years, ``first_year`` .. ``last_year``):

* A project (one new facility, or new places at a site without a new facility) starts in a
  year ``s`` and opens in ``s + lead`` (the service's lead time). It opens within the horizon
  or is reported as opening after it. Its investment is spent in equal parts over the
  ``max(lead, 1)`` years from ``s``.
* A project already built (``Project.built_year``: an amendment of an approved plan) is no
  decision: it opened in that year, its investment spent over the years before it. The
  others start no earlier than ``PhasingInput.from_year`` (the remaining years); where the
  built projects spent more than the budgets so far, the others get nothing more until the
  budgets catch up.
* Money carries over: by the end of each year, a region has spent at most the sum of its
  yearly budgets so far (ERDF quotas are committed in calls over the period).
* A branch closes in the first year by which every project that houses one of its residents
  is open, when the plan houses all its residents and its admissions have stopped; with
  admissions, the places freed are refilled, up to ``admissions_per_year`` persons a year.

Goals, in order (each solved with the one before held at its optimum): (1) leavers housed in
projects open within the horizon (leavers first, as in the allocation's default), (2) clients
served in them, (3) branch closure years (residents × years closed) plus leaver
client-years, (4) client-years of everyone. Earlier is better in (3) and (4). A closure year
the user fixes is a constraint. (5) Among plans equal in all four, the most projects start
in their ``PhasingInput.preferred_starts`` year (an amendment keeps the approved plan's
years where nothing forces a change).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pulp

from optimizer import solvers
from optimizer.errors import InfeasibleError, InputError

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Project:
    """One facility to open (or places to add at a site).

    ``clients`` are the plan's clients in its new places; ``leavers`` those of them leaving an
    institution, and ``branches`` the leavers per institution branch (id → clients)."""

    id: str
    region: str
    municipality: str
    service: str
    places: float
    investment_eur: float
    running_eur_per_year: float
    clients: float
    leavers: float = 0.0
    branches: dict[str, float] = field(default_factory=dict)
    built_year: int | None = None


@dataclass(frozen=True)
class Branch:
    """An institution branch: its residents today and whether (and when) it may close."""

    id: str
    region: str
    residents: float
    placed_in_plan: float = 0.0
    admissions_per_year: float = 0.0
    closure_year: int | None = None


@dataclass(frozen=True)
class PhasingInput:
    first_year: int
    last_year: int
    projects: list[Project]
    lead_years: dict[str, int]
    budgets: dict[str, list[float]] = field(default_factory=dict)
    branches: list[Branch] = field(default_factory=list)
    leavers_placed_now: dict[str, float] = field(default_factory=dict)
    from_year: int | None = None
    preferred_starts: dict[str, int] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


@dataclass
class PhasedPlan:
    """Tables of a phased plan.

    * ``projects``: id, region, municipality, service, places, investment_eur, start_year,
      open_year (``None``: opens after the horizon), clients, leavers, built (already
      built: ``Project.built_year``)
    * ``years``: region, year, investment_eur, budget_eur, places_opening, places_open,
      clients_served, leavers_moved, running_eur
    * ``branches``: branch, region, residents, placed_in_plan, closure_year, reason (why it
      does not close: ``not_housed``, ``admissions``, ``after_horizon``; empty if it closes),
      and one column per year with its residents at the end of that year
    """

    projects: pd.DataFrame
    years: pd.DataFrame
    branches: pd.DataFrame
    status: str


def phase(pi: PhasingInput, solver: str = "highs", time_limit: float | None = 60.0
          ) -> PhasedPlan:
    """Phase ``pi.projects`` over the horizon; ``InfeasibleError`` when a fixed closure year
    cannot be met."""
    check(pi)
    model = _Model(pi)
    status = model.solve(solver, time_limit)
    starts = model.start_years()
    projects = _project_table(pi, starts)
    return PhasedPlan(projects, _year_table(pi, projects), _branch_table(pi, projects), status)


def check(pi: PhasingInput) -> None:
    """Refuse a horizon, lead time or budget the model cannot use, naming the field."""
    if pi.last_year < pi.first_year:
        raise InputError("last_year", f"the horizon ends ({pi.last_year}) before it starts "
                                      f"({pi.first_year})")
    if pi.from_year is not None and not pi.first_year <= pi.from_year <= pi.last_year:
        raise InputError("from_year", f"the remaining years start in {pi.from_year}, outside "
                                      f"the horizon {pi.first_year}-{pi.last_year}")
    for p in pi.projects:
        if p.built_year is not None and not pi.first_year <= p.built_year <= pi.last_year:
            raise InputError(f"projects.{p.id}.built_year",
                             f"{p.built_year} is outside the horizon "
                             f"{pi.first_year}-{pi.last_year}")
    for service, lead in pi.lead_years.items():
        if lead < 0:
            raise InputError(f"lead_years.{service}", f"a lead time of {lead} years")
    for region, amounts in pi.budgets.items():
        if len(amounts) != len(pi.years):
            raise InputError(f"budgets.{region}", f"{len(amounts)} yearly amounts for a "
                                                  f"horizon of {len(pi.years)} years")
        if any(not (a >= 0) for a in amounts):
            raise InputError(f"budgets.{region}", "a yearly budget below 0 or not a number")
    for b in pi.branches:
        if b.closure_year is None:
            continue
        if not pi.first_year <= b.closure_year <= pi.last_year:
            raise InputError(f"branches.{b.id}.closure_year",
                             f"{b.closure_year} is outside the horizon "
                             f"{pi.first_year}-{pi.last_year}")
        if not closable(b):
            raise InputError(f"branches.{b.id}.closure_year",
                             f"the branch cannot close: the plan houses {b.placed_in_plan:g} "
                             f"of its {b.residents:g} residents, admissions "
                             f"{b.admissions_per_year:g} a year")


def lead(pi: PhasingInput, project: Project) -> int:
    return pi.lead_years.get(project.service, 0)


def start_years(pi: PhasingInput, project: Project) -> list[int]:
    """Years a project not yet built may start in (from ``pi.from_year``) and still open
    within the horizon; none for a built one."""
    if project.built_year is not None:
        return []
    first = pi.from_year or pi.first_year
    return [y for y in pi.years if y >= first and y + lead(pi, project) <= pi.last_year]


def built_start(pi: PhasingInput, project: Project) -> int | None:
    """The year a built project started (its opening year less its lead time)."""
    return None if project.built_year is None else project.built_year - lead(pi, project)


def spent_by(pi: PhasingInput, project: Project, start: int, year: int) -> float:
    """Share of a project's investment spent by the end of ``year`` when it starts in
    ``start``: equal parts over ``max(lead, 1)`` years."""
    span = max(lead(pi, project), 1)
    return min(max(year - start + 1, 0), span) / span


def years_open(pi: PhasingInput, project: Project, start: int) -> int:
    """Years of the horizon a project started in ``start`` is open (its opening year too)."""
    return max(pi.last_year - (start + lead(pi, project)) + 1, 0)


def closable(branch: Branch) -> bool:
    return (branch.admissions_per_year <= TOLERANCE
            and branch.placed_in_plan >= branch.residents - TOLERANCE)


class _Model:
    """The phasing MIP: ``x[p, s]`` = project p starts in year s; ``closed[b, t]`` = branch b
    is closed by the end of year t."""

    def __init__(self, pi: PhasingInput) -> None:
        self.pi = pi
        self.prob = pulp.LpProblem("phasing", pulp.LpMaximize)
        self.x = {(p.id, s): self.prob.add_variable(f"x_{i}_{s}", cat="Binary")
                  for i, p in enumerate(pi.projects) for s in start_years(pi, p)}
        self.closed = {(b.id, t): self.prob.add_variable(f"closed_{j}_{t}", cat="Binary")
                       for j, b in enumerate(pi.branches) if closable(b) for t in pi.years}
        self.goals = [self._leavers_opened(), self._clients_opened(),
                      self._closures_and_leaver_years(), self._client_years()]
        if pi.preferred_starts:
            self.goals.append(self._kept_starts())
        self._once_each()
        self._budgets()
        self._closures()

    def _starts(self, p: Project) -> list[tuple[int, pulp.LpVariable | int]]:
        """(start year, its 0-1 variable); a built project's one start, as the constant 1."""
        start = built_start(self.pi, p)
        if start is not None:
            return [(start, 1)]
        return [(s, self.x[p.id, s]) for s in start_years(self.pi, p)]

    def _leavers_opened(self) -> pulp.LpAffineExpression:
        return pulp.lpSum(p.leavers * v for p in self.pi.projects for _, v in self._starts(p))

    def _clients_opened(self) -> pulp.LpAffineExpression:
        return pulp.lpSum(p.clients * v for p in self.pi.projects for _, v in self._starts(p))

    def _closures_and_leaver_years(self) -> pulp.LpAffineExpression:
        residents = {b.id: b.residents for b in self.pi.branches}
        return (pulp.lpSum(residents[b] * v for (b, _), v in self.closed.items())
                + pulp.lpSum(p.leavers * years_open(self.pi, p, s) * v
                             for p in self.pi.projects for s, v in self._starts(p)))

    def _client_years(self) -> pulp.LpAffineExpression:
        return pulp.lpSum(p.clients * years_open(self.pi, p, s) * v
                          for p in self.pi.projects for s, v in self._starts(p))

    def _kept_starts(self) -> pulp.LpAffineExpression:
        return pulp.lpSum(self.x[p.id, s] for p in self.pi.projects
                          if (s := self.pi.preferred_starts.get(p.id)) is not None
                          and (p.id, s) in self.x)

    def _once_each(self) -> None:
        for i, p in enumerate(self.pi.projects):
            if start_years(self.pi, p):
                self.prob += pulp.lpSum(v for _, v in self._starts(p)) <= 1, f"once_{i}"

    def _budgets(self) -> None:
        for r, (region, amounts) in enumerate(self.pi.budgets.items()):
            mine = [p for p in self.pi.projects if p.region == region]
            for k, year in enumerate(self.pi.years):
                built = sum(p.investment_eur * spent_by(self.pi, p, s, year)
                            for p in mine for s, _ in self._starts(p)
                            if p.built_year is not None)
                spent = pulp.lpSum(p.investment_eur * spent_by(self.pi, p, s, year) * v
                                   for p in mine if p.built_year is None
                                   for s, v in self._starts(p))
                limit = max(sum(amounts[:k + 1]), built)
                self.prob += spent + built <= limit + TOLERANCE, f"budget_{r}_{year}"

    def _closures(self) -> None:
        for j, b in enumerate(self.pi.branches):
            if not closable(b):
                continue
            housing = [(i, p) for i, p in enumerate(self.pi.projects)
                       if p.branches.get(b.id, 0) > TOLERANCE]
            for t in self.pi.years:
                closed = self.closed[b.id, t]
                if t < self.pi.last_year:
                    self.prob += closed <= self.closed[b.id, t + 1], f"stays_{j}_{t}"
                for i, p in housing:
                    open_by = pulp.lpSum(v for s, v in self._starts(p)
                                         if s + lead(self.pi, p) <= t)
                    self.prob += closed <= open_by, f"housed_{j}_{i}_{t}"
                if b.closure_year is not None and t >= b.closure_year:
                    self.prob += closed >= 1, f"fixed_{j}_{t}"

    def solve(self, solver: str, time_limit: float | None) -> str:
        status = "optimal"
        for k, goal in enumerate(self.goals):
            self.prob.setObjective(goal)
            report = solvers.run(self.prob, solver, time_limit)
            if report.status == "infeasible":
                raise InfeasibleError("closure_year", self._why_infeasible())
            if report.status != "optimal":
                status = report.status
            value = pulp.value(goal) or 0.0
            self.prob += goal >= value - TOLERANCE * max(1.0, abs(value)), f"goal_{k}"
        return status

    def _why_infeasible(self) -> str:
        fixed = [b for b in self.pi.branches if b.closure_year is not None]
        names = ", ".join(f"{b.id} in {b.closure_year}" for b in fixed)
        return (f"the closures fixed ({names}) cannot all be met: the places their residents "
                f"need cannot open by then within the yearly budgets and lead times")

    def start_years(self) -> dict[str, int]:
        built = {p.id: built_start(self.pi, p) for p in self.pi.projects
                 if p.built_year is not None}
        return {**{pid: s for (pid, s), v in self.x.items() if (v.value() or 0) > 0.5},
                **built}


def _project_table(pi: PhasingInput, starts: dict[str, int]) -> pd.DataFrame:
    rows = []
    for p in pi.projects:
        start = starts.get(p.id)
        rows.append({"id": p.id, "region": p.region, "municipality": p.municipality,
                     "service": p.service, "places": p.places,
                     "investment_eur": p.investment_eur,
                     "running_eur_per_year": p.running_eur_per_year,
                     "start_year": start,
                     "open_year": None if start is None else start + lead(pi, p),
                     "clients": p.clients, "leavers": p.leavers,
                     "built": p.built_year is not None})
    table = pd.DataFrame(rows, columns=["id", "region", "municipality", "service", "places",
                                        "investment_eur", "running_eur_per_year",
                                        "start_year", "open_year", "clients", "leavers",
                                        "built"])
    return table.astype({"start_year": "Int64", "open_year": "Int64"})


def _year_table(pi: PhasingInput, projects: pd.DataFrame) -> pd.DataFrame:
    by_id = {p.id: p for p in pi.projects}
    regions = sorted({p.region for p in pi.projects} | set(pi.budgets))
    rows = []
    for region in regions:
        mine = projects[projects["region"] == region]
        for year in pi.years:
            started = mine[mine["start_year"].notna()]
            invested = sum(by_id[r.id].investment_eur
                           * (spent_by(pi, by_id[r.id], int(r.start_year), year)
                              - spent_by(pi, by_id[r.id], int(r.start_year), year - 1))
                           for r in started.itertuples())
            opening = mine[mine["open_year"].eq(year).fillna(False)]
            open_now = mine[mine["open_year"].le(year).fillna(False)]
            budget = pi.budgets.get(region)
            rows.append({
                "region": region, "year": year, "investment_eur": invested,
                "budget_eur": None if budget is None else budget[year - pi.first_year],
                "places_opening": float(opening["places"].sum()),
                "places_open": float(open_now["places"].sum()),
                "clients_served": float(open_now["clients"].sum()),
                "leavers_moved": float(open_now["leavers"].sum())
                + pi.leavers_placed_now.get(region, 0.0),
                "running_eur": float(open_now["running_eur_per_year"].sum()),
            })
    return pd.DataFrame(rows, columns=["region", "year", "investment_eur", "budget_eur",
                                       "places_opening", "places_open", "clients_served",
                                       "leavers_moved", "running_eur"])


def _branch_table(pi: PhasingInput, projects: pd.DataFrame) -> pd.DataFrame:
    opens = {pid: None if pd.isna(year) else int(year)
             for pid, year in zip(projects["id"], projects["open_year"], strict=True)}
    rows = []
    for b in pi.branches:
        housing = [p for p in pi.projects if p.branches.get(b.id, 0) > TOLERANCE]
        moved_now = b.placed_in_plan - sum(p.branches[b.id] for p in housing)
        row: dict[str, object] = {"branch": b.id, "region": b.region, "residents": b.residents,
                                  "placed_in_plan": b.placed_in_plan}
        residents, moved_before = b.residents, 0.0
        for year in pi.years:
            moved = moved_now + sum(p.branches[b.id] for p in housing
                                    if opens[p.id] is not None and opens[p.id] <= year)
            residents = max(residents - (moved - moved_before), 0.0)
            residents += min(b.admissions_per_year, b.residents - residents)
            row[year], moved_before = residents, moved
        closure, reason = _closure(pi, b, row)
        rows.append({**row, "closure_year": closure, "reason": reason})
    columns = ["branch", "region", "residents", "placed_in_plan", *pi.years, "closure_year",
               "reason"]
    return pd.DataFrame(rows, columns=columns).astype({"closure_year": "Int64"})


def _closure(pi: PhasingInput, b: Branch, row: dict[str, object]) -> tuple[int | None, str]:
    if b.placed_in_plan < b.residents - TOLERANCE:
        return None, "not_housed"
    if b.admissions_per_year > TOLERANCE:
        return None, "admissions"
    for year in pi.years:
        if float(row[year]) <= TOLERANCE:  # type: ignore[arg-type]
            return year, ""
    return None, "after_horizon"
