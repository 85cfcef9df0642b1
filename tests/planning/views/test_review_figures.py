"""planning.views.review_figures: the reviewer's key figures in each language."""

from __future__ import annotations

from planning import i18n
from planning.views.review_figures import figure_texts

FIGURES = {"need_clients": 1234, "served_clients": 1000, "unmet_clients": 234,
           "coverage": 0.81, "new_places": 56, "new_facilities": 7,
           "investment_eur": 2_950_000, "investment_budget_eur": 4_000_000,
           "budget_used": 0.7375, "running_eur_per_year": 1_500_000}


def test_figures_in_display_order_written_in_latvian_and_english() -> None:
    lv = dict(figure_texts(FIGURES, "lv"))
    assert list(lv) == ["review.need", "review.served", "review.unmet", "review.coverage",
                        "plan.new_places", "review.investment", "review.budget_used",
                        "results.running"]
    assert lv["review.need"] == i18n.fmt_int(1234, "lv") == "1\u00a0234"
    assert lv["review.coverage"] == "81%" and lv["results.running"] == "1,50 milj. €"
    assert lv["review.investment"] == "2,95 milj. €"
    en = dict(figure_texts(FIGURES, "en"))
    assert en["review.need"] == "1,234" and en["review.coverage"] == "81%"
    assert en["review.investment"] == "€2.95M" and en["review.budget_used"] == "74%"


def test_a_plan_without_result_shows_dashes() -> None:
    assert {value for _, value in figure_texts(dict.fromkeys(FIGURES), "lv")} == {i18n.MISSING}
