"""The organisation: a province's tree of 200 units and 10,000 staff with their roles.

The root is the provincial inspectorate; under it the provincial departments and, since the
2025 reform removed the district level, the communes and wards. Each unit has a weight: its
share of the province's letters, and so of its staff.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from casework.choices import Role
from casework.models import Unit, User
from permissions.roles import role_groups_ensure
from workflows.management import demo_data

PASSWORD = "casework-bench"  # noqa: S105 - the documented password of every bench login

ROOT = ("PROV", "Thanh tra tỉnh", "province")
# fmt: off
DEPARTMENTS = (
    ("BTCD", "Ban Tiếp công dân tỉnh"), ("VPUB", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp"), ("STC", "Sở Tài chính"),
    ("SCT", "Sở Công Thương"), ("SXD", "Sở Xây dựng"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"), ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SYT", "Sở Y tế"), ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SKHCN", "Sở Khoa học và Công nghệ"), ("SDTTG", "Sở Dân tộc và Tôn giáo"),
    ("SNGV", "Sở Ngoại vụ"), ("BQLKCN", "Ban Quản lý các khu công nghiệp"),
    ("BHXH", "Bảo hiểm xã hội tỉnh"), ("THUE", "Thuế tỉnh"),
    ("KBNN", "Kho bạc Nhà nước khu vực"), ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng"),
    ("QPTD", "Quỹ Phát triển đất tỉnh"),
)
PLACE_WORDS = (
    "Tân", "Bình", "Phú", "An", "Hòa", "Long", "Thạnh", "Phước", "Mỹ", "Hiệp",
    "Đông", "Tây", "Vĩnh", "Hưng", "Thới", "Lợi", "Thuận", "Lộc", "Khánh", "Trung",
)
# fmt: on
COMMUNES = 200 - 1 - len(DEPARTMENTS)
USERS = 10_000
ADMINISTRATORS = 5
INACTIVE_SHARE = 0.03  # staff who left: they stay as authors of old acts


@dataclass
class UnitInfo:
    pk: int
    code: str
    weight: float
    groups: dict[str, int] = field(default_factory=dict)  # role -> group id
    supervisors: list[int] = field(default_factory=list)  # every supervisor, active or not
    intake: list[int] = field(default_factory=list)
    investigators: list[int] = field(default_factory=list)  # active only: they get cases
    usernames: dict[int, str] = field(default_factory=dict)  # investigator id -> username


@dataclass
class Org:
    units: list[UnitInfo]
    administrators_group: int
    permission_ids: dict[str, int]


def _unit_rows(rng: random.Random) -> list[tuple[str, str, str, float]]:
    rows = [(*ROOT, 50.0)]
    rows += [(code, name, "department", rng.uniform(6, 14)) for code, name in DEPARTMENTS]
    places = [f"{a} {b}" for a in PLACE_WORDS for b in PLACE_WORDS if a != b]
    rng.shuffle(places)
    for n, place in enumerate(places[:COMMUNES], start=1):
        ward = rng.random() < 0.35
        code = f"{'P' if ward else 'X'}{n:03d}"
        name = f"{'Phường' if ward else 'Xã'} {place}"
        rows.append((code, name, "ward" if ward else "commune", rng.lognormvariate(1.2, 0.45)))
    return rows


def _staff_sizes(weights: list[float], total: int) -> list[int]:
    floor = 20
    spare = total - floor * len(weights)
    whole = sum(weights)
    sizes = [floor + int(spare * w / whole) for w in weights]
    sizes[0] += total - sum(sizes)  # the rounding remainder to the root
    return sizes


def _role_plan(size: int) -> list[list[str]]:
    """The roles of a unit's staff, in order: supervisors, auditors, intake, investigators."""
    supervisors = max(2, round(size * 0.06))
    auditors = max(1, round(size * 0.04))
    intake = max(3, round(size * 0.2))
    plan = [[Role.SUPERVISOR]] * supervisors + [[Role.AUDITOR]] * auditors
    # One intake officer in twenty also verifies cases, as in a small commune office.
    plan += [
        [Role.INTAKE_OFFICER, Role.INVESTIGATOR] if i % 20 == 19 else [Role.INTAKE_OFFICER]
        for i in range(intake)
    ]
    plan += [[Role.INVESTIGATOR]] * (size - len(plan))
    return plan


