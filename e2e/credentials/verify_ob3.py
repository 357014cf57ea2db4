#!/usr/bin/env python3
"""Verify an Open Badges 3.0 OpenBadgeCredential issued as a VC-JWT.

    python3 verify_ob3.py <vc-jwt-file | vc-jwt-string | http(s)-URL>
                          [--jwks URL-or-file] [--schema FILE] [--alg RS256]
                          [--check-status] [--expected-recipient ID]

Prints one JSON object {"schema_valid": bool, "verifier_valid": bool,
"errors": [...], ...} and exits 0 only when both checks pass (1 otherwise,
2 on a usage error).

verifier_valid -- openbadgeslib's OB3Verifier (PyPI `openbadgeslib`, 4.6.x):
    signature (algorithm pinned to the key type), exp/nbf/iat, @context, types,
    iss == issuer.id, nbf present, jti == id, sub == credentialSubject.id,
    validFrom/validUntil window; optionally credentialStatus (--check-status).
    Plus the OB 3.0 JOSE-header rules openbadgeslib does not check (alg, typ,
    only alg/kid/jwk/typ) and nbf/exp == validFrom/validUntil.
schema_valid -- the decoded payload against 1EdTech's
    ob_v3p0_achievementcredential_schema.json (draft 2019-09, formats asserted).
    openbadgeslib's wheel does not ship that schema (it is only in its sdist,
    tests/fixtures/ob_schemas/); a verbatim copy lives in schemas/ next to this
    script.

The verification key (openbadgeslib takes only a PEM key or a did:web/did:key,
never a JWKS) is resolved here, in this order:
    1. --jwks: a JWKS ({"keys": [...]}), a single JWK or a PEM public key, from
       an http(s) URL or a file; the key whose "kid" equals the header kid (a
       lone key is used when the header has no kid);
    2. else the header kid, when it is an http(s) URL (the OB 3.0 way): it is
       dereferenced and must yield a JWK (or a JWKS holding that kid);
    3. else the header jwk (self-asserted: reported in "warnings").
"""

import argparse
import base64
import contextlib
import json
import os
import re
import sys
import urllib.parse
import urllib.request
from datetime import datetime
from typing import Any, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(
    HERE, 'schemas', 'ob_v3p0_achievementcredential_schema.json')
JWT_RE = re.compile(r'^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$')
ALLOWED_HEADERS = {'alg', 'kid', 'jwk', 'typ'}   # OB 3.0 §JOSE header
FETCH_TIMEOUT = 15


class Failure(Exception):
    """A verification step failed; the message goes to "errors"."""


# ── input ─────────────────────────────────────────────────────────────────────

def fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={
        'Accept': 'application/jwk+json, application/json, application/jwt, '
                  'text/plain;q=0.5, */*;q=0.1'})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
        return response.read(5 * 1024 * 1024)


def is_url(value: str) -> bool:
    return urllib.parse.urlparse(value).scheme in ('http', 'https')


def find_jwt(node: Any) -> Optional[str]:
    """The first compact-JWT string anywhere in a JSON document."""
    if isinstance(node, str):
        text = node.strip()
        return text if JWT_RE.match(text) and text.startswith('eyJ') else None
    items = node.values() if isinstance(node, dict) else (
        node if isinstance(node, list) else [])
    for item in items:
        found = find_jwt(item)
        if found:
            return found
    return None


def read_token(source: str) -> str:
    if os.path.isfile(source):
        with open(source, 'rb') as handle:
            raw = handle.read()
    elif is_url(source):
        raw = fetch(source)
    else:
        raw = source.encode()
    text = raw.decode('utf-8-sig').strip()
    if JWT_RE.match(text):
        return text
    if text.startswith(('{', '[')):
        token = find_jwt(json.loads(text))
        if token:
            return token
    raise Failure('input is not a compact JWT (nor JSON holding one)')


def b64json(segment: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(segment + '=' * (-len(segment) % 4)))


# ── key resolution ────────────────────────────────────────────────────────────

def load_key_material(source: str) -> Any:
    """JWKS/JWK dict, or PEM bytes, from a URL or a file."""
    try:
        if is_url(source):
            raw = fetch(source)
        else:
            with open(source, 'rb') as handle:
                raw = handle.read()
        if b'-----BEGIN' in raw:
            return raw
        return json.loads(raw)
    except (OSError, ValueError) as exc:       # URLError is an OSError
        raise Failure('cannot load %s: %s' % (source, exc)) from exc


def kid_matches(jwk_kid: Any, header_kid: str) -> bool:
    if not isinstance(jwk_kid, str):
        return False
    if jwk_kid == header_kid:
        return True
    # A kid URL such as https://host/.well-known/jwks.json#key-1 names the
    # JWKS entry "key-1" (and vice versa).
    parsed = urllib.parse.urlparse(header_kid)
    return bool(parsed.fragment) and jwk_kid == parsed.fragment


