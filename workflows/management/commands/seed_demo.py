"""Demo data: a province's People's Committee, its inspectorate and two departments, and a
commune (local government's two tiers since 1 July 2025); a user for each role; cases of every
kind in every state; and complaints the inspectorate handles that the province's Chairman
decides."""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from casework.choices import (
    OUTCOMES_BY_KIND,
    ComplaintGrounds,
    FiledReason,
    Kind,
    PartyRole,
    Role,
    State,
)
from casework.models import Case, Unit, User
from permissions.roles import role_groups_ensure, user_set_roles
from workflows.forms.letters import JOINABLE_STATES
from workflows.management import demo_data
from workflows.services import case_perform, case_register
from workflows.services.sweep import deadlines_sweep

PASSWORD = "casework-demo"  # noqa: S105 - the documented demo password

UNITS = [  # code, name, level, where its documents are issued, who signs them, parent
    ("LD", "Ủy ban nhân dân tỉnh Lâm Đồng", "province", "Lâm Đồng", "Chủ tịch", None),
    ("PROV", "Thanh tra tỉnh", "province", "Lâm Đồng", "Chánh Thanh tra", "LD"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "province", "Lâm Đồng", "Giám đốc", "LD"),
    ("SXD", "Sở Xây dựng", "province", "Lâm Đồng", "Giám đốc", "LD"),
    ("COMM", "Ủy ban nhân dân xã Tân Phú", "commune", "Tân Phú", "Chủ tịch", "LD"),
]
USERS = [
    ("intake.prov", "PROV", [Role.INTAKE_OFFICER], "Nguyễn Thị", "Lan"),
    ("investigator1.prov", "PROV", [Role.INVESTIGATOR], "Trần Văn", "Minh"),
    ("investigator2.prov", "PROV", [Role.INVESTIGATOR], "Lê Thị", "Hoa"),
    ("supervisor.prov", "PROV", [Role.SUPERVISOR], "Phạm Quốc", "Bảo"),
    ("auditor.prov", "PROV", [Role.AUDITOR], "Võ Thanh", "Tùng"),
    ("intake.comm", "COMM", [Role.INTAKE_OFFICER], "Đặng Thị", "Mai"),
    ("investigator1.comm", "COMM", [Role.INVESTIGATOR], "Bùi Văn", "Nam"),
    ("supervisor.comm", "COMM", [Role.SUPERVISOR], "Hoàng Văn", "Sơn"),
    # The province's Chairman: decides the complaints the inspectorate handles for them.
    ("chairman.ld", "LD", [Role.SUPERVISOR], "Đỗ Minh", "Khang"),
]
#: The actions that take a newly registered case to each state, in order.
PATHS = {
    State.RECEIVED: [],
    State.ACCEPTED: ["accept"],
    State.ASSIGNED: ["accept", "assign"],
    State.INVESTIGATED: ["accept", "assign", "record_findings"],
    State.RESOLVED: ["accept", "assign", "record_findings", "resolve"],
    State.REJECTED: ["reject"],
    State.TRANSFERRED: ["transfer"],
    State.WITHDRAWN: ["accept", "withdraw"],
    State.FILED: ["file"],
    State.SUSPENDED: ["accept", "assign", "suspend"],
    # Letter processing's further outcomes (only a complaint's sender is guided).
    State.GUIDED: ["guide"],
    State.RETURNED: ["return_papers"],
    State.LINKED: ["link"],
    State.SPLIT: ["split"],
    State.TERMINATED: ["accept", "terminate"],
}
#: Bodies that forward letters in the demo: each is told the result at the end.
FORWARDERS = (
    ("Đoàn đại biểu Quốc hội tỉnh Lâm Đồng", "deputy"),
    ("Báo Lâm Đồng", "press"),
)
#: What the demo's complaint decisions do to the act complained of, by outcome.
DEMO_ACT_DECISIONS = {"upheld": "cancel", "partly_upheld": "amend", "rejected": "keep"}
CASES_PER_STATE = 3  # 13 or 14 states x 3 cases of each kind


