"""The observed-cost preset: per-facility and per-place investment fitted to built projects."""

from __future__ import annotations

from pathlib import Path

import pytest

from planning.domain.catalogue import load_catalogue
from planning.domain.cost_fit import fit_costs

SOURCES = Path(__file__).resolve().parents[3] / "data" / "SOURCES.md"


def _project(name, total, *facilities):
    return {"name": name, "total_eur": total,
            "facilities": [{"service": s, "places": y, "count": n} for s, y, n in facilities]}


def test_fit_recovers_the_parts_that_generated_the_totals():
    # home: 500 per facility + 40 per place; day: 200 per facility + 10 per place
    projects = [
        _project("a", 500 + 40 * 8 + 200 + 10 * 12, ("home", 8, 1), ("day", 12, 1)),
        _project("b", 2 * 500 + 40 * 20, ("home", 20, 2)),
        _project("c", 200 + 10 * 30, ("day", 30, 1)),
        _project("d", 500 + 40 * 16 + 2 * 200 + 10 * 10, ("home", 16, 1), ("day", 10, 2)),
        _project("e", 200 + 10 * 5, ("day", 5, 1)),
    ]
    fit = fit_costs(projects, {"home": "residential", "day": "day_support"})
    assert fit.per_facility == pytest.approx({"residential": 500, "day_support": 200})
    assert fit.per_place == pytest.approx({"residential": 40, "day_support": 10})
    assert max(abs(r) for r in fit.residuals.values()) < 1e-6


def test_fit_never_gives_a_negative_part():
    # unconstrained least squares would give a negative fixed part here (cost falls with size)
    projects = [_project("a", 1000, ("home", 10, 1)), _project("b", 1100, ("home", 20, 1)),
                _project("c", 3000, ("home", 40, 1))]
    fit = fit_costs(projects, {"home": "residential"})
    assert fit.per_facility["residential"] >= 0 and fit.per_place["residential"] >= 0
    assert fit.per_facility["residential"] + 10 * fit.per_place["residential"] > 0


def test_projects_without_places_per_service_are_listed_not_fitted():
    cat = load_catalogue()
    fit = cat.observed_fit()
    names = [p["name"] for p in cat.observed_projects]
    assert any(n.startswith("Rucava") for n in names)
    assert not any(n.startswith("Rucava") for n in fit.residuals)
    assert len(fit.residuals) == 8


def test_observed_preset_applies_the_fit_per_cost_class():
    cat = load_catalogue()
    fit = cat.observed_fit()
    observed = cat.with_preset("observed_2019_2022")
    home, day = observed.services["group_home"], observed.services["day_care_adults"]
    assert home.investment_per_place == round(fit.per_place["residential"])
    assert home.investment_per_facility == round(fit.per_facility["residential"])
    assert day.investment_per_facility == round(fit.per_facility["day_support"])
    assert observed.services["workshop"].investment_per_place == day.investment_per_place
    assert "least squares" in home.sources["investment_per_facility"]
    assert observed.budget.eligible_share == pytest.approx(0.564)
    # a built 16-place group house: 0.6-0.9 M EUR in the projects
    assert 500_000 < home.investment_per_facility + 16 * home.investment_per_place < 900_000


def test_sources_md_shows_the_fit_and_its_residuals():
    cat = load_catalogue()
    fit = cat.observed_fit()
    text = SOURCES.read_text(encoding="utf-8")
    assert fit.table(list(cat.observed_projects)) in text
    for c in fit.classes:
        assert f"{fit.per_facility[c]:,.0f}" in text and f"{fit.per_place[c]:,.0f}" in text
    assert f"{fit.loo_rms_eur:,.0f}" in text
