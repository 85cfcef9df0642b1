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
