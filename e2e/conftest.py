"""Shared machinery of the browser suite: headless Chromium sessions that run axe on every
page they show (axe_check.py), a named screenshot and check of a page, reading the mail
the server sent (as the SMTP server of scripts/smtp-test-server received it), and reading
invitation links from the demo server's log.

Environment:
  COLLEGIUM_URL         base URL of a running server (default http://127.0.0.1:8089)
  COLLEGIUM_SERVER_LOG  the server's log file, where the demo prints invitation links
  COLLEGIUM_MAIL_DIR    where the server's mail arrives: N.eml (the message as received)
                        and N.json (its envelope), N = 1, 2, ... (scripts/smtp-test-server
                        --dir); unset or empty, the mail tests are skipped and invitation
                        links come from the server log
  COLLEGIUM_MAIL_FROM   the From the server was given (MAIL_FROM); unset, any is accepted
  CHROMIUM_BINARY, CHROMEDRIVER   override /usr/bin/chromium and /usr/bin/chromedriver

Tests marked `main_journey` (pytestmark in test_journey.py and test_course.py) fail on a
moderate axe finding too; elsewhere moderate findings are only listed in
artifacts/axe/moderate.txt. Tests marked `moves_clock` move the demo's clock forward (it
never goes back) and run after all the others.
"""
import email
import email.message
import email.policy
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
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
# Issue 18: no page of the journeys is longer than this on a phone. check_page measures every
# page it checks at phone width and fails past it, except pages read end to end as documents,
# each with its own contents: a handbook chapter ("In this chapter" at its top) and the print
# views. Every height measured is listed in artifacts/phone-heights.tsv, longest first.
PHONE_PAGE_LIMIT = 6000
LONG_READS = re.compile(r"^/handbook/(?!(?:search|translations)$)[^/]+$|/print$")
PHONE_HEIGHTS = {}


def url(path="/"):
    """An absolute URL on the server under test."""
    return BASE_URL + (path if path.startswith("/") else "/" + path)


# --------------------------------------------------------------------------- browsers

def pytest_configure(config):
    config.addinivalue_line(
        "markers", "main_journey: a main journey; a moderate axe finding on any of its pages fails it")
    config.addinivalue_line(
        "markers", "moves_clock: moves the demo's clock forward (/dev/mail); runs after every other test")


def pytest_collection_modifyitems(session, config, items):
    # The demo's clock never goes back: a test that moves it a day on (the next morning's
    # digest) would leave every later test in tomorrow, where sessions have run out and
    # "this month" may be next month. So those tests run last, in their own order.
    items[:] = ([item for item in items if item.get_closest_marker("moves_clock") is None]
                + [item for item in items if item.get_closest_marker("moves_clock") is not None])


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
        check_phone_length(driver, name)
    finally:
        driver._axe_busy = False


