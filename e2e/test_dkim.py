"""DKIM as a receiver checks it (issue 17): the demo signs its mail with the key it was given
(DKIM_KEY_FILE, DKIM_SELECTOR; RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed, RFC 6376 and
8463), and dkimpy, an implementation apart from ours, verifies a real mail as it arrived at
the SMTP server against the TXT record of that key, derived from the key with openssl, not
asked of the app. Then one changed byte of the body, and a changed Subject, must each make
the check fail, so that a verifier that accepts anything cannot pass this test.

Environment (scripts/test sets all of them in its e2e stage, with a key made for the run):
  COLLEGIUM_MAIL_DIR      where the server's mail arrives (conftest.py); unset, this test
                          is skipped like the other mail tests (e2e/test_mail.py)
  COLLEGIUM_DKIM_RECORD   a file holding the TXT record of the server's DKIM key, the text
                          published at <selector>._domainkey.<domain>:
                          v=DKIM1; k=rsa; p=<base64 DER SubjectPublicKeyInfo>, or
                          v=DKIM1; k=ed25519; p=<base64 of the raw 32-byte key>
  COLLEGIUM_DKIM_SELECTOR the server's DKIM_SELECTOR
  COLLEGIUM_MAIL_FROM     the server's MAIL_FROM, whose domain d= must be (unset: the From
                          header's domain)
With the mail folder known but no record or selector, the test fails and says how to run it.

The mail is a password reset for a demo account no other test uses. The app sends one
person at most 3 reset mails an hour: a fourth run against the same server within the hour
receives none (and says so).
"""
import os
import re
import subprocess
import sys
from email.utils import parseaddr
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from conftest import E2E_DIR, has_link, last_mail_number, mail_dir, url, wait_for_mail

try:
    import dkim  # dkimpy (e2e/requirements.txt); PyNaCl too, for Ed25519 keys
except ImportError:  # fails the test, not the whole suite's collection
    dkim = None

pytestmark = pytest.mark.skipif(
    mail_dir() is None,
    reason="COLLEGIUM_MAIL_DIR is not set: the server's mail cannot be read (scripts/test sets it)")

# A demo account (Sources/App/Demo/DemoData.swift) no other e2e test uses; Georgian, so the
# signed Subject and body are not ASCII.
ACCOUNT = "tamar.lomidze@tbilisi.collegium.example"
VERIFY_SCRIPT = E2E_DIR.parent / "scripts" / "dkim-verify.py"
ALGORITHM_OF_KEY = {"rsa": "rsa-sha256", "ed25519": "ed25519-sha256"}

HOW_TO_RUN = """\
scripts/test sets them in its e2e stage. To run this test by hand, give the server a key and
this test its record:
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /tmp/dkim.pem
  printf 'v=DKIM1; k=rsa; p=%s\\n' "$(openssl pkey -in /tmp/dkim.pem -pubout -outform DER | base64 -w0)" >/tmp/dkim-record.txt
  DKIM_KEY_FILE=/tmp/dkim.pem DKIM_SELECTOR=e2e SMTP_URL=... MAIL_FROM=... collegium demo ...
  COLLEGIUM_DKIM_RECORD=/tmp/dkim-record.txt COLLEGIUM_DKIM_SELECTOR=e2e COLLEGIUM_MAIL_DIR=... \\
    python3 -m pytest e2e/test_dkim.py"""


def published_key():
    """(record bytes, selector): the TXT record of the server's key and its selector; fails
    the test (not its setup) when they are not given."""
    if dkim is None:
        pytest.fail("dkimpy is not installed: python3 -m pip install -r e2e/requirements.txt "
                    "(scripts/test's install stage does it)", pytrace=False)
    record_file = os.environ.get("COLLEGIUM_DKIM_RECORD", "").strip()
    selector = os.environ.get("COLLEGIUM_DKIM_SELECTOR", "").strip()
    if not record_file or not selector:
        missing = " and ".join(name for name, value in (("COLLEGIUM_DKIM_RECORD", record_file),
                                                        ("COLLEGIUM_DKIM_SELECTOR", selector)) if not value)
        pytest.fail(f"{missing} not set: this test needs the server's DKIM record and selector "
                    f"to check the signature of its mail.\n{HOW_TO_RUN}", pytrace=False)
    try:
        record = Path(record_file).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        pytest.fail(f"COLLEGIUM_DKIM_RECORD={record_file}: cannot read the record: {error}", pytrace=False)
    assert re.fullmatch(r"v=DKIM1; k=(rsa|ed25519); p=[A-Za-z0-9+/]+=*", record), \
        f"COLLEGIUM_DKIM_RECORD={record_file} holds {record[:80]!r}, not 'v=DKIM1; k=rsa|ed25519; p=<base64>'"
    return record.encode("ascii"), selector


def ask_for_password_reset(address):
    """POST /password/forgot for `address`, as the form does (with its CSRF cookie and field)."""
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    with opener.open(url("/password/forgot"), timeout=30) as response:
        page = response.read().decode("utf-8")
    found = re.search(r'name="_csrf"\s+value="([^"]+)"', page) or re.search(r'value="([^"]+)"\s+name="_csrf"', page)
    assert found, "no _csrf field in the form of /password/forgot"
    body = urlencode({"_csrf": found.group(1), "email": address}).encode()
    with opener.open(url("/password/forgot"), data=body, timeout=30) as response:
        assert response.status == 200, f"POST /password/forgot answered {response.status}"
        assert response.url.endswith("/login"), f"POST /password/forgot led to {response.url}, not /login"


