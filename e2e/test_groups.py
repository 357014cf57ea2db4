"""Study groups and intervision. A facilitator starts a study group, the group writes its
action plan, plans weekly meetings and records who came; a member sees it. An intervision
group agrees to confidentiality and consults a case through every timed step of the
protocol, moved on by its facilitator. In English and in Latvian, with an axe check and a
screenshot of the pages on the way."""
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
STUDY = {"en": ("gatis.freimanis", [("ieva.grinberga", "Ieva Grīnberga"), ("edgars.lacis", "Edgars Lācis")]),
         "lv": ("zane.jansone", [("uldis.petersons", "Uldis Pētersons"), ("elina.silina", "Elīna Siliņa")])}
INTERVISION = {"en": ("raivis.klavins", [("anna.kalnina", "Anna Kalniņa"), ("martins.eglitis", "Mārtiņš Eglītis")]),
               "lv": ("kristaps.vitols", [("peteris.ozolins", "Pēteris Ozoliņš"), ("laura.berzina", "Laura Bērziņa")])}
TEXT = {
    "en": {"present": "Present: 2 of 3", "finished": "This session is finished.", "first_step": "Opening",
           "last_step": "Looking back on the session", "names": "This seems to name"},
    "lv": {"present": "Klāt: 2 no 3", "finished": "Šī sesija ir pabeigta.", "first_step": "Ievads",
           "last_step": "Atskats uz sesiju", "names": "Šķiet, ka te ir nosaukts"},
}


def choose_members(driver, names):
    for label in driver.find_elements(By.CSS_SELECTOR, ".observers label"):
        if any(name in label.text for name in names):
            label.find_element(By.CSS_SELECTOR, "input").click()


