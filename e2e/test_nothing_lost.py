"""Nothing lost to one click (issue 18, point 3): a control that deletes or cancels is a
link to a page that asks first (Sources/App/Core/HTML/ConfirmPage.swift), at the action's
own address. It says what will be lost and what stays (ul#consequences); its button
(button#confirm, in form#confirm-form) does it; "Go back, change nothing" (a#keep)
returns to the page the person came from, where nothing has changed.

Walked as a person would, for the three such controls: a colleague deletes their own
well-being history; a colleague cancels a meeting of their conversation (a meeting that
has begun is folded away under "past meetings" and cannot be cancelled); a leader removes
a colleague from the school (but not its last leader). Once in English on a desktop and
once in Latvian on a phone-sized screen; every page is checked by axe as it loads, and
each confirmation page gets a screenshot.

The demo is shared by the whole suite, so each test makes what it deletes: a colleague the
leader invites for the test (who joins from the invitation, read from the mail or the
demo's log), their own check-in and their own question, which a demo colleague who offers
help on workload takes (a conversation of his that no other test reads). Otherwise demo
data is only looked at: the leader is set back to English, as test_journey.py and
test_mail.py leave her (this file runs after both: it changes her language, which
test_journey.py's own runs expect untouched),
and the study group's member gets her own language back. Expected words come from
Resources/Locales/lv.po (test_mail.translated)."""
import datetime
import re
import unicodedata
import secrets
from urllib.parse import urlencode, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SIZES, check_page, latest_invitation_link, local_url, page_lang, page_status, url
from test_handbook import click_and_load
from test_journey import WAIT, _new_document_loaded, fill, find, path_of, submit, wait_for
from test_mail import (NEW_PASSWORD, RIGA_SCHOOL, accept, invite, leader_browser,  # noqa: F401 (a fixture)
                       school_path, sign_in, stamp, translated, unique_surname)
from test_wellbeing import check_in, log_in, set_language

# Both languages and both screens, in two runs rather than four.
RUNS = [pytest.param("en", "desktop", id="en-desktop"), pytest.param("lv", "phone", id="lv-phone")]
# The Riga school's only leader (test_mail.leader_browser signs her in).
LEADER_NAME = "Ilze Bērziņa"
# The only demo colleague who offers help on workload (Sources/App/Demo/DemoPractice.swift);
# no other test reads his conversations.
HELPER = "maris.liepa@riga.collegium.example"
HELPER_TOPIC = "workload"
# The demo's study group has two meetings that took place (Sources/App/Demo/DemoGroups.swift);
# Inese, from the Valmiera school, is one of its members. Its name is the school's data, in
# the school's language (Latvian), in both runs.
STUDY_GROUP = "Formatīvā vērtēšana 7.–9. klasē"
STUDY_MEMBER = "inese.vitola@valmiera.collegium.example"
PAST_MEETINGS = {"en": "{count} past meetings", "lv": "Iepriekšējās tikšanās: {count}"}  # two or more
# What the page says once it is done (English msgids of Resources/Locales/*.po).
DELETED = "Your own history is deleted. Your school's figures keep your answers without your name, as they always did."
CANCELLED = "Meeting cancelled. Calendars that follow your feed will show it as cancelled."
REMOVED = "{name} no longer belongs to this school. Their account and their other schools stay. To undo, restore them under “Removed in the last 30 days”."
RESTORED = "{name} belongs to this school again, as {role}."
# Each run's new colleague, by test: (given name, family name stem).
NAMES = {
    "history": {"en": ("Rita", "Keeper"), "lv": ("Rūta", "Glabāja")},
    "meeting": {"en": ("Oliver", "Planner"), "lv": ("Oskars", "Plānotājs")},
    "member": {"en": ("Nora", "Leaving"), "lv": ("Ieva", "Aizgājēja")},
}


# --------------------------------------------------------------------------- helpers