def signature_tags(raw):
    """The tags of the message's DKIM-Signature header fields, as written (folding removed)."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", errors="replace")
    fields = re.findall(r"^DKIM-Signature:([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", head, flags=re.MULTILINE | re.IGNORECASE)
    signatures = []
    for value in fields:
        tags = {}
        for part in value.split(";"):
            if "=" in part:
                name, tag_value = part.split("=", 1)
                tags[name.strip()] = re.sub(r"\s+", "", tag_value)
        signatures.append(tags)
    return signatures


def verify_script(path, record):
    """scripts/dkim-verify.py on a message file: (exit status, what it printed)."""
    result = subprocess.run([sys.executable, str(VERIFY_SCRIPT), str(path), record.decode("ascii")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    return result.returncode, result.stdout.strip()


def altered_body_byte(raw):
    """The message with one letter or digit of its body changed (relaxed canonicalisation
    ignores changes of white space, not of these)."""
    body_start = raw.index(b"\r\n\r\n") + 4
    position = next(i for i in range(body_start, len(raw)) if chr(raw[i]).isalnum() and raw[i] < 128)
    swapped = b"B" if raw[position:position + 1] == b"A" else b"A"
    return raw[:position] + swapped + raw[position + 1:]


def altered_subject(raw):
    """The message with an "X" in front of its Subject (a signed header field)."""
    altered, count = re.subn(rb"(\r\nSubject:[ \t]*)", rb"\1X", raw, count=1, flags=re.IGNORECASE)
    assert count == 1, "the message has no Subject"
    return altered


def test_sent_mail_is_dkim_signed_verifies_with_dkimpy_and_fails_once_altered(tmp_path):
    record, selector = published_key()
    since = last_mail_number()
    ask_for_password_reset(ACCOUNT)
    try:
        mail = wait_for_mail(ACCOUNT, has_link("/password/reset/"), timeout=30, since=since)
    except AssertionError as error:
        raise AssertionError(f"{error}\n(The app sends one person at most 3 reset mails an hour: a "
                             f"fourth run against the same server within the hour gets none.)") from None
    raw = mail.raw
    assert raw.count(b"\r\n") > 0 and b"\r\n\r\n" in raw, f"{mail.path} is not a message with CRLF line ends"

    # The signature header, with the tags the issue asks for.
    signatures = signature_tags(raw)
    assert signatures, (f"{mail.summary()} has no DKIM-Signature header: was the server started with "
                        f"DKIM_KEY_FILE and DKIM_SELECTOR?")
    assert len(signatures) == 1, f"{mail.summary()} has {len(signatures)} DKIM-Signature headers"
    tags = signatures[0]
    from_domain = parseaddr(str(mail.headers["From"]))[1].rpartition("@")[2].lower()
    configured = parseaddr(os.environ.get("COLLEGIUM_MAIL_FROM", ""))[1].rpartition("@")[2].lower()
    assert tags.get("v") == "1", f"v={tags.get('v')!r}"
    assert tags.get("d", "").lower() == (configured or from_domain), \
        f"d={tags.get('d')!r}, expected the MAIL_FROM domain {configured or from_domain!r}"
    assert tags.get("d", "").lower() == from_domain, f"d={tags.get('d')!r} is not the From domain {from_domain!r}"
    assert tags.get("s") == selector, f"s={tags.get('s')!r}, expected the selector {selector!r}"
    assert tags.get("c") == "relaxed/relaxed", f"c={tags.get('c')!r}, expected relaxed/relaxed"
    key_type = re.search(rb"k=(\w+)", record).group(1).decode()
    assert tags.get("a") == ALGORITHM_OF_KEY[key_type], \
        f"a={tags.get('a')!r}, expected {ALGORITHM_OF_KEY[key_type]} for a k={key_type} key"
    signed = tags.get("h", "").lower().split(":")
    for name in ("from", "subject", "date", "message-id"):
        assert name in signed, f"h={tags.get('h')!r} does not sign {name}"
    assert tags.get("bh") and tags.get("b"), "the signature lacks bh= or b="

    # dkimpy verifies it against the published record, asked for under the right name only.
    asked = []
    expected_name = f"{selector}._domainkey.{tags['d']}.".encode()

    def dnsfunc(name, timeout=5):
        asked.append(name)
        return record if name == expected_name else None

    original = tmp_path / f"{mail.number}.eml"
    original.write_bytes(raw)
    if not dkim.verify(raw, dnsfunc=dnsfunc):
        _, output = verify_script(original, record)
        pytest.fail(f"dkimpy rejects the DKIM signature of {mail.summary()} ({mail.path}):\n{output}", pytrace=False)
    assert asked == [expected_name], f"dkimpy asked DNS for {asked}, expected [{expected_name!r}]"
    status, output = verify_script(original, record)
    assert (status, output) == (0, "dkim-verify: valid"), f"scripts/dkim-verify.py {original}: {status}\n{output}"

    # One changed byte of the body breaks it (the body hash), and so does a changed Subject
    # (the signature over the headers).
    for what, altered, reason in (("one byte of the body changed", altered_body_byte(raw), "body hash mismatch"),
                                  ("the Subject changed", altered_subject(raw), "does not match the signed header")):
        assert altered != raw
        assert not dkim.verify(altered, dnsfunc=dnsfunc), f"dkimpy accepts the mail with {what}"
        path = tmp_path / f"{mail.number}-{what.replace(' ', '-')}.eml"
        path.write_bytes(altered)
        status, output = verify_script(path, record)
        assert status == 1 and reason in output, \
            f"scripts/dkim-verify.py on the mail with {what}: exit {status}, expected 1 and {reason!r}:\n{output}"
