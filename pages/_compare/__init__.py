"""The sections of the compare page (``pages/compare.py``), one module each."""