def open_my(driver, lang, who, path):
    log_in(driver, who + RIGA)
    set_language(driver, lang)
    driver.get(url(path))
    assert page_lang(driver) == lang


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_study_group_meeting_with_attendance(new_browser, lang):
    driver = new_browser(lang)
    facilitator, members = STUDY[lang]
    name = f"Formative assessment {secrets.token_hex(3)}"

    log_in(driver, facilitator + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, "a#study-group-link")
    assert page_lang(driver) == lang
    fill(driver, "input#name", name)
    fill(driver, "textarea#purpose", "Exit tickets and peer feedback, one unit between meetings.")
    choose_members(driver, [n for _, n in members])
    check_page(driver, f"{lang}-study-group-start")
    submit(driver, "form#group-form")
    group = path_of(driver)
    assert group.startswith("/support/engagements/")

    # The plan: one part left empty is explained next to it, and what was typed stays.
    fill(driver, "textarea#plan_how", "One unit between meetings; each of us tries one technique.")
    fill(driver, "textarea#plan_support", "Our deputy head keeps Wednesday afternoons free.")
    fill(driver, "textarea#plan_challenge", "December tests.")
    submit(driver, "form#plan-form")
    assert find(driver, "#plan_evidence-error").is_displayed()
    assert "One unit between meetings" in find(driver, "textarea#plan_how").get_attribute("value")
    fill(driver, "textarea#plan_evidence", "Fewer blank exit tickets by March.")
    submit(driver, "form#plan-form")
    assert "Fewer blank exit tickets by March." in find(driver, "#action-plan").text

    # Three weekly meetings at once.
    find(driver, "#meetings-title ~ details > summary").click()
    first = (datetime.date.today() + datetime.timedelta(days=21)).isoformat()
    for field, value in (("date", first), ("time", "15:00")):
        driver.execute_script("arguments[0].value = arguments[1]", find(driver, f"input#{field}"), value)
    fill(driver, "textarea#agenda", "Unit 1 done before the meeting.")
    Select(find(driver, "select#repeats")).select_by_value("weekly")
    fill(driver, "input#count", "3")
    submit(driver, "form#meeting-form")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#meetings li.meeting")) == 3

    # Attendance of the first meeting: one member was away.
    first_meeting = find(driver, "#meetings li.meeting")
    first_meeting.find_element(By.CSS_SELECTOR, ".attendance summary").click()
    away = members[1][1]
    for label in first_meeting.find_elements(By.CSS_SELECTOR, ".attendance-form label"):
        if away in label.text:
            label.find_element(By.CSS_SELECTOR, "input").click()
    check_page(driver, f"{lang}-study-group-attendance")
    submit(driver, "#meetings li.meeting .attendance-form")
    assert TEXT[lang]["present"] in find(driver, "#meetings li.meeting .attendance-summary").text

    # A member sees the plan and who came, and cannot record attendance.
    open_my(driver, lang, members[0][0], group)
    assert TEXT[lang]["present"] in find(driver, "#meetings").text
    assert not driver.find_elements(By.CSS_SELECTOR, ".attendance-form")
    assert "Fewer blank exit tickets by March." in find(driver, "#action-plan").text
    check_page(driver, f"{lang}-study-group-member")


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_intervision_session_through_every_step(new_browser, lang):
    driver = new_browser(lang)
    facilitator, members = INTERVISION[lang]
    name = f"Class teachers {secrets.token_hex(3)}"

    log_in(driver, facilitator + RIGA)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/support']")
    click_and_load(driver, "a#case-group-link")
    find(driver, "input[name='kind'][value='intervision']").click()
    fill(driver, "input#name", name)
    fill(driver, "textarea#purpose", "Pupils who withdraw; contact with families.")
    choose_members(driver, [n for _, n in members])
    check_page(driver, f"{lang}-intervision-start")
    submit(driver, "form#group-form")
    group = path_of(driver)
    check_page(driver, f"{lang}-intervision-agreement")
    submit(driver, "#agreement form")
    for who, _ in members:
        open_my(driver, lang, who, group)
        assert find(driver, "#agreement")
        submit(driver, "#agreement form")
        assert find(driver, "form#note-form")

    # The facilitator starts a session; a colleague's name in the title is caught first.
    owner_name = members[0][1]
    open_my(driver, lang, facilitator, group)
    find(driver, "#case-sessions details > summary").click()
    fill(driver, "input#title", f"{members[1][1]} and a pupil who stopped talking")
    Select(find(driver, "select#case_owner")).select_by_visible_text(owner_name)
    submit(driver, "form#session-form")
    assert TEXT[lang]["names"] in find(driver, "#session-form").text
    fill(driver, "input#title", "A pupil in year 6 who has stopped speaking in class")
    submit(driver, "form#session-form")
    session = path_of(driver)
    assert "/sessions/" in session
    assert TEXT[lang]["first_step"] in find(driver, "#step-title").text
    assert ":" in find(driver, "#case-timer").text
    check_page(driver, f"{lang}-intervision-opening")

    # The case owner sees the step and the timer, but cannot move on; they write a note.
    open_my(driver, lang, members[0][0], session)
    assert not driver.find_elements(By.CSS_SELECTOR, "form#next-step-form")
    assert ":" in find(driver, "#case-timer").text
    fill(driver, "textarea#text", "Until October the pupil answered often; since the break, no answers.")
    submit(driver, "form#entry-form")

    # Through every step of the protocol.
    open_my(driver, lang, facilitator, session)
    labels = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#case-steps li")]
    assert len(labels) == 8
    for i in range(1, 8):
        submit(driver, "form#next-step-form")
        assert find(driver, "#case-steps li[aria-current='step']").text == labels[i]
        assert labels[i].split(" · ")[0] in find(driver, "#step-title").text
        if i == 4:
            fill(driver, "textarea#text", "Perhaps the work feels pointless to the pupil just now.")
            submit(driver, "form#entry-form")
            check_page(driver, f"{lang}-intervision-hypotheses")
    assert TEXT[lang]["last_step"] in find(driver, "#step-title").text
    submit(driver, "form#next-step-form")
    assert TEXT[lang]["finished"] in find(driver, "#session-finished").text
    notes = find(driver, "#entries-title").find_element(By.XPATH, "..").text
    assert "Perhaps the work feels pointless" in notes
    assert "Until October the pupil answered often" in notes
    check_page(driver, f"{lang}-intervision-finished")
