"""The public (nobody signed in) over every page it can open, in Latvian, on the demo data
(``di-plan demo``: two Kurzeme plans in consultation): no count of persons or places a reader
can see is 1, 2, 3 or 4 (issue 13). Suppressed ones read "<5", withheld ones "…".

What is read, per page and per tab: every cell of every table (scrolled through, the canvas
grid draws only what is in view), the key figures, and the text of every tooltip and popup
bound on the map (read from Leaflet, not by hovering each shape). A count is a cell of a
column, a key figure or a tooltip line whose header or label is one of the catalogue's texts
for persons and places (:data:`COUNT_IDS`, :func:`count_labels`); versions, years, ranks,
population, rates, money and facilities are not counts of persons (facilities stay published
by design, ``planning.domain.public_plan``). Charts are not read: no public page draws one,
and the test fails if one appears unread.

The pages are those of ``NAV`` in ``app.py`` open to every role (the map also on the plan's
region, Kurzeme; the compare page with the demo's two plans, where every figure of the key
figures and each plan's places per municipality and service is a count; a change between
two shown figures tells nothing new and is not read). Set ``DI_SCREENSHOTS`` to keep a
screenshot of each.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from planning import i18n
from planning.domain import privacy, public_plan, results
from planning.domain.catalogue import load_catalogue
from planning.store.demo import PLAN_NAME, SECOND_NAME
from planning.views import reference_views as views
from tests.e2e.conftest import (
    MAP_IFRAME,
    ROOT,
    UI_TIMEOUT_MS,
    choose,
    open_app,
    playwright_sync,
    shot,
    wait_idle,
)

pytestmark = pytest.mark.slow
LANG = "lv"
# Column ids of counts of persons and places (the ids suppression works on).
COUNT_IDS = privacy.COUNT_COLUMNS | public_plan.PUBLIC_COUNTS
# Texts of other count headers, key figures and tooltip lines.
COUNT_KEYS = (
    "about.col.assessed", "about.col.eligible",  # the needs method, persons in Latvia
    "summary.needs", "summary.institution_clients", "summary.service_places",  # the map
    "results.need", "results.new_places", "plan.new_places",  # a plan's key figures
    "tip.needs_total", "tip.clients", "tip.places", "tip.places_in_use", "tip.new_places",
)
NUMBER = re.compile(r"[+\-\u2212]?\d+(?:[.,]\d+)?")
# Every cell the accessible table of a grid holds in view, scrolled through; the grid keeps
# only the rows and columns in view (plus a few) in its accessible table.
READ_GRID = """async (element) => {
  const scroller = element.querySelector('.dvn-scroller');
  const pause = ms => new Promise(done => setTimeout(done, ms));
  const heads = {}, cells = {};
  let size = null;
  const table = () => element.querySelector('table[role=grid]');
  const drawn = () => [...(table() ? table().querySelectorAll('td[role=gridcell]') : [])]
    .map(c => c.id).join(',');
  const read = () => {
    size = [+table().getAttribute('aria-rowcount'), +table().getAttribute('aria-colcount')];
    for (const h of table().querySelectorAll('th[role=columnheader]'))
      heads[h.getAttribute('aria-colindex')] = h.textContent;
    for (const c of table().querySelectorAll('td[role=gridcell]'))
      cells[c.closest('tr').getAttribute('aria-rowindex') + ':' + c.getAttribute('aria-colindex')]
        = c.textContent;
  };
  const scrollTo = async (x, y) => {  // and wait until the grid has drawn the new view
    const before = drawn(), at = [scroller.scrollLeft, scroller.scrollTop];
    scroller.scrollTo(x, y);
    if (scroller.scrollLeft === at[0] && scroller.scrollTop === at[1]) return;
    for (let waited = 0; waited < 3000 && drawn() === before; waited += 50) await pause(50);
    await pause(100);
  };
  read();
  const stepY = Math.max(1, Math.floor(scroller.clientHeight / 2));
  const stepX = Math.max(1, Math.floor(scroller.clientWidth / 2));
  for (let y = 0; ; y += stepY) {
    for (let x = 0; ; x += stepX) {
      await scrollTo(x, y);
      read();
      if (x + scroller.clientWidth >= scroller.scrollWidth) break;
    }
    if (y + scroller.clientHeight >= scroller.scrollHeight) break;
  }
  await scrollTo(0, 0);
  return {size, heads, cells};
}"""
# The HTML of every tooltip and popup bound on the Leaflet map (a GeoJSON layer's are one
# function for its features: called for each), as rows of cell texts, and the name it gives
# (its first bold text).
READ_TIPS = """() => {
  if (!window.map) return null;
  const out = [];
  const add = (content, layer) => {
    const html = typeof content === 'function' ? content(layer) : content;
    if (html == null) return;
    const box = document.createElement('div');
    if (typeof html === 'string') box.innerHTML = html; else box.appendChild(html.cloneNode(true));
    const rows = [...box.querySelectorAll('tr')].map(r => [...r.cells].map(c => c.textContent));
    const name = box.querySelector('b');
    out.push({rows, name: name ? name.textContent : ''});
  };
  window.map.eachLayer(layer => {
    const bound = [layer.getTooltip && layer.getTooltip(), layer.getPopup && layer.getPopup()];
    for (const tip of bound) {
      if (!tip) continue;
      const content = tip._content;
      if (typeof content === 'function' && layer.getLayers)
        layer.getLayers().forEach(feature => add(content, feature));
      else add(content, layer);
    }
  });
  return out;
}"""


def wait_done(page) -> None:
    """Wait until the page's first run has ended: ``wait_idle`` alone can return between the
    run's start and the status widget's appearing (most of a second later)."""
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
    wait_idle(page)


def public_pages() -> list[tuple[str, str]]:
    """(url path, title key) of the pages of ``NAV`` in app.py that every role may open (no
    ``roles``, or ``roles=EVERYONE``), in their order; the default page's path is "" (it
    opens at the root). Read from the source (importing app.py would run it)."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "NavItem":
            keywords = {k.arg: k.value for k in node.keywords}
            roles = keywords.get("roles")
            if roles is None or (isinstance(roles, ast.Name) and roles.id == "EVERYONE"):
                default = ast.literal_eval(keywords.get("default", ast.Constant(False)))
                pages.append(("" if default else node.args[3].value, node.args[1].value))
    return pages


