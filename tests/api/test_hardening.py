"""The API under odd requests: every query parameter filters or is refused, and a body too
large or too deeply nested is a clean 413 or 400 in JSON, never a 500 (issue 15)."""

import json

import pytest
import yaml
from django.utils import timezone

from casework.choices import Kind, State
from casework.models import Case

# -- ?search= is the page's search --------------------------------------------------------


@pytest.fixture
def searchable(world):
    """Three cases, with words to look for in their subjects and contents."""
    flood = world.register(kind=Kind.PETITION, subject="Ngập nước đường Lê Lợi mùa mưa")
    land = world.case_in(State.ACCEPTED, subject="Khiếu nại quyết định thu hồi đất")
    fine = world.register(
        subject="Khiếu nại xử phạt vi phạm hành chính",
        content="Ngập nước trước nhà do cống Lê Lợi bị tắc.",
    )
    return {c.reference: c for c in (flood, land, fine)}


def page_search(client, cases, term: str) -> set[str]:
    """What the list page's search box finds, among these cases."""
    html = client.get("/cases/case/", {"_search": term}).content.decode()
    return {reference for reference in cases if reference in html}


def api_search(api_client, term: str, name: str = "search") -> set[str]:
    response = api_client.get("/api/v1/cases/", {name: term})
    assert response.status_code == 200, response.content
    return {c["reference"] for c in response.json()["results"]}


@pytest.mark.parametrize(
    "term",
    [
        "lê lợi",
        "Ngập Lợi",  # each word, anywhere in the subject
        '"Lê Lợi mùa"',  # a quoted phrase, as one
        "khiếu nại",
        "cống tắc",  # words of a content only: the page does not search contents
        "PROV-",
        "nothing like it",
        "   ",
    ],
)
def test_search_finds_what_the_page_s_search_box_finds(api, world, client, searchable, term):
    client.force_login(world.supervisor)
    expected = page_search(client, searchable, term)
    supervisor = api(world.supervisor)
    assert api_search(supervisor, term) == expected
    assert api_search(supervisor, term, name="q") == expected  # one search, two names


def test_search_narrows_the_list_and_the_export(api, world, searchable):
    [flood] = [r for r, c in searchable.items() if c.subject.startswith("Ngập")]
    supervisor = api(world.supervisor)
    assert api_search(supervisor, "Ngập Lợi") == {flood}
    export = supervisor.get("/api/v1/cases/export/", {"search": "Ngập Lợi"})
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [flood]


def test_the_schema_documents_search_and_every_documented_filter_filters(api, world):
    schema = yaml.safe_load(api().get("/api/v1/schema/").content)
    for path in ("/api/v1/cases/", "/api/v1/cases/export/"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"search", "q", "state", "kind", "assignee", "overdue"} <= names, path
    # Each filter, given a value that no case has, leaves nothing: none is ignored.
    world.case_in(State.ASSIGNED)
    supervisor = api(world.supervisor)
    nothing = {
        "search": "không có",
        "q": "không có",
        "state": "resolved",
        "kind": "petition",
        "assignee": "nobody",
        "overdue": "true",
    }
    for name, value in nothing.items():
        response = supervisor.get("/api/v1/cases/", {name: value})
        assert response.status_code == 200, (name, response.content)
        assert response.json()["count"] == 0, name
    assert supervisor.get("/api/v1/cases/", {"overdue": "false"}).json()["count"] == 1
    queue = {p["name"] for p in schema["paths"]["/api/v1/queues/overdue/"]["get"]["parameters"]}
    assert queue == {"kind", "stage", "assignee", "page", "page_size"}


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/cases/", {"status": "assigned"}),
        ("/api/v1/cases/", {"State": "assigned", "page_size": 5}),
        ("/api/v1/cases/", {"search_fields": "subject"}),
        ("/api/v1/cases/export/", {"status": "assigned"}),
        ("/api/v1/cases/export/", {"page": 2}),  # an export has no pages
        ("/api/v1/queues/overdue/", {"reason": "overdue"}),
        ("/api/v1/queues/mine/", {"kind": "complaint"}),
    ],
)
def test_an_unknown_query_parameter_is_refused_by_name(api, world, path, params):
    response = api(world.supervisor).get(path, params)
    assert response.status_code == 400, response.content
    body = response.json()
    [unknown] = [name for name in params if name not in ("page_size",)]
    assert list(body) == [unknown] and body[unknown], body


def test_the_parameters_every_list_takes_are_not_refused(api, world):
    world.case_in(State.ACCEPTED)
    supervisor = api(world.supervisor)
    for path in ("/api/v1/cases/", "/api/v1/queues/overdue/", "/api/v1/queues/mine/"):
        response = supervisor.get(path, {"page": 1, "page_size": 5, "format": "json"})
        assert response.status_code == 200, (path, response.content)
    export = supervisor.get("/api/v1/cases/export/", {"kind": "complaint", "format": "json"})
    assert export.status_code == 200
    # A case's own URL takes no filters, and refuses none (it answers the case).
    case = Case.objects.get()
    assert supervisor.get(f"/api/v1/cases/{case.pk}/", {"status": "x"}).status_code == 200


def test_a_filter_value_that_is_not_one_is_refused(api, world):
    supervisor = api(world.supervisor)
    for params in ({"overdue": "maybe"}, {"state": "lost"}, {"kind": "lawsuit"}):
        response = supervisor.get("/api/v1/cases/", params)
        assert response.status_code == 400, (params, response.content)
        assert list(response.json()) == list(params)


# -- bodies too large or too deep ---------------------------------------------------------


def test_a_30_mb_body_is_413_in_json(api, world):
    body = json.dumps({**_complaint(), "content": "x" * (30 * 1024 * 1024)})
    response = api(world.intake).post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 413, response.content[:200]
    assert response["Content-Type"].startswith("application/json")
    assert "too large" in response.json()["detail"]
    assert not Case.objects.exists()


def test_the_api_answers_413_even_without_the_middleware(api, world, settings):
    """The API does not lean on the pages' middleware: its own error handler says 413."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "RequestSizeLimit" not in m]
    body = json.dumps({**_complaint(), "content": "x" * (3 * 1024 * 1024)})
    response = api(world.intake).post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 413, response.content[:200]
    assert "detail" in response.json()


@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_a_deeply_nested_body_is_400_in_json(api, world, depth):
    response = api(world.intake).post(
        "/api/v1/cases/", "[" * depth, content_type="application/json"
    )
    assert response.status_code == 400, response.content[:200]
    assert response.json()["detail"]
    case = world.case_in(State.ACCEPTED)
    response = api(world.supervisor).post(
        f"/api/v1/cases/{case.pk}/transitions/suspend/",
        '{"reason": ' + "[" * depth,
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["detail"]


def test_a_body_of_ordinary_size_is_still_taken(api, world):
    response = api(world.intake).post(
        "/api/v1/cases/", {**_complaint(), "content": "Nội dung. " * 4000}, format="json"
    )
    assert response.status_code == 201, response.content[:300]


def _complaint() -> dict:
    return {
        "kind": "complaint",
        "channel": "online",
        "subject": "Khiếu nại quyết định xử phạt",
        "content": "Đề nghị xem xét lại quyết định xử phạt.",
        "received_on": timezone.localdate().isoformat(),
        "petitioners": [{"full_name": "Phạm Thị Cúc", "id_number": "079190001234"}],
    }
