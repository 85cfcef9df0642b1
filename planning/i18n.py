"""Interface strings (Latvian first, English second) and local number formatting.

One dictionary, ``STRINGS``: key -> {"lv": ..., "en": ...}. Pages and map builders call
:func:`t`; names of groups and services come from the catalogue (``Group.name(lang)``),
not from here, so they are typed once.

>>> t("app.title", "en")
'DI planning'
>>> fmt_int(1234567, "lv")
'1 234 567'
>>> fmt_eur(9000, "en")
'€9,000'
"""

from __future__ import annotations

import math
from datetime import date

LANGS = ("lv", "en")
DEFAULT_LANG = "lv"
LANG_LABELS = {"lv": "LV", "en": "EN"}

# Thousands separator for Latvian: a plain space, as in "1 234 567" (LVS / CSP usage).
_LV_THOUSANDS = " "

STRINGS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------- app and navigation
    "app.title": {"lv": "DI plānošana", "en": "DI planning"},
    "app.subtitle": {
        "lv": "Reģionālā deinstitucionalizācijas plānošana Latvijā",
        "en": "Regional deinstitutionalisation planning in Latvia",
    },
    "nav.section.explore": {"lv": "Pārskats", "en": "Overview"},
    "nav.section.plan": {"lv": "Plānošana", "en": "Planning"},
    "nav.section.review": {"lv": "Izvērtēšana", "en": "Review"},
    "nav.section.account": {"lv": "Konts", "en": "Account"},
    "nav.map": {"lv": "Karte", "en": "Map"},
    "nav.about": {"lv": "Dati un avoti", "en": "Data and sources"},
    "nav.scenarios": {"lv": "Scenāriji", "en": "Scenarios"},
    "nav.inputs": {"lv": "Ievade", "en": "Inputs"},
    "nav.run": {"lv": "Aprēķins", "en": "Run"},
    "nav.results": {"lv": "Rezultāti", "en": "Results"},
    "nav.compare": {"lv": "Salīdzināt", "en": "Compare"},
    "nav.consultation": {"lv": "Apspriešana", "en": "Consultation"},
    "nav.signin": {"lv": "Pieteikties", "en": "Sign in"},
    "sidebar.language": {"lv": "Valoda", "en": "Language"},
    "sidebar.area": {"lv": "Teritorija", "en": "Area"},
    "sidebar.region": {"lv": "Plānošanas reģions", "en": "Planning region"},
    "sidebar.division": {"lv": "Administratīvais iedalījums", "en": "Administrative division"},
    "division.help": {
        "lv": "2025: 42 pašvaldības; 2021: 43. Kopš 01.07.2025. Varakļānu novads ir daļa no "
        "Madonas novada (42 pašvaldības); "
        "2021.-2025. gada plāni izmanto 43 pašvaldību iedalījumu.",
        "en": "2025: 42 local governments; 2021: 43. Since 1 Jul 2025 Varakļāni is part of "
        "Madona (42 local governments); plans of "
        "2021-2025 use the 43-unit division.",
    },
    "region.all": {"lv": "Visa Latvija", "en": "All of Latvia"},
    # ------------------------------------------------------------- planning regions
    # Region names are proper names, the same in both languages: the region selector is bound
    # to the URL by its label, so a label that changed with the language would lose the choice.
    "region.Rīga": {"lv": "Rīga", "en": "Rīga"},
    "region.Kurzeme": {"lv": "Kurzeme", "en": "Kurzeme"},
    "region.Zemgale": {"lv": "Zemgale", "en": "Zemgale"},
    "region.Vidzeme": {"lv": "Vidzeme", "en": "Vidzeme"},
    "region.Latgale": {"lv": "Latgale", "en": "Latgale"},
    "kind.valstspilsēta": {"lv": "valstspilsēta", "en": "state city"},
    "kind.novads": {"lv": "novads", "en": "municipality"},
    # ------------------------------------------------------------- short group names
    "group.short.children_orphans": {"lv": "Bāreņi", "en": "Children w/o parental care"},
    "group.short.children_ft": {"lv": "Bērni ar FT", "en": "Children with FI"},
    "group.short.adults_grt": {"lv": "Pieaugušie ar GRT", "en": "Adults with MD"},
    "group.short.youth_leaving_care": {"lv": "Jaunieši", "en": "Youth leaving care"},
    "group.all": {"lv": "Visas mērķa grupas", "en": "All target groups"},
    "service.all": {"lv": "Visi pakalpojumi", "en": "All services"},
    # ------------------------------------------------------------- map page
    "map.title": {
        "lv": "Karte: vajadzības, institūcijas, pakalpojumi",
        "en": "Map: needs, institutions, services",
    },
    "map.caption": {
        "lv": "Pašvaldību robežas, plānošanas reģioni, klientu vajadzības, institūcijas un "
        "esošie sabiedrībā balstītie pakalpojumi.",
        "en": "Municipal boundaries, planning regions, clients' needs, institutions and "
        "existing community services.",
    },
    "map.group": {"lv": "Mērķa grupa (krāsojums)", "en": "Target group (shading)"},
    "map.service": {"lv": "Nepieciešamais pakalpojums", "en": "Required service"},
    "map.layers": {"lv": "Slāņi, kas redzami sākumā", "en": "Layers shown at start"},
    "map.settings": {"lv": "Kartes iestatījumi", "en": "Map settings"},
    "map.basemap_help": {
        "lv": "OpenStreetMap fons; vajadzīgs internets.",
        "en": "OpenStreetMap background; needs internet.",
    },
    "map.basemap": {"lv": "Fona karte (OpenStreetMap)", "en": "Base map (OpenStreetMap)"},
    "map.boundaries": {"lv": "Robežu avots", "en": "Boundary source"},
    "boundaries.amcharts": {"lv": "amCharts (detalizētas)", "en": "amCharts (detailed)"},
    "boundaries.naturalearth": {
        "lv": "Natural Earth (publiskais domēns, rupjākas)",
        "en": "Natural Earth (public domain, coarser)",
    },
    "layer.needs": {"lv": "Vajadzības pa pašvaldībām", "en": "Needs per municipality"},
    "layer.regions": {"lv": "Plānošanas reģioni", "en": "Planning regions"},
    "layer.institutions": {"lv": "Institūcijas", "en": "Institutions"},
    "layer.services": {"lv": "Esošie pakalpojumi", "en": "Existing services"},
    "legend.title": {"lv": "Apzīmējumi", "en": "Legend"},
    "legend.needs": {
        "lv": "Pakalpojumu vajadzības (klienti × pakalpojumi)",
        "en": "Service needs (clients × services)",
    },
    "legend.outside": {"lv": "ārpus izvēlētā reģiona", "en": "outside the selected region"},
    "legend.region_outline": {"lv": "plānošanas reģiona robeža", "en": "planning region boundary"},
    "legend.institution": {
        "lv": "institūcija (lielums = klienti)",
        "en": "institution (size = clients)",
    },
    "legend.service": {"lv": "pakalpojums (lielums = vietas)", "en": "service (size = places)"},
    "legend.illustrative": {"lv": "Dati ir ilustratīvi", "en": "Data are illustrative"},
    "tip.municipality": {"lv": "Pašvaldība", "en": "Municipality"},
    "tip.region": {"lv": "Reģions", "en": "Region"},
    "tip.kind": {"lv": "Veids", "en": "Kind"},
    "tip.population": {"lv": "Iedzīvotāji", "en": "Population"},
    "tip.needs": {"lv": "Vajadzības", "en": "Needs"},
    "tip.needs_total": {"lv": "Vajadzības kopā", "en": "Needs, total"},
    "tip.per_10k": {"lv": "uz 10 000 iedz.", "en": "per 10,000 residents"},
    "tip.clients": {"lv": "Klienti", "en": "Clients"},
    "tip.places": {"lv": "Vietas", "en": "Places"},
    "tip.places_in_use": {"lv": "Aizņemtās vietas", "en": "Places in use"},
    "tip.operator": {"lv": "Uzturētājs", "en": "Operator"},
    "tip.provider": {"lv": "Sniedzējs", "en": "Provider"},
    "tip.type": {"lv": "Pakalpojuma veids", "en": "Service type"},
    "tip.status": {"lv": "Datu statuss", "en": "Data status"},
    "tip.approx": {
        "lv": "atrašanās vieta: pašvaldības punkts (precīza nav zināma)",
        "en": "location: municipality point (exact one unknown)",
    },
    "summary.municipalities": {"lv": "Pašvaldības", "en": "Local governments"},
    "summary.population": {"lv": "Iedzīvotāji", "en": "Population"},
    "summary.needs": {"lv": "Pakalpojumu vajadzības", "en": "Service needs"},
    "summary.institution_clients": {"lv": "Klienti institūcijās", "en": "Clients in institutions"},
    "summary.service_places": {"lv": "Vietas pakalpojumos", "en": "Service places"},
    "tab.municipalities": {"lv": "Pašvaldības", "en": "Municipalities"},
    "tab.institutions": {"lv": "Institūcijas", "en": "Institutions"},
    "tab.services": {"lv": "Pakalpojumi", "en": "Services"},
    "table.filter": {"lv": "Meklēt pēc nosaukuma", "en": "Search by name"},
    "table.filter_help": {
        "lv": "Filtrē visas tabulas; kolonnas var kārtot, noklikšķinot uz virsraksta.",
        "en": "Filters every table; click a column header to sort.",
    },
    "table.rows": {"lv": "{n} rindas", "en": "{n} rows"},
    "table.empty": {"lv": "Nav atbilstošu ierakstu.", "en": "No matching rows."},
    "table.download": {"lv": "Lejupielādēt CSV", "en": "Download CSV"},
    "col.atvk_code": {"lv": "ATVK kods", "en": "ATVK code"},
    "col.name": {"lv": "Nosaukums", "en": "Name"},
    "col.kind": {"lv": "Veids", "en": "Kind"},
    "col.region": {"lv": "Reģions", "en": "Region"},
    "col.population": {"lv": "Iedzīvotāji", "en": "Population"},
    "col.needs_total": {"lv": "Vajadzības kopā", "en": "Needs, total"},
    "col.per_10k": {"lv": "Uz 10 000 iedz.", "en": "Per 10,000 residents"},
    "col.municipality": {"lv": "Pašvaldība", "en": "Municipality"},
    "col.settlement": {"lv": "Apdzīvota vieta", "en": "Settlement"},
    "col.operator": {"lv": "Uzturētājs", "en": "Operator"},
    "col.provider": {"lv": "Sniedzējs", "en": "Provider"},
    "col.clients_total": {"lv": "Klienti kopā", "en": "Clients, total"},
    "col.clients_adults_grt": {"lv": "Pieaugušie ar GRT", "en": "Adults with MD"},
    "col.clients_children_orphans": {"lv": "Bāreņi", "en": "Children w/o parental care"},
    "col.clients_children_ft": {"lv": "Bērni ar FT", "en": "Children with FI"},
    "col.places": {"lv": "Vietas", "en": "Places"},
    "col.places_licensed": {"lv": "Licencētās vietas", "en": "Licensed places"},
    "col.places_in_use": {"lv": "Aizņemtās vietas", "en": "Places in use"},
    "col.type": {"lv": "Pakalpojuma veids", "en": "Service type"},
    "col.service": {"lv": "Plānojamais pakalpojums", "en": "Planned service"},
    "col.data_status": {"lv": "Datu statuss", "en": "Data status"},
    "col.source": {"lv": "Avots", "en": "Source"},
    "status.sourced": {"lv": "ar avotu", "en": "sourced"},
    "status.illustrative": {"lv": "ilustratīvs", "en": "illustrative"},
    "status.illustrative_split_of_sourced_total": {
        "lv": "ilustratīvs (avota kopsummas sadalījums)",
        "en": "illustrative (split of a sourced total)",
    },
    "data.notice": {
        "lv": "**Dati: ilustratīvi.** Vajadzības aprēķinātas no valsts kopsummām un pašvaldību "
        "iedzīvotāju īpatsvara; institūciju klienti daļēji sadalīti vienmērīgi. Tie nav "
        "reāli vajadzību izvērtējumi — izmantojiet tos tikai rīka izmēģināšanai.",
        "en": "**Data: illustrative.** Needs are derived from national totals and each "
        "municipality's share of the population; institution clients are partly split "
        "evenly. They are not real needs assessments — use them to try the tool only.",
    },
    "data.attribution": {
        "lv": "Pašvaldību robežas: {attribution}. Iedzīvotāji: CSP (dažādi gadi).",
        "en": "Municipal boundaries: {attribution}. Population: CSP (mixed years).",
    },
    "data.sources": {"lv": "Datu avoti", "en": "Data sources"},
    "data.sources_more": {
        "lv": "Visi avoti, metodes un licences — lapā „Dati un avoti”.",
        "en": "All sources, methods and licences are on the “Data and sources” page.",
    },
    # ------------------------------------------------------------- data and sources page
    "about.title": {"lv": "Dati un avoti", "en": "Data and sources"},
    "about.intro": {
        "lv": "Kas ir iebūvētajā datu kopā, no kurienes tas nāk un kas ir ilustratīvs.",
        "en": "What the embedded dataset holds, where it comes from and what is illustrative.",
    },
    "about.datasets": {"lv": "Datu kopas", "en": "Datasets"},
    "about.needs_method": {
        "lv": "Kā aprēķinātas ilustratīvās vajadzības",
        "en": "How the illustrative needs are derived",
    },
    "about.needs_method_text": {
        "lv": "Katrai mērķa grupai valsts kopsumma (no DI mērķiem) tiek sadalīta pa pakalpojumiem "
        "un aprūpes līmeņiem un tad pa pašvaldībām proporcionāli iedzīvotāju skaitam "
        "(lielāko atlikumu metode, lai kopsummas sakristu precīzi).",
        "en": "For each target group a national total (from the DI targets) is split into "
        "services and care levels, then among municipalities in proportion to their population "
        "(largest-remainder method, so totals match exactly).",
    },
    "about.norms": {
        "lv": "Pakalpojumu normatīvi un to avoti",
        "en": "Service norms and their sources",
    },
    "about.licence": {"lv": "Licences", "en": "Licences"},
    "about.licence_text": {
        "lv": "Pašvaldību robežas (`data/municipalities.geojson`, `planning_regions.geojson`) ir "
        "© amCharts, bezmaksas amCharts licence (saites licence, `data/LICENSE-amcharts.txt`); "
        "uz tām neattiecas projekta licence. Alternatīvās robežas `municipalities_ne_pd.geojson`: "
        "Made with Natural Earth (publiskais domēns).",
        "en": "Municipal boundaries (`data/municipalities.geojson`, "
        "`planning_regions.geojson`) are © amCharts under the free amCharts licence "
        "(linkware, `data/LICENSE-amcharts.txt`); "
        "they are not covered by the project's licence. Alternative boundaries "
        "`municipalities_ne_pd.geojson`: Made with Natural Earth (public domain).",
    },
    "about.col.dataset": {"lv": "Datu kopa", "en": "Dataset"},
    "about.col.rows": {"lv": "Rindas", "en": "Rows"},
    "about.col.status": {"lv": "Statuss", "en": "Status"},
    "about.col.group": {"lv": "Mērķa grupa", "en": "Target group"},
    "about.col.assessed": {"lv": "Izvērtēti (valstī)", "en": "Assessed (national)"},
    "about.col.eligible": {"lv": "Atbilstošie iedzīvotāji", "en": "Eligible population"},
    "about.col.norm": {"lv": "Normatīvs", "en": "Norm"},
    "about.col.value": {"lv": "Vērtība", "en": "Value"},
    "about.norms_illustrative": {
        "lv": "{n} normatīvi ilustratīvi",
        "en": "{n} norms illustrative",
    },
    "about.ds.municipalities": {"lv": "Pašvaldības", "en": "Local governments"},
    "about.ds.boundaries": {"lv": "Robežas", "en": "Boundaries"},
    "about.ds.institutions": {"lv": "Institūcijas", "en": "Institutions"},
    "about.ds.services": {"lv": "Esošie pakalpojumi", "en": "Existing services"},
    "about.ds.needs": {"lv": "Vajadzības", "en": "Needs"},
    "about.ds.norms": {"lv": "Normatīvu katalogs", "en": "Norms catalogue"},
    "error.data": {
        "lv": "Datus nevarēja ielādēt: {error}",
        "en": "The data could not be loaded: {error}",
    },
    # ------------------------------------------------------------- roles and sign-in (issue 6)
    "nav.moderation": {"lv": "Apspriešanas vadība", "en": "Consultation management"},
    "nav.review": {"lv": "Apstiprināšana", "en": "Approval"},
    "nav.municipality": {"lv": "Pašvaldības viedoklis", "en": "Municipal response"},
    "nav.audit": {"lv": "Izmaiņu žurnāls", "en": "Audit trail"},
    "role.management_group": {"lv": "DI vadības grupa", "en": "DI management group"},
    "role.ministry": {"lv": "Ministrija", "en": "Ministry"},
    "role.municipality": {"lv": "Pašvaldība", "en": "Municipality"},
    "role.public": {"lv": "Sabiedrība", "en": "Public"},
    "role.admin": {"lv": "Administrators", "en": "Administrator"},
    "signin.title": {"lv": "Pieteikšanās", "en": "Sign in"},
    "signin.intro": {
        "lv": "Sabiedriskā apspriešana ir pieejama bez konta. Pieteikties vajag DI vadības "
        "grupām, ministrijai un pašvaldībām.",
        "en": "The public consultation needs no account. Management groups, the ministry and "
        "municipalities sign in.",
    },
    "signin.username": {"lv": "Lietotājvārds", "en": "Username"},
    "signin.password": {"lv": "Parole", "en": "Password"},
    "signin.submit": {"lv": "Pieteikties", "en": "Sign in"},
    "signin.failed": {
        "lv": "Nepareizs lietotājvārds vai parole (vai konts ir bloķēts).",
        "en": "Wrong username or password (or the account is blocked).",
    },
    "signin.as": {"lv": "Jūs esat pieteicies kā", "en": "You are signed in as"},
    "signin.where_region": {"lv": "Plānošanas reģions", "en": "Planning region"},
    "signin.where_municipality": {"lv": "Pašvaldība", "en": "Municipality"},
    "signin.signout": {"lv": "Iziet", "en": "Sign out"},
    "signin.sso": {"lv": "Pieteikties ar organizācijas kontu", "en": "Sign in with your "
                   "organisation's account"},
    "signin.sso_unknown": {
        "lv": "Organizācijas konts ir pārbaudīts, bet šai e-pasta adresei platformā nav "
        "lietotāja. Lūdziet administratoram to pievienot.",
        "en": "Your organisation's account was verified, but no user of this platform has "
        "that e-mail address. Ask the administrator to add it.",
    },
    "signin.or": {"lv": "vai ar lietotājvārdu un paroli", "en": "or with username and password"},
    "access.sign_in": {
        "lv": "Šī lapa ir pieejama lomām: {roles}. Piesakieties lapā „Pieteikties”.",
        "en": "This page is for: {roles}. Sign in on the “Sign in” page.",
    },
    "error.denied": {"lv": "Nav atļauts: {error}", "en": "Not allowed: {error}"},
    "error.input": {"lv": "Pārbaudiet ievadi: {error}", "en": "Please check: {error}"},
    "error.conflict": {
        "lv": "Kāds cits tikko saglabāja jaunāku versiju, tāpēc jūsu darbība netika izpildīta: "
        "{error}",
        "en": "Someone else has just saved a newer version, so your action was not carried "
        "out: {error}",
    },
    "error.reload": {"lv": "Ielādēt jaunāko versiju", "en": "Reload the newest version"},
    "error.step": {"lv": "Šo soli nevar izdarīt: {error}", "en": "This step is not possible: "
                   "{error}"},
    # ------------------------------------------------------------- plans and statuses
    "plan.choose": {"lv": "Plāns", "en": "Plan"},
    "plan.none": {"lv": "Pašlaik nav neviena plāna, ko jums parādīt.",
                  "en": "There is no plan to show you at the moment."},
    "plan.version": {"lv": "versija {n}", "en": "version {n}"},
    "plan.period": {"lv": "Apspriešana: {start}–{end}", "en": "Consultation: {start}–{end}"},
    "plan.no_result": {
        "lv": "Šai plāna versijai vēl nav aprēķina rezultāta.",
        "en": "This version of the plan has no optimizer result yet.",
    },
    "plan.privacy": {
        "lv": "Skaits no 1 līdz 4 rādīts kā „<5”, lai neviens cilvēks nebūtu atpazīstams.",
        "en": "Counts from 1 to 4 are shown as “<5” so that nobody can be recognised.",
    },
    "plan.allocations": {"lv": "Jaunie pakalpojumi", "en": "New services"},
    "plan.new_places": {"lv": "Jaunas vietas", "en": "New places"},
    "plan.new_facilities": {"lv": "Jauni pakalpojumu sniegšanas punkti",
                            "en": "New facilities"},
    "plan.municipalities": {"lv": "Pašvaldības ar jaunām vietām",
                            "en": "Municipalities with new places"},
    "plan.withheld": {"lv": "neuzrāda", "en": "withheld"},
    "plan.status.draft": {"lv": "melnraksts", "en": "draft"},
    "plan.status.published": {"lv": "sabiedriskajā apspriešanā", "en": "in public consultation"},
    "plan.status.submitted": {"lv": "iesniegts apstiprināšanai", "en": "submitted for approval"},
    "plan.status.approved": {"lv": "apstiprināts", "en": "approved"},
    "plan.status.returned": {"lv": "atgriezts pārstrādei", "en": "returned for revision"},
    "col.plan": {"lv": "Plāns", "en": "Plan"},
    "col.version": {"lv": "Versija", "en": "Version"},
    "col.status": {"lv": "Statuss", "en": "Status"},
    "col.start": {"lv": "Sākums", "en": "Start"},
    "col.end": {"lv": "Beigas", "en": "End"},
    "col.new_places": {"lv": "Jaunas vietas", "en": "New places"},
    "col.new_facilities": {"lv": "Jauni punkti", "en": "New facilities"},
    "col.existing_places": {"lv": "Esošās vietas", "en": "Existing places"},
    "col.response": {"lv": "Pašvaldības atbilde", "en": "Municipal response"},
    "col.comment": {"lv": "Komentārs", "en": "Comment"},
    "tip.new_places": {"lv": "Jaunas vietas", "en": "New places"},
    "legend.new_facilities": {"lv": "Jauni pakalpojumu punkti pašvaldībā",
                              "en": "New facilities per municipality"},
    # ------------------------------------------------------------- public consultation
    "consult.title": {"lv": "Sabiedriskā apspriešana", "en": "Public consultation"},
    "consult.intro": {
        "lv": "Reģionālie DI plāni apspriešanas laikā un apstiprinātie plāni. Jūsu viedoklis "
        "palīdz plānot pakalpojumus tuvāk cilvēkiem.",
        "en": "Regional DI plans during their consultation and approved plans. Your view helps "
        "plan services closer to people.",
    },
    "consult.map": {"lv": "Karte", "en": "Map"},
    "consult.table": {"lv": "Tabula", "en": "Table"},
    "consult.comments": {"lv": "Komentāri", "en": "Comments"},
    "consult.no_comments": {"lv": "Publicētu komentāru vēl nav.",
                            "en": "No published comments yet."},
    "consult.answer": {"lv": "Atbilde", "en": "Answer"},
    "consult.form": {"lv": "Jūsu komentārs", "en": "Your comment"},
    "consult.name": {"lv": "Vārds, uzvārds", "en": "Name"},
    "consult.organisation": {"lv": "Organizācija (ja pārstāvat)",
                             "en": "Organisation (if you represent one)"},
    "consult.email": {"lv": "E-pasts", "en": "E-mail"},
    "consult.email_help": {
        "lv": "E-pasta adrese netiek publicēta; to redz tikai moderatori.",
        "en": "Your e-mail address is not published; only moderators see it.",
    },
    "consult.text": {"lv": "Komentārs", "en": "Comment"},
    "consult.send": {"lv": "Iesniegt komentāru", "en": "Submit comment"},
    "consult.sent": {
        "lv": "Paldies! Komentārs saņemts un tiks publicēts pēc moderācijas.",
        "en": "Thank you! Your comment was received and will appear after moderation.",
    },
    "consult.closed": {
        "lv": "Komentārus pieņem tikai apspriešanas laikā.",
        "en": "Comments are accepted only while the consultation is open.",
    },
    # ------------------------------------------------------------- management group
    "manage.title": {"lv": "Apspriešanas vadība", "en": "Consultation management"},
    "manage.intro": {
        "lv": "Publicējiet plānu apspriešanai, moderējiet un atbildiet uz komentāriem, "
        "iesniedziet plānu ministrijā un lejupielādējiet apspriešanas pārskatu.",
        "en": "Publish the plan for consultation, moderate and answer comments, submit the "
        "plan to the ministry and download the consultation report.",
    },
    "manage.none": {"lv": "Jūsu reģionam vēl nav scenāriju.",
                    "en": "Your region has no scenarios yet."},
    "manage.current": {"lv": "Pašreizējā versija: {n} ({status})",
                       "en": "Current version: {n} ({status})"},
    "manage.returned": {"lv": "Ministrija atgrieza {n}. versiju: {reason}",
                        "en": "The ministry returned version {n}: {reason}"},
    "manage.approved": {"lv": "Ministrija apstiprināja {n}. versiju.",
                        "en": "The ministry approved version {n}."},
    "manage.lifecycle": {"lv": "Plāna virzība", "en": "Plan lifecycle"},
    "manage.start": {"lv": "Apspriešanas sākums", "en": "Consultation starts"},
    "manage.end": {"lv": "Apspriešanas beigas", "en": "Consultation ends"},
    "manage.publish": {"lv": "Publicēt apspriešanai", "en": "Publish for consultation"},
    "manage.published": {"lv": "Plāns publicēts apspriešanai.",
                         "en": "The plan is published for consultation."},
    "manage.submit": {"lv": "Iesniegt apstiprināšanai", "en": "Submit for approval"},
    "manage.submitted": {"lv": "Plāns iesniegts ministrijā.",
                         "en": "The plan was submitted to the ministry."},
    "manage.queue": {"lv": "Komentāri", "en": "Comments"},
    "manage.filter": {"lv": "Rādīt", "en": "Show"},
    "manage.empty": {"lv": "Šajā sarakstā komentāru nav.", "en": "No comments in this list."},
    "manage.approve": {"lv": "Publicēt", "en": "Publish"},
    "manage.reject": {"lv": "Noraidīt", "en": "Reject"},
    "manage.answer": {"lv": "Atbilde", "en": "Answer"},
    "manage.save_answer": {"lv": "Saglabāt atbildi", "en": "Save answer"},
    "manage.saved": {"lv": "Saglabāts.", "en": "Saved."},
    "manage.report": {"lv": "Apspriešanas pārskats", "en": "Consultation report"},
    "manage.report_counts": {
        "lv": "Komentāri: {total}, atbildēti: {answered}. Izmaiņas pēc apspriešanas: {changes}.",
        "en": "Comments: {total}, answered: {answered}. Changes after the consultation: "
        "{changes}.",
    },
    "manage.report_none": {"lv": "Plāns vēl nav publicēts apspriešanai.",
                           "en": "The plan has not been published for consultation yet."},
    "manage.download_xlsx": {"lv": "Lejupielādēt (XLSX)", "en": "Download (XLSX)"},
    "manage.download_csv": {"lv": "Lejupielādēt komentārus (CSV)",
                            "en": "Download comments (CSV)"},
    "moderation.pending": {"lv": "gaida moderāciju", "en": "awaiting moderation"},
    "moderation.published": {"lv": "publicēts", "en": "published"},
    "moderation.rejected": {"lv": "noraidīts", "en": "rejected"},
    # ------------------------------------------------------------- ministry review
    "review.title": {"lv": "Plānu apstiprināšana", "en": "Plan approval"},
    "review.intro": {
        "lv": "Visu reģionu plāni. Iesniegtos plānus ministrija apstiprina vai atgriež ar "
        "pamatojumu; ievaddatus ministrija nemaina.",
        "en": "Plans of every region. The ministry approves submitted plans or returns them "
        "with a reason; it does not change their inputs.",
    },
    "review.all": {"lv": "Visi reģionu plāni", "en": "All regional plans"},
    "review.submitted": {"lv": "Iesniegtie plāni", "en": "Submitted plans"},
    "review.none": {"lv": "Neviens plāns nav iesniegts apstiprināšanai.",
                    "en": "No plan is submitted for approval."},
    "review.note": {"lv": "Piezīme (nav obligāta)", "en": "Note (optional)"},
    "review.approve": {"lv": "Apstiprināt", "en": "Approve"},
    "review.reason": {"lv": "Atgriešanas pamatojums", "en": "Reason for returning"},
    "review.return": {"lv": "Atgriezt pārstrādei", "en": "Return for revision"},
    "review.approved": {"lv": "Plāns apstiprināts.", "en": "The plan is approved."},
    "review.returned": {"lv": "Plāns atgriezts vadības grupai.",
                        "en": "The plan was returned to the management group."},
    # ------------------------------------------------------------- municipality
    "muni.title": {"lv": "Pašvaldības viedoklis par plānu", "en": "Municipal response to plans"},
    "muni.intro": {
        "lv": "Apstipriniet vai apstrīdiet jaunās vietas, ko plāns paredz jūsu pašvaldībā. "
        "Apstrīdot paskaidrojiet, kas nav pareizi.",
        "en": "Confirm or dispute the new places the plan allocates to your municipality. "
        "When disputing, say what is wrong.",
    },
    "muni.yours": {"lv": "Jūsu pašvaldība: {name}", "en": "Your municipality: {name}"},
    "muni.none": {"lv": "Šis plāns jūsu pašvaldībā jaunas vietas neparedz.",
                  "en": "This plan allocates no new places to your municipality."},
    "muni.whole": {"lv": "Viss plāns", "en": "The whole plan"},
    "muni.confirm": {"lv": "Apstiprināt", "en": "Confirm"},
    "muni.dispute": {"lv": "Apstrīdēt", "en": "Dispute"},
    "muni.answer": {"lv": "Jūsu atbilde", "en": "Your response"},
    "muni.save": {"lv": "Saglabāt atbildi", "en": "Save response"},
    "muni.saved": {"lv": "Atbilde saglabāta.", "en": "Response saved."},
    "response.confirmed": {"lv": "apstiprināts", "en": "confirmed"},
    "response.disputed": {"lv": "apstrīdēts", "en": "disputed"},
    "response.none": {"lv": "nav atbildes", "en": "no response"},
    # ------------------------------------------------------------- audit trail
    "audit.title": {"lv": "Izmaiņu žurnāls", "en": "Audit trail"},
    "audit.intro": {
        "lv": "Katra izmaiņa un lēmums: kas, kad, ko mainīja, vērtība pirms un pēc.",
        "en": "Every change and decision: who, when, what, the value before and after.",
    },
    "audit.scenario": {"lv": "Scenārijs", "en": "Scenario"},
    "audit.all": {"lv": "Visi ieraksti", "en": "All events"},
    "audit.empty": {"lv": "Ierakstu nav.", "en": "No events."},
    "col.at": {"lv": "Laiks", "en": "When"},
    "col.actor": {"lv": "Kas", "en": "Who"},
    "col.role": {"lv": "Loma", "en": "Role"},
    "col.action": {"lv": "Darbība", "en": "Action"},
    "col.entity": {"lv": "Objekts", "en": "Record"},
    "col.before": {"lv": "Pirms", "en": "Before"},
    "col.after": {"lv": "Pēc", "en": "After"},
    # ------------------------------------------------------------- planning workflow (issue 5)
    "common.yes": {"lv": "jā", "en": "yes"},
    "common.no": {"lv": "nē", "en": "no"},
    "error.unexpected": {
        "lv": "Neparedzēta kļūda: {error}. Dati nav mainīti.",
        "en": "Unexpected error: {error}. Nothing was changed.",
    },
    "col.coverage": {"lv": "Apmierinātā daļa", "en": "Share met"},
    "col.coverage_of_eligible": {
        "lv": "Daļa no visiem atbilstošajiem", "en": "Share of all eligible",
    },
    "col.eligible": {"lv": "Atbilstošie iedzīvotāji", "en": "Eligible population"},
    "col.need": {"lv": "Vajadzība (klienti)", "en": "Need (clients)"},
    "col.served": {"lv": "Apmierināta (klienti)", "en": "Met (clients)"},
    "col.unmet": {"lv": "Neapmierināta (klienti)", "en": "Unmet (clients)"},
    "col.clients": {"lv": "Klienti", "en": "Clients"},
    "col.km": {"lv": "Attālums, km", "en": "Distance, km"},
    "col.count": {"lv": "Klienti", "en": "Clients"},
    "col.group": {"lv": "Mērķa grupa", "en": "Target group"},
    "col.care_level": {"lv": "Aprūpes līmenis", "en": "Care level"},
    "col.participating": {"lv": "Piedalās", "en": "Participating"},
    "col.max_new_places": {"lv": "Maks. jaunas vietas", "en": "Max. new places"},
    "col.max_new_facilities": {"lv": "Maks. jauni objekti", "en": "Max. new facilities"},
    "col.erdf_quota_eur": {"lv": "ERAF kvota, EUR", "en": "ERDF quota, EUR"},
    "col.cofinancing_share": {"lv": "Līdzfinansējuma daļa", "en": "Co-financing share"},
    "col.running_budget_eur_per_year": {
        "lv": "Uzturēšanas budžets, EUR/gadā", "en": "Running budget, EUR/year",
    },
    "col.total_investment_eur": {
        "lv": "Investīcijas kopā, EUR", "en": "Total investment, EUR",
    },
    "col.investment_eur": {"lv": "Investīcijas, EUR", "en": "Investment, EUR"},
    "col.investment_budget_eur": {
        "lv": "Pieejamās investīcijas, EUR", "en": "Investment available, EUR",
    },
    "col.investment_share_used": {"lv": "Izlietotā daļa", "en": "Share used"},
    "col.erdf_eur": {"lv": "ERAF, EUR", "en": "ERDF, EUR"},
    "col.cofinancing_eur": {
        "lv": "Pašvaldību līdzfinansējums, EUR", "en": "Municipal co-financing, EUR",
    },
    "col.running_eur_per_year": {
        "lv": "Uzturēšanas izmaksas, EUR/gadā", "en": "Running cost, EUR/year",
    },
    "col.staff": {"lv": "Darbinieki", "en": "Staff"},
    "col.mentors": {"lv": "Sociālie mentori", "en": "Social mentors"},
    "col.cause": {"lv": "Iemesls", "en": "Cause"},
    "col.current_clients": {"lv": "Klienti institūcijās", "en": "Clients in institutions"},
    "col.moved_to_community": {"lv": "Pāriet uz kopienu", "en": "Move to the community"},
    "col.admissions_per_year": {"lv": "Uzņemšana gadā", "en": "Admissions a year"},
    "col.net_places_left": {"lv": "Atlikušās vietas (neto)", "en": "Net places left"},
    "col.saved": {"lv": "Saglabāts", "en": "Saved"},
    "col.author": {"lv": "Autors", "en": "Author"},
    "col.message": {"lv": "Apraksts", "en": "Message"},
    "col.based_on": {"lv": "Balstīta uz", "en": "Based on"},
    "col.result": {"lv": "Rezultāts", "en": "Result"},
    "col.updated": {"lv": "Mainīts", "en": "Updated"},
    "col.division": {"lv": "Iedalījums", "en": "Division"},
    "col.part": {"lv": "Daļa", "en": "Part"},
    "col.section": {"lv": "Sadaļa", "en": "Section"},
    "col.key": {"lv": "Kas", "en": "What"},
    "norm.investment_per_place": {"lv": "Investīcijas uz vietu, EUR",
                                  "en": "Investment per place, EUR"},
    "norm.investment_per_facility": {"lv": "Investīcijas uz objektu, EUR",
                                     "en": "Investment per facility, EUR"},
    "norm.running_cost_per_day": {"lv": "Uzturēšana, EUR/dienā", "en": "Running, EUR/day"},
    "norm.days_per_year": {"lv": "Dienas gadā", "en": "Days a year"},
    "norm.clients_per_place": {"lv": "Klienti uz vietu", "en": "Clients per place"},
    "norm.min_places": {"lv": "Min. vietas", "en": "Min. places"},
    "norm.max_places": {"lv": "Maks. vietas", "en": "Max. places"},
    "norm.staff_per_facility": {"lv": "Darbinieki uz objektu", "en": "Staff per facility"},
    "norm.staff_per_place": {"lv": "Darbinieki uz vietu", "en": "Staff per place"},
    "norm.max_travel_km": {"lv": "Maks. attālums, km", "en": "Max. travel, km"},
    "problem.row": {"lv": "rinda {row}", "en": "row {row}"},
    "problem.column": {"lv": "kolonna „{column}”", "en": "column '{column}'"},
    "scenario.status.draft": {"lv": "melnraksts", "en": "draft"},
    "scenario.status.published": {"lv": "publicēts", "en": "published"},
    "scenario.status.submitted": {"lv": "iesniegts", "en": "submitted"},
    "scenario.status.approved": {"lv": "apstiprināts", "en": "approved"},
    "scenario.status.returned": {"lv": "atgriezts", "en": "returned"},
    "scenario.pick": {"lv": "Scenārijs", "en": "Scenario"},
    "scenario.none": {
        "lv": "Šim reģionam vēl nav scenāriju, ko jūs varat redzēt.",
        "en": "There are no scenarios of this region you can see yet.",
    },
    "scenario.go_create": {"lv": "Izveidot scenāriju", "en": "Create a scenario"},
    "scenario.sign_in_to_create": {
        "lv": "Lai veidotu scenārijus, piesakieties kā reģiona DI vadības grupa vai ministrija.",
        "en": "Sign in as a region's DI management group or the ministry to create scenarios.",
    },
    "scenario.create": {"lv": "Jauns scenārijs", "en": "New scenario"},
    "scenario.create_button": {"lv": "Izveidot", "en": "Create"},
    "scenario.name": {"lv": "Nosaukums", "en": "Name"},
    "scenario.source": {"lv": "Sākt no", "en": "Start from"},
    "scenario.source_embedded": {
        "lv": "iebūvētajiem (ilustratīvajiem) datiem", "en": "the embedded (illustrative) data",
    },
    "scenario.source_copy": {"lv": "kopijas: {name}", "en": "a copy of {name}"},
    "scenario.source_help": {
        "lv": "Kopija paņem izvēlētā scenārija jaunākās versijas ievaddatus un tā reģionu.",
        "en": "A copy takes the inputs of the chosen scenario's newest version, and its region.",
    },
    "scenario.created": {"lv": "Scenārijs „{name}” izveidots", "en": "Scenario '{name}' created"},
    "scenario.history": {"lv": "Versiju vēsture", "en": "Version history"},
    "scenario.manage": {"lv": "Pārdēvēt, kopēt, dzēst", "en": "Rename, copy, delete"},
    "scenario.diff": {"lv": "Salīdzināt divas versijas", "en": "Compare two versions"},
    "scenario.diff_from": {"lv": "No versijas", "en": "From version"},
    "scenario.diff_to": {"lv": "Līdz versijai", "en": "To version"},
    "scenario.diff_none": {"lv": "Versijas neatšķiras.", "en": "The versions do not differ."},
    "scenario.diff_count": {
        "lv": "Mainīti ievaddati: {inputs}; mainīti rezultāti: {results}.",
        "en": "Inputs changed: {inputs}; results changed: {results}.",
    },
    "scenario.diff_no_results": {
        "lv": "Rezultātus var salīdzināt, ja abām versijām ir aprēķins.",
        "en": "Results are compared when both versions have been run.",
    },
    "scenario.restore": {"lv": "Atjaunot agrāku versiju", "en": "Restore an earlier version"},
    "scenario.restore_which": {"lv": "Versija", "en": "Version"},
    "scenario.restore_button": {"lv": "Atjaunot", "en": "Restore"},
    "scenario.msg_created": {"lv": "izveidots", "en": "created"},
    "scenario.msg_copied": {"lv": "kopija no „{name}” versijas {number}",
                            "en": "copied from '{name}' version {number}"},
    "scenario.msg_restored": {"lv": "atjaunota versija {number}",
                              "en": "restored version {number}"},
    "scenario.restored": {
        "lv": "Versija {number} atjaunota kā versija {new}",
        "en": "Version {number} restored as version {new}",
    },
    "scenario.rename": {"lv": "Jauns nosaukums", "en": "New name"},
    "scenario.rename_button": {"lv": "Pārdēvēt", "en": "Rename"},
    "scenario.copy": {"lv": "Kopijas nosaukums", "en": "Name of the copy"},
    "scenario.copy_default": {"lv": "{name} (kopija)", "en": "{name} (copy)"},
    "scenario.copy_button": {"lv": "Kopēt", "en": "Copy"},
    "scenario.delete": {"lv": "Dzēst scenāriju", "en": "Delete scenario"},
    "scenario.delete_confirm": {
        "lv": "Dzēst scenāriju „{name}” ar visām tā versijām un rezultātiem? To nevar atsaukt.",
        "en": "Delete scenario '{name}' with all its versions and results? This cannot be "
        "undone.",
    },
    "scenario.delete_yes": {"lv": "Jā, dzēst", "en": "Yes, delete"},
    "scenario.delete_no": {"lv": "Atcelt", "en": "Cancel"},
    "scenarios.title": {"lv": "Scenāriji", "en": "Scenarios"},
    "scenarios.caption": {
        "lv": "Katrs scenārijs glabā vajadzības, normatīvus, budžetus un rezultātus; katra "
        "saglabāšana veido jaunu versiju.",
        "en": "Each scenario holds needs, norms, budgets and results; every save makes a new "
        "version.",
    },
    "scenarios.list": {"lv": "Scenāriji: {region}", "en": "Scenarios: {region}"},
    "diff.inputs": {"lv": "ievaddati", "en": "inputs"},
    "diff.results": {"lv": "rezultāti", "en": "results"},
    "diff.section.needs": {"lv": "vajadzības", "en": "needs"},
    "diff.section.budgets": {"lv": "budžeti", "en": "budgets"},
    "diff.section.norms": {"lv": "normatīvi", "en": "norms"},
    "diff.section.limits": {"lv": "ierobežojumi", "en": "limits"},
    "diff.section.settings": {"lv": "iestatījumi", "en": "settings"},
    "diff.section.places": {"lv": "jaunas vietas", "en": "new places"},
    "diff.section.facilities": {"lv": "jauni objekti", "en": "new facilities"},
    "diff.section.investment": {"lv": "investīcijas", "en": "investment"},
    "diff.section.totals": {"lv": "kopsummas", "en": "totals"},
    "inputs.title": {"lv": "Ievaddati", "en": "Inputs"},
    "inputs.caption": {
        "lv": "Labojiet tabulas; kļūdas tiek parādītas uzreiz zem tabulas. Saglabājot "
        "veidojas jauna versija.",
        "en": "Edit the tables; problems show at once under the table. Saving makes a new "
        "version.",
    },
    "inputs.based_on": {
        "lv": "Labojat versiju {number} (jaunākā: {current}) · {area} · iedalījums {division}",
        "en": "Editing version {number} (newest: {current}) · {area} · division {division}",
    },
    "inputs.read_only": {
        "lv": "Jūs varat skatīt, bet ne labot šo scenāriju.",
        "en": "You may view but not edit this scenario.",
    },
    "inputs.newer": {
        "lv": "Kopš sākāt labot, ir saglabāta versija {current}.",
        "en": "Version {current} has been saved since you started editing.",
    },
    "inputs.tab.needs": {"lv": "Vajadzības", "en": "Needs"},
    "inputs.tab.norms": {"lv": "Normatīvi", "en": "Norms"},
    "inputs.tab.budgets": {"lv": "Budžeti", "en": "Budgets"},
    "inputs.tab.limits": {"lv": "Pašvaldības un vietas", "en": "Municipalities and sites"},
    "inputs.tab.settings": {"lv": "Iestatījumi", "en": "Settings"},
    "inputs.needs_help": {
        "lv": "Klienti pēc pašvaldības (ATVK kods), mērķa grupas, aprūpes līmeņa un "
        "nepieciešamā pakalpojuma. Rindas var pievienot un dzēst.",
        "en": "Clients by municipality (ATVK code), target group, care level and required "
        "service. Rows can be added and deleted.",
    },
    "inputs.preset": {"lv": "Normatīvu kopa", "en": "Norm preset"},
    "inputs.preset_help": {
        "lv": "2015. gada ekspertu normatīvi vai faktiskās 2019.-2022. gada projektu izmaksas "
        "uz vietu; rezultāts rāda, kura kopa izmantota.",
        "en": "The 2015 expert norms or the observed 2019-2022 project cost per place; a "
        "result shows which one it used.",
    },
    "inputs.preset_changed": {
        "lv": "Normatīvu kopa mainīta: tabulas vērtības atjaunosies pēc saglabāšanas.",
        "en": "Norm preset changed: the table shows the new values after saving.",
    },
    "inputs.share_help": {"lv": "Daļa no 0 līdz <1, piem. 0,15", "en": "0 to <1, e.g. 0.15"},
    "inputs.running_help": {
        "lv": "Tukšs: bez ierobežojuma", "en": "Empty: no limit",
    },
    "inputs.limits_help": {
        "lv": "Noņemiet atzīmi „Piedalās”, ja pašvaldība nepiedalās: tās iedzīvotāju "
        "vajadzība paliek redzama kā neapmierināta. Tukšs ierobežojums: bez ierobežojuma.",
        "en": "Untick 'Participating' for a municipality that opts out: its residents' need "
        "stays visible as unmet. Empty limit: no limit.",
    },
    "inputs.excluded": {"lv": "Izslēgtās vietas", "en": "Excluded sites"},
    "inputs.excluded_help": {
        "lv": "Pašvaldība un pakalpojums, kur jaunu vietu nedrīkst veidot (piem. iedzīvotāju "
        "iebildumu dēļ).",
        "en": "Municipality and service where no new places may go (e.g. residents' "
        "objections).",
    },
    "inputs.equity_floor": {"lv": "Taisnīguma slieksnis", "en": "Equity floor"},
    "inputs.equity_floor_help": {
        "lv": "Daļa (0-1) no katras pašvaldības vajadzības, kas jāapmierina.",
        "en": "Share (0-1) of each municipality's need that must be met.",
    },
    "inputs.contingency": {"lv": "Izmaksu rezerve", "en": "Cost contingency"},
    "inputs.contingency_help": {
        "lv": "Investīciju izmaksu pieaugums, piem. 0,30 = +30 %.",
        "en": "Increase of investment costs, e.g. 0.30 = +30 %.",
    },
    "inputs.mentor_ratio": {"lv": "Klienti uz mentoru", "en": "Clients per mentor"},
    "inputs.mentor_rate": {"lv": "Mentora stundas likme, EUR", "en": "Mentor hourly rate, EUR"},
    "inputs.problems": {
        "lv": "**Nevar saglabāt: {n} kļūda(s) šajā tabulā.**",
        "en": "**Cannot save: {n} problem(s) in this table.**",
    },
    "inputs.more_problems": {"lv": "… un vēl {n}", "en": "… and {n} more"},
    "inputs.fix_first": {
        "lv": "Vispirms izlabojiet {n} kļūdu(s) tabulās.",
        "en": "Fix the {n} problem(s) in the tables first.",
    },
    "inputs.changed": {"lv": "Mainītas {n} vērtības.", "en": "{n} value(s) changed."},
    "inputs.unchanged": {"lv": "Nekas nav mainīts.", "en": "Nothing changed."},
    "inputs.message": {"lv": "Izmaiņu apraksts", "en": "What changed"},
    "inputs.message_placeholder": {"lv": "piem. budžets −10 %", "en": "e.g. budget −10 %"},
    "inputs.default_message": {"lv": "ievaddati laboti", "en": "inputs edited"},
    "inputs.save": {"lv": "Saglabāt jaunu versiju", "en": "Save as a new version"},
    "inputs.saved": {"lv": "Saglabāta versija {number}", "en": "Saved version {number}"},
    "inputs.conflict": {
        "lv": "Kopš atvērāt versiju {mine}, {author} saglabāja versiju {theirs} ({when}). "
        "Jūsu izmaiņas nav saglabātas: pārlādējiet jaunāko versiju un atkārtojiet tās.",
        "en": "Since you opened version {mine}, {author} saved version {theirs} ({when}). "
        "Your changes were not saved: reload the newest version and apply them again.",
    },
    "inputs.reload": {"lv": "Pārlādēt jaunāko versiju", "en": "Reload the newest version"},
    "inputs.files": {
        "lv": "Faili: lejupielādēt un augšupielādēt", "en": "Files: download and upload",
    },
    "inputs.download_needs": {"lv": "Vajadzības", "en": "Needs"},
    "inputs.download_norms": {"lv": "Normatīvi", "en": "Norms"},
    "inputs.upload_kind": {"lv": "Ko augšupielādēt", "en": "What to upload"},
    "inputs.upload": {
        "lv": "Fails (CSV vai XLSX pēc veidnes)", "en": "File (CSV or XLSX, as the template)",
    },
    "inputs.upload_rejected": {
        "lv": "Fails „{file}” noraidīts: {n} kļūda(s). Nekas nav mainīts.",
        "en": "File '{file}' refused: {n} problem(s). Nothing was changed.",
    },
    "inputs.upload_preview": {
        "lv": "Priekšskatījums: {added} pievienotas, {changed} mainītas vērtības, {removed} "
        "dzēstas rindas.",
        "en": "Preview: {added} added, {changed} changed values, {removed} removed rows.",
    },
    "inputs.preview_added": {"lv": "Pievienotas", "en": "Added"},
    "inputs.preview_changed": {"lv": "Mainītas", "en": "Changed"},
    "inputs.preview_removed": {"lv": "Dzēstas", "en": "Removed"},
    "inputs.upload_apply": {
        "lv": "Piemērot visu un saglabāt jaunu versiju", "en": "Apply all and save a new version",
    },
    "inputs.import_message": {"lv": "imports: {file}", "en": "import: {file}"},
    "run.title": {"lv": "Aprēķins", "en": "Run"},
    "run.caption": {
        "lv": "Optimizators sadala jaunās vietas pa pašvaldībām budžeta robežās. Aprēķins "
        "notiek fonā: lapu var lietot tālāk.",
        "en": "The optimizer allocates new places to municipalities within the budgets. It runs "
        "in the background: the page stays usable.",
    },
    "run.not_allowed": {
        "lv": "Aprēķinu var palaist scenārija īpašnieks (reģiona DI vadības grupa).",
        "en": "The scenario's owner (the region's DI management group) can run it.",
    },
    "run.solver": {"lv": "Risinātājs", "en": "Solver"},
    "run.solver.highs": {"lv": "HiGHS", "en": "HiGHS"},
    "run.solver.cbc": {"lv": "CBC", "en": "CBC"},
    "run.time_limit": {"lv": "Laika ierobežojums, s", "en": "Time limit, s"},
    "run.time_help": {
        "lv": "Ja laiks beidzas, tiek saglabāts labākais atrastais risinājums un tā atstarpe.",
        "en": "When time runs out, the best solution found is kept, with its gap.",
    },
    "run.start": {"lv": "Aprēķināt versiju {version}", "en": "Run version {version}"},
    "run.phase.queued": {"lv": "Gaida rindā…", "en": "Queued…"},
    "run.phase.preparing": {
        "lv": "Sagatavo versijas {version} datus… {seconds} s",
        "en": "Preparing version {version}… {seconds} s",
    },
    "run.phase.solving": {
        "lv": "Risina versiju {version}… {seconds} s",
        "en": "Solving version {version}… {seconds} s",
    },
    "run.phase.saving": {"lv": "Saglabā rezultātu… {seconds} s", "en": "Saving… {seconds} s"},
    "run.done": {
        "lv": "Versija {version} aprēķināta {seconds} s: {status}.",
        "en": "Version {version} solved in {seconds} s: {status}.",
    },
    "run.failed": {
        "lv": "Versiju {version} nevarēja aprēķināt: {error}",
        "en": "Version {version} could not be solved: {error}",
    },
    "run.status.optimal": {"lv": "optimāls", "en": "optimal"},
    "run.status.time_limit": {
        "lv": "laiks beidzās, labākais atrastais", "en": "time limit, best found",
    },
    "run.see_results": {"lv": "Skatīt rezultātus", "en": "See the results"},
    "run.no_result": {
        "lv": "Versijai {version} vēl nav rezultāta.", "en": "Version {version} has no result yet.",
    },
    "run.has_result": {
        "lv": "Versijai {version} ir {n} rezultāts(i); jaunākais {when}, {author}, {solver}, "
        "{seconds} s.",
        "en": "Version {version} has {n} result(s); the newest {when}, {author}, {solver}, "
        "{seconds} s.",
    },
    "results.title": {"lv": "Rezultāti", "en": "Results"},
    "results.none": {
        "lv": "Šim scenārijam vēl nav aprēķina.", "en": "This scenario has not been run yet.",
    },
    "results.go_run": {"lv": "Palaist aprēķinu", "en": "Run it"},
    "results.version": {"lv": "Versija", "en": "Version"},
    "results.version_label": {"lv": "v{number} · aprēķins {when}", "en": "v{number} · run {when}"},
    "results.not_current": {
        "lv": "Rāda versiju {number}; jaunākā versija ir {current}.",
        "en": "Showing version {number}; the newest version is {current}.",
    },
    "results.caption": {
        "lv": "Versija {number} · {status} · normatīvi: {preset} · izmaksu rezerve "
        "{contingency} · {solver}",
        "en": "Version {number} · {status} · norms: {preset} · cost contingency {contingency} "
        "· {solver}",
    },
    "results.need": {"lv": "Vajadzība, klienti", "en": "Need, clients"},
    "results.coverage": {"lv": "Apmierināta", "en": "Met"},
    "results.new_places": {"lv": "Jaunas vietas", "en": "New places"},
    "results.facilities": {"lv": "Jauni objekti", "en": "New facilities"},
    "results.investment": {"lv": "Investīcijas", "en": "Investment"},
    "results.running": {"lv": "Uzturēšana gadā", "en": "Running a year"},
    "results.mentors": {"lv": "Sociālie mentori", "en": "Social mentors"},
    "results.distance": {"lv": "Vid. attālums no mājām", "en": "Mean distance from home"},
    "results.map_service": {"lv": "Pakalpojums kartē", "en": "Service on the map"},
    "results.flows": {"lv": "Klientu ceļi", "en": "Client flows"},
    "results.tab.municipalities": {"lv": "Pašvaldības", "en": "Municipalities"},
    "results.tab.places": {"lv": "Vietas pa pakalpojumiem", "en": "Places by service"},
    "results.tab.budget": {"lv": "Budžeta izlietojums", "en": "Budget use"},
    "results.tab.unmet": {"lv": "Neapmierinātā vajadzība", "en": "Unmet need"},
    "results.tab.institutions": {"lv": "Institūcijas", "en": "Institutions"},
    "results.eligible_note": {
        "lv": "„Daļa no visiem atbilstošajiem” salīdzina apkalpotos ar visiem mērķa grupu "
        "iedzīvotājiem, ne tikai izvērtētajiem.",
        "en": "'Share of all eligible' compares those served with the whole eligible "
        "population, not only those assessed.",
    },
    "results.institutions_note": {
        "lv": "Neto vietas institūcijās pēc plāna: pašreizējie klienti − pārceltie uz kopienu + "
        "uzņemšana gadā.",
        "en": "Net places left in institutions after the plan: current clients − moved to the "
        "community + admissions a year.",
    },
    "results.all_met": {"lv": "Visa vajadzība apmierināta.", "en": "All need is met."},
    "results.why": {"lv": "Kāpēc plāns ir tāds", "en": "Why the plan looks like this"},
    "results.nothing_binds": {
        "lv": "Neviens budžets vai ierobežojums nav izsmelts.",
        "en": "No budget or limit is used up.",
    },
    "results.more_money": {
        "lv": "Ko dotu vairāk naudas vai vietu?", "en": "What would more money or places buy?",
    },
    "results.more_money_help": {
        "lv": "Pārrēķina modeli ar 100 000 EUR vairāk katram reģionam (dažas sekundes).",
        "en": "Re-solves the model with 100,000 EUR more per region (a few seconds).",
    },
    "results.no_problem": {
        "lv": "Šim rezultātam nav saglabāts modelis, tāpēc skaidrojuma nav.",
        "en": "This result was stored without its model, so there is no explanation.",
    },
    "results.explaining": {"lv": "Pārrēķina…", "en": "Re-solving…"},
    "results.downloads": {"lv": "Lejupielādes", "en": "Downloads"},
    "results.public_note": {
        "lv": "Publiskā versija: skaits 1-4 rādīts kā <5.",
        "en": "Public version: counts 1-4 shown as <5.",
    },
    "results.download.xlsx": {"lv": "Darbgrāmata (XLSX)", "en": "Workbook (XLSX)"},
    "results.download.zip": {"lv": "Tabulas (CSV, zip)", "en": "Tables (CSV, zip)"},
    "results.download.geojson": {"lv": "Vietas kartē (GeoJSON)", "en": "Places (GeoJSON)"},
    "results.download.pdf": {"lv": "Plāna pārskats (PDF)", "en": "Plan report (PDF)"},
    "layer.coverage": {"lv": "Apmierinātā vajadzība", "en": "Need met"},
    "layer.result_places": {"lv": "Jaunas vietas", "en": "New places"},
    "layer.flows": {"lv": "Klientu ceļi no mājām", "en": "Client flows from home"},
    "legend.coverage": {
        "lv": "Apmierinātā vajadzības daļa", "en": "Share of need met",
    },
    "legend.no_need": {"lv": "nav vajadzības", "en": "no need"},
    "legend.result_places": {
        "lv": "jaunas vietas (lielums = vietas)", "en": "new places (size = places)",
    },
    "legend.flows": {"lv": "klienti brauc uz citu pašvaldību", "en": "clients travel elsewhere"},
    "tip.not_participating": {"lv": "pašvaldība nepiedalās", "en": "not participating"},
    "explain.investment_budget": {
        "lv": "{place}: investīciju budžets izsmelts — izlietoti {used} no {limit} EUR.",
        "en": "{place}: the investment budget binds — {used} of {limit} EUR used.",
    },
    "explain.running_budget": {
        "lv": "{place}: uzturēšanas budžets izsmelts — {used} no {limit} EUR gadā.",
        "en": "{place}: the running budget binds — {used} of {limit} EUR a year.",
    },
    "explain.facility_cap": {
        "lv": "{place}: sasniegts jaunu objektu skaita ierobežojums ({limit}).",
        "en": "{place}: the cap of {limit} new facilities is reached.",
    },
    "explain.municipality_limit": {
        "lv": "{place}: sasniegts pašvaldības ierobežojums ({limit}).",
        "en": "{place}: its limit ({limit}) is reached.",
    },
    "explain.money": {
        "lv": "{eur} vairāk reģionam {region} dotu {places} vietas un apkalpotu vēl {clients} "
        "klientus.",
        "en": "{eur} more for {region} would buy {places} places and serve {clients} more "
        "clients.",
    },
    "explain.money_none": {
        "lv": "{eur} vairāk reģionam {region} neapkalpotu nevienu klientu vairāk: to ierobežo "
        "nevis nauda.",
        "en": "{eur} more for {region} would serve no more clients: money is not what limits "
        "it.",
    },
    "explain.place": {
        "lv": "Viena vieta vairāk ({service}) pašvaldībā {municipality} apkalpotu vēl {clients} "
        "klientus (ar prioritātes svaru).",
        "en": "One more {service} place in {municipality} would serve {clients} more "
        "(priority-weighted) clients.",
    },
    "explain.staff": {
        "lv": "Viens darbinieks vairāk pašvaldībā {municipality} ļautu {places} vietas un "
        "apkalpotu vēl {clients} klientus.",
        "en": "One more staff member in {municipality} would allow {places} places and serve "
        "{clients} more clients.",
    },
    "compare.title": {"lv": "Salīdzināt scenārijus", "en": "Compare scenarios"},
    "compare.caption": {
        "lv": "Izvēlieties 2-4 scenārijus: katram tiek ņemts jaunākais aprēķins.",
        "en": "Pick 2-4 scenarios: the newest result of each is used.",
    },
    "compare.pick": {"lv": "Scenāriji", "en": "Scenarios"},
    "compare.placeholder": {"lv": "Izvēlieties scenārijus", "en": "Choose scenarios"},
    "compare.need_two": {
        "lv": "Izvēlieties vismaz divus scenārijus.", "en": "Pick at least two scenarios.",
    },
    "compare.missing": {
        "lv": "Nav aprēķina: {names}. Palaidiet tos lapā „Aprēķins”.",
        "en": "Not run yet: {names}. Run them on the 'Run' page.",
    },
    "compare.key_figures": {"lv": "Galvenie rādītāji", "en": "Key figures"},
    "compare.charts": {"lv": "Izmaksas un apmierinātā vajadzība", "en": "Cost and need met"},
    "compare.cost_chart": {"lv": "Izmaksas, EUR", "en": "Cost, EUR"},
    "compare.coverage_chart": {
        "lv": "Apmierinātā vajadzība pa reģioniem, %", "en": "Need met by region, %",
    },
    "compare.maps": {"lv": "Kartes", "en": "Maps"},
    "compare.difference": {
        "lv": "Jaunas vietas pa pašvaldībām un pakalpojumiem (Δ pret pirmo)",
        "en": "New places by municipality and service (Δ from the first)",
    },
    # ------------------------------------------------------------- evaluate a given plan
    "nav.evaluate": {"lv": "Plāna izvērtējums", "en": "Evaluate a plan"},
    "eval.title": {"lv": "Esoša plāna izvērtējums", "en": "Evaluate an existing plan"},
    "eval.caption": {
        "lv": "Ievadiet vai augšupielādējiet apstiprināto plānu (pašvaldība, pakalpojums, "
        "vietas, objekti, investīcijas). Tas pats modelis to izvērtē un salīdzina ar to, ko "
        "optimizētājs dara ar tiem pašiem līdzekļiem un noteikumiem.",
        "en": "Enter or upload the approved plan (municipality, service, places, facilities, "
        "investment). The same model evaluates it and compares it with what the optimizer "
        "does with the same money and rules.",
    },
    "eval.plan": {"lv": "Plāns", "en": "The plan"},
    "eval.plan_rows": {"lv": "Plānā: {n} rindas, {places} vietas.",
                       "en": "In the plan: {n} rows, {places} places."},
    "eval.no_plan": {
        "lv": "Šim scenārijam vēl nav plāna. Lejupielādējiet veidni, aizpildiet un "
        "augšupielādējiet to vai ievadiet rindas tabulā.",
        "en": "This scenario has no plan yet. Download the template, fill it in and upload it, "
        "or enter rows in the table.",
    },
    "eval.template": {"lv": "Plāna veidne", "en": "Plan template"},
    "eval.upload": {"lv": "Augšupielādēt plānu (XLSX vai CSV)",
                    "en": "Upload a plan (XLSX or CSV)"},
    "eval.rejected": {
        "lv": "Fails {file} netika ielādēts: {n} kļūdas. Nekas netika saglabāts.",
        "en": "{file} was not loaded: {n} problem(s). Nothing was saved.",
    },
    "eval.preview": {"lv": "Pievienotas {added}, mainītas {changed}, dzēstas {removed} rindas.",
                     "en": "{added} row(s) added, {changed} changed, {removed} removed."},
    "eval.save_upload": {"lv": "Saglabāt plānu kā jaunu versiju",
                         "en": "Save the plan as a new version"},
    "eval.save_edits": {"lv": "Saglabāt labojumus", "en": "Save the edits"},
    "eval.import_message": {"lv": "Plāns no {file}", "en": "Plan from {file}"},
    "eval.edit_message": {"lv": "Plāns labots", "en": "Plan edited"},
    "eval.saved": {"lv": "Saglabāta versija {number}.", "en": "Saved version {number}."},
    "eval.read_only": {
        "lv": "Jūs varat izvērtēt šo plānu, bet ne to mainīt.",
        "en": "You may evaluate this plan but not change it.",
    },
    "eval.run": {"lv": "Izvērtēt plānu", "en": "Evaluate the plan"},
    "eval.more": {"lv": "Izmaiņai jāapkalpo vēl (klienti)",
                  "en": "The change should serve more (clients)"},
    "eval.more_help": {
        "lv": "0: tik, cik optimizētājs ar tiem pašiem līdzekļiem.",
        "en": "0: as many as the optimizer with the same money.",
    },
    "eval.running": {"lv": "Izvērtē plānu, aprēķina optimumu un mazāko izmaiņu…",
                     "en": "Evaluating the plan, solving the optimum and the smallest change…"},
    "eval.figures": {"lv": "Plāns un optimizētājs ar tiem pašiem līdzekļiem",
                     "en": "The plan and the optimizer with the same money"},
    "eval.budget": {"lv": "Budžeta izlietojums", "en": "Budget use"},
    "eval.sites": {"lv": "Plāna objekti", "en": "The plan's sites"},
    "eval.unmet": {"lv": "Neapmierinātā vajadzība pēc cēloņa",
                   "en": "Unmet need by cause"},
    "eval.change": {"lv": "Mazākā plāna izmaiņa", "en": "The smallest change to the plan"},
    "eval.change_summary": {
        "lv": "Pievienojot {added} un noņemot {removed} vietas ({moved} pārvietotas), "
        "apkalpo vēl {gained} klientus.",
        "en": "Adding {added} and removing {removed} places ({moved} moved) serves "
        "{gained} more clients.",
    },
    "eval.no_change": {
        "lv": "Ar tiem pašiem līdzekļiem optimizētājs neapkalpo vairāk klientu: plāns ir "
        "labākais iespējamais.",
        "en": "With the same money the optimizer serves no more clients: the plan is as good "
        "as it gets.",
    },
    "eval.below_viable": {
        "lv": "{n} plāna objekti ir zem dzīvotspējīgas noslodzes (70 % vietu aizpilda paša "
        "plāna klienti).",
        "en": "{n} of the plan's facilities are below viable occupancy (70 % of places "
        "filled by the plan's own clients).",
    },
    "eval.money_note": {
        "lv": "Optimizētājs saņem reģiona budžetu vai plāna izmaksas pēc normatīviem, ja tās "
        "ir lielākas.",
        "en": "The optimizer gets the region's budget, or the plan's cost by the norms where "
        "that is more.",
    },
    "eval.column.figure": {"lv": "Rādītājs", "en": "Figure"},
    "eval.column.given": {"lv": "Plāns", "en": "Given plan"},
    "eval.column.optimum": {"lv": "Optimizētājs", "en": "Optimizer"},
    "eval.column.change": {"lv": "Mainīts plāns", "en": "Changed plan"},
    "eval.figure.need_clients": {"lv": "Vajadzība, klienti", "en": "Need, clients"},
    "eval.figure.served_clients": {"lv": "Apkalpoti, klienti", "en": "Served, clients"},
    "eval.figure.unmet_clients": {"lv": "Neapkalpoti, klienti", "en": "Unserved, clients"},
    "eval.figure.new_places": {"lv": "Jaunas vietas", "en": "New places"},
    "eval.figure.new_facilities": {"lv": "Jauni objekti", "en": "New facilities"},
    "eval.figure.investment_eur": {"lv": "Investīcijas", "en": "Investment"},
    "eval.figure.erdf_eur": {"lv": "ERAF", "en": "ERDF"},
    "eval.figure.cofinancing_eur": {"lv": "Līdzfinansējums", "en": "Co-financing"},
    "eval.figure.running_eur_per_year": {"lv": "Uzturēšana gadā", "en": "Running cost a year"},
    "eval.figure.mean_km_per_client": {"lv": "Vidēji km no mājām", "en": "Mean km from home"},
    "eval.figure.below_viable": {"lv": "Objekti zem dzīvotspējīgas noslodzes",
                                 "en": "Facilities below viable occupancy"},
    "col.places_per_facility": {"lv": "Vietas objektā", "en": "Places per facility"},
    "col.size_range": {"lv": "Parastais lielums", "en": "Usual size"},
    "col.size_ok": {"lv": "Lielums atbilst", "en": "Size in range"},
    "col.occupancy": {"lv": "Jauno vietu noslodze", "en": "Occupancy of new places"},
    "col.viable": {"lv": "Dzīvotspējīgs", "en": "Viable"},
    "col.investment_stated_eur": {"lv": "Investīcijas plānā, EUR",
                                  "en": "Investment stated, EUR"},
    "col.investment_norm_eur": {"lv": "Investīcijas pēc normatīviem, EUR",
                                "en": "Investment by the norms, EUR"},
    "col.budget_eur": {"lv": "Budžets, EUR", "en": "Budget, EUR"},
    "col.plan_norm_eur": {"lv": "Plāns pēc normatīviem, EUR", "en": "Plan by the norms, EUR"},
    "col.plan_stated_eur": {"lv": "Plāns kā norādīts, EUR", "en": "Plan as stated, EUR"},
    "col.share_used": {"lv": "Izlietots", "en": "Used"},
    "col.money_eur": {"lv": "Optimizētājam, EUR", "en": "For the optimizer, EUR"},
    "col.places_before": {"lv": "Vietas plānā", "en": "Places in the plan"},
    "col.places_after": {"lv": "Vietas pēc izmaiņas", "en": "Places after the change"},
    "col.facilities_before": {"lv": "Objekti plānā", "en": "Facilities in the plan"},
    "col.facilities_after": {"lv": "Objekti pēc izmaiņas", "en": "Facilities after"},
    "col.facilities": {"lv": "Objekti", "en": "Facilities"},
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The interface string ``key`` in ``lang`` (Latvian if ``lang`` is unknown).

    ``values`` fill ``{placeholders}``. An unknown key raises ``KeyError`` so a missing
    string is found by the page tests, not by users.

    >>> t("table.rows", "lv", n=3)
    '3 rindas'
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in STRINGS


