"""Inputs of a scenario: needs, norms, budgets, limits, rules and settings in editable tables.

Every edit is checked on the spot with ``ScenarioInputs.problems()``; problems are listed
under the table they belong to, naming row and column, and saving is refused until none
is left. Saving writes a new version based on the version the editing started from; if
someone saved in between, the page says so and offers to reload. Files: templates to
download, an upload with a preview and an all-or-nothing apply.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from pages import _plan as plan
from pages import _shared as ui
from pages import _upload as uploads
from planning import i18n
from planning.domain.inputs import PRIORITY_MODES, ScenarioInputs, suspicions
from planning.domain.roles import Action, can
from planning.io import templates
from planning.store import scenario
from planning.store.scenario import VersionConflict
from planning.store.tables import Scenario
from planning.views import plan_tables as plan_views
from planning.views import rules_tables as rules

TABS = ("needs", "norms", "budgets", "limits", "rules", "settings")
IMPORT_KINDS = ("needs", "persons", "norms")
CONFLICT_KEY = "inputs_conflict"
MESSAGE_KEY = "save_message"
CLEAR_MESSAGE_KEY = "inputs_clear_message"
ACTIVE_TAB_KEY = "inputs_active_tab"
TABS_KEY = "inputs_tabs"
MARKS_KEY = "inputs_tab_marks"


def base_key(scenario_id: int) -> str:
    return f"inputs_base_{scenario_id}"


def base_version(chosen: Scenario) -> int:
    """The version this editing session started from (pinned until saved or reloaded)."""
    key = base_key(chosen.id)
    if key not in st.session_state:
        st.session_state[key] = chosen.current_version
    return st.session_state[key]


def reload(chosen: Scenario) -> None:
    st.session_state.pop(base_key(chosen.id), None)
    st.session_state.pop(CONFLICT_KEY, None)


def problems_here(lines: dict[str, list[str]], tab: str) -> None:
    found = lines.get(tab, [])
    if found:
        shown = "\n".join(f"- {ui.literal(line)}" for line in found[:12])
        more = len(found) - 12
        if more > 0:
            shown += "\n- " + ui.tr("inputs.more_problems", n=more)
        st.error(ui.trn("inputs.problems", len(found)) + "\n\n" + shown,
                 icon=":material/block:")


def needs_editor(inputs: ScenarioInputs, key: str, lang: str, locked: bool) -> ScenarioInputs:
    """The needs table; counts are text cells (a typed "-5" or "abc" stays as typed and is
    named under the table, never changed), the total recalculated after every edit."""
    cat = ui.catalogue()
    shown = plan_views.entry_frame(plan_views.needs_frame(inputs, lang), ["count"], lang)
    st.caption(ui.tr("inputs.needs_help"))
    if inputs.persons:
        st.info(ui.trn("inputs.persons_replace_needs", sum(r[-1] for r in inputs.persons),
                       records=len(inputs.persons)), icon=":material/groups:")
        with st.expander(ui.tr("inputs.tab.persons")):
            ui.table(plan_views.persons_input_frame(inputs, cat, lang), key=f"{key}_persons")
    edited = st.data_editor(
        shown, key=key, num_rows="fixed" if locked else "dynamic", hide_index=True,
        disabled=True if locked else ["municipality"], height=420,
        column_config={
            "atvk_code": st.column_config.TextColumn(ui.tr("col.atvk_code"), max_chars=7),
            "municipality": st.column_config.TextColumn(ui.tr("col.municipality")),
            "group": st.column_config.SelectboxColumn(
                ui.tr("col.group"), options=list(cat.groups),
                format_func=lambda g: ui.tr(f"group.short.{g}") if g in cat.groups else g),
            "care_level": st.column_config.SelectboxColumn(
                ui.tr("col.care_level"), options=["", *cat.care_levels]),
            "service": st.column_config.SelectboxColumn(
                ui.tr("col.service"), options=list(cat.services),
                format_func=lambda s: cat.services[s].name(lang) if s in cat.services else s),
            "count": st.column_config.TextColumn(ui.tr("col.count"), alignment="right",
                                                 help=ui.tr("inputs.entry_help")),
        },
    )
    changed = plan_views.needs_from_frame(inputs, edited, lang)
    st.caption(ui.tr("inputs.needs_total",
                     count=i18n.fmt_int(plan_views.need_total(changed), lang)))
    return changed


def norms_editor(inputs: ScenarioInputs, key: str, lang: str, locked: bool) -> ScenarioInputs:
    cat = ui.catalogue()
    presets = list(cat.presets)
    preset = st.radio(ui.tr("inputs.preset"), presets, index=presets.index(inputs.preset),
                      key=f"{key}_preset", horizontal=True, disabled=locked,
                      format_func=lambda p: i18n.localized(cat.presets[p], lang),
                      help=ui.tr("inputs.preset_help"))
    numbers = [n for n in plan_views.norms_frame(inputs, cat, lang).columns if n != "service"]
    shown = plan_views.entry_frame(plan_views.norms_frame(inputs, cat, lang), numbers, lang)
    config = {n: st.column_config.TextColumn(ui.tr(f"norm.{n}"), alignment="right",
                                             help=ui.tr("inputs.entry_help")) for n in numbers}
    config["service"] = st.column_config.TextColumn(ui.tr("col.service"))
    edited = st.data_editor(shown, key=key, hide_index=True, disabled=True if locked
                            else ["service"], column_config=config)
    changed = plan_views.norms_from_frame(inputs, shown, edited, cat, preset, lang)
    if changed.preset != inputs.preset:
        st.caption(ui.tr("inputs.preset_changed"))
    return changed


BUDGET_ENTRIES = ("erdf_quota_eur", "cofinancing_share", "running_budget_eur_per_year")


def budgets_editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    """Budgets as text cells ("1 500 000" or "1 500 000,50" is read as written); the total
    investment available is recalculated below from what is typed, before saving."""
    lang = ui.lang()
    frame = plan_views.budgets_frame(inputs, lang).drop(columns=["total_investment_eur"])
    shown = plan_views.entry_frame(frame, BUDGET_ENTRIES, lang)
    edited = st.data_editor(
        shown, key=key, hide_index=True, disabled=True if locked else ["region"],
        column_config={
            "region": st.column_config.TextColumn(ui.tr("col.region")),
            "erdf_quota_eur": st.column_config.TextColumn(
                ui.tr("col.erdf_quota_eur"), alignment="right", help=ui.tr("inputs.entry_help")),
            "cofinancing_share": st.column_config.TextColumn(
                ui.tr("col.cofinancing_share"), alignment="right",
                help=ui.tr("inputs.share_help")),
            "running_budget_eur_per_year": st.column_config.TextColumn(
                ui.tr("col.running_budget_eur_per_year"), alignment="right",
                help=ui.tr("inputs.running_help")),
        },
    )
    changed = plan_views.budgets_from_frame(inputs, edited, lang)
    st.caption(ui.tr("inputs.budget_totals"))
    ui.table(plan_views.budget_totals_frame(changed, lang), key=f"{key}_totals")
    return changed


def limits_editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat = ui.catalogue()
    st.caption(ui.tr("inputs.limits_help"))
    shown = plan_views.limits_frame(inputs, ui.lang())
    edited = st.data_editor(
        shown, key=key, hide_index=True,
        disabled=True if locked else ["atvk_code", "municipality"],
        column_config={
            "atvk_code": st.column_config.TextColumn(ui.tr("col.atvk_code")),
            "municipality": st.column_config.TextColumn(ui.tr("col.municipality")),
            "participating": st.column_config.CheckboxColumn(ui.tr("col.participating")),
            "max_new_places": st.column_config.NumberColumn(ui.tr("col.max_new_places"),
                                                            step=1),
            "max_new_facilities": st.column_config.NumberColumn(
                ui.tr("col.max_new_facilities"), step=1),
        },
    )
    changed = plan_views.limits_from_frame(inputs, edited)
    st.markdown(f"**{ui.tr('inputs.excluded')}**")
    st.caption(ui.tr("inputs.excluded_help"))
    excluded = st.data_editor(
        plan_views.excluded_frame(inputs), key=f"{key}_excluded", hide_index=True,
        num_rows="fixed" if locked else "dynamic", disabled=locked,
        column_config={
            "atvk_code": st.column_config.TextColumn(ui.tr("col.atvk_code"), max_chars=7),
            "service": st.column_config.SelectboxColumn(
                ui.tr("col.service"), options=list(cat.services),
                format_func=lambda s: cat.services[s].name(ui.lang()) if s in cat.services
                else s),
        },
    )
    return plan_views.excluded_from_frame(changed, excluded)


def settings_editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat = ui.catalogue()
    mentor = plan_views.mentor_values(inputs, cat)
    cols = st.columns(4)
    floor = cols[0].number_input(ui.tr("inputs.equity_floor"), value=inputs.equity_floor,
                                 step=0.05, format="%.2f", key=f"{key}_floor", disabled=locked,
                                 help=ui.tr("inputs.equity_floor_help"))
    contingency = cols[1].number_input(
        ui.tr("inputs.contingency"), value=inputs.cost_contingency, step=0.05, format="%.2f",
        key=f"{key}_contingency", disabled=locked, help=ui.tr("inputs.contingency_help"))
    ratio = cols[2].number_input(ui.tr("inputs.mentor_ratio"),
                                 value=mentor["clients_per_mentor"], step=1.0,
                                 key=f"{key}_mentor_ratio", disabled=locked)
    rate = cols[3].number_input(ui.tr("inputs.mentor_rate"), value=mentor["hourly_rate"],
                                step=0.5, key=f"{key}_mentor_rate", disabled=locked)
    return plan_views.with_settings(inputs, cat, equity_floor=floor,
                                    cost_contingency=contingency, clients_per_mentor=ratio,
                                    hourly_rate=rate)


def rules_editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    """Who comes first, the order of the goals, the least occupancy, group priorities and
    caps on new facilities (``planning.views.rules_tables``)."""
    cat, lang = ui.catalogue(), ui.lang()
    st.caption(ui.tr("rules.priorities_help"))
    mode = st.radio(ui.tr("rules.priority_mode"), PRIORITY_MODES, horizontal=True,
                    disabled=locked, index=PRIORITY_MODES.index(rules.priority_mode(inputs, cat)),
                    key=f"{key}_mode", format_func=lambda m: ui.tr(f"rules.mode.{m}"),
                    captions=[ui.tr(f"rules.mode_help.{m}") for m in PRIORITY_MODES])
    alike = mode == "none"
    if alike:
        st.caption(ui.tr("rules.classes_unused"))
    unused = "weight" if mode == "strict" else "rank"  # what the mode does not read
    classes = st.data_editor(
        rules.priorities_frame(inputs, cat, lang), key=f"{key}_classes", hide_index=True,
        disabled=locked or alike or ["class_id", "priority_class", unused], column_order=(
            "priority_class", "rank", "weight"),
        column_config={
            "priority_class": st.column_config.TextColumn(ui.tr("rules.class")),
            "rank": st.column_config.NumberColumn(ui.tr("rules.rank"), min_value=1, step=1),
            "weight": st.column_config.NumberColumn(ui.tr("rules.weight"), min_value=0.0)})
    inputs = rules.priorities_from_frame(inputs, classes, cat, mode)
    cols = st.columns(2)
    with cols[0]:
        kinds = ("lexicographic", "weighted")
        kind = st.radio(ui.tr("rules.goal_kind"), kinds, horizontal=True, disabled=locked,
                        index=kinds.index(inputs.goal_kind), key=f"{key}_goal_kind",
                        format_func=lambda k: ui.tr(f"rules.goal_kind.{k}"))
        goals = st.data_editor(
            rules.goals_frame(inputs, lang), key=f"{key}_goals", hide_index=True,
            disabled=locked or ["goal_id", "goal"], column_order=("goal", "rank"),
            column_config={
                "goal": st.column_config.TextColumn(ui.tr("rules.goal")),
                "rank": st.column_config.NumberColumn(ui.tr("rules.rank"), min_value=1,
                                                      step=1)})
        inputs = rules.goals_from_frame(inputs, goals, kind)
    with cols[1]:
        current = cat.rules.min_occupancy if inputs.min_occupancy is None \
            else inputs.min_occupancy
        share = st.number_input(ui.tr("rules.min_occupancy"), value=float(current), step=0.05,
                                format="%.2f", key=f"{key}_occupancy", disabled=locked,
                                help=ui.tr("rules.min_occupancy_help"))
        inputs = rules.with_min_occupancy(inputs, cat, share)
    cols = st.columns(2)
    with cols[0]:
        groups = st.data_editor(
            rules.group_priorities_frame(inputs, cat, lang), key=f"{key}_groups",
            hide_index=True, disabled=locked or ["group_id", "group"],
            column_order=("group", "weight"),
            column_config={
                "group": st.column_config.TextColumn(ui.tr("rules.group")),
                "weight": st.column_config.NumberColumn(ui.tr("rules.group_weight"),
                                                        min_value=0.0,
                                                        help=ui.tr("rules.group_weight_help"))})
        inputs = rules.group_priorities_from_frame(inputs, groups)
    with cols[1]:
        caps = st.data_editor(
            rules.caps_frame(inputs, cat, lang), key=f"{key}_caps", hide_index=True,
            disabled=locked or ["service_id", "service"],
            column_order=("service", "max_new_facilities"),
            column_config={
                "service": st.column_config.TextColumn(ui.tr("rules.service")),
                "max_new_facilities": st.column_config.NumberColumn(
                    ui.tr("rules.cap"), min_value=0, step=1, help=ui.tr("rules.cap_help"))})
        inputs = rules.caps_from_frame(inputs, caps)
    return inputs


def save_bar(chosen: Scenario, base: int, saved: ScenarioInputs, edited: ScenarioInputs,
             problems: list, locked: bool) -> None:
    conflict = st.session_state.get(CONFLICT_KEY)
    if conflict:
        st.error(conflict, icon=":material/sync_problem:")
        if st.button(ui.tr("inputs.reload"), key="reload_button", icon=":material/refresh:"):
            reload(chosen)
            st.rerun()
        return
    if locked:
        return
    ordered = edited.with_needs(edited.needs_frame()) if not problems else edited
    changes = [] if problems else scenario.diff_inputs(saved, ordered)
    confirmed = not changes or confirm_suspicions(saved, ordered)
    if st.session_state.pop(CLEAR_MESSAGE_KEY, False):
        st.session_state[MESSAGE_KEY] = ""
    cols = st.columns([3, 1], vertical_alignment="bottom")
    message = cols[0].text_input(ui.tr("inputs.message"), key=MESSAGE_KEY, max_chars=500,
                                 placeholder=ui.tr("inputs.message_placeholder"))
    if problems:
        st.caption(ui.trn("inputs.fix_first", len(problems)))
    elif changes:
        st.caption(ui.trn("inputs.changed", len(changes)))
    else:
        st.caption(ui.tr("inputs.unchanged"))
    if cols[1].button(ui.tr("inputs.save"), key="save_button", type="primary",
                      icon=":material/save:",
                      disabled=bool(problems) or not changes or not confirmed):
        save(chosen, base, ordered, message or ui.tr("inputs.default_message"))


def confirm_suspicions(saved: ScenarioInputs, edited: ScenarioInputs) -> bool:
    """Whether the edit may be saved: a zero or halved budget, or a need ten times the
    saved version's, is listed and saved only once the user ticks that it is right (a new
    suspicion asks again)."""
    found = suspicions(saved, edited)
    if not found:
        return True
    lines = plan_views.suspicion_lines(found, ui.lang(), ui.catalogue())
    st.warning(ui.tr("inputs.suspicious") + "\n\n" + "\n".join(
        f"- {ui.literal(line)}" for line in lines), icon=":material/warning:")
    key = "confirm_" + hashlib.sha1(repr(found).encode()).hexdigest()[:12]
    return st.checkbox(ui.tr("inputs.suspicious_confirm"), key=key)


def save(chosen: Scenario, base: int, inputs: ScenarioInputs, message: str) -> None:
    with ui.guard() as attempt:
        try:
            with ui.db_session() as session:
                version = scenario.save_inputs(session=session, actor=plan.actor(),
                                               scenario_id=chosen.id, inputs=inputs,
                                               expected_version=base, message=message)
        except VersionConflict as exc:
            st.session_state[CONFLICT_KEY] = ui.tr(
                "inputs.conflict", mine=exc.expected, theirs=exc.current,
                author=ui.literal(exc.author), when=i18n.fmt_datetime(exc.saved_at, ui.lang()))
            st.rerun()
    if attempt.failed:
        return
    st.session_state[base_key(chosen.id)] = version.number
    st.session_state[CLEAR_MESSAGE_KEY] = True
    st.toast(ui.tr("inputs.saved", number=version.number), icon=":material/check:")
    st.rerun()


def files(chosen: Scenario, base: int, saved: ScenarioInputs, locked: bool) -> None:
    lang = ui.lang()
    with st.expander(ui.tr("inputs.files"), icon=":material/upload_file:"):
        cols = st.columns(len(IMPORT_KINDS) * 2)
        for i, kind in enumerate(IMPORT_KINDS):
            rows = templates.current_rows(kind, saved, ui.catalogue())
            cols[2 * i].download_button(
                ui.tr(f"inputs.download_{kind}") + " (XLSX)",
                data=lambda kind=kind, rows=rows: templates.template_xlsx(
                    kind, lang, rows, saved.division, ui.catalogue()),
                file_name=f"{kind}_v{base}.xlsx", key=f"download_{kind}_xlsx",
                on_click="ignore", icon=":material/download:")
            cols[2 * i + 1].download_button(
                ui.tr(f"inputs.download_{kind}") + " (CSV)",
                data=templates.template_csv(kind, lang, rows),
                file_name=f"{kind}_v{base}.csv", mime="text/csv", key=f"download_{kind}_csv",
                on_click="ignore", icon=":material/download:")
        if locked:
            return
        kind = st.radio(ui.tr("inputs.upload_kind"), IMPORT_KINDS, horizontal=True,
                        key="upload_kind", format_func=lambda k: ui.tr(f"inputs.tab.{k}"))
        upload = st.file_uploader(ui.tr("inputs.upload"), type=["csv", "xlsx"],
                                  key="upload_file")
        if upload is None:
            return
        result = uploads.imported(upload, kind, saved, (chosen.id, base), "upload_problems")
        if result is None:
            return
        preview = result.preview
        st.markdown(ui.tr("inputs.upload_preview", added=len(preview.added),
                          changed=len(preview.changed), removed=len(preview.removed)))
        for name in ("added", "changed", "removed"):
            part = getattr(preview, name)
            if not part.empty:
                st.caption(ui.tr(f"inputs.preview_{name}"))
                st.dataframe(part.head(200), hide_index=True, key=f"preview_{name}")
        confirmed = True
        if result.empties_table:
            st.warning(ui.tr("inputs.upload_empties"), icon=":material/warning:")
            confirmed = st.checkbox(ui.tr("inputs.upload_empties_confirm"),
                                    key="upload_empties_confirm")
        if result.inputs is not None and confirmed and st.button(
                ui.tr("inputs.upload_apply"), key="upload_apply", type="primary",
                disabled=preview.is_empty):
            save(chosen, base, result.inputs, ui.tr("inputs.import_message", file=upload.name))


def tab_label(tab: str, problems: int) -> str:
    """A tab's label; with its number of problems in red when it holds any."""
    label = ui.tr(f"inputs.tab.{tab}")
    return f"{label} :red[:material/error: {problems}]" if problems else label