def check_phone_length(driver, name):
    """At phone width, fails a page longer than PHONE_PAGE_LIMIT (documents aside) and
    records its height."""
    if driver.get_window_size()["width"] > 500:
        return
    height = driver.execute_script("return document.documentElement.scrollHeight")
    path = urlsplit(driver.current_url).path
    PHONE_HEIGHTS[name] = (height, path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    rows = sorted(PHONE_HEIGHTS.items(), key=lambda item: -item[1][0])
    (ARTIFACTS / "phone-heights.tsv").write_text(
        "# px\tpage\taddress (issue 18: at most %d px on a phone, documents aside)\n" % PHONE_PAGE_LIMIT
        + "".join(f"{h}\t{n}\t{p}\n" for n, (h, p) in rows))
    if not LONG_READS.search(path):
        assert height <= PHONE_PAGE_LIMIT, f"{name}: {path} is {height} px long on a phone (at most {PHONE_PAGE_LIMIT})"


# --------------------------------------------------------------------------- mail

def mail_dir():
    """COLLEGIUM_MAIL_DIR as a Path, or None when the server's mail cannot be read here."""
    folder = os.environ.get("COLLEGIUM_MAIL_DIR", "").strip()
    return Path(folder) if folder else None


@dataclass
class Attachment:
    filename: Optional[str]
    content_type: str
    content: object  # str for a text/* part, bytes otherwise


@dataclass(eq=False)
class Mail:
    """One message the SMTP server accepted, as it arrived.

    number   N of N.eml (the order of arrival)
    to       the envelope recipients (RCPT TO, as the server accepted them)
    sender   the envelope sender (MAIL FROM)
    tls      whether it came over TLS; user: the AUTH user it came with
    headers  the parsed message (email.message.EmailMessage, policy=default): a
             case-insensitive mapping of decoded headers, e.g. mail.headers["Date"].datetime,
             mail.headers["From"].addresses, mail.headers.get_all("Received")
    subject  the decoded Subject ("" when there is none)
    text, html   the text/plain and text/html bodies, decoded, with \n line ends (None
             when missing)
    attachments  every other part (Attachment: filename, content_type, content)
    message_id   the Message-ID header as written, angle brackets included
    raw      the bytes of N.eml
    """
    number: int
    path: Path
    to: list
    sender: Optional[str]
    tls: Optional[bool]
    user: Optional[str]
    headers: email.message.EmailMessage
    subject: str
    text: Optional[str]
    html: Optional[str]
    attachments: list = field(default_factory=list)
    message_id: Optional[str] = None
    raw: bytes = b""

    def summary(self):
        return f"#{self.number} to {', '.join(self.to) or '?'}: {self.subject!r}"


def _body(message, subtype):
    part = message.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_type() != "text/" + subtype:
        return None
    return part.get_content().replace("\r\n", "\n")  # as written, not as SMTP carries it


def _read_mail(number, eml):
    envelope_file = eml.with_suffix(".json")
    try:
        # The server writes N.eml whole, then N.json: with N.json readable, N.eml is complete.
        envelope = json.loads(envelope_file.read_text(encoding="utf-8"))
        raw = eml.read_bytes()
    except (FileNotFoundError, json.JSONDecodeError):
        return None  # still being written: the next look finds it
    message = email.message_from_bytes(raw, policy=email.policy.default)
    attachments = [Attachment(part.get_filename(), part.get_content_type(), part.get_content())
                   for part in message.iter_attachments()]
    return Mail(number=number, path=eml, to=list(envelope.get("to") or []), sender=envelope.get("from"),
                tls=envelope.get("tls"), user=envelope.get("user"), headers=message,
                subject=str(message.get("Subject", "")), text=_body(message, "plain"),
                html=_body(message, "html"), attachments=attachments,
                message_id=message.get("Message-ID"), raw=raw)


def received_mails(to=None):
    """Every message the SMTP server has accepted so far (COLLEGIUM_MAIL_DIR/N.eml), in
    the order they arrived; with `to`, only those whose envelope names that recipient
    (case-insensitive)."""
    folder = mail_dir()
    if folder is None:
        raise RuntimeError("COLLEGIUM_MAIL_DIR is not set: the tests cannot read the server's mail")
    numbered = sorted((int(path.stem), path) for path in folder.glob("*.eml") if path.stem.isdigit())
    mails = [mail for mail in (_read_mail(n, path) for n, path in numbered) if mail is not None]
    if to is not None:
        mails = [mail for mail in mails if to.lower() in (address.lower() for address in mail.to)]
    return mails


def last_mail_number():
    """N of the latest message received (0 before any): pass it as wait_for_mail(since=...)
    to wait for a message that arrives after this moment."""
    mails = received_mails()
    return mails[-1].number if mails else 0


def wait_for_mail(to, predicate=None, timeout=20, since=0):
    """The latest message to `to` (arrived after message number `since`) for which
    predicate(mail) is true, waiting up to `timeout` seconds for it. Fails listing every
    message that did arrive."""
    deadline = time.monotonic() + timeout
    while True:
        candidates = [mail for mail in received_mails(to) if mail.number > since]
        matching = [mail for mail in candidates if predicate is None or predicate(mail)]
        if matching:
            return matching[-1]
        if time.monotonic() >= deadline:
            break
        time.sleep(0.25)
    everything = received_mails()
    to_them = [mail.summary() for mail in candidates]
    theirs = {mail.number for mail in candidates}
    others = [mail.summary() for mail in everything if mail.number > since and mail.number not in theirs]
    what = "message" + (" matching the test's condition" if predicate else "")
    raise AssertionError(
        f"no {what} to {to} within {timeout:.0f} s"
        + (f" (after message #{since})" if since else "") + ".\n"
        + (f"Messages to {to}:\n  " + "\n  ".join(to_them) if to_them else f"Nothing arrived for {to}.")
        + (f"\nThe {min(len(others), 20)} latest of the {len(others)} other message(s):\n  "
           + "\n  ".join(others[-20:]) if others else "\nNo other message arrived either.")
        + f"\n(folder {mail_dir()})")


_URL = re.compile(r"https?://[^\s<>\"']+")


def urls_in(text):
    """The URLs in a text, without the punctuation of the sentence around them."""
    return [found.rstrip(".,;:!?)]}") for found in _URL.findall(text or "")]


def link_in(mail, path_prefix):
    """The first URL in the mail's text part whose path starts with `path_prefix`, as the
    same address on the server under test (local_url)."""
    found = urls_in(mail.text)
    for link in found:
        if urlsplit(link).path.startswith(path_prefix):
            return local_url(link)
    raise AssertionError(f"no link to {path_prefix}… in the text part of {mail.summary()}; "
                         f"its links: {found}")


def has_link(path_prefix):
    """A wait_for_mail predicate: the text part links to a path starting with the prefix."""
    return lambda mail: any(urlsplit(link).path.startswith(path_prefix) for link in urls_in(mail.text))


# --------------------------------------------------------------------------- invitation links

def latest_invitation_link(email, timeout=10.0):
    """The link of the latest invitation to `email`: read from the invitation mail when the
    server's mail can be read here (COLLEGIUM_MAIL_DIR), otherwise from the demo's log."""
    if mail_dir() is not None:
        mail = wait_for_mail(email, has_link("/invitations/"), timeout=max(timeout, 20))
        return link_in(mail, "/invitations/")
    return invitation_link_from_log(email, timeout)


def invitation_link_from_log(email, timeout=10.0):
    """The URL of the last `Invitation link for <email>: <url>` line in the server log (the
    demo prints it for every invitation, delivered or not)."""
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
