"""The words a notice takes from the case's codes, in Vietnamese (Decree 30/2020): the laws
each kind is handled under, the documents' titles, the grounds, reasons, outcomes and states.
Literals, never the translation catalogue (``notice_context``)."""

from casework.choices import (
    ActDecision,
    ComplaintGrounds,
    FiledReason,
    Kind,
    Outcome,
    ReDenunciationGrounds,
    State,
)
from casework.deadlines.rules import (
    CITE_CIRCULAR_05,
    CITE_COMPLAINTS_LAW,
    CITE_DECREE_31,
    CITE_DENUNCIATIONS_LAW,
)

#: The laws each kind of case is handled under, each cited in full on a line of its own.
LAWS = {
    Kind.PETITION: ("Luật Tiếp công dân ngày 25 tháng 11 năm 2013", CITE_CIRCULAR_05),
    Kind.COMPLAINT: (
        CITE_COMPLAINTS_LAW,
        "Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết "
        "một số điều và biện pháp thi hành Luật Khiếu nại",
    ),
    Kind.DENUNCIATION: (CITE_DENUNCIATIONS_LAW, CITE_DECREE_31),
}

#: The article a suspension rests on (DOMAIN.md, "Counting days").
SUSPENSION_BASES = {
    Kind.COMPLAINT: f"Điều 11a {CITE_COMPLAINTS_LAW} (bổ sung bởi Luật số 136/2025/QH15)",
    Kind.DENUNCIATION: f"Điều 34 {CITE_DENUNCIATIONS_LAW}",
}

#: Each kind of document's name (the PDF's title).
TITLES = {
    "acceptance_notice": "Thông báo thụ lý",
    "non_acceptance_notice": "Thông báo không thụ lý",
    "closure_notice": "Thông báo kết thúc hồ sơ",
    "transfer_slip": "Phiếu chuyển đơn",
    "petition_reply": "Văn bản trả lời kiến nghị, phản ánh",
    "complaint_decision": "Quyết định giải quyết khiếu nại",
    "denunciation_conclusion": "Kết luận nội dung tố cáo",
    "denouncer_notice": "Thông báo kết quả giải quyết tố cáo",
    "extension_decision": "Quyết định gia hạn giải quyết tố cáo",
    "suspension_decision": "Quyết định tạm đình chỉ",
    "resumption_decision": "Quyết định tiếp tục giải quyết",
    "dialogue_minutes": "Biên bản đối thoại",
    "content_notice": "Thông báo về nội dung bị tố cáo",
    "denunciation_acceptance_decision": "Quyết định thụ lý tố cáo",
    "termination_decision": "Quyết định đình chỉ việc giải quyết",
    "crime_referral": "Phiếu chuyển tố cáo có dấu hiệu tội phạm",
    "guidance_slip": "Phiếu hướng dẫn",
    "papers_return": "Thông báo trả lại giấy tờ, tài liệu",
    "denouncer_papers_return": "Thông báo trả lại giấy tờ, tài liệu",
    "forwarder_report": "Thông báo kết quả xử lý, giải quyết đơn",
    "verification_decision": "Quyết định giao nhiệm vụ xác minh",
    "verification_report": "Báo cáo kết quả xác minh",
}

#: What is verified, by kind.
VERIFIED = {
    Kind.PETITION: "nội dung kiến nghị, phản ánh",
    Kind.COMPLAINT: "nội dung khiếu nại",
    Kind.DENUNCIATION: "nội dung tố cáo",
}

#: What a referral of signs of a crime rests on (DOMAIN.md names the article; to be checked
#: against the text by a lawyer).
REFERRAL_BASIS = f"Điều 27 {CITE_DENUNCIATIONS_LAW}"
#: What a re-denunciation's review rests on (DOMAIN.md: the superior decides, Art. 37).
RE_DENUNCIATION_BASIS = f"Điều 37 {CITE_DENUNCIATIONS_LAW}"

#: The provisions a decision to terminate rests on, once the letter was withdrawn. The article
#: of Decree 124/2020 on it is not confirmed here: the decree is cited among the laws without it.
TERMINATION_BASES = {
    Kind.COMPLAINT: f"Điều 10 {CITE_COMPLAINTS_LAW}",
    Kind.DENUNCIATION: f"Điều 33 và Điều 34 {CITE_DENUNCIATIONS_LAW}",
}

#: The provisions a decision to terminate rests on when the ground is not the withdrawal
#: (``terminate``): a complaint's, Art. 11a added by Law 136/2025/QH15 (DOMAIN.md); a
#: denunciation's, Art. 34.
TERMINATION_GROUND_BASES = {
    Kind.COMPLAINT: (f"Điều 11a {CITE_COMPLAINTS_LAW} (được bổ sung bởi Luật số 136/2025/QH15)"),
    Kind.DENUNCIATION: f"Điều 34 {CITE_DENUNCIATIONS_LAW}",
}

#: Who withdraws a letter of each kind.
WITHDRAWING = {
    Kind.PETITION: "người kiến nghị, phản ánh",
    Kind.COMPLAINT: "người khiếu nại",
    Kind.DENUNCIATION: "người tố cáo",
}

