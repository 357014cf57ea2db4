"""Surveys: a school leader designs a questionnaire with a conditional question, gives its
wording in Latvian and publishes it; three people answer through the link (one in
Latvian, one who closes the browser half way and comes back); the leader finds the report
without figures while it is open, closes it, and reads it, where three answers are too few
to show. Then the demo's needs survey, with its charts and
breakdowns. In English and in Latvian, with an axe check and a screenshot on the way.
Issue 18: a Latvian leader makes a ready questionnaire in Latvian under her own title, and
reads the report as a leader, not a statistician: breakdowns in words, each table folded
under its chart and readable on a phone, and a CSV a Latvian spreadsheet opens."""
import secrets
import urllib.request
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import SIZES, check_page, page_lang, url
from test_handbook import click_and_load
from test_journey import fill, find, path_of, submit
from test_wellbeing import log_in, set_language

LEADER = "ilze.berzina@riga.collegium.example"
COORDINATOR = "coordinator@collegium.example"
TEXT = {
    "en": {"withheld": "Not shown: fewer than five answers", "responses": "3 responses", "resume": "(page 2)", "thanks": "Thank you",
           "needs": "experience and needs"},
    "lv": {"withheld": "Netiek rādīts: mazāk nekā piecas atbildes", "responses": "3 atbildes", "resume": "(2. lapa)", "thanks": "Paldies",
           "needs": "pieredze un vajadzības"},
}


def open_details(driver, form_css):
    details = find(driver, f"details:has({form_css})")
    if details.get_attribute("open") is None:
        details.find_element(By.CSS_SELECTOR, "summary").click()


def add_question(driver, section, kind, variable, text, options="", required=True, condition=None, expect_ok=True):
    open_details(driver, "form#question-form")
    Select(find(driver, "select#section")).select_by_value(section)
    Select(find(driver, "select#kind")).select_by_value(kind)
    fill(driver, "input#variable", variable)
    fill(driver, "textarea#text", text)
    if options:
        fill(driver, "textarea#options", options)
    if required:
        find(driver, "form#question-form input[name='required']").click()
    if condition:
        Select(find(driver, "select#condition_variable")).select_by_value(condition[0])
        fill(driver, "input#condition_values", condition[1])
    submit(driver, "form#question-form")
    if expect_ok:
        errors = driver.find_elements(By.CSS_SELECTOR, "#form-errors")
        assert not errors, errors[0].text


def add_section(driver, title):
    open_details(driver, "form#section-form")
    fill(driver, "input#section_title", title)
    submit(driver, "form#section-form")


