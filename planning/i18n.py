"""Every text of the product and its local formats: one gettext catalogue (Babel).

The texts live in ``planning/locale/<lang>/LC_MESSAGES/messages.po`` (``lv``, ``en``), one
entry per symbolic message id (``"nav.map"``), read at start with Babel's ``read_po`` (no
compile step). Code asks for a text by id:

* :func:`t` — a text, ``{placeholders}`` filled from keyword arguments;
* :func:`tn` — a text that depends on a count: the catalogue holds one form per plural class
  of the language (three in Latvian: 1, 21 … / 2, 10 … / 0; two in English) and
  ``Plural-Forms`` picks one;
* :func:`msg` / :func:`msgn` — the same text kept for later (:class:`Text`): layers that do
  not know the reader's language (validation, imports, errors) return it, and the page, CLI
  or report renders it with :func:`render` in the reader's language.

A new text is a new entry in both ``.po`` files (``docs/architecture.md`` says how; the
extraction is ``pybabel extract -F babel.cfg .``); ``tests/planning/test_i18n.py`` fails when
an id used in the code has no translation in either language. Names of groups and services
come from the catalogue of services (``Group.name(lang)``), not from here.

Numbers, euros, shares and dates are formatted by Babel for ``lv_LV`` and ``en``.

>>> t("app.title", "en")
'DI planning'
>>> tn("table.rows", 21, "lv")
'21 rinda'
>>> fmt_int(1234567, "en")
'1,234,567'
>>> fmt_eur(9000, "en")
'€9,000'
>>> fmt_change(0, "lv"), fmt_change(-37, "lv")
('0', '−37')
"""

from __future__ import annotations

