"""The services tab: the services this scenario adds to the catalogue, and a form to add
one from an existing community service type or from scratch, with its norms and sources.

Added services are kept in the session until the scenario is saved (a new version, like
every other edit); a service is added only when it passes the catalogue's checks."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from pages import _shared as ui
from planning import i18n
from planning.domain import user_services as us
from planning.domain.catalogue import Catalogue
from planning.domain.inputs import ScenarioInputs
from planning.views import service_tables as views


def editor(inputs: ScenarioInputs, key: str, locked: bool) -> ScenarioInputs:
    cat, lang = ui.catalogue(), ui.lang()
    draft = st.session_state.setdefault(f"{key}_draft", dict(inputs.user_services))
    st.caption(ui.tr("services.help"))
    if draft:
        ui.table(views.services_frame(replace(inputs, user_services=draft), cat, lang),
                 key=f"{key}_list")
        if not locked:
            _remove(draft, key, lang)
    else:
        st.info(ui.tr("services.none"), icon=":material/playlist_add:")
    if draft:
        with st.expander(ui.tr("services.sources"), icon=":material/menu_book:"):
            ui.table(views.sources_frame(replace(inputs, user_services=draft), lang),
                     key=f"{key}_sources")
    if not locked:
        with st.expander(ui.tr("services.add"), expanded=not draft, icon=":material/add:"):
            _add(cat, draft, key, lang)
    return replace(inputs, user_services=dict(draft))


def _remove(draft: dict, key: str, lang: str) -> None:
    cols = st.columns([3, 1], vertical_alignment="bottom")
    sid = cols[0].selectbox(ui.tr("services.remove_which"), list(draft), key=f"{key}_remove",
                            format_func=lambda s: draft[s].get(f"name_{lang}") or s)
    if cols[1].button(ui.tr("services.remove"), key=f"{key}_remove_button",
                      icon=":material/delete:"):
        draft.pop(sid, None)
        st.rerun()


def _add(cat: Catalogue, draft: dict, key: str, lang: str) -> None:
    """The new service's fields; prefilled from the chosen type and model service (their
    widgets are keyed by both, so choosing another refills them)."""
    types = ["", *cat.existing_types]
    type_id = st.selectbox(ui.tr("services.type"), types, key=f"{key}_type",
                           format_func=lambda t: i18n.localized(cat.existing_types[t], lang)
                           if t else ui.tr("services.from_scratch"))
    like = st.selectbox(ui.tr("services.like"), ["", *views.like_options(cat)],
                        key=f"{key}_like", format_func=lambda s: views.like_name(cat, s, lang)
                        if s else ui.tr("services.like_none"), help=ui.tr("services.like_help"))
    start = views.start_entry(cat, type_id, like, lang)
    if type_id:
        st.caption(ui.tr("services.legal", legal=views.legal_label(start["legal"], lang)))
    tag = f"{key}_{type_id}_{like}"
    cols = st.columns(2)
    name_lv = cols[0].text_input(ui.tr("services.label_lv"), start["name_lv"], key=f"{tag}_lv",
                                 max_chars=us.MAX_NAME)
    name_en = cols[1].text_input(ui.tr("services.label_en"), start["name_en"], key=f"{tag}_en",
                                 max_chars=us.MAX_NAME)
    kind = cols[0].selectbox(ui.tr("schema.services.service_kind"), list(us.USER_KINDS),
                             key=f"{tag}_kind",
                             index=list(us.USER_KINDS).index(start["kind"]),
                             format_func=lambda k: views.kind_label(k, lang))
    if kind == us.CENTRE:
        hostable = views.hostable(cat, draft, lang)
        groups = cols[1].multiselect(ui.tr("services.hosted"), list(hostable), [],
                                     key=f"{tag}_hosted", help=ui.tr("services.hosted_help"),
                                     placeholder=ui.tr("services.pick_groups"),
                                     format_func=lambda s: hostable[s])
        if not hostable:
            st.caption(ui.tr("services.nothing_to_host"))
    else:
        groups = cols[1].multiselect(ui.tr("col.groups"), list(cat.groups), start["groups"],
                                     key=f"{tag}_groups",
                                     placeholder=ui.tr("services.pick_groups"),
                                     format_func=lambda g: cat.groups[g].name(lang))
    profession = st.text_input(ui.tr("col.profession"), start.get("profession", ""),
                               key=f"{tag}_profession", max_chars=us.MAX_NAME,
                               help=ui.tr("services.profession_help")
                               ) if kind == us.HOME else ""
    numbers = st.data_editor(
        views.numbers_frame(start, lang, kind), key=f"{tag}_{views.numbers_key(kind)}",
        hide_index=True,
        disabled=["norm"], column_config={
            "norm": st.column_config.TextColumn(ui.tr("col.norm")),
            "value": st.column_config.TextColumn(ui.tr("col.value"), alignment="right"),
            "source": st.column_config.TextColumn(ui.tr("col.source"), width="large",
                                                  help=ui.tr("services.source_help"))})
    if st.button(ui.tr("services.add_button"), key=f"{key}_add_button", type="primary",
                 icon=":material/add:"):
        entry = views.entry_from_form(start, (name_lv, name_en), kind, groups, numbers, lang,
                                      profession)
        sid = us.new_id(name_en, set(cat.services) | set(cat.home_services) | set(draft),
                        type_id)
        wrong = views.problem_lines(sid, entry, cat, draft, lang)
        if wrong:
            st.error(ui.tr("services.not_added") + "\n\n" + "\n".join(
                f"- {ui.literal(line)}" for line in wrong), icon=":material/block:")
            return
        draft[sid] = entry
        st.rerun()
