"""No English reaches a Latvian page, and no Latvian an English one.

Every page is run as the role it is for, on the seeded data (a Kurzeme plan solved,
published and submitted, users of every role), and every text a reader sees is collected
from the page's element tree: titles, Markdown, captions, messages, labels, options, tab
and expander labels, metrics and table headers. A word of the other language is a word
(4 letters or more) of that language's catalogue texts that no text of the page's own
language uses; finding one means a text bypassed the catalogue. Not read: identifiers
(``investment_eur``: a table's column id, shown under its label from the column
configuration), the boundary credits the licences word (``geo.BOUNDARY_ATTRIBUTION``),
names of places and user names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pandas as pd
import pytest

from planning import i18n
from planning.domain import geo
from tests.pages.seeding import GROUP, LIEPAJA, MINISTRY, USERS, submitted_plan

PAGES = {
    "map": None, "about": None, "signin": None, "consultation": None,
    "scenarios": GROUP, "inputs": GROUP, "run": GROUP, "results": GROUP, "compare": GROUP,
    "evaluate": GROUP, "sweep": GROUP, "municipality": LIEPAJA, "review": MINISTRY,
    "moderation": MINISTRY, "audit": MINISTRY,
}
WORD = re.compile(r"[^\W\d_]{4,}")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
CREDITS = [re.sub(r"<[^>]+>", "", credit) for credit in geo.BOUNDARY_ATTRIBUTION.values()]
PLAN_NAME = "Kurzemes DI plāns 2026"  # the seeded plan's name: data, in Latvian
TEXT_ATTRIBUTES = ("label", "body", "value", "placeholder", "help", "caption")


def _forms(message) -> tuple[str, ...]:
    return message.string if message.pluralizable else (message.string,)


@cache
def words_of(lang: str) -> frozenset[str]:
    """The words of ``lang``'s catalogue texts, placeholders left out."""
    found: set[str] = set()
    for message in i18n.catalogue(lang):
        for form in _forms(message) if message.id else ():
            found |= {w.lower() for w in WORD.findall(re.sub(r"{\w+}", " ", form))}
    return frozenset(found)


@cache
def data_words() -> frozenset[str]:
    """Words of names that are data in both languages (municipalities, regions, users)."""
    munis = geo.municipalities(geo.DEFAULT_DIVISION)
    names = " ".join([*munis["name_lv"], *munis["name_en"], *geo.REGIONS,
                      *(who.username for who in USERS), PLAN_NAME])
    return frozenset(w.lower() for w in WORD.findall(names))


def foreign_words(lang: str) -> frozenset[str]:
    """Words only the other language's catalogue uses."""
    other = "en" if lang == "lv" else "lv"
    return words_of(other) - words_of(lang) - data_words()


def visible_texts(node) -> Iterator[str]:
    """Every text of ``node`` and its children a reader sees."""
    for name in TEXT_ATTRIBUTES:
        try:
            value = getattr(node, name, None)
        except Exception:  # noqa: BLE001 - an element without this part (e.g. no value)
            continue
        if isinstance(value, str):
            yield value
        elif isinstance(value, pd.DataFrame):
            yield from (str(c) for c in value.columns)
    options = getattr(node, "options", None)
    if isinstance(options, list):
        yield from (str(o) for o in options)
    for child in getattr(node, "children", {}).values():
        yield from visible_texts(child)


@pytest.fixture
def seeded(db):
    submitted_plan(db, PLAN_NAME)
    return db


def offending(at, lang: str) -> dict[str, str]:
    """The foreign words on the page, each with the text it is in."""
    foreign = foreign_words(lang)
    hits = {}
    for text in visible_texts(at._tree):
        if IDENTIFIER.fullmatch(text):
            continue
        for credit in CREDITS:
            text = text.replace(credit, "")
        for word in WORD.findall(text):
            if word.lower() in foreign:
                hits.setdefault(word, text[:160])
    return hits


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_latvian_page_shows_no_english(seeded, page_test, page: str) -> None:
    state = {"actor": PAGES[page]} if PAGES[page] else {}
    at = page_test(page, **state)
    assert not at.exception
    assert offending(at, "lv") == {}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_an_english_page_shows_no_latvian(seeded, page_test, page: str) -> None:
    state = {"actor": PAGES[page]} if PAGES[page] else {}
    at = page_test(page, lang="en", **state)
    assert not at.exception
    assert offending(at, "en") == {}


def test_the_word_lists_tell_the_languages_apart() -> None:
    assert {"unknown", "served", "solver"} <= foreign_words("lv")  # --budget is Latvian too
    assert {"aprēķins", "budžets"} <= foreign_words("en")
    assert "liepāja" not in foreign_words("en")