import gettext
import math
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from babel import Locale, dates, numbers
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from planning.domain.config import LOCAL_TZ

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"
LANG_LABELS = {"lv": "LV", "en": "EN"}
LOCALES = {"lv": "lv_LV", "en": "en"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
MISSING = "–"


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def po_path(lang: str) -> Path:
    """The catalogue file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@cache
def catalogue(lang: str) -> Catalog:
    """The parsed ``.po`` catalogue of ``lang`` (read once per process)."""
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=LOCALES[lang])


@cache
def _plural_index(lang: str) -> Callable[[int], int]:
    return gettext.c2py(catalogue(lang).plural_expr)


def _message(key: str, lang: str) -> Message:
    message = catalogue(_lang(lang)).get(key)
    if message is None or not message.string:
        raise KeyError(key)
    return message


def t(key: str, /, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text ``key`` in ``lang`` (Latvian if ``lang`` is unknown).

    ``values`` fill ``{placeholders}``. An unknown id raises ``KeyError``, so a missing text
    is found by the tests, not by users.

    >>> t("nav.map", "lv")
    'Karte'
    """
    message = _message(key, lang)
    if message.pluralizable:
        raise KeyError(f"{key} has plural forms: call tn()")
    text = message.string
    return text.format(**values) if values else text


def tn(key: str, n: float, /, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The form of the text ``key`` for the count ``n``; ``{n}`` is ``n`` formatted.

    >>> [tn("table.rows", k, "lv") for k in (1, 2, 0)]
    ['1 rinda', '2 rindas', '0 rindu']
    """
    lang = _lang(lang)
    return plural_form(key, n, lang).format(**{"n": fmt_int(n, lang), **values})


def plural_form(key: str, n: float, /, lang: str = DEFAULT_LANG) -> str:
    """The form of the plural text ``key`` for the count ``n``, its placeholders unfilled
    (for a caller that fills them itself, e.g. Click's messages).

    >>> plural_form("table.rows", 2, "lv")
    '{n} rindas'
    """
    lang = _lang(lang)
    message = _message(key, lang)
    if not message.pluralizable:
        raise KeyError(f"{key} has no plural forms: call t()")
    forms = message.string
    return forms[min(_plural_index(lang)(int(abs(n))), len(forms) - 1)]


class Text(str):
    """A text of the catalogue kept with its id and values, to be shown in any language.

    It reads as its English form (logs, tests, ``str(error)``), and :func:`render` gives it
    in the reader's language. Values that are themselves a ``Text`` are rendered in the same
    language, so a message can hold another (a bound inside a cell's problem).

    >>> text = msg("bounds.too_large", limit="100 000")
    >>> text, render(text, "lv")
    ('too large; at most 100 000', 'par lielu; ne vairāk kā 100 000')
    """

    key: str
    values: dict[str, object]
    count: float | None

    def __new__(cls, key: str, values: dict[str, object], count: float | None = None) -> Text:
        self = super().__new__(cls, _render_parts(key, values, count, "en"))
        self.key, self.values, self.count = key, values, count
        return self

    def __reduce__(self) -> tuple:
        return Text, (self.key, self.values, self.count)

    def render(self, lang: str) -> str:
        return _render_parts(self.key, self.values, self.count, lang)


def _render_parts(key: str, values: dict[str, object], count: float | None, lang: str) -> str:
    shown = {name: _shown(value, lang) for name, value in values.items()}
    return t(key, lang, **shown) if count is None else tn(key, count, lang, **shown)


def _shown(value: object, lang: str) -> object:
    """A value inside a text: a text or a problem (``describe(lang)``) in ``lang``, a tuple
    of them as a list of lines, anything else as it is (so ``{low:g}`` formats)."""
    if isinstance(value, tuple):
        return "\n".join(f"- {_shown(item, lang)}" for item in value)
    if isinstance(value, str):
        return render(value, lang)
    describe = getattr(value, "describe", None)
    return describe(lang) if callable(describe) else value


def msg(key: str, /, **values: object) -> Text:
    """The text ``key`` with ``values``, to be rendered later in the reader's language."""
    return Text(key, values)


def msgn(key: str, n: float, /, **values: object) -> Text:
    """The plural text ``key`` for the count ``n``, to be rendered later."""
    return Text(key, values, n)


def render(text: object, lang: str = DEFAULT_LANG) -> str:
    """``text`` in ``lang`` if it is a :class:`Text`; any other value as it is written."""
    return text.render(lang) if isinstance(text, Text) else str(text)


def has(key: str) -> bool:
    """Whether the catalogue has a text ``key``."""
    return catalogue(DEFAULT_LANG).get(key) is not None


def t_or(key: str, lang: str, default: str) -> str:
    """The text ``key``, or ``default`` when the catalogue has none (values of data)."""
    return t(key, lang) if has(key) else default


def region_name(region: str | None, lang: str = DEFAULT_LANG) -> str:
    """Display name of a planning region; ``None`` or ``""`` means all of Latvia."""
    return t(f"region.{region}", lang) if region else t("region.all", lang)


def kind_name(kind: str, lang: str = DEFAULT_LANG) -> str:
    return t_or(f"kind.{kind}", lang, kind)


def status_name(status: str, lang: str = DEFAULT_LANG) -> str:
    """Display text of a ``data_status`` value; unknown values are shown as they are."""
    return t_or("status." + str(status).strip().lower().replace(" ", "_"), lang, str(status))


def column_label(column: str, lang: str = DEFAULT_LANG) -> str:
    """The header of a table column (app, XLSX, CSV and PDF alike); the id if it has none."""
    return t_or(f"col.{column}", lang, column)


def localized(obj: object, lang: str, field: str = "name") -> str:
    """``obj.name_lv`` or ``obj.name_en`` (data that carries both, e.g. the catalogue)."""
    return getattr(obj, f"{field}_{_lang(lang)}")


# ------------------------------------------------------------------ numbers and dates

def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[_lang(lang)])


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _apply(kind: str, value: float, lang: str, decimals: int, **kwargs: object) -> str:
    locale = _locale(lang)
    formats = {"decimal": locale.decimal_formats, "currency": locale.currency_formats,
               "percent": locale.percent_formats}[kind]
    pattern = numbers.parse_pattern(formats["standard" if kind == "currency" else None])
    pattern.frac_prec = (decimals, decimals)
    rounded = round(float(value), decimals + (2 if kind == "percent" else 0))
    return pattern.apply(rounded + 0.0, locale, currency_digits=False, **kwargs)


def fmt_number(value: object, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A number with the language's grouping: lv '1 234,5', en '1,234.5'; '–' for missing.

    Text (e.g. a suppressed '<5') passes through unchanged.
    """
    if isinstance(value, str):
        return value
    if _is_missing(value):
        return MISSING
    return _apply("decimal", value, lang, decimals)


def fmt_int(value: object, lang: str = DEFAULT_LANG) -> str:
    """A whole number: lv ``"1 234 567"`` (no-break spaces), en ``"1,234,567"``."""
    return fmt_number(value, lang, 0)


def fmt_change(value: object, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A change, signed only when it is not zero: ``"+1 234"``, ``"−37"`` (a minus sign),
    ``"0"``; a value that rounds to zero is ``"0"``. Text (e.g. a withheld '…') passes
    through unchanged; '–' for missing.

    >>> [fmt_change(v, "lv") for v in (12, -3, 0, -0.2)]
    ['+12', '−3', '0', '0']
    """
    if isinstance(value, str):
        return value
    if _is_missing(value):
        return MISSING
    size = _apply("decimal", abs(float(value)), lang, decimals)
    if size == _apply("decimal", 0, lang, decimals):
        return size
    return ("+" if float(value) > 0 else "\u2212") + size


def fmt_count(value: object, lang: str = DEFAULT_LANG, *, hide_small: bool = False) -> str:
    """A count of clients or places; with ``hide_small`` a count of 1-4 shows as "<5".

    Values already suppressed ("<5", "…") pass through unchanged.
    """
    from planning.domain.privacy import suppress_value

    if isinstance(value, str):
        return value
    shown = suppress_value(value) if hide_small else value
    return fmt_int(shown, lang)


def fmt_eur(value: object, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """Euros: lv ``"1 234 567 €"``, en ``"€1,234,567"``."""
    if _is_missing(value):
        return MISSING
    return _apply("currency", value, lang, decimals, currency="EUR")


def fmt_meur(value: object, lang: str = DEFAULT_LANG, decimals: int = 2) -> str:
    """Millions of euros for a headline figure: lv ``"2,95 milj. €"``, en ``"€2.95M"``."""
    if _is_missing(value):
        return MISSING
    return t("unit.meur", lang, number=fmt_number(float(value) / 1e6, lang, decimals))


def fmt_pct(share: object, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A share as per cent: 0.253 -> lv ``"25 %"``, en ``"25%"``."""
    if _is_missing(share):
        return MISSING
    return _apply("percent", share, lang, decimals)


def fmt_date(day: date, lang: str = DEFAULT_LANG) -> str:
    """A date: lv ``"1.07.2025."``, en ``"Jul 1, 2025"`` (the catalogue names Babel's skeleton)."""
    return dates.format_skeleton(t("format.date", lang), day, locale=_locale(lang))


def fmt_datetime(moment: datetime, lang: str = DEFAULT_LANG) -> str:
    """A stored (UTC) moment in Riga time to the minute: lv ``"25.11.2026. 14:05"``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(LOCAL_TZ)
    return f"{fmt_date(local.date(), lang)} {dates.format_time(local, 'HH:mm')}"
