"""The course, learner's journey. A learner takes "Leading collegial support in your school"
from enrolment to certificate: every lesson read, a quiz failed and passed on the second
attempt, every reflection written; then anyone checks the certificate at its public
address, and the Open Badges 3.0 verifier (openbadgeslib, with 1EdTech's JSON schema)
accepts the signed credential with the keys the site publishes; the network's coordinator
revokes it. In English and in Latvian, on a desktop and on a phone-sized screen; every
page is checked by axe as it loads (a main journey: moderate findings fail too), and the
named ones are screenshotted. The cohort's and the author's journeys are in
test_course_cohort.py and test_course_editor.py."""
import re
import json
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By

from conftest import E2E_DIR, SIZES, check_page, page_lang, url
from test_handbook import click_and_load
from test_journey import fill, find, path_of, submit
from test_wellbeing import log_in, set_language

pytestmark = pytest.mark.main_journey

COURSE = "/courses/leading-collegial-support"
CONTENT = E2E_DIR.parent / "Resources" / "Course" / "leading-collegial-support"
# Every course journey runs in both languages on both screens, and once in Georgian on a
# phone (issue 19): the course has no Georgian text yet, so its lessons stay in English
# while every word of the interface around them, the quiz's, the certificate's and its
# public check's, is Georgian.
# RUNS is also the course editor's and the cohort's (both languages, both screens);
# LEARNER_RUNS adds the Georgian learner.
RUNS = [pytest.param(lang, size, id=f"{lang}-{size}") for lang in ("en", "lv") for size in SIZES]
LEARNER_RUNS = RUNS + [pytest.param("ka", "phone", id="ka-phone")]
# The language the course is read in: its own, or English where it has none.
CONTENT_LANG = {"en": "en", "lv": "lv", "ka": "en"}
COORDINATOR = "coordinator@collegium.example"
# The demo's one network, which issues its members' certificates (Sources/App/Demo/DemoData.swift).
NETWORK = "Collegial Support Network (demo)"

# Each run its own learner, none enrolled in the demo: a certificate is earned once. The
# Latvian runs take Latvian speakers of the Riga school; the English ones colleagues from
# Brno and Bologna, who read the course in English.
LEARNER = {
    ("en", "desktop"): ("tomas.dvorak@brno.collegium.example", "Tomáš Dvořák"),
    ("en", "phone"): ("marco.bianchi@bologna.collegium.example", "Marco Bianchi"),
    ("lv", "desktop"): ("maris.liepa@riga.collegium.example", "Māris Liepa"),
    ("lv", "phone"): ("kristaps.vitols@riga.collegium.example", "Kristaps Vītols"),
    ("ka", "phone"): ("nino.beridze@tbilisi.collegium.example", "Nino Beridze"),
}
TEXT = {
    "en": {"title": "Leading collegial support in your school", "failed": "Not passed yet",
           "passed": "Passed: 100%", "valid": "Valid.", "completed": "You have completed this course.",
           "revoked": "Revoked.", "reason": "Issued by mistake (e2e check)",
           "reflection": "In our school I would start with one small group of colleagues and agree it with the head by the end of term."},
    "lv": {"title": "Kolēģu atbalsta vadīšana jūsu skolā", "failed": "Vēl nav nokārtots",
           "passed": "Nokārtots: 100%", "valid": "Derīga.", "completed": "Jūs esat pabeidzis šo kursu.",
           "revoked": "Atsaukta.", "reason": "Izsniegta kļūdas dēļ (e2e pārbaude)",
           "reflection": "Mūsu skolā sāktu ar vienu nelielu kolēģu grupu un pārrunātu to ar vadību līdz semestra beigām."},
    "ka": {"title": "Leading collegial support in your school", "failed": "ჯერ არ არის ჩაბარებული",
           "passed": "ჩაბარებულია: 100%", "valid": "ძალაშია.", "completed": "თქვენ დაასრულეთ ეს კურსი.",
           "revoked": "გაუქმებულია.", "reason": "შეცდომით გაიცა (e2e შემოწმება)",
           "reflection": "ჩვენს სკოლაში დავიწყებდი კოლეგების ერთი პატარა ჯგუფით და ამას სემესტრის ბოლომდე დირექციასთან შევათანხმებდი."},
}


def right_answers(lang):
    """Quiz key -> question key -> the right option keys, from the shipped course."""
    answers = {}
    for module in sorted((CONTENT / lang).glob("0*.json")):
        for activity in json.loads(module.read_text(encoding="utf-8"))["activities"]:
            if activity["kind"] == "quiz":
                answers[activity["key"]] = {q["key"]: [o["key"] for o in q["options"] if o["correct"]]
                                            for q in activity["questions"]}
    return answers


def answer_quiz(driver, answers):
    for question, keys in answers.items():
        fieldset = find(driver, f"fieldset#q-{question}")
        for box in fieldset.find_elements(By.CSS_SELECTOR, "input"):
            if (box.get_attribute("value") in keys) != box.is_selected():
                box.click()
    submit(driver, "form#quiz-form")


