"""Well-being check-ins: colleagues check in (one with low scores is shown where to find
support), the leader sees how many have checked in and the figures of past periods, a
small school's figures are withheld, and nothing about a person reaches a leader's page
or the API. Runs in English and in Latvian, with an axe check of every page."""
import json
import os
import re
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from conftest import check_page, page_lang, url
from test_journey import PASSWORD, fill, find, submit, switch_language, wait_for

# Demo colleagues of the Riga school; each language run uses its own three, as everyone
# checks in once per period.
COLLEAGUES = {
    "en": ["anna.kalnina", "peteris.ozolins", "kristaps.vitols"],
    "lv": ["zane.jansone", "edgars.lacis", "laura.berzina"],
}
NOTE = {"en": "private-note-e2e-en", "lv": "privata-piezime-e2e-lv"}
RIGA_LEADER = "ilze.berzina@riga.collegium.example"
VALMIERA_LEADER = "andris.zarins@valmiera.collegium.example"
SUPPORT_HEADING = {"en": "You do not have to carry this alone", "lv": "Jums tas nav jānes vienam"}
WITHHELD = {"en": "Not shown: too few answers", "lv": "Netiek rādīts: pārāk maz atbilžu"}


def log_in(driver, email):
    driver.delete_all_cookies()
    driver.get(url("/login"))
    wait_for(driver, "form#login-form")
    fill(driver, "form#login-form input#email", email)
    fill(driver, "form#login-form input#password", PASSWORD)
    submit(driver, "form#login-form")
    wait_for(driver, "form#logout-form")


def set_language(driver, lang):
    if page_lang(driver) != lang:
        switch_language(driver, lang)


def check_in(driver, who5, cbi, note="", keep=False):
    """Answers all twelve questions: WHO-5 at `who5` (0–5), CBI at `cbi` (0–100)."""
    form = wait_for(driver, "form#checkin-form")
    for fieldset in form.find_elements(By.CSS_SELECTOR, "fieldset.question"):
        key = fieldset.get_attribute("id")[2:]
        value = who5 if key.startswith("who5") else (100 - cbi if key == "cbi_7" else cbi)
        fieldset.find_element(By.CSS_SELECTOR, f"input[value='{value}']").click()
    if note:
        fill(driver, "textarea#note", note)
    if keep:
        find(driver, "input#keep_history").click()
    submit(driver, "form#checkin-form")


def admin_token():
    log = open(os.environ.get("COLLEGIUM_SERVER_LOG", "e2e/artifacts/server.log"), encoding="utf-8").read()
    return re.findall(r"API token \(admin\): (\S+)", log)[-1]


def api(path):
    request = urllib.request.Request(url(path), headers={"Authorization": f"Bearer {admin_token()}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_check_ins_and_guarded_figures(new_browser, lang):
    driver = new_browser(lang)

    # Three colleagues check in; the second has low scores and is shown where to find support.
    for index, name in enumerate(COLLEAGUES[lang]):
        log_in(driver, f"{name}@riga.collegium.example")
        set_language(driver, lang)
        driver.get(url("/wellbeing"))
        wait_for(driver, "section.privacy-box")
        assert page_lang(driver) == lang
        if index == 0:
            check_page(driver, f"{lang}-wellbeing-form")
        low = index == 1
        check_in(driver, who5=1 if low else 4, cbi=75 if low else 25, note=NOTE[lang] if low else "", keep=low)
        wait_for(driver, "#my-scores")
        if low:
            support = wait_for(driver, "#support")
            assert SUPPORT_HEADING[lang] in support.text
            assert "Līga Kalniņa" in support.text, "the school's counsellor is offered"
            assert "116 123" in support.text, "the school's help line is offered"
            check_page(driver, f"{lang}-wellbeing-low-support")
            driver.get(url("/wellbeing"))
            wait_for(driver, "table#my-history")
            assert NOTE[lang] in find(driver, "table#my-history").text, "the person sees their own note"
            check_page(driver, f"{lang}-wellbeing-my-history")
        else:
            assert not driver.find_elements(By.CSS_SELECTOR, "#support")
            check_page(driver, f"{lang}-wellbeing-result-{index}")

    # The leader: participation for the open period, figures for the ones that ended.
    log_in(driver, RIGA_LEADER)
    set_language(driver, lang)
    driver.get(url("/"))
    find(driver, "a.school-link").click()
    find(driver, "a#wellbeing-link").click()
    wait_for(driver, "#open-period")
    page = find(driver, "main").text
    assert re.search(r"\d+ (of|no) \d+", find(driver, "#open-period").text), find(driver, "#open-period").text
    assert "SD" in page or "SN" in page, "figures of past periods are shown"
    for name in COLLEAGUES[lang]:
        assert name.split(".")[0].capitalize() not in page
    assert NOTE[lang] not in driver.page_source
    check_page(driver, f"{lang}-wellbeing-leader")

    # A school with only three people who answer: its figures are withheld, with the reason.
    log_in(driver, VALMIERA_LEADER)
    set_language(driver, lang)
    driver.get(url("/"))
    find(driver, "a.school-link").click()
    find(driver, "a#wellbeing-link").click()
    wait_for(driver, "table#wellbeing-periods")
    assert WITHHELD[lang] in find(driver, "table#wellbeing-periods").text
    check_page(driver, f"{lang}-wellbeing-withheld")

    # The API shows the same guarded figures and nothing about a person.
    schools = json.loads(api("/api/v1/schools"))
    riga = next(s for s in schools if s["code"] == "LV-RIGA-2")
    body = api(f"/api/v1/wellbeing/schools/{riga['id']}")
    report = json.loads(body)
    assert report["minimumGroup"] == 5
    assert report["openPeriod"]["participants"] >= 3
    assert NOTE[lang] not in body
    for name in COLLEAGUES[lang]:
        assert name.split(".")[0] not in body.lower()
