"""pages/municipality.py: a municipality sees its own new places in full and confirms or
disputes each; others are refused; a dispute needs a comment."""

from __future__ import annotations

from sqlmodel import Session

from planning import i18n
from planning.domain import privacy
from planning.store import consultation
from tests.pages.seeding import DIENVIDKURZEME, GROUP, LIEPAJA, published_plan


def own_frame(at):
    [frame] = [d.value for d in at.dataframe if "response" in d.value.columns]
    return frame


def test_public_and_groups_are_told_the_page_is_for_municipalities(db, page_test) -> None:
    published_plan(db)
    for state in ({}, {"actor": GROUP}):
        at = page_test("municipality", **state)
        assert not at.exception
        assert [w.value for w in at.warning] == [i18n.t(
            "access.sign_in", "lv", roles=i18n.t("role.municipality", "lv"))]
        assert not at.dataframe


def test_own_places_are_shown_whole_and_can_be_disputed(db, page_test) -> None:
    plan = published_plan(db)
    at = page_test("municipality", actor=LIEPAJA)
    assert not at.exception
    own = own_frame(at)
    assert len(own) >= 2 and set(own["municipality"]) == {"Liepāja"}
    assert privacy.SMALL not in set(own["new_places"])
    assert set(own["response"]) == {i18n.t("response.none", "lv")}
    service = at.radio[0].key.removeprefix("status_")
    at.radio(key=f"status_{service}").set_value("disputed")
    at.text_area(key=f"comment_{service}").input("Nav piemērotas ēkas <b>šeit</b>")
    at.button(key=f"FormSubmitter:respond_{service}-{i18n.t('muni.save', 'lv')}").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [i18n.t("muni.saved", "lv")]
    with Session(db, expire_on_commit=False) as session:
        [r] = consultation.allocation_responses(session=session, actor=GROUP,
                                                scenario_id=plan.id)
    assert (r.atvk_code, r.service, r.status, r.comment) == (
        "0005000", service, "disputed", "Nav piemērotas ēkas <b>šeit</b>")
    at = page_test("municipality", actor=LIEPAJA)
    own = own_frame(at)
    row = own[own["service"].notna()].iloc[0]
    assert i18n.t("response.disputed", "lv") in set(own["response"])
    assert "Nav piemērotas ēkas <b>šeit</b>" in set(own["comment"]), row


def test_a_dispute_without_a_comment_is_refused(db, page_test) -> None:
    published_plan(db)
    at = page_test("municipality", actor=LIEPAJA, lang="en")
    service = at.radio[0].key.removeprefix("status_")
    at.radio(key=f"status_{service}").set_value("disputed")
    at.button(key=f"FormSubmitter:respond_{service}-{i18n.t('muni.save', 'en')}").click().run()
    assert not at.exception
    [error] = at.error
    assert "say what is wrong with the allocation" in error.value


def test_the_table_shows_the_answer_just_saved_and_a_need_given_no_places(db, page_test):
    published_plan(db)
    at = page_test("municipality", actor=DIENVIDKURZEME)
    own = own_frame(at)
    missing = own[own["new_places"] == "0"]
    assert "Grupu māja / dzīvoklis" in set(missing["service"]), own
    assert {"need", "unmet"} <= set(own.columns)
    service = next(r.key.removeprefix("status_") for r in at.radio
                   if r.options == [i18n.t("muni.dispute", "lv")])
    at.radio(key=f"status_{service}").set_value("disputed")
    at.text_area(key=f"comment_{service}").input("Vajadzīgas vietas, plānā 0")
    at.button(key=f"FormSubmitter:respond_{service}-{i18n.t('muni.save', 'lv')}").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [i18n.t("muni.saved", "lv")]
    own = own_frame(at)  # the same run: the table no longer lags one save behind
    assert "Vajadzīgas vietas, plānā 0" in set(own["comment"])
