"""pages/audit.py: the group sees its region's trail, the ministry all; the public none."""

from __future__ import annotations

from sqlmodel import Session

from planning import i18n
from planning.store import consultation
from tests.pages.seeding import GROUP, LATGALE, MINISTRY, published_plan, solved_plan


def events(at):
    return at.dataframe[0].value


def test_the_public_and_municipalities_are_refused(db, page_test) -> None:
    published_plan(db)
    at = page_test("audit")
    assert not at.exception and at.warning and not at.dataframe


def test_the_group_sees_who_did_what_with_before_and_after(db, page_test) -> None:
    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        c = consultation.submit_comment(session=session, scenario_id=plan.id, comment_in={
            "name": "<b>X</b>", "organisation": "", "email": "x@example.lv", "text": "t"})
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=c.id,
                                      publish=False)
    solved_plan(db, "Latgale", region="Latgale", group=LATGALE)
    at = page_test("audit", actor=GROUP)
    assert not at.exception
    frame = events(at)
    assert {"scenario.create", "result.save", "plan.publish", "comment.submit",
            "comment.moderate"} <= set(frame["action"])
    assert "latgale.group" not in set(frame["actor"])
    moderated = frame[frame["action"] == "comment.moderate"].iloc[0]
    assert '"pending"' in moderated["before"] and '"rejected"' in moderated["after"]
    assert moderated["role"] == i18n.t("role.management_group", "lv")
    assert "x@example.lv" not in " ".join(frame["after"])


def test_the_ministry_sees_every_region_and_filters_by_scenario(db, page_test) -> None:
    published_plan(db)
    other = solved_plan(db, "Latgale", region="Latgale", group=LATGALE)
    at = page_test("audit", actor=MINISTRY, lang="en")
    assert {"kurzeme.group", "latgale.group"} <= set(events(at)["actor"])
    box = at.selectbox(key="audit_scenario")
    box.select_index([i for i, s in enumerate(box.options) if s.startswith("Latgale")][0]).run()
    assert not at.exception
    assert set(events(at)["actor"]) == {"latgale.group"}, other
