"""Sections of the scenarios page (``pages/scenarios.py``): one module per thing it draws."""
