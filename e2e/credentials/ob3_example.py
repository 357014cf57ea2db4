#!/usr/bin/env python3
"""A reference OB 3.0 VC-JWT (RS256), shaped the way verify_ob3.py and
openbadgeslib accept it -- what the Swift issuer (jwt-kit 5) must produce.

    python3 ob3_example.py OUTDIR [--base https://badges.example.edu]

writes OUTDIR/{credential.json, header.json, token.jwt, jwks.json,
private.pem, public.pem}. Used by test_verify_ob3.py.
"""

import argparse
import hashlib
import json
import os
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

OB3_CONTEXT = [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
]
SCHEMA_ID = ('https://purl.imsglobal.org/spec/ob/v3p0/schema/json/'
             'ob_v3p0_achievementcredential_schema.json')


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_jwk(key: Any, kid: str) -> dict:
    pub = key.public_key() if hasattr(key, 'public_key') else key
    jwk = json.loads(RSAAlgorithm.to_jwk(pub))        # kty, n, e only
    jwk.update({'kid': kid, 'use': 'sig', 'alg': 'RS256'})
    return jwk


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime('%Y-%m-%dT%H:%M:%SZ')


def build_credential(base: str, *, valid_from: Optional[datetime] = None,
                     valid_until: Optional[datetime] = None,
                     subject_id: Optional[str] = 'urn:uuid:7d2c9b0e-3c1a-4c55-9d0e-2f1b6a4e8c11',
                     email: Optional[str] = 'ada@example.org') -> dict:
    valid_from = valid_from or datetime.now(timezone.utc) - timedelta(minutes=1)
    salt = 'f3a1c2'
    subject: dict = {'type': ['AchievementSubject']}
    if subject_id:
        subject['id'] = subject_id
    if email:
        subject['identifier'] = [{
            'type': 'IdentityObject',
            'identityHash': 'sha256$' + hashlib.sha256((email + salt).encode()).hexdigest(),
            'identityType': 'emailAddress',
            'hashed': True,
            'salt': salt,
        }]
    subject['achievement'] = {
        'id': base + '/achievements/survey-completion',
        'type': ['Achievement'],
        'name': 'Survey completed',
        'description': 'Completed the course evaluation survey.',
        'criteria': {'narrative': 'Submit every required question of the survey.'},
    }
    credential = {
        '@context': list(OB3_CONTEXT),
        'id': 'urn:uuid:%s' % uuid.uuid4(),
        'type': ['VerifiableCredential', 'OpenBadgeCredential'],
        'issuer': {'id': base + '/issuer', 'type': ['Profile'], 'name': 'Collegium',
                   'url': base},
        'validFrom': iso(valid_from),
        'name': 'Survey completed',
        'credentialSubject': subject,
        'credentialSchema': [{'id': SCHEMA_ID, 'type': '1EdTechJsonSchemaValidator2019'}],
    }
    if valid_until is not None:
        credential['validUntil'] = iso(valid_until)
    return credential


def jwt_payload(credential: dict) -> dict:
    """The credential itself + registered claims (no "vc" wrapper, no iat)."""
    payload = dict(credential)
    payload['iss'] = credential['issuer']['id']
    payload['jti'] = credential['id']
    subject_id = credential['credentialSubject'].get('id')
    if subject_id is not None:          # omit sub when the subject has no id
        payload['sub'] = subject_id
    payload['nbf'] = int(datetime.fromisoformat(
        credential['validFrom'].replace('Z', '+00:00')).timestamp())
    if 'validUntil' in credential:
        payload['exp'] = int(datetime.fromisoformat(
            credential['validUntil'].replace('Z', '+00:00')).timestamp())
    return payload


def sign(payload: dict, key: Any, kid: str) -> str:
    # PyJWT puts alg and typ first and adds only what `headers` holds.
    return jwt.encode(payload, key, algorithm='RS256', headers={'kid': kid, 'typ': 'JWT'})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('outdir')
    parser.add_argument('--base', default='https://badges.example.edu')
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    key = new_key()
    kid = args.base + '/.well-known/jwks.json#key-1'
    credential = build_credential(args.base)
    payload = jwt_payload(credential)
    token = sign(payload, key, kid)
    files = {
        'credential.json': json.dumps(payload, indent=2),
        'header.json': json.dumps(jwt.get_unverified_header(token), indent=2),
        'token.jwt': token,
        'jwks.json': json.dumps({'keys': [public_jwk(key, 'key-1')]}, indent=2),
        'private.pem': key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()).decode(),
        'public.pem': key.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
    }
    for name, text in files.items():
        with open(os.path.join(args.outdir, name), 'w') as handle:
            handle.write(text + '\n')
    print(os.path.join(args.outdir, 'token.jwt'))


if __name__ == '__main__':
    main()
