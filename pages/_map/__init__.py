"""The sections of the map page (``pages/map.py``), one module each."""
