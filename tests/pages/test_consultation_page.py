"""pages/consultation.py: the public sees published and approved plans with counts 1-4
suppressed everywhere (table, key figures, map tooltips), comments after moderation, and
submits comments that wait for moderation; untrusted text is shown literally."""

from __future__ import annotations

import re

import folium
import pytest
from sqlmodel import Session

from planning import i18n
from planning.domain import privacy
from planning.domain.roles import PUBLIC
from planning.store import consultation, lifecycle
from planning.store.tables import Moderation
from tests.pages.seeding import GROUP, LIEPAJA, published_plan, solved_plan, stale_plan

SCRIPT = "<script>alert(1)</script> **bold** [link](http://evil.example) :red[red]"
COMMENT = {"name": "Anna <b>Bērziņa</b>", "organisation": "Rūpju bērns **NGO**",
           "email": "anna@example.lv", "text": SCRIPT}


def fill_comment(at, **values: str):
    for field, value in {**COMMENT, **values}.items():
        widget = at.text_area if field == "text" else at.text_input
        widget(key=f"comment_{field}").input(value)
    [button] = [b for b in at.button if b.label == i18n.t("consult.send", at_lang(at))]
    return button.click().run()


def at_lang(at) -> str:
    return at.session_state["lang"] if "lang" in at.session_state else "lv"


def allocation_frame(at):
    [frame] = [d.value for d in at.dataframe if "new_places" in d.value.columns]
    return frame


def count_cells(at) -> list[object]:
    frame = allocation_frame(at)
    return list(frame["new_places"])


def test_without_plans_the_public_is_told_so(db, page_test) -> None:
    solved_plan(db)  # a draft: not public
    at = page_test("consultation")
    assert not at.exception
    assert [i.value for i in at.info] == [i18n.t("plan.none", "lv")]


