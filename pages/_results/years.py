"""The plan by year: when each facility opens within the yearly money and lead times, who
has moved out, which branches close (``planning.domain.phasing``), and what each
municipality takes over when project funding of the running cost ends
(``planning.domain.funding``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from optimizer.phasing import PhasedPlan
from pages import _shared as ui
from planning import i18n
from planning.domain import funding, geo, phasing, reference, results
from planning.domain.horizon import FIRST_YEAR, LAST_YEAR, Horizon
from planning.views import phasing_tables as views
from planning.views import reference_views as ref_views
from planning.views import result_maps

TABS_KEY = "years_tabs"


@st.cache_data(show_spinner=False, max_entries=16)
def phased(result_id: int, horizon: Horizon, _result: results.ScenarioResult
           ) -> PhasedPlan:
    """The stored result ``result_id`` over ``horizon`` (both key the cache; the result,
    underscored, is not hashed)."""
    return phasing.phase_plan(_result, horizon, ui.catalogue())


def section(result: results.ScenarioResult, result_id: int, lang: str) -> None:
    st.subheader(ui.tr("results.years.title"), divider="gray")
    st.caption(ui.tr("results.years.note"))
    if not (result.solution.sites["new_places"] > 0).any():
        st.caption(ui.tr("results.years.none"))
        return
    horizon = _horizon_form(result, result_id)
    with ui.guard() as attempt, st.spinner(ui.tr("results.years.working")):
        plan = phased(result_id, horizon, result)
    if attempt.failed:
        return
    _draw(plan, result, horizon, lang)


def _horizon_form(result: results.ScenarioResult, result_id: int) -> Horizon:
    """The scenario's years and yearly money (Ievade), which the reader may change here to
    see another phasing; nothing is saved."""
    stored = result.inputs.horizon()
    left, right = st.columns(2)
    first = left.number_input(ui.tr("results.years.first"), FIRST_YEAR, LAST_YEAR,
                              stored.first_year, step=1, key=f"years_first_{result_id}")
    last = right.number_input(ui.tr("results.years.last"), FIRST_YEAR, LAST_YEAR,
                              max(stored.last_year, int(first)), step=1,
                              key=f"years_last_{result_id}")
    years = list(range(int(first), int(last) + 1))
    given = stored.budget_shares if len(stored.budget_shares) == len(years) else ()
    with st.expander(ui.tr("results.years.settings")):
        shares = st.data_editor(
            pd.DataFrame({"year": [str(y) for y in years],
                          "share": [100 * v / sum(given) for v in given] if given
                          else [None] * len(years)}),
            column_config={"year": st.column_config.TextColumn(ui.tr("col.year"),
                                                               disabled=True),
                           "share": st.column_config.NumberColumn(
                               ui.tr("results.years.share"), min_value=0.0, max_value=100.0)},
            hide_index=True, key=f"years_shares_{result_id}_{first}_{last}")
        st.caption(ui.tr("results.years.share_help"))
        closures = _closure_editor(result, result_id, stored)
    entered = shares["share"].dropna()
    return Horizon(
        int(first), int(last),
        budget_shares=tuple(float(v) for v in shares["share"].fillna(0)) if len(entered)
        else (),
        closure_years={b: int(y) for b, y in closures["closure_year"].dropna().items()},
        admissions_per_year={b: float(a) for b, a in closures["admissions"].dropna().items()},
        running_funded_share=stored.running_funded_share,
        running_funded_until=stored.running_funded_until)


def _closure_editor(result: results.ScenarioResult, result_id: int, stored: Horizon
                    ) -> pd.DataFrame:
    """Closure years and admissions per branch the plan's persons name (by branch id)."""
    named = views.named_branches(result)
    frame = pd.DataFrame({
        "institution": list(named.values()),
        "closure_year": pd.array([stored.closure_years.get(b) for b in named], dtype="Int64"),
        "admissions": [stored.admissions_per_year.get(b, float("nan")) for b in named]},
        index=list(named))
    if not named:
        return frame
    edited = st.data_editor(frame, column_config={
        "institution": st.column_config.TextColumn(ui.tr("col.institution"), disabled=True),
        "closure_year": st.column_config.NumberColumn(ui.tr("col.closure_year"),
                                                      min_value=FIRST_YEAR, max_value=LAST_YEAR,
                                                      format="%d"),
        "admissions": st.column_config.NumberColumn(ui.tr("col.admissions_per_year"),
                                                    min_value=0.0)},
        hide_index=True, key=f"years_closures_{result_id}")
    return edited.set_index(frame.index)