def says(lang, msgid, text, **values):
    """Whether `text` is the app's wording of `msgid` in `lang` (from its .po file), with
    the {placeholders} given filled in and any other standing for some text."""
    pattern = ""
    for piece in re.split(r"(\{[^{}]*\})", translated(lang, msgid)):
        name = re.fullmatch(r"\{([^{}]*)\}", piece)
        if name:
            pattern += re.escape(values[name.group(1)]) if name.group(1) in values else ".+"
        else:
            pattern += re.escape(piece)
    return re.fullmatch(pattern, " ".join(text.split())) is not None


def notices(driver):
    """The texts of the page's notices (p.notice: the one a redirect left, and any the page
    itself shows, such as "You have checked in for …")."""
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".notice")]


def shows_notice(driver, lang, msgid, **values):
    """Whether the page shows the notice `msgid` (in `lang`), waiting for one to appear."""
    wait_for(driver, ".notice")
    return any(says(lang, msgid, text, **values) for text in notices(driver))


def href_path(element):
    return re.sub(r"^https?://[^/]+", "", element.get_attribute("href"))


def follow(driver, link):
    """Clicks a link of the page (in the middle of the screen, clear of a phone's header)
    and waits for the page it leads to; returns the path it pointed to."""
    target = href_path(link)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    driver.execute_script("window.__e2eOldPage = true")
    link.click()
    WebDriverWait(driver, WAIT).until(_new_document_loaded)
    return target


def assert_confirmation(driver, lang, shot, *, action, back, title, consequences, confirm):
    """The page that asks first (ConfirmPage), at the action's own address: the question as
    its heading, what is lost and what stays, a red button posting to the same address with
    the CSRF field, a way back that keeps everything. Saves a screenshot after axe."""
    assert path_of(driver) == action, f"the link led to {path_of(driver)}, not to {action}"
    assert page_status(driver) in (200, None), f"GET {action} answered {page_status(driver)}"
    assert page_lang(driver) == lang, f"the confirmation page is in {page_lang(driver)!r}, not {lang!r}"
    heading = find(driver, "h1").text
    assert title(heading), f"the confirmation page asks {heading!r}"
    items = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "ul#consequences > li")]
    assert len(items) == consequences and all(t.strip() for t in items), f"the consequences listed: {items}"
    form = find(driver, "form#confirm-form")
    assert form.get_attribute("method").lower() == "post"
    assert re.sub(r"^https?://[^/]+", "", form.get_attribute("action")) == action, \
        f"the confirm form posts to {form.get_attribute('action')}, not {action}"
    assert form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name='_csrf']"), "the confirm form has no CSRF field"
    button = find(driver, "form#confirm-form button#confirm")
    assert "button-danger" in button.get_attribute("class").split()
    assert confirm(button.text), f"the confirm button says {button.text!r}"
    keep = find(driver, "a#keep")
    assert says(lang, "Go back, change nothing", keep.text), f"the way back says {keep.text!r}"
    assert href_path(keep) == back, f"the way back leads to {href_path(keep)}, not {back}"
    for element in (button, keep):
        assert element.is_displayed() and element.size["width"] > 0
    check_page(driver, shot)
    return items


def join_riga(leader, new_browser, lang, size, shot, names):
    """The leader invites a new colleague to the Riga school, with the e-mail in `lang`; the
    colleague joins from the invitation in a browser of their own and reads the site in
    `lang`. Returns (their browser, their full name, the school's path)."""
    school = school_path(leader)
    given, family = names[0], unique_surname(names[1])
    email = f"e2e-confirm-{shot}-{stamp()}@example.org"
    invite(leader, school, email, given, family, lang, shot)
    colleague = new_browser(lang, SIZES[size])
    accept(colleague, local_url(latest_invitation_link(email)), NEW_PASSWORD, shot)
    set_language(colleague, lang)
    return colleague, f"{given} {family}", school


