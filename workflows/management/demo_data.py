"""Vietnamese demo data for the ``seed_demo`` management command.

Pure Python data plus a small helper; no Django imports. All names, addresses,
decision numbers and case texts are fictitious and written for this project.
"""

import unicodedata

# Compact hand-laid data tables; keep the formatter from exploding them.
# fmt: off
FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
    "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai",
)

MIDDLE_NAMES_MALE = (
    "Văn", "Hữu", "Đức", "Công", "Quang", "Minh", "Thanh", "Xuân", "Đình", "Ngọc",
    "Trọng", "Quốc", "Tấn", "Thành", "Hoài", "Gia",
)

MIDDLE_NAMES_FEMALE = (
    "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Diệu", "Phương", "Hồng",
    "Thùy", "Minh", "Bảo", "Khánh", "Quỳnh", "Hoài",
)

GIVEN_NAMES_MALE = (
    "Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Long", "Phúc", "Hải", "Sơn", "Thắng",
    "Quân", "Khoa", "Đạt", "Hiếu", "Trung", "Lộc", "Bình", "Tâm", "Vinh", "Cường",
)

GIVEN_NAMES_FEMALE = (
    "Lan", "Hương", "Mai", "Hoa", "Trang", "Linh", "Ngân", "Thảo", "Vy", "Yến",
    "Nhung", "Hà", "Oanh", "Dung", "Tuyết", "Hạnh", "Giang", "Châu", "Nhi", "Loan",
)

STREETS = (
    "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Trần Hưng Đạo",
    "Nguyễn Trãi", "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Võ Văn Tần", "Pasteur",
    "Nam Kỳ Khởi Nghĩa", "Phan Đình Phùng", "Nguyễn Thị Minh Khai", "Lê Văn Sỹ",
    "Hoàng Văn Thụ", "Nguyễn Văn Linh", "Phạm Văn Đồng", "Tô Ký", "Quang Trung",
    "Huỳnh Tấn Phát", "Lạc Long Quân",
)

WARDS = (
    "Phường Bến Thành", "Phường Bến Nghé", "Phường Tân Định", "Phường Đa Kao",
    "Phường Võ Thị Sáu", "Phường Tân Thuận Đông", "Phường Hiệp Bình Chánh",
    "Phường Linh Trung", "Xã Tân Phú Trung", "Xã Bình Hưng", "Xã Phước Kiển",
    "Xã Nhị Bình", "Xã Tân Thông Hội",
)

PROVINCE = "Thành phố Hồ Chí Minh"

