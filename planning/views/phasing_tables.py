"""A phased plan (:mod:`planning.domain.phasing`) as the tables and chart data people read:
each year's money and openings, each facility's start and opening, each branch's residents
by year and why it closes or not, who pays the running cost each year and what each
municipality takes over when project funding ends (:mod:`planning.domain.funding`). Names
and texts in the reader's language."""

from __future__ import annotations

import pandas as pd

from optimizer.phasing import PhasedPlan
from planning import i18n
from planning.domain import funding, geo, priorities
from planning.domain.catalogue import Catalogue
from planning.domain.horizon import Horizon
from planning.domain.phasing import LEAVERS, branch_homes
from planning.domain.results import ScenarioResult

YEAR_COLUMNS = ["year", "investment_eur", "budget_eur", "places_opening", "places_open",
                "clients_served", "leavers_moved", "running_eur_per_year",
                "running_funded_eur", "running_municipal_eur"]
TAKEOVER_COLUMNS = ["municipality", "running_eur_per_year", "takeover_eur_per_year",
                    "takeover_year"]


def years_frame(plan: PhasedPlan, lang: str, horizon: Horizon | None = None) -> pd.DataFrame:
    """One row per region and year (the region only when the plan spans several); euros and
    persons whole (the model splits a site's clients in proportion, so halves arise). The
    running cost split between the project funding of ``horizon`` and the municipalities
    (all theirs without it)."""
    horizon = horizon or Horizon(int(plan.years["year"].min()), int(plan.years["year"].max()))
    paid = funding.year_costs(plan.projects, horizon)
    out = plan.years.rename(columns={"running_eur": "running_eur_per_year"}).merge(
        paid, on=["region", "year"], how="left")
    out = out.assign(running_funded_eur=out["running_funded_eur"].fillna(0.0),
                     running_municipal_eur=out["running_municipal_eur"].fillna(
                         out["running_eur_per_year"]))
    out = out.assign(**{c: out[c].astype(float).round(0) for c in YEAR_COLUMNS[1:]})
    if out["region"].nunique() > 1:
        out = out.assign(region=out["region"].map(lambda r: i18n.region_name(r, lang)))
        return out[["region", *YEAR_COLUMNS]]
    return out[YEAR_COLUMNS].reset_index(drop=True)


def projects_frame(plan: PhasedPlan, catalogue: Catalogue, division: str,
                   lang: str) -> pd.DataFrame:
    """Each new facility: where, which service, places, investment, start and opening year
    (empty: it opens after the plan's years), earliest first."""
    names = _municipality_names(division, lang)
    p = plan.projects.sort_values(["open_year", "municipality", "service"], na_position="last")
    return pd.DataFrame({
        "municipality": p["municipality"].map(lambda m: names.get(m, m)),
        "service": p["service"].map(lambda s: _service(s, catalogue, lang)),
        "places": p["places"], "investment_eur": p["investment_eur"].round(0),
        "start_year": p["start_year"], "open_year": p["open_year"],
    }).reset_index(drop=True)


def takeover_frame(plan: PhasedPlan, horizon: Horizon, division: str,
                   lang: str) -> pd.DataFrame:
    """Each municipality with new facilities open by the end of the horizon: their running
    cost a year then, what it takes over from the project funding and in which year (None:
    nothing), largest first; euros whole."""
    table = funding.takeovers(plan.projects, horizon)
    names = _municipality_names(division, lang)
    return pd.DataFrame({
        "municipality": table["municipality"].map(lambda m: names.get(m, m)),
        "running_eur_per_year": table["running_eur_per_year"].round(0),
        "takeover_eur_per_year": table["takeover_eur_per_year"].round(0),
        "takeover_year": pd.Series([None if pd.isna(y) else int(y)
                                    for y in table["takeover_year"]], dtype=object),
    }, columns=TAKEOVER_COLUMNS).reset_index(drop=True)


def _municipality_names(division: str, lang: str) -> dict[str, str]:
    munis = geo.municipalities(division)
    return dict(zip(munis["atvk_code"], munis["name_en" if lang == "en" else "name_lv"],
                    strict=True))


def openings_chart(plan: PhasedPlan, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """Places opening per year (rows, as text so the axis reads 2028, not 2,028) and
    service (columns), every year of the horizon present."""
    opened = plan.projects[plan.projects["open_year"].notna()]
    years = [str(y) for y in sorted(plan.years["year"].unique())]
    if opened.empty:
        return pd.DataFrame(index=years)
    table = opened.assign(
        year=opened["open_year"].astype(int).astype(str),
        service=opened["service"].map(lambda s: _service(s, catalogue, lang)),
    ).pivot_table(index="year", columns="service", values="places", aggfunc="sum")
    return table.reindex(years).fillna(0.0)


def branches_frame(plan: PhasedPlan, lang: str, result: ScenarioResult | None = None,
                   catalogue: Catalogue | None = None) -> pd.DataFrame:
    """The branches the plan's persons name: the closure year and, when it stays open, why
    (after the residents and those the plan houses, before the years: a wide table shows its
    first columns); with the plan's ``result`` the reasons of a closure next
    (:func:`planning.domain.phasing.branch_homes`): the investment in its residents' new
    homes per person the plan houses (``investment_per_person_eur``, whole euros) and the
    mean km from their home municipality to those homes (``km_mean``, empty when no flow
    carries them); then the residents at the end of each year."""
    years = [c for c in plan.branches.columns if isinstance(c, int)]
    named = plan.branches[plan.branches["placed_in_plan"] > 0]
    institutions = priorities.institutions()
    out = pd.DataFrame({
        "institution": named["branch"].map(lambda b: institutions.get(b, (b, ""))[0]),
        "residents": named["residents"], "placed_in_plan": named["placed_in_plan"].round(0),
        "closure_year": named["closure_year"],
        "reason": [_reason(row, lang) for _, row in named.iterrows()],
    })
    if result is not None:
        homes = branch_homes(result, catalogue).set_index("branch")
        invested = named["branch"].map(homes["investment_eur"]).fillna(0.0).astype(float)
        out = out.assign(
            investment_per_person_eur=(invested / named["placed_in_plan"]).round(0),
            km_mean=named["branch"].map(homes["km_mean"]).astype(float).round(1))
    out = out.assign(**{str(y): named[y].round(0) for y in years})
    return out.reset_index(drop=True)


def named_branches(result: ScenarioResult) -> dict[str, str]:
    """Branch id -> name for the institutions the scenario's persons leave by name
    (``leavers.<institution>``), in the order they come."""
    institutions = priorities.institutions()
    out: dict[str, str] = {}
    for cid in result.solution.persons["priority"].astype(str):
        base, iid = priorities.split(cid)
        if base == LEAVERS and iid and iid not in out:
            out[iid] = institutions.get(iid, (iid, ""))[0]
    return out


def unnamed_branches(plan: PhasedPlan) -> int:
    """Branches of the plan's regions that no person of the plan is named by."""
    return int((plan.branches["placed_in_plan"] <= 0).sum())


def _service(sid: str, catalogue: Catalogue, lang: str) -> str:
    return catalogue.services[sid].name(lang) if sid in catalogue.services else sid


def _reason(row: pd.Series, lang: str) -> str:
    if not row["reason"]:
        return ""
    return i18n.t(f"phasing.reason.{row['reason']}", lang,
                  placed=i18n.fmt_int(row["placed_in_plan"], lang),
                  residents=i18n.fmt_int(row["residents"], lang))
