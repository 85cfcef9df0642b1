"""The frames of the map page, as the reader may see them."""

from __future__ import annotations

from pages import _shared as ui
from planning.domain import privacy, public_reference
from planning.views import map_view
from planning.views import reference_views as views


def load(choice: dict[str, object], division: str, region: str,
         lang: str) -> map_view.MapFrames | None:
    """The area's frames for ``choice``, protected for the public; None when the data files
    cannot be read (said, with which)."""
    try:
        munis = ui.municipality_table(division, region, lang)
        institutions = ui.institutions_table(division, region, lang)
        services = ui.services_table(division, region, lang)
        all_institutions = ui.institutions_table(division, views.ALL, lang)
        all_services = ui.services_table(division, views.ALL, lang)
    except Exception as exc:  # bad data files: say which, don't crash
        ui.data_error(exc)
        return None
    group, service = choice["group"], choice["service"]
    needs = ui.needs_layer(division, group, service, region, lang, choice["source"])
    frames = map_view.map_frames(munis, institutions, services, all_institutions,
                                 all_services, needs)
    if not privacy.needs_suppression(ui.actor()):
        return frames
    return map_view.public_map_frames(frames, public_reference.protected_reference(division),
                                      region, group, service, list(ui.catalogue().groups),
                                      lang)
