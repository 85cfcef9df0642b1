"""Sections of the run page (``pages/run.py``): one module per thing it draws."""
