"""Home is "today", and the header fits (issue 18, points 1 and 2).

A teacher opens Collegium between lessons: the home page shows tomorrow's conversation
and the study group's next meeting under their day, the open well-being check-in and the
survey waiting, and each leads where it says. A leader's home adds what waits on her (the
invitation nobody has accepted yet); a coordinator's the network at a glance. The header
is one row in all six languages at 1280 px and under 64 px on a phone, where one "Menu"
holds the links; the account menu holds the language choice and logging out. In English
and Latvian (the header in all six), on a desktop and a phone; axe checks every page."""
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By

from conftest import SIZES, check_page, url
from test_handbook import click_and_load
from test_journey import find, find_visible, path_of, switch_language, wait_for
from test_wellbeing import log_in, set_language

TEACHER = "janis.ozols@riga.collegium.example"
LEADER = "ilze.berzina@riga.collegium.example"
COORDINATOR = "coordinator@collegium.example"
# A leader (her header has Surveys too, the longest row). This test leaves her in the last
# language it tries; the other tests that sign in as her (test_course's Georgian run,
# test_languages) choose Georgian themselves first.
HEADER_PERSON = "nino.beridze@tbilisi.collegium.example"

TEXT = {
    "en": {"today": "Today", "tomorrow": "Tomorrow", "menu": "Menu", "invitation": "invitation not yet accepted",
           "staff": "staff member"},
    "lv": {"today": "Šodien", "tomorrow": "Rīt", "menu": "Izvēlne", "invitation": "Vēl nepieņemtie uzaicinājumi",
           "staff": "darbiniek"},
}
# Longest phone page of the journeys (issue 18: none over 6,000 px on a phone).
PHONE_PAGE_LIMIT = 6000


def height(driver, css):
    return driver.execute_script("return document.querySelector(arguments[0]).getBoundingClientRect().height", css)


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "lv"])
def test_teacher_home_says_what_is_next(new_browser, lang, size):
    driver = new_browser(lang, SIZES[size])
    text = TEXT[lang]
    log_in(driver, TEACHER)
    set_language(driver, lang)
    driver.get(url("/"))
    wait_for(driver, "#next")
    assert find(driver, "h1").text.strip() == text["today"]

    # The meetings of the coming days, under their day: tomorrow's conversation (the demo
    # plans it for tomorrow at 14:30) and the study group's Wednesday at 15:00.
    meetings = find(driver, "#meetings-next")
    days = [h.text.strip() for h in meetings.find_elements(By.CSS_SELECTOR, "h4.day")]
    assert text["tomorrow"] in days, f"no meeting under {text['tomorrow']!r}: days {days}"
    times = [t.text.strip() for t in meetings.find_elements(By.CSS_SELECTOR, ".meeting-time")]
    assert "14:30" in times and "15:00" in times, f"meeting times {times}"
    # The open check-in and the survey waiting for him.
    assert find(driver, "#check-in-open a").get_attribute("href").endswith("/wellbeing")
    assert driver.find_elements(By.CSS_SELECTOR, "#surveys-for-you li a")
    check_page(driver, f"{lang}-{size}-teacher-home")
    if size == "phone":
        page = driver.execute_script("return document.documentElement.scrollHeight")
        assert page <= PHONE_PAGE_LIMIT, f"the teacher's home is {page} px long on a phone"

    # Tomorrow's meeting leads to its conversation, where the meeting is.
    tomorrow = meetings.find_elements(By.CSS_SELECTOR, "ul.meetings-day")[days.index(text["tomorrow"])]
    href = tomorrow.find_element(By.CSS_SELECTOR, "a").get_attribute("href")
    click_and_load(driver, f"#meetings-next a[href='{urlsplit(href).path}']")
    assert path_of(driver).startswith("/support/engagements/"), path_of(driver)
    assert "14:30" in find(driver, "main").text, "the conversation's page shows the meeting home announced"
    check_page(driver, f"{lang}-{size}-meeting-from-home")

    # The check-in link opens the check-in.
    driver.get(url("/"))
    click_and_load(driver, "#check-in-open a")
    wait_for(driver, "form#checkin-form")


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "lv"])
def test_leader_and_coordinator_homes(new_browser, lang, size):
    driver = new_browser(lang, SIZES[size])
    text = TEXT[lang]
    # The leader: the demo's invitation that nobody has accepted waits on her.
    log_in(driver, LEADER)
    set_language(driver, lang)
    driver.get(url("/"))
    waiting = wait_for(driver, "#waiting-on-you")
    assert text["invitation"] in waiting.text, waiting.text
    check_page(driver, f"{lang}-{size}-leader-home")
    click_and_load(driver, "#waiting-on-you a[href*='#pending-heading']")
    assert path_of(driver).startswith("/schools/")
    wait_for(driver, "#pending-invitations")

    # The coordinator: the network at a glance, counts only.
    log_in(driver, COORDINATOR)
    set_language(driver, lang)
    driver.get(url("/"))
    glance = wait_for(driver, ".network-glance")
    assert text["staff"] in glance.text, glance.text
    assert not driver.find_elements(By.CSS_SELECTOR, "#nothing-next"), \
        "a coordinator who belongs to no school is not told to ask a colleague"
    check_page(driver, f"{lang}-{size}-coordinator-home")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_header_is_one_row_in_every_language(new_browser, size):
    driver = new_browser("en", SIZES[size])
    log_in(driver, HEADER_PERSON)
    driver.get(url("/"))
    wait_for(driver, "header.site-header")
    for lang in ["en", "lv", "cs", "it", "el", "ka"]:
        switch_language(driver, lang)
        header = height(driver, "header.site-header")
        if size == "desktop":
            tops = driver.execute_script(
                "return [...document.querySelectorAll('.nav-list > li, .brand, .account-menu > summary')]"
                ".map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))")
            assert max(tops) - min(tops) <= 4, f"{lang}: the header's items are not on one row (middles {tops})"
            assert header < 64, f"{lang}: the header is {header} px high"
        else:
            assert header < 64, f"{lang}: the header is {header} px high on a phone"
            assert not find(driver, "ul.nav-list").is_displayed(), "the wide row of links shows on a phone"
        check_page(driver, f"{size}-{lang}-header")

    # On a phone "Menu" opens the links; the account menu holds the language and logging out.
    if size == "phone":
        menu = find(driver, "details.nav-menu > summary")
        menu.click()
        assert find(driver, "details.nav-menu").get_attribute("open") is not None
        check_page(driver, f"{size}-menu-open")
    click_and_load(driver, "nav a[href='/support']")
    assert path_of(driver) == "/support"
    find(driver, "details.account-menu > summary").click()
    assert find_visible(driver, "form#logout-form button").is_displayed()
    assert find_visible(driver, "form#language-form button[value=en]").is_displayed()
    check_page(driver, f"{size}-account-menu-open")
    switch_language(driver, "en")
