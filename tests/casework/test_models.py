import pytest

from casework.choices import State
from casework.models import Case


def test_state_cannot_be_assigned_directly(world):
    case = Case.objects.get(pk=world.register().pk)
    with pytest.raises(AttributeError):
        case.state = State.RESOLVED
    assert Case.objects.get(pk=case.pk).state == State.RECEIVED


def test_extension_allowance_follows_complexity_by_the_rule(world):
    def accepted(**flags):
        return world.case_in(State.ACCEPTED, kind="denunciation", **flags)

    assert accepted().extensions_allowed == 0
    assert accepted(is_complex=True).extensions_allowed == 1
    assert accepted(is_especially_complex=True).extensions_allowed == 2
    assert world.case_in(State.ACCEPTED, is_especially_complex=True).extensions_allowed == 0
    # Before acceptance there is no resolution deadline to extend.
    assert Case(kind="denunciation", is_complex=True).extensions_allowed == 0
    assert world.register(kind="denunciation", is_complex=True).extensions_allowed == 0