def _draw(plan: PhasedPlan, result: results.ScenarioResult, horizon: Horizon,
          lang: str) -> None:
    cat = ui.catalogue_of(result.inputs)
    st.markdown(f"**{ui.tr('results.years.openings')}**")
    st.bar_chart(views.openings_chart(plan, cat, lang), x_label=ui.tr("col.year"),
                 y_label=ui.tr("col.places"), height=260)
    late = int(plan.projects["open_year"].isna().sum())
    if late:
        st.warning(ui.trn("results.years.late", late, last=horizon.last_year),
                   icon=":material/schedule:")
    labels = [ui.tr(f"results.years.tab.{t}")
              for t in ("years", "map", "facilities", "branches", "funding")]
    by_year, on_map, facilities, branches, cliff = st.tabs(labels, key=TABS_KEY,
                                                           on_change="rerun")
    after = ui.tr("results.years.after", last=horizon.last_year)
    with by_year:
        ui.table(views.years_frame(plan, lang, horizon), key="years_table",
                 download="plan_by_year.csv", formats={"year": "%d"})
    with on_map:
        # drawn only while its tab is open: Leaflet fits its bounds in a hidden tab's
        # zero-size box to (NaN, NaN) and throws (as the candidate sites' map)
        if st.session_state.get(TABS_KEY) == labels[1]:
            _year_map(plan, result, horizon, lang)
    with facilities:
        ui.table(views.projects_frame(plan, cat, result.inputs.division, lang),
                 key="years_facilities", download="facilities_by_year.csv",
                 texts={"start_year": _year_text(""), "open_year": _year_text(after)})
    with branches:
        frame = views.branches_frame(plan, lang, result, cat)
        if not frame.empty:
            ui.table(frame, key="years_branches", texts={"closure_year": _year_text("")})
        if unnamed := views.unnamed_branches(plan):
            st.caption(ui.trn("phasing.unnamed", unnamed))
    with cliff:
        _funding_cliff(plan, result, horizon, lang)


def _year_map(plan: PhasedPlan, result: results.ScenarioResult, horizon: Horizon,
              lang: str) -> None:
    """The plan at the end of a year the reader picks: new places running and being built,
    and the branches with their residents or closed."""
    division, region = result.inputs.division, result.inputs.region or ref_views.ALL
    year = int(st.select_slider(ui.tr("results.years.map_year"), key="years_map_year",
                                options=list(range(horizon.first_year, horizon.last_year + 1)),
                                value=horizon.last_year))
    st.caption(ui.tr("results.years.map_note"))
    cat = ui.catalogue_of(result.inputs)
    names = dict(ref_views.municipality_names(division, lang)
                 .set_index("atvk_code")["municipality"])
    st_folium(result_maps.year_map(
        result_maps.places_in_year(plan.projects, year),
        result_maps.branches_in_year(plan.branches, year), year,
        geo.site_points(division), reference.institutions(division),
        ui.needs_layer(division, ref_views.ALL_GROUPS, ref_views.ALL_SERVICES, region, lang,
                       "amcharts"),
        attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"], names=names,
        service_names={s: v.name(lang) for s, v in cat.services.items()}, lang=lang,
        bounds=ui.region_bounds(division, region, "amcharts")),
        height=480, use_container_width=True, returned_objects=[], key=f"years_map_{year}")
    ui.attribution_line("amcharts")


def _funding_cliff(plan: PhasedPlan, result: results.ScenarioResult, horizon: Horizon,
                   lang: str) -> None:
    """Per municipality: the running cost of its new facilities and what it takes over
    when the project funding ends; a warning when that is within the plan's years."""
    frame = views.takeover_frame(plan, horizon, result.inputs.division, lang)
    if not funding.funded(horizon):
        st.caption(ui.tr("results.funding.none"))
    else:
        st.caption(ui.tr("results.funding.note",
                         share=i18n.fmt_pct(horizon.running_funded_share, lang),
                         until=horizon.running_funded_until))
        year = funding.cliff_in_horizon(horizon, funding.takeovers(plan.projects, horizon))
        if year is not None:
            st.warning(ui.tr("results.funding.cliff", year=year,
                             eur=i18n.fmt_eur(frame["takeover_eur_per_year"].sum(), lang),
                             municipalities=int((frame["takeover_eur_per_year"] > 0).sum())),
                       icon=":material/warning:")
    ui.table(frame, key="years_funding", download="funding_cliff.csv",
             texts={"takeover_year": _year_text("")})


def _year_text(missing: str):
    """A year as 2028 (no thousands separator), ``missing`` where there is none."""
    return lambda year: missing if pd.isna(year) else str(int(year))
