"""Results of a scenario version: the map (coverage, new places, flows home -> site), tables
per municipality and service, budget use, unmet need by cause, institutions, the
optimizer's explanation, and downloads (workbook, CSV, GeoJSON, PDF report)."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from optimizer import explain
from pages import _lifecycle as shared
from pages import _plan as plan
from pages import _shared as ui
from planning import i18n
from planning.domain import geo, results
from planning.domain.public_plan import PublicPlan
from planning.domain.roles import Action, can
from planning.io import exports, report, report_docx
from planning.store import consultation, published, review, scenario
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views


@st.cache_data(show_spinner=False, max_entries=8)
def binding(result_id: int, _problem_json: str, _solution_json: str
            ) -> explain.Explanation | None:
    """What binds in the stored result ``result_id`` (it keys the cache; the JSON, underscored,
    is not hashed on every rerun)."""
    return plan_views.binding_from_json(_problem_json, _solution_json)


@st.cache_data(show_spinner=False, max_entries=8)
def explanation(result_id: int, _problem_json: str, _solution_json: str) -> explain.Explanation:
    """The whole explanation of the stored result ``result_id`` (it keys the cache)."""
    return plan_views.explanation_from_json(_problem_json, _solution_json)


def pick_version(chosen: Scenario, lang: str):
    """The version to show (newest with a result by default) and its newest result."""
    with ui.db_session() as session:
        versions = scenario.list_versions(session=session, actor=plan.actor(),
                                          scenario_id=chosen.id)
        ran = {v.number: r for v in versions if (r := scenario.latest_result(
            session=session, actor=plan.actor(), scenario_id=chosen.id, number=v.number))}
    if not ran:
        st.info(ui.tr("results.none"), icon=":material/info:")
        ui.page_link("pages/run.py", ui.tr("results.go_run"), ":material/play_arrow:")
        return None, None
    numbers = sorted(ran, reverse=True)
    number = st.selectbox(ui.tr("results.version"), numbers, key="results_version",
                          format_func=lambda n: ui.tr("results.version_label", number=n,
                                                      when=i18n.fmt_datetime(
                                                          ran[n].created_at, lang)))
    if number != chosen.current_version:
        st.caption(ui.tr("results.not_current", number=number, current=chosen.current_version))
    return next(v for v in versions if v.number == number), ran[number]


def metrics(result: results.ScenarioResult, lang: str) -> None:
    need, served, label = results.headline_need(result.solution.totals)
    totals = result.solution.totals
    figures = [
        (label, i18n.fmt_int(need, lang)),
        ("results.coverage", i18n.fmt_pct(served / need if need else None, lang)),
        ("results.new_places", i18n.fmt_int(totals["new_places"], lang)),
        ("results.facilities", i18n.fmt_int(totals["new_facilities"], lang)),
        ("results.investment", i18n.fmt_meur(totals["investment_eur"], lang)),
        ("results.running", i18n.fmt_meur(totals["running_eur_per_year"], lang)),
        ("results.mentors", i18n.fmt_int(totals["mentors"], lang)),
        ("results.distance", i18n.fmt_number(totals["mean_km_per_client"], lang, 1) + " km"),
    ]
    for start in (0, 4):
        row = figures[start:start + 4]
        for col, (key, value) in zip(st.columns(4), row, strict=True):
            col.metric(ui.tr(key), value, border=True)


def persons(result: results.ScenarioResult, lang: str) -> None:
    """Who is served: persons per priority class and per package, and why the unserved are."""
    cat = ui.catalogue()
    st.subheader(ui.tr("results.persons"), divider="gray")
    if result.solution.persons.empty:
        st.caption(ui.tr("results.no_persons"))
        return
    st.caption(ui.tr("results.persons_note",
                     priorities=plan_views.priority_text(
                         results.plan_rules(result.inputs, cat), cat, lang)))
    st.markdown(f"**{ui.tr('results.persons_by_class')}**")
    ui.table(plan_views.persons_class_frame(result, cat, lang), key="results_persons_class")
    st.markdown(f"**{ui.tr('results.persons_by_package')}**")
    ui.table(plan_views.persons_package_frame(result, cat, lang),
             key="results_persons_package")
    st.markdown(f"**{ui.tr('results.persons_by_cause')}**")
    causes = plan_views.unserved_cause_frame(result, lang)
    if causes.empty:
        st.success(ui.tr("results.all_served"), icon=":material/check:")
    else:
        ui.table(causes, key="results_persons_cause")


def tables(result: results.ScenarioResult, lang: str) -> None:
    cat = ui.catalogue()
    tabs = st.tabs([ui.tr(f"results.tab.{t}") for t in
                    ("municipalities", "places", "budget", "unmet", "institutions")])
    with tabs[0]:
        st.caption(ui.tr("results.eligible_note"))
        ui.table(plan_views.municipalities_frame(result, lang), key="results_municipalities")
    with tabs[1]:
        ui.table(plan_views.facilities_frame(result, cat, lang), key="results_facilities")
        ui.table(plan_views.places_frame(result, cat, lang), key="results_places")
    with tabs[2]:
        ui.table(plan_views.budget_frame(result, lang), key="results_budget")
    with tabs[3]:
        causes = plan_views.unmet_cause_frame(result, lang)
        if causes.empty:
            st.success(ui.tr("results.all_met"), icon=":material/check:")
        else:
            ui.table(causes, key="results_unmet_causes")
            ui.table(plan_views.unmet_frame(result, cat, lang), key="results_unmet")
    with tabs[4]:
        st.caption(ui.tr("results.institutions_note"))
        ui.table(plan_views.institutions_frame(result, lang), key="results_institutions")


def responses(chosen: Scenario, version) -> None:
    """The municipalities' answers to a version they could see (published or later)."""
    if version.status == "draft" or not can(plan.actor(), Action.VIEW_DETAIL, chosen):
        return
    with ui.db_session() as session:
        summary = review.response_summary(session=session, actor=plan.actor(),
                                          scenario_id=chosen.id, number=version.number,
                                          lang=ui.lang())
    shared.responses(summary, key="results_responses")


