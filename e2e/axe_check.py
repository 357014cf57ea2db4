"""axe-core on every page the browser suite shows, without a test having to ask.

Every browser session of the suite is a CheckedChrome. Before each WebDriver command (and
right after get/back/forward/refresh) it asks the browser whether the document now shown
has been checked, and checks a new one there and then, before the test reads or touches
it: whichever helper, click, form or redirect brought it there, logins included.

So that "every page" is a fact and not a hope, a script Chromium runs at the start of
every new document numbers the HTML documents of the server under test (in
sessionStorage, which lives as long as the tab). At the end of a passing test the session
checks the page left on screen and fails if any numbered document went unchecked (one the
test left before it finished loading, say).

What fails: "serious" and "critical" findings, in every test. "Moderate" ones fail the
main journeys (tests marked `main_journey`) and, for every test, are listed in
artifacts/axe/moderate.txt. Every finding, "minor" included, is in the page's JSON report
(artifacts/axe/NNN-name.json). On a phone-sized window a page that scrolls sideways fails
as well (WCAG 1.4.10, Reflow, which axe does not test).
"""
import importlib.util
import itertools
import json
import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.remote.command import Command
from selenium.webdriver.support.ui import WebDriverWait

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS = E2E_DIR / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"
MODERATE_LIST = AXE_REPORTS / "moderate.txt"

BASE_URL = os.environ.get("COLLEGIUM_URL", "http://127.0.0.1:8089").rstrip("/")

FAILING_IMPACTS = frozenset({"serious", "critical"})
MAIN_JOURNEY_IMPACTS = FAILING_IMPACTS | {"moderate"}
# Narrower than this (CSS pixels) is a phone: the page must not scroll sideways.
PHONE_WIDTH = 480

_page_counter = itertools.count(1)
_axe_source = None
# For the end-of-run summary.
totals = {"pages": 0, "moderate": 0, "seconds": 0.0}


def safe_name(name):
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


# Runs first in every new document (Page.addScriptToEvaluateOnNewDocument). Only top-level
# HTML documents of the server under test are numbered; the JSON viewer, about:blank and
# Chromium's own error pages are not pages of the product.
_NUMBER_DOCUMENTS = """
(() => {
  if (window.top !== window || location.origin !== %s || document.contentType !== 'text/html') return;
  const shown = JSON.parse(sessionStorage.getItem('e2e-documents') || '[]');
  shown.push(location.href);
  sessionStorage.setItem('e2e-documents', JSON.stringify(shown));
  Object.defineProperty(window, '__e2eDocument', {value: shown.length});
})();
"""

# axe-core itself, put into every such document as it starts: one script Chromium keeps
# (about 0.1 s a page less than sending 0.5 MB through WebDriver each time).
_INSTALL_AXE = """
if (window.top === window && location.origin === %s && document.contentType === 'text/html') {
%s
}
"""

# After each check: whether the page changes from now on (a check_page of an unchanged
# page takes the screenshot without running axe again on the same DOM).
_WATCH = """
window.__e2eAxeDirty = false;
if (!window.__e2eAxeWatch) {
  window.__e2eAxeWatch = new MutationObserver(() => { window.__e2eAxeDirty = true; });
  window.__e2eAxeWatch.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
}
"""

_PROBE = """
return {document: window.__e2eDocument || null, checked: window.__e2eAxeChecked === true,
        ready: document.readyState === 'complete', url: location.href};
"""

_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(JSON.stringify({violations: r.violations, version: axe.version})))
  .catch(e => done(JSON.stringify({error: String(e && e.stack || e)})));
"""

_REFLOW = """
const root = document.documentElement;
return root.clientWidth <= %d && root.scrollWidth > root.clientWidth + 1
  ? [root.scrollWidth, root.clientWidth] : null;
