"""The years of a multi-year plan: its horizon, how each year's money comes, the branch
closures and admissions the user fixes and the project funding of the new facilities'
running cost (its share and last year: :mod:`planning.domain.funding`); checked field by
field (a scenario stores
one, ``ScenarioInputs.horizon``; :mod:`planning.domain.phasing` phases a plan over it)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from planning.domain import bounds
from planning.domain.errors import InputError
from planning.i18n import msg

LENGTH = 5  # a DI plan's usual span (e.g. 2026-2030)
MAX_YEARS = 15
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Horizon:
    """The years of a plan and how each year's money and closures are set."""

    first_year: int
    last_year: int
    budget_shares: tuple[float, ...] = ()
    closure_years: dict[str, int] = field(default_factory=dict)
    admissions_per_year: dict[str, float] = field(default_factory=dict)
    running_funded_share: float | None = None
    running_funded_until: int | None = None

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def shares(self, shortest_lead: int = 0) -> list[float]:
        """Share of the investment budget available each year: as given, or even over the
        years in which money can still open a facility within the horizon."""
        if self.budget_shares:
            total = sum(self.budget_shares)
            return [s / total for s in self.budget_shares]
        usable = max(len(self.years) - shortest_lead, 1)
        return [1 / usable if k < usable else 0.0 for k in range(len(self.years))]


def horizon_problems(h: Horizon, branches: set[str]) -> list[InputError]:
    """What is wrong with a horizon, each naming its field and the fix."""
    found: list[InputError] = []
    for name, year in (("first_year", h.first_year), ("last_year", h.last_year)):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            found.append(InputError(msg("phasing.year_range", low=FIRST_YEAR, high=LAST_YEAR),
                                    column=name, value=year))
    if h.last_year < h.first_year:
        found.append(InputError(msg("phasing.ends_before_start"), column="last_year",
                                value=h.last_year))
    elif h.last_year - h.first_year + 1 > MAX_YEARS:
        found.append(InputError(msg("phasing.too_long", most=MAX_YEARS), column="last_year",
                                value=h.last_year))
    if h.budget_shares and len(h.budget_shares) != len(h.years):
        found.append(InputError(msg("phasing.shares_length", years=len(h.years)),
                                column="budget_shares", value=len(h.budget_shares)))
    for share in h.budget_shares:
        problem = bounds.problem(share, 1.0)
        if problem is not None:
            found.append(InputError(problem, column="budget_shares", value=share))
    if h.budget_shares and not found and sum(h.budget_shares) <= 0:
        found.append(InputError(msg("phasing.no_money"), column="budget_shares", value=0))
    for branch, year in h.closure_years.items():
        if branch not in branches:
            found.append(_unknown_branch(branch, branches, "closure_years"))
        elif not h.first_year <= year <= h.last_year:
            found.append(InputError(msg("phasing.closure_outside", first=h.first_year,
                                        last=h.last_year), column="closure_years", value=year))
    for branch, admitted in h.admissions_per_year.items():
        problem = bounds.problem(admitted, bounds.MAX_COUNT)
        if problem is not None:
            found.append(InputError(problem, column="admissions_per_year", value=admitted))
        elif branch not in branches:
            found.append(_unknown_branch(branch, branches, "admissions_per_year"))
    found += _funding_problems(h)
    return found


def _funding_problems(h: Horizon) -> list[InputError]:
    """A share of the running cost paid by project funding from 0 to 1, and its last year
    not before the horizon; one given without the other is refused naming the missing one."""
    share, until = h.running_funded_share, h.running_funded_until
    found = []
    if share is not None:
        problem = bounds.problem(share, bounds.MAX_SHARE)
        if problem is not None:
            found.append(InputError(problem, column="running_funded_share", value=share))
    if until is not None and until < h.first_year:
        found.append(InputError(msg("phasing.funded_until_before", first=h.first_year),
                                column="running_funded_until", value=until))
    elif until is not None and until > LAST_YEAR:
        found.append(InputError(msg("phasing.year_range", low=FIRST_YEAR, high=LAST_YEAR),
                                column="running_funded_until", value=until))
    if share is not None and until is None:
        found.append(InputError(msg("phasing.funded_until_missing"),
                                column="running_funded_until", value=None))
    elif until is not None and share is None:
        found.append(InputError(msg("phasing.funded_share_missing"),
                                column="running_funded_share", value=None))
    return found


def _unknown_branch(branch: str, branches: set[str], column: str) -> InputError:
    return InputError(msg("inputs.unknown_institution", institution=branch,
                          options=", ".join(sorted(branches))), column=column, value=branch)


def default_horizon(today: datetime.date | None = None) -> Horizon:
    """Five years from this one, money even over the usable years, nothing fixed."""
    first = (today or datetime.date.today()).year
    return Horizon(first, first + LENGTH - 1)
