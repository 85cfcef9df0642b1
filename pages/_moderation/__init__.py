"""Sections of the consultation management page (``pages/moderation.py``): one module per
thing it draws."""
