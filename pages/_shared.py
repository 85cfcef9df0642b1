"""What every page shares: session state, the sidebar's shared widgets, cached loaders.

Not a page (the leading underscore; ``app.py`` lists the pages). Pages call ``lang()``,
``division()``, ``region()`` to read the shared state, which ``app.py`` sets with its
sidebar widgets; read alone (e.g. in an AppTest of one page) they fall back to defaults.
Loaders wrap the pure functions of :mod:`planning.views.reference_views` in ``st.cache_data``.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.errors import StreamlitPageNotFoundError

from optimizer.errors import OptimizerError
from planning import i18n
from planning.domain import geo
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.config import get_settings
from planning.domain.errors import (
    FiguresOutdated,
    InputError,
    PermissionDenied,
    PlanningError,
    user_message,
)
from planning.domain.inputs import ScenarioInputs
from planning.domain.roles import PUBLIC, Actor, Role
from planning.io import inert
from planning.store import auth, published, runs, sessions, sweeps
from planning.store import db as store
from planning.store.scenario import VersionConflict
from planning.views import published_views
from planning.views import reference_views as views

LOG = logging.getLogger("di_plan.pages")

LANG_KEY = "lang"
REGION_KEY = "region"
DIVISION_KEY = "division"
ACTOR_KEY = "actor"
SIGNED_KEY = "signed_in"    # planning.store.sessions.SignedIn of ACTOR_KEY
ENDED_KEY = "session_ended"  # why the last signed-in session ended (sessions.Ended)


# ----------------------------------------------------------------------------- state


def lang() -> str:
    """The session's language; before the switch exists, the URL's ``?lang=``."""
    value = st.session_state.get(LANG_KEY) or url_lang()
    return value if value in i18n.LANGS else i18n.DEFAULT_LANG


def division() -> str:
    value = st.session_state.get(DIVISION_KEY)
    return value if value in geo.DIVISIONS else default_division()


def region() -> str:
    value = st.session_state.get(REGION_KEY, views.ALL)
    return value if value in views.region_options() else views.ALL


def actor() -> Actor:
    """Who is signed in: the :class:`Actor` kept in the session, else the anonymous public.

    Every call checks the session against the store, its idle time and its client
    (:func:`planning.store.sessions.resume`); an ended session falls back to the public and
    leaves its reason in ``ENDED_KEY``. With single sign-on switched on (``DI_SSO=1``), an
    identity from Streamlit's OIDC login becomes the actor of the stored user it maps to
    (:func:`planning.store.auth.actor_for_identity`), checked the same way.
    """
    value = st.session_state.get(ACTOR_KEY)
    if isinstance(value, Actor):
        return _resumed(value)
    if get_settings().sso and st.user.is_logged_in and ENDED_KEY not in st.session_state:
        with db_session() as session:
            found = auth.actor_for_identity(session=session, claims=st.user.to_dict())
        if found is not None:
            _keep(found)
            return found
    return PUBLIC


def _binding() -> str:
    return sessions.client_binding(dict(st.context.headers), dict(st.context.cookies),
                                   get_settings().client_header)


def _keep(who: Actor) -> None:
    st.session_state[ACTOR_KEY] = who
    st.session_state[SIGNED_KEY] = sessions.SignedIn(who, _binding(), time.time())
    st.session_state.pop(ENDED_KEY, None)


def _resumed(who: Actor) -> Actor:
    signed = st.session_state.get(SIGNED_KEY)
    if not isinstance(signed, sessions.SignedIn) or signed.actor.username != who.username:
        signed = sessions.SignedIn(who, _binding(), time.time())
    with db_session() as session:
        result = sessions.resume(signed, session=session, binding=_binding(), now=time.time(),
                                 idle_seconds=60 * get_settings().idle_minutes)
    if isinstance(result, sessions.Ended):
        st.session_state.pop(ACTOR_KEY, None)
        st.session_state.pop(SIGNED_KEY, None)
        st.session_state[ENDED_KEY] = result.value
        return PUBLIC
    st.session_state[ACTOR_KEY] = result.actor
    st.session_state[SIGNED_KEY] = result
    return result.actor


def session_notice() -> None:
    """Why the signed-in session ended, once, on the page the next action opens."""
    reason = st.session_state.get(ENDED_KEY)
    if reason and not st.session_state.get("_ended_shown"):
        st.session_state["_ended_shown"] = True
        st.warning(tr(f"signin.ended.{reason}"), icon=":material/logout:")


def role() -> str:
    """The signed-in actor's role (``planning.domain.roles.Role`` value); ``public`` if nobody."""
    return actor().role.value