def wrong_answers(driver, right):
    """For every question, one option that is not right."""
    wrong = {}
    for question, keys in right.items():
        options = [i.get_attribute("value") for i in driver.find_elements(By.CSS_SELECTOR, f"fieldset#q-{question} input")]
        wrong[question] = [next(o for o in options if o not in keys)]
    return wrong


def take_the_course(driver, lang, text, name_in):
    """From the first lesson to the certificate; fails the first quiz once on the way."""
    right = right_answers(CONTENT_LANG[lang])
    failed_once = False
    for _ in range(40):
        here = path_of(driver)
        if here.endswith("/certificate"):
            break
        if driver.find_elements(By.CSS_SELECTOR, "form#done-form"):
            submit(driver, "form#done-form")
            continue
        if driver.find_elements(By.CSS_SELECTOR, "form#quiz-form"):
            quiz = here.rsplit("/", 1)[1]
            if not failed_once:
                check_page(driver, f"{name_in}-course-quiz")
                answer_quiz(driver, wrong_answers(driver, right[quiz]))
                assert text["failed"] in find(driver, "#quiz-result").text
                check_page(driver, f"{name_in}-course-quiz-failed")
                click_and_load(driver, "a#try-again")
                failed_once = True
            answer_quiz(driver, right[quiz])
            assert text["passed"] in find(driver, "#quiz-result").text
            if path_of(driver).endswith("/certificate"):
                break
            click_and_load(driver, "a.pager-next")
            continue
        if driver.find_elements(By.CSS_SELECTOR, "form#reflection-form"):
            fill(driver, "textarea#body", text["reflection"])
            submit(driver, "form#reflection-form")
            if path_of(driver).endswith("/certificate"):
                break
            click_and_load(driver, "a.pager-next")
            continue
        raise AssertionError(f"no way forward on {driver.current_url}")
    assert failed_once, "the journey met no quiz"


@pytest.mark.parametrize("lang,size", LEARNER_RUNS)
def test_learner_from_enrolment_to_verified_certificate(new_browser, lang, size):
    text, (email, name) = TEXT[lang], LEARNER[(lang, size)]
    name_in = f"{lang}-{size}"
    driver = new_browser(lang, SIZES[size])
    log_in(driver, email)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/courses']")
    assert page_lang(driver) == lang
    assert text["title"] in find(driver, "#course-list").text
    check_page(driver, f"{name_in}-course-catalogue")
    click_and_load(driver, f"#course-list a[href='{COURSE}']")
    check_page(driver, f"{name_in}-course-page")
    submit(driver, "form#enrol-form")
    click_and_load(driver, "a#continue")
    check_page(driver, f"{name_in}-course-lesson")
    # The header's "Courses" now starts with what the learner has in progress.
    click_and_load(driver, "nav a[href='/courses']")
    assert text["title"] in find(driver, "#in-progress").text
    check_page(driver, f"{name_in}-course-catalogue-in-progress")
    click_and_load(driver, f"#in-progress a[href='{COURSE}']")
    click_and_load(driver, "a#continue")

    take_the_course(driver, lang, text, name_in)
    assert path_of(driver) == COURSE + "/certificate"
    certificate = find(driver, "#certificate").text
    assert name in certificate and text["title"] in certificate
    # The network issues it (Collegium is the software), and it states the workload in hours.
    assert NETWORK in find(driver, "#certificate-issuer").text
    assert re.search(r"\d", find(driver, "#certificate-workload").text), find(driver, "#certificate-workload").text
    check_page(driver, f"{name_in}-course-certificate")
    verify_link = find(driver, ".certificate-verify a").get_attribute("href")

    # Anyone can check it, without an account.
    visitor = new_browser(lang, SIZES[size])
    visitor.get(verify_link)
    assert page_lang(visitor) == lang
    assert text["valid"] in find(visitor, "#verification").text
    assert name in find(visitor, "#verification").text
    check_page(visitor, f"{name_in}-certificate-verification")

    # The signed credential passes the Open Badges 3.0 verifier and 1EdTech's schema,
    # with the keys the site publishes.
    token_url = url(urlsplit(verify_link).path + "/credential.jwt")

    def verify():
        result = subprocess.run([sys.executable, str(E2E_DIR / "credentials" / "verify_ob3.py"), token_url,
                                 "--jwks", url("/.well-known/jwks.json"), "--check-status"],
                                capture_output=True, text=True, timeout=60)
        return result.returncode, json.loads(result.stdout)
    code, summary = verify()
    assert code == 0, summary["errors"]
    assert summary["schema_valid"] and summary["verifier_valid"]

    # The course page now says so.
    driver.get(url(COURSE))
    assert text["completed"] in find(driver, "#course-status").text

    # The network's coordinator revokes it: the public page and the verifier, reading the
    # signed revocation list, both say so.
    log_in(driver, COORDINATOR)
    set_language(driver, lang)
    driver.get(verify_link)
    fill(driver, "input#reason", text["reason"])
    check_page(driver, f"{name_in}-certificate-revoke")
    submit(driver, "form#revoke-form")
    assert text["revoked"] in find(driver, "#verification").text
    code, summary = verify()
    assert code != 0 and any("revocation" in e for e in summary["errors"]), summary["errors"]
