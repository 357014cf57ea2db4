"""A school leader invites a colleague, who accepts in a browser of their own; once in
English and once in Latvian. Every page visited gets an axe check (as it loads, from the
browser session) and the named ones a screenshot."""
import re
import secrets
import time
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import (check_page, latest_invitation_link, local_url, page_lang,
                      page_status, url)

# A main journey: a moderate axe finding on any of its pages fails it (conftest.py).
pytestmark = pytest.mark.main_journey

PASSWORD = "collegium-demo"
# What a person reads, per language: the page must be translated, not only labelled.
TEXT = {
    "en": {"login_heading": "Log in", "leader": "Leader", "teacher": "Teacher", "not_found": "Page not found"},
    "lv": {"login_heading": "Pieteikties", "leader": "Vadītājs", "teacher": "Skolotājs", "not_found": "Lapa nav atrasta"},
}
LEADER = "ilze.berzina@riga.collegium.example"
NEW_PASSWORD = "e2e-Secret-Passphrase-2026"
WAIT = 20


# --------------------------------------------------------------------------- helpers

def find(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css)


def reveal(driver, element):
    """Makes an element a person cannot see yet visible as they would: one in a closed menu
    (the header's <details> menus) is shown by clicking the menu's summary."""
    if element.is_displayed():
        return element
    summary = driver.execute_script(
        "let d = arguments[0].closest('details');"
        "while (d && d.open) d = d.parentElement.closest('details');"
        "return d && d.getClientRects().length ? d.querySelector(':scope > summary') : null;", element)
    if summary is not None:
        summary.click()
    return element


def find_visible(driver, css):
    """The first element matching css that is shown at this window size (the header holds
    each link twice: the wide row and the phone menu), opening its menu if it is in one."""
    elements = driver.find_elements(By.CSS_SELECTOR, css)
    assert elements, f"no element {css!r} on {driver.current_url}"
    for element in elements:
        if element.is_displayed():
            return element
    for element in elements:
        if reveal(driver, element).is_displayed():
            return element
    raise AssertionError(f"no {css!r} on {driver.current_url} can be seen, even with its menu open")


def wait_for(driver, css, timeout=WAIT):
    try:
        return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, css)))
    except TimeoutException:
        raise AssertionError(f"no element {css!r} after {timeout} s on {driver.current_url} "
                             f"(title {driver.title!r})") from None


def path_of(driver):
    return urlsplit(driver.current_url).path


def _new_document_loaded(driver):
    try:
        return driver.execute_script(
            "return window.__e2eOldPage !== true && document.readyState === 'complete'")
    except WebDriverException:  # mid-navigation
        return False


def submit(driver, form_css):
    """Clicks the submit button of the form and waits until the next page has loaded
    (a fresh document: the marker set on the old window is gone)."""
    form = find(driver, form_css)
    button = reveal(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit], button:not([type])"))
    driver.execute_script("window.__e2eOldPage = true")
    button.click()
    try:
        WebDriverWait(driver, WAIT).until(_new_document_loaded)
    except TimeoutException:
        raise AssertionError(f"submitting {form_css} on {driver.current_url} "
                             f"did not load a page within {WAIT} s") from None


def fill(driver, css, value):
    field = find(driver, css)
    field.clear()
    field.send_keys(value)


def switch_language(driver, language):
    """Uses the header's language switcher; it must return to the same page."""
    before = path_of(driver)
    button = reveal(driver, find(driver, f"form#language-form button[name=language][value={language}]"))
    driver.execute_script("window.__e2eOldPage = true")
    button.click()
    WebDriverWait(driver, WAIT).until(_new_document_loaded)
    assert page_lang(driver) == language, \
        f"<html lang> is {page_lang(driver)!r} after choosing {language!r}"
    assert path_of(driver) == before, \
        f"the language switcher went to {path_of(driver)} instead of back to {before}"


def assert_lang(driver, language, where):
    assert page_lang(driver) == language, \
        f"{where}: <html lang> is {page_lang(driver)!r}, expected {language!r}"


