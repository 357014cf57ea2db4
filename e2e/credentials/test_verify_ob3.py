"""Tests of verify_ob3.py against reference tokens from ob3_example.py.

    python3 -m pytest -q e2e/credentials

Needs: pip install openbadgeslib jsonschema rfc3339-validator pytest
(openbadgeslib pulls PyJWT and cryptography>=50). No network: the JWKS is
served from 127.0.0.1 by a thread of this test.
"""

import base64
import json
import os
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import ob3_example as ex  # noqa: E402
import verify_ob3  # noqa: E402


@pytest.fixture(scope='session')
def keys():
    return ex.new_key(), ex.new_key()


@pytest.fixture(scope='session')
def server(keys):
    """127.0.0.1:PORT serving /.well-known/jwks.json and /keys/key-1 (bare JWK)."""
    good, _ = keys
    routes = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = routes.get(self.path.split('?')[0])
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    base = 'http://127.0.0.1:%d' % httpd.server_address[1]
    routes['/.well-known/jwks.json'] = json.dumps(
        {'keys': [ex.public_jwk(good, 'key-1')]}).encode()
    routes['/keys/key-1'] = json.dumps(ex.public_jwk(good, 'key-1')).encode()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base, routes
    httpd.shutdown()


def token_for(keys, base='https://badges.example.edu', kid='key-1', key=None,
              mutate=None, **credential_args):
    credential = ex.build_credential(base, **credential_args)
    payload = ex.jwt_payload(credential)
    if mutate:
        mutate(payload)
    return ex.sign(payload, key or keys[0], kid)


def run(token, jwks=None):
    return verify_ob3.verify(token, jwks, verify_ob3.DEFAULT_SCHEMA,
                             'RS256', False, True, None)


def jwks_url(server):
    return server[0] + '/.well-known/jwks.json'


# ── the CLI contract ──────────────────────────────────────────────────────────

def cli(*args):
    done = subprocess.run([sys.executable, os.path.join(HERE, 'verify_ob3.py'), *args],
                          capture_output=True, text=True, timeout=60)
    return done.returncode, json.loads(done.stdout)


def test_cli_valid_token_file_and_jwks_url(keys, server, tmp_path):
    path = tmp_path / 'token.jwt'
    path.write_text(token_for(keys) + '\n')
    code, summary = cli(str(path), '--jwks', jwks_url(server))
    assert (code, summary['schema_valid'], summary['verifier_valid']) == (0, True, True), summary
    assert summary['errors'] == []


def test_cli_tampered_payload_fails(keys, server):
    token = token_for(keys)
    head, body, sig = token.split('.')
    payload = json.loads(base64.urlsafe_b64decode(body + '=' * (-len(body) % 4)))
    payload['credentialSubject']['achievement']['name'] = 'Something else'
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b'=').decode()
    code, summary = cli('.'.join([head, forged, sig]), '--jwks', jwks_url(server))
    assert code == 1
    assert summary['schema_valid'] is True and summary['verifier_valid'] is False
    assert any('Invalid signature' in e for e in summary['errors']), summary


def test_cli_wrong_key_fails(keys, server):
    code, summary = cli(token_for(keys, key=keys[1]), '--jwks', jwks_url(server))
    assert code == 1 and summary['verifier_valid'] is False
    assert any('Invalid signature' in e for e in summary['errors']), summary


# ── key resolution ────────────────────────────────────────────────────────────

