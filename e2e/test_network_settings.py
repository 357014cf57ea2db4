"""A network's logo on its certificates (issue 18, point 7).

The coordinator opens "Network settings" from her home page, first sends a file that is
no image (a text file named logo.png) and is told why in her language, with the field
marked; then uploads the network's logo and sees it in use. A learner who finished the
course in the network's cohort opens her certificate: the logo stands above it, and the
public check shows it beside the issuer's name. In English on a desktop and in Latvian on a
phone; axe checks every page."""
import struct
import zlib
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import SIZES, check_page, page_status, url
from test_handbook import click_and_load
from test_journey import find, find_visible, submit, wait_for
from test_wellbeing import log_in, set_language

COORDINATOR = "coordinator@collegium.example"



def make_png(path, width, height):
    """A PNG of one teal colour, `width` × `height`: not the demo's seeded logo (480 × 160), so
    the checks below see the upload, not what was there before."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes((11, 79, 108)) * width for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path
# Learners who finished the demo's course in the network's cohort (DemoCourses).
LEARNER = {"en": "chiara.ferri@bologna.collegium.example", "lv": "dace.krumina@riga.collegium.example"}
TEXT = {
    "en": {"refused": "This file is not a PNG or JPEG image.", "saved": "The logo is saved.", "in_use": "In use: 240 × 80 pixels"},
    "lv": {"refused": "PNG vai JPEG", "saved": "Logotips", "in_use": "240 × 80"},
}


def natural_width(driver, css):
    return driver.execute_script(
        "const i = document.querySelector(arguments[0]); return i && i.complete ? i.naturalWidth : -1", css)


@pytest.mark.parametrize("lang,size", [("en", "desktop"), ("lv", "phone")])
def test_coordinator_puts_the_logo_on_certificates(new_browser, lang, size, tmp_path):
    driver = new_browser(lang, SIZES[size])
    text = TEXT[lang]
    log_in(driver, COORDINATOR)
    set_language(driver, lang)
    driver.get(url("/"))
    wait_for(driver, "main")
    if size == "phone":
        # The link sits in the network's section of the home page, below the fold on a phone.
        driver.execute_script("document.querySelector('a.network-settings').scrollIntoView()")
    click_and_load(driver, "a.network-settings")
    assert driver.current_url.endswith("/settings")
    check_page(driver, f"network-settings-{lang}-{size}")

    # Not an image: refused with its reason beside the field, 415.
    fake = tmp_path / "logo.png"
    fake.write_text("This is a text file, not a logo.")
    find(driver, "input#logo").send_keys(str(fake))
    submit(driver, "form#logo-form")
    assert page_status(driver) == 415
    error = find_visible(driver, "#logo-error").text
    assert text["refused"] in error, error
    assert find(driver, "input#logo").get_attribute("aria-invalid") == "true"
    check_page(driver, f"network-settings-refused-{lang}-{size}")

    # The network's logo: saved, shown as in use.
    find(driver, "input#logo").send_keys(str(make_png(tmp_path / "network-logo.png", 240, 80)))
    submit(driver, "form#logo-form")
    assert page_status(driver) == 200
    assert any(text["saved"] in n.text for n in driver.find_elements(By.CSS_SELECTOR, ".notice"))
    assert text["in_use"] in find(driver, "#current-logo p").text
    assert natural_width(driver, "#current-logo img") == 240
    check_page(driver, f"network-settings-saved-{lang}-{size}")

    # On a learner's certificate, and on its public check.
    log_in(driver, LEARNER[lang])
    set_language(driver, lang)
    driver.get(url("/courses/leading-collegial-support/certificate"))
    wait_for(driver, "#certificate")
    assert natural_width(driver, "#certificate-logo") == 240, "the logo above the certificate"
    check_page(driver, f"certificate-with-logo-{lang}-{size}")
    check = find(driver, ".certificate-verify a").get_attribute("href")
    driver.get(check)
    wait_for(driver, "#verification")
    assert natural_width(driver, ".issuer-logo") == 240, "the logo beside the issuer on the public check"
    check_page(driver, f"certificate-check-with-logo-{lang}-{size}")
