"""Sections of the public consultation page (``pages/consultation.py``), one module each."""