# --------------------------------------------------------------------------- well-being history

@pytest.mark.parametrize("lang,size", RUNS)
def test_history_deleted_only_after_asking(new_browser, leader_browser, lang, size):
    """A new colleague keeps a check-in in their own history; "Delete my history" asks first
    (what goes, that the school's figures stay); going back keeps the history; confirming
    deletes it. With no history, the address only says there is nothing to delete."""
    shot = f"{lang}-{size}-confirm-history"
    leader = leader_browser(lang, SIZES[size])
    person, _, _ = join_riga(leader, new_browser, lang, size, shot, NAMES["history"][lang])
    note = f"e2e-confirm-{secrets.token_hex(3)}"

    # Nothing kept yet: the address does not ask, it says so on the well-being page.
    person.get(url("/wellbeing/history/delete"))
    assert path_of(person) == "/wellbeing", f"with no history the address led to {path_of(person)}"
    assert shows_notice(person, lang, "You keep no history of your check-ins: there is nothing to delete."), notices(person)
    assert not person.find_elements(By.CSS_SELECTOR, "form#confirm-form, a#history-delete")

    # On the run's screen: the result page's scores (dl.facts) once scrolled a phone sideways.
    check_in(person, who5=3, cbi=50, note=note, keep=True)
    wait_for(person, "#my-scores")
    person.get(url("/wellbeing"))
    assert note in wait_for(person, "table#my-history").text

    target = follow(person, find(person, "a#history-delete"))
    items = assert_confirmation(
        person, lang, shot, action=target, back="/wellbeing",
        title=lambda text: says(lang, "Delete your well-being history?", text),
        consequences=3, confirm=lambda text: says(lang, "Delete my history", text))
    assert target == "/wellbeing/history/delete"
    assert "1" in items[0], f"the first consequence does not count the one check-in kept: {items[0]!r}"
    assert says(lang, "Your school's figures do not change: they hold your answers without your name, "
                      "as they always did.", items[1]), items[1]

    # Going back changes nothing.
    follow(person, find(person, "a#keep"))
    assert path_of(person) == "/wellbeing"
    assert note in wait_for(person, "table#my-history").text, "going back lost the history"
    assert not any(says(lang, DELETED, text) for text in notices(person)), notices(person)

    # Asked again and confirmed: the history is gone, and the page says so.
    follow(person, find(person, "a#history-delete"))
    submit(person, "form#confirm-form")
    assert path_of(person) == "/wellbeing", f"deleting led to {path_of(person)}"
    assert shows_notice(person, lang, DELETED), notices(person)
    assert not person.find_elements(By.CSS_SELECTOR, "table#my-history, a#history-delete")
    assert note not in person.page_source
    check_page(person, f"{shot}-deleted")


# --------------------------------------------------------------------------- meetings

def meeting_item(driver, place):
    items = [li for li in driver.find_elements(By.CSS_SELECTOR, "ul#meetings > li.meeting") if place in li.text]
    assert len(items) == 1, f"{len(items)} meetings in ul#meetings at {place!r}"
    return items[0]


