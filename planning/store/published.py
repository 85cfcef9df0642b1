"""What each role sees of regional plans: the plans open to it, a version's new places
(counts 1-4 suppressed for those who may not see details), their map, municipal responses.

Pages draw these; permission checks happen in the functions called here
(:mod:`planning.store.scenario`, :mod:`planning.store.consultation`) and suppression in
:mod:`planning.domain.privacy`, so what a page shows is what its actor may see.

>>> plans = visible_plans(session=session, actor=PUBLIC)            # doctest: +SKIP
>>> table = allocations(session=session, actor=PUBLIC, scenario_id=plans[0].scenario_id,
...                     number=plans[0].version)                      # doctest: +SKIP
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import folium
import geopandas as gpd
import pandas as pd
from sqlmodel import Session

from optimizer.errors import InputError as OptimizerInputError
from optimizer.problem import ProblemInput
from optimizer.solution import Solution
from planning import i18n
from planning.domain import geo, results
from planning.domain import public_plan as public_view
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.errors import PermissionDenied
from planning.domain.inputs import ScenarioInputs
from planning.domain.public_plan import PublicPlan
from planning.domain.public_plan import public_plan as protect_plan
from planning.domain.roles import Action, Actor, Role, can, visible_versions
from planning.store import audit, consultation, suppression
from planning.store.scenario import (
    get_version,
    list_scenarios,
    list_versions,
    newest_result,
    scenario_row,
    version_row,
)
from planning.store.tables import (
    AuditEvent,
    Response,
    Scenario,
    ScenarioVersion,
    Status,
    StoredResult,
)
from planning.views import maps

ALLOCATION_COLUMNS = ["atvk_code", "municipality", "service_id", "service", "new_places",
                      "new_facilities"]
# Shades of the allocation map by new facilities (not a count of persons, so never hidden).
FACILITY_PALETTE = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")


@dataclass(frozen=True)
class PlanView:
    """One regional plan as a reader sees it: the published or approved version shown."""

    scenario_id: int
    name: str
    region: str
    division: str
    version: int
    status: str
    start: date | None
    end: date | None
    open_for_comments: bool
    reason: str | None
    consulted: int | None = None  # the version put to (the latest) consultation

    def label(self, lang: str) -> str:
        """'Name — Region, version 2 (status)' for a plan selector (plain text)."""
        status = i18n.t(f"plan.status.{self.status}", lang)
        return (f"{self.name} — {i18n.region_name(self.region, lang)}, "
                f"{i18n.t('plan.version', lang, n=self.version)} ({status})")


def shown_version(actor: Actor, scenario: Scenario, today: date | None = None) -> int | None:
    """The newest published or approved version of ``scenario`` that ``actor`` may read."""
    numbers = {n for n in (scenario.approved_version, scenario.published_version)
               if n is not None}
    visible = visible_versions(actor, scenario, today)
    if visible is not None:
        numbers &= visible
    return max(numbers, default=None)


def visible_plans(*, session: Session, actor: Actor, today: date | None = None,
                  region: str | None = None) -> list[PlanView]:
    """Regional plans with a published or approved version ``actor`` may read: for the
    public, those in their consultation period and approved ones."""
    out = []
    for s in list_scenarios(session=session, actor=actor, region=region, national=False):
        number = shown_version(actor, s, today)
        if number is None:
            continue
        version = version_row(session, s, number)
        out.append(PlanView(
            scenario_id=s.id, name=s.name, region=s.region, division=s.division,
            version=number, status=version.status, start=version.consultation_start,
            end=version.consultation_end,
            open_for_comments=number == s.published_version and can(
                actor, Action.COMMENT, s, today=today),
            reason=version.status_reason, consulted=s.published_version))
    return out


def regional_plans(*, session: Session, actor: Actor) -> list[PlanView]:
    """Every regional scenario ``actor`` may read, at its submitted version if one waits
    for approval, else its current one (the ministry's and the groups' overview)."""
    return [_at_version(session, s, s.submitted_version or s.current_version)
            for s in list_scenarios(session=session, actor=actor, national=False)]


def managed_plans(*, session: Session, actor: Actor) -> list[PlanView]:
    """The regional plans ``actor`` manages (publishes, moderates), at their current version."""
    return [_at_version(session, s, s.current_version)
            for s in list_scenarios(session=session, actor=actor, national=False)
            if can(actor, Action.PUBLISH, s)]


def _at_version(session: Session, s: Scenario, number: int) -> PlanView:
    version = version_row(session, s, number)
    return PlanView(scenario_id=s.id, name=s.name, region=s.region, division=s.division,
                    version=number, status=version.status, start=version.consultation_start,
                    end=version.consultation_end, open_for_comments=False,
                    reason=version.status_reason, consulted=s.published_version)


def last_decision(*, session: Session, actor: Actor, scenario_id: int) -> ScenarioVersion | None:
    """The newest version the ministry approved or returned (its reason is the ministry's
    word to the group), or None."""
    for version in list_versions(session=session, actor=actor, scenario_id=scenario_id):
        if version.status in (Status.APPROVED, Status.RETURNED):
            return version
    return None


def region_label(region: str | None, lang: str = i18n.DEFAULT_LANG) -> str:
    return i18n.region_name(region, lang)


def plans_frame(plans: Sequence[PlanView], lang: str) -> pd.DataFrame:
    """The plans as a table (ids as columns; dates in local format)."""
    return pd.DataFrame(
        [{"plan": p.name, "region": i18n.region_name(p.region, lang), "version": p.version,
          "status": i18n.t(f"plan.status.{p.status}", lang),
          "start": i18n.fmt_date(p.start, lang) if p.start else "",
          "end": i18n.fmt_date(p.end, lang) if p.end else ""} for p in plans],
        columns=["plan", "region", "version", "status", "start", "end"])


def _stored(session: Session, actor: Actor, scenario_id: int, number: int | None
            ) -> tuple[Scenario, ScenarioVersion, StoredResult | None]:
    """The scenario, the version ``actor`` may read (raw: for this module only) and its
    newest result."""
    seen = get_version(session=session, actor=actor, scenario_id=scenario_id, number=number)
    scenario = scenario_row(session, scenario_id)
    version = version_row(session, scenario, seen.number)
    return scenario, version, newest_result(session, version)


def _parsed(name: str, version: ScenarioVersion, stored: StoredResult
            ) -> results.ScenarioResult:
    return results.ScenarioResult(name, ScenarioInputs.from_json(version.inputs_json),
                                  Solution.from_dict(json.loads(stored.solution_json)))


@functools.lru_cache(maxsize=32)
def _figures(name: str, inputs_json: str, solution_json: str, problem_json: str
             ) -> tuple[results.ScenarioResult, ProblemInput | None, str]:
    """One stored result read, the problem it solved and its suppression key (a stored
    result never changes)."""
    result = results.ScenarioResult(name, ScenarioInputs.from_json(inputs_json),
                                    Solution.from_dict(json.loads(solution_json)))
    problem = _solved_problem(problem_json)
    return result, problem, public_view.suppression_key(result, problem)


@functools.lru_cache(maxsize=32)
def _protected(name: str, inputs_json: str, solution_json: str, problem_json: str,
               meta: tuple, hidden: frozenset) -> PublicPlan:
    """The public view of one stored result with its kept suppression, linked by the norms
    of the problem it solved."""
    result, problem, _ = _figures(name, inputs_json, solution_json, problem_json)
    return protect_plan(result, problem=problem, meta=dict(meta), hidden=hidden)


def _hidden(session: Session, result: results.ScenarioResult, problem: ProblemInput | None,
            key: str) -> frozenset:
    """The kept suppression of a result, chosen now (with the map page's kept one) if none
    is kept yet."""
    def choose() -> frozenset:
        suppression.protected_map(session, result.inputs.division)
        return public_view.suppression(result, problem=problem)
    return suppression.kept(session, key, choose)


def _solved_problem(problem_json: str) -> ProblemInput | None:
    """The problem a stored result solved, or None where none was stored (or it no longer
    reads): the view then follows the version's inputs and checks that the figures fit."""
    try:
        data = json.loads(problem_json or "{}")
        return ProblemInput.from_dict(data) if data else None
    except (ValueError, TypeError, KeyError, OptimizerInputError):
        return None


def public_plan(*, session: Session, actor: Actor, scenario_id: int,
                number: int | None = None) -> PublicPlan | None:
    """The plan of a version ``actor`` may read (default: the newest one), as the public
    may see it (:mod:`planning.domain.public_plan`); None when the version has no result.
    Raises :class:`planning.domain.errors.FiguresOutdated` when the stored result does not
    fit its version (pages say the plan's figures are being updated).

    Anyone who may read the version may call this; those who may see details get the same
    view (e.g. to check what the public will see)."""
    scenario, version, stored = _stored(session, actor, scenario_id, number)
    if stored is None:
        return None
    inputs = ScenarioInputs.from_json(version.inputs_json)
    meta = (("scenario", scenario.name), ("scenario_id", scenario.id),
            ("version", version.number), ("status", version.status),
            ("preset", inputs.preset), ("cost_contingency", inputs.cost_contingency),
            ("solver", stored.solver), ("solver_status", stored.status),
            ("computed", stored.created_at.isoformat()))
    figures = (scenario.name, version.inputs_json, stored.solution_json, stored.problem_json)
    result, problem, key = _figures(*figures)
    return _protected(*figures, meta, _hidden(session, result, problem, key))


def has_result(*, session: Session, actor: Actor, scenario_id: int, number: int) -> bool:
    """Whether a version ``actor`` may read has a stored result (no figures)."""
    return _stored(session, actor, scenario_id, number)[2] is not None


def version_result(*, session: Session, actor: Actor, scenario_id: int,
                   number: int) -> results.ScenarioResult | None:
    """The whole newest result of version ``number`` for those who may see details (the
    ministry's review), or None without a result."""
    scenario, version, stored = _stored(session, actor, scenario_id, number)
    if not can(actor, Action.VIEW_DETAIL, scenario):
        raise PermissionDenied(f"{actor.describe()} may not see the whole result")
    return None if stored is None else _parsed(scenario.name, version, stored)


def service_names(lang: str = i18n.DEFAULT_LANG,
                  catalogue: Catalogue | None = None) -> dict[str, str]:
    """Service id -> display name in ``lang``."""
    return {s: v.name(lang) for s, v in (catalogue or load_catalogue()).services.items()}


def allocations(*, session: Session, actor: Actor, scenario_id: int, number: int | None = None,
                lang: str = i18n.DEFAULT_LANG,
                catalogue: Catalogue | None = None) -> pd.DataFrame | None:
    """New places and facilities per municipality and service of a version's newest result,
    as ``actor`` may see them; None when the version has no result. Those who may see
    details get every figure; everyone else the protected public view
    (:func:`public_plan`), and a municipality its own rows in full besides.

    Columns: ``ALLOCATION_COLUMNS`` (``service`` is the display name, ``service_id`` the id).
    Money and staff are left out: they are computed from the places and would reveal them.
    """
    scenario, version, stored = _stored(session, actor, scenario_id, number)
    if stored is None:
        return None
    result = _parsed(scenario.name, version, stored)
    cat = result.inputs.catalogue(catalogue or load_catalogue())
    places = results.places_by_municipality_service(result)
    raw = pd.DataFrame({
        "atvk_code": places["atvk_code"].to_numpy(),
        "service_id": places["service"].to_numpy(),
        "new_places": places["new_places"].astype(int).to_numpy(),
        "new_facilities": places["new_facilities"].astype(int).to_numpy(),
    })
    if not can(actor, Action.VIEW_DETAIL, scenario):
        shown = public_plan(session=session, actor=actor, scenario_id=scenario_id,
                            number=version.number).places.rename(
                                columns={"service": "service_id"})
        if actor.role == Role.MUNICIPALITY:
            own = raw["atvk_code"] == actor.municipality_code
            shown = pd.concat([shown[shown["atvk_code"] != actor.municipality_code],
                               raw[own]], ignore_index=True)
        raw = shown
    names = geo.municipalities(result.inputs.division).set_index("atvk_code")[
        "name_en" if lang == "en" else "name_lv"]
    frame = raw.assign(municipality=raw["atvk_code"].map(names),
                       service=raw["service_id"].map(lambda s: cat.services[s].name(lang)))
    frame = frame[frame["new_places"].map(lambda v: isinstance(v, str) or v > 0)]
    return frame[ALLOCATION_COLUMNS].sort_values(["municipality", "service"],
                                                 ignore_index=True)


def key_figures(table: pd.DataFrame) -> dict[str, object]:
    """New places (withheld as None if a part is hidden), new facilities, municipalities."""
    hidden = table["new_places"].map(lambda v: isinstance(v, str)).any()
    return {
        "new_places": None if hidden else int(table["new_places"].sum()),
        "new_facilities": int(table["new_facilities"].sum()),
        "municipalities": int(table["atvk_code"].nunique()),
    }


# ---------------------------------------------------------------------- municipality
def own_allocations(*, session: Session, actor: Actor, scenario_id: int, number: int,
                    lang: str = i18n.DEFAULT_LANG) -> pd.DataFrame:
    """The actor's municipality's rows of :func:`allocations`, and a row (0 new places) for
    every other service its residents need, with the need, the unmet part and the
    municipality's responses so far (``response``: confirmed/disputed/None, ``comment``).
    The municipality sees its own counts in full (``privacy.for_actor``)."""
    if actor.role != Role.MUNICIPALITY:
        raise PermissionDenied(
            f"{actor.describe()} is not a municipality; only municipalities respond")
    code = actor.municipality_code
    table = allocations(session=session, actor=actor, scenario_id=scenario_id, number=number,
                        lang=lang)
    if table is None:
        table = pd.DataFrame(columns=ALLOCATION_COLUMNS)
    own = table[table["atvk_code"] == code].reset_index(drop=True)
    seen = get_version(session=session, actor=actor, scenario_id=scenario_id, number=number)
    version = version_row(session, scenario_row(session, scenario_id), seen.number)
    need, unmet = _own_need(session, actor, scenario_id, version, code)
    names = service_names(lang)
    missing = [s for s in sorted(need) if s not in set(own["service_id"])]
    extra = pd.DataFrame([{"atvk_code": code, "municipality": municipality_name(code, lang),
                           "service_id": s, "service": names.get(s, s), "existing_places": 0,
                           "new_places": 0, "new_facilities": 0} for s in missing],
                         columns=ALLOCATION_COLUMNS)
    own = pd.concat([own, extra], ignore_index=True) if len(extra) else own
    own["need"] = [int(round(need.get(s, 0))) for s in own["service_id"]]
    own["unmet"] = [int(round(unmet.get(s, 0))) for s in own["service_id"]]
    answers = {r.service: r for r in consultation.allocation_responses(
        session=session, actor=actor, scenario_id=scenario_id, number=number)}
    own["response"] = [answers[s].status if s in answers else None for s in own["service_id"]]
    own["comment"] = [answers[s].comment if s in answers else "" for s in own["service_id"]]
    return own


def _own_need(session: Session, actor: Actor, scenario_id: int, version: ScenarioVersion,
              code: str | None) -> tuple[dict[str, float], dict[str, float]]:
    """Need and unmet need of municipality ``code``'s residents per service."""
    need: dict[str, float] = {}
    for row in ScenarioInputs.from_json(version.inputs_json).needs:
        if row[0] == code and row[4]:
            need[row[3]] = need.get(row[3], 0) + row[4]
    unmet: dict[str, float] = {}
    stored = newest_result(session, version)  # only the municipality's own rows are read
    for row in (json.loads(stored.solution_json) if stored else {}).get("unmet", []):
        if row["municipality"] == code:
            unmet[row["service"]] = unmet.get(row["service"], 0) + row["unmet"]
    return need, unmet


def response_label(status: object, lang: str) -> str:
    """'confirmed'/'disputed' in ``lang``; anything else (None, NaN) is 'no response'."""
    if isinstance(status, str) and status:
        return i18n.t(f"response.{Response(status).value}", lang)
    return i18n.t("response.none", lang)


# ---------------------------------------------------------------------- audit
def audited_scenarios(*, session: Session, actor: Actor) -> list[Scenario]:
    """Scenarios whose audit trail ``actor`` may read."""
    return [s for s in list_scenarios(session=session, actor=actor)
            if can(actor, Action.VIEW_AUDIT, s)]


def audit_frame(events: Sequence[AuditEvent], lang: str = i18n.DEFAULT_LANG) -> pd.DataFrame:
    """Audit events for display: role names in ``lang``, record as 'entity #id', before and
    after as compact JSON text (shown as text, never rendered)."""
    frame = audit.events_frame(list(events))
    return frame.assign(
        role=frame["role"].map(lambda r: i18n.t(f"role.{r}", lang) if i18n.has(f"role.{r}")
                               else r),
        entity=[f"{e} #{i}" for e, i in zip(frame["entity"], frame["entity_id"], strict=True)],
        before=frame["before"].map(_json_text), after=frame["after"].map(_json_text))


def _json_text(value: object) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


# ---------------------------------------------------------------------- map
def allocation_layer(table: pd.DataFrame, *, division: str, region: str | None,
                     lang: str = i18n.DEFAULT_LANG, source: str = "amcharts",
                     simplify: float = 0.001) -> gpd.GeoDataFrame:
    """Municipality polygons with the new facilities of ``table`` (``value``, to shade by)
    and a ``tip`` listing places per service exactly as ``table`` shows them (so already
    suppressed for the public: a tooltip never shows a count the table hides).

    No municipality total of places is given: with a hidden part beside it, a total would
    reveal that part.
    """
    gdf = geo.boundaries(division, source)[["atvk_code", "name_lv", "name_en",
                                            "planning_region", "geometry"]].copy()
    gdf["name"] = gdf["name_en" if lang == "en" else "name_lv"]
    gdf["in_region"] = True if region is None else gdf["planning_region"] == region
    parts = dict(tuple(table.groupby("atvk_code")))
    gdf["value"] = [int(parts[c]["new_facilities"].sum()) if c in parts else 0
                    for c in gdf["atvk_code"]]
    gdf["tip"] = [_tip(name, parts.get(code), lang)
                  for code, name in zip(gdf["atvk_code"], gdf["name"], strict=True)]
    if simplify:
        gdf["geometry"] = gdf.geometry.simplify(simplify, preserve_topology=True)
    return gpd.GeoDataFrame(gdf.drop(columns=["name_lv", "name_en"]), geometry="geometry",
                            crs=4326)


def _tip(name: str, rows: pd.DataFrame | None, lang: str) -> str:
    esc = html.escape
    head = f'<div class="di-tip"><b>{esc(str(name))}</b><br>'
    if rows is None or rows.empty:
        return f"{head}{esc(i18n.t('tip.new_places', lang))}: 0</div>"
    header = (f"<tr><td></td><td>{esc(i18n.t('col.new_places', lang))}</td>"
              f"<td>{esc(i18n.t('col.new_facilities', lang))}</td></tr>")
    cells = "".join(
        f"<tr><td>{esc(str(r.service))}</td><td><b>{esc(_count(r.new_places, lang))}</b></td>"
        f"<td>{esc(_count(r.new_facilities, lang))}</td></tr>" for r in rows.itertuples())
    return f"{head}<table>{header}{cells}</table></div>"


def _count(value: object, lang: str) -> str:
    return value if isinstance(value, str) else i18n.fmt_int(value, lang)


def allocation_map(layer: gpd.GeoDataFrame, *, attribution: str,
                   lang: str = i18n.DEFAULT_LANG, illustrative: bool = True) -> folium.Map:
    """Municipalities shaded by new facilities; tooltips from :func:`allocation_layer`."""
    inside = layer[layer["in_region"]]
    breaks = maps.class_breaks(inside["value"].tolist(), k=len(FACILITY_PALETTE))
    data = layer.assign(fill=[
        maps.color_for(v, breaks, FACILITY_PALETTE) if ok else maps.OUTSIDE_FILL
        for v, ok in zip(layer["value"], layer["in_region"], strict=True)])
    m = maps.base_map(attribution=attribution, bounds=_bounds(inside if len(inside) else layer))
    folium.GeoJson(
        data[["atvk_code", "fill", "tip", "in_region", "geometry"]].to_json(),
        name=i18n.t("legend.new_facilities", lang),
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "fillOpacity": 0.85,
                                  "color": "#ffffff", "weight": 0.8},
        highlight_function=lambda f: {"weight": 2.5, "color": "#111827"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(m)
    maps.add_legend(m, _legend(breaks, lang, illustrative))
    return m


def _bounds(gdf: gpd.GeoDataFrame) -> list[list[float]]:
    west, south, east, north = gdf.total_bounds
    return [[south, west], [north, east]]


def _legend(breaks: Sequence[int], lang: str, illustrative: bool) -> str:
    esc = html.escape
    offset = len(FACILITY_PALETTE) - len(breaks)
    rows = [(FACILITY_PALETTE[offset + i], label)
            for i, label in enumerate(maps.class_labels(breaks, lang))]
    rows.append((maps.NO_NEED_FILL, "0"))
    body = "".join(f'<div class="row"><span class="sw" style="background:{color}"></span>'
                   f"{esc(label)}</div>" for color, label in rows)
    badge = (f'<span class="badge">{esc(i18n.t("legend.illustrative", lang))}</span>'
             if illustrative else "")
    return (f'<div class="di-legend"><details open><summary>'
            f'{esc(i18n.t("legend.new_facilities", lang))}</summary>{body}</details>'
            f"{badge}</div>")


def municipality_name(code: str | None, lang: str = i18n.DEFAULT_LANG) -> str:
    """The display name of an ATVK code of either administrative division (else the code)."""
    for division in geo.DIVISIONS:
        facts = geo.municipalities(division)
        match = facts.loc[facts["atvk_code"] == code]
        if not match.empty:
            return str(match.iloc[0]["name_en" if lang == "en" else "name_lv"])
    return str(code or "")
