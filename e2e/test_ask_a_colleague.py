"""Ask a colleague: a teacher asks without showing their name; a colleague who offered
help on the topic finds the question on "My support", takes it, and the two continue in
notes (shared, and private to the author); the school's leader sees nothing of it. In
English and in Latvian, with an axe check and a screenshot of every page."""
import datetime
import secrets

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import check_page, page_lang, url
from test_handbook import click_and_load
from test_journey import fill, find, path_of, submit, wait_for
from test_wellbeing import log_in, set_language

# Riga demo staff; each language run uses its own pair.
PEOPLE = {
    "en": {"asker": "santa.karklina", "helper": "raivis.klavins", "topic": "assessment"},
    "lv": {"asker": "gatis.freimanis", "helper": "agnese.zarina", "topic": "differentiation"},
}
RIGA = "@riga.collegium.example"
LEADER = "ilze.berzina" + RIGA


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_question_taken_by_a_volunteer(new_browser, lang):
    driver = new_browser(lang)
    people = PEOPLE[lang]
    question = f"How do I give useful feedback on 28 essays in one week? ({secrets.token_hex(3)})"

    # The teacher asks from "My support", without showing their name.
    log_in(driver, people["asker"] + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    assert page_lang(driver) == lang
    check_page(driver, f"{lang}-support-empty")
    click_and_load(driver, "a#ask-link")
    Select(find(driver, "select#topic")).select_by_value(people["topic"])
    fill(driver, "textarea#question", question)
    find(driver, "input#show_name").click()  # on by default: this teacher asks without a name
    check_page(driver, f"{lang}-support-ask")
    submit(driver, "form#ask-form")
    assert path_of(driver) == "/support"
    assert question in find(driver, "#my-requests").text
    check_page(driver, f"{lang}-support-asked")

    # The leader sees none of it.
    log_in(driver, LEADER)
    set_language(driver, lang)
    driver.get(url("/support"))
    wait_for(driver, "#requests-for-me")
    assert question not in driver.page_source

    # A colleague who volunteers for the topic takes it.
    log_in(driver, people["helper"] + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    item = next(li for li in driver.find_elements(By.CSS_SELECTOR, "#requests-for-me > li") if question in li.text)
    assert people["asker"].split(".")[0].capitalize() not in item.text, "the asker chose not to show their name"
    check_page(driver, f"{lang}-support-for-me")
    action = item.find_element(By.CSS_SELECTOR, "form").get_attribute("action")
    submit(driver, f"form[action='{action[action.index('/support'):]}']")
    assert path_of(driver).startswith("/support/engagements/")
    conversation = path_of(driver)
    assert question in find(driver, "#notes").text
    fill(driver, "textarea#text", "Shall we meet on Wednesday at 15:00 in room 204?")
    submit(driver, "form#note-form")
    fill(driver, "textarea#text", "Bring the marking rubric from last year.")
    Select(find(driver, "select#visibility")).select_by_value("private")
    submit(driver, "form#note-form")
    check_page(driver, f"{lang}-support-conversation-helper")

    # They agree a meeting; it can be added to a calendar as an .ics file.
    find(driver, "#meetings-title ~ details > summary").click()
    day, time_, dtstart = meeting_ahead(14, 15, 0)
    for field, value in (("date", day), ("time", time_)):
        driver.execute_script("arguments[0].value = arguments[1]", find(driver, f"input#{field}"), value)
    fill(driver, "input#place", "Room 204")
    submit(driver, "form#meeting-form")
    assert "Room 204" in find(driver, "#meetings").text
    ics_link = find(driver, "#meetings a.meeting-ics").get_attribute("href")
    ics = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done).catch(e => done(String(e)));", ics_link)
    assert "BEGIN:VEVENT" in ics and dtstart in ics, ics[:300]
    check_page(driver, f"{lang}-support-meeting")

    # The teacher reads the shared note, not the private one.
    log_in(driver, people["asker"] + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, f"#conversations a[href='{conversation}']")
    notes = find(driver, "#notes").text
    assert "Wednesday at 15:00" in notes
    assert "marking rubric" not in notes
    check_page(driver, f"{lang}-support-conversation-asker")

def meeting_ahead(days, hour, minute):
    """A meeting `days` ahead at hour:minute in Riga: its form values and the .ics DTSTART
    (UTC). Relative to today, so that it stays to come (past meetings fold away)."""
    from zoneinfo import ZoneInfo
    day = datetime.date.today() + datetime.timedelta(days=days)
    local = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo("Europe/Riga"))
    utc = local.astimezone(datetime.timezone.utc)
    return day.isoformat(), f"{hour:02d}:{minute:02d}", utc.strftime("DTSTART:%Y%m%dT%H%M%SZ")
