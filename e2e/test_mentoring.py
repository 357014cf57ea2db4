"""A mentoring programme from invitation to a first meeting: the leader creates it and
invites a mentor and a mentee; each fills in a profile; the leader lets the matching propose
the pairs (with the reasons) and publishes them; both accept; the mentee plans the first
meeting and adds it to a calendar. In English and in Latvian, with an axe check and a
screenshot of every page."""
import secrets

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_page, page_lang, url
from test_handbook import click_and_load
from test_journey import fill, find, path_of, submit
from test_ask_a_colleague import meeting_ahead
from test_wellbeing import log_in, set_language

RIGA = "@riga.collegium.example"
LEADER = "ilze.berzina" + RIGA
PEOPLE = {
    "en": {"mentor": ("santa.karklina", "Santa Kārkliņa"), "mentee": ("ieva.grinberga", "Ieva Grīnberga")},
    "lv": {"mentor": ("uldis.petersons", "Uldis Pētersons"), "mentee": ("gatis.freimanis", "Gatis Freimanis")},
}


def fill_profile(driver, lang, email, years):
    log_in(driver, email + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/mentoring']")
    click_and_load(driver, "#my-programmes a")
    click_and_load(driver, "a#profile-link")
    fill(driver, "input#subjects", "mathematics")
    fill(driver, "input#levels", "lower secondary")
    fill(driver, "input#years", str(years))
    fill(driver, "input#languages", "Latvian")
    find(driver, "input[name='goals[]'][value='classroom']").click()
    find(driver, "input[name='availability[]'][value='thu-pm']").click()
    return driver


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_programme_from_invitation_to_first_meeting(new_browser, lang):
    driver = new_browser(lang)
    people = PEOPLE[lang]
    name = f"E2E programme {lang} {secrets.token_hex(3)}"

    # The leader creates the programme and invites a mentor and a mentee.
    log_in(driver, LEADER)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/mentoring']")
    assert page_lang(driver) == lang
    fill(driver, "input#name", name)
    fill(driver, "textarea#goal", "A calm first year")
    for field, value in (("starts_on", "2026-09-01"), ("ends_on", "2027-06-15")):
        driver.execute_script("arguments[0].value = arguments[1]", find(driver, f"input#{field}"), value)
    check_page(driver, f"{lang}-mentoring-start")
    submit(driver, "form#programme-form")
    programme = path_of(driver)
    for role in ("mentor", "mentee"):
        Select(find(driver, "select#person")).select_by_visible_text(people[role][1])
        Select(find(driver, "select#role")).select_by_value(role)
        submit(driver, "form#invite-member-form")
    assert people["mentee"][1] in find(driver, "table#members").text
    check_page(driver, f"{lang}-mentoring-members")

    # Each fills in a profile.
    fill_profile(driver, lang, people["mentor"][0], 18)
    check_page(driver, f"{lang}-mentoring-profile")
    submit(driver, "form#profile-form")
    fill_profile(driver, lang, people["mentee"][0], 1)
    submit(driver, "form#profile-form")

    # The leader proposes and publishes; each pair shows why.
    log_in(driver, LEADER)
    set_language(driver, lang)
    driver.get(url(programme))
    submit(driver, "form#propose-form")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table#pairs tbody tr")]
    assert any(people["mentee"][1] in r and people["mentor"][1] in r for r in rows), rows
    # The reason is told in words: what matched (never a bare score per criterion).
    why = [w.text for w in driver.find_elements(By.CSS_SELECTOR, "table#pairs .pair-why li.why-matches")]
    assert why and all(":" in w for w in why), f"each pair says what matched: {why}"
    check_page(driver, f"{lang}-mentoring-proposed")
    submit(driver, "form#publish-form")

    # Both accept; the mentee plans the first meeting and adds it to a calendar.
    for role in ("mentor", "mentee"):
        log_in(driver, people[role][0] + RIGA)
        set_language(driver, lang)
        click_and_load(driver, "nav a[href='/mentoring']")
        click_and_load(driver, "#my-programmes a")
        submit(driver, "#my-pairs form:has(button.accept-pair)")
    assert path_of(driver).startswith("/support/engagements/")
    find(driver, "#meetings-title ~ details > summary").click()
    day, time_, dtstart = meeting_ahead(15, 14, 30)
    for field, value in (("date", day), ("time", time_)):
        driver.execute_script("arguments[0].value = arguments[1]", find(driver, f"input#{field}"), value)
    fill(driver, "input#place", "Room 305")
    submit(driver, "form#meeting-form")
    ics_link = find(driver, "#meetings a.meeting-ics").get_attribute("href")
    ics = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done).catch(e => done(String(e)));", ics_link)
    assert dtstart in ics, ics[:300]
    check_page(driver, f"{lang}-mentoring-first-meeting")
