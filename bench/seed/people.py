"""Fictitious citizens and the texts of the acts, from the demo's Vietnamese tables."""

from dataclasses import dataclass, field

from casework.choices import FiledReason
from casework.crypto import blind_index, identity_encrypt
from workflows.management import demo_data
from workflows.management.demo_data import _ascii

from .copyformat import copy_text

SUSPEND_REASONS = (
    "Chờ kết quả giám định của cơ quan chuyên môn.",
    "Chờ kết quả giải quyết của cơ quan khác có liên quan.",
    "Người khiếu nại đề nghị tạm dừng để bổ sung chứng cứ.",
    "Chờ ý kiến của cơ quan cấp trên về áp dụng pháp luật.",
)
INVESTIGATION_NOTES = (
    "Đã làm việc trực tiếp với người khiếu nại, ghi nhận thêm tình tiết.",
    "Đã xác minh thực địa cùng cán bộ địa chính, lập biên bản.",
    "Đã đề nghị cơ quan liên quan cung cấp hồ sơ gốc.",
    "Đã đối thoại với người bị tố cáo, đang chờ giải trình bằng văn bản.",
    "Đã nghiên cứu hồ sơ lưu trữ và các văn bản có liên quan.",
)
REJECT_GROUNDS = (
    "Nội dung không thuộc thẩm quyền và không đủ điều kiện xử lý.",
    "Đơn không có chữ ký và không rõ người gửi.",
    "Nội dung đã được giải quyết đúng pháp luật, không có tình tiết mới.",
)


@dataclass
class Pools:
    subjects: dict[str, list[tuple[str, str]]]
    reject_grounds: tuple[str, ...] = REJECT_GROUNDS
    suspend_reasons: tuple[str, ...] = SUSPEND_REASONS
    investigation_notes: tuple[str, ...] = INVESTIGATION_NOTES
    file_reasons: tuple[str, ...] = (
        FiledReason.DUPLICATE.value,
        FiledReason.NO_CONTENT.value,
        FiledReason.OTHER.value,
    )
    _escaped: dict[str, str] = field(default_factory=dict)

    def escaped(self, text: str) -> str:
        """``text`` for COPY, remembered: the texts come from small pools."""
        found = self._escaped.get(text)
        if found is None:
            found = self._escaped[text] = copy_text(text)
        return found


def text_pool() -> Pools:
    return Pools(
        subjects={
            kind: [(copy_text(s), copy_text(c)) for s, c in pairs]
            for kind, pairs in demo_data.SUBJECTS.items()
        }
    )


_STREET_ADDRESSES = [
    f"{street}, {ward}, {demo_data.PROVINCE}"
    for street in demo_data.STREETS
    for ward in demo_data.WARDS
]
_MALE = [
    (
        f"{family} {middle} {given}",
        _ascii(given).lower(),
        (_ascii(family)[0] + _ascii(middle)[0]).lower(),
    )
    for family in demo_data.FAMILY_NAMES
    for middle in demo_data.MIDDLE_NAMES_MALE
    for given in demo_data.GIVEN_NAMES_MALE
]
_FEMALE = [
    (
        f"{family} {middle} {given}",
        _ascii(given).lower(),
        (_ascii(family)[0] + _ascii(middle)[0]).lower(),
    )
    for family in demo_data.FAMILY_NAMES
    for middle in demo_data.MIDDLE_NAMES_FEMALE
    for given in demo_data.GIVEN_NAMES_FEMALE
]


def person(rng) -> str:
    """A citizen's identity as COPY fields: full name, ID number, address, phone, email (each
    encrypted), then the name's and the number's blind index."""
    full_name, given, initials = rng.choice(_MALE if rng.random() < 0.5 else _FEMALE)
    house = rng.randrange(1, 351)
    address = rng.choice(_STREET_ADDRESSES)
    address = (
        f"{house}/{rng.randrange(1, 41)} {address}" if rng.random() < 0.3 else f"{house} {address}"
    )
    phone = f"{'09' if rng.random() < 0.6 else '03'}{rng.randrange(10**8):08d}"
    email = f"{given}.{initials}{rng.randrange(1, 100)}@example.vn" if rng.random() < 0.4 else ""
    id_number = f"0{rng.randrange(10**11):011d}"
    # Stored as the application stores it: encrypted, with the blind index of name and number.
    # (Fernet tokens carry a random IV: the clear values repeat from run to run, the tokens not.)
    fields = [identity_encrypt(v) for v in (full_name, id_number, address, phone, email)]
    fields += [blind_index("full_name", full_name), blind_index("id_number", id_number)]
    return "\t".join(fields)
