"""The API shows a denouncer's identity in the one case's answer only, and logs the reading."""

from casework.choices import Kind, State
from tests.permissions.test_identity_readings import readings
from workflows.selectors import case_list_done


def test_the_api_shows_the_identity_in_one_case_only_and_logs_it(api, world):
    case = world.case_in(State.ASSIGNED, kind=Kind.DENUNCIATION)
    listed = api(world.supervisor).get("/api/v1/cases/?kind=denunciation").json()["results"]
    row = next(r for r in listed if r["id"] == case.pk)
    assert row["petitioners"][0]["identity_protected"] is True
    assert "Nguyễn Văn An" not in str(listed)
    assert readings(case) == []
    one = api(world.supervisor).get(f"/api/v1/cases/{case.pk}/").json()
    assert one["petitioners"][0]["full_name"] == "Nguyễn Văn An"
    assert [e.actor for e in readings(case)] == [world.supervisor]
    assert case_list_done(user=world.supervisor).filter(pk=case.pk).exists()  # it acted on it
    before = len(readings(case))
    api(world.investigator).get(f"/api/v1/cases/{case.pk}/")
    assert len(readings(case)) == before
