"""Tables of the plan-evaluation page: the given plan to edit, and its evaluation.

Pure functions (no Streamlit). The plan editor shows names, not codes
(:func:`plan_editor_frame`); :func:`plan_from_editor` turns the edited table back into
``ScenarioInputs`` without validating them, so the page can name every bad cell with
``ScenarioInputs.problems()``. The evaluation tables label a
``planning.domain.evaluation.PlanEvaluation`` in the reader's language.

>>> from planning.domain.inputs import default_inputs
>>> from planning.domain.catalogue import load_catalogue
>>> inputs = default_inputs("Kurzeme")
>>> frame = plan_editor_frame(inputs, load_catalogue(), "lv")
>>> frame.loc[len(frame)] = ["Liepāja", "Jauniešu māja", 8, 1, None]
>>> plan_from_editor(inputs, frame, load_catalogue(), "lv").given_plan
(('0005000', 'youth_house', 8, 1, None),)
"""

from __future__ import annotations

import pandas as pd

from planning import i18n
from planning.domain import geo
from planning.domain.catalogue import Catalogue
from planning.domain.evaluation import FIGURES, PlanEvaluation
from planning.domain.inputs import InvalidValue, ScenarioInputs

EDITOR_COLUMNS = ["municipality", "service", "places", "facilities", "investment_eur"]
MONEY_FIGURES = ("investment_eur", "erdf_eur", "cofinancing_eur", "running_eur_per_year")


def municipality_names(inputs: ScenarioInputs) -> dict[str, str]:
    """Code -> Latvian name of the scenario's municipalities."""
    munis = geo.municipalities(inputs.division)
    if inputs.region:
        munis = munis[munis["planning_region"] == inputs.region]
    return dict(zip(munis["atvk_code"], munis["name_lv"], strict=True))


def service_names(catalogue: Catalogue, lang: str) -> dict[str, str]:
    return {sid: s.name(lang) for sid, s in catalogue.services.items()}