def select_jwk(material: Any, header: dict, where: str) -> Any:
    """A public key object (or PEM bytes) for the header's kid."""
    from jwt.algorithms import RSAAlgorithm, ECAlgorithm, OKPAlgorithm
    if isinstance(material, bytes):
        return material
    if not isinstance(material, dict):
        raise Failure('%s: not a JWK/JWKS object' % where)
    keys = material.get('keys') if 'keys' in material else [material]
    if not isinstance(keys, list) or not keys:
        raise Failure('%s: empty or malformed "keys"' % where)
    kid = header.get('kid')
    if 'keys' not in material:
        chosen = keys            # a bare JWK (e.g. served at the kid URL): that key
    elif kid is not None:
        chosen = [k for k in keys if isinstance(k, dict) and kid_matches(k.get('kid'), kid)]
        if not chosen:
            raise Failure('%s: no key with kid %r (have %r)'
                          % (where, kid, [k.get('kid') for k in keys if isinstance(k, dict)]))
    elif len(keys) == 1:
        chosen = keys
    else:
        raise Failure('%s: %d keys and the JWT header has no kid' % (where, len(keys)))
    jwk = chosen[0]
    if 'd' in jwk:
        raise Failure('%s: the JWK holds a private key ("d")' % where)
    if jwk.get('use') not in (None, 'sig'):
        raise Failure('%s: key use is %r, not "sig"' % (where, jwk.get('use')))
    if jwk.get('alg') not in (None, header.get('alg')):
        raise Failure('%s: key alg %r does not match the header alg %r'
                      % (where, jwk.get('alg'), header.get('alg')))
    loader = {'RSA': RSAAlgorithm, 'EC': ECAlgorithm, 'OKP': OKPAlgorithm}.get(jwk.get('kty'))
    if loader is None:
        raise Failure('%s: unsupported kty %r' % (where, jwk.get('kty')))
    try:
        return loader.from_jwk(json.dumps(jwk))
    except Exception as exc:
        raise Failure('%s: unusable JWK: %s' % (where, exc)) from exc


def public_numbers(key: Any) -> Any:
    from cryptography.hazmat.primitives import serialization
    if isinstance(key, bytes):
        key = serialization.load_pem_public_key(key)
    return key.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def resolve_key(header: dict, jwks: Optional[str], summary: dict) -> Any:
    kid = header.get('kid')
    if jwks:
        key = select_jwk(load_key_material(jwks), header, 'jwks %s' % jwks)
        summary['key_source'] = 'jwks'
    elif isinstance(kid, str) and is_url(kid):
        key = select_jwk(load_key_material(kid.split('#')[0]), header, 'kid %s' % kid)
        summary['key_source'] = 'kid-url'
    elif isinstance(header.get('jwk'), dict):
        key = select_jwk(header['jwk'], {**header, 'kid': None}, 'header jwk')
        summary['key_source'] = 'header-jwk'
        summary['warnings'].append(
            'verified against the key embedded in the token (self-asserted); '
            'pass --jwks to anchor it to the issuer')
    else:
        raise Failure('no key: pass --jwks, or the header needs a kid URL or a jwk')
    # A header jwk must be the key actually used.
    if isinstance(header.get('jwk'), dict) and summary['key_source'] != 'header-jwk':
        embedded = select_jwk(header['jwk'], {**header, 'kid': None}, 'header jwk')
        if public_numbers(embedded) != public_numbers(key):
            raise Failure('header jwk differs from the resolved issuer key')
    return key


# ── checks ────────────────────────────────────────────────────────────────────

def check_header(header: dict, alg: str) -> list:
    errors = []
    if alg != 'any' and header.get('alg') != alg:
        errors.append('header: alg is %r, expected %r' % (header.get('alg'), alg))
    if 'typ' in header and header['typ'] != 'JWT':
        errors.append('header: typ must be "JWT" when present, got %r' % (header['typ'],))
    extra = sorted(set(header) - ALLOWED_HEADERS)
    if extra:
        errors.append('header: members not allowed by OB 3.0: %s' % ', '.join(extra))
    if 'kid' not in header and 'jwk' not in header:
        errors.append('header: needs kid or jwk')
    if isinstance(header.get('jwk'), dict) and 'd' in header['jwk']:
        errors.append('header: jwk holds a private key ("d")')
    return errors


def check_claim_dates(payload: dict) -> list:
    """OB 3.0: nbf is validFrom, exp is validUntil (as NumericDate seconds)."""
    errors = []

    def seconds(value: Any) -> Optional[int]:
        try:
            return int(datetime.fromisoformat(value.replace('Z', '+00:00')).timestamp())
        except Exception:
            return None

    valid_from = seconds(payload.get('validFrom'))
    if isinstance(payload.get('nbf'), (int, float)) and valid_from is not None \
            and int(payload['nbf']) != valid_from:
        errors.append('claims: nbf %r != validFrom %r' % (payload['nbf'], payload.get('validFrom')))
    if 'validUntil' in payload:
        valid_until = seconds(payload.get('validUntil'))
        if 'exp' not in payload:
            errors.append('claims: validUntil present but no exp claim')
        elif not isinstance(payload['exp'], (int, float)) or isinstance(payload['exp'], bool):
            errors.append('claims: exp is not a NumericDate: %r' % (payload['exp'],))
        elif valid_until is not None and int(payload['exp']) != valid_until:
            errors.append('claims: exp %r != validUntil %r' % (payload['exp'], payload['validUntil']))
    if 'vc' in payload:
        errors.append('claims: unexpected "vc" claim (OB 3.0 / VCDM 2.0 VC-JWT: the '
                      'payload IS the credential)')
    return errors


