"""What a user may sweep and how values are typed: the levers of a scenario and a parser
for a list of numbers in the user's language.

Values are typed as a list separated by ``;`` (``1 000 000; 2 000 000``; in Latvian the comma
is the decimal sign, so it cannot separate values) or as a range ``start:stop:step`` (the
stop included). Grouping spaces (also no-break and narrow no-break ones) are ignored; in
Latvian a comma is the decimal sign, in English it groups thousands.
"""

from __future__ import annotations

import math
import re

from optimizer.sweep import Lever
from planning import i18n
from planning.domain.catalogue import Catalogue
from planning.domain.errors import InputError

MAX_VALUES = 100
SPACES = re.compile(r"[\s\u00a0\u202f]")


def levers(catalogue: Catalogue, region: str | None,
           regions: list[str]) -> list[Lever]:
    """The levers of a scenario: the five inputs, and the need of each group and (for a
    national scenario) of each region."""
    out = [Lever("budget"), Lever("contingency"), Lever("min_occupancy"),
           Lever("mentor_ratio"), Lever("need")]
    out += [Lever("need", g) for g in catalogue.groups]
    if region is None:
        out += [Lever("need", r) for r in regions]
    return out


def parse_values(text: str, lang: str, *, column: str = "sweep_values") -> list[float]:
    """Numbers typed by a user (see the module); ``InputError`` naming the bad part."""
    text = text.strip()
    if not text:
        raise InputError(i18n.msg("sweep.values.empty"), column=column, value=text)
    if ":" in text:
        values = _range(text, lang, column)
    else:
        values = [_number(part, lang, column) for part in text.split(";") if part.strip()]
    if len(values) > MAX_VALUES:
        raise InputError(i18n.msg("sweep.values.too_many", n=len(values), most=MAX_VALUES),
                         column=column, value=len(values))
    return values


def _range(text: str, lang: str, column: str) -> list[float]:
    parts = text.split(":")
    if len(parts) != 3:
        raise InputError(i18n.msg("sweep.values.range_form"), column=column, value=text)
    start, stop, step = (_number(p, lang, column) for p in parts)
    if step <= 0 or stop < start:
        raise InputError(i18n.msg("sweep.values.range_order"), column=column, value=text)
    count = math.floor((stop - start) / step + 1e-9) + 1
    if count > MAX_VALUES:
        raise InputError(i18n.msg("sweep.values.too_many", n=count, most=MAX_VALUES),
                         column=column, value=text)
    return [round(start + k * step, 9) for k in range(count)]


def _number(part: str, lang: str, column: str) -> float:
    raw = SPACES.sub("", part)
    raw = raw.replace(",", ".") if lang == "lv" else raw.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        raise InputError(i18n.msg("sweep.values.not_number", text=part.strip()),
                         column=column, value=part.strip()) from None
    if not math.isfinite(value) or value < 0:
        raise InputError(i18n.msg("sweep.values.negative", text=part.strip()),
                         column=column, value=part.strip())
    return value