def plan_editor_frame(inputs: ScenarioInputs, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """The given plan by names: municipality, service, places, facilities, investment."""
    names, services = municipality_names(inputs), service_names(catalogue, lang)
    plan = inputs.given_plan_frame()
    return pd.DataFrame({
        "municipality": plan["atvk_code"].map(names),
        "service": plan["service"].map(services),
        "places": plan["places"].astype("Int64"),
        "facilities": plan["facilities"].astype("Int64"),
        "investment_eur": plan["investment_eur"].astype(float),
    }, columns=EDITOR_COLUMNS)


def plan_from_editor(inputs: ScenarioInputs, frame: pd.DataFrame, catalogue: Catalogue,
                     lang: str) -> ScenarioInputs:
    """The inputs with the edited plan; a name that matches nothing is kept as typed (so
    ``problems()`` names it), empty rows are dropped, empty numbers count as 0."""
    codes = {name: code for code, name in municipality_names(inputs).items()}
    sids = {name: sid for sid, name in service_names(catalogue, lang).items()}
    rows = []
    for r in frame.itertuples(index=False):
        if _blank(r.municipality) and _blank(r.service):
            continue
        rows.append((codes.get(r.municipality, str(r.municipality)),
                     sids.get(r.service, str(r.service)), _whole(r.places),
                     _whole(r.facilities), None if _blank(r.investment_eur)
                     else float(r.investment_eur)))
    return ScenarioInputs.from_dict({**inputs.to_dict(), "given_plan": [list(r) for r in rows]})


def plan_size(inputs: ScenarioInputs) -> tuple[int, int]:
    """The given plan's rows and places."""
    return len(inputs.given_plan), sum(row[2] for row in inputs.given_plan)


def plan_problems(inputs: ScenarioInputs, catalogue: Catalogue) -> list[InvalidValue]:
    """What is wrong with the given plan (the inputs' other problems are the editor's)."""
    return [p for p in inputs.problems(catalogue) if p.section == "plan"]


def below_viable(ev: PlanEvaluation) -> int:
    """Sites of the given plan too little used to be viable."""
    return int((~ev.sites["viable"]).sum())


def change_summary(ev: PlanEvaluation) -> dict[str, int] | None:
    """The smallest change in figures: places ``added``, ``removed`` and ``moved``, persons
    ``gained`` (served more, whole); None when the plan needs no change."""
    c = ev.change
    if c is None:
        return None
    gained = ev.given.totals["unserved_persons"] - c.solution.totals["unserved_persons"]
    return {"added": c.added, "removed": c.removed, "moved": c.moved, "gained": round(gained)}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA \
        or value == ""


def _whole(value: object) -> int:
    return 0 if _blank(value) else int(value)


def figures_frame(ev: PlanEvaluation, lang: str) -> pd.DataFrame:
    """The key figures side by side, labelled and formatted in ``lang``."""
    figures = ev.figures()
    out = pd.DataFrame({"figure": [i18n.t(f"eval.figure.{name}", lang) for name in FIGURES]})
    for column in figures.columns:
        out[i18n.t(f"eval.column.{column}", lang)] = [
            _value(name, figures.at[name, column], lang) for name in FIGURES]
    return out.rename(columns={"figure": i18n.t("eval.column.figure", lang)})


def _value(name: str, value: float, lang: str) -> str:
    if name in MONEY_FIGURES:
        return i18n.fmt_eur(value, lang)
    if name == "mean_km_per_client":
        return i18n.fmt_number(value, lang, 1)
    return i18n.fmt_number(value, lang)


def sites_frame(ev: PlanEvaluation, inputs: ScenarioInputs, catalogue: Catalogue,
                lang: str) -> pd.DataFrame:
    """The plan's sites: size against the service's range, clients, occupancy, money."""
    names, services = municipality_names(inputs), service_names(catalogue, lang)
    s = ev.sites
    return pd.DataFrame({
        "municipality": s["municipality"].map(names),
        "service": s["service"].map(services),
        "places": s["places"], "facilities": s["facilities"],
        "places_per_facility": s["places_per_facility"].round(1),
        "size_range": [f"{lo}–{hi}" for lo, hi in zip(s["min_places"], s["max_places"],
                                                      strict=True)],
        "size_ok": s["size_ok"], "clients": s["clients"].round(1),
        "occupancy": s["occupancy"], "viable": s["viable"],
        "investment_stated_eur": s["investment_stated_eur"],
        "investment_norm_eur": s["investment_norm_eur"].round(0),
    })


def budget_frame(ev: PlanEvaluation, lang: str) -> pd.DataFrame:
    b = ev.budget
    return pd.DataFrame({
        "region": b["region"].map(lambda r: i18n.region_name(r, lang)),
        "budget_eur": b["budget_eur"].round(0), "plan_norm_eur": b["plan_norm_eur"].round(0),
        "plan_stated_eur": b["plan_stated_eur"], "investment_share_used": b["share_used"],
        "money_eur": b["money_eur"].round(0),
    })


def unmet_cause_frame(ev: PlanEvaluation, lang: str) -> pd.DataFrame:
    """Unmet need of the given plan by cause."""
    unmet = ev.given.unmet
    by_cause = unmet.groupby("cause")["unmet"].sum().reset_index()
    return pd.DataFrame({
        "cause": by_cause["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c)),
        "unmet": by_cause["unmet"].round(1),
    })


def change_frame(ev: PlanEvaluation, inputs: ScenarioInputs, catalogue: Catalogue,
                 lang: str) -> pd.DataFrame:
    """The smallest change, one row per changed site (empty when none is needed)."""
    if ev.change is None:
        return pd.DataFrame(columns=["municipality", "service", "places_before",
                                     "places_after", "facilities_before", "facilities_after"])
    names, services = municipality_names(inputs), service_names(catalogue, lang)
    c = ev.change.changes.copy()
    c["municipality"] = c["municipality"].map(names)
    c["service"] = c["service"].map(services)
    return c
