"""The permission matrix: every role x every page and API endpoint x a case of the own unit and
of another unit. The expected answers are written out by hand from the Permissions issue and
DESIGN.md; a cell not listed as allowed must answer exactly as the table says.

Roles: the registering intake officer, the assigned investigator, another investigator of the
unit, the unit's supervisor, its auditor, a superuser, a user with the administrator role, and
nobody logged in.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.choices import Role, State
from tests.conftest import make_user
from tests.workflows.test_attachments import PDF
from workflows.services.attachments import attachment_add

ROLES = [
    "intake",
    "investigator",
    "investigator_other",
    "supervisor",
    "auditor",
    "admin",
    "administrator",
    "anonymous",
]
#: Who sees each case (DESIGN.md "Permissions": scope by unit, registrar, assignee; admin all).
SEES = {
    "own": {"intake", "investigator", "supervisor", "auditor", "admin", "administrator"},
    "other": {"admin", "administrator"},
}
#: Who may take each action on a case they see (the door's grants). "admin" is a superuser,
#: who holds every permission; "administrator" holds the role, which reads and never acts.
MAY = {
    "suspend": {"supervisor", "admin"},
    "record_findings": {"investigator", "admin"},
    # The registering intake officer attaches the papers brought to the desk (issue 15).
    "attach": {"supervisor", "investigator", "intake", "admin"},
}


def user_of(world, role):
    return {
        "intake": world.intake,
        "investigator": world.investigator,
        "investigator_other": world.investigator2,
        "supervisor": world.supervisor,
        "auditor": world.auditor,
        "admin": world.admin,
        "administrator": make_user("administrator", world.prov, [Role.ADMINISTRATOR]),
        "anonymous": None,
    }[role]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cases(world):
    own = world.case_in(State.ASSIGNED)  # registered by intake, assigned to inv1
    other = world.register(actor=world.other_intake)
    other = world.perform(other, "accept", actor=world.other_supervisor)
    other = world.perform(
        other, "assign", actor=world.other_supervisor, assignee=world.other_investigator.username
    )
    files = {
        "own": attachment_add(
            case_id=own.pk, actor=world.supervisor, upload=SimpleUploadedFile("a.pdf", PDF)
        ),
        "other": attachment_add(
            case_id=other.pk,
            actor=world.other_supervisor,
            upload=SimpleUploadedFile("b.pdf", PDF),
        ),
    }
    return {"own": own, "other": other, "files": files}


def page_client(world, role):
    client = Client()
    user = user_of(world, role)
    if user is not None:
        client.force_login(user)
    return client


def api_client(world, role):
    client = APIClient()
    user = user_of(world, role)
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def see(role, unit, *, allowed, ok, anonymous, hidden=404, refused=403):
    """The answer for a case endpoint: anonymous, hidden (404), allowed (ok) or refused."""
    if role == "anonymous":
        return anonymous
    if role not in SEES[unit]:
        return hidden
    return ok if role in allowed else refused


EVERYONE = set(ROLES)
# (name, surface, method, url, data, expected(role, unit))
CASE_ENDPOINTS = [
    ("case page", "page", "get", "/cases/case/{pk}/detail/", None,
     lambda r, u: see(r, u, allowed=EVERYONE, ok=200, anonymous=302)),
    ("action form", "page", "get", "/cases/case/{pk}/act/suspend/", None,
     lambda r, u: see(r, u, allowed=EVERYONE, ok=200, anonymous=302)),
    ("action taken", "page", "post", "/cases/case/{pk}/act/suspend/", {"reason": "Chờ giám định"},
     lambda r, u: see(r, u, allowed=MAY["suspend"], ok=302, anonymous=302)),
    ("attachment download", "page", "get", "/cases/case/{pk}/attachments/{file}/", None,
     lambda r, u: see(r, u, allowed=EVERYONE, ok=200, anonymous=302)),
    ("attachment upload", "page", "post", "/cases/case/{pk}/attachments/add/", "file",
     lambda r, u: see(r, u, allowed=MAY["attach"], ok=302, anonymous=302)),
    ("case", "api", "get", "/api/v1/cases/{pk}/", None,
     lambda r, u: see(r, u, allowed=EVERYONE, ok=200, anonymous=401)),
    ("its transitions", "api", "get", "/api/v1/cases/{pk}/transitions/", None,
     lambda r, u: see(r, u, allowed=EVERYONE, ok=200, anonymous=401)),
    ("its events", "api", "get", "/api/v1/cases/{pk}/events/", None,
     lambda r, u: see(r, u, allowed=EVERYONE, ok=200, anonymous=401)),
    ("suspend", "api", "post", "/api/v1/cases/{pk}/transitions/suspend/", {"reason": "Chờ"},
     lambda r, u: see(r, u, allowed=MAY["suspend"], ok=200, anonymous=401)),
    ("record findings", "api", "post", "/api/v1/cases/{pk}/transitions/record_findings/",
     {"findings": "Đã xác minh.", "demand_differs": False},
     lambda r, u: see(r, u, allowed=MAY["record_findings"], ok=200, anonymous=401)),
    ("unknown action", "api", "post", "/api/v1/cases/{pk}/transitions/nothing/", {},
     lambda r, u: 401 if r == "anonymous" else 404),
]  # fmt: skip

CASE_CELLS = [
    (endpoint, role, unit) for endpoint in CASE_ENDPOINTS for role in ROLES for unit in SEES
]


@pytest.mark.parametrize(
    ("endpoint", "role", "unit"),
    CASE_CELLS,
    ids=[f"{e[0]}-{r}-{u}" for e, r, u in CASE_CELLS],
)
def test_case_endpoints(world, cases, endpoint, role, unit):
    name, surface, method, url, data, expected = endpoint
    case = cases[unit]
    url = url.format(pk=case.pk, file=cases["files"][unit].pk)
    client = page_client(world, role) if surface == "page" else api_client(world, role)
    if data == "file":
        data = {"file": SimpleUploadedFile("c.pdf", PDF)}
    if method == "get":
        response = client.get(url)
    elif surface == "api":
        response = client.post(url, data, format="json")
    else:
        response = client.post(url, data)
    assert response.status_code == expected(role, unit), (name, role, unit)
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    if response.status_code in (403, 404) and surface == "api":
        # Nothing of the case leaks into a refusal.
        assert case.reference not in response.content.decode()


def listing(role, *, anonymous, allowed=EVERYONE, refused=403, ok=200):
    if role == "anonymous":
        return anonymous
    return ok if role in allowed else refused


SUPERVISING = {"supervisor", "admin"}
OVERSEEING = {"supervisor", "auditor", "admin", "administrator"}
REGISTERING = {"intake", "supervisor", "admin"}  # a supervisor may register at the counter too
# (name, surface, url, expected(role), lists the cases the role sees)
LIST_ENDPOINTS = [
    ("all my cases", "page", "/cases/case/", lambda r: listing(r, anonymous=302), True),
    ("my work", "page", "/cases/mine/", lambda r: listing(r, anonymous=302), False),
    ("unit queue", "page", "/cases/queue/",
     lambda r: listing(r, anonymous=302, allowed=SUPERVISING), False),
    ("dashboard", "page", "/cases/dashboard/",
     lambda r: listing(r, anonymous=302, allowed=OVERSEEING), False),
    ("done", "page", "/cases/done/", lambda r: listing(r, anonymous=302), False),
    ("notifications", "page", "/cases/notifications/", lambda r: listing(r, anonymous=302),
     False),
    ("register", "page", "/cases/case/register/",
     lambda r: listing(r, anonymous=302, allowed=REGISTERING), False),
    ("procedures", "page", "/procedures/", lambda r: listing(r, anonymous=302), False),
    ("cases", "api", "/api/v1/cases/", lambda r: listing(r, anonymous=401), True),
    ("overdue queue", "api", "/api/v1/queues/overdue/", lambda r: listing(r, anonymous=401),
     False),
    ("my cases", "api", "/api/v1/queues/mine/", lambda r: listing(r, anonymous=401), False),
    ("on-time rate", "api", "/api/v1/reports/on-time/", lambda r: listing(r, anonymous=401),
     False),
    ("units", "api", "/api/v1/units/", lambda r: listing(r, anonymous=401), False),
    ("me", "api", "/api/v1/me/", lambda r: listing(r, anonymous=401), False),
]  # fmt: skip

LIST_CELLS = [(endpoint, role) for endpoint in LIST_ENDPOINTS for role in ROLES]


@pytest.mark.parametrize(
    ("endpoint", "role"), LIST_CELLS, ids=[f"{e[0]}-{r}" for e, r in LIST_CELLS]
)
def test_list_endpoints(world, cases, endpoint, role):
    name, surface, url, expected, lists_cases = endpoint
    client = page_client(world, role) if surface == "page" else api_client(world, role)
    response = client.get(url)
    assert response.status_code == expected(role), (name, role)
    if lists_cases and response.status_code == 200:
        body = response.content.decode()
        for unit in SEES:
            shown = cases[unit].reference in body
            assert shown == (role in SEES[unit]), (name, role, unit)


def test_the_matrix_has_the_size_the_note_reports():
    assert len(CASE_CELLS) + len(LIST_CELLS) == 11 * 8 * 2 + 14 * 8 == 288
