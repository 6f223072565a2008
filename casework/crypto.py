"""Identities at rest: encrypted (Fernet, keys from the environment), and found again through a
blind index (a keyed hash of the normalised value) without ever being decrypted by a query.

A database dump alone then reveals no denouncer: it holds tokens and hashes, and the keys
live in the environment of the running service (settings.IDENTITY_KEYS, IDENTITY_INDEX_KEY).
"""

import hashlib
import hmac
import re
import unicodedata
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.IDENTITY_KEYS])


@receiver(setting_changed)
def _keys_changed(*, setting, **kwargs):
    if setting in ("IDENTITY_KEYS", "IDENTITY_INDEX_KEY"):
        _fernet.cache_clear()


def identity_encrypt(text: str) -> str:
    """The token stored for a piece of identity; "" stays "" (nothing to hide)."""
    if not text:
        return ""
    return _fernet().encrypt(text.encode()).decode()


def identity_decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as wrong:
        raise InvalidToken(
            "An identity cannot be decrypted with IDENTITY_KEY: is the key the one it was "
            "encrypted with (or among the keys, when rotating)?"
        ) from wrong


def identity_bytes_encrypt(content: bytes) -> bytes:
    """A file that identifies someone, encrypted with the identities' key."""
    return _fernet().encrypt(content)


def identity_bytes_decrypt(stored: bytes) -> bytes:
    return _fernet().decrypt(stored)


def identity_reencrypt(token: str) -> str:
    """The token under the first (newest) key: for a key rotation."""
    return _fernet().rotate(token.encode()).decode() if token else ""


def normal_form(value: str) -> str:
    """How two spellings of the same name or number compare: Unicode NFC, case folded (Ư and
    ư alike, in any database), spaces collapsed; an ID number without spaces or dots."""
    value = unicodedata.normalize("NFC", value or "").casefold()
    return re.sub(r"\s+", " ", value).strip()


def blind_index(field: str, value: str) -> str:
    """A keyed hash of the normalised value: equal for equal values, meaningless without the
    key. "" for an empty value (it matches nothing)."""
    value = normal_form(value)
    if field == "id_number":
        value = re.sub(r"[\s.\-]", "", value)
    if not value:
        return ""
    key = settings.IDENTITY_INDEX_KEY.encode()
    return hmac.new(key, f"{field}:{value}".encode(), hashlib.sha256).hexdigest()
