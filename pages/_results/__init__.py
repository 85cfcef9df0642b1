"""The sections of the results page (``pages/results.py``), one module each."""