def region_name(region: str | None, lang: str = DEFAULT_LANG) -> str:
    """Display name of a planning region; ``None`` or ``""`` means all of Latvia."""
    return t(f"region.{region}", lang) if region else t("region.all", lang)


def kind_name(kind: str, lang: str = DEFAULT_LANG) -> str:
    key = f"kind.{kind}"
    return t(key, lang) if key in STRINGS else kind


def status_name(status: str, lang: str = DEFAULT_LANG) -> str:
    """Display text of a ``data_status`` value; unknown values are shown as they are."""
    key = "status." + str(status).strip().lower().replace(" ", "_")
    return t(key, lang) if key in STRINGS else str(status)


def _group_thousands(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def fmt_number(value: float | int | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A number with thousands grouping: lv '1 234,5', en '1,234.5'; '–' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{abs(value):.{decimals}f}"
    whole, _, frac = text.partition(".")
    sign = "-" if value < 0 and float(text) != 0 else ""
    thousands, point = (_LV_THOUSANDS, ",") if lang == "lv" else (",", ".")
    grouped = _group_thousands(whole, thousands)
    return f"{sign}{grouped}{point}{frac}" if frac else f"{sign}{grouped}"


def fmt_int(value: float | int | None, lang: str = DEFAULT_LANG) -> str:
    """A whole number: ``fmt_int(1234567, "lv") == "1 234 567"``, en ``"1,234,567"``."""
    return fmt_number(value, lang, 0)


def fmt_count(value: object, lang: str = DEFAULT_LANG, *, hide_small: bool = False) -> str:
    """A count of clients or places; with ``hide_small`` a count of 1-4 shows as "<5".

    Values already suppressed ("<5", "…") pass through unchanged.
    """
    from planning.domain.privacy import suppress_value

    if isinstance(value, str):
        return value
    shown = suppress_value(value) if hide_small else value
    return shown if isinstance(shown, str) else fmt_int(shown, lang)


def fmt_eur(value: float | int | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """Euros: lv ``"1 234 567 €"``, en ``"€1,234,567"``."""
    number = fmt_number(value, lang, decimals)
    if number == "–":
        return number
    if lang == "lv":
        return f"{number} €"
    return f"-€{number[1:]}" if number.startswith("-") else f"€{number}"


def fmt_pct(share: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A share as per cent: 0.253 -> lv ``"25 %"``, en ``"25%"``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    number = fmt_number(share * 100, lang, decimals)
    return f"{number} %" if lang == "lv" else f"{number}%"


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(day: date, lang: str = DEFAULT_LANG) -> str:
    """A date: lv ``"25.11.2026."``, en ``"25 Nov 2026"``."""
    if lang == "lv":
        return f"{day.day:02d}.{day.month:02d}.{day.year}."
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
