#!/usr/bin/env python3
"""Checks a DKIM signature (RFC 6376; Ed25519 per RFC 8463) with dkimpy, an implementation
apart from ours, against a public key given on the command line instead of DNS.

  scripts/dkim-verify.py MESSAGE.eml 'v=DKIM1; k=rsa; p=MIIB…'

MESSAGE.eml is the message as sent, DKIM-Signature header first (CRLF or LF line endings);
the second argument is the TXT record the domain publishes at <selector>._domainkey.<domain>
(`DKIMSigner.dnsRecord`), or @FILE to read it from a file. Exits 0 when the signature is
valid, 1 when it is not, 2 on a usage or setup problem. An invalid signature is reported
with dkimpy's reason (a body hash mismatch, a key it cannot read, a signature that does not
match the signed headers, ...) and dkimpy's log of the check. Installs dkimpy (and PyNaCl,
for Ed25519) with pip when they are missing, as scripts/test does for its own packages.
"""
import logging
import os
import subprocess
import sys


def ensure_packages():
    try:
        import dkim  # noqa: F401
        import nacl  # noqa: F401
    except ImportError:
        # PIP_BREAK_SYSTEM_PACKAGES: Debian's own python3 refuses pip installs without it.
        env = dict(os.environ, PIP_BREAK_SYSTEM_PACKAGES="1")
        result = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "dkimpy", "pynacl"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            print("dkim-verify: pip install dkimpy pynacl failed:\n" + result.stderr[-2000:], file=sys.stderr)
            sys.exit(2)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"{record.levelname.lower()}: {record.getMessage()}")


def check(message, dnsfunc):
    """(valid, reason, log): whether dkimpy accepts the first DKIM-Signature of `message`,
    why not when it does not, and the lines dkimpy logged while checking."""
    import dkim

    collect = _Collect()
    logger = logging.getLogger("dkim-verify")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(collect)
    try:
        # What dkim.verify does, without turning the exception's reason into a bare False.
        verifier = dkim.DKIM(message, logger=logger)
        valid = verifier.verify(dnsfunc=dnsfunc)
    except dkim.DKIMException as error:  # a body hash mismatch, a malformed signature, ...
        return False, f"{type(error).__name__}: {error}", collect.lines
    finally:
        logger.removeHandler(collect)
    if valid:
        return True, None, collect.lines
    errors = [line[len("error: "):] for line in collect.lines if line.startswith("error: ")]
    if errors:  # the key: missing, unreadable, of an unknown type (logged, then False)
        reason = "; ".join(errors)
    elif not verifier.present():
        reason = "the message has no DKIM-Signature header"
    else:  # the body hash matched (a mismatch raises), the signature did not
        reason = ("the signature (b=) does not match the signed header fields "
                  f"(h={verifier.signature_fields.get(b'h', b'?').decode(errors='replace')}) "
                  "under this key: a signed header was changed, or the key is not the signer's")
    return False, reason, collect.lines


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ensure_packages()

    with open(sys.argv[1], "rb") as f:
        message = f.read()
    record = sys.argv[2]
    if record.startswith("@"):
        with open(record[1:]) as f:
            record = f.read().strip()
    record = record.encode()

    def dnsfunc(name, timeout=5):
        # Every selector answers with the given record: the check is of the signature, not of DNS.
        return record

    valid, reason, log = check(message, dnsfunc)
    if valid:
        print("dkim-verify: valid")
        return 0
    print(f"dkim-verify: invalid: {reason}")
    if log:
        print("dkimpy's log:\n  " + "\n  ".join(log))
    return 1


if __name__ == "__main__":
    sys.exit(main())
