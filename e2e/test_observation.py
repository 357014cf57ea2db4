"""Peer observation: a teacher starts a cycle with their own focus and a ready protocol and
invites a colleague; the observer writes a timed, descriptive note; the teacher reads it.
In English and in Latvian, with an axe check and a screenshot of every page."""
import secrets

import pytest
from selenium.webdriver.common.by import By

from conftest import check_page, page_lang, url
from test_handbook import click_and_load
from test_journey import fill, find, path_of, submit
from test_wellbeing import log_in, set_language

RIGA = "@riga.collegium.example"
PEOPLE = {"en": ("raivis.klavins", "agnese.zarina", "Agnese Zariņa"), "lv": ("elina.silina", "kristaps.vitols", "Kristaps Vītols")}


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

    log_in(driver, observer + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, f"#conversations a[href='{cycle}']")
    driver.execute_script("arguments[0].value = '10:12'", find(driver, "input#at"))
    fill(driver, "textarea#text", "Question 3 answered by the front row again; wait time about one second.")
    submit(driver, "form#note-form")
    check_page(driver, f"{lang}-observation-notes")

    log_in(driver, observed + RIGA)
    set_language(driver, lang)
    driver.get(url(cycle))
    assert "[10:12] Question 3 answered by the front row again" in find(driver, "#notes").text
