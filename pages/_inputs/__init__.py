"""Sections of the inputs page (``pages/inputs.py``): one module per thing it draws."""
