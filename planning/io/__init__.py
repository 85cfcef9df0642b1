"""Real data in and plans out: imports with validation, exports and the plan report.

Nothing here stores anything: imports return new values (the scenario service saves them),
exports return bytes (pages offer them with ``st.download_button``).

Imports
    ``imports.import_table(data, file, kind, inputs=...)`` — needs, norms, institutions,
    existing services from CSV/XLSX -> ``ImportResult`` (new ``inputs`` or ``frame``,
    ``preview``, ``report``), or ``ImportRejected`` whose ``problems`` (``.table(lang)``) list
    file, sheet, row, column, value and what is expected.
    ``boundaries.read_boundaries(data, file, division)`` — GeoJSON/GPKG/zipped Shapefile.
    ``bundle.read_bundle(data, file)`` — a whole scenario (inputs, problem, solution).
Downloads
    ``templates.template_xlsx / template_csv(kind, lang, rows)`` (by names, with drop-down
    lists), ``templates.current_rows``;
    ``exports.plan_workbook / plan_csv_zip(style=...) / allocations_geojson /
    plan_geopackage(plan)`` (a ``PublicPlan`` for the public);
    ``bundle.scenario_bundle(plan)``; ``report.plan_report`` (PDF) and
    ``report_docx.plan_docx`` (Word) ``(plan, lang, consultation)``, both from
    ``outline.plan_outline``; ``plan_files.plan_files(plan, ...)`` lists them all for a page.
"""
