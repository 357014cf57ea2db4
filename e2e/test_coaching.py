"""Coaching: a teacher asks for coaching from any suitable coach; a coach accepts and writes
the first session up in the GROW steps; the teacher reads it. In English and in Latvian,
with an axe check and a screenshot of every page."""
import secrets

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_page, page_lang
from test_handbook import click_and_load
from test_journey import fill, find, path_of, submit
from test_wellbeing import log_in, set_language

RIGA = "@riga.collegium.example"
PEOPLE = {"en": ("ieva.grinberga", "dace.krumina"), "lv": ("laura.berzina", "liga.kalnina")}


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_coaching_request_accepted(new_browser, lang):
    driver = new_browser(lang)
    teacher, coach = PEOPLE[lang]
    topic = f"Calmer starts to my lessons ({secrets.token_hex(3)})"

    log_in(driver, teacher + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, "a#coaching-link")
    assert page_lang(driver) == lang
    Select(find(driver, "select#coach")).select_by_value("anyone")
    fill(driver, "textarea#topic", topic)
    check_page(driver, f"{lang}-coaching-request")
    submit(driver, "form#coaching-form")
    assert topic in find(driver, "#my-coaching-requests").text

    log_in(driver, coach + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    item = next(li for li in driver.find_elements(By.CSS_SELECTOR, "#coaching-requests-for-me > li") if topic in li.text)
    check_page(driver, f"{lang}-coaching-for-coach")
    action = item.find_element(By.CSS_SELECTOR, "form[action$='/accept']").get_attribute("action")
    submit(driver, f"form[action='{action[action.index('/support'):]}']")
    assert path_of(driver).startswith("/support/engagements/")
    conversation = path_of(driver)
    fill(driver, "textarea#grow_goal", "Lessons start within two minutes")
    fill(driver, "textarea#grow_way", "Entry task on the board for two weeks")
    submit(driver, "form#note-form")
    check_page(driver, f"{lang}-coaching-session")

    log_in(driver, teacher + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, f"#conversations a[href='{conversation}']")
    notes = find(driver, "#notes").text
    assert "Lessons start within two minutes" in notes and "Entry task on the board" in notes
    check_page(driver, f"{lang}-coaching-coachee")
