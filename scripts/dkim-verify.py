#!/usr/bin/env python3
"""Checks a DKIM signature (RFC 6376; Ed25519 per RFC 8463) with dkimpy, an implementation
apart from ours, against a public key given on the command line instead of DNS.

  scripts/dkim-verify.py MESSAGE.eml 'v=DKIM1; k=rsa; p=MIIB…'

MESSAGE.eml is the message as sent, DKIM-Signature header first (CRLF or LF line endings);
the second argument is the TXT record the domain publishes at <selector>._domainkey.<domain>
(`DKIMSigner.dnsRecord`), or @FILE to read it from a file. Exits 0 when the signature is
valid, 1 when it is not, 2 on a usage or setup problem. Installs dkimpy (and PyNaCl, for
Ed25519) with pip when they are missing, as scripts/test does for its own packages.
"""
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


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ensure_packages()
    import dkim

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

    try:
        valid = dkim.verify(message, dnsfunc=dnsfunc)
    except dkim.DKIMException as error:
        print(f"dkim-verify: invalid: {error}")
        return 1
    print("dkim-verify: valid" if valid else "dkim-verify: invalid")
    return 0 if valid else 1


if __name__ == "__main__":
    sys.exit(main())