def my_schools(driver):
    """[(school name, role text, link element)] from the dashboard's ul#my-schools."""
    wait_for(driver, "ul#my-schools")
    rows = []
    for li in driver.find_elements(By.CSS_SELECTOR, "ul#my-schools > li"):
        link = li.find_element(By.CSS_SELECTOR, "a.school-link")
        role = li.find_element(By.CSS_SELECTOR, "span.role")
        rows.append((link.text.strip(), role.text.strip(), link))
    return rows


def log_out(driver, language, name):
    submit(driver, "form#logout-form")
    wait_for(driver, "a#login-link")
    assert path_of(driver) == "/", f"after logging out the browser is at {path_of(driver)}"
    assert not driver.find_elements(By.CSS_SELECTOR, "form#logout-form"), \
        "the logout form is still shown after logging out"
    assert_lang(driver, language, "logged-out landing page")
    check_page(driver, name)


# --------------------------------------------------------------------------- journey

@pytest.mark.parametrize("lang", ["en", "lv"])
def test_leader_invites_colleague_who_accepts(new_browser, lang):
    # The leader's browser asks for English; in Latvian the switcher changes it.
    leader = new_browser("en")
    leader.get(url("/"))
    wait_for(leader, "a#login-link")
    assert_lang(leader, "en", "landing page")
    wait_for(leader, "form#language-form button[name=language]")
    options = [o.get_attribute("value") for o in
               leader.find_elements(By.CSS_SELECTOR, "form#language-form button[name=language]")]
    assert set(options) >= {"en", "lv", "cs", "it", "el", "ka"}, f"language options: {options}"
    check_page(leader, f"{lang}-landing")

    if lang != "en":
        switch_language(leader, lang)
        wait_for(leader, "a#login-link")
        check_page(leader, f"{lang}-landing-switched")

    # Log in: a wrong password first.
    find(leader, "a#login-link").click()
    wait_for(leader, "form#login-form")
    assert path_of(leader) == "/login"
    assert_lang(leader, lang, "login page")
    assert find(leader, "h1").text.strip() == TEXT[lang]["login_heading"]
    check_page(leader, f"{lang}-login")

    fill(leader, "form#login-form input#email", LEADER)
    fill(leader, "form#login-form input#password", "not-the-password")
    submit(leader, "form#login-form")
    errors = wait_for(leader, "#form-errors")
    assert path_of(leader) == "/login", f"a wrong password led to {path_of(leader)}"
    assert page_status(leader) in (401, None), f"wrong password answered {page_status(leader)}"
    assert errors.get_attribute("role") == "alert", "#form-errors needs role=alert"
    assert errors.text.strip(), "#form-errors is empty"
    assert_lang(leader, lang, "login page with an error")
    check_page(leader, f"{lang}-login-wrong-password")

    fill(leader, "form#login-form input#email", LEADER)
    fill(leader, "form#login-form input#password", PASSWORD)
    submit(leader, "form#login-form")
    schools = my_schools(leader)
    assert path_of(leader) == "/", f"logging in led to {path_of(leader)}"
    assert_lang(leader, lang, "dashboard after logging in")
    wait_for(leader, "h1")
    wait_for(leader, "form#logout-form")
    assert schools, "the leader's dashboard lists no school"
    for name, role, _ in schools:
        assert name and role, f"a school row lacks a name or a role: {(name, role)}"
    assert TEXT[lang]["leader"] in [role for _, role, _ in schools], f"roles shown: {schools}"
    check_page(leader, f"{lang}-dashboard-leader")

    # The school page, and the invitation form.
    school_name, _, link = schools[0]
    school_name, _, link = next(row for row in schools if row[1] == TEXT[lang]["leader"])
    link.click()
    invite_link = wait_for(leader, "a#invite-link")
    school_path = path_of(leader)
    assert_lang(leader, lang, "school page")
    check_page(leader, f"{lang}-school")

    invite_link.click()
    wait_for(leader, "form#invite-form")
    assert re.fullmatch(r"/schools/[^/]+/invitations/new", path_of(leader)), path_of(leader)
    assert_lang(leader, lang, "invitation form")
    roles = [o.get_attribute("value") for o in
             leader.find_elements(By.CSS_SELECTOR, "select#role option")]
    assert set(roles) >= {"teacher", "counsellor", "psychologist", "pedagogical_adviser",
                          "leader"}, f"role options: {roles}"
    check_page(leader, f"{lang}-invite-form")

    email = f"e2e-{lang}-{int(time.time() * 1000)}-{secrets.token_hex(2)}@example.org"
    given, family = ("Anna", "Kalniņa") if lang == "lv" else ("Anna", "Smith")
    fill(leader, "form#invite-form input#given_name", given)
    fill(leader, "form#invite-form input#family_name", family)
    fill(leader, "form#invite-form input#email", email)
    Select(find(leader, "form#invite-form select#role")).select_by_value("teacher")
    submit(leader, "form#invite-form")
    notice = wait_for(leader, ".notice")
    assert path_of(leader) == school_path, \
        f"after inviting, the browser is at {path_of(leader)}, not the school {school_path}"
    assert notice.get_attribute("role") == "status", ".notice needs role=status"
    assert email in notice.text, f"the notice does not name {email}: {notice.text!r}"
    pending = wait_for(leader, "#pending-invitations")
    assert email in pending.text, f"{email} is not among the pending invitations"
    assert_lang(leader, lang, "school page after inviting")
    check_page(leader, f"{lang}-school-invited")

    # The colleague opens the link in a browser of their own, in their own language.
    link = latest_invitation_link(email)
    assert "/invitations/" in link, f"unexpected invitation link {link}"
    colleague = new_browser(lang)
    colleague.get(local_url(link))
    wait_for(colleague, "form#accept-form")
    assert_lang(colleague, lang, "invitation page (from Accept-Language)")
    assert find(colleague, "input#given_name").get_attribute("value") == given
    assert find(colleague, "input#family_name").get_attribute("value") == family
    check_page(colleague, f"{lang}-accept-invitation")

    fill(colleague, "form#accept-form input#password", NEW_PASSWORD)
    fill(colleague, "form#accept-form input#password_confirmation", NEW_PASSWORD)
    submit(colleague, "form#accept-form")
    rows = my_schools(colleague)
    assert path_of(colleague) == "/", f"accepting led to {path_of(colleague)}"
    assert_lang(colleague, lang, "the new colleague's dashboard")
    wait_for(colleague, "form#logout-form")
    mine = [row for row in rows if row[0] == school_name]
    assert mine, f"{school_name!r} is not among the new colleague's schools {rows}"
    assert mine[0][1], "the new colleague's role is empty"
    assert mine[0][1] == TEXT[lang]["teacher"], f"the new colleague's role reads {mine[0][1]!r}"
    check_page(colleague, f"{lang}-dashboard-new-colleague")

    # Both log out. The leader first sets English again while logged in, which also
    # checks the switcher on a signed-in page and leaves the demo leader as it was.
    log_out(colleague, lang, f"{lang}-logged-out-colleague")
    if lang != "en":
        leader.get(url("/"))
        wait_for(leader, "ul#my-schools")
        switch_language(leader, "en")
        wait_for(leader, "ul#my-schools")
        check_page(leader, f"{lang}-dashboard-back-to-en")
    log_out(leader, "en", f"{lang}-logged-out-leader")


# --------------------------------------------------------------------------- public pages

@pytest.mark.parametrize("lang", ["en", "lv"])
def test_public_pages(new_browser, lang):
    driver = new_browser(lang)

    driver.get(url("/login"))
    wait_for(driver, "form#login-form")
    for css in ("input#email", "input#password", "button[type=submit]",
                "form#language-form button[name=language]", "h1"):
        wait_for(driver, css)
    assert page_status(driver) in (200, None), f"/login answered {page_status(driver)}"
    assert_lang(driver, lang, "/login")
    check_page(driver, f"{lang}-public-login")

    driver.get(url("/no-such-page"))
    wait_for(driver, "h1")
    assert page_status(driver) in (404, None), f"/no-such-page answered {page_status(driver)}"
    assert find(driver, "h1").text.strip() == TEXT[lang]["not_found"], "the 404 page's heading"
    wait_for(driver, "form#language-form button[name=language]")
    assert_lang(driver, lang, "404 page")
    check_page(driver, f"{lang}-not-found")
