"""The priority classes of a scenario: the catalogue's, and one per institution for the
persons leaving it.

A class the catalogue lists under ``[priorities] by_institution`` (leavers) may be narrowed
to one institution: ``leavers.vsac_kurzeme_ilgi`` holds the persons leaving that branch. A
region that closes a branch first ranks its residents before the other leavers and sees what
that choice costs (DOMAIN §6: the choice of branch was criticised as not transparent). Such a
class not in the scenario's order is ranked just before the class it narrows.

>>> from planning.domain.catalogue import load_catalogue
>>> cat = load_catalogue()
>>> class_name("leavers.vsac_latgale_kalkuni", cat, "en")
'Persons leaving an institution: VSAC "Latgale" filiāle "Kalkūni"'
>>> order_with(("leavers", "waiting_list", "at_risk"), ["leavers.vsac_latgale_kalkuni"])
('leavers.vsac_latgale_kalkuni', 'leavers', 'waiting_list', 'at_risk')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from planning.domain import geo, reference
from planning.domain.catalogue import Catalogue
from planning.i18n import Text, msg

if TYPE_CHECKING:
    from planning.domain.inputs import ScenarioInputs

SEPARATOR = "."


def institution_class(base: str, institution_id: str) -> str:
    """The class of the persons of ``base`` leaving ``institution_id``."""
    return f"{base}{SEPARATOR}{institution_id}"


def split(cid: str) -> tuple[str, str]:
    """A class id as (the catalogue's class, the institution or "")."""
    base, _, institution = cid.partition(SEPARATOR)
    return base, institution


def institutions(region: str | None = None) -> dict[str, tuple[str, str]]:
    """Institution id -> (name, municipality code) of the embedded data, in ``region``
    (every region when ``None``)."""
    table = reference.institutions(geo.DEFAULT_DIVISION)
    if region:
        munis = geo.municipalities(geo.DEFAULT_DIVISION)
        codes = set(munis.loc[munis["planning_region"] == region, "atvk_code"])
        table = table[table["atvk_code"].isin(codes)]
    return {str(r.institution_id): (str(r.name), str(r.atvk_code))
            for r in table.itertuples(index=False)}


def class_names(catalogue: Catalogue, region: str | None = None
                ) -> dict[str, tuple[str, str]]:
    """Every class a scenario of ``region`` may use -> (Latvian name, English name): the
    catalogue's, then one per institution of the region for each class that may be narrowed."""
    p = catalogue.priorities
    names = {cid: (c.name("lv"), c.name("en")) for cid, c in p.classes.items()}
    for base in p.by_institution:
        lv, en = names[base]
        for iid, (name, _code) in institutions(region).items():
            names[institution_class(base, iid)] = (f"{lv}: {name}", f"{en}: {name}")
    return names


def class_name(cid: str, catalogue: Catalogue, lang: str) -> str:
    """A class by its name in ``lang`` (an unknown id as itself)."""
    base, institution = split(cid)
    found = catalogue.priorities.classes.get(base)
    if found is None:
        return cid
    if not institution:
        return found.name(lang)
    name = institutions().get(institution, (institution, ""))[0]
    return f"{found.name(lang)}: {name}"


def class_problem(cid: str, catalogue: Catalogue, region: str | None) -> Text | None:
    """Why ``cid`` is no class of a scenario of ``region``, or ``None``."""
    p = catalogue.priorities
    base, institution = split(cid)
    if base not in p.classes or (institution and base not in p.by_institution):
        return msg("inputs.unknown_class", options=", ".join(p.classes))
    if institution and institution not in institutions(region):
        known = institutions(region)
        return msg("inputs.unknown_institution", institution=institution,
                   options=", ".join(known) or "—")
    return None


def order_with(order: Iterable[str], used: Iterable[str]) -> tuple[str, ...]:
    """``order`` with every institution class of ``used`` it lacks, each just before the
    class it narrows."""
    out = list(order)
    for cid in dict.fromkeys(used):
        base, institution = split(cid)
        if institution and cid not in out and base in out:
            out.insert(out.index(base), cid)
    return tuple(out)


def scenario_order(inputs: ScenarioInputs, catalogue: Catalogue) -> tuple[str, ...]:
    """A scenario's classes in rank order: its order (or the catalogue's) with the
    institution classes its persons hold (:func:`order_with`)."""
    return order_with(inputs.priority_order or catalogue.priorities.order,
                      (person[4] for person in inputs.persons))


def scenario_weights(inputs: ScenarioInputs, catalogue: Catalogue) -> dict[str, float]:
    """The weight of each class in the weighted mode: the scenario's, else the catalogue's;
    an institution class weighs as the class it narrows unless the scenario says otherwise."""
    p = catalogue.priorities
    narrowed = {c: p.weights[base] for c in scenario_order(inputs, catalogue)
                if (base := split(c)[0]) != c and base in p.weights}
    return {**p.weights, **narrowed, **inputs.priority_weights}