SUBJECTS = {
    "petition": (
        ("Kiến nghị khắc phục tình trạng ngập nước tuyến đường",
         "Mỗi khi mưa lớn, đoạn đường trước khu dân cư ngập sâu khoảng 40 cm, "
         "nước rút chậm nhiều giờ, gây khó khăn cho việc đi lại của người dân. "
         "Đề nghị cơ quan chức năng nạo vét, nâng cấp hệ thống thoát nước."),
        ("Phản ánh tiếng ồn từ quán karaoke hoạt động quá giờ",
         "Quán karaoke trong hẻm thường xuyên hát đến sau 23 giờ, âm lượng lớn, "
         "ảnh hưởng nghiêm trọng đến giấc ngủ của người già và trẻ nhỏ. "
         "Đề nghị kiểm tra, xử lý và yêu cầu cơ sở lắp đặt cách âm."),
        ("Kiến nghị về việc chậm cấp giấy chứng nhận quyền sử dụng đất",
         "Gia đình đã nộp đủ hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất "
         "từ hơn 8 tháng nhưng đến nay chưa được giải quyết, cũng không nhận được "
         "văn bản trả lời lý do chậm trễ."),
        ("Phản ánh việc đổ rác thải, xà bần trái phép",
         "Khu đất trống cuối hẻm bị đổ xà bần và rác sinh hoạt vào ban đêm, bốc mùi "
         "hôi thối và phát sinh muỗi. Đề nghị địa phương dọn dẹp và lắp biển cấm."),
        ("Kiến nghị sửa chữa đèn chiếu sáng công cộng",
         "Hệ thống đèn đường trên tuyến hẻm chính bị hư hỏng gần hai tháng, "
         "buổi tối tối om, đã xảy ra hai vụ giật túi xách. Đề nghị sớm sửa chữa."),
        ("Phản ánh lấn chiếm vỉa hè để kinh doanh",
         "Nhiều hộ kinh doanh bày hàng hóa, để xe kín vỉa hè khiến người đi bộ phải "
         "đi xuống lòng đường, rất nguy hiểm, nhất là giờ học sinh tan trường."),
        ("Kiến nghị xem xét hỗ trợ hộ nghèo",
         "Gia đình có hoàn cảnh khó khăn, chồng bị tai nạn lao động mất sức lao động "
         "nhưng chưa được xét vào danh sách hộ nghèo năm nay. Đề nghị rà soát lại."),
        ("Phản ánh cơ sở sản xuất gây ô nhiễm không khí",
         "Xưởng sơn gỗ gần khu dân cư thải mùi dung môi nồng nặc, nhiều người dân "
         "bị đau đầu, khó thở. Đề nghị kiểm tra việc chấp hành quy định bảo vệ môi trường."),
        ("Kiến nghị về thái độ phục vụ tại bộ phận một cửa",
         "Khi đến nộp hồ sơ chứng thực, công dân bị cán bộ tiếp nhận trả lời cộc lốc "
         "và yêu cầu bổ sung giấy tờ không có trong quy định. Đề nghị chấn chỉnh."),
        ("Phản ánh công trình thi công làm hư hỏng mặt đường",
         "Đơn vị thi công cấp nước đào đường nhưng hoàn trả mặt bằng không đạt yêu cầu, "
         "mặt đường lồi lõm, đọng nước, đã có người đi xe máy bị té ngã."),
        ("Kiến nghị lắp đặt gờ giảm tốc trước trường học",
         "Tuyến đường trước trường tiểu học có nhiều xe tải chạy tốc độ cao. "
         "Đề nghị lắp gờ giảm tốc và biển báo khu vực trường học để bảo đảm an toàn."),
        ("Phản ánh chậm chi trả trợ cấp người có công",
         "Mẹ tôi là thân nhân liệt sĩ nhưng ba tháng nay chưa nhận được trợ cấp "
         "hằng tháng, hỏi cán bộ phường thì chỉ được hẹn lại mà không giải thích."),
    ),
    "complaint": (
        ("Khiếu nại quyết định thu hồi đất và bồi thường",
         "Khiếu nại Quyết định số 1245/QĐ-UBND ngày 12/3/2024 của Ủy ban nhân dân quận "
         "về việc bồi thường, hỗ trợ khi thu hồi đất. Người khiếu nại cho rằng đơn giá "
         "bồi thường thấp hơn nhiều so với giá thị trường và chưa tính phần đất vườn."),
        ("Khiếu nại quyết định xử phạt vi phạm hành chính",
         "Khiếu nại Quyết định số 87/QĐ-XPHC ngày 05/6/2024 của Chủ tịch Ủy ban nhân dân "
         "phường xử phạt 15.000.000 đồng về hành vi xây dựng không phép. Người khiếu nại "
         "cho rằng công trình chỉ là sửa chữa nhỏ, không thuộc trường hợp phải xin phép."),
        ("Khiếu nại việc từ chối cấp giấy phép xây dựng",
         "Khiếu nại Văn bản số 532/QLĐT ngày 20/4/2024 của Phòng Quản lý đô thị từ chối "
         "cấp giấy phép xây dựng nhà ở riêng lẻ với lý do chưa phù hợp quy hoạch, trong "
         "khi các nhà liền kề đã được cấp phép."),
        ("Khiếu nại quyết định cưỡng chế tháo dỡ công trình",
         "Khiếu nại Quyết định số 309/QĐ-CC ngày 18/7/2024 về việc cưỡng chế tháo dỡ "
         "mái che phía trước nhà. Người khiếu nại cho rằng không được thông báo trước "
         "và thời hạn tự khắc phục quá ngắn."),
        ("Khiếu nại quyết định kỷ luật viên chức",
         "Khiếu nại Quyết định số 45/QĐ-KL ngày 02/5/2024 của Hiệu trưởng trường trung học "
         "cơ sở về việc kỷ luật khiển trách. Người khiếu nại cho rằng quy trình họp "
         "xét kỷ luật không đúng quy định và không được giải trình."),
        ("Khiếu nại việc không xét hỗ trợ tái định cư",
         "Khiếu nại Quyết định số 1388/QĐ-UBND ngày 25/3/2024 không bố trí tái định cư "
         "cho hộ gia đình với lý do không thường trú tại địa phương, trong khi gia đình "
         "đã sinh sống ổn định trên thửa đất từ năm 1995."),
        ("Khiếu nại quyết định thu hồi giấy chứng nhận quyền sử dụng đất",
         "Khiếu nại Quyết định số 712/QĐ-UBND ngày 09/8/2024 thu hồi giấy chứng nhận "
         "quyền sử dụng đất đã cấp với lý do cấp sai đối tượng. Người khiếu nại cho rằng "
         "việc nhận chuyển nhượng là hợp pháp và ngay tình."),
        ("Khiếu nại quyết định xử phạt trong lĩnh vực môi trường",
         "Khiếu nại Quyết định số 156/QĐ-XPHC ngày 14/8/2024 xử phạt cơ sở chăn nuôi "
         "25.000.000 đồng về hành vi xả thải. Cơ sở cho rằng kết quả lấy mẫu không "
         "khách quan vì không có mặt đại diện cơ sở."),
        ("Khiếu nại việc không giải quyết chế độ trợ cấp",
         "Khiếu nại Văn bản số 214/LĐTBXH ngày 30/5/2024 từ chối giải quyết trợ cấp xã "
         "hội hằng tháng cho người khuyết tật nặng, dù đã có biên bản xác định mức độ "
         "khuyết tật của Hội đồng xác định mức độ khuyết tật phường."),
        ("Khiếu nại quyết định giải quyết khiếu nại lần đầu",
         "Không đồng ý với Quyết định số 2031/QĐ-UBND ngày 11/9/2024 giải quyết khiếu nại "
         "lần đầu về bồi thường đất nông nghiệp, người khiếu nại đề nghị giải quyết "
         "lần hai và xác định lại vị trí thửa đất."),
        ("Khiếu nại quyết định đình chỉ hoạt động kinh doanh",
         "Khiếu nại Quyết định số 98/QĐ-UBND ngày 03/10/2024 đình chỉ hoạt động quán "
         "ăn trong 3 tháng do vi phạm an toàn thực phẩm. Chủ quán cho rằng đã khắc phục "
         "các tồn tại ngay trong ngày kiểm tra."),
        ("Khiếu nại việc từ chối đăng ký biến động đất đai",
         "Khiếu nại Văn bản số 1460/CNVPĐK ngày 22/7/2024 của Chi nhánh Văn phòng đăng ký "
         "đất đai từ chối đăng ký tặng cho quyền sử dụng đất với lý do đất có tranh "
         "chấp, trong khi không có đơn tranh chấp nào được thụ lý."),
    ),
    "denunciation": (
        ("Tố cáo cán bộ địa chính đòi tiền để làm hồ sơ",
         "Cán bộ địa chính xã yêu cầu người dân đưa 20 triệu đồng mới hoàn thiện hồ sơ "
         "cấp giấy chứng nhận quyền sử dụng đất, nếu không thì hồ sơ bị trả lại nhiều lần."),
        ("Tố cáo Chủ tịch UBND xã làm ngơ cho xây dựng trái phép",
         "Chủ tịch Ủy ban nhân dân xã biết rõ việc xây dựng nhà xưởng trên đất nông nghiệp "
         "nhưng không lập biên bản, không đình chỉ thi công, có dấu hiệu bao che vi phạm."),
        ("Tố cáo sai phạm trong sử dụng kinh phí tại trường học",
         "Hiệu trưởng trường tiểu học thu các khoản ngoài quy định của phụ huynh và "
         "kê khống chứng từ mua sắm thiết bị dạy học năm học 2023-2024, "
         "số tiền ước tính hơn 300 triệu đồng."),
        ("Tố cáo cán bộ tư pháp nhận tiền khi chứng thực",
         "Cán bộ tư pháp - hộ tịch phường thu thêm tiền ngoài lệ phí khi chứng thực hợp "
         "đồng, không cấp biên lai. Nhiều người dân đã phải nộp thêm từ 200 đến 500 nghìn đồng."),
        ("Tố cáo việc lập danh sách hộ nghèo không đúng đối tượng",
         "Trưởng ấp đưa người thân có nhà cửa khang trang vào danh sách hộ nghèo để hưởng "
         "chính sách hỗ trợ, trong khi nhiều hộ thực sự khó khăn bị loại ra."),
        ("Tố cáo cán bộ trật tự đô thị nhận tiền bảo kê",
         "Một số cán bộ đội trật tự đô thị phường thu tiền hằng tháng của các hộ buôn "
         "bán trên vỉa hè để không bị xử lý lấn chiếm lòng lề đường."),
        ("Tố cáo sai phạm trong đấu thầu công trình giao thông nông thôn",
         "Phó Chủ tịch Ủy ban nhân dân xã chỉ định cho công ty của người thân thi công "
         "tuyến đường liên ấp, chất lượng công trình kém, mặt đường nứt sau vài tháng."),
        ("Tố cáo cán bộ thuế gây khó khăn cho hộ kinh doanh",
         "Cán bộ đội thuế liên phường ấn định mức thuế khoán cao bất thường và gợi ý "
         "hộ kinh doanh “bồi dưỡng” để được điều chỉnh giảm."),
        ("Tố cáo việc chiếm dụng tiền hỗ trợ người dân",
         "Kế toán Ủy ban nhân dân phường chậm chi trả và giữ lại một phần tiền hỗ trợ "
         "người lao động tự do bị mất việc, ký nhận thay cho nhiều người không có mặt."),
        ("Tố cáo lãnh đạo trạm y tế kê khống ngày công",
         "Trưởng trạm y tế xã kê khống ngày công trực, chấm công cho nhân viên nghỉ việc "
         "để rút tiền phụ cấp trong nhiều tháng liên tục."),
        ("Tố cáo cán bộ cấp phép xây dựng nhận hối lộ",
         "Cán bộ Phòng Quản lý đô thị nhận tiền của chủ đầu tư để cấp phép xây dựng "
         "vượt số tầng so với quy hoạch chi tiết đã được phê duyệt."),
        ("Tố cáo sử dụng xe công vào việc riêng",
         "Trưởng phòng Tài nguyên và Môi trường huyện thường xuyên sử dụng xe công đưa "
         "đón người nhà và đi du lịch vào ngày nghỉ, chi phí xăng dầu do cơ quan thanh toán."),
    ),
}

