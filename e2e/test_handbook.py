"""The handbook: a visitor reads a chapter in their language, searches and opens the
print view; a coordinator edits a chapter with a preview, saves it, compares revisions
and restores the earlier one; the translation status page. Runs in English and in
Latvian, with an axe check and a screenshot of every page."""
import secrets

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import check_page, page_lang, url
from test_journey import PASSWORD, WAIT, _new_document_loaded, fill, find, find_visible, path_of, submit, wait_for
from test_wellbeing import log_in

COORDINATOR = "coordinator@collegium.example"
TEXT = {
    "en": {"first_section": "Purpose", "search": "protocol", "edited": "intervision"},
    "lv": {"first_section": "Mērķis", "search": "protokol", "edited": "supervision"},
}


def click_and_load(driver, css):
    """Clicks a link or button and waits for the next page to load."""
    driver.execute_script("window.__e2eOldPage = true")
    find_visible(driver, css).click()
    WebDriverWait(driver, WAIT).until(_new_document_loaded)


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_reader_and_editor(new_browser, lang):
    driver = new_browser(lang)
    text = TEXT[lang]

    # A visitor, not logged in, opens the handbook from the header.
    driver.delete_all_cookies()
    driver.get(url("/"))
    click_and_load(driver, "nav a[href='/handbook']")
    assert page_lang(driver) == lang
    assert len(driver.find_elements(By.CSS_SELECTOR, "ol.handbook-contents > li")) >= 9
    check_page(driver, f"{lang}-handbook-contents")

    # The mentoring chapter, in the reader's language, with its sections listed.
    click_and_load(driver, "ol.handbook-contents a[href='/handbook/mentoring']")
    article = wait_for(driver, "article.handbook-chapter")
    assert (article.get_attribute("lang") or lang) == lang, "the chapter is shown in the reader's language"
    assert not driver.find_elements(By.CSS_SELECTOR, ".fallback-notice")
    assert find(driver, "div.prose h2").text == text["first_section"]
    sections = driver.find_elements(By.CSS_SELECTOR, "nav.chapter-toc a")
    assert len(sections) == 7 if lang == "en" else len(sections) == 8, "the demo adds a local section in Latvian"
    check_page(driver, f"{lang}-handbook-chapter")
    click_and_load(driver, "nav.chapter-pager a[rel='next']")
    assert path_of(driver) == "/handbook/coaching"

    # Search from the contents: words are found by their beginning, in the reader's
    # language, and marked.
    click_and_load(driver, "p.breadcrumb a[href='/handbook']")
    fill(driver, "form.search-form input#handbook-q", text["search"])
    submit(driver, "form.search-form")
    marks = driver.find_elements(By.CSS_SELECTOR, "ol.search-results mark")
    assert marks and all(m.text.lower().startswith(text["search"]) for m in marks)
    assert driver.find_elements(By.CSS_SELECTOR, "ol.search-results a[href='/handbook/peer-observation']")
    check_page(driver, f"{lang}-handbook-search")

    # The print view of a chapter, and of the whole book.
    driver.get(url("/handbook/mentoring"))
    click_and_load(driver, "ul.actions-list a[href='/handbook/mentoring/print']")
    wait_for(driver, "div.print-view article.print-chapter")
    check_page(driver, f"{lang}-handbook-print-chapter")
    driver.get(url("/handbook/print"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "article.print-chapter")) >= 9
    check_page(driver, f"{lang}-handbook-print-book")

    # The coordinator edits a chapter in this language: preview, then save.
    log_in(driver, COORDINATOR)
    slug = text["edited"]
    driver.get(url(f"/handbook/{slug}"))
    original = find(driver, "div.prose").text
    click_and_load(driver, f"ul.actions-list a[href='/handbook/{slug}/edit']")
    assert find(driver, "input[name=language]").get_attribute("value") == lang
    marker = f"E2E sentence {secrets.token_hex(4)}."
    body = find(driver, "textarea#body")
    body.send_keys("\n\n" + marker + "\n")
    fill(driver, "textarea#note", "e2e edit")
    click_and_load(driver, "form.handbook-editor button[value='preview']")
    assert marker in find(driver, "section.preview").text
    check_page(driver, f"{lang}-handbook-edit-preview")
    click_and_load(driver, "form.handbook-editor button[value='save']")
    assert path_of(driver) == f"/handbook/{slug}"
    assert marker in find(driver, "div.prose").text
    assert find(driver, "p.notice").text
    check_page(driver, f"{lang}-handbook-edited")

    # The history: compare the two latest revisions, then restore the earlier one.
    click_and_load(driver, f"ul.actions-list a[href='/handbook/{slug}/history']")
    check_page(driver, f"{lang}-handbook-history")
    submit(driver, f"form[action='/handbook/{slug}/compare']")
    added = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, "pre.diff ins"))
    assert marker in added, added
    check_page(driver, f"{lang}-handbook-compare")
    driver.back()
    wait_for(driver, "table.data-table")
    restore_forms = driver.find_elements(By.CSS_SELECTOR, "form[action$='/restore']")
    action = restore_forms[0].get_attribute("action")
    submit(driver, f"form[action='{action[action.index('/handbook'):]}']")
    assert path_of(driver) == f"/handbook/{slug}"
    assert marker not in find(driver, "div.prose").text
    assert find(driver, "div.prose").text == original
    check_page(driver, f"{lang}-handbook-restored")

    # What is missing or out of date in each language.
    driver.get(url("/handbook/translations"))
    wait_for(driver, "table.translation-status")
    check_page(driver, f"{lang}-handbook-translations")
