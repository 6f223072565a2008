"""Identities are encrypted at rest: a database dump alone reveals no denouncer."""

import importlib
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.db import connection

from casework.choices import Kind
from casework.crypto import blind_index, identity_reencrypt
from casework.models import PartyIdentity

DENOUNCER = {
    "full_name": "Hoàng Thị Canary",
    "id_number": "031199887766",
    "address": "12 ngõ Bí Mật, Hà Nội",
    "phone": "0987 654 321",
    "email": "canary@example.vn",
    "role": "denouncer",
}
FIELDS = ("full_name", "id_number", "address", "phone", "email")


def raw_row(identity_id):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(FIELDS)}, name_key, id_number_key "  # noqa: S608
            "FROM casework_partyidentity WHERE id = %s",
            [identity_id],
        )
        return cursor.fetchone()


def denunciation(world):
    return world.register(kind=Kind.DENUNCIATION, parties=[DENOUNCER])


def test_the_database_holds_tokens_and_hashes_not_the_identity(world):
    case = denunciation(world)
    identity = PartyIdentity.objects.get(party__case=case)
    row = raw_row(identity.pk)
    dump = " ".join(row)
    for secret in ("Canary", "031199887766", "Bí Mật", "654", "canary@"):
        assert secret not in dump
    assert all(value.startswith("gAAAAA") for value in row[:5])  # Fernet tokens
    assert len(row[5]) == len(row[6]) == 64  # keyed hashes
    assert (identity.full_name, identity.id_number, identity.email) == (
        "Hoàng Thị Canary",
        "031199887766",
        "canary@example.vn",
    )


def test_without_the_key_a_dump_cannot_be_read(world, settings):
    case = denunciation(world)
    settings.IDENTITY_KEYS = [Fernet.generate_key().decode()]  # someone else's key
    with pytest.raises(InvalidToken):
        PartyIdentity.objects.get(party__case=case).full_name  # noqa: B018


def test_keys_rotate_new_first_old_still_reads(world, settings):
    case = denunciation(world)
    old = settings.IDENTITY_KEYS[0]
    settings.IDENTITY_KEYS = [Fernet.generate_key().decode(), old]
    identity = PartyIdentity.objects.get(party__case=case)
    assert identity.full_name == "Hoàng Thị Canary"
    token = raw_row(identity.pk)[0]
    rotated = identity_reencrypt(token)
    settings.IDENTITY_KEYS = settings.IDENTITY_KEYS[:1]  # the old key retired
    with pytest.raises(InvalidToken):
        PartyIdentity.objects.get(pk=identity.pk).full_name  # noqa: B018
    identity.full_name = "Hoàng Thị Canary"  # re-saved under the new key
    identity.save()
    assert PartyIdentity.objects.get(pk=identity.pk).full_name == "Hoàng Thị Canary"
    assert rotated != token


def test_the_blind_index_matches_spellings_of_the_same_name_and_number():
    assert blind_index("full_name", "NGUYỄN  VĂN An") == blind_index("full_name", "Nguyễn Văn An")
    assert blind_index("id_number", "079 090.001-111") == blind_index("id_number", "079090001111")
    assert blind_index("full_name", "Nguyễn Văn Anh") != blind_index("full_name", "Nguyễn Văn An")
    assert blind_index("full_name", "") == ""


def test_identities_stored_in_clear_before_the_migration_are_encrypted_by_it(world):
    case = world.register()
    identity = PartyIdentity.objects.get(party__case=case)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE casework_partyidentity SET full_name = %s, id_number = %s, name_key = '', "
            "id_number_key = '' WHERE id = %s",
            ["Nguyễn Văn An", "001204012345", identity.pk],
        )
    migration = importlib.import_module("casework.migrations.0006_identity_encrypted")
    migration.encrypt_existing(None, SimpleNamespace(connection=connection))
    migration.encrypt_existing(None, SimpleNamespace(connection=connection))  # idempotent
    row = raw_row(identity.pk)
    assert "Nguyễn" not in row[0] and row[0].startswith("gAAAAA")
    assert row[5] == blind_index("full_name", "Nguyễn Văn An")
    assert PartyIdentity.objects.get(pk=identity.pk).full_name == "Nguyễn Văn An"