ACCUSED = (
    ("Trần Văn Hùng", "Cán bộ địa chính xã"),
    ("Lê Quốc Thắng", "Chủ tịch Ủy ban nhân dân xã"),
    ("Phạm Thị Kim Oanh", "Hiệu trưởng trường tiểu học"),
    ("Nguyễn Hữu Lộc", "Công chức tư pháp - hộ tịch phường"),
    ("Võ Minh Trung", "Đội trưởng đội trật tự đô thị phường"),
    ("Đặng Công Bình", "Phó Chủ tịch Ủy ban nhân dân xã"),
    ("Huỳnh Thị Ngọc Hạnh", "Kế toán Ủy ban nhân dân phường"),
    ("Bùi Đức Cường", "Chuyên viên Phòng Quản lý đô thị"),
)

TRANSFER_AGENCIES = (
    "Sở Tài nguyên và Môi trường",
    "Sở Xây dựng",
    "Công an tỉnh",
    "Tòa án nhân dân huyện",
    "Viện kiểm sát nhân dân huyện",
    "Sở Lao động - Thương binh và Xã hội",
    "Ủy ban kiểm tra Huyện ủy",
)

FINDINGS = (
    "Qua xác minh, nội dung đơn phản ánh là đúng; đơn vị liên quan đã cam kết khắc phục "
    "trong thời hạn 30 ngày.",
    "Kết quả xác minh cho thấy nội dung khiếu nại là sai, quyết định bị khiếu nại được "
    "ban hành đúng thẩm quyền và đúng trình tự.",
    "Nội dung khiếu nại đúng một phần: đơn giá bồi thường phù hợp nhưng chưa tính phần "
    "hỗ trợ chuyển đổi nghề nghiệp.",
    "Chưa đủ căn cứ kết luận người bị tố cáo có hành vi vi phạm; người tố cáo không cung "
    "cấp được chứng cứ bổ sung.",
    "Tố cáo đúng một phần: có việc thu tiền ngoài quy định nhưng số tiền thấp hơn nội "
    "dung tố cáo.",
    "Xác minh thực tế cho thấy công trình xây dựng sai phép, địa phương chậm phát hiện "
    "và xử lý.",
)