def sign_in(who: Actor) -> None:
    """Keep ``who`` as the session's actor, bound to this client, and rerun, so the
    navigation shows its pages."""
    st.session_state.pop("_ended_shown", None)
    _keep(who)
    st.rerun()


def sign_out() -> None:
    st.session_state.pop(ACTOR_KEY, None)
    st.session_state.pop(SIGNED_KEY, None)
    if get_settings().sso and st.user.is_logged_in:
        st.logout()
    st.rerun()


def default_division() -> str:
    value = get_settings().division
    return value if value in geo.DIVISIONS else geo.DEFAULT_DIVISION


def default_boundaries() -> str:
    value = get_settings().boundaries
    return value if value in geo.BOUNDARY_FILES else "amcharts"


def tr(key: str, **values: object) -> str:
    """``i18n.t`` in the session's language."""
    return i18n.t(key, lang(), **values)


def trn(key: str, n: float, **values: object) -> str:
    """``i18n.tn`` (a text with plural forms) in the session's language."""
    return i18n.tn(key, n, lang(), **values)


# ----------------------------------------------------------------------------- sidebar


def url_lang() -> str | None:
    """The language code the URL's ``?lang=`` names, in any case (``en``, ``EN``, ``En``)."""
    value = str(st.query_params.get(LANG_KEY, "")).strip().lower()
    return value if value in i18n.LANGS else None


def language_switch() -> str:
    """LV/EN switch; bound to ``?lang=`` so a link keeps the language.

    The binding writes the switch's label (``?lang=EN``) and takes only that spelling from a
    URL. On a session's first run, before the switch exists, a link with another spelling
    (``?lang=en``) is given the label, one with no language (``?lang=``, ``?lang=de``) loses
    it, and the script runs again, so the switch, the URL and the pages all follow it.
    """
    if LANG_KEY not in st.session_state and LANG_KEY in st.query_params:
        code = url_lang()
        if code is None:
            del st.query_params[LANG_KEY]
            st.rerun()
        if st.query_params[LANG_KEY] != i18n.LANG_LABELS[code]:
            st.query_params[LANG_KEY] = i18n.LANG_LABELS[code]
            st.rerun()
    st.segmented_control(
        "Valoda / Language",
        options=list(i18n.LANGS),
        format_func=lambda code: i18n.LANG_LABELS[code],
        default=i18n.DEFAULT_LANG,
        required=True,
        key=LANG_KEY,
        bind="query-params",
    )
    return lang()


def area_selectors() -> tuple[str, str]:
    """Planning region and administrative division, bound to ``?region=`` / ``?division=``."""
    current = lang()
    st.selectbox(
        i18n.t("sidebar.region", current),
        options=views.region_options(),
        format_func=lambda r: i18n.region_name(r, current),
        key=REGION_KEY,
        bind="query-params",
    )
    options = list(geo.DIVISIONS)
    st.selectbox(
        i18n.t("sidebar.division", current),
        options=options,
        index=options.index(default_division()),
        help=i18n.t("division.help", current),
        key=DIVISION_KEY,
        bind="query-params",
    )
    return region(), division()


# ----------------------------------------------------------------------------- notices


def illustrative_notice() -> None:
    """The visible 'Data: illustrative' label every page with embedded data shows."""
    st.info(tr("data.notice"), icon=":material/science:")


def attribution_line(source: str) -> None:
    """The boundary attribution under a map (the amCharts licence asks for a visible link)."""
    html = geo.BOUNDARY_ATTRIBUTION[source]
    if source == "amcharts":
        html = "[Municipal boundaries: amCharts](https://www.amcharts.com/)"
    st.caption(tr("data.attribution", attribution=html))


def page_link(path: str, label: str, icon: str | None = None) -> None:
    """``st.page_link`` that degrades to plain text when the page runs outside app.py."""
    try:
        st.page_link(path, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        st.caption(label)


def data_error(exc: Exception) -> None:
    st.error(tr("error.data", error=literal_lines(user_message(exc, lang()))),
             icon=":material/error:")


MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~$:=&^\"'")


