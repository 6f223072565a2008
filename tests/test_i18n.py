"""Vietnamese is the default language, and every string has its Vietnamese."""

import contextlib
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from casework.choices import State
from workflows.errors import InvalidPayload, StateConflict

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_vietnamese_catalogue_is_complete():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_door_answers_in_vietnamese(world):
    case = world.case_in(State.RESOLVED)
    with translation.override("vi"), pytest.raises(StateConflict) as refused:
        world.perform(case, "accept")
    assert "Đã giải quyết" in str(refused.value.detail)
    with translation.override("vi"), pytest.raises(InvalidPayload) as refused:
        world.perform(world.register(kind="petition"), "transfer", to_agency="")
    assert refused.value.errors["to_agency"] == ["Trường này là bắt buộc."]


def test_door_answers_in_english(world):
    case = world.case_in(State.RESOLVED)
    with translation.override("en"), pytest.raises(StateConflict) as refused:
        world.perform(case, "accept")
    assert "Resolved" in str(refused.value.detail)


def test_english_catalogue_is_complete():
    catalogue = polib.pofile(str(CATALOGUE).replace("/vi/", "/en/"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_string_of_the_code_is_in_the_catalogues(tmp_path, language):
    # makemessages over a copy of the code: every msgid it finds must be in the committed
    # catalogue (a string added without running makemessages fails here).
    base = Path(settings.BASE_DIR)
    for name in ("api", "casework", "config", "permissions", "templates", "workflows"):
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "locale").mkdir()
    with contextlib.chdir(tmp_path):
        call_command("makemessages", locale=[language], verbosity=0)
    found = polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(base / "locale" / language / "LC_MESSAGES" / "django.po"))
    translated = {(e.msgctxt, e.msgid) for e in committed.translated_entries()}
    missing = sorted(e.msgid for e in found if (e.msgctxt, e.msgid) not in translated)
    assert missing == []
