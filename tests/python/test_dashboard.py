"""The dashboard in a real browser: Debian chromium driven by playwright against `shopscore dashboard`
serving a small built warehouse. What a person sees: every page loads without an error, the shop page
shows the mart's total, charts draw data, Chinese names arrive; a screenshot of every page is kept in
test-output/dashboard/."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright import sync_api as playwright_api

from conftest import SmallWarehouse, query
from shopscore.dashboard.server import command
from shopscore.dashboard.views.shop import EXPLANATION_MARTS
from shopscore.paths import PROJECT_DIR

SHOTS = Path(os.environ.get("SHOPSCORE_TEST_OUTPUT", PROJECT_DIR / "test-output")) / "dashboard"
# STACK.md: never `playwright install`; the Debian browser with these flags.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Exceptions, st.error boxes, and dialogs (Streamlit's "Script execution error", "Page not found").
ERROR_SELECTORS = ['[data-testid="stException"]', '[data-testid="stAlertContentError"]', '[role="dialog"]']
# The heading each page renders last, so its presence means the page's script ran to the end.
LAST_HEADING = {
    "overview": "Change over the score dates held",
    "categories": "Category tree",
    "shop": EXPLANATION_MARTS[-1][1],
    "health": "Runs log and stale dates",
}
SCHEMES = ["pdd", "douyin", "tmall"]
CHART_TIMEOUT_MS = 60_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def published_db(small_warehouse: SmallWarehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small warehouse as BI sees it: published (marts and reference only, SPEC §11) by shopscore.publish."""
    from shopscore.publish import publish

    published = tmp_path_factory.mktemp("dashboard-published") / "shopscore.duckdb"
    publish(small_warehouse.db, published)
    return published


@pytest.fixture(scope="module")
def dashboard_url(published_db: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "SHOPSCORE_DB": str(published_db)}
    log = SHOTS.parent / "dashboard-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(command(port, "127.0.0.1"), env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the dashboard did not start; see {log}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page() -> Iterator[object]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian chromium is not installed: run scripts/install-system-packages.sh (make test does)")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 2200})
        finally:
            browser.close()


# The default page is served at the root, the others at their url_path.
PATHS = {"overview": "", "categories": "categories", "shop": "shop", "health": "health"}


def _open(page, url: str, name: str) -> None:
    page.goto(url)
    # The page's last heading, or anything that means it never will come.
    page.get_by_role("heading", name=LAST_HEADING[name]).or_(page.locator(", ".join(ERROR_SELECTORS))).first.wait_for(
        timeout=60_000
    )
    # Charts are drawn after the script ends, from a component loaded on first use: wait until every chart
    # frame has data marks (a slow first load drew none in CI). A page whose charts never draw times out
    # here quietly and fails on the ink assertions that follow, with what was drawn.
    page.wait_for_load_state("networkidle")
    try:
        page.wait_for_function(f"() => {{ const ink = ({CHART_INK_JS})(); return ink.length > 0 && "
                               "ink.every(c => c.coloured > 200 || c.marks > 0); }", timeout=CHART_TIMEOUT_MS)
    except playwright_api.TimeoutError:
        pass
    page.wait_for_timeout(300)


def _assert_no_error(page, what: str) -> None:
    for selector in ERROR_SELECTORS:
        shown = page.locator(selector)
        assert shown.count() == 0, f"{what}: error shown: {shown.first.inner_text()[:500]}"
    body = page.inner_text("body")
    assert "Traceback" not in body, f"{what}: a traceback is shown"
    assert "Page not found" not in body, f"{what}: Streamlit did not find the page"


# Counts, per chart, the pixels of a saturated colour (data marks; axes, grid and text are grey) and
# the SVG mark paths, so an empty frame with axes alone counts zero.
CHART_INK_JS = """
() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]')).map(chart => {
  let coloured = 0;
  for (const canvas of chart.querySelectorAll('canvas')) {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0) continue;
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < px.length; i += 4) {
      const hi = Math.max(px[i], px[i + 1], px[i + 2]), lo = Math.min(px[i], px[i + 1], px[i + 2]);
      if (px[i + 3] > 0 && hi - lo > 40) coloured++;
    }
  }
  const marks = chart.querySelectorAll('svg .mark-rect path, svg .mark-line path, svg .mark-area path, svg .mark-symbol path').length;
  return {coloured, marks};
})
"""


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", ["overview", "categories"])
def test_scheme_pages_load_and_draw(dashboard_url: str, page, name: str, scheme: str) -> None:
    _open(page, f"{dashboard_url}/{PATHS[name]}?scheme={scheme}", name)
    _assert_no_error(page, f"{name} ({scheme})")
    ink = page.evaluate(CHART_INK_JS)
    assert ink, f"{name} ({scheme}): no chart on the page"
    assert all(c["coloured"] > 200 or c["marks"] > 0 for c in ink), f"{name} ({scheme}): an empty chart: {ink}"
    assert _shot(page, f"{name}-{scheme}").stat().st_size > 10_000