def answer_page_one(driver, had_mentor, useful=None):
    find(driver, f"input[name='had_mentor'][value='{had_mentor}']").click()
    conditional = find(driver, "#q-mentor_useful")
    assert conditional.is_displayed() == (had_mentor == "1"), "the conditional question follows the answer"
    if useful:
        find(driver, f"input[name='mentor_useful'][value='{useful}']").click()
    submit(driver, "form#answer-form")


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_design_answer_and_report(new_browser, lang):
    driver = new_browser(lang)
    log_in(driver, LEADER)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/surveys']")
    assert page_lang(driver) == lang
    title = f"Mentoring in our school {secrets.token_hex(3)}"
    Select(find(driver, "select#scope")).select_by_visible_text("Rīgas Valsts 2. ģimnāzija (demo)")
    fill(driver, "input#title", title)
    Select(find(driver, "select#language")).select_by_value("en")
    submit(driver, "form#new-survey-form")
    survey = path_of(driver)
    add_section(driver, "Your experience")
    add_question(driver, "0", "single_choice", "had_mentor", "Did you have a mentor in your first year?", "Yes\nNo")
    add_question(driver, "0", "likert", "mentor_useful", "My mentor helped me to settle in.", condition=("had_mentor", "1"))
    # A bad variable name is explained next to its field, and nothing is added.
    add_question(driver, "0", "short_text", "Bad Name", "Anything else?", expect_ok=False)
    assert find(driver, "#variable-error").is_displayed()
    driver.get(url(survey))
    add_section(driver, "In your words")
    add_question(driver, "1", "long_text", "wish", "What would have helped you more?", required=False)
    assert len(driver.find_elements(By.CSS_SELECTOR, ".survey-question")) == 3
    check_page(driver, f"{lang}-survey-designer")

    # Latvian wording for the title and the questions.
    driver.get(url(survey + "/translations?language=lv"))
    for key, value in (("title", "Mentorings mūsu skolā"), ("s1", "Jūsu pieredze"), ("q.had_mentor", "Vai jums pirmajā gadā bija mentors?"),
                       ("q.had_mentor.o1", "Jā"), ("q.had_mentor.o2", "Nē"), ("q.mentor_useful", "Mentors man palīdzēja iejusties."),
                       ("s2", "Jūsu vārdiem"), ("q.wish", "Kas jums būtu palīdzējis vairāk?")):
        fill(driver, f"[name='{key}']", value)
    check_page(driver, f"{lang}-survey-wording")
    submit(driver, "form#translations-form")
    # Shown on the home page of the school's teachers, besides the link.
    find(driver, "form#publish-form input[name='roles[]'][value='teacher']").click()
    submit(driver, "form#publish-form")
    link = find(driver, "#public-url").text
    assert "/s/" in link
    assert find(driver, "#response-rates")
    teacher = new_browser(lang)
    log_in(teacher, "edgars.lacis@riga.collegium.example")
    set_language(teacher, lang)
    # In the reader's language: the Latvian title given above.
    assert (title if lang == "en" else "Mentorings mūsu skolā") in find(teacher, "#surveys-for-you").text
    check_page(teacher, f"{lang}-survey-on-home-page")

    # Three respondents: in English, in Latvian, and one who comes back after closing the browser.
    for respondent_lang, had_mentor, useful in (("en", "1", "4"), ("lv", "2", None)):
        other = new_browser(respondent_lang)
        other.get(link)
        submit(other, "form#start-form")
        if respondent_lang == "lv":
            assert "Vai jums pirmajā gadā bija mentors?" in find(other, "#q-had_mentor").text
        answer_page_one(other, had_mentor, useful)
        fill(other, "textarea#wish", "A fixed hour each week with my mentor.")
        check_page(other, f"{lang}-survey-answer-{respondent_lang}")
        submit(other, "form#answer-form")
        assert find(other, "#survey-thanks")
    first = new_browser(lang)
    first.get(link)
    submit(first, "form#start-form")
    # Send with the required question left out: explained next to it.
    submit(first, "form#answer-form")
    assert find(first, "#had_mentor-error").is_displayed()
    answer_page_one(first, "1", "5")
    cookies = first.get_cookies()
    first.quit()
    again = new_browser(lang)
    again.get(url("/"))
    for cookie in cookies:
        again.add_cookie({k: cookie[k] for k in ("name", "value", "path") if k in cookie})
    again.get(link)
    assert TEXT[lang]["resume"] in find(again, "form#start-form").text
    submit(again, "form#start-form")
    assert path_of(again).endswith("/2")
    submit(again, "form#answer-form")
    assert TEXT[lang]["thanks"] in find(again, "h1").text

    # While it is open the report says how many have answered and shows no figure: figures
    # that moved with each answer would tell, read before and after, what one person said.
    driver.get(url(survey + "/report"))
    assert find(driver, "#report-pending")
    assert not driver.find_elements(By.CSS_SELECTOR, "#r-had_mentor")
    check_page(driver, f"{lang}-survey-report-pending")
    driver.get(url(survey))
    # Closing asks first: it cannot be undone, and it releases the figures.
    find(driver, "a#close-survey-link").click()
    assert find(driver, "#consequences").text
    check_page(driver, f"{lang}-survey-close-confirm")
    submit(driver, "form#confirm-form")
    assert find(driver, "#survey-released")
    driver.get(url(survey + "/report"))
    assert TEXT[lang]["responses"] in find(driver, "#respondents").text
    assert TEXT[lang]["withheld"] in find(driver, "#r-had_mentor").text
    check_page(driver, f"{lang}-survey-report-few")


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_needs_survey_report(new_browser, lang):
    driver = new_browser(lang)
    log_in(driver, COORDINATOR)
    set_language(driver, lang)
    click_and_load(driver, "nav a[href='/surveys']")
    # The list shows each survey's title in the reader's language.
    row = driver.find_element(By.XPATH, f"//table[@id='surveys']//tr[td/a[contains(., '{TEXT[lang]['needs']}')]]")
    driver.get(row.find_element(By.CSS_SELECTOR, "a[href$='/report']").get_attribute("href"))
    assert driver.find_elements(By.CSS_SELECTOR, "#r-difference svg.chart")
    # The ready questionnaire's report says what fits, overall and per country and school.
    assert len(driver.find_elements(By.CSS_SELECTOR, "#recommendations ul.recommendations li")) >= 3
    Select(find(driver, "select#by")).select_by_value("country")
    submit(driver, "form#breakdown-form")
    # The groups are in the table folded under the chart: opened as a person would.
    find(driver, "#r-support_now details.figures summary").click()
    table = find(driver, "#r-support_now details.figures table").text
    assert "Latvia" in table or "Latvija" in table
    check_page(driver, f"{lang}-survey-report-by-country")


