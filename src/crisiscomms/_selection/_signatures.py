"""Signed approvals: who approved a template, verifiably (Ed25519).

A digest proves that a template was not changed by accident since it was
approved; anyone who edits the plan can compute a new one. A signature
proves that the holder of a private key, whose public key the plan gives
for that person, approved this digest (this text, for this scope) at this
time. Keys are the caller's: nothing here stores a key or reads one.

The signed bytes are `approval_payload`: a JSON object, keys sorted, no
spaces, UTF-8, of ``form`` (``"crisiscomms.approval/1"``), ``digest``,
``approver``, and ``approved_at`` and ``expires_at`` as whole microseconds
since 1970-01-01T00:00Z (``null`` for no expiry), so the same instant written
in any zone signs the same bytes.

`cryptography` is imported only when a signature is made or checked, so a
plan without signatures never loads it.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from crisiscomms._errors import InputError
from crisiscomms.model._elements import Approval, Person, Signature

__all__ = [
    "PrivateKey",
    "approval_payload",
    "public_key_of",
    "sign_approval",
    "signature_holds",
]


@runtime_checkable
class PrivateKey(Protocol):
    """An Ed25519 private key as cryptography's ``Ed25519PrivateKey`` offers it."""

    def sign(self, data: bytes, /) -> bytes: ...  # pragma: no cover

    def public_key(self) -> Any: ...  # pragma: no cover


_FORM = "crisiscomms.approval/1"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _micros(value: datetime | None) -> int | None:
    # Subtracting aware datetimes never overflows, unlike converting to UTC near year 1.
    return None if value is None else (value - _EPOCH) // timedelta(microseconds=1)


def approval_payload(approval: Approval, /, approver: str) -> bytes:
    """The bytes `approver` signs for `approval`: its canonical form (see the module).

    Sign them with any Ed25519 signer (a hardware key, another program) when
    the private key must not reach Python; `sign_approval` does it in process.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms import Approval
    >>> a = Approval(approved_by=["amelie"], digest="0" * 64,
    ...              approved_at=datetime(1970, 1, 1, 0, 0, 1, tzinfo=timezone.utc))
    >>> approval_payload(a, "amelie")[:60]
    b'{"approved_at":1000000,"approver":"amelie","digest":"0000000'
    """
    if not isinstance(approval, Approval):
        raise InputError.for_argument("approval", "a crisiscomms.Approval", approval)
    if not isinstance(approver, str):
        raise InputError.for_argument("approver", "a person id", approver)
    document = {
        "approved_at": _micros(approval.approved_at),
        "approver": approver,
        "digest": approval.digest,
        "expires_at": _micros(approval.expires_at),
        "form": _FORM,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _private_key(private_key: object) -> PrivateKey:
    # Lazily: a plan without signatures never loads cryptography.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (  # noqa: PLC0415
        Ed25519PrivateKey,
    )

    if isinstance(private_key, Ed25519PrivateKey):
        return private_key
    if isinstance(private_key, bytes) and len(private_key) == 32:
        return Ed25519PrivateKey.from_private_bytes(private_key)
    raise InputError.for_argument(
        "private_key",
        "an Ed25519 private key (cryptography's Ed25519PrivateKey, or its 32 raw bytes)",
        private_key,
        hint="load the approver's key with cryptography; crisiscomms never stores one",
    )


def public_key_of(private_key: PrivateKey | bytes, /) -> str:
    """The public key of `private_key` as `Person.public_keys` holds it (64 hex digits).

    >>> public_key_of(bytes(32))[:16]
    '3b6a27bcceb6a42d'
    """
    key = _private_key(private_key).public_key()
    return str(key.public_bytes_raw().hex())


def sign_approval(approval: Approval, /, *, by: str, private_key: PrivateKey | bytes) -> Approval:
    """A copy of `approval` with `by`'s Ed25519 signature of it (replacing an earlier one).

    The private key is the caller's (cryptography's ``Ed25519PrivateKey`` or its
    32 raw bytes); it is used once and kept nowhere. `by` must be one of the
    approval's `approved_by`: a signature vouches for one named approver.

    Raises:
        InputError: `by` is not among the approvers, or the key is not an
            Ed25519 private key.

    >>> from datetime import datetime, timezone
    >>> from crisiscomms import Approval
    >>> key = bytes(range(32))
    >>> a = Approval(approved_by=["amelie"], digest="0" * 64,
    ...              approved_at=datetime(2026, 1, 5, tzinfo=timezone.utc))
    >>> signed = sign_approval(a, by="amelie", private_key=key)
    >>> [s.by for s in signed.signatures], len(signed.signatures[0].value)
    (['amelie'], 128)
    >>> public_key_of(key)[:16]
    '03a107bff3ce10be'

    Give the approver's public key to their `Person` (``public_keys``) so that
    `approval_status` can verify the signature.
    """
    payload = approval_payload(approval, by)
    if by not in approval.approved_by:
        raise InputError.for_value(
            "by",
            f"one of the approvers {list(approval.approved_by)!r}",
            by,
            hint="a signature vouches for an approver the approval names",
        )
    value = _private_key(private_key).sign(payload).hex()
    kept = tuple(s for s in approval.signatures if s.by != by)
    return approval.model_copy(update={"signatures": (*kept, Signature(by=by, value=value))})


def signature_holds(approval: Approval, signature: Signature, person: Person) -> bool:
    """True when `signature` of `approval` verifies with one of `person`'s public keys."""
    payload = approval_payload(approval, signature.by)
    return any(_verifies(key, signature.value, payload) for key in person.public_keys)


@functools.lru_cache(maxsize=16_384)
def _verifies(key: str, signature: str, payload: bytes) -> bool:
    """True when the hex `signature` of `payload` verifies with the hex public `key`.

    Remembered: a review or a selection judges the same approval once per message
    or target, and an Ed25519 verification costs about 100 µs.
    """
    from cryptography.exceptions import InvalidSignature  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (  # noqa: PLC0415
        Ed25519PublicKey,
    )

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(key)).verify(
            bytes.fromhex(signature), payload
        )
    except (InvalidSignature, ValueError):
        return False
    return True
