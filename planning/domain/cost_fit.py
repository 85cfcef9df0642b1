"""Investment per new facility and per place, estimated from built ERDF 9.3.1.1 projects.

A project's total cost is modelled as the sum over its service facilities of a fixed part
per facility and a part per place, both by cost class (residential; day and support)::

    total_k = sum_c (F_c * facilities_kc + p_c * places_kc) + e_k

The four parts are the non-negative least-squares fit over the projects whose places per
service are known (``[[observed_projects]]`` in ``data/norms.toml``). Eight projects cannot
tell nine services apart, so the services of a class share its parts; the residuals and the
leave-one-out error are printed in ``data/SOURCES.md`` (``python -m planning.domain.cost_fit``
prints the table). Non-negativity matters: unconstrained, the residential fixed part comes
out negative (group houses are nearly all 16 places, so the fit cannot separate a fixed part
from a per-place part and trades one against the other).

Examples
--------
>>> projects = [
...     {"name": "a", "total_eur": 500.0, "facilities": [{"service": "h", "places": 4}]},
...     {"name": "b", "total_eur": 800.0, "facilities": [{"service": "h", "places": 10}]},
... ]
>>> fit = fit_costs(projects, {"h": "residential"})
>>> round(fit.per_facility["residential"]), round(fit.per_place["residential"])
(300, 50)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class CostFit:
    """Fitted parts by cost class, with each project's residual (observed − fitted)."""

    classes: tuple[str, ...]
    per_facility: dict[str, float]
    per_place: dict[str, float]
    residuals: dict[str, float]
    fitted: dict[str, float]
    rms_eur: float
    loo_rms_eur: float

    def table(self, projects: list[dict[str, Any]]) -> str:
        """The residual table of ``data/SOURCES.md`` (markdown)."""
        lines = ["| project | total EUR | fitted EUR | residual EUR |", "|---|---:|---:|---:|"]
        for p in projects:
            if p["name"] in self.residuals:
                lines.append(f"| {p['name']} | {p['total_eur']:,.0f} | "
                             f"{self.fitted[p['name']]:,.0f} | {self.residuals[p['name']]:+,.0f} |")
        return "\n".join(lines)


def fitted_projects(projects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Projects whose places per service are stated (the others are listed, not fitted)."""
    return [p for p in projects if p.get("facilities")]


def _design(projects: list[dict[str, Any]], class_of: dict[str, str],
            classes: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    rows = []
    for p in projects:
        row = np.zeros(2 * len(classes))
        for f in p["facilities"]:
            c = classes.index(class_of[f["service"]])
            row[2 * c] += f.get("count", 1)
            row[2 * c + 1] += f["places"]
        rows.append(row)
    return np.array(rows), np.array([float(p["total_eur"]) for p in projects])


def _nnls(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Non-negative least squares by trying every set of free columns (a few columns only)."""
    best: tuple[float, np.ndarray] | None = None
    for free in itertools.product((False, True), repeat=a.shape[1]):
        cols = [k for k, on in enumerate(free) if on]
        if not cols:
            continue
        x = np.zeros(a.shape[1])
        x[cols] = np.linalg.lstsq(a[:, cols], b, rcond=None)[0]
        if (x < 0).any():
            continue
        err = float(((a @ x - b) ** 2).sum())
        if best is None or err < best[0]:
            best = (err, x)
    assert best is not None  # a single free column always gives x >= 0 for b >= 0
    return best[1]


def fit_costs(projects: list[dict[str, Any]], class_of: dict[str, str]) -> CostFit:
    """The non-negative least-squares fit of per-facility and per-place parts per class."""
    used = fitted_projects(projects)
    classes = tuple(sorted(set(class_of.values())))
    a, b = _design(used, class_of, classes)
    x = _nnls(a, b)
    fitted = a @ x
    loo = []
    for k in range(len(b)):
        keep = np.arange(len(b)) != k
        loo.append(b[k] - a[k] @ _nnls(a[keep], b[keep]))
    return CostFit(
        classes=classes,
        per_facility={c: float(x[2 * k]) for k, c in enumerate(classes)},
        per_place={c: float(x[2 * k + 1]) for k, c in enumerate(classes)},
        residuals={p["name"]: float(b[k] - fitted[k]) for k, p in enumerate(used)},
        fitted={p["name"]: float(fitted[k]) for k, p in enumerate(used)},
        rms_eur=float(np.sqrt(((b - fitted) ** 2).mean())),
        loo_rms_eur=float(np.sqrt(np.mean(np.square(loo)))) if len(b) > 1 else float("nan"),
    )


def main() -> None:  # pragma: no cover - prints the SOURCES.md table
    from planning.domain.catalogue import load_catalogue

    cat = load_catalogue()
    fit = cat.observed_fit()
    print(fit.table(list(cat.observed_projects)))
    for c in fit.classes:
        print(f"{c}: {fit.per_facility[c]:,.0f} EUR per facility + "
              f"{fit.per_place[c]:,.0f} EUR per place")
    print(f"RMS residual {fit.rms_eur:,.0f} EUR, leave-one-out {fit.loo_rms_eur:,.0f} EUR")


if __name__ == "__main__":  # pragma: no cover
    main()