def literal(text: object) -> str:
    """``text`` escaped for Streamlit Markdown: shown as typed, never as formatting, links,
    colour directives or HTML. For untrusted text (names, comments, imported labels) in
    titles and captions; longer untrusted text goes through ``st.text``."""
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c
                   for c in " ".join(str(text).split()))


def literal_lines(text: object) -> str:
    """:func:`literal` line by line, the lines kept (an error listing problems, one a line)."""
    return "  \n".join(literal(line) for line in str(text).splitlines())


def municipality_name(code: str | None) -> str:
    return published.municipality_name(code, lang())


def facts(pairs: list[tuple[str, object]]) -> None:
    """Label: value lines; values are shown literally (they may come from users)."""
    for label, value in pairs:
        st.markdown(f"**{label}:** {literal(value)}")


# ----------------------------------------------------------------------------- loaders


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """Migrated and seeded once per process; the runs and sweeps that dead app processes
    (this one's predecessor, or another replica) left unfinished are marked interrupted."""
    engine = store.init_db(store.get_engine(url))
    runs.mark_interrupted(engine)
    sweeps.mark_interrupted(engine)
    return engine


def engine() -> Engine:
    """The migrated, seeded database of the ``DATABASE_URL`` setting (one per URL)."""
    return _engine(get_settings().database_url)


@contextmanager
def db_session() -> Iterator[Session]:
    """A session on :func:`engine` for one page run; planning functions commit their own
    transactions."""
    with Session(engine(), expire_on_commit=False) as session:
        yield session


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    return load_catalogue()


def catalogue_of(inputs: ScenarioInputs) -> Catalogue:
    """The catalogue with the services a scenario adds (names, groups and norms as
    entered), for pages that name or list a scenario's services."""
    return inputs.with_own_services(catalogue())


@st.cache_data(show_spinner=False)
def municipality_table(division: str, region: str, lang: str) -> pd.DataFrame:
    return views.municipality_table(division, region, lang, catalogue())


@st.cache_data(show_spinner=False)
def institutions_table(division: str, region: str, lang: str) -> pd.DataFrame:
    return views.institutions_table(division, region, lang)


@st.cache_data(show_spinner=False)
def services_table(division: str, region: str, lang: str) -> pd.DataFrame:
    return views.services_table(division, region, lang, catalogue())


@st.cache_data(show_spinner=False)
def needs_layer(
    division: str, group: str, service: str, region: str, lang: str, source: str
) -> gpd.GeoDataFrame:
    return views.needs_layer(division, group, service, region, lang, source, catalogue())


@st.cache_data(show_spinner=False)
def region_layer(division: str, lang: str, source: str) -> gpd.GeoDataFrame:
    return views.region_layer(division, lang, source)


@st.cache_data(show_spinner=False)
def region_bounds(division: str, region: str, source: str) -> list[list[float]]:
    return views.region_bounds(division, region, source)


# ----------------------------------------------------------------------------- tables


PERCENT_COLUMNS = ("coverage", "coverage_of_eligible", "investment_share_used",
                   "cofinancing_share", "occupancy")
ROW_PX = 35  # a table row (and its header) in Streamlit's dataframe


def table_height(rows: int, max_height: int | None = None) -> int:
    """Pixels that show a table of ``rows`` rows and its header without a scroll bar;
    at most ``max_height`` (then it scrolls).

    >>> table_height(2), table_height(100, 460)
    (108, 460)
    """
    height = ROW_PX * (rows + 1) + 3
    return height if max_height is None else min(max_height, height)


def column_config(df: pd.DataFrame, lang: str) -> dict[str, object]:
    """Labels in ``lang`` (one lookup: ``reference_views.column_label``); numbers in the
    reader's locale, shares as per cent."""
    config: dict[str, object] = {}
    for col in df.columns:
        label = views.column_label(str(col), lang, catalogue())
        if col in PERCENT_COLUMNS:
            config[col] = st.column_config.NumberColumn(label, format="percent")
        elif pd.api.types.is_bool_dtype(df[col]):
            config[col] = st.column_config.CheckboxColumn(label)
        elif pd.api.types.is_numeric_dtype(df[col]):
            config[col] = st.column_config.NumberColumn(label, format="localized")
        else:
            config[col] = st.column_config.TextColumn(label)
    return config