class Command(BaseCommand):
    help = "Load the demo: units PROV and COMM, their users, 90 cases. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DEBUG is off: this looks like production. Use --force to seed.")
        with transaction.atomic():
            units = self.seed_units()
            users = self.seed_users(units)
        if Case.objects.filter(registered_by__username__in=[u[0] for u in USERS]).exists():
            self.stdout.write("demo cases already present; users and units brought up to date")
            return
        # One transaction, so that an interrupted run leaves no half demo behind; the demo's
        # notifications would flood the console, so they stay in memory.
        # The mail the demo's acts and sweep send stays in memory: the override still holds
        # when the transaction commits and its callbacks send.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            self.seed_cases(users)
            # This morning's sweep: the overdue cases have warned their supervisors.
            deadlines_sweep()
        # Counted, not summed: a split letter registers a case per content.
        created = Case.objects.count()
        self.stdout.write(f"demo ready: {created} cases; every login's password is {PASSWORD}")

    def seed_units(self):
        units = {}
        for code, name, level, place, signer_title, parent in UNITS:
            unit, _created = Unit.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "level": level,
                    "place": place,
                    "signer_title": signer_title,
                    "parent": units[parent] if parent else None,
                },
            )
            role_groups_ensure(unit)
            units[code] = unit
        role_groups_ensure(None)
        return units

    def seed_users(self, units):
        users = {}
        for username, code, roles, first, last in USERS:
            user, _created = User.objects.get_or_create(username=username)
            user.unit = units[code]
            user.first_name, user.last_name = first, last
            user.email = f"{username}@casework.example.vn"
            user.is_active = True
            user.set_password(PASSWORD)
            user.save()
            user_set_roles(user=user, roles=roles)
            users[username] = user
        admin, _created = User.objects.get_or_create(username="admin")
        admin.is_staff = admin.is_superuser = True
        admin.email = "admin@casework.example.vn"
        admin.set_password(PASSWORD)
        admin.save()
        return users

    def seed_cases(self, users):
        rng = random.Random(2026)
        today = timezone.localdate()
        created = 0
        for code in ("PROV", "COMM"):
            intake = users[f"intake.{code.lower()}"]
            supervisor = users[f"supervisor.{code.lower()}"]
            investigators = [
                u
                for name, u in users.items()
                if name.startswith("investigator") and name.endswith(code.lower())
            ]
            for kind in Kind:
                # PROV gets two thirds of each state's cases, COMM one third.
                per_state = 2 if code == "PROV" else 1
                for state, path in PATHS.items():
                    if state == State.GUIDED and kind != Kind.COMPLAINT:
                        continue  # a denunciation or a petition is transferred instead
                    if state == State.TRANSFERRED and kind == Kind.COMPLAINT:
                        continue  # a complaint's sender is guided instead
                    if state == State.SPLIT and kind == Kind.DENUNCIATION:
                        continue  # a denunciation is never split (Art. 25(3))
                    if state == State.TERMINATED and kind == Kind.PETITION:
                        continue  # a petition's handling is not terminated by a decision
                    for _n in range(per_state * CASES_PER_STATE // 3 + (state == State.RECEIVED)):
                        self.one_case(rng, today, kind, path, intake, supervisor, investigators)
                        created += 1
        return created + self.seed_decided_above(rng, today, users)

    def seed_decided_above(self, rng, today, users):
        """Complaints the inspectorate handles and the province's Chairman decides: one
        waiting for the Chairman's acceptance, one whose draft decision waits for the
        Chairman's approval, one decided."""
        chairman, supervisor = users["chairman.ld"], users["supervisor.prov"]
        investigator = users["investigator1.prov"]
        steps = [
            ("accept", chairman, {}),
            ("assign", supervisor, {"assignee": investigator.username}),
            (
                "record_findings",
                investigator,
                {"findings": demo_data.FINDINGS[0], "demand_differs": True},
            ),
            ("record_dialogue", supervisor, dict(demo_data.DIALOGUE)),
            (
                "submit_decision",
                supervisor,
                {
                    "outcome": "rejected",
                    "act_decision": "keep",
                    "decision_summary": demo_data.DECISION_SUMMARIES[0],
                },
            ),
            ("approve_decision", chairman, {}),
        ]
        for count in (0, 5, 6):
            subject, content = rng.choice(demo_data.SUBJECTS["complaint"])
            received_on = today - timedelta(days=20 + count)
            case = case_register(
                actor=users["intake.prov"],
                data={
                    "kind": "complaint",
                    "channel": "in_person",
                    "received_on": received_on,
                    "competent_unit": "LD",
                    "subject": subject,
                    "content": content,
                    "parties": [
                        demo_data.person(rng),
                        {
                            "full_name": "Ủy ban nhân dân tỉnh Lâm Đồng",
                            "role": PartyRole.ACCUSED,
                            "position": "cơ quan ban hành quyết định bị khiếu nại",
                        },
                    ],
                },
            )
            on = received_on
            for action, actor, data in steps[:count]:
                on = min(today, on + timedelta(days=2))
                case_perform(case_id=case.pk, action=action, actor=actor, data={"on": on, **data})
        return 3 + self.seed_re_denunciation(rng, today, users)

    def seed_re_denunciation(self, rng, today, users):
        """A denunciation the commune concluded, made again to the province's Chairman (tố cáo
        tiếp, Art. 37), which the inspectorate handles: it waits for the Chairman's review."""
        concluded = (
            Case.objects.filter(unit__code="COMM", kind=Kind.DENUNCIATION, state=State.RESOLVED)
            .order_by("pk")
            .first()
        )
        subject, content = rng.choice(demo_data.SUBJECTS["denunciation"])
        case_register(
            actor=users["intake.prov"],
            data={
                "kind": "denunciation",
                "round": 2,
                "previous_case": concluded.reference if concluded else "Kết luận số 05/KL-UBND",
                "channel": "mail",
                "received_on": today - timedelta(days=6),
                "competent_unit": "LD",
                "subject": f"Tố cáo tiếp: {subject[0].lower()}{subject[1:]}",
                "content": content,
                "parties": [
                    demo_data.person(rng),
                    {
                        "full_name": "Trịnh Văn Lực",
                        "role": PartyRole.ACCUSED,
                        "position": "Chủ tịch Ủy ban nhân dân xã Tân Phú",
                    },
                ],
            },
        )
        return 1

    def one_case(self, rng, today, kind, path, intake, supervisor, investigators):
        subject, content = rng.choice(demo_data.SUBJECTS[kind.value])
        anonymous = kind == Kind.DENUNCIATION and path == ["file"] and rng.random() < 0.5
        parties = [] if anonymous else [demo_data.person(rng)]
        if kind == Kind.DENUNCIATION:
            name, position = rng.choice(demo_data.ACCUSED)
            parties.append({"full_name": name, "position": position, "role": PartyRole.ACCUSED})
        received_on = today - timedelta(days=rng.randint(3, 75))
        flags = {
            "is_complex": rng.random() < 0.3,
            "is_remote_area": rng.random() < 0.15,
        }
        flags["is_especially_complex"] = flags["is_complex"] and rng.random() < 0.3
        channel = rng.choice(["in_person", "mail", "email", "online", "hotline", "forwarded"])
        forwarder = rng.choice(FORWARDERS) if channel == "forwarded" else ("", "")
        case = case_register(
            actor=intake,
            data={
                "kind": kind.value,
                "channel": channel,
                "forwarded_by": forwarder[0],
                "forwarder_kind": forwarder[1],
                "received_on": received_on,
                "subject": subject,
                "content": content,
                "anonymous": anonymous,
                "parties": parties,
                **flags,
            },
        )
        on = received_on
        for action in path:
            on = min(today, on + timedelta(days=rng.randint(1, 6)))
            actor = supervisor
            data = {"on": on}
            if action == "assign":
                data["assignee"] = rng.choice(investigators).username
            elif action == "record_findings":
                actor = case.assignee
                data["findings"] = rng.choice(demo_data.FINDINGS)
                if kind == Kind.COMPLAINT:
                    data["demand_differs"] = rng.random() < 0.5
            elif action == "resolve":
                if kind == Kind.COMPLAINT and (case.round == 2 or case.demand_differs):
                    # The dialogue the decision waits for (Complaints Law Arts. 30, 39).
                    case = case_perform(
                        case_id=case.pk,
                        action="record_dialogue",
                        actor=supervisor,
                        data={"on": on, **demo_data.DIALOGUE},
                    )
                data["outcome"] = rng.choice(OUTCOMES_BY_KIND[kind]).value
                data["decision_summary"] = rng.choice(demo_data.DECISION_SUMMARIES)
                if kind == Kind.COMPLAINT:
                    data["act_decision"] = DEMO_ACT_DECISIONS[data["outcome"]]
            elif action == "reject":
                data["grounds"] = (
                    rng.choice(ComplaintGrounds.values)
                    if kind == Kind.COMPLAINT
                    else "Nội dung không thuộc thẩm quyền và không đủ điều kiện xử lý."
                )
            elif action == "transfer":
                data["to_agency"] = rng.choice(demo_data.TRANSFER_AGENCIES)
            elif action == "file":
                data["reason"] = FiledReason.ANONYMOUS if anonymous else FiledReason.DUPLICATE
            elif action in {"suspend"}:
                data["reason"] = "Chờ kết quả giám định của cơ quan chuyên môn."
            elif action == "withdraw":
                data["note"] = rng.choice(demo_data.NOTES)
            else:
                data.update(_letter_outcome(rng, action, case))
            case = case_perform(case_id=case.pk, action=action, actor=actor, data=data)
            if action == "accept" and kind == Kind.DENUNCIATION:
                # The denouncer and the accused told of the acceptance (Art. 29).
                case = case_perform(
                    case_id=case.pk, action="notify_acceptance", actor=supervisor, data={"on": on}
                )
        return case


def _letter_outcome(rng, action: str, case: Case) -> dict:
    """The fields of letter processing's further outcomes, as the demo takes them."""
    if action == "terminate":  # a lawful ground other than the withdrawal
        if case.kind == Kind.COMPLAINT:
            return {"grounds": "Người khiếu nại đã chết mà không có người thừa kế quyền khiếu nại"}
        return {"grounds": "Người bị tố cáo đã chết, nội dung tố cáo không liên quan người khác"}
    if action == "guide":
        return {
            "to_body": "Chủ tịch Ủy ban nhân dân xã Tân Phú",
            "reason": "Quyết định bị khiếu nại do Chủ tịch Ủy ban nhân dân xã ban hành",
        }
    if action == "return_papers":
        return {
            "papers": "Bản gốc giấy chứng nhận quyền sử dụng đất",
            "reason": "Đơn không thuộc thẩm quyền, gửi kèm giấy tờ bản gốc",
        }
    if action == "link":  # the oldest accepted case of its kind in the unit
        repeated = (
            Case.objects.filter(unit_id=case.unit_id, kind=case.kind, state__in=JOINABLE_STATES)
            .exclude(pk=case.pk)
            .order_by("pk")
            .first()
        )
        return {"repeats": repeated.reference}
    if action == "split":  # one content of its own kind, one of another
        other = Kind.PETITION if case.kind != Kind.PETITION else Kind.COMPLAINT
        parts = {}
        for n, kind in ((1, Kind(case.kind)), (2, other)):
            subject, content = rng.choice(demo_data.SUBJECTS[kind.value])
            parts |= {f"part{n}_kind": kind.value, f"part{n}_subject": subject}
            parts[f"part{n}_content"] = content
        return parts
    return {}