@pytest.mark.parametrize("lang,size", RUNS)
def test_meeting_cancelled_only_after_asking(new_browser, leader_browser, lang, size):
    """A new colleague's question is taken by a colleague; they plan a meeting a week ahead.
    "Cancel this meeting" asks first; going back keeps it; confirming cancels it (it stays
    listed, marked cancelled). In the demo's study group the meetings that took place are
    folded under "past meetings", without a cancel link, and asking to cancel one is refused."""
    shot = f"{lang}-{size}-confirm-meeting"
    leader = leader_browser(lang, SIZES[size])
    person, _, _ = join_riga(leader, new_browser, lang, size, shot, NAMES["meeting"][lang])
    question = f"How do I keep my marking to two evenings a week? ({secrets.token_hex(3)})"
    place = f"Room {secrets.randbelow(900) + 100} (e2e)"

    person.get(url("/support"))
    click_and_load(person, "a#ask-link")
    Select(find(person, "select#topic")).select_by_value(HELPER_TOPIC)
    fill(person, "textarea#question", question)
    submit(person, "form#ask-form")
    assert question in find(person, "#my-requests").text

    helper = new_browser(lang)
    sign_in(helper, HELPER)
    helper.get(url("/support"))
    items = [li for li in helper.find_elements(By.CSS_SELECTOR, "#requests-for-me > li") if question in li.text]
    assert items, f"{HELPER} does not see the question among the requests for them"
    action = items[0].find_element(By.CSS_SELECTOR, "form").get_attribute("action")
    submit(helper, f"form[action='{re.sub(r'^https?://[^/]+', '', action)}']")
    conversation = path_of(helper)
    assert conversation.startswith("/support/engagements/"), f"taking the question led to {conversation}"
    helper.quit()

    # The colleague plans a meeting a week ahead in their conversation.
    person.get(url("/support"))
    click_and_load(person, f"#conversations a[href='{conversation}']")
    find(person, "#meetings-title ~ details > summary").click()
    day = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    for field, value in (("date", day), ("time", "15:00")):
        person.execute_script("arguments[0].value = arguments[1]", find(person, f"input#{field}"), value)
    fill(person, "input#place", place)
    submit(person, "form#meeting-form")
    assert path_of(person) == conversation
    meeting = meeting_item(person, place)
    assert "meeting-cancelled" not in meeting.get_attribute("class").split()
    link = meeting.find_element(By.CSS_SELECTOR, "a.meeting-cancel")
    assert says(lang, "Cancel this meeting", link.text), link.text

    target = follow(person, link)
    assert re.fullmatch(re.escape(conversation) + r"/meetings/[0-9A-Fa-f-]{36}/cancel", target), target
    assert_confirmation(
        person, lang, shot, action=target, back=conversation,
        title=lambda text: says(lang, "Cancel the meeting of {date}?", text),
        consequences=2, confirm=lambda text: says(lang, "Cancel the meeting", text))

    # Going back changes nothing: the meeting is still planned.
    follow(person, find(person, "a#keep"))
    assert path_of(person) == conversation
    meeting = meeting_item(person, place)
    assert "meeting-cancelled" not in meeting.get_attribute("class").split(), "going back cancelled the meeting"
    assert translated(lang, "Cancelled") not in meeting.text
    assert not any(says(lang, CANCELLED, text) for text in notices(person)), notices(person)

    # Asked again and confirmed: cancelled, still listed, no longer cancellable.
    follow(person, meeting_item(person, place).find_element(By.CSS_SELECTOR, "a.meeting-cancel"))
    submit(person, "form#confirm-form")
    assert path_of(person) == conversation, f"cancelling led to {path_of(person)}"
    assert shows_notice(person, lang, CANCELLED), notices(person)
    meeting = meeting_item(person, place)
    assert "meeting-cancelled" in meeting.get_attribute("class").split()
    assert translated(lang, "Cancelled") in meeting.text, meeting.text
    assert not meeting.find_elements(By.CSS_SELECTOR, "a.meeting-cancel")
    check_page(person, f"{shot}-cancelled")
    # The address of a cancelled meeting's question only says so.
    person.get(url(target))
    assert path_of(person) == conversation
    assert shows_notice(person, lang, "This meeting is already cancelled."), notices(person)

    # Meetings that took place: folded away, none with a cancel link; the address is refused.
    log_in(person, STUDY_MEMBER)
    own_language = page_lang(person)
    set_language(person, lang)
    try:
        person.get(url("/support"))
        group = [a for a in person.find_elements(By.CSS_SELECTOR, "#conversations a") if STUDY_GROUP in a.text]
        assert group, f"{STUDY_MEMBER} does not see the study group {STUDY_GROUP!r}"
        follow(person, group[0])
        assert person.find_elements(By.CSS_SELECTOR, "ul#meetings a.meeting-cancel"), \
            "the study group's next meetings cannot be cancelled"
        past = find(person, "div.past-meetings > details#past-meetings")
        assert past.get_attribute("open") is None, "the past meetings are not folded"
        items = past.find_elements(By.CSS_SELECTOR, "li.meeting")
        assert len(items) >= 2, f"{len(items)} past meetings in the demo's study group"
        summary = past.find_element(By.CSS_SELECTOR, "summary")
        assert summary.text.strip() == PAST_MEETINGS[lang].format(count=len(items)), summary.text
        assert not any(li.is_displayed() for li in items), "folded past meetings are shown"
        person.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
        summary.click()
        assert past.get_attribute("open") is not None and all(li.is_displayed() for li in items)
        assert not past.find_elements(By.CSS_SELECTOR, "a.meeting-cancel"), "a past meeting offers to be cancelled"
        assert all(li.find_elements(By.CSS_SELECTOR, "a.meeting-ics") for li in items)
        check_page(person, f"{shot}-past-meetings")
        calendar = href_path(items[0].find_element(By.CSS_SELECTOR, "a.meeting-ics"))
        # A cancel link kept from before the meeting began: the conversation says why not.
        person.get(url(re.sub(r"/meeting\.ics$", "/cancel", calendar)))
        assert not person.find_elements(By.CSS_SELECTOR, "form#confirm-form")
        assert shows_notice(person, lang, "This meeting has already begun: it can no longer be cancelled."), notices(person)
        assert page_lang(person) == lang
        check_page(person, f"{shot}-past-meeting-refused")
    finally:
        try:
            person.get(url("/"))
            set_language(person, own_language)
        except Exception as error:  # a failed test may have left no session to mend
            print(f"could not give {STUDY_MEMBER} her language back: {error}")