def table(
    df: pd.DataFrame, columns: list[str] | None = None, *, key: str, max_height: int = 460,
    download: str | None = None, widths: dict[str, str] | None = None,
    formats: dict[str, str] | None = None,
    texts: dict[str, Callable[[Any], str]] | None = None, csv: bytes | None = None,
) -> None:
    """A read-only, sortable table of ``columns`` (all by default) with labels in the
    session's language; a caption when empty.

    ``download`` names a CSV file (UTF-8 with BOM, so spreadsheet programs read 'ā' right)
    offered below the table, with the same column labels. ``widths`` narrows columns
    ("small", "medium"); ``formats`` gives numeric columns a printf format (``"%,d"``);
    ``texts`` shows a column's values as the function's text (``i18n.fmt_change``: "+3",
    "0") while the table still sorts them by value. ``csv`` is the download's content when
    the page has it already (:func:`csv_bytes` of the shown columns, e.g. kept in a cache).
    """
    shown = df if columns is None else df[columns]
    if shown.empty:
        st.caption(tr("table.empty"))
        return
    config = column_config(shown, lang())
    for col, width in (widths or {}).items():
        config[col] = config[col] | {"width": width}
    for col, number_format in (formats or {}).items():
        config[col] = st.column_config.NumberColumn(config[col]["label"], format=number_format,
                                                    width=config[col].get("width"))
    texts = {c: fn for c, fn in (texts or {}).items() if c in shown}
    for col in texts:  # a column configuration's format would win over the text
        config[col] = {k: v for k, v in config[col].items() if k in ("label", "width")}
    data = shown.style.format(texts) if texts else shown
    st.dataframe(data, column_config=config, hide_index=True,
                 height=table_height(len(shown), max_height), key=key)
    if download:
        csv_button(shown, download, key=key, csv=csv)


def csv_bytes(df: pd.DataFrame, lang: str) -> bytes:
    """The CSV of a table (UTF-8 with BOM, column labels in ``lang``). Text cells are inert:
    a name never runs as a spreadsheet formula (:mod:`planning.io.inert`)."""
    labels = views.column_labels(list(df.columns), lang, catalogue())
    return inert.csv_frame(df.rename(columns=labels)).to_csv(index=False).encode("utf-8-sig")


def csv_button(df: pd.DataFrame, file_name: str, *, key: str, where: Any = st,
               csv: bytes | None = None) -> None:
    """The CSV download of :func:`table` (key ``<key>_csv``), in ``where`` (e.g. a column,
    to put another download beside it): ``csv``, or :func:`csv_bytes` of ``df``."""
    csv = csv_bytes(df, lang()) if csv is None else csv
    where.download_button(
        tr("table.download"), csv, file_name=file_name, mime="text/csv",
        key=f"{key}_csv", icon=":material/download:",
    )


# ----------------------------------------------------------------------------- published plans


def change_text(value: object) -> str:
    """A change as shown: signed only when not zero ("+3", "−2", "0"), text as it is."""
    return i18n.fmt_change(value, lang())


def count_text(value: object) -> str:
    """A count as shown: local format, '<5' as is, 'withheld' when None
    (``planning.views.published_views.count_text`` in the session's language)."""
    return published_views.count_text(value, lang())


def allocation_table(table: pd.DataFrame, *, key: str, extra: list[str] | None = None) -> None:
    """New places per municipality and service (from ``planning.store.published``); counts as
    text so '<5' and local number formats look alike."""
    counts = [c for c in ("existing_places", "new_places", "new_facilities") if c in table]
    shown = table.assign(**{c: table[c].map(count_text) for c in counts})
    columns = ["municipality", "service", *counts, *(extra or [])]
    st.dataframe(
        shown[columns], hide_index=True, key=key,
        height=table_height(len(shown), 460),
        column_config={c: st.column_config.TextColumn(
            tr(f"col.{c}"), width="large" if c == "comment" else None) for c in columns},
    )


def plan_selector(plans: list, *, key: str):
    """A selectbox of ``planning.store.published.PlanView`` items (labels are plain text),
    keyed by scenario id: after a step changes a plan's status the same plan stays chosen."""
    current = lang()
    by_id = {p.scenario_id: p for p in plans}
    if st.session_state.get(key) not in by_id:
        st.session_state.pop(key, None)
    chosen = st.selectbox(tr("plan.choose"), options=list(by_id), key=key,
                          format_func=lambda i: by_id[i].label(current))
    return by_id[chosen]