def count_labels(lang: str) -> frozenset[str]:
    """The headers and labels of counts of persons and places in ``lang``: columns by id (the
    catalogue's ``col.<id>`` texts; target groups' names, the map's needs per group), key
    figures and tooltip lines by their keys."""
    catalogue = load_catalogue()
    columns = views.column_labels(sorted(COUNT_IDS | set(catalogue.groups)), lang, catalogue)
    return frozenset({*columns.values(), *(i18n.t(k, lang) for k in COUNT_KEYS)})


def number(text: str) -> float | None:
    """The number a cell shows ("21869", "1 234", "4,5", "+3"), None for any other text."""
    squeezed = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not NUMBER.fullmatch(squeezed):
        return None
    return float(squeezed.replace(",", ".").replace("\u2212", "-"))


@dataclass
class Seen:
    """The counts read on one page: (where, text), and the small ones among them."""

    counts: list[tuple[str, str]] = field(default_factory=list)
    tables: set[tuple] = field(default_factory=set)

    def add(self, where: str, text: str) -> None:
        self.counts.append((where, text.strip()))

    @property
    def small(self) -> list[tuple[str, str]]:
        return [(w, t) for w, t in self.counts
                if (v := number(t)) is not None and 0 < abs(v) < 5]  # not the app's own rule

    def shown(self, marker: str) -> int:
        return sum(1 for _, t in self.counts if t == marker)


