r"""Numbers as people type them into a table: Latvian grouping and decimal comma.

An editor cell holds text, so nothing typed is changed silently on the way in (a number
cell of the browser's grid drops a typed minus sign or letters): :func:`parse_entry` reads
the text or says it is not a number, and the validation of ``ScenarioInputs`` names the
cell (``planning.views.plan_tables.entry_text`` writes a stored number back as text).

Latvian (``lv``): groups of three digits separated by spaces (also no-break and narrow
no-break spaces, as Babel and office software write them), a decimal comma or point.
English (``en``): groups separated by spaces or commas, a decimal point. A minus sign may be
ASCII or U+2212.

>>> parse_entry("1 500 000", "lv")
1500000.0
>>> parse_entry("1\u00a0500\u00a0000,50", "lv")
1500000.5
>>> parse_entry("1,500,000.50", "en")
1500000.5
>>> parse_entry("-5", "lv")
-5.0
>>> parse_entry("", "lv") is None
True
>>> parse_entry("abc", "lv")
Traceback (most recent call last):
...
planning.domain.numbers.NotANumber: abc
"""

from __future__ import annotations

import re

SPACES = " \u00a0\u202f\u2009"
MINUS = "\u2212"
_PLAIN = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^\d{1,3}(\d{3})*$")


class NotANumber(ValueError):
    """Text in a number cell that is not a number in the language's way of writing."""


def parse_entry(text: str, lang: str) -> float | None:
    """The number written in ``text`` (None for an empty cell); raises :class:`NotANumber`.

    Digits may be grouped by three with spaces (or, in English, commas); any other space,
    a second decimal separator or a letter makes the text not a number.
    """
    raw = text.strip().replace(MINUS, "-")
    if not raw:
        return None
    grouping = SPACES + ("," if lang == "en" else "")
    decimal = "." if lang == "en" else ",."
    sign, body = ("-", raw[1:]) if raw.startswith("-") else ("", raw)
    whole, point, fraction = _split(body, decimal)
    if point is None or any(c in fraction for c in grouping + decimal):
        raise NotANumber(text)
    groups = re.split(f"[{re.escape(grouping)}]", whole)
    if len(groups) > 1 and not (_GROUPED.match("".join(groups)) and _grouped(groups)):
        raise NotANumber(text)
    number = f"{sign}{''.join(groups)}{'.' if point else ''}{fraction}"
    if not _PLAIN.match(number):
        raise NotANumber(text)
    return float(number)


def _split(body: str, decimal: str) -> tuple[str, str | None, str]:
    """``body`` as (whole part, decimal separator or '', fraction); separator None when
    there are two of them."""
    found = [i for i, c in enumerate(body) if c in decimal]
    if not found:
        return body, "", ""
    if len(found) > 1:
        return body, None, ""
    i = found[0]
    return body[:i], body[i], body[i + 1:]


def _grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 and g.isdigit() for g in groups[1:])
