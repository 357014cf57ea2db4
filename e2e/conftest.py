"""Shared machinery of the browser suite: headless Chromium sessions that run axe on every
page they show (axe_check.py), a named screenshot and check of a page, and reading
invitation links from the demo server's log.

Environment:
  COLLEGIUM_URL         base URL of a running server (default http://127.0.0.1:8089)
  COLLEGIUM_SERVER_LOG  the server's log file, where invitation links are printed
  CHROMIUM_BINARY, CHROMEDRIVER   override /usr/bin/chromium and /usr/bin/chromedriver

Tests marked `main_journey` (pytestmark in test_journey.py and test_course.py) fail on a
moderate axe finding too; elsewhere moderate findings are only listed in
artifacts/axe/moderate.txt.
"""
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

from axe_check import (ARTIFACTS, AXE_REPORTS, BASE_URL, E2E_DIR, FAILING_IMPACTS,  # noqa: F401
                       MAIN_JOURNEY_IMPACTS, MODERATE_LIST, SCREENSHOTS, CheckedChrome,
                       axe_source, run_axe, safe_name, screenshot_unchanged, totals,
                       wait_ready)

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

# Window sizes (CSS pixels) of the journeys that run on both.
DESKTOP = (1280, 800)
PHONE = (390, 844)
SIZES = {"desktop": DESKTOP, "phone": PHONE}


def url(path="/"):
    """An absolute URL on the server under test."""
    return BASE_URL + (path if path.startswith("/") else "/" + path)


# --------------------------------------------------------------------------- browsers

def pytest_configure(config):
    config.addinivalue_line(
        "markers", "main_journey: a main journey; a moderate axe finding on any of its pages fails it")


def _make_driver(language="en", window=DESKTOP, test_name="session", impacts=FAILING_IMPACTS):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--window-size=%d,%d" % window, "--lang=" + language):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = CheckedChrome(test_name=test_name, impacts=impacts,
                           options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    # Chromium opens no window narrower than 500 px; resized, the page gets the width asked.
    driver.set_window_size(*window)
    width = driver.execute_script("return window.innerWidth")
    assert width == window[0], f"asked for a window {window[0]} px wide, the page is {width} px wide"
    return driver


@pytest.fixture
def new_browser(request):
    """Factory: new_browser(language="en", window=DESKTOP) opens an independent browser
    session (its own profile and cookies) whose Accept-Language is `language`. Every page
    it shows is checked by axe (axe_check.py). All are closed at the end of the test; on
    failure each one's screen and HTML are saved first; after a passing test each checks
    its last page and proves no page went unchecked."""
    drivers = []
    request.node._e2e_drivers = drivers
    main = request.node.get_closest_marker("main_journey") is not None
    impacts = MAIN_JOURNEY_IMPACTS if main else FAILING_IMPACTS

    def make(language="en", window=DESKTOP):
        driver = _make_driver(language, window, safe_name(request.node.name), impacts)
        drivers.append(driver)
        return driver

    yield make
    problems = []
    for i, driver in enumerate(drivers, start=1):
        if not getattr(request.node, "_e2e_passed", False):
            driver.axe_enabled = False  # a failed test is reported as it failed
        try:
            driver.quit()  # a session the test has not quit itself checks its last page first
        except Exception:
            pass
        problems += [f"browser {i}: {p}" for p in driver.axe_problems]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def browser(new_browser):
    """One English browser session."""
    return new_browser("en")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item._e2e_passed = report.passed
    if report.when == "call" and report.failed:
        name = safe_name(item.name)
        for i, driver in enumerate(getattr(item, "_e2e_drivers", []), start=1):
            driver.axe_enabled = False  # what the failed test left is saved as it is
            try:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(SCREENSHOTS / f"FAILED-{name}-session{i}.png"))
                (SCREENSHOTS / f"FAILED-{name}-session{i}.html").write_text(
                    f"<!-- {driver.current_url} -->\n" + driver.page_source, encoding="utf-8")
            except Exception:
                pass


def pytest_sessionstart(session):
    # Screenshots and axe reports of this run only; the rest of artifacts/ (the server log) is kept.
    for folder in (SCREENSHOTS, AXE_REPORTS):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
    MODERATE_LIST.write_text("# page report\ttest\taddress\trule\ttargets (moderate axe findings; "
                             "they fail the main journeys)\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    if totals["pages"]:
        terminalreporter.write_line(
            f"axe: {totals['pages']} page checks ({totals['seconds']:.0f} s), "
            f"{totals['moderate']} moderate finding(s) "
            f"listed in {MODERATE_LIST.relative_to(E2E_DIR.parent)}")


# --------------------------------------------------------------------------- pages

def page_status(driver):
    """HTTP status of the document now shown (Navigation Timing), or None if unknown."""
    return driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "return n && n.responseStatus ? n.responseStatus : null;")


def page_lang(driver):
    return driver.execute_script("return document.documentElement.getAttribute('lang')")


def check_page(driver, name):
    """Waits for the page, saves a screenshot (NNN-name.png, NNN in journey order) and runs
    axe-core on it as it is now, after what the test did on it (the session checked it as it
    loaded: when nothing in it has changed since, that check stands). Fails listing every
    violation of the test's failing impacts."""
    wait_ready(driver)  # the session's own check of the page as it loaded runs here
    driver._axe_busy = True  # no automatic check between the commands of this one
    try:
        if not screenshot_unchanged(driver, name):
            run_axe(driver, name, driver.axe_impacts, screenshot=True)
    finally:
        driver._axe_busy = False


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