def plan_caption(plan) -> None:
    """Region, version, status and consultation period of a ``PlanView``."""
    current = lang()
    parts = [i18n.region_name(plan.region, current), tr("plan.version", n=plan.version),
             tr(f"plan.status.{plan.status}")]
    if plan.start and plan.end:
        parts.append(tr("plan.period", start=i18n.fmt_date(plan.start, current),
                        end=i18n.fmt_date(plan.end, current)))
    st.caption(" · ".join(parts))


def when(moment: datetime) -> str:
    """A timestamp in Riga time and local format: '25.11.2026. 14:05'."""
    return i18n.fmt_datetime(moment, lang())


def comment_card(name: str, organisation: str, created_at: datetime, text: str,
                 answer: str | None, decision: str | None = None) -> None:
    """One comment with its answer and whether it was taken into account; every part from
    users is shown as plain text."""
    with st.container(border=True):
        who = f"{name} ({organisation})" if organisation else name
        st.text(f"{who} · {when(created_at)}")
        st.text(text)
        if answer:
            verdict = f" ({tr(f'decision.{decision}')})" if decision else ""
            st.markdown(f"**{tr('consult.answer')}{verdict}:**")
            st.text(answer)


def planning_error(exc: Exception, *, forget: str | None = None) -> None:
    """A domain error as a clear message (``planning.domain.errors`` texts are written for users);
    any other exception as an unexpected error (nothing was changed: writes are atomic).

    A :class:`VersionConflict` gets a reload button; it drops the session key ``forget``
    (where the page keeps the version the user saw) so the page shows the newest one.
    """
    said = literal_lines(user_message(exc, lang()))
    if isinstance(exc, PermissionDenied):
        st.error(tr("error.denied", error=said), icon=":material/block:")
    elif isinstance(exc, VersionConflict):
        st.error(tr("error.conflict", error=said), icon=":material/sync_problem:")
        st.button(tr("error.reload"), key="reload_after_conflict", icon=":material/refresh:",
                  on_click=lambda: st.session_state.pop(forget, None) if forget else None)
    elif isinstance(exc, FiguresOutdated):
        st.info(tr("plan.updating"), icon=":material/update:")
    elif isinstance(exc, InputError):
        st.error(tr("error.input", error=said), icon=":material/edit_note:")
    elif isinstance(exc, PlanningError | OptimizerError):
        st.error(tr("error.step", error=said), icon=":material/error:")
    else:
        unexpected_error(exc)


def unexpected_error(exc: BaseException) -> str:
    """Log ``exc`` with its traceback under a new incident id and show the id to the user
    (the cause is in the log, not on the page); returns the id."""
    incident = secrets.token_hex(4)
    LOG.error("incident %s: unexpected error on a page", incident, exc_info=exc)
    st.error(tr("error.unexpected", incident=incident), icon=":material/error:")
    return incident


class guard:  # noqa: N801 - used like a function: ``with ui.guard() as attempt:``
    """Run one step of a page: a domain error (:class:`PlanningError`, an optimizer error)
    is shown as a clear message, anything else is logged with an incident id; either way the
    exception stops here and ``attempt.failed`` is true, so the page can stop::

        with ui.guard() as attempt:
            with ui.db_session() as session:
                ...
        if attempt.failed:
            return

    ``forget`` is the session key a version conflict's reload button drops.
    """

    def __init__(self, *, forget: str | None = None) -> None:
        self.forget = forget
        self.failed = False

    def __enter__(self) -> guard:
        return self

    def __exit__(self, kind: type | None, exc: BaseException | None, tb: object) -> bool:
        if not isinstance(exc, Exception):  # none, or Streamlit's rerun/stop: let it pass
            return False
        self.failed = True
        planning_error(exc, forget=self.forget)
        return True


def requires(*roles: Role) -> bool:
    """Whether the session's actor has one of ``roles``; if not, say who the page is for."""
    if actor().role in roles:
        return True
    names = ", ".join(tr(f"role.{r.value}") for r in roles)
    st.warning(tr("access.sign_in", roles=names), icon=":material/lock:")
    page_link("pages/signin.py", tr("nav.signin"), ":material/login:")
    return False
