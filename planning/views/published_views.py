"""Published plans as the pages show them, as data (no Streamlit): a count as text ("<5"
and withheld cells as they are), a municipality's own allocations for reading, and the
answers it may give to one allocation.

>>> answer_options(0, None)
(['disputed'], None)
>>> answer_options(3, "disputed")
(['confirmed', 'disputed'], 1)
"""

from __future__ import annotations

import pandas as pd

from planning import i18n
from planning.store.published import response_label
from planning.store.tables import Response


def count_text(value: object, lang: str) -> str:
    """A count as shown: local format, '<5' (any text) as is, 'withheld' when None."""
    if value is None:
        return i18n.t("plan.withheld", lang)
    return value if isinstance(value, str) else i18n.fmt_int(value, lang)


def own_frame(own: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``planning.store.published.own_allocations`` for reading: the answer so far in
    ``lang`` ('no response' when none), need and unmet need as text like the place counts."""
    return own.assign(response=own["response"].map(lambda r: response_label(r, lang)),
                      need=own["need"].map(lambda v: count_text(v, lang)),
                      unmet=own["unmet"].map(lambda v: count_text(v, lang)))


def answer_options(new_places: object, current: object) -> tuple[list[str], int | None]:
    """The answers (``Response`` values) to an allocation of ``new_places`` and the index of
    ``current`` (the answer saved, or None) among them. An allocation of no places has
    nothing to confirm: its need can only be disputed."""
    options = [r.value for r in Response]
    if not new_places:
        options = [Response.DISPUTED.value]
    return options, options.index(current) if current in options else None
