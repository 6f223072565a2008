import pytest

from casework.choices import State
from casework.models import Case


def test_state_cannot_be_assigned_directly(world):
    case = Case.objects.get(pk=world.register().pk)
    with pytest.raises(AttributeError):
        case.state = State.RESOLVED
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED


def test_extension_allowance_follows_complexity(world):
    base = {"kind": "denunciation"}
    assert Case(**base).extensions_allowed == 0
    assert Case(**base, is_complex=True).extensions_allowed == 1
    assert Case(**base, is_complex=True, is_especially_complex=True).extensions_allowed == 2
    assert Case(kind="complaint", is_especially_complex=True).extensions_allowed == 0