# --------------------------------------------------------------------------- school members

def plain(text):
    """The text as a phone keyboard often types it: without diacritics, in lower case."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def staff_row(driver, name, school=None):
    """The staff list's row that names `name`. With `school`, the list is searched for the name
    first: it shows 20 names a page, and a colleague who joined for a test may be on any."""
    if school is not None:
        driver.get(url(school) + "?" + urlencode({"q": name}))
    rows = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "table#staff tbody tr") if name in tr.text]
    return rows[0] if rows else None


@pytest.mark.parametrize("lang,size", RUNS)
def test_member_removed_only_after_asking(new_browser, leader_browser, lang, size):
    """The leader finds a colleague who joined for the test by searching the staff list and
    opens their page (role and removal live there, not on every row); "Remove … from this
    school" asks first (what they lose, what stays theirs); going back keeps them;
    confirming removes them. The school's only leader is offered neither a role change nor
    removal, and the removal's address, opened all the same, says why. Once removed, they are
    listed on the school's page for 30 days, and one click restores them."""
    shot = f"{lang}-{size}-confirm-member"
    leader = leader_browser(lang, SIZES[size])
    person, name, school = join_riga(leader, new_browser, lang, size, shot, NAMES["member"][lang])
    person.quit()

    # The staff list, searched by a part of the name typed without diacritics.
    leader.get(url(school))
    fill(leader, "form#staff-filter input#staff-search", plain(name.split()[-1])[:5])
    submit(leader, "form#staff-filter")
    assert staff_row(leader, name) is not None, f"searching found no {name}"
    assert not staff_row(leader, LEADER_NAME), "the search kept someone it does not match"
    check_page(leader, f"{shot}-search")
    page = follow(leader, staff_row(leader, name).find_element(By.CSS_SELECTOR, "a.member-link"))
    assert re.fullmatch(re.escape(school) + r"/members/[0-9A-Fa-f-]{36}", page), page
    assert find(leader, "form#role-form select#role")
    check_page(leader, f"{shot}-member-page")
    link = find(leader, "a.member-remove")
    assert says(lang, "Remove {name} from this school", link.text, name=name), link.text

    target = follow(leader, link)
    assert target == page + "/remove", target
    items = assert_confirmation(
        leader, lang, shot, action=target, back=page,
        title=lambda text: says(lang, "Remove {name} from {school}?", text, name=name, school=RIGA_SCHOOL),
        consequences=3, confirm=lambda text: says(lang, "Remove {name}", text, name=name))
    assert name in items[0], f"the first consequence does not name {name}: {items[0]!r}"

    # Going back changes nothing.
    follow(leader, find(leader, "a#keep"))
    assert path_of(leader) == page
    assert staff_row(leader, name, school) is not None, f"going back removed {name}"
    assert not any(says(lang, REMOVED, text, name=name) for text in notices(leader)), notices(leader)

    # The school's only leader: her page offers no role change and no removal, and the
    # removal's address, opened all the same (kept from when there were two), says why.
    own = follow(leader, staff_row(leader, LEADER_NAME, school).find_element(By.CSS_SELECTOR, "a.member-link"))
    assert not leader.find_elements(By.CSS_SELECTOR, "a.member-remove"), "the only leader is offered removal"
    assert not leader.find_elements(By.CSS_SELECTOR, "form#role-form"), "the only leader is offered a role change"
    only = find(leader, ".only-leader").text
    assert says(lang, "The school's only leader. Make someone else a leader first; then this role can change.", only), only
    leader.get(url(own + "/remove"))
    assert path_of(leader) == school, f"removing the last leader led to {path_of(leader)}"
    assert shows_notice(leader, lang, "A school needs at least one leader. Make someone else a leader first."), notices(leader)
    assert not leader.find_elements(By.CSS_SELECTOR, "form#confirm-form")
    check_page(leader, f"{shot}-last-leader")
    assert staff_row(leader, LEADER_NAME, school) is not None

    # Asked again and confirmed: removed, and the page says so.
    leader.get(url(page))
    follow(leader, find(leader, "a.member-remove"))
    submit(leader, "form#confirm-form")
    assert path_of(leader) == school, f"removing led to {path_of(leader)}"
    assert shows_notice(leader, lang, REMOVED, name=name), notices(leader)
    check_page(leader, f"{shot}-removed")
    assert staff_row(leader, name, school) is None, f"{name} is still on the staff list"

    # Undo: for 30 days the school's page lists the removal with a button that restores it,
    # in the role the person left with; then they are on the staff list again.
    restore = None
    for item in leader.find_elements(By.CSS_SELECTOR, "ul#removed > li.removed-member"):
        if name in item.find_element(By.CSS_SELECTOR, ".removed-name").text:
            restore = item.find_element(By.CSS_SELECTOR, "form.member-restore")
    assert restore is not None, f"{name} is not among those removed in the last 30 days"
    button = restore.find_element(By.CSS_SELECTOR, "button")
    assert says(lang, "Restore {name}", button.text, name=name), button.text
    leader.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    leader.execute_script("window.__e2eOldPage = true")
    button.click()
    WebDriverWait(leader, WAIT).until(_new_document_loaded)
    # Their place is a new one (the old was deleted with the removal): its own page.
    assert re.fullmatch(re.escape(school) + r"/members/[0-9A-Fa-f-]{36}", path_of(leader)), f"restoring led to {path_of(leader)}"
    assert shows_notice(leader, lang, RESTORED, name=name), notices(leader)
    check_page(leader, f"{shot}-restored")
    assert staff_row(leader, name, school) is not None, f"{name} is not back on the staff list"
    leader.get(url(school))
    assert not any(name in li.text for li in leader.find_elements(By.CSS_SELECTOR, "ul#removed > li")), \
        f"{name} is still listed as removed after being restored"