def read_grid(grid) -> tuple[list[str], list[list[str]]]:
    """The headers and every row of a table, scrolled through until each cell was read."""
    expect(grid.locator("[role=gridcell]").first).to_be_attached()
    for _ in range(3):
        got = grid.evaluate(READ_GRID)
        rows, cols = got["size"]
        if len(got["heads"]) == cols and len(got["cells"]) == (rows - 1) * cols:
            heads = [got["heads"][str(c)] for c in range(1, cols + 1)]
            return heads, [[got["cells"][f"{r}:{c}"] for c in range(1, cols + 1)]
                           for r in range(2, rows + 1)]
    raise AssertionError(f"a table of {rows - 1} x {cols} cells drew {len(got['cells'])}")


def read_tables(page, seen: Seen, labels: frozenset[str], where: str) -> None:
    for grid in page.locator("[data-testid=stDataFrame]").all():
        if not grid.is_visible():
            continue
        heads, rows = read_grid(grid)
        key = (tuple(heads), tuple(map(tuple, rows)))
        if key in seen.tables:  # outside the tabs: read once
            continue
        seen.tables.add(key)
        for col, head in enumerate(heads):
            if head in labels:
                for row in rows:
                    seen.add(f"{where} / {head} / {row[0]}", row[col])


def read_metrics(page, seen: Seen, labels: frozenset[str], where: str) -> None:
    for metric in page.locator("[data-testid=stMetric]").all():
        label = metric.locator("[data-testid=stMetricLabel]").inner_text().strip()
        if label in labels:
            seen.add(f"{where} / {label}", metric.locator("[data-testid=stMetricValue]")
                     .inner_text())


def read_map_tips(page, seen: Seen, labels: frozenset[str], where: str) -> int:
    """Counts in the tooltips and popups of every map on the page; how many tips were read."""
    needs = i18n.t("tip.needs", LANG)  # the needs layer's line: "Vajadzības[: group — service]"
    read = 0
    frames = page.locator(MAP_IFRAME)
    for i in range(frames.count()):
        frame = frames.nth(i).element_handle().content_frame()
        tips = map_tips(page, frame)
        assert tips, f"{where}: the map drew no tooltips"
        read += len(tips)
        for tip in tips:
            name = tip["name"].strip()
            header: list[str] = []
            for row in tip["rows"]:
                if len(row) == 2 and (row[0] in labels or row[0].startswith(needs)):
                    seen.add(f"{where} / map / {name} / {row[0]}", row[1])
                elif row and not row[0].strip():  # a header row: "", places, facilities
                    header = row
                elif header:  # a row under a header: service, places, facilities
                    for head, cell in zip(header[1:], row[1:], strict=False):
                        if head in labels:
                            seen.add(f"{where} / map / {name} / {row[0]} / {head}", cell)
    return read