def test_health_page_shows_quarantine_counts(dashboard_url: str, page, small_warehouse: SmallWarehouse) -> None:
    _open(page, f"{dashboard_url}/health", "health")
    _assert_no_error(page, "health")
    (quarantined,) = query(small_warehouse.db, "select count(*) from quarantine.rejected_rows")[0]
    assert quarantined > 0, "the fixture plants bad rows; none was quarantined"
    shown = page.locator('[data-testid="stMetric"]').filter(has_text="Quarantined rows")
    assert shown.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(quarantined)
    ink = page.evaluate(CHART_INK_JS)
    assert ink and all(c["coloured"] > 200 or c["marks"] > 0 for c in ink), ink
    _shot(page, "health")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_shop_page_shows_the_marts_total(dashboard_url: str, page, small_warehouse: SmallWarehouse,
                                         scheme: str) -> None:
    shop_id, total, shop_name, latest = query(
        small_warehouse.db,
        """
        select scores.shop_id, scores.total_score, shops.shop_name, scores.score_date
        from marts.fct_shop_score_daily as scores
        inner join marts.dim_shops as shops using (shop_id)
        where scores.scheme = ? and scores.score_status = 'scored'
            and scores.score_date = (select max(score_date) from marts.fct_shop_score_daily)
        order by scores.shop_id limit 1
        """,
        [scheme],
    )[0]
    _open(page, f"{dashboard_url}/shop?scheme={scheme}&shop_id={shop_id}", "shop")
    _assert_no_error(page, f"shop {shop_id} ({scheme})")

    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Total score")
    assert float(metric.locator('[data-testid="stMetricValue"]').inner_text()) == pytest.approx(round(total, 3))
    # The Chinese shop name arrives intact in the page heading.
    assert page.get_by_role("heading", name=f"{shop_name} ({shop_id})").count() == 1
    assert any(ord(ch) > 0x4E00 for ch in shop_name), "the generator's shop names are Chinese"
    assert str(latest) in page.inner_text("body")

    ink = page.evaluate(CHART_INK_JS)
    assert len(ink) >= 2 and all(c["coloured"] > 200 or c["marks"] > 0 for c in ink), ink
    # SPEC §8's marts: shown when built, a clear notice when not.
    body = page.inner_text("body")
    for mart, _title, _order in EXPLANATION_MARTS:
        built = bool(query(small_warehouse.db, "select count(*) from information_schema.tables"
                           " where table_schema = 'marts' and table_name = ?", [mart])[0][0])
        assert (f"marts.{mart} is not built in this warehouse" in body) is not built, mart
    _shot(page, f"shop-{scheme}")


def test_exposures_name_the_relations_each_page_reads(small_warehouse: SmallWarehouse) -> None:
    """models/exposures lists, per dashboard page, exactly the relations its module queries (the shop page
    reads SPEC §8's marts through a loop over EXPLANATION_MARTS, not by name)."""
    import json
    import re

    manifest = json.loads((small_warehouse.target / "manifest.json").read_text())
    exposures = {e["name"]: {n.split(".")[-1] for n in e["depends_on"]["nodes"]}
                 for e in manifest["exposures"].values()}
    optional = {mart for mart, _title, _order in EXPLANATION_MARTS}
    views = PROJECT_DIR / "src" / "shopscore" / "dashboard" / "views"
    for module, exposure in [("overview", "dashboard_platform_overview"), ("categories", "dashboard_categories"),
                             ("shop", "dashboard_shop"), ("health", "dashboard_data_health")]:
        source = (views / f"{module}.py").read_text()
        read = set(re.findall(r"\b(?:marts|reference|quarantine)\.([a-z_]+)", source))
        if module == "shop":
            read |= optional
        assert exposures[exposure] == read, (module, exposures[exposure] ^ read)
