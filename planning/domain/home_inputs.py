"""A scenario's inputs for home-based support: staff available per region and profession,
dwellings available per municipality (Housing First), checked cell by cell, and what the
optimizer gets from them and from the catalogue's ``[home_services]`` / ``[adaptations]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from optimizer import problem as op
from planning.domain import bounds, geo
from planning.domain.catalogue import Catalogue
from planning.domain.home_norms import professions
from planning.i18n import msg

if TYPE_CHECKING:
    from planning.domain.inputs import ScenarioInputs

STAFF_COLUMNS = ("region", "profession", "fte")
DWELLING_COLUMNS = ("atvk_code", "dwellings")
MAX_STAFF = 10_000
MAX_DWELLINGS = 100_000


def service_groups(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """Groups per service id, place-based and home services alike (what a need may name)."""
    return {**{sid: s.groups for sid, s in catalogue.services.items()},
            **{hid: h.groups for hid, h in catalogue.home_services.items()}}


def home_input_problems(inputs: ScenarioInputs, munis: pd.DataFrame, catalogue: Catalogue,
                        invalid: Any) -> list[Any]:
    """Every invalid cell of the staff and dwelling tables (``invalid`` builds an
    ``InvalidValue``: section, row, column, value, message)."""
    found = []
    known = professions(catalogue.home_services)
    seen: set[tuple[str, str]] = set()
    for k, (region, prof, fte) in enumerate(inputs.staff_available, start=1):
        if region not in geo.REGIONS:
            found.append(invalid("staff", k, "region", region, msg(
                "inputs.unknown_region_of", options=", ".join(geo.REGIONS))))
        elif inputs.region and region != inputs.region:
            found.append(invalid("staff", k, "region", region,
                                 msg("inputs.outside_region", region=inputs.region)))
        if prof not in known:
            found.append(invalid("staff", k, "profession", prof,
                                 msg("inputs.unknown_profession", options=", ".join(known))))
        if bad := bounds.problem(fte, MAX_STAFF):
            found.append(invalid("staff", k, "fte", fte, bad))
        if (region, prof) in seen:
            found.append(invalid("staff", k, None, f"{region}/{prof}",
                                 msg("inputs.duplicated_row")))
        seen.add((region, prof))
    codes: set[str] = set()
    for k, (code, n) in enumerate(inputs.dwellings, start=1):
        if code not in munis.index:
            found.append(invalid("dwellings", k, "atvk_code", code,
                                 msg("inputs.unknown_code_atvk")))
        elif inputs.region and munis.loc[code, "planning_region"] != inputs.region:
            found.append(invalid("dwellings", k, "atvk_code", code,
                                 msg("inputs.outside_region", region=inputs.region)))
        if bad := bounds.problem(n, MAX_DWELLINGS):
            found.append(invalid("dwellings", k, "dwellings", n, bad))
        if code in codes:
            found.append(invalid("dwellings", k, None, code, msg("inputs.duplicated_row")))
        codes.add(code)
    return found


def staff_frame(inputs: ScenarioInputs) -> pd.DataFrame:
    return pd.DataFrame(list(inputs.staff_available), columns=list(STAFF_COLUMNS))


def dwellings_frame(inputs: ScenarioInputs) -> pd.DataFrame:
    return pd.DataFrame(list(inputs.dwellings), columns=list(DWELLING_COLUMNS))


def home_service_norms(catalogue: Catalogue) -> list[op.HomeServiceNorm]:
    return [op.HomeServiceNorm(
        h.id, h.name_en, list(h.groups), hours_per_client_month=h.hours_per_client_month,
        hourly_rate=h.hourly_rate, dwellings_per_client=h.dwellings_per_client,
        staff=[op.StaffNorm(st.profession, st.clients_per_staff, st.hours_per_staff_month,
                            st.cost_per_staff_year) for st in h.staff])
        for h in catalogue.home_services.values()]


def adaptation_norms(catalogue: Catalogue) -> list[op.AdaptationNorm]:
    return [op.AdaptationNorm(a.id, a.name_en, list(a.replaces), a.home_service,
                              list(a.groups), a.investment_per_dwelling,
                              care_levels=list(a.care_levels),
                              priority_classes=list(a.priority_classes))
            for a in catalogue.adaptations.values()]


def problem_home_fields(inputs: ScenarioInputs, catalogue: Catalogue, codes: set[str],
                        regions: set[str]) -> dict[str, Any]:
    """The ``ProblemInput`` fields of home-based support for the scenario's area."""
    return {
        "home_services": home_service_norms(catalogue),
        "adaptations": adaptation_norms(catalogue),
        "staff_limits": [op.StaffLimit(r, q, float(n)) for r, q, n in inputs.staff_available
                         if r in regions],
        "dwellings": [op.DwellingStock(c, float(n)) for c, n in inputs.dwellings if c in codes],
    }
