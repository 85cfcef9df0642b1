"""Tables of candidate sites for the inputs and results pages and the exports (names in the
reader's language)."""

from __future__ import annotations

import pandas as pd

from planning.domain import geo, sites
from planning.domain.catalogue import Catalogue
from planning.domain.inputs import ScenarioInputs


def _municipality_names(division: str) -> dict[str, str]:
    munis = geo.municipalities(division)
    return dict(zip(munis["atvk_code"], munis["name_lv"], strict=True))


def _service_names(ids: str, catalogue: Catalogue, lang: str, every: str) -> str:
    if not ids:
        return every
    return ", ".join(catalogue.services[s].name(lang) if s in catalogue.services else s
                     for s in ids.split(sites.SERVICE_SEPARATOR))


def candidate_table(inputs: ScenarioInputs, catalogue: Catalogue, lang: str,
                    every: str) -> pd.DataFrame:
    """The stored candidate sites: site, municipality, lat, lon, services (``every`` when
    all are allowed), risk."""
    frame = sites.sites_frame(inputs)
    names = _municipality_names(inputs.division)
    return pd.DataFrame({
        "site": frame["name"], "municipality": frame["atvk_code"].map(names),
        "lat": frame["lat"], "lon": frame["lon"],
        "services": frame["services"].map(
            lambda v: _service_names(v, catalogue, lang, every)),
        "risk": frame["risk"],
    })


def built_table(inputs: ScenarioInputs, solution_sites: pd.DataFrame, catalogue: Catalogue,
                lang: str) -> pd.DataFrame:
    """Where the plan's new places go, per candidate site and service."""
    built = sites.sites_built(inputs, solution_sites)
    names = _municipality_names(inputs.division)
    return pd.DataFrame({
        "site": built["site"], "municipality": built["municipality"].map(names),
        "service": built["service"].map(
            lambda s: catalogue.services[s].name(lang) if s in catalogue.services else s),
        "new_places": built["new_places"].round().astype(int),
        "new_facilities": built["new_facilities"].round().astype(int),
        "clients": built["clients"], "risk": built["risk"],
    })
