"""The sections of the sensitivity page (``pages/sweep.py``), one module each; those named
``robust*`` draw its robust-plan section."""