def _name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        middle, given = (
            rng.choice(demo_data.MIDDLE_NAMES_MALE),
            rng.choice(demo_data.GIVEN_NAMES_MALE),
        )
    else:
        middle, given = (
            rng.choice(demo_data.MIDDLE_NAMES_FEMALE),
            rng.choice(demo_data.GIVEN_NAMES_FEMALE),
        )
    return f"{rng.choice(demo_data.FAMILY_NAMES)} {middle}", given


@transaction.atomic
def org_create(rng: random.Random, *, first_day) -> Org:
    """Create the units, their role groups, the staff and their role memberships."""
    from django.contrib.auth.models import Permission

    rows = _unit_rows(rng)
    root = Unit.objects.create(code=rows[0][0], name=rows[0][1], level=rows[0][2])
    children = Unit.objects.bulk_create(
        Unit(code=code, name=name, level=level, parent=root) for code, name, level, _w in rows[1:]
    )
    units = [root, *children]
    infos = []
    for unit, row in zip(units, rows, strict=True):
        groups = role_groups_ensure(unit)
        infos.append(
            UnitInfo(
                pk=unit.pk,
                code=unit.code,
                weight=row[3],
                groups={role: g.pk for role, g in groups.items()},
            )
        )
    administrators = role_groups_ensure(None)[Role.ADMINISTRATOR]

    # One slow hash for everyone: 10,000 PBKDF2 rounds would take longer than the cases.
    password = make_password(PASSWORD, salt="casework-bench")
    joined = datetime.combine(first_day, time(), tzinfo=UTC)
    sizes = _staff_sizes([i.weight for i in infos], USERS - ADMINISTRATORS)
    staff, roles_of = [], []
    for info, size in zip(infos, sizes, strict=True):
        counters: dict[str, int] = {}
        for n, roles in enumerate(_role_plan(size)):
            label = roles[0].replace("_officer", "")
            counters[label] = counters.get(label, 0) + 1
            last, first = _name(rng)
            # The first staff of each role never leave, so every unit keeps someone to act.
            keeps = counters[label] <= 3 or n < 2
            staff.append(
                User(
                    username=f"{label}{counters[label]}.{info.code.lower()}",
                    first_name=first,
                    last_name=last,
                    email=f"{label}{counters[label]}.{info.code.lower()}@bench.casework.vn",
                    password=password,
                    unit_id=info.pk,
                    is_active=keeps or rng.random() >= INACTIVE_SHARE,
                    date_joined=joined - timedelta(days=rng.randrange(2000)),
                )
            )
            roles_of.append((info, roles))
    for n in range(1, ADMINISTRATORS + 1):
        staff.append(
            User(
                username=f"admin{n}.prov",
                first_name="Quản trị",
                last_name=f"viên {n}",
                email=f"admin{n}@bench.casework.vn",
                password=password,
                unit_id=infos[0].pk,
                is_staff=True,
                date_joined=joined,
            )
        )
        roles_of.append((infos[0], [Role.ADMINISTRATOR]))
    staff = User.objects.bulk_create(staff, batch_size=2000)
    User.objects.create(
        username="bench.admin",
        email="bench.admin@bench.casework.vn",
        password=password,
        is_staff=True,
        is_superuser=True,
        date_joined=joined,
    )

    # What ``user_set_roles`` writes for a new user (its unit's role groups, the administrators'
    # group for an administrator), as one bulk insert instead of 10,000 calls of 4-6 queries.
    membership = User.groups.through
    links = []
    for user, (info, roles) in zip(staff, roles_of, strict=True):
        for role in roles:
            group = administrators.pk if role == Role.ADMINISTRATOR else info.groups[role]
            links.append(membership(user_id=user.pk, group_id=group))
            if role == Role.SUPERVISOR:
                info.supervisors.append(user.pk)
            elif role == Role.INTAKE_OFFICER:
                info.intake.append(user.pk)
            elif role == Role.INVESTIGATOR and user.is_active:
                info.investigators.append(user.pk)
                info.usernames[user.pk] = user.username
    membership.objects.bulk_create(links, batch_size=5000)

    permission_ids = dict(
        Permission.objects.filter(
            content_type__app_label="casework", content_type__model="case"
        ).values_list("codename", "pk")
    )
    return Org(units=infos, administrators_group=administrators.pk, permission_ids=permission_ids)
