"""Rendering a notice to PDF: the one place that imports WeasyPrint.

Every notice is a Django template under ``templates/notices/`` rendered to HTML, then to a
PDF/A-3b file with its fonts embedded (archival: Decree 30/2020 documents are kept for years).
"""

import threading

from django.template.loader import render_to_string

#: PDF/A-3b: archival, fonts embedded, attachments allowed (a later signed copy may carry one).
PDF_VARIANT = "pdf/a-3b"


def render_pdf(template: str | list[str], context: dict) -> bytes:
    """The PDF of one notice: ``template`` (or the first of a list that exists) rendered with
    ``context``, as PDF/A-3b bytes."""
    from weasyprint import HTML  # here only: importing WeasyPrint loads Pango, which is slow

    html = render_to_string(template, context)
    return HTML(string=html, base_url=None).write_pdf(
        pdf_variant=PDF_VARIANT, uncompressed_pdf=False, font_config=_font_config()
    )


_local = threading.local()


def _font_config():
    """One font configuration per thread, kept: WeasyPrint otherwise builds one (fontconfig's
    font list, Pango's font map) for every document, a fifth of a notice's time. The notices
    declare no @font-face, so nothing accumulates in it."""
    config = getattr(_local, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _local.font_config = FontConfiguration()
    return config
