"""The course, author's journey: a coordinator writes a course in the language of the page
(a step, a quiz written as text with a mistake named by its line), publishes it, and
anyone finds it in the catalogue; a counsellor compares courses offered elsewhere. In
English and in Latvian, on a desktop and on a phone-sized screen; every page is checked by
axe as it loads (a main journey: moderate findings fail too)."""
from urllib.parse import unquote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import SIZES, check_page, url
from test_course import COORDINATOR, RUNS
from test_journey import fill, find, path_of, submit
from test_wellbeing import log_in, set_language

pytestmark = pytest.mark.main_journey

# Each run writes a course of its own (the address comes from the title).
TITLE = {
    ("en", "desktop"): ("Observing lessons together", "observing-lessons-together"),
    ("en", "phone"): ("Learning walks in pairs", "learning-walks-in-pairs"),
    ("lv", "desktop"): ("Stundu vērošana kopā", "stundu-vērošana-kopā"),
    ("lv", "phone"): ("Mācību vizītes pāros", "mācību-vizītes-pāros"),
}
TEXT = {
    "en": {"summary": "Two short steps on peer observation.", "module": "Before the lesson",
           "step": ("Agree a focus", "agree-a-focus"),
           "body": "## One focus\n\nThe observed teacher chooses it. See [peer observation](/handbook/peer-observation).",
           "quiz_title": "Check your understanding",
           "quiz": ("? Who chooses the focus?\n* The observed teacher\nThe observer", "The observer",
                    "? Who chooses the focus?\n* The observed teacher\n  > Yes: it is their lesson.\n"
                    "- The observer\n  > No: the observer follows the teacher's focus."),
           "line_3": "Line 3", "published": "revision 1", "extra": "A step added by mistake"},
    "lv": {"summary": "Divi īsi soļi par kolēģu stundu vērošanu.", "module": "Pirms stundas",
           "step": ("Vienojieties par fokusu", "vienojieties-par-fokusu"),
           "body": "## Viens fokuss\n\nTo izvēlas vērotais skolotājs. Skat. [kolēģu vērošana](/handbook/peer-observation).",
           "quiz_title": "Pārbaudiet sapratni",
           "quiz": ("? Kas izvēlas fokusu?\n* Vērotais skolotājs\nVērotājs", "Vērotājs",
                    "? Kas izvēlas fokusu?\n* Vērotais skolotājs\n  > Jā: tā ir viņa stunda.\n"
                    "- Vērotājs\n  > Nē: vērotājs seko skolotāja izvēlētajam fokusam."),
           "line_3": "3. rinda", "published": "1. redakcija", "extra": "Lieks solis"},
}


@pytest.mark.parametrize("lang,size", RUNS)
def test_coordinator_writes_and_publishes_a_course(new_browser, lang, size):
    text, (title, slug) = TEXT[lang], TITLE[(lang, size)]
    name_in = f"{lang}-{size}"
    driver = new_browser(lang, SIZES[size])
    log_in(driver, COORDINATOR)
    set_language(driver, lang)
    driver.get(url("/courses"))
    # The new course is written in the language of the page unless the author says otherwise.
    assert Select(find(driver, "select#new-language")).first_selected_option.get_attribute("value") == lang
    fill(driver, "input#new-title", title)
    submit(driver, "form#new-course-form")
    assert unquote(path_of(driver)) == f"/courses/{slug}/edit"
    fill(driver, "textarea#summary", text["summary"])
    submit(driver, "form#course-form")
    fill(driver, "input#module_title", text["module"])
    submit(driver, "form#module-form")
    step_title, step_slug = text["step"]
    fill(driver, "input[id^='step-title-']", step_title)
    submit(driver, "form.add-step")
    assert unquote(path_of(driver)).endswith(f"/steps/{step_slug}/edit")
    fill(driver, "textarea#body", text["body"])
    submit(driver, "form#step-form")
    check_page(driver, f"{name_in}-course-editor")

    # A quiz, written as text: a mistake is named by its line and nothing is lost.
    wrong, kept, right = text["quiz"]
    Select(find(driver, "select[id^='kind-']")).select_by_value("quiz")
    fill(driver, "input[id^='step-title-']", text["quiz_title"])
    submit(driver, "form.add-step")
    fill(driver, "textarea#quiz", wrong)
    submit(driver, "form#step-form")
    assert text["line_3"] in find(driver, ".error-summary").text
    assert kept in find(driver, "textarea#quiz").get_attribute("value")
    check_page(driver, f"{name_in}-course-step-editor")
    fill(driver, "textarea#quiz", right)
    submit(driver, "form#step-form")
    submit(driver, "form#publish-form")
    assert text["published"] in find(driver, "#course-state").text

    # A step added by mistake is taken out, but only after a page that says what learners
    # lose and what is kept; "go back" keeps it.
    fill(driver, "input[id^='step-title-']", text["extra"])
    submit(driver, "form.add-step")
    editor = url(f"/courses/{slug}/edit?lang={lang}")
    driver.get(editor)
    retire = [a for a in driver.find_elements(By.CSS_SELECTOR, "a.step-retire") if text["extra"] in a.get_attribute("aria-label")]
    assert len(retire) == 1, "the new step has no control that takes it out"
    asking = retire[0].get_attribute("href")
    driver.get(asking)
    assert text["extra"] in find(driver, "h1").text
    assert len(driver.find_elements(By.CSS_SELECTOR, "ul#consequences > li")) == 3
    check_page(driver, f"{name_in}-course-step-retire-confirm")
    driver.get(find(driver, "a#keep").get_attribute("href"))
    assert text["extra"] in find(driver, "main").text, "going back took the step out"
    driver.get(asking)
    submit(driver, "form#confirm-form")
    assert unquote(path_of(driver)) == f"/courses/{slug}/edit"
    assert text["extra"] not in " ".join(li.text for li in driver.find_elements(By.CSS_SELECTOR, "li.step")), "the step is still in the course"

    # Anyone now finds it in the catalogue; signed-in people compare courses elsewhere.
    visitor = new_browser(lang, SIZES[size])
    visitor.get(url("/courses"))
    assert title in find(visitor, "#course-list").text
    check_page(visitor, f"{name_in}-course-catalogue-new-course")
    log_in(driver, "liga.kalnina@riga.collegium.example")
    set_language(driver, lang)
    driver.get(url("/courses/elsewhere"))
    assert "Mentoring new teachers (demo)" in find(driver, "#course-reviews").text
    check_page(driver, f"{name_in}-courses-elsewhere")
