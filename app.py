"""DI planning: the Streamlit entry point.

Run with ``python app.py`` (Streamlit's options after it, e.g. ``--server.port=8502``), which
starts ``streamlit run app.py`` in this process (:func:`serve`). This file only routes: page
config, the shared sidebar widgets (language, planning region, administrative division;
bound to the URL so a link reproduces the view), the navigation, then the chosen page.
Pages live in ``pages/`` and read the shared state through ``pages._shared``.

To add a page: write ``pages/<name>.py`` and add a :class:`NavItem` to ``NAV`` with its
section and the roles (``planning.domain.roles.Role`` values) that may see it; ``ui.role()`` is
the signed-in actor's role, ``public`` when nobody is signed in.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from planning import i18n
from planning.domain.roles import Role

EVERYONE = frozenset(role.value for role in Role)
PLANNERS = frozenset({Role.MANAGEMENT_GROUP.value, Role.MINISTRY.value, Role.ADMIN.value})


@dataclass(frozen=True)
class NavItem:
    path: str
    title_key: str
    icon: str
    url_path: str
    section_key: str
    roles: frozenset[str] = EVERYONE
    default: bool = False


# Sections in order: nav.section.explore, nav.section.plan, nav.section.review,
# nav.section.account; their titles are texts of the catalogue (planning/locale).
NAV: tuple[NavItem, ...] = (
    NavItem("pages/map.py", "nav.map", ":material/map:", "karte", "nav.section.explore",
            default=True),
    NavItem("pages/about.py", "nav.about", ":material/dataset:", "dati", "nav.section.explore"),
    NavItem("pages/scenarios.py", "nav.scenarios", ":material/folder_open:", "scenariji",
            "nav.section.plan"),
    NavItem("pages/inputs.py", "nav.inputs", ":material/edit_note:", "ievade",
            "nav.section.plan", roles=PLANNERS),
    NavItem("pages/run.py", "nav.run", ":material/play_circle:", "aprekins",
            "nav.section.plan", roles=PLANNERS),
    NavItem("pages/results.py", "nav.results", ":material/insights:", "rezultati",
            "nav.section.plan"),
    NavItem("pages/sweep.py", "nav.sweep", ":material/tune:", "jutigums",
            "nav.section.plan", roles=PLANNERS),
    NavItem("pages/evaluate.py", "nav.evaluate", ":material/fact_check:", "izvertejums",
            "nav.section.review", roles=PLANNERS),
    NavItem("pages/compare.py", "nav.compare", ":material/compare:", "salidzinat",
            "nav.section.review"),
    NavItem("pages/consultation.py", "nav.consultation", ":material/forum:", "apspriesana",
            "nav.section.review"),
    NavItem("pages/moderation.py", "nav.moderation", ":material/rate_review:", "vadiba",
            "nav.section.review", roles=frozenset({Role.MANAGEMENT_GROUP.value,
                                                   Role.ADMIN.value})),
    NavItem("pages/municipality.py", "nav.municipality", ":material/location_city:",
            "pasvaldiba", "nav.section.review", roles=frozenset({Role.MUNICIPALITY.value})),
    NavItem("pages/review.py", "nav.review", ":material/gavel:", "apstiprinasana",
            "nav.section.review", roles=frozenset({Role.MINISTRY.value})),
    NavItem("pages/audit.py", "nav.audit", ":material/history:", "zurnals",
            "nav.section.review", roles=frozenset({Role.MANAGEMENT_GROUP.value,
                                                   Role.MINISTRY.value, Role.ADMIN.value})),
    NavItem("pages/signin.py", "nav.signin", ":material/login:", "pieteikties",
            "nav.section.account"),
)


def navigation(lang: str, role: str) -> dict[str, list[st.Page]]:
    """Pages the role may see, grouped by section, titled in ``lang``; the others stay at
    their addresses, hidden, saying who may open them (a shared link to a planners' page
    opened by the public asks to sign in instead of Streamlit's "Page not found")."""
    sections: dict[str, list[st.Page]] = {}
    for item in NAV:
        allowed = role in item.roles
        page = st.Page(
            item.path if allowed else refusal(item),
            title=i18n.t(item.title_key, lang),
            icon=item.icon,
            url_path=item.url_path,
            default=item.default and allowed,
            visibility="visible" if allowed else "hidden",
        )
        sections.setdefault(i18n.t(item.section_key, lang), []).append(page)
    return sections


def refusal(item: NavItem) -> Callable[[], None]:
    """The page shown at ``item``'s address to a role that may not open it."""
    def refused() -> None:
        from pages import _shared as ui

        st.title(ui.tr(item.title_key))
        ui.requires(*(Role(r) for r in sorted(item.roles)))

    refused.__name__ = f"refused_{item.url_path}"
    return refused


def main() -> None:
    # Imported here, not at the top: ``python app.py`` reads this file before Streamlit
    # runs (:func:`serve`), and the pages' caches, created outside a runtime, log warnings.
    from pages import _shared as ui

    lang = ui.lang()
    st.set_page_config(
        page_title=i18n.t("app.title", lang),
        page_icon=":material/diversity_3:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    page = st.navigation(navigation(lang, ui.role()), position="sidebar", expanded=True)
    with st.sidebar:
        ui.language_switch()
        st.subheader(i18n.t("sidebar.area", lang), divider="gray")
        ui.area_selectors()
        st.caption(i18n.t("app.subtitle", lang))
    ui.session_notice()
    with ui.guard():  # a step no page guards still ends in a message with an incident id
        page.run()


def serve(options: list[str]) -> None:
    """Start Streamlit on this file in this process, telling it first that the app uses
    ``st.navigation``. Streamlit decides that only once a session has called it: with a
    ``pages/`` folder beside the entry point, the first session after a start runs its older
    folder-based navigation, which does not know this app's URL paths, so a link such as
    ``/salidzinat`` opened first showed "Page not found" over the right page (streamlit#8860,
    #9992; ``tests/e2e/test_app_start.py``)."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", __file__, *options]
    sys.exit(cli.main())


if __name__ == "__main__" and not st.runtime.exists():
    serve(sys.argv[1:])
else:
    main()