def editor_tabs(prefix: str) -> dict[str, object]:
    """The editor's tabs, labelled with the problems they held at the end of the last run
    (:func:`mark_tabs`); the open tab stays open when a label changes."""
    marks = st.session_state.get(MARKS_KEY, {}).get(prefix, {})
    labels = {tab: tab_label(tab, marks.get(tab, 0)) for tab in TABS}
    by_label = {label: tab for tab, label in labels.items()}

    def remember() -> None:
        st.session_state[ACTIVE_TAB_KEY] = by_label.get(st.session_state.get(TABS_KEY), "needs")

    active = st.session_state.get(ACTIVE_TAB_KEY, "needs")
    shown = st.tabs(list(labels.values()), key=TABS_KEY, on_change=remember,
                    default=labels.get(active, labels["needs"]))
    return dict(zip(TABS, shown, strict=True))


def mark_tabs(prefix: str, marks: dict[str, int]) -> None:
    """Keep the problems per tab for the labels; run the page again when they changed, so a
    tab shows at once that it holds errors (or no longer does)."""
    known = st.session_state.setdefault(MARKS_KEY, {})
    if known.get(prefix, {}) != marks:
        known[prefix] = marks
        st.rerun()


def main() -> None:
    lang = ui.lang()
    chosen = plan.open_scenario("inputs.title", "inputs.caption")
    if chosen is None:
        return
    with ui.guard() as attempt:
        with ui.db_session() as session:
            base = base_version(chosen)
            saved = scenario.load_inputs(session=session, actor=plan.actor(),
                                         scenario_id=chosen.id, number=base)
    if attempt.failed:
        return
    locked = not can(plan.actor(), Action.EDIT, chosen)
    st.caption(ui.tr("inputs.based_on", number=base, current=chosen.current_version,
                     area=i18n.region_name(saved.region, lang),
                     division=saved.division))
    if locked:
        st.info(ui.tr("inputs.read_only"), icon=":material/lock:")
    elif base != chosen.current_version and CONFLICT_KEY not in st.session_state:
        st.warning(ui.tr("inputs.newer", current=chosen.current_version),
                   icon=":material/update:")
        if st.button(ui.tr("inputs.reload"), key="reload_newer", icon=":material/refresh:"):
            reload(chosen)
            st.rerun()
    prefix = f"inputs_{chosen.id}_{base}"
    tabs = editor_tabs(prefix)
    edited = saved
    with tabs["needs"]:
        edited = needs_editor(edited, f"{prefix}_needs", lang, locked)
    with tabs["norms"]:
        edited = norms_editor(edited, f"{prefix}_norms", lang, locked)
    with tabs["budgets"]:
        edited = budgets_editor(edited, f"{prefix}_budgets", locked)
    with tabs["limits"]:
        edited = limits_editor(edited, f"{prefix}_limits", locked)
    with tabs["rules"]:
        edited = rules_editor(edited, f"{prefix}_rules", locked)
    with tabs["settings"]:
        edited = settings_editor(edited, f"{prefix}_settings", locked)
    problems = edited.problems(ui.catalogue())
    lines = plan_views.problem_lines(problems, lang, ui.catalogue())
    for tab in TABS:
        with tabs[tab]:
            problems_here(lines, tab)
    mark_tabs(prefix, {tab: len(found) for tab, found in lines.items()})
    st.divider()
    save_bar(chosen, base, saved, edited, problems, locked)
    files(chosen, base, saved, locked)


main()
