"""Every screen in Czech, Italian, Greek and Georgian (issue 19).

A leader of each of the four schools that work in those languages signs in and walks the
pages of an ordinary week: home, her support, asking a colleague, starting a study group
with colleagues of the network's schools, mentoring, surveys (the report of the
network's needs survey too), well-being, courses and a course, the handbook, her school's
staff, her account and her mail settings. On each page no interface message is left in
English: the test reads the page's text (less what is marked as written in another
language, such as a course that has no Czech yet) and fails on any English sentence of the
catalog that this language translates. Ελένη's school in Nicosia works in Greek and she has
chosen no language of her own: she starts in Greek. On a desktop and a phone; axe checks
every page."""
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By

from conftest import SIZES, check_page, page_lang, url
from test_journey import find, wait_for
from test_wellbeing import log_in, set_language

LOCALES = Path(__file__).resolve().parent.parent / "Resources" / "Locales"

# One leader a language; none of them is signed in as by another test that changes what
# these pages show.
LEADERS = {
    "cs": "petra.novakova@brno.collegium.example",
    "it": "giulia.romano@bologna.collegium.example",
    "el": "eleni.georgiou@nicosia.collegium.example",
    "ka": "nino.beridze@tbilisi.collegium.example",
}
PAGES = ["/", "/support", "/support/ask", "/support/groups/new?kind=study_group", "/mentoring", "/surveys", "/wellbeing",
         "/courses", "/courses/leading-collegial-support", "/handbook", "/account", "/account/notifications"]


def catalog(lang):
    """msgid → msgstr of the language's catalog (singular messages; plurals' first form)."""
    entries, msgid, msgstr, field = {}, None, None, None
    for line in (LOCALES / f"{lang}.po").read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            if msgid:
                entries[msgid] = msgstr
            msgid, msgstr, field = _unquote(line[6:]), "", "id"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr ") or line.startswith("msgstr[0] "):
            msgstr, field = _unquote(line.split(" ", 1)[1]), "str"
        elif line.startswith("msgstr["):
            field = "other"
        elif line.startswith('"') and field == "id":
            msgid += _unquote(line)
        elif line.startswith('"') and field == "str":
            msgstr += _unquote(line)
    if msgid:
        entries[msgid] = msgstr
    return entries


def _unquote(text):
    return text.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def english_sentences(lang):
    """The English messages that would give away an untranslated screen, as patterns: two
    words or more, worded differently in `lang` (a term the language borrows, such as Italian
    "Coaching", is no fault). A placeholder stands for any text, so a message with one is
    found too, as long as its own words are long enough to mean something (12 characters)."""
    found = []
    for msgid, msgstr in catalog(lang).items():
        if len(msgid) < 8 or " " not in msgid.strip() or not msgstr or msgstr == msgid or "\n" in msgid:
            continue
        parts = re.split(r"\{[a-z_]+\}", " ".join(msgid.split()))
        if len("".join(parts).strip()) < 12:
            continue
        found.append((msgid, r"(?<![\w])" + ".{1,80}?".join(re.escape(p) for p in parts) + r"(?![\w])"))
    return found


def page_text(driver):
    """The page's text in its own language: scripts, styles and any element marked with
    another language (content that has no translation yet says so) left out."""
    return driver.execute_script("""
        const lang = document.documentElement.lang;
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll('script, style, [lang]').forEach(e => {
            if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE' || (e.getAttribute('lang') || '').split('-')[0] !== lang) e.remove();
        });
        copy.querySelectorAll('[aria-label], [title], [placeholder], [alt], input[type=submit][value]').forEach(e => {
            for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'value'])
                if (e.hasAttribute(a) && (a !== 'value' || e.type === 'submit')) copy.append(' ' + e.getAttribute(a) + ' ');
        });
        // Text node by text node, so that "check-in" and "Twelve" in two elements do not run
        // together into one word.
        const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
        const parts = [];
        while (walker.nextNode()) parts.push(walker.currentNode.data);
        return parts.join(' ').replace(/\\s+/g, ' ');""")


def english_on_page(driver, sentences):
    text = page_text(driver)
    return sorted({msgid for msgid, pattern in sentences if re.search(pattern, text)})


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["cs", "it", "el", "ka"])
def test_leader_week_has_no_english(new_browser, lang, size):
    driver = new_browser(lang, SIZES[size])
    sentences = english_sentences(lang)
    assert len(sentences) > 500, f"{lang}: only {len(sentences)} messages to look for"
    log_in(driver, LEADERS[lang])
    if lang == "el" and size == "desktop":
        # No language of her own: the school's, from the first page on.
        assert page_lang(driver) == "el", f"Ελένη starts in {page_lang(driver)!r}, not her school's Greek"
    set_language(driver, lang)

    pages = list(PAGES)
    # Her school's staff, from the link the home page gives a leader.
    driver.get(url("/"))
    wait_for(driver, "main")
    school = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/schools/']")]
    school = [urlsplit(h).path for h in school if re.search(r"/schools/[0-9A-Fa-f-]{36}$", urlsplit(h).path)]
    assert school, f"{lang}: no link to her school's page on the home page"
    pages.append(school[0])
    # The network's needs survey, whose report a leader of the network reads.
    driver.get(url("/surveys"))
    wait_for(driver, "main")
    pages += [urlsplit(a.get_attribute("href")).path for a in driver.find_elements(By.CSS_SELECTOR, "main a[href$='/report']")][:1]

    problems = {}
    for number, path in enumerate(pages):
        driver.get(url(path))
        wait_for(driver, "main")
        assert page_lang(driver) == lang, f"{path}: <html lang> is {page_lang(driver)!r}"
        check_page(driver, f"languages-{lang}-{size}-{number:02d}")
        left = english_on_page(driver, sentences)
        if left:
            problems[path] = left
    assert not problems, f"{lang}: English left on the page: {problems}"


def test_the_check_finds_english(new_browser):
    """The check itself: an English page holds many of the sentences it looks for."""
    driver = new_browser("en", SIZES["desktop"])
    log_in(driver, LEADERS["cs"])
    set_language(driver, "en")
    driver.get(url("/wellbeing"))
    wait_for(driver, "main")
    assert len(english_on_page(driver, english_sentences("cs"))) >= 5
    set_language(driver, "cs")
