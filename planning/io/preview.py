"""What an import will change, before it is applied: rows added, changed and removed.

Tables are compared by their key columns; a changed row lists each changed column with
its value before and after, so a page can show the diff and ask for confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning.domain import user_services as us
from planning.domain.catalogue import SERVICE_NUMBERS, Catalogue
from planning.domain.inputs import PERSON_COLUMNS, ScenarioInputs
from planning.domain.reference import NEED_COLUMNS

CHANGE_COLUMNS = ["column", "before", "after"]


@dataclass(frozen=True)
class Preview:
    """Rows an import adds and removes; ``changed`` has one row per changed cell."""

    key: tuple[str, ...]
    added: pd.DataFrame
    changed: pd.DataFrame
    removed: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.added.empty and self.changed.empty and self.removed.empty

    def summary(self) -> str:
        rows_changed = len(self.changed.drop_duplicates(list(self.key)))
        return (f"{len(self.added)} row(s) added, {rows_changed} changed, "
                f"{len(self.removed)} removed")


def diff_frames(before: pd.DataFrame, after: pd.DataFrame, key: list[str]) -> Preview:
    """Compare two tables with the same columns by ``key``."""
    old = before.set_index(key)
    new = after.set_index(key)
    added = new.loc[new.index.difference(old.index)].reset_index()
    removed = old.loc[old.index.difference(new.index)].reset_index()
    common = old.index.intersection(new.index)
    rows = []
    for k in common:
        for col in new.columns.intersection(old.columns):
            a, b = old.at[k, col], new.at[k, col]
            if not (_blank(a) and _blank(b)) and a != b:
                rows.append((*(k if isinstance(k, tuple) else (k,)), col, a, b))
    changed = pd.DataFrame(rows, columns=[*key, *CHANGE_COLUMNS])
    return Preview(tuple(key), added, changed, removed)


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and pd.isna(value))


def preview_needs(before: ScenarioInputs, after: ScenarioInputs) -> Preview:
    return diff_frames(before.needs_frame(), after.needs_frame(), NEED_COLUMNS[:-1])


def preview_persons(before: ScenarioInputs, after: ScenarioInputs) -> Preview:
    return diff_frames(before.persons_frame(), after.persons_frame(), list(PERSON_COLUMNS[:-1]))


def preview_plan(before: ScenarioInputs, after: ScenarioInputs) -> Preview:
    return diff_frames(before.given_plan_frame(), after.given_plan_frame(),
                       ["atvk_code", "service"])


def norms_frame(inputs: ScenarioInputs, catalogue: Catalogue | None = None) -> pd.DataFrame:
    """The norms a scenario uses: service, norm, value, source (one row per number)."""
    cat = inputs.catalogue(catalogue)
    rows = [(sid, norm, float(getattr(s, norm)), s.sources.get(norm, ""))
            for sid, s in cat.services.items() for norm in SERVICE_NUMBERS]
    return pd.DataFrame(rows, columns=["service", "norm", "value", "source"])


def services_frame(inputs: ScenarioInputs) -> pd.DataFrame:
    """The scenario's added services, one row each: Latvian name, English name, kind,
    groups and every number."""
    rows = [{"name_lv": e.get("name_lv"), "name_en": e.get("name_en"), "kind": e.get("kind"),
             "groups": ", ".join(e.get("groups", [])), "profession": e.get("profession"),
             **{n: e.get(n) for n in us.numbers_of(e.get("kind"))}}
            for e in inputs.user_services.values()]
    return pd.DataFrame(rows, columns=["name_lv", "name_en", "kind", "groups",
                                       *SERVICE_NUMBERS, "profession", *us.HOME_FIELDS])


def preview_services(before: ScenarioInputs, after: ScenarioInputs) -> Preview:
    return diff_frames(services_frame(before), services_frame(after), ["name_lv"])


def preview_norms(before: ScenarioInputs, after: ScenarioInputs,
                  catalogue: Catalogue | None = None) -> Preview:
    cols = ["service", "norm", "value"]
    return diff_frames(norms_frame(before, catalogue)[cols], norms_frame(after, catalogue)[cols],
                       ["service", "norm"])