def why(row, solution_json: str, lang: str) -> None:
    st.subheader(ui.tr("results.why"), divider="gray")
    binds = binding(row.id, row.problem_json, solution_json)
    if binds is None:
        st.caption(ui.tr("results.no_problem"))
        return
    lines = plan_views.explanation_lines(binds, lang, ui.catalogue())
    for line in lines or [ui.tr("results.nothing_binds")]:
        st.markdown(f"- {line}")
    if st.toggle(ui.tr("results.more_money"), key="results_more_money",
                 help=ui.tr("results.more_money_help")):
        with st.spinner(ui.tr("results.explaining")):
            full = explanation(row.id, row.problem_json, solution_json)
        for line in plan_views.explanation_lines(
                explain.Explanation(next_money=full.next_money, place_values=full.place_values,
                                    staff_values=full.staff_values, family=full.family),
                lang, ui.catalogue()):
            st.markdown(f"- {line}")


def downloads(chosen: Scenario, number: int, doc: exports.Plan | PublicPlan,
              lang: str) -> None:
    stem = f"{chosen.name}_v{number}".replace(" ", "_")
    with ui.db_session() as session:
        record = consultation.latest_record(session=session, actor=plan.actor(),
                                            scenario_id=chosen.id)
    st.subheader(ui.tr("results.downloads"), divider="gray")
    if isinstance(doc, PublicPlan):
        st.caption(ui.tr("results.public_note"))
    styles = list(exports.CSV_STYLES)
    style = st.radio(ui.tr("results.csv_style"), styles, horizontal=True,
                     index=styles.index(exports.default_csv_style(lang)),
                     format_func=lambda s: ui.tr(f"results.csv_style.{s}"),
                     help=ui.tr("results.csv_style_help"), key="download_csv_style")
    files = [
        ("xlsx", lambda: exports.plan_workbook(doc, lang=lang),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("zip", lambda: exports.plan_csv_zip(doc, lang=lang, style=style), "application/zip"),
        ("geojson", lambda: exports.allocations_geojson(doc, lang=lang), "application/geo+json"),
        ("gpkg", lambda: exports.plan_geopackage(doc, lang=lang), "application/geopackage+sqlite3"),
        ("pdf", lambda: report.plan_report(doc, lang=lang, consultation=record),
         "application/pdf"),
        ("docx", lambda: report_docx.plan_docx(doc, lang=lang, consultation=record),
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    cols = st.columns(3)  # two files each: the tables, the map layers, the report
    for i, (ext, make, mime) in enumerate(files):
        cols[i // 2].download_button(
            ui.tr(f"results.download.{ext}"), data=make, mime=mime, file_name=f"{stem}.{ext}",
            key=f"download_{ext}", on_click="ignore", icon=":material/download:",
            width="stretch")


def public_view(chosen: Scenario, lang: str) -> None:
    """What a reader without detail rights sees: the plan's protected public view only."""
    with ui.db_session() as session:
        view = published.public_plan(session=session, actor=plan.actor(),
                                     scenario_id=chosen.id)
        table = None if view is None else published.allocations(
            session=session, actor=plan.actor(), scenario_id=chosen.id,
            number=int(view.meta["version"]), lang=lang, catalogue=ui.catalogue())
    if view is None:
        st.info(ui.tr("results.none"), icon=":material/info:")
        return
    ui.illustrative_notice()
    st.caption(ui.tr("plan.version", n=view.meta["version"]) + " · "
               + ui.tr(f"plan.status.{view.meta['status']}"))
    if view.rules is not None:
        st.caption(ui.tr("results.goal_order",
                         order=plan_views.goal_order_text(view.rules, lang)))
    shown = view.totals
    figures = [("results.need", "need_clients"), ("results.new_places", "new_places"),
               ("results.facilities", "new_facilities"), ("results.investment", "investment_eur"),
               ("results.running", "running_eur_per_year")]
    for col, (key, figure) in zip(st.columns(len(figures)), figures, strict=True):
        col.metric(ui.tr(key), plan_views.public_figure(figure, shown[figure], lang), border=True)
    st.caption(ui.tr("plan.privacy"))
    layer = published.allocation_layer(table, division=view.division, region=view.region,
                                       lang=lang)
    st_folium(published.allocation_map(layer, attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"],
                                       lang=lang),
              height=480, use_container_width=True, returned_objects=[], key="results_map")
    ui.attribution_line("amcharts")
    frames = plan_views.public_frames(view, ui.catalogue(), lang)
    tabs = st.tabs([ui.tr(f"results.tab.{t}") for t in
                    ("municipalities", "places", "budget", "unmet", "institutions")])
    for tab, name in zip(tabs, ("municipalities", "places", "budget", "unmet", "institutions"),
                         strict=True):
        with tab:
            ui.table(frames[name], key=f"results_{name}")
    downloads(chosen, int(view.meta["version"]), view, lang)


def main() -> None:
    lang = ui.lang()
    chosen = plan.open_scenario("results.title")
    if chosen is None:
        return
    with ui.guard() as attempt:
        if not can(plan.actor(), Action.VIEW_DETAIL, chosen):
            public_view(chosen, lang)
            return
        version, row = pick_version(chosen, lang)
        if row is None:
            return
        result = plan.stored(row.id, chosen.name, version.inputs_json, row.solution_json)
    if attempt.failed:
        return
    ui.illustrative_notice()
    status = ui.tr(f"run.status.{result.solution.status}")
    st.caption(ui.tr("results.caption", number=version.number, status=status,
                     preset=i18n.localized(ui.catalogue().presets[result.inputs.preset], lang),
                     contingency=i18n.fmt_pct(result.inputs.cost_contingency, lang),
                     solver=row.solver))
    st.caption(ui.tr("results.goal_order",
                     order=plan_views.goal_order_text(
                         results.plan_rules(result.inputs, ui.catalogue()), lang)))
    metrics(result, lang)
    plan.draw_map(result, lang, "results_map")
    ui.attribution_line("amcharts")
    persons(result, lang)
    tables(result, lang)
    responses(chosen, version)
    why(row, row.solution_json, lang)
    downloads(chosen, version.number, exports.Plan(
        result.inputs, result.solution, exports.PlanMetadata(
            scenario=chosen.name, version=version.number, status=version.status,
            author=version.author), ui.catalogue()), lang)


main()