def schema_errors(payload: Any, schema_path: str) -> list:
    from jsonschema import Draft201909Validator
    with open(schema_path, encoding='utf-8') as handle:
        schema = json.load(handle)
    validator = Draft201909Validator(
        schema, format_checker=Draft201909Validator.FORMAT_CHECKER)
    found = sorted(validator.iter_errors(payload), key=lambda e: [str(part) for part in e.absolute_path])
    return ['schema: %s: %s' % ('/'.join(map(str, e.absolute_path)) or '<root>',
                                e.message[:300]) for e in found]


def status_download(url: str) -> bytes:
    """Status lists: HTTPS + public hosts, except loopback (local test server)."""
    from openbadgeslib.util import download_file
    host = urllib.parse.urlparse(url).hostname or ''
    local = host in ('localhost', '127.0.0.1', '::1')
    return download_file(url, allow_insecure=local, allow_private=local)


def verify(source: str, jwks: Optional[str], schema_path: str, alg: str,
           check_status: bool, verify_status_list: bool,
           expected_recipient: Optional[str]) -> dict:
    summary: dict = {'schema_valid': False, 'verifier_valid': False,
                     'errors': [], 'warnings': []}
    errors = summary['errors']
    try:
        token = read_token(source)
        header = b64json(token.split('.')[0])
        payload = b64json(token.split('.')[1])
        if not isinstance(header, dict) or not isinstance(payload, dict):
            raise Failure('JWT header and payload must be JSON objects')
    except Failure as exc:
        errors.append('input: %s' % exc)
        return summary
    except Exception as exc:
        errors.append('input: cannot decode the JWT: %s' % exc)
        return summary
    summary['header'] = header
    summary['credential_id'] = payload.get('id')

    # 1. JSON schema (on the decoded payload, signature or not).
    try:
        found = schema_errors(payload, schema_path)
        errors.extend(found)
        summary['schema_valid'] = not found
    except Exception as exc:
        errors.append('schema: could not validate: %s' % exc)

    # 2. openbadgeslib + the OB 3.0 rules it leaves out.
    verifier_errors = check_header(header, alg) + check_claim_dates(payload)
    try:
        from openbadgeslib.ob3 import OB3Verifier, OB3VerificationError
        key = resolve_key(header, jwks, summary)
        try:
            # openbadgeslib print()s warnings (e.g. "does not use TLS"): keep
            # stdout for the JSON summary.
            with contextlib.redirect_stdout(sys.stderr):
                credential = OB3Verifier(pubkey_pem=key).verify(
                    token, expected_recipient=expected_recipient,
                    check_status=check_status, verify_status_list=verify_status_list,
                    download=status_download)
            summary['issuer'] = credential.issuer.id
            summary['recipient'] = credential.recipient_id
        except OB3VerificationError as exc:
            verifier_errors.append('verifier: %s' % exc)
    except Failure as exc:
        verifier_errors.append('key: %s' % exc)
    except Exception as exc:                     # network faults, bad PEM, ...
        verifier_errors.append('verifier: %s: %s' % (type(exc).__name__, exc))
    errors.extend(verifier_errors)
    summary['verifier_valid'] = not verifier_errors
    return summary


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(
        description='Verify an Open Badges 3.0 VC-JWT (openbadgeslib + 1EdTech JSON schema).')
    parser.add_argument('token', help='VC-JWT: a file, the compact string, or an http(s) URL')
    parser.add_argument('--jwks', help='JWKS / JWK / PEM public key: http(s) URL or file')
    parser.add_argument('--schema', default=DEFAULT_SCHEMA,
                        help='OB 3.0 AchievementCredential JSON schema (default: %(default)s)')
    parser.add_argument('--alg', default='RS256',
                        help='required JOSE alg, or "any" (default: %(default)s)')
    parser.add_argument('--check-status', action='store_true',
                        help='also check credentialStatus (fetches the status list)')
    parser.add_argument('--no-verify-status-list', action='store_true',
                        help='with --check-status: accept an unsigned status list')
    parser.add_argument('--expected-recipient',
                        help='require credentialSubject.id to match this id')
    args = parser.parse_args(argv)
    if not os.path.isfile(args.schema):
        parser.error('schema file not found: %s' % args.schema)
    summary = verify(args.token, args.jwks, args.schema, args.alg,
                     args.check_status, not args.no_verify_status_list,
                     args.expected_recipient)
    print(json.dumps(summary, indent=2, sort_keys=False))
    return 0 if summary['schema_valid'] and summary['verifier_valid'] else 1


if __name__ == '__main__':
    sys.exit(main())
