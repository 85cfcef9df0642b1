"""Sections of the municipal response page (``pages/municipality.py``), one module each."""
