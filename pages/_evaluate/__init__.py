"""The sections of the plan-evaluation page (``pages/evaluate.py``), one module each."""
