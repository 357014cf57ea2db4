"""Peer observation, a full cycle: a teacher starts it with their own focus and a ready
protocol and invites a colleague; the pre-observation talk, the lesson and the
post-observation talk are planned as the cycle's steps; the observer writes a timed,
descriptive note on a phone-sized screen during the lesson; the teacher reads it and
closes the cycle with a written reflection. In English and in Latvian, with an axe check
and a screenshot of every page."""
import datetime
import secrets

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_page, page_lang, url
from test_handbook import click_and_load
from test_journey import fill, find, path_of, submit
from test_wellbeing import log_in, set_language

RIGA = "@riga.collegium.example"
PEOPLE = {"en": ("raivis.klavins", "agnese.zarina", "Agnese Zariņa"), "lv": ("elina.silina", "kristaps.vitols", "Kristaps Vītols")}
STEPS = {"en": ["Pre-observation talk", "The observed lesson", "Post-observation talk"],
         "lv": ["Pirmssaruna", "Vērotā stunda", "Pēcsaruna"]}
PHONE = (390, 844)


def plan_step(driver, step, day, time):
    find(driver, "#meetings-title ~ details > summary").click()
    Select(find(driver, "select#step")).select_by_value(step)
    for field, value in (("date", day), ("time", time)):
        driver.execute_script("arguments[0].value = arguments[1]", find(driver, f"input#{field}"), value)
    submit(driver, "form#meeting-form")


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_observation_cycle(new_browser, lang):
    driver = new_browser(lang)
    observed, observer, observer_name = PEOPLE[lang]
    focus = f"Which pupils answer my questions ({secrets.token_hex(3)})"

    log_in(driver, observed + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, "a#observation-link")
    assert page_lang(driver) == lang
    label = next(l for l in driver.find_elements(By.CSS_SELECTOR, ".observers label") if observer_name in l.text)
    label.find_element(By.CSS_SELECTOR, "input").click()
    fill(driver, "textarea#focus", focus)
    find(driver, "input[name='protocol'][value='questioning']").click()
    check_page(driver, f"{lang}-observation-start")
    submit(driver, "form#observation-form")
    assert path_of(driver).startswith("/support/engagements/")
    cycle = path_of(driver)
    assert focus in find(driver, "#observation-protocol").text
    # Each step of the cycle is a meeting with its own calendar entry.
    start = datetime.date.today() + datetime.timedelta(days=14)
    for offset, step in enumerate(["pre_observation", "observation", "post_observation"]):
        plan_step(driver, step, (start + datetime.timedelta(days=offset)).isoformat(), "10:00")
    labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#meetings .meeting-step")]
    assert labels == STEPS[lang], labels
    assert len(driver.find_elements(By.CSS_SELECTOR, "#meetings a.meeting-ics")) == 3
    check_page(driver, f"{lang}-observation-steps")

    # In the classroom, on a phone.
    driver.set_window_size(*PHONE)
    log_in(driver, observer + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, f"#conversations a[href='{cycle}']")
    find(driver, "a#jump-to-note").click()
    driver.execute_script("arguments[0].value = '10:12'", find(driver, "input#at"))
    fill(driver, "textarea#text", "Question 3 answered by the front row again; wait time about one second.")
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), \
        "the note page scrolls sideways on a phone"
    submit(driver, "form#note-form")
    check_page(driver, f"{lang}-observation-notes-phone")

    driver.set_window_size(1280, 800)
    log_in(driver, observed + RIGA)
    set_language(driver, lang)
    driver.get(url(cycle))
    assert "[10:12] Question 3 answered by the front row again" in find(driver, "#notes").text
    # After the post-observation talk: the observed teacher's written reflection closes the cycle.
    find(driver, "details:has(form#close-form) > summary").click()
    fill(driver, "textarea#closing", "Next: two minutes of pair talk before every key question, and wait five seconds.")
    submit(driver, "form#close-form")
    assert "Next: two minutes of pair talk" in find(driver, "#notes").text
    assert not driver.find_elements(By.CSS_SELECTOR, "form#note-form")
    check_page(driver, f"{lang}-observation-closed")