def test_jwks_file_and_pem(keys, tmp_path):
    from cryptography.hazmat.primitives import serialization
    jwks = tmp_path / 'jwks.json'
    jwks.write_text(json.dumps({'keys': [ex.public_jwk(keys[1], 'old'),
                                         ex.public_jwk(keys[0], 'key-1')]}))
    assert run(token_for(keys), str(jwks))['verifier_valid']
    pem = tmp_path / 'public.pem'
    pem.write_bytes(keys[0].public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    assert run(token_for(keys), str(pem))['verifier_valid']


def test_kid_url_is_dereferenced_without_jwks(keys, server):
    bare = run(token_for(keys, kid=server[0] + '/keys/key-1'))
    assert bare['verifier_valid'] and bare['key_source'] == 'kid-url', bare
    fragment = run(token_for(keys, kid=jwks_url(server) + '#key-1'))
    assert fragment['verifier_valid'], fragment


def test_unknown_kid_fails(keys, server):
    result = run(token_for(keys, kid='key-2'), jwks_url(server))
    assert not result['verifier_valid']
    assert any("no key with kid 'key-2'" in e for e in result['errors'])


def test_header_jwk_only_is_self_asserted(keys):
    import jwt
    payload = ex.jwt_payload(ex.build_credential('https://badges.example.edu'))
    token = jwt.encode(payload, keys[0], algorithm='RS256',
                       headers={'jwk': ex.public_jwk(keys[0], 'key-1')})
    result = run(token)
    assert result['verifier_valid'] and result['key_source'] == 'header-jwk'
    assert result['warnings']


# ── claims the verifier enforces ──────────────────────────────────────────────

@pytest.mark.parametrize('mutate, message', [
    (lambda p: p.pop('nbf'), "missing the required 'nbf' claim"),
    (lambda p: p.pop('iss'), "missing the required 'iss' claim"),
    (lambda p: p.update(iss='https://other.example/issuer'), "'iss' does not match"),
    (lambda p: p.pop('jti'), "missing the required 'jti' claim"),
    (lambda p: p.update(jti='urn:uuid:00000000-0000-0000-0000-000000000000'),
     "'jti' does not match"),
    (lambda p: p.pop('sub'), "missing the required 'sub' claim"),
    (lambda p: p.update(sub='urn:uuid:someone-else'), "'sub' does not match"),
    (lambda p: p.update(nbf=p['nbf'] + 5), 'nbf'),
    (lambda p: p.update(vc={'type': ['VerifiableCredential']}), '"vc" claim'),
])
def test_bad_claims_fail(keys, server, mutate, message):
    result = run(token_for(keys, mutate=mutate), jwks_url(server))
    assert not result['verifier_valid'], result
    assert any(message in e for e in result['errors']), result['errors']


def test_legacy_vc_wrapper_fails(keys, server):
    credential = ex.build_credential('https://badges.example.edu')
    claims = ex.jwt_payload(credential)
    payload = {k: claims[k] for k in ('iss', 'jti', 'sub', 'nbf')}
    payload['vc'] = credential
    token = ex.sign(payload, keys[0], 'key-1')
    result = run(token, jwks_url(server))
    assert not result['schema_valid'] and not result['verifier_valid']


def test_subject_without_id_needs_no_sub(keys, server):
    result = run(token_for(keys, subject_id=None), jwks_url(server))
    assert result['schema_valid'] and result['verifier_valid'], result
    # ... but a sub claim there is rejected (it cannot match a missing id).
    result = run(token_for(keys, subject_id=None,
                           mutate=lambda p: p.update(sub='mailto:ada@example.org')),
                 jwks_url(server))
    assert not result['verifier_valid']


def test_expired_and_not_yet_valid(keys, server):
    now = datetime.now(timezone.utc)
    expired = run(token_for(keys, valid_from=now - timedelta(days=2),
                            valid_until=now - timedelta(days=1)), jwks_url(server))
    assert not expired['verifier_valid']
    assert any('expired' in e for e in expired['errors'])
    future = run(token_for(keys, valid_from=now + timedelta(days=1)), jwks_url(server))
    assert not future['verifier_valid']


def test_valid_until_in_the_future_passes(keys, server):
    now = datetime.now(timezone.utc)
    result = run(token_for(keys, valid_until=now + timedelta(days=365)), jwks_url(server))
    assert result['schema_valid'] and result['verifier_valid'], result


def test_header_rules(keys, server):
    import jwt
    payload = ex.jwt_payload(ex.build_credential('https://badges.example.edu'))
    extra = jwt.encode(payload, keys[0], algorithm='RS256',
                       headers={'kid': 'key-1', 'x5u': 'https://x'})
    assert any('not allowed' in e for e in run(extra, jwks_url(server))['errors'])
    rs384 = jwt.encode(payload, keys[0], algorithm='RS384', headers={'kid': 'key-1'})
    assert any("expected 'RS256'" in e for e in run(rs384, jwks_url(server))['errors'])


# ── schema ────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize('mutate, path', [
    (lambda p: p['credentialSubject']['achievement'].pop('criteria'),
     'credentialSubject/achievement'),
    (lambda p: p['credentialSubject']['achievement'].pop('description'),
     'credentialSubject/achievement'),
    (lambda p: p.update(validFrom='yesterday'), 'validFrom'),
    (lambda p: p['credentialSubject']['identifier'][0].update(extra=1),
     'credentialSubject'),
    (lambda p: p['@context'].reverse(), '@context'),
])
def test_schema_violations(keys, server, mutate, path):
    result = run(token_for(keys, mutate=mutate), jwks_url(server))
    assert not result['schema_valid'], result
    assert any(e.startswith('schema: ' + path) for e in result['errors']), result['errors']


# ── revocation (credentialStatus, W3C Bitstring Status List) ─────────────────

def status_list_jwt(key, issuer_id, url, revoked):
    """The list as openbadgeslib reads it: a JWT-VC (same key as the badges,
    issuer == the badge issuer id), payload = the list credential itself."""
    from openbadgeslib.ob3 import build_status_list_credential
    vc = build_status_list_credential(issuer_id, url, 'revocation', revoked)
    payload = dict(vc, iss=issuer_id, jti=url, nbf=int(datetime.now(timezone.utc).timestamp()) - 60)
    return ex.sign(payload, key, 'key-1')


@pytest.mark.parametrize('index, revoked', [(4, False), (3, True)])
def test_check_status(keys, server, index, revoked):
    base, routes = server
    list_url = base + '/status/revocation'
    issuer_id = base + '/issuer'
    routes['/status/revocation'] = status_list_jwt(keys[0], issuer_id, list_url, [3]).encode()

    def add_status(payload):
        payload['credentialStatus'] = {
            'id': '%s#%d' % (list_url, index), 'type': 'BitstringStatusListEntry',
            'statusPurpose': 'revocation', 'statusListIndex': str(index),
            'statusListCredential': list_url}

    token = token_for(keys, base=base, mutate=add_status)
    code, summary = cli(token, '--jwks', jwks_url(server), '--check-status')
    assert summary['schema_valid'], summary
    assert summary['verifier_valid'] is (not revoked), summary
    assert code == (1 if revoked else 0)


def test_token_from_verify_url(keys, server):
    """The credential may be read from a URL serving the compact JWT, or JSON
    holding it (the first compact-JWT string found)."""
    base, routes = server
    token = token_for(keys)
    routes['/v/plain'] = token.encode()
    routes['/v/json'] = json.dumps({'credential': {'format': 'jwt_vc', 'jwt': token}}).encode()
    for path in ('/v/plain', '/v/json'):
        result = run(base + path, jwks_url(server))
        assert result['schema_valid'] and result['verifier_valid'], result
