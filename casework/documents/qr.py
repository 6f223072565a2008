"""The QR code printed on each notice: its verification URL, as inline SVG for WeasyPrint."""

import qrcode
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str) -> SafeString:
    """``data`` as a QR code: an ``<svg>`` of one path, sized by the notice's style sheet.

    ``qrcode`` computes the modules (and picks the mask the standard asks for); the path is
    drawn here, a rectangle per run of dark modules in a row, which is smaller and quicker
    than one square per module.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < size and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    # Only numbers and fixed letters: nothing of ``data`` enters the markup.
    return mark_safe(  # noqa: S308
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges" role="img" aria-label="QR">'
        f'<path fill="#000" d="{"".join(runs)}"/></svg>'
    )