def map_tips(page, frame) -> list[dict]:
    """The tooltips and popups of the map in ``frame``, once the map has them all (layers
    are added to the open map, so read until two reads a second apart agree)."""
    last: list[dict] | None = None
    for _ in range(UI_TIMEOUT_MS // 1000):
        try:
            tips = frame.evaluate(READ_TIPS)
        except playwright_sync.Error:  # the map's document is still loading
            tips = None
        if tips and tips == last:
            return tips
        last = tips
        page.wait_for_timeout(1000)
    return last or []


def read_compare(page, seen: Seen, where: str) -> None:
    """The compare page's tables: key figures of persons and places (the figure before a
    change in brackets) and the places of each plan (the columns named by a plan)."""
    rows_of = {i18n.t(f"total.{k}", LANG) for k in ("need_clients", "served_clients",
                                                   "unmet_clients", "new_places")}
    key_figures = {i18n.t(f"total.{k}", LANG) for k in results.KEY_FIGURES}
    for grid in page.locator("[data-testid=stDataFrame]").all():
        heads, rows = read_grid(grid)
        plans = [c for c, h in enumerate(heads) if h.startswith((PLAN_NAME, SECOND_NAME))]
        figures = any(row[0] in key_figures for row in rows)  # rows: figures; else places
        for row in rows:
            if figures and row[0] not in rows_of:
                continue
            for col in plans:
                seen.add(f"{where} / {heads[col]} / {row[0]}", row[col].split("(")[0])


def tabs(page) -> list[str]:
    return [t.strip() for t in page.get_by_role("tab").all_inner_texts()]


def test_the_public_sees_no_count_of_one_to_four(page, demo_url: str) -> None:
    labels = count_labels(LANG)
    pages = public_pages()
    assert [p for p, _ in pages] == ["", "dati", "scenariji", "rezultati", "salidzinat",
                                     "apspriesana", "pieteikties"]
    checked: dict[str, Seen] = {}
    tips: dict[str, int] = {}
    views = {"karte": "", **{p: p for p, _ in pages[1:]}, "karte_kurzeme": "?region=Kurzeme",
             "salidzinat": "salidzinat?compare=1&compare=2"}  # the demo's two plans
    cat = load_catalogue()
    adults, homes = cat.groups["adults_grt"].name(LANG), cat.services["group_home"].name(LANG)
    # the map of the plan's region filtered as a reader would: one group, then one service
    filters = {"karte_kurzeme_adults": (adults, None), "karte_kurzeme_homes": (adults, homes)}
    views |= {path: "?region=Kurzeme" for path in filters}
    titles = {"karte": pages[0][1], **dict(pages[1:]),
              **{p: pages[0][1] for p in ("karte_kurzeme", *filters)}}
    # the pages that draw a map, and those that draw tables: read once the first is there
    # (under load the first run can end before the map's frame is attached, and the page can
    # still be empty when the app first says it is not running: the CI read 'dati' empty)
    mapped = {"karte", "karte_kurzeme", *filters, "rezultati", "apspriesana"}
    tabled = {"dati", "rezultati", "apspriesana", "salidzinat"}
    for path, url_path in views.items():  # every page, and the map of the plan's region
        title = titles[path]
        open_app(page, demo_url, url_path)
        expect(page.get_by_role("link", name=i18n.t(title, LANG), exact=True)).to_have_attribute(
            "aria-current", "page")
        wait_done(page)
        if path in filters:
            group, service = filters[path]
            choose(page, i18n.t("map.group", LANG), group, sidebar=False)
            if service:
                choose(page, i18n.t("map.service", LANG), service, sidebar=False)
            wait_done(page)
        if path in mapped:
            page.locator(MAP_IFRAME).first.wait_for(timeout=UI_TIMEOUT_MS)
        if path in tabled:
            page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=UI_TIMEOUT_MS)
            wait_idle(page)
        seen = checked[path] = Seen()
        read_metrics(page, seen, labels, path)
        tips[path] = read_map_tips(page, seen, labels, path)
        read_tables(page, seen, labels, path)
        for name in tabs(page):
            page.get_by_role("tab", name=name, exact=True).click()
            wait_idle(page)
            read_tables(page, seen, labels, f"{path} / {name}")
        if path == "salidzinat":
            read_compare(page, seen, path)
        assert page.locator("[data-testid=stVegaLiteChart]").count() == 0, (
            f"{path}: a chart the public sees; its data are not read here")
        shot(page, f"public_{path}")

    small = [c for s in checked.values() for c in s.small]
    assert not small, f"counts 1-4 the public sees ({len(small)}): {small}"
    # What was read: the pages with figures showed counts, some of them suppressed.
    counted = {p: len(s.counts) for p, s in checked.items()}
    assert all(counted[p] > 0 for p in ("karte", "karte_kurzeme", "dati", "rezultati",
                                        "apspriesana", "salidzinat")), counted
    assert tips["karte"] > 100 and tips["karte_kurzeme"] > 100, tips
    assert all(counted[p] > 0 and tips[p] > 10 for p in filters), (counted, tips)
    assert tips["rezultati"] > 10 and tips["apspriesana"] > 10, tips
    hidden = {p: s.shown(privacy.SMALL) for p, s in checked.items()}
    assert hidden["karte"] > 0 and hidden["karte_kurzeme"] > 0 and hidden["rezultati"] > 0, hidden
    assert hidden["salidzinat"] > 0, hidden  # both plans' places, suppressed
