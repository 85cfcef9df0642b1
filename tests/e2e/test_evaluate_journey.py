"""Journey in a real Chromium: a management group uploads its approved plan (by names, CSV),
saves it as a new version, evaluates it and reads it beside the optimizer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import running_app, wait_idle
from tests.e2e.test_planning_journey import go, sign_in
from tests.pages.seeding import seeded_engine, solved_plan

pytestmark = pytest.mark.slow
PLAN = ('Pašvaldība,Pakalpojums,Jaunas vietas,Jauni objekti,"Investīcijas, EUR"\n'
        "Liepāja,Grupu māja / dzīvoklis,16,1,650000\n"
        "Talsu novads,Dienas aprūpes centrs pieaugušajiem (DAC),20,1,\n")


@pytest.fixture(scope="module")
def evaluate_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e_evaluate")
    url = f"sqlite:///{tmp / 'evaluate.db'}"
    engine = seeded_engine(url)
    solved_plan(engine, "Kurzemes plāns")
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def test_upload_save_and_evaluate_a_plan(page, evaluate_url: str, tmp_path) -> None:
    sign_in(page, evaluate_url, "kurzeme.group")
    go(page, "Plāna izvērtējums")
    expect(page.get_by_role("heading", name="Esoša plāna izvērtējums")).to_be_visible()
    plan = tmp_path / "plans.csv"
    plan.write_text(PLAN, encoding="utf-8")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(plan))
    expect(page.get_by_text("Pievienotas 2, mainītas 0, dzēstas 0 rindas.")).to_be_visible()
    page.get_by_role("button", name="Saglabāt plānu kā jaunu versiju").click()
    expect(page.get_by_text("Plānā: 2 rindas, 36 vietas.")).to_be_visible()
    wait_idle(page)
    page.get_by_role("button", name="Izvērtēt plānu").click()
    expect(page.get_by_role("heading", name="Mazākā plāna izmaiņa")).to_be_visible(
        timeout=180_000)
    expect(page.get_by_text("Pievienojot ")).to_be_visible()
    expect(page.get_by_role("heading", name="Plāna objekti")).to_be_visible()
