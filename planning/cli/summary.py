"""A solution as a few readable lines in the command line's language (``di-plan solve``,
``di-plan export scenario``): status, persons served, places, money, distance, the new
places per site and the unmet need by cause."""

from __future__ import annotations

from optimizer.problem import ProblemInput
from optimizer.solution import Solution
from planning import i18n
from planning.domain.catalogue import load_catalogue
from planning.views import home_tables


def solution_lines(sol: Solution, problem: ProblemInput, lang: str) -> list[str]:
    """The solution's key figures, its new places per municipality and service, and the
    unmet need by cause."""
    return [*_figure_lines(sol, lang), *_home_lines(sol, lang),
            *_site_lines(sol, problem, lang), *_centre_lines(sol, problem, lang),
            *_unmet_lines(sol, lang)]


def _home_lines(sol: Solution, lang: str) -> list[str]:
    """Home-based support: clients and staff per profession, and where staff binds."""
    if sol.home_staff.empty and sol.staff_use.empty:
        return []
    staff = sol.home_staff.groupby("profession")["staff"].sum()
    return [i18n.t("cli.summary.home", lang,
                   clients=i18n.fmt_int(sol.totals.get("home_clients", 0), lang),
                   staff=", ".join(f"{home_tables.profession_name(q, lang)} {i18n.fmt_int(n, lang)}"
                                   for q, n in staff.items()) or "0",
                   eur=i18n.fmt_eur(sol.totals.get("home_eur_per_year", 0), lang)),
            *(i18n.t("cli.summary.staff_binds", lang, region=i18n.region_name(r.region, lang),
                     profession=home_tables.profession_name(r.profession, lang),
                     staff=i18n.fmt_int(r.staff, lang), clients=i18n.fmt_int(r.binding, lang))
              for r in sol.staff_use.itertuples() if r.binding > 0)]


def _figure_lines(sol: Solution, lang: str) -> list[str]:
    t = sol.totals

    def number(key: str, decimals: int = 0) -> str:
        return i18n.fmt_number(t[key], lang, decimals)

    gap = "" if not sol.gap else i18n.t("cli.summary.gap", lang,
                                        gap=i18n.fmt_pct(sol.gap, lang, 2))
    return [
        i18n.t("cli.summary.status", lang, solver=sol.solver, method=sol.method, gap=gap,
               status=i18n.t_or(f"run.status.{sol.status}", lang, sol.status),
               seconds=i18n.fmt_number(sol.seconds, lang, 2)),
        i18n.t("cli.summary.persons", lang,
               need=i18n.fmt_int(t.get("need_persons", t["need_clients"]), lang),
               served=i18n.fmt_int(t.get("served_persons", t["served_clients"]), lang),
               unserved=i18n.fmt_int(t.get("unserved_persons", t["unmet_clients"]), lang)),
        i18n.t("cli.summary.places", lang, places=number("new_places"),
               facilities=i18n.tn("cli.evaluate.facilities", t["new_facilities"], lang),
               staff=number("staff", 1), mentors=number("mentors")),
        i18n.t("cli.summary.money", lang, investment=i18n.fmt_eur(t["investment_eur"], lang),
               erdf=i18n.fmt_eur(t["erdf_eur"], lang),
               cofinancing=i18n.fmt_eur(t["cofinancing_eur"], lang),
               running=i18n.fmt_eur(t["running_eur_per_year"], lang)),
        i18n.t("cli.summary.distance", lang, km=number("mean_km_per_client", 1)),
    ]


def _site_lines(sol: Solution, problem: ProblemInput, lang: str) -> list[str]:
    names = {m.code: m.name for m in problem.municipalities}
    services = load_catalogue().services
    new = sol.sites[sol.sites.new_places > 0]
    hosted = set(zip(sol.centres["municipality"], sol.centres["service"], strict=True))
    return ["  " + i18n.t(
        "cli.summary.site", lang, municipality=names.get(r.municipality, r.municipality),
        service=services[r.service].name(lang) if r.service in services else r.service,
        places=i18n.tn("cli.evaluate.places", r.new_places, lang),
        facilities=i18n.t("cli.summary.in_centre", lang)
        if (r.municipality, r.service) in hosted
        else i18n.tn("cli.evaluate.facilities", r.new_facilities, lang),
        investment=i18n.fmt_eur(r.investment_eur, lang))
        for r in new.sort_values(["municipality", "service"]).itertuples()]


def _centre_lines(sol: Solution, problem: ProblemInput, lang: str) -> list[str]:
    """The multifunctional centres: their services, clients and shared cost."""
    if sol.centres.empty:
        return []
    names = {m.code: m.name for m in problem.municipalities}
    norms = {c.id: c for c in problem.centres}
    services = load_catalogue().services
    lines = [i18n.t("cli.summary.centres", lang, n=sol.totals.get("centres", 0))]
    for (code, cid), units in sol.centres.groupby(["municipality", "centre"]):
        hosted = ", ".join(
            f"{services[s].name(lang) if s in services else s} "
            f"{i18n.fmt_int(unit['new_places'].sum(), lang)}"
            for s, unit in units.groupby("service"))
        norm = norms.get(cid)
        lines.append("  " + i18n.t(
            "cli.summary.centre", lang, municipality=names.get(code, code), services=hosted,
            clients=i18n.fmt_int(units["clients"].sum(), lang),
            investment=i18n.fmt_eur(norm.investment_per_centre if norm else 0, lang),
            running=i18n.fmt_eur(norm.running_cost_per_centre_year if norm else 0, lang)))
    return lines


def _unmet_lines(sol: Solution, lang: str) -> list[str]:
    if not len(sol.unmet):
        return []
    by_cause = sol.unmet.groupby("cause")["unmet"].sum()
    causes = ", ".join(f"{i18n.t_or(f'cause.{cause}', lang, cause)} "
                       f"{i18n.fmt_number(value, lang, 1)}" for cause, value in by_cause.items())
    return [i18n.t("cli.summary.unmet", lang, causes=causes)]
