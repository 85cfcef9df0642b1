"""A stored sweep as people read it: lever names, the frontier, the tornado, the points, and
the workbook; a robust plan's facilities and how often the scenarios build them (no
Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any

import pandas as pd

from optimizer.sweep import Axis, Lever
from planning import i18n
from planning.domain.catalogue import Catalogue
from planning.domain.sweeps import parse_values
from planning.io import inert
from planning.store.sweeps import RobustView, SweepSpec, SweepView

MILLION = 1_000_000.0


def lever_label(key: str, lang: str, catalogue: Catalogue) -> str:
    """``budget`` → "Investīciju budžets (EUR)"; ``need:Latgale`` → "Vajadzība: Latgale"."""
    lever = Lever.parse(key)
    name = i18n.t(f"sweep.lever.{lever.name}", lang)
    if not lever.scope:
        return name
    group = catalogue.groups.get(lever.scope)
    scope = i18n.localized(group, lang) if group else i18n.region_name(lever.scope, lang)
    return f"{name}: {scope}"


def default_values(key: str, budget_eur: float, lang: str) -> str:
    """A first grid for a lever, typed as the user would (budget: half to one and a half
    times the scenario's, in steps of a quarter)."""
    if key == "budget":
        step = max(round(budget_eur / 4 / 100_000) * 100_000, 100_000)
        values = [step * k for k in range(2, 7)]
    else:
        values = {"contingency": [0, 0.15, 0.3], "min_occupancy": [0.5, 0.7, 0.9],
                  "mentor_ratio": [3, 5, 7]}.get(key, [0.8, 1.0, 1.2])
    return "; ".join(typed(v, lang) for v in values)


def sweep_spec(axes: list[tuple[str, str]], *, one_at_a_time: bool, lang: str,
               catalogue: Catalogue) -> SweepSpec:
    """The sweep of ``axes`` ((lever key, values as typed) pairs); ``InputError`` naming the
    lever whose values are bad (:func:`planning.domain.sweeps.parse_values`)."""
    return SweepSpec([Axis(Lever.parse(key), parse_values(
        text, lang, column=lever_label(key, lang, catalogue))) for key, text in axes],
        one_at_a_time=one_at_a_time)


def robust_figures(result: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """A robust plan's persons unserved expected and at worst, and its largest regret."""
    return [(key, i18n.fmt_number(result[name], lang, 1)) for key, name in (
        ("robust.expected", "expected_unserved"), ("robust.worst", "worst_unserved"),
        ("robust.regret", "max_regret"))]


def robust_assessed(result: Mapping[str, Any], lang: str) -> dict[str, str]:
    """The same figures of the candidates assessed, and how many there were."""
    assessed = result["assessed"]
    return {"expected": i18n.fmt_number(assessed["expected_unserved"], lang, 1),
            "worst": i18n.fmt_number(assessed["worst_unserved"], lang, 1),
            "regret": i18n.fmt_number(assessed["max_regret"], lang, 1),
            "candidates": i18n.fmt_int(result["candidates"], lang)}


def typed(value: float, lang: str) -> str:
    """A number as a user types it back: grouped, with only the decimals it has."""
    decimals = 0 if float(value).is_integer() else len(f"{value:.4f}".rstrip("0").split(".")[1])
    return i18n.fmt_number(value, lang, decimals)


def axis_labels(lang: str) -> str:
    """A Vega label expression writing numbers as the language does (Vega's own format is
    English: 1,000.5; Latvian: 1 000,5)."""
    if lang != "lv":
        return "format(datum.value, ',.6~f')"
    return ("replace(replace(replace(format(datum.value, ',.6~f'), /,/g, '_'), /\\./g, ','),"
            " /_/g, '\u00a0')")


def frontier_frame(sweep: SweepView, lang: str) -> pd.DataFrame:
    rows = sweep.frontier()
    return pd.DataFrame({
        i18n.t("sweep.col.budget_meur", lang): [r["budget_eur"] / MILLION for r in rows],
        i18n.t("sweep.col.served", lang): [r["served"] for r in rows],
        i18n.t("sweep.col.unserved", lang): [r["unserved"] for r in rows],
        i18n.t("sweep.col.invested_meur", lang): [r["investment_eur"] / MILLION for r in rows],
        i18n.t("sweep.col.per_million", lang): [
            "—" if r["served_per_extra_million"] is None
            else i18n.fmt_number(r["served_per_extra_million"], lang, 1) for r in rows],
    })


def tornado_frame(sweep: SweepView, lang: str, catalogue: Catalogue) -> pd.DataFrame:
    rows = sweep.tornado()
    return pd.DataFrame({
        i18n.t("sweep.col.lever", lang): [lever_label(r["lever"], lang, catalogue)
                                           for r in rows],
        i18n.t("sweep.col.low", lang): [r["low_value"] for r in rows],
        i18n.t("sweep.col.high", lang): [r["high_value"] for r in rows],
        i18n.t("sweep.col.served_low", lang): [r["served_low"] for r in rows],
        i18n.t("sweep.col.served_high", lang): [r["served_high"] for r in rows],
        i18n.t("sweep.col.swing", lang): [r["swing"] for r in rows],
    })


def points_frame(sweep: SweepView, lang: str, catalogue: Catalogue) -> pd.DataFrame:
    """One row per solved point: the lever values, then what the plan does (or why none)."""
    levers = [a.lever.key for a in sweep.spec.axes]
    records = []
    for p in sorted(sweep.points, key=lambda p: [p["point"].get(k, -1) for k in levers]):
        row: dict[str, object] = {lever_label(k, lang, catalogue): p["point"].get(k)
                                  for k in levers}
        failed = p.get("status") == "failed"
        row[i18n.t("sweep.col.status", lang)] = i18n.t_or(f"run.status.{p['status']}", lang,
                                                          p["status"])
        for key in ("served", "unserved", "investment_eur", "running_eur_per_year",
                    "new_places", "new_facilities"):
            row[i18n.t(f"sweep.col.{key}", lang)] = None if failed else round(p[key])
        row[i18n.t("sweep.col.error", lang)] = p.get("error", "")
        records.append(row)
    return pd.DataFrame(records)


def sweep_workbook(sweep: SweepView, lang: str, catalogue: Catalogue) -> bytes:
    """The sweep as an XLSX: points, frontier and tornado, one sheet each, headers frozen;
    text cells inert (an error may quote a name a user typed; :mod:`planning.io.inert`)."""
    sheets = {i18n.t("sweep.sheet.points", lang): points_frame(sweep, lang, catalogue),
              i18n.t("sweep.sheet.frontier", lang): frontier_frame(sweep, lang),
              i18n.t("sweep.sheet.tornado", lang): tornado_frame(sweep, lang, catalogue)}
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            if frame.empty:
                continue
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            for row in sheet.iter_rows():
                inert.as_text(row)
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
    return buffer.getvalue()


def frequency(run: RobustView) -> pd.DataFrame:
    """One row per (municipality, service) that a scenario's optimum or the chosen plan
    builds: ``share`` of the scenario optima building it, the chosen plan's new ``places``;
    most often built first."""
    result = run.result or {}
    chosen = {(m, s): places for m, s, places, _f in result.get("chosen", {}).get("sites", [])
              if places > 0}
    shares = {(f["municipality"], f["service"]): f["share"] for f in result.get("frequency", [])}
    rows = [{"municipality": m, "service": s, "share": shares.get((m, s), 0.0),
             "places": chosen.get((m, s), 0.0)} for m, s in sorted(shares.keys() | chosen)]
    frame = pd.DataFrame(rows, columns=["municipality", "service", "share", "places"])
    return frame.sort_values(["share", "places"], ascending=False, kind="stable",
                             ignore_index=True)


def frequency_frame(run: RobustView, lang: str, catalogue: Catalogue,
                    names: Mapping[str, str]) -> pd.DataFrame:
    """:func:`frequency` as the page shows it: names, the share in whole per cent (a number,
    so the table sorts by it)."""
    rows = frequency(run)
    return pd.DataFrame({
        i18n.t("col.municipality", lang): [names.get(m, m) for m in rows["municipality"]],
        i18n.t("col.service", lang): [catalogue.services[s].name(lang)
                                      if s in catalogue.services else s
                                      for s in rows["service"]],
        i18n.t("robust.col.share", lang): [round(100 * v) for v in rows["share"]],
        i18n.t("robust.col.places", lang): [round(v) for v in rows["places"]],
    })
