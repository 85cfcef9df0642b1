"""Sections of the plan approval page (``pages/review.py``): one module per thing it draws."""
