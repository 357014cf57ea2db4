"""Shared machinery of the browser suite: headless Chromium sessions, the axe check and
screenshot of every page, and reading invitation links from the demo server's log.

Environment:
  COLLEGIUM_URL         base URL of a running server (default http://127.0.0.1:8089)
  COLLEGIUM_SERVER_LOG  the server's log file, where invitation links are printed
  CHROMIUM_BINARY, CHROMEDRIVER   override /usr/bin/chromium and /usr/bin/chromedriver
"""
import importlib.util
import itertools
import json
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

# Never let Selenium Manager try to download a browser or driver: machines are offline.
os.environ["SE_OFFLINE"] = "true"

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS = E2E_DIR / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"

BASE_URL = os.environ.get("COLLEGIUM_URL", "http://127.0.0.1:8089").rstrip("/")
CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

# Impacts that fail a test; "minor" and "moderate" ones are only written to the report.
FAILING_IMPACTS = {"serious", "critical"}

_page_counter = itertools.count(1)
_axe_source = None


def url(path="/"):
    """An absolute URL on the server under test."""
    return BASE_URL + (path if path.startswith("/") else "/" + path)


# --------------------------------------------------------------------------- browsers

def _make_driver(language="en"):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--window-size=1280,800", "--lang=" + language):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture
def new_browser(request):
    """Factory: new_browser(language="en") opens an independent browser session (its own
    profile and cookies) whose Accept-Language is `language`. All are closed at the end
    of the test; on failure each one's screen and HTML are saved first."""
    drivers = []
    request.node._e2e_drivers = drivers

    def make(language="en"):
        driver = _make_driver(language)
        drivers.append(driver)
        return driver

    yield make
    for driver in drivers:
        try:
            driver.quit()
        except Exception:
            pass


@pytest.fixture
def browser(new_browser):
    """One English browser session."""
    return new_browser("en")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        name = _safe_name(item.name)
        for i, driver in enumerate(getattr(item, "_e2e_drivers", []), start=1):
            try:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(SCREENSHOTS / f"FAILED-{name}-session{i}.png"))
                (SCREENSHOTS / f"FAILED-{name}-session{i}.html").write_text(
                    f"<!-- {driver.current_url} -->\n" + driver.page_source, encoding="utf-8")
            except Exception:
                pass


def pytest_sessionstart(session):
    # Screenshots of this run only; the rest of artifacts/ (the server log) is kept.
    for folder in (SCREENSHOTS, AXE_REPORTS):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)


# --------------------------------------------------------------------------- pages

def _safe_name(name):
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "page"


def axe_source():
    """axe-core 4.x, from the axe-playwright-python wheel (installed with --no-deps)."""
    global _axe_source
    if _axe_source is None:
        spec = importlib.util.find_spec("axe_playwright_python")
        if spec is None or spec.origin is None:
            raise RuntimeError("axe-playwright-python is not installed: "
                               "pip install --no-deps axe-playwright-python")
        path = Path(spec.origin).parent / "axe.min.js"
        _axe_source = path.read_text(encoding="utf-8")
    return _axe_source


def wait_ready(driver, timeout=20):
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def page_status(driver):
    """HTTP status of the document now shown (Navigation Timing), or None if unknown."""
    return driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "return n && n.responseStatus ? n.responseStatus : null;")


def page_lang(driver):
    return driver.execute_script("return document.documentElement.getAttribute('lang')")


_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(JSON.stringify({violations: r.violations, version: axe.version})))
  .catch(e => done(JSON.stringify({error: String(e && e.stack || e)})));
"""


def check_page(driver, name):
    """Waits for the page, saves a screenshot (NN-name.png, NN in journey order), runs
    axe-core on it and fails listing every serious or critical violation."""
    wait_ready(driver)
    number = next(_page_counter)
    stem = f"{number:02d}-{_safe_name(name)}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{stem}.png"))

    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    result = json.loads(driver.execute_async_script(_AXE_RUN))
    if "error" in result:
        raise AssertionError(f"axe failed on {name} ({driver.current_url}): {result['error']}")
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{stem}.json").write_text(
        json.dumps({"url": driver.current_url, **result}, indent=2), encoding="utf-8")

    bad = [v for v in result["violations"] if v.get("impact") in FAILING_IMPACTS]
    if bad:
        lines = [f"axe {result.get('version')}: {len(bad)} serious/critical violation(s) "
                 f"on page '{name}' ({driver.current_url}):"]
        for v in bad:
            targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
            more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
            lines.append(f"  - [{v['impact']}] {v['id']}: {v['help']}  "
                         f"targets: {targets[:3]}{more}  {v.get('helpUrl', '')}")
        raise AssertionError("\n".join(lines))
    return result


# --------------------------------------------------------------------------- server log

def latest_invitation_link(email, timeout=10.0):
    """The URL of the last `Invitation link for <email>: <url>` line in the server log."""
    log = os.environ.get("COLLEGIUM_SERVER_LOG")
    if not log:
        raise RuntimeError("COLLEGIUM_SERVER_LOG is not set: the test cannot read invitation links")
    pattern = re.compile(r"Invitation link for " + re.escape(email) + r":\s*(\S+)")
    ansi = re.compile(r"\x1b\[[0-9;]*m")
    deadline = time.monotonic() + timeout
    while True:
        try:
            text = ansi.sub("", Path(log).read_text(encoding="utf-8", errors="replace"))
        except FileNotFoundError:
            text = ""
        found = pattern.findall(text)
        if found:
            return found[-1]
        if time.monotonic() >= deadline:
            raise AssertionError(f"no 'Invitation link for {email}: <url>' line in {log} "
                                 f"after {timeout:.0f} s")
        time.sleep(0.25)


def local_url(link):
    """The same path on the server under test (the log may print the configured public
    site URL rather than the loopback address the tests use)."""
    parts = urlsplit(link)
    return url(parts.path + (("?" + parts.query) if parts.query else ""))
