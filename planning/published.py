"""What each role sees of regional plans: the plans open to it, a version's new places
(counts 1-4 suppressed for those who may not see details) and their map layer.

Pages draw these; permission checks happen in the functions they call
(:mod:`planning.scenario`, :mod:`planning.consultation`), and suppression in
:mod:`planning.privacy`.
"""

from __future__ import annotations

from planning import geo


def municipality_name(code: str | None, lang: str = "lv") -> str:
    """The display name of an ATVK code of either administrative division (else the code)."""
    for division in geo.DIVISIONS:
        facts = geo.municipalities(division)
        match = facts.loc[facts["atvk_code"] == code]
        if not match.empty:
            return str(match.iloc[0]["name_en" if lang == "en" else "name_lv"])
    return str(code or "")
