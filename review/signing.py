"""Who made a package: every desk's own signing key, and the enrolment of reviewers' laptops.

Why these mechanisms (SECURITY.md says the same for users):
- Every desk has an Ed25519 key pair (`cryptography`), made on first need and kept in its
  database. A package's manifest, which lists the SHA-256 of every member, is signed with it,
  so a changed byte anywhere, or checksums recomputed by anyone without the key, fails.
  Ed25519 rather than an HMAC: the laptop's public key can travel in the clear (on the same USB
  stick as the package) without letting whoever copies it sign in that laptop's name.
- A work package carries a secret made for it alone (an HMAC, Python's `hmac`, of the package
  id under a key only the coordinator's desk holds, so the desk need not store it). A laptop
  that imported the work package proves so in each results package: an HMAC of its own public
  key under that secret. The coordinator's desk recomputes the secret from the package id, so
  only laptops that received a work package from this desk can be enrolled, each under its own
  key: two laptops sharing a work package are told apart.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

KEYS_SETTING = "package_keys"


@dataclass(frozen=True)
class DeskKeys:
    signing: bytes  # Ed25519 private key, raw 32 bytes
    enrolment: bytes  # 32 random bytes: the key work packages' secrets are derived from
    public: str  # the Ed25519 public key, 64 hex digits: how other desks know this one

    def sign(self, data: bytes) -> str:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.signing).sign(data).hex()

    def work_secret(self, batch: str, package_id: str) -> str:
        """The secret a work package of this desk carries; recomputed to check enrolments."""
        return _mac(self.enrolment, "work", batch, package_id)

    def to_json(self) -> str:
        return json.dumps({"signing": self.signing.hex(), "enrolment": self.enrolment.hex()})


def new_keys() -> DeskKeys:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes_raw()
    return DeskKeys(raw, secrets.token_bytes(32), private.public_key().public_bytes_raw().hex())


def keys_from_json(text: str) -> DeskKeys:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    saved = json.loads(text)
    signing = bytes.fromhex(saved["signing"])
    public = Ed25519PrivateKey.from_private_bytes(signing).public_key().public_bytes_raw().hex()
    return DeskKeys(signing, bytes.fromhex(saved["enrolment"]), public)


def signature_valid(public: str, data: bytes, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(bytes.fromhex(signature), data)
    except (ValueError, InvalidSignature):
        return False
    return True


def enrolment_proof(work_secret: str, batch: str, package_id: str, laptop_key: str) -> str:
    """What a laptop shows to prove it received work package `package_id`: bound to its own key,
    so the proof cannot be lifted onto another laptop's results."""
    return _mac(bytes.fromhex(work_secret), "enrol", batch, package_id, laptop_key)


def proof_valid(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), given.encode("ascii", "replace"))


def fingerprint(public: str) -> str:
    """A key as people compare it over the phone: 16 hex digits in groups of four."""
    digits = hashlib.sha256(bytes.fromhex(public)).hexdigest()[:16].upper()
    return " ".join(digits[i:i + 4] for i in range(0, 16, 4))


def _mac(key: bytes, *parts: str) -> str:
    message = "\n".join(("review-desk",) + parts).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
