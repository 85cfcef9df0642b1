"""Real data in and plans out: imports with validation, exports and the plan report.

Imports (nothing is stored here; callers save what they get back):

- :func:`planning.io.imports.import_table` — needs, norms, institutions, existing services
  from CSV/XLSX; returns new ``ScenarioInputs`` or a table plus a preview, or raises
  ``ImportRejected`` listing every problem.
- :func:`planning.io.templates.template_xlsx` / ``template_csv`` — downloadable templates.
"""
