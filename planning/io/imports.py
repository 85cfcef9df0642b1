"""Import a needs, persons, norms, plan, institutions or existing-services file: read,
validate, preview.

Pages and the CLI call :func:`import_table` and show ``result.preview`` before the user
confirms; nothing is stored here. On any problem it raises ``ImportRejected`` (a subclass
of ``InputError``) whose ``problems`` list every cell to fix, and the caller's inputs are
untouched (``ScenarioInputs`` is immutable; the new value is a separate object).

Example
-------
>>> from planning.domain.inputs import default_inputs
>>> data = "ATVK kods,Mērķa grupa,Aprūpes līmenis,Pakalpojums,Skaits\\n" \\
...        "0048000,adults_grt,II,group_home,5\\n"
>>> result = import_table(data.encode(), "needs.csv", "needs", inputs=default_inputs("Rīga"))
>>> result.inputs.needs
(('0048000', 'adults_grt', 'II', 'group_home', 5),)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planning import i18n
from planning.domain import reference
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.inputs import ScenarioInputs
from planning.io.apply import (
    apply_needs,
    apply_norms,
    apply_persons,
    apply_plan,
    apply_services,
    reference_frame,
)
from planning.io.preview import (
    Preview,
    diff_frames,
    preview_needs,
    preview_norms,
    preview_persons,
    preview_plan,
    preview_services,
)
from planning.io.readers import MAX_BYTES, read_table
from planning.io.schemas import schema as schema_of
from planning.io.sites import apply_sites, apply_travel, preview_sites, preview_travel
from planning.io.validate import MatchReport, validate_table

KINDS = ("needs", "persons", "norms", "services", "institutions", "existing_services",
         "plan", "sites", "travel")


@dataclass(frozen=True)
class ImportResult:
    """A validated import: the new inputs (needs, norms) or table (reference data)."""

    kind: str
    file: str
    preview: Preview
    report: MatchReport
    inputs: ScenarioInputs | None = None
    frame: pd.DataFrame | None = None

    @property
    def empties_table(self) -> bool:
        """Whether applying it would remove every need (e.g. a file with only its header):
        a page must ask for an explicit confirmation first."""
        return (self.kind == "needs" and self.inputs is not None and not self.inputs.needs
                and not self.preview.removed.empty)


def import_table(
    data: bytes,
    file: str,
    kind: str,
    *,
    inputs: ScenarioInputs,
    catalogue: Catalogue | None = None,
    current: pd.DataFrame | None = None,
    limit: int = MAX_BYTES,
) -> ImportResult:
    """Read and validate ``data`` (the bytes of ``file``) as ``kind``; preview the change.

    ``current`` is the reference table the import replaces (institutions, existing
    services); by default the embedded one of the scenario's division.
    """
    catalogue = catalogue or load_catalogue()
    schema = schema_of(kind)
    raw = read_table(data, file, tuple(schema.sheet(lang) for lang in i18n.LANGS), limit)
    region = inputs.region if kind in ("needs", "persons", "plan", "sites", "travel") else None
    checked = validate_table(raw, schema, division=inputs.division, catalogue=catalogue,
                             region=region)
    if kind == "needs":
        new = apply_needs(inputs, checked.frame, file)
        return ImportResult(kind, file, preview_needs(inputs, new), checked.report, inputs=new)
    if kind == "persons":
        new = apply_persons(inputs, checked.frame, file)
        return ImportResult(kind, file, preview_persons(inputs, new), checked.report, inputs=new)
    if kind == "plan":
        new = apply_plan(inputs, checked.frame, file, checked.headers)
        return ImportResult(kind, file, preview_plan(inputs, new), checked.report, inputs=new)
    if kind == "sites":
        new, notes = apply_sites(inputs, checked.frame, file, checked.headers)
        checked.report.notes.extend(notes)
        return ImportResult(kind, file, preview_sites(inputs, new), checked.report, inputs=new)
    if kind == "travel":
        new = apply_travel(inputs, checked.frame, file, checked.headers)
        return ImportResult(kind, file, preview_travel(inputs, new), checked.report,
                            inputs=new)
    if kind == "services":
        new = apply_services(inputs, checked.frame, file, checked.headers, catalogue)
        return ImportResult(kind, file, preview_services(inputs, new), checked.report,
                            inputs=new)
    if kind == "norms":
        new = apply_norms(inputs, checked.frame, file, catalogue)
        return ImportResult(kind, file, preview_norms(inputs, new, catalogue), checked.report,
                            inputs=new)
    frame = reference_frame(checked.frame, schema)
    if current is None:
        loader = reference.institutions if kind == "institutions" else reference.existing_services
        current = loader(inputs.division)
    before = current.reindex(columns=frame.columns)
    preview = diff_frames(before, frame, list(schema.key))
    return ImportResult(kind, file, preview, checked.report, frame=frame)