""" % PHONE_WIDTH


def _targets(violation):
    targets = [" ".join(map(str, n.get("target", []))) for n in violation.get("nodes", [])]
    more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
    return f"{targets[:3]}{more}"


def screenshot_unchanged(driver, name):
    """If the page now shown was checked and has not changed since, saves NNN-name.png and
    returns True; otherwise returns False (and the caller runs axe)."""
    unchanged = driver.execute_script(
        "return window.__e2eAxeChecked === true && window.__e2eAxeDirty === false")
    if unchanged:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOTS / f"{next(_page_counter):03d}-{safe_name(name)}.png"))
    return unchanged


def run_axe(driver, name, impacts, screenshot):
    """Runs axe-core on the page now shown and writes artifacts/axe/NNN-name.json; lists its
    moderate findings in moderate.txt; saves NNN-name.png when `screenshot` is set or when
    axe found anything moderate or worse. Raises AssertionError listing every finding whose
    impact is in `impacts`, and when a phone-sized page scrolls sideways."""
    started = time.monotonic()
    number = next(_page_counter)
    stem = f"{number:03d}-{safe_name(name)}"
    here = driver.current_url
    document = driver.execute_script("window.__e2eAxeChecked = true; return window.__e2eDocument || null")
    if document is not None:
        driver.axe_checked.add(document)
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    result = json.loads(driver.execute_async_script(_AXE_RUN))
    if "error" in result:
        raise AssertionError(f"axe failed on {name} ({here}): {result['error']}")
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{stem}.json").write_text(
        json.dumps({"url": here, "test": driver.axe_test, **result}, indent=2), encoding="utf-8")
    totals["pages"] += 1
    totals["seconds"] += time.monotonic() - started

    violations = result["violations"]
    moderate = [v for v in violations if v.get("impact") == "moderate"]
    if moderate:
        totals["moderate"] += len(moderate)
        with MODERATE_LIST.open("a", encoding="utf-8") as out:
            for v in moderate:
                out.write(f"{stem}\t{driver.axe_test}\t{here}\t{v['id']}: {v['help']}\t{_targets(v)}\n")
    if screenshot or any(v.get("impact") in MAIN_JOURNEY_IMPACTS for v in violations):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOTS / f"{stem}.png"))

    driver.execute_script(_WATCH)
    lines = []
    bad = [v for v in violations if v.get("impact") in impacts]
    if bad:
        lines.append(f"axe {result.get('version')}: {len(bad)} violation(s) of impact "
                     f"{'/'.join(sorted(impacts))} on page '{name}' ({here}):")
        for v in bad:
            lines.append(f"  - [{v['impact']}] {v['id']}: {v['help']}  targets: {_targets(v)}  "
                         f"{v.get('helpUrl', '')}")
    reflow = driver.execute_script(_REFLOW)
    if reflow:
        lines.append(f"page '{name}' ({here}) scrolls sideways on a phone: {reflow[0]} px of "
                     f"content in a {reflow[1]} px wide window (WCAG 1.4.10)")
    if lines:
        raise AssertionError("\n".join(lines))
    return result


# After these the browser shows a new document (or the same one again).
_NAVIGATIONS = {Command.GET, Command.GO_BACK, Command.GO_FORWARD, Command.REFRESH}


class CheckedChrome(webdriver.Chrome):
    """A Chromium session that runs axe on every page of the server it shows (see the
    module's docstring)."""

    def __init__(self, *, test_name, impacts, **kwargs):
        # Set before the session starts: starting it already goes through execute().
        self.axe_enabled = False
        self._axe_busy = False
        self.axe_test = test_name
        self.axe_impacts = impacts
        self.axe_checked = set()
        self.axe_failures = []
        self.axe_problems = []
        super().__init__(**kwargs)
        base = urlsplit(BASE_URL)
        origin = json.dumps(f"{base.scheme}://{base.netloc}")
        for source in (_NUMBER_DOCUMENTS % origin, _INSTALL_AXE % (origin, axe_source())):
            self.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        self.axe_enabled = True

    def execute(self, driver_command, params=None):
        automatic = self.axe_enabled and not self._axe_busy and isinstance(driver_command, str)
        if automatic and driver_command != Command.QUIT:
            self.check_shown()
        response = super().execute(driver_command, params)
        if automatic and driver_command in _NAVIGATIONS:
            self.check_shown()
        return response

    def check_shown(self):
        """Checks the document now shown unless it was checked, is still loading (the next
        command looks again) or is not a page of the server under test."""
        self._axe_busy = True
        try:
            try:
                state = self.execute_script(_PROBE)
            except WebDriverException:
                return  # between two documents: the next command asks again
            if not state or state["document"] is None or state["checked"] or not state["ready"]:
                return
            name = f"{self.axe_test}-{urlsplit(state['url']).path}"
            try:
                run_axe(self, name, self.axe_impacts, screenshot=False)
            except AssertionError as failure:
                # Kept as well as raised: a test that swallowed it still fails at the end.
                self.axe_failures.append(str(failure))
                raise
        finally:
            self._axe_busy = False

    def quit(self):
        """Ends the session; a session still checking (its test has not failed) first checks
        its last page and keeps what went wrong in axe_problems for the test's end."""
        if self.axe_enabled:
            self.axe_problems = self.finish()
            self.axe_enabled = False
        super().quit()

    def finish(self):
        """Checks the page left on screen, then returns what went wrong: findings a test
        swallowed, and documents shown but never checked."""
        problems = []
        try:
            wait_ready(self)
            self.check_shown()
        except AssertionError as failure:
            if str(failure) not in self.axe_failures:
                problems.append(str(failure))
        except (TimeoutException, WebDriverException) as error:
            problems.append(f"the last page ({self.current_url}) could not be checked: {error}")
        problems.extend(self.axe_failures)
        self._axe_busy = True
        try:
            shown = json.loads(self.execute_script(
                "try { return sessionStorage.getItem('e2e-documents') } catch (e) { return null }") or "[]")
        except WebDriverException as error:
            return problems + [f"the list of pages shown could not be read: {error}"]
        finally:
            self._axe_busy = False
        unchecked = [f"{n}: {address}" for n, address in enumerate(shown, start=1) if n not in self.axe_checked]
        if unchecked:
            problems.append(f"{len(unchecked)} of {len(shown)} pages shown were never checked by axe: "
                            + "; ".join(unchecked))
        return problems
