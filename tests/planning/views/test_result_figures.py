"""planning.views.result_figures: the key figures over a result, as labels and texts."""

from __future__ import annotations

from planning import i18n
from planning.domain.privacy import SMALL, WITHHELD
from planning.views import result_figures as rf

TOTALS = {"need_persons": 400.0, "served_persons": 300.0, "need_clients": 420.0,
          "served_clients": 310.0, "new_places": 57.0, "new_facilities": 6.0,
          "investment_eur": 2_766_000.0, "running_eur_per_year": 1_250_000.0,
          "mentors": 12.4, "mean_km_per_client": 2.94}


def test_headline_figures_count_persons_in_the_readers_language() -> None:
    lv = dict(rf.headline_figures(TOTALS, "lv"))
    assert list(lv) == ["results.need_persons", "results.coverage", "results.new_places",
                        "results.facilities", "results.investment", "results.running",
                        "results.mentors", "results.distance"]
    assert lv["results.need_persons"] == "400"
    assert lv["results.coverage"] == "75%"
    assert lv["results.distance"] == "2,9 km"
    assert rf.headline_figures(TOTALS, "en")[-1] == ("results.distance", "2.9 km")


def test_a_result_stored_before_persons_counts_clients_and_no_need_no_coverage() -> None:
    old = {k: v for k, v in TOTALS.items() if not k.endswith("_persons")}
    figures = dict(rf.headline_figures(old, "en"))
    assert figures["results.need"] == "420"
    assert figures["results.coverage"] == "74%"
    empty = dict(rf.headline_figures({**old, "need_clients": 0.0, "served_clients": 0.0}, "en"))
    assert empty["results.coverage"] == i18n.MISSING  # not 0 %: nothing was needed


def test_public_figures_keep_their_markers_and_money_in_millions() -> None:
    shown = rf.public_figures({**TOTALS, "need_clients": SMALL, "new_places": WITHHELD}, "en")
    assert [key for key, _ in shown] == [key for key, _ in rf.PUBLIC_FIGURES]
    figures = dict(shown)
    assert figures["results.need"] == SMALL
    assert figures["results.new_places"] == WITHHELD
    assert figures["results.facilities"] == "6"
    assert figures["results.investment"] == "€2.77M"