def test_a_published_plan_shows_places_with_small_counts_suppressed(db, page_test) -> None:
    plan = published_plan(db)
    at = page_test("consultation")
    assert not at.exception
    assert at.selectbox(key="consult_plan").value == plan.id
    cells = count_cells(at)
    assert privacy.SMALL in cells, "the solved plan has counts 1-4, so the test is not vacuous"
    assert not [v for v in cells if v.isdigit() and 0 < int(v) < 5]
    figures = {m.label: m.value for m in at.metric}
    assert figures[i18n.t("plan.new_places", "lv")] == i18n.t("plan.withheld", "lv")
    assert any(i18n.t("plan.privacy", "lv") == c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_result_that_does_not_fit_its_version_says_the_figures_are_being_updated(
        db, page_test, lang) -> None:
    """A stored result solved under other norms than its version's, without the problem it
    solved: the page says so in the reader's language and still shows the comments."""
    stale_plan(db, keep_problem=False)
    at = page_test("consultation", lang=lang)
    assert not at.exception
    assert i18n.t("plan.updating", lang) in [i.value for i in at.info]
    assert not [d for d in at.dataframe if "new_places" in d.value.columns]
    assert i18n.t("consult.form", lang) in [h.value for h in at.subheader]


def test_a_result_of_older_norms_is_shown_by_the_norms_it_solved(db, page_test) -> None:
    """Stored with the problem it solved (as every run stores it), an older result is linked
    by its own norms and shown protected."""
    stale_plan(db, keep_problem=True)
    at = page_test("consultation")
    assert not at.exception
    assert i18n.t("plan.updating", "lv") not in [i.value for i in at.info]
    cells = count_cells(at)
    assert privacy.SMALL in cells
    assert not [v for v in cells if v.isdigit() and 0 < int(v) < 5]


def test_map_tooltips_never_show_a_count_1_to_4(db) -> None:
    """The map's tooltips are built from the suppressed table; check every one of them."""
    from planning.domain import geo
    from planning.store import published

    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        table = published.allocations(session=session, actor=PUBLIC, scenario_id=plan.id)
    layer = published.allocation_layer(table, division="2025", region="Kurzeme")
    m = published.allocation_map(layer, attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"])
    [drawn] = [c for c in m._children.values() if isinstance(c, folium.GeoJson)]
    tips = " ".join(f["properties"]["tip"] for f in drawn.data["features"])
    assert "&lt;5" in tips
    places = [p.replace(" ", "") for p in re.findall(r"<td><b>([^<]*)</b></td>", tips)]
    assert places and not [n for n in places if n.isdigit() and 0 < int(n) < 5]


def test_a_comment_waits_for_moderation_then_shows_literally(db, page_test) -> None:
    plan = published_plan(db)
    at = page_test("consultation")
    fill_comment(at)
    assert not at.exception
    assert [s.value for s in at.success] == [i18n.t("consult.sent", "lv")]
    assert at.text_area(key="comment_text").value == ""  # sent: the form is empty again
    assert SCRIPT not in [t.value for t in at.text]  # pending: not shown yet
    with Session(db, expire_on_commit=False) as session:
        [c] = consultation.list_comments(session=session, actor=GROUP, scenario_id=plan.id,
                                         moderation=Moderation.PENDING)
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=c.id,
                                      publish=True)
        consultation.answer_comment(session=session, actor=GROUP, comment_id=c.id,
                                    answer="Paldies! <i>Izvērtēsim</i>.")
    at = page_test("consultation")
    assert not at.exception
    texts = [t.value for t in at.text]
    assert SCRIPT in texts  # st.text: neither Markdown nor HTML
    assert "Paldies! <i>Izvērtēsim</i>." in texts
    assert any(t.startswith("Anna <b>Bērziņa</b> (Rūpju bērns **NGO**)") for t in texts)
    assert not [m for m in at.markdown if "<script>" in m.value or "alert(1)" in m.value]
    assert "anna@example.lv" not in " ".join(texts)


@pytest.mark.parametrize("field, value, column", [
    ("email", "not-an-address", "email"),
    ("text", "   ", "text"),
])
def test_a_bad_comment_is_refused_naming_the_field(db, page_test, field, value, column) -> None:
    published_plan(db)
    at = fill_comment(page_test("consultation", lang="en"), **{field: value})
    assert not at.exception
    assert not at.success
    assert at.text_area(key="comment_text").value == COMMENT["text"] or field == "text"
    [error] = at.error
    assert error.value.startswith(i18n.t("error.input", "en", error="")) and column in error.value


def test_after_the_consultation_an_approved_plan_is_shown_without_the_form(db, page_test):
    plan = published_plan(db)
    from tests.pages.seeding import MINISTRY

    with Session(db, expire_on_commit=False) as session:
        c = consultation.submit_comment(session=session, scenario_id=plan.id,
                                        comment_in={**COMMENT, "text": "Mazākas mājas"})
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=c.id,
                                      publish=True)
        consultation.answer_comment(session=session, actor=GROUP, comment_id=c.id,
                                    answer="Ņemts vērā: 8 vietas.", decision="taken")
        quiet = consultation.submit_comment(session=session, scenario_id=plan.id, comment_in={
            **COMMENT, "organisation": "", "text": "Bez atbildes"})  # nor an organisation
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=quiet.id,
                                      publish=True)
        lifecycle.submit(session=session, actor=GROUP, scenario_id=plan.id,
                         close_consultation=True)
        lifecycle.approve(session=session, actor=MINISTRY, scenario_id=plan.id)
    at = page_test("consultation")
    assert not at.exception
    assert at.selectbox(key="consult_plan").value == plan.id
    assert "apstiprināts" in at.selectbox(key="consult_plan").format_func(plan.id)
    assert [i.value for i in at.info] == [i18n.t("consult.closed", "lv")]
    assert not at.text_input
    # the consultation record stays with the approved plan: comment, answer, decision
    assert i18n.t("record.title", "lv") in [h.value for h in at.subheader]
    texts = [t.value for t in at.text]
    assert "Mazākas mājas" in texts and "Ņemts vērā: 8 vietas." in texts
    assert any(i18n.t("decision.taken", "lv") in m.value for m in at.markdown)
    # a comment not answered reads so: counted unanswered, no 'nan' answer or organisation
    assert "Bez atbildes" in texts and not [t for t in texts if "nan" in t.split()
                                            or "(nan)" in t]
    assert [m for m in at.markdown if i18n.t("consult.answer", "lv") in m.value] == [
        m for m in at.markdown if i18n.t("decision.taken", "lv") in m.value]
    assert i18n.t("record.counts", "lv", total=2, answered=1) in [c.value for c in at.caption]
    assert any(i18n.t("record.closed", "lv", when="").split(" ,")[0] in c.value for c in at.caption)


def test_a_municipality_sees_its_own_counts_whole(db, page_test) -> None:
    published_plan(db)
    at = page_test("consultation", actor=LIEPAJA)
    frame = allocation_frame(at)
    own = frame[frame["municipality"] == "Liepāja"]
    assert not own.empty and privacy.SMALL not in set(own["new_places"])
    others = frame[frame["municipality"] != "Liepāja"]
    assert privacy.SMALL in set(others["new_places"])