DECISION_SUMMARIES = (
    "Giữ nguyên quyết định hành chính bị khiếu nại.",
    "Sửa đổi một phần quyết định bị khiếu nại, bổ sung khoản hỗ trợ chuyển đổi nghề nghiệp.",
    "Hủy bỏ quyết định bị khiếu nại và giao cơ quan chuyên môn giải quyết lại.",
    "Kết luận nội dung tố cáo đúng một phần, kiến nghị xử lý kỷ luật người vi phạm.",
    "Kết luận nội dung tố cáo là không đúng, khôi phục quyền lợi hợp pháp của người bị tố cáo.",
    "Chuyển hồ sơ sang cơ quan điều tra do có dấu hiệu tội phạm.",
)

NOTES = (
    "Đã gọi điện hẹn công dân bổ sung giấy tờ.",
    "Chờ ý kiến phòng chuyên môn.",
    "Đơn trùng nội dung với đơn đã thụ lý trước đó.",
    "Đề nghị gia hạn thời gian giải quyết.",
    "Đã làm việc trực tiếp với người bị tố cáo.",
    "Cần xác minh thực địa trước khi báo cáo.",
)
# fmt: on

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def _ascii(text):
    """Strip Vietnamese diacritics, mapping đ/Đ to d/D."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def person(rng):
    """Return a fictitious Vietnamese citizen as a dict, using ``rng`` (random.Random)."""
    if rng.random() < 0.5:
        middle, given = rng.choice(MIDDLE_NAMES_MALE), rng.choice(GIVEN_NAMES_MALE)
    else:
        middle, given = rng.choice(MIDDLE_NAMES_FEMALE), rng.choice(GIVEN_NAMES_FEMALE)
    family = rng.choice(FAMILY_NAMES)
    full_name = f"{family} {middle} {given}"
    house = f"{rng.randint(1, 350)}"
    if rng.random() < 0.3:
        house += f"/{rng.randint(1, 40)}"
    address = f"{house} {rng.choice(STREETS)}, {rng.choice(WARDS)}, {PROVINCE}"
    initials = "".join(_ascii(part)[0] for part in (family, middle)).lower()
    email = f"{_ascii(given).lower()}.{initials}{rng.randint(1, 99)}@example.vn"
    return {
        "full_name": full_name,
        "id_number": "0" + "".join(str(rng.randint(0, 9)) for _ in range(11)),
        "address": address,
        "phone": rng.choice(("09", "03")) + "".join(str(rng.randint(0, 9)) for _ in range(8)),
        "email": email,
    }


# The minutes of a dialogue with a complainant (biên bản đối thoại).
DIALOGUE = {
    "participants": (
        "Người khiếu nại; đại diện cơ quan có quyết định bị khiếu nại; người được giao "
        "nhiệm vụ xác minh."
    ),
    "complainant_views": "Giữ nguyên yêu cầu, đề nghị hủy quyết định bị khiếu nại.",
    "respondent_views": "Quyết định được ban hành đúng thẩm quyền, trình tự, thủ tục.",
    "result": "Hai bên chưa thống nhất; báo cáo người có thẩm quyền xem xét, quyết định.",
    "signed_by": "Các bên tham gia đối thoại đã ký biên bản.",
}
