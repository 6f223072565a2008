"""Vietnamese is the default language, and every string has its Vietnamese."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
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
        world.perform(world.register(), "transfer", to_agency="")
    assert refused.value.errors["to_agency"] == ["Trường này là bắt buộc."]


def test_door_answers_in_english(world):
    case = world.case_in(State.RESOLVED)
    with translation.override("en"), pytest.raises(StateConflict) as refused:
        world.perform(case, "accept")
    assert "Resolved" in str(refused.value.detail)
