"""Column headers and titles of exported tables and the report, in Latvian and English."""

from __future__ import annotations

import math

COLUMNS: dict[str, tuple[str, str]] = {
    "atvk_code": ("ATVK kods", "ATVK code"),
    "municipality": ("Pašvaldība", "Municipality"),
    "name": ("Pašvaldība", "Municipality"),
    "region": ("Plānošanas reģions", "Planning region"),
    "participating": ("Piedalās", "Participating"),
    "group": ("Mērķa grupa", "Target group"),
    "care_level": ("Aprūpes līmenis", "Care level"),
    "service": ("Pakalpojums", "Service"),
    "count": ("Klienti", "Clients"),
    "need": ("Vajadzība (klienti)", "Need (clients)"),
    "served": ("Apmierināta (klienti)", "Met (clients)"),
    "unmet": ("Neapmierināta (klienti)", "Unmet (clients)"),
    "cause": ("Iemesls", "Cause"),
    "cause_detail": ("Skaidrojums", "Explanation"),
    "existing_places": ("Esošās vietas", "Existing places"),
    "new_places": ("Jaunas vietas", "New places"),
    "new_facilities": ("Jauni objekti", "New facilities"),
    "clients": ("Klienti", "Clients"),
    "investment_eur": ("Investīcijas, EUR", "Investment, EUR"),
    "erdf_eur": ("ERAF, EUR", "ERDF, EUR"),
    "cofinancing_eur": ("Pašvaldību līdzfinansējums, EUR", "Municipal co-financing, EUR"),
    "running_eur_per_year": ("Uzturēšanas izmaksas, EUR/gadā", "Running cost, EUR/year"),
    "staff": ("Darbinieki", "Staff"),
    "mentor_clients": ("Mentora klienti", "Mentor clients"),
    "mentors": ("Sociālie mentori", "Social mentors"),
    "mentor_eur_per_year": ("Mentoru izmaksas, EUR/gadā", "Mentor cost, EUR/year"),
    "erdf_quota_eur": ("ERAF kvota, EUR", "ERDF quota, EUR"),
    "cofinancing_share": ("Līdzfinansējuma daļa", "Co-financing share"),
    "investment_budget_eur": ("Pieejamās investīcijas, EUR", "Investment available, EUR"),
    "investment_share_used": ("Izlietotā daļa", "Share used"),
    "running_budget_eur_per_year": ("Uzturēšanas budžets, EUR/gadā",
                                    "Running budget, EUR/year"),
    "norm": ("Normatīvs", "Norm"),
    "value": ("Vērtība", "Value"),
    "source": ("Avots", "Source"),
    "item": ("Rādītājs", "Item"),
}

TABLES: dict[str, tuple[str, str]] = {
    "summary": ("Kopsavilkums", "Summary"),
    "places": ("Jaunās vietas", "New places"),
    "municipalities": ("Pašvaldības", "Municipalities"),
    "budget": ("Budžets", "Budget"),
    "unmet": ("Neapmierinātā vajadzība", "Unmet need"),
    "needs": ("Vajadzības", "Needs"),
    "norms": ("Normatīvi", "Norms"),
    "scenario": ("Scenārijs", "Scenario"),
}

CAUSES: dict[str, tuple[str, str]] = {
    "budget": ("investīciju budžets", "investment budget"),
    "running_budget": ("uzturēšanas budžets", "running budget"),
    "reach": ("nav vietas sasniedzamā attālumā", "no site within reach"),
    "non_participating": ("pašvaldība nepiedalās", "municipality not participating"),
    "excluded_site": ("vieta izslēgta", "site excluded"),
    "facility_cap": ("objektu skaita ierobežojums", "cap on new facilities"),
    "municipality_limit": ("pašvaldības ierobežojums", "municipality's limit"),
    "heuristic": ("heiristika", "heuristic"),
    "time_limit": ("laika ierobežojums", "time limit"),
    "plan_no_site": ("plānā nav vietas sasniedzamā attālumā", "the plan has no place within reach"),
    "plan_full": ("plāna vietas sasniedzamā attālumā aizņemtas",
                  "the plan's places within reach are taken"),
}

SUMMARY: dict[str, tuple[str, str]] = {
    "need_clients": ("Vajadzība, klienti", "Need, clients"),
    "served_clients": ("Apmierināta, klienti", "Met, clients"),
    "unmet_clients": ("Neapmierināta, klienti", "Unmet, clients"),
    "new_places": ("Jaunas vietas", "New places"),
    "new_facilities": ("Jauni objekti", "New facilities"),
    "investment_eur": ("Investīcijas, EUR", "Investment, EUR"),
    "erdf_eur": ("ERAF, EUR", "ERDF, EUR"),
    "cofinancing_eur": ("Pašvaldību līdzfinansējums, EUR", "Municipal co-financing, EUR"),
    "running_eur_per_year": ("Uzturēšanas izmaksas, EUR/gadā", "Running cost, EUR/year"),
    "staff": ("Darbinieki", "Staff"),
    "mentors": ("Sociālie mentori", "Social mentors"),
    "mean_km_per_client": ("Vidējais attālums no mājām, km", "Mean distance from home, km"),
}

SCENARIO: dict[str, tuple[str, str]] = {
    "scenario": ("Scenārijs", "Scenario"),
    "version": ("Versija", "Version"),
    "status": ("Statuss", "Status"),
    "region": ("Plānošanas reģions", "Planning region"),
    "division": ("Administratīvais iedalījums", "Administrative division"),
    "preset": ("Normatīvu kopa", "Norm preset"),
    "catalogue_version": ("Kataloga versija", "Catalogue version"),
    "cost_contingency": ("Izmaksu rezerve", "Cost contingency"),
    "solver": ("Risinātājs", "Solver"),
    "solver_status": ("Risinājuma statuss", "Solution status"),
    "gap": ("Optimalitātes atstarpe", "Optimality gap"),
    "exported": ("Eksportēts", "Exported"),
    "public": ("Publiskā versija (skaits 1-4 rādīts kā <5)",
               "Public version (counts 1-4 shown as <5)"),
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """The label of ``key`` in ``lang``; the key itself if it has none."""
    pair = table.get(key)
    return key if pair is None else pair[0 if lang == "lv" else 1]


def fmt_number(value: object, lang: str, decimals: int = 0) -> str:
    """'1 234,5' (lv) or '1,234.5' (en); text (e.g. '<5') as it is; '–' for missing."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",") if lang == "lv" else text
