"""``di-plan``: the headless command line."""
