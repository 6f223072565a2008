import pytest
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from casework.choices import Kind, Role, State
from casework.models import Unit, User
from permissions.roles import role_groups_ensure, user_set_roles
from workflows.management import demo_data
from workflows.services import case_perform, case_register

PATHS = {
    State.RECEIVED: [],
    State.ACCEPTED: ["accept"],
    State.ASSIGNED: ["accept", "assign"],
    State.INVESTIGATED: ["accept", "assign", "record_findings"],
    State.RESOLVED: ["accept", "assign", "record_findings", "resolve"],
    State.REJECTED: ["reject"],
    State.TRANSFERRED: ["transfer"],
    State.WITHDRAWN: ["withdraw"],
    State.FILED: ["file"],
    State.SUSPENDED: ["accept", "suspend"],
    State.GUIDED: ["guide"],
    State.RETURNED: ["return_papers"],
    State.LINKED: ["link"],
    State.SPLIT: ["split"],
    State.TERMINATED: ["accept", "terminate"],
}

#: The states only some kinds reach: a complaint's sender is guided (a denunciation or a
#: petition outside competence is transferred); a petition is never terminated by a decision.
REACHED_BY = {
    State.GUIDED: (Kind.COMPLAINT,),
    # A complaint outside competence is guided, never transferred (Circular 05/2021/TT-TTCP).
    State.TRANSFERRED: (Kind.PETITION, Kind.DENUNCIATION),
    State.TERMINATED: (Kind.COMPLAINT, Kind.DENUNCIATION),
    # A letter holding a denunciation is not split: its sender is guided (Art. 25(3)).
    State.SPLIT: (Kind.COMPLAINT, Kind.PETITION),
}
#: Every state with every kind that can reach it.
STATES_OF_KINDS = [
    (state, kind) for state in State for kind in Kind if kind in REACHED_BY.get(state, Kind)
]


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: no rate limit (the API's throttles, the public
    verification page's comparisons) counted by the tests before it. The working calendar
    is rebuilt at the test's first use of it, not in the middle of whatever the test counts
    (the cleared cache has lost its version)."""
    from django.core.cache import cache

    from casework.deadlines.calendar import calendar_invalidate

    cache.clear()
    calendar_invalidate()


@pytest.fixture(autouse=True, scope="session")
def _eager_celery():
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


def make_user(username, unit, roles, **extra):
    user = User.objects.filter(username=username).first() or User.objects.create_user(
        username=username, password="pw-for-tests-1", unit=unit, email=f"{username}@x.test", **extra
    )
    user_set_roles(user=user, roles=roles)
    return user


class World:
    """Two unrelated units with a user for each role, as in the demo."""

    def __init__(self):
        # get_or_create: the first transactional test still finds the shared world's rows.
        self.prov, _ = Unit.objects.get_or_create(
            code="PROV",
            name="Provincial inspectorate",
            defaults={"place": "Hà Nội", "signer_title": "Chánh Thanh tra"},
        )
        self.comm, _ = Unit.objects.get_or_create(code="COMM", name="Commune committee")
        for unit in (self.prov, self.comm):
            role_groups_ensure(unit)
        self.intake = make_user("intake", self.prov, [Role.INTAKE_OFFICER])
        self.investigator = make_user("inv1", self.prov, [Role.INVESTIGATOR])
        self.investigator2 = make_user("inv2", self.prov, [Role.INVESTIGATOR])
        self.supervisor = make_user("sup", self.prov, [Role.SUPERVISOR])
        self.auditor = make_user("aud", self.prov, [Role.AUDITOR])
        self.other_supervisor = make_user("sup.comm", self.comm, [Role.SUPERVISOR])
        self.other_intake = make_user("intake.comm", self.comm, [Role.INTAKE_OFFICER])
        self.other_investigator = make_user("inv.comm", self.comm, [Role.INVESTIGATOR])
        self.admin = User.objects.filter(username="root").first() or User.objects.create_superuser(
            "root", "root@x.test", "pw-for-tests-1"
        )

    def register(self, kind=Kind.COMPLAINT, actor=None, **extra):
        data = {
            "kind": kind,
            "channel": "in_person",
            "subject": "Khiếu nại quyết định thu hồi đất",
            "content": "Nội dung đơn.",
            "parties": [
                {"full_name": "Nguyễn Văn An", "id_number": "001204012345", "phone": "0912345678"}
            ],
        }
        if extra.get("anonymous"):
            data["parties"] = []
        data.update(extra)
        if data.get("round") == 2 and kind == Kind.COMPLAINT:  # round-1 decision received that day
            data.setdefault("appeal_from", data.get("received_on") or timezone.localdate())
        return case_register(actor=actor or self.intake, data=data)

    def province(self):
        """The province's People's Committee (``UBT``) above the world's inspectorate, and
        its Chairman, a supervisor there: the competent authority of the cases that name it.
        Returns (unit, chairman)."""
        top, _ = Unit.objects.get_or_create(
            code="UBT",
            defaults={
                "name": "Ủy ban nhân dân tỉnh",
                "signer_title": "Chủ tịch",
                "place": "Hà Nội",
            },
        )
        role_groups_ensure(top)
        Unit.objects.filter(pk=self.prov.pk).update(parent=top)
        self.prov.refresh_from_db()
        return top, make_user("chairman", top, [Role.SUPERVISOR])

    def payload(self, action, case):
        """A valid payload for the action on this case."""
        if action == "link":  # an accepted case of its kind that it repeats
            return {"repeats": self.case_in(State.ACCEPTED, kind=case.kind).reference}
        return {
            "reject": {"grounds": "unsigned" if case.kind == Kind.COMPLAINT else "Không rõ"},
            "transfer": {"to_agency": "Sở Tài nguyên và Môi trường"},
            "file": {"reason": "duplicate"},
            "assign": {
                "assignee": (
                    self.investigator2
                    if case.assignee_id == self.investigator.pk
                    else self.investigator
                ).username
            },
            "record_findings": {
                "findings": "Đã xác minh tại hiện trường.",
                **({"demand_differs": False} if case.kind == Kind.COMPLAINT else {}),
            },
            "record_dialogue": dict(demo_data.DIALOGUE),
            "return_for_rework": {"reason": "Thiếu biên bản làm việc."},
            "return_draft": {"reason": "Bổ sung căn cứ pháp lý."},
            "resolve": {
                "outcome": {"complaint": "upheld", "denunciation": "false", "petition": "answered"}[
                    case.kind
                ],
                "decision_summary": "Giữ nguyên quyết định.",
                **({"act_decision": "cancel"} if case.kind == Kind.COMPLAINT else {}),
            },
            # The handling unit's draft says what a decision would.
            "submit_decision": {
                "outcome": {
                    "complaint": "rejected",
                    "denunciation": "false",
                    "petition": "answered",
                }[case.kind],
                "decision_summary": "Giữ nguyên.",
            },
            "extend": {"days": 30, "reason": "Xác minh tại nhiều địa điểm."},
            "extend_check": {"reason": "Cần xác minh tại nhiều địa điểm."},
            "refer_crime": {
                "to_body": "Cơ quan Cảnh sát điều tra Công an tỉnh",
                "signs": "Có dấu hiệu tội tham ô tài sản.",
            },
            "suspend": {"reason": "Chờ giám định."},
            "add_note": {"note": "Đã làm việc với UBND xã."},
            "move": {
                "to_unit": "COMM" if case.unit_id == self.prov.pk else "PROV",
                "reason": "Thuộc thẩm quyền của UBND xã.",
            },
            "amend": {"is_remote_area": not case.is_remote_area, "reason": "Nhập sai địa bàn."},
            "guide": {
                "to_body": "Chủ tịch Ủy ban nhân dân xã",
                "reason": "Quyết định bị khiếu nại do Chủ tịch xã ban hành",
            },
            "return_papers": {
                "papers": "Bản gốc giấy chứng nhận quyền sử dụng đất",
                "reason": "Đơn không thuộc thẩm quyền, kèm giấy tờ bản gốc",
            },
            "split": {
                "part1_kind": "complaint",
                "part1_subject": "Khiếu nại quyết định thu hồi đất",
                "part1_content": "Đề nghị hủy quyết định thu hồi đất.",
                "part2_kind": "petition",
                "part2_subject": "Kiến nghị sửa đường liên xã",
                "part2_content": "Đường liên xã hư hỏng nặng.",
            },
            "send_decision": {"sent_to": "Người khiếu nại; người bị khiếu nại; Thanh tra tỉnh"},
            "handle_conclusion": {
                "measures": "Kiểm điểm, rút kinh nghiệm đối với cán bộ vi phạm.",
                "recovered": "Thu hồi 20.000.000 đồng",
            },
            "terminate": {"grounds": "Người khiếu nại đã chết mà không có người thừa kế"},
            "withdraw_in_part": {"withdrawn_part": "Yêu cầu bồi thường thiệt hại"},
            "continue_after_withdrawal": {
                "violation": "Có căn cứ xác định hành vi vi phạm trong quản lý đất đai"
            },
            "inform_forwarder": {"summary": "Đã giải quyết và ban hành văn bản theo thẩm quyền"},
            "request_report": {"request": "Báo cáo tiến độ, lý do chậm giải quyết"},
            "report_progress": {
                "progress": "Đã xác minh xong hai nội dung",
                "reasons": "Phải xác minh tại nhiều địa điểm",
            },
            "take_over": {"reason": "Chậm giải quyết không có lý do chính đáng"},
        }.get(action, {})

    def actor_for(self, action, case):
        if action in ("record_findings", "add_note"):
            return case.assignee or self.admin
        return self.supervisor

    def perform(self, case, action, actor=None, **data):
        payload = {**self.payload(action, case), **data}
        return case_perform(
            case_id=case.pk,
            action=action,
            actor=actor or self.actor_for(action, case),
            data=payload,
        )

    def case_in(self, state, kind=Kind.COMPLAINT, **extra):
        case = self.register(kind=kind, **extra)
        for action in PATHS[state]:
            if action == "resolve" and case.kind == Kind.COMPLAINT and case.round == 2:
                case = self.perform(case, "record_dialogue")  # the second round's, always
            case = self.perform(case, action)
            if action == "accept" and case.kind == Kind.DENUNCIATION:
                # The denouncer and the accused are told (Art. 29) before anything else.
                case = self.perform(case, "notify_acceptance")
        assert case.state == state
        return case


@pytest.fixture(scope="session")
def _shared_world(django_db_setup, django_db_blocker):
    # Built once and committed; each test then runs in a transaction that is rolled back.
    # pytest-django runs transactional tests (which flush the tables) after all the others,
    # and those use ``fresh_world``.
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return World()


@pytest.fixture
def world(_shared_world, db):
    for user in _shared_world.__dict__.values():
        if isinstance(user, User):
            user.__dict__.pop("_casework_roles", None)
            user.__dict__.pop("_perm_cache", None)
            user.__dict__.pop("_user_perm_cache", None)
            user.__dict__.pop("_group_perm_cache", None)
    return _shared_world


@pytest.fixture
def fresh_world(transactional_db):
    # A transactional test before this one flushed every table, the migrations' seeded
    # rules and calendar with them: put them back.
    from casework.deadlines.calendar import calendar_invalidate
    from casework.deadlines.seed import deadline_data_seed

    deadline_data_seed()
    calendar_invalidate()
    return World()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def calendar_changes():
    """For a test that edits the calendar: the next test rebuilds it from its own database."""
    from casework.deadlines.calendar import calendar_invalidate

    yield
    calendar_invalidate()