#: The letter of each kind, as a sentence names it.
KIND_NAMES = {
    Kind.PETITION: "đơn kiến nghị, phản ánh",
    Kind.COMPLAINT: "đơn khiếu nại",
    Kind.DENUNCIATION: "đơn tố cáo",
}

#: Where the case stands (DOMAIN.md's glossary).
STATE_NAMES = {
    State.RECEIVED: "Đã tiếp nhận",
    State.ACCEPTED: "Đã thụ lý",
    State.ASSIGNED: "Đang xác minh",
    State.INVESTIGATED: "Đã có kết quả xác minh",
    State.RESOLVED: "Đã giải quyết",
    State.REJECTED: "Không thụ lý",
    State.TRANSFERRED: "Đã chuyển đơn",
    State.WITHDRAWN: "Đã rút đơn",
    State.FILED: "Lưu đơn",
    State.SUSPENDED: "Tạm đình chỉ",
    State.GUIDED: "Đã hướng dẫn người gửi đơn",
    State.RETURNED: "Đã trả lại giấy tờ, tài liệu",
    State.LINKED: "Đơn trùng, đã gộp vào hồ sơ đang giải quyết",
    State.SPLIT: "Đã tách đơn",
    State.TERMINATED: "Đã đình chỉ việc giải quyết",
}

#: The grounds for not accepting a complaint (Complaints Law Art. 11), in words.
GROUNDS = {
    ComplaintGrounds.INTERNAL_ACT: (
        "Quyết định, hành vi hành chính nội bộ, có chứa quy phạm pháp luật hoặc thuộc phạm vi "
        "bí mật nhà nước"
    ),
    ComplaintGrounds.NO_DIRECT_INTEREST: (
        "Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích hợp "
        "pháp của người khiếu nại"
    ),
    ComplaintGrounds.NO_CAPACITY: (
        "Người khiếu nại không có năng lực hành vi dân sự đầy đủ và không có người đại diện "
        "hợp pháp"
    ),
    ComplaintGrounds.UNLAWFUL_REPRESENTATIVE: "Người đại diện không hợp pháp",
    ComplaintGrounds.UNSIGNED: "Đơn khiếu nại không có chữ ký hoặc điểm chỉ",
    ComplaintGrounds.PERIOD_EXPIRED: "Đã hết thời hiệu khiếu nại",
    ComplaintGrounds.SECOND_ROUND_DECIDED: (
        "Khiếu nại đã có quyết định giải quyết khiếu nại lần hai"
    ),
    ComplaintGrounds.TERMINATION_LAPSED: (
        "Đã quá 30 ngày kể từ ngày có thông báo đình chỉ giải quyết khiếu nại"
    ),
    ComplaintGrounds.COURT_ACCEPTED: "Việc khiếu nại đã được Tòa án thụ lý",
    # A re-denunciation the superior does not resolve again (Denunciations Law Art. 37).
    ReDenunciationGrounds.EARLIER_LAWFUL: "Việc giải quyết tố cáo trước đó là đúng pháp luật",
}

#: Why a letter was filed without action.
FILED_REASONS = {
    FiledReason.ANONYMOUS: "Nặc danh hoặc không xác định được người gửi",
    FiledReason.DUPLICATE: "Trùng với hồ sơ đã giải quyết xong",
    FiledReason.NO_CONTENT: "Không có nội dung cụ thể",
    FiledReason.INSPECTION: (
        "Tố cáo nặc danh có nội dung cụ thể, tài liệu chứng cứ: chuyển thanh tra, kiểm tra"
    ),
    FiledReason.OTHER: "Lý do khác",
}

#: What the resolution found (a false denunciation is "sai sự thật": DOMAIN.md's glossary).
OUTCOMES = {
    Outcome.UPHELD: "Khiếu nại đúng",
    Outcome.PARTLY_UPHELD: "Khiếu nại đúng một phần",
    Outcome.REJECTED: "Khiếu nại sai toàn bộ",
    Outcome.CORRECT: "Tố cáo đúng",
    Outcome.PARTLY_CORRECT: "Tố cáo đúng một phần",
    Outcome.FALSE: "Tố cáo sai sự thật",
    Outcome.ANSWERED: "Đã trả lời kiến nghị, phản ánh",
}

#: What a complaint decision does to the act complained of (Complaints Law Arts. 31, 40), as
#: the supervisor decided it (``act_decision``).
ACT_VERDICTS = {
    ActDecision.KEEP: "Giữ nguyên quyết định hành chính, hành vi hành chính bị khiếu nại",
    ActDecision.AMEND: "Sửa đổi quyết định hành chính, hành vi hành chính bị khiếu nại",
    ActDecision.CANCEL: "Hủy bỏ quyết định hành chính, chấm dứt hành vi hành chính bị khiếu nại",
}

#: How a notice's list of recipients names the two sides of each kind of case.
SIDES = {
    Kind.PETITION: ("Người kiến nghị, phản ánh", ""),
    Kind.COMPLAINT: ("Người khiếu nại", "người bị khiếu nại"),
    Kind.DENUNCIATION: ("Người tố cáo", "người bị tố cáo"),
}
