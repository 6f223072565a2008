"""Correcting a case's facts through the API."""

from datetime import date


def test_amend_through_the_api_returns_the_moved_deadline(api, world):
    case = world.register(received_on="2026-02-20")
    case = world.perform(case, "accept", on=date(2026, 3, 2))
    response = api(world.supervisor).post(
        f"/api/v1/cases/{case.pk}/transitions/amend/",
        {"is_remote_area": True, "is_complex": None, "reason": "Xã vùng sâu."},
        format="json",
    )
    assert response.status_code == 200, response.content
    resolution = next(d for d in response.json()["deadlines"] if d["stage"] == "resolution")
    assert (resolution["period"], resolution["due_on"]) == (45, "2026-04-16")
    bad = api(world.supervisor).post(
        f"/api/v1/cases/{case.pk}/transitions/amend/", {"is_complex": "maybe"}, format="json"
    )
    assert bad.status_code == 400
    assert bad.json() == {
        "is_complex": ["Must be a valid boolean."],
        "reason": ["This field is required."],
    }