def fetch(driver, path):
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done).catch(e => done('FAILED ' + String(e)));", url(path))


def test_exports_load_in_r_and_pspp(new_browser, tmp_path):
    """The CSV of the demo needs survey, read by the R script and by the SPSS syntax (in
    GNU PSPP) exactly as a researcher would, with labels and missing codes."""
    import subprocess
    driver = new_browser("en")
    log_in(driver, COORDINATOR)
    driver.get(url("/surveys"))
    row = driver.find_element(By.XPATH, "//table[@id='surveys']//tr[td/a[contains(., 'experience and needs')]]")
    report = row.find_element(By.CSS_SELECTOR, "a[href$='/report']").get_attribute("href")
    base = report[len(url("")) - 1:].rsplit("/report", 1)[0]
    for name in ("responses.csv", "codebook.csv", "responses.sps", "responses.R"):
        (tmp_path / name).write_text(fetch(driver, f"{base}/downloads/{name}"), encoding="utf-8")
    csv = (tmp_path / "responses.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv) == 65, "a header and 64 rows"
    assert csv[0].startswith("response,meta_country")
    codebook = (tmp_path / "codebook.csv").read_text(encoding="utf-8")
    assert "meta_school is withheld" in codebook, "few responses came through a school: the school column would single them out"

    r = subprocess.run(["Rscript", "-e", "source('responses.R'); cat('ROWS', nrow(d), '\\n'); print(table(d$support_now)); "
                        "cat('NA', sum(is.na(d$difference)), '\\n'); cat(attr(d$role, 'label'), '\\n')"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "ROWS 64" in r.stdout
    assert "Yes, regularly" in r.stdout and "Not yet" in r.stdout
    assert "What is your role in the school?" in r.stdout
    import re
    not_yet = int(re.search(r"^NA (\d+)", r.stdout, re.M).group(1))
    assert not_yet > 0, "those who said 'not yet' were not asked about the difference: NA"

    sps = (tmp_path / "responses.sps").read_text(encoding="utf-8")
    (tmp_path / "check.sps").write_text(sps + "FREQUENCIES VARIABLES=support_now.\nDESCRIPTIVES VARIABLES=culture_trust.\n", encoding="utf-8")
    p = subprocess.run(["pspp", "-O", "format=txt", "-o", "out.txt", "check.sps"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    out = (tmp_path / "out.txt").read_text(encoding="utf-8", errors="replace") if (tmp_path / "out.txt").exists() else ""
    assert p.returncode == 0 and "error" not in (p.stdout + p.stderr + out).lower(), (p.stdout + p.stderr + out)[-3000:]
    assert "Yes, regularly" in out and "Now and then" in out
    assert "N" in out and "64" in out


# --------------------------------------------------------------------------- issue 18, point 5

def fits_the_width(driver):
    """Nothing on the page is wider than the window: the page never scrolls sideways."""
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_ready_questionnaire_in_latvian(new_browser, size):
    """A Latvian leader picks the ready staff questionnaire, in Latvian, under her own title:
    she gets a Latvian survey and finds it under her title."""
    driver = new_browser("lv", SIZES[size])
    log_in(driver, LEADER)
    set_language(driver, "lv")
    driver.get(url("/surveys"))
    title = f"Mācāmies cits no cita {secrets.token_hex(3)}"
    Select(find(driver, "select#scope")).select_by_visible_text("Rīgas Valsts 2. ģimnāzija (demo)")
    find(driver, "input[name='template'][value='staff_culture']").click()
    fill(driver, "input#title", title)
    Select(find(driver, "select#language")).select_by_value("lv")
    check_page(driver, f"{size}-survey-new-from-ready-lv")
    submit(driver, "form#new-survey-form")
    assert find(driver, "h1").text == title
    questions = find(driver, ".survey-questions").text
    assert "Kāds ir jūsu darbs skolā?" in questions, "the questions in Latvian"
    assert "What is your work" not in questions
    assert fits_the_width(driver)
    check_page(driver, f"{size}-survey-ready-lv-designer")
    driver.get(url("/surveys"))
    table = find(driver, "table#surveys")
    assert title in table.text
    # On a phone the list keeps its column headings, with the titles held at the left.
    assert find(driver, "table#surveys thead th").is_displayed()
    assert driver.execute_script(
        "return getComputedStyle(document.querySelector('table#surveys td')).position") == "sticky"
    assert fits_the_width(driver)
    check_page(driver, f"{size}-survey-list-lv")


def download(driver, path):
    """GET `path` with the browser's cookies, as the browser would download it: (headers, bytes)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url(path), headers={"Cookie": cookies, "Accept-Language": "lv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_report_for_leaders(new_browser, size):
    """The demo needs survey's report in Latvian: breakdowns named in words, each table folded
    under its chart and readable on a phone once opened, and a CSV for a Latvian Excel."""
    driver = new_browser("lv", SIZES[size])
    log_in(driver, COORDINATOR)
    set_language(driver, "lv")
    driver.get(url("/surveys"))
    row = driver.find_element(By.XPATH, f"//table[@id='surveys']//tr[td/a[contains(., '{TEXT['lv']['needs']}')]]")
    report = row.find_element(By.CSS_SELECTOR, "a[href$='/report']").get_attribute("href")
    driver.get(report)
    assert TEXT["lv"]["needs"] in find(driver, ".breadcrumb").text, "the breadcrumb in Latvian"

    # Break down by: whole questions in words, each once, no variable names.
    options = [o.text for o in Select(find(driver, "select#by")).options]
    assert len(options) == len(set(options)), options
    assert not [o for o in options if ":" in o.split(" ")[0] or "_" in o], options
    support = "Vai kolēģi jūsu skolā atbalsta cits citu organizēti (mentorings, stundu vērošana, mācīšanās grupas un tamlīdzīgi)?"
    assert support in options, "the whole text, not cut off"
    assert find(driver, "select#by").size["width"] <= driver.execute_script("return window.innerWidth")

    # The chart in sight, its table folded under it.
    section = find(driver, "#r-support_now")
    charts = [c for c in section.find_elements(By.CSS_SELECTOR, "svg.chart") if c.is_displayed()]
    assert len(charts) == 1, "one chart, drawn for the window's width"
    assert ("chart-narrow" in charts[0].get_attribute("class")) == (size == "phone")
    label_height = driver.execute_script("return arguments[0].querySelector('.chart-label').getBoundingClientRect().height", charts[0])
    assert label_height >= 12, f"the chart's words are {label_height:.1f} px high"
    figures = section.find_element(By.CSS_SELECTOR, "details.figures")
    assert figures.get_attribute("open") is None
    assert not section.find_element(By.CSS_SELECTOR, "table").is_displayed()
    assert fits_the_width(driver)
    driver.execute_script("arguments[0].scrollIntoView()", section)
    check_page(driver, f"{size}-survey-report-folded-lv")
    figures.find_element(By.CSS_SELECTOR, "summary").click()
    table = section.find_element(By.CSS_SELECTOR, "table")
    assert table.is_displayed()
    assert section.find_element(By.CSS_SELECTOR, "thead th").is_displayed(), "the column headings stay"
    assert "Jā, regulāri" in table.text
    assert fits_the_width(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", table)
    check_page(driver, f"{size}-survey-report-table-lv")

    # Broken down by a question chosen by its words: a column per answer in each table,
    # still folded until opened.
    Select(find(driver, "select#by")).select_by_visible_text(support)
    submit(driver, "form#breakdown-form")
    broken = find(driver, "#r-difference details.figures table")
    assert not broken.is_displayed()
    find(driver, "#r-difference details.figures summary").click()
    assert broken.is_displayed()
    assert "Jā, regulāri" in find(driver, "#r-difference thead").text
    assert driver.execute_script(
        "return getComputedStyle(arguments[0].querySelector('tbody th')).position", broken) == "sticky"
    assert fits_the_width(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", broken)
    check_page(driver, f"{size}-survey-report-by-question-lv")

    # The CSV for Excel: UTF-8 with a byte order mark, semicolons, CRLF; named as what it is.
    link = find(driver, "a#download-csv-excel")
    headers, body = download(driver, urlsplit(link.get_attribute("href")).path)
    assert 'filename="responses-for-excel.csv"' in headers["Content-Disposition"]
    assert headers["Content-Type"].startswith("text/csv")
    assert body[:3] == b"\xef\xbb\xbf"
    text = body[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0].startswith("response;meta_country;"), lines[0]
    assert len(lines) == 66, "a header, 64 rows and the end"
