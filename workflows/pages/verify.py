"""The public verification page printed on every notice: /verify/<code>/.

Anyone holding a notice can check it: the page shows what the document is (number, issuing unit,
date, kind, SHA-256) and compares an uploaded file with the original. It names no person, and
says nothing of the case beyond the notice's own heading.

The "verified" badge is the page's verdict, and a citizen holding a forged paper reads it as one:
it shows only for a document the system issued (rendered, with its SHA-256), and after an upload
only when the file is that original. A code that matches nothing answers 404 with a plain "no
document with this code", and no badge.
"""

import hashlib
from functools import partial

from django import forms
from django.core.cache import cache
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from casework.models import Document
from workflows.http import client_address
from workflows.procedures import NOTICE_LABELS

#: The largest copy compared: a notice is a page or two, a few hundred kilobytes.
COMPARE_MAX_BYTES = 5 * 1024 * 1024
#: Comparisons allowed per address and minute (a public page: not a hashing service).
COMPARE_PER_MINUTE = 20


def code_normal(code: str) -> str:
    """A code as typed or read (any case, with or without its dash): ``K7Q2-9XHD``."""
    chars = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:8]
    return f"{chars[:4]}-{chars[4:]}"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=20,
        help_text=gettext_lazy("Printed under the QR code, e.g. K7Q2-9XHD"),
    )

    def clean_code(self):
        return code_normal(self.cleaned_data["code"])


class CompareForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Your copy (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > COMPARE_MAX_BYTES:
            raise forms.ValidationError(_too_large())
        return upload


def _too_large() -> str:
    return _("The file is larger than %(limit)s MB: it cannot be the notice.") % {
        "limit": COMPARE_MAX_BYTES // (1024 * 1024)
    }


def _compare_allowed(request) -> bool:
    """At most ``COMPARE_PER_MINUTE`` comparisons a minute from one address (the cache)."""
    key = f"verify-compare:{client_address(request)}"
    cache.add(key, 0, timeout=60)
    try:
        return cache.incr(key) <= COMPARE_PER_MINUTE
    except ValueError:  # expired between the two calls
        return True


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def _replaced_by(document: Document | None) -> dict | None:
    newer = document and document.corrections.order_by("pk").first()
    return newer and {"number": newer.number, "issued_on": newer.issued_on}


class VerifyView(generic.View):
    """``GET /verify/`` asks for a code; ``GET /verify/<code>/`` shows the document;
    ``POST /verify/<code>/`` with a file says whether it is the original."""

    http_method_names = ["get", "post", "head"]
    template_name = "verify/verify.html"

    def get(self, request, code=None):
        if code is None:
            form = CodeForm(request.GET or None)
            if not form.is_valid():
                return self.answer(code_form=form, status=400 if request.GET else 200)
            code = form.cleaned_data["code"]
        return self.answer(code=code, document=self.document(code), compare_form=CompareForm())

    def post(self, request, code=None):
        if code is None:
            return self.get(request)
        # Refused before the body is read: a large upload costs nothing but its headers.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        document = self.document(code)
        answer = partial(self.answer, code=code, document=document, compare_form=CompareForm())
        if length > COMPARE_MAX_BYTES + 64 * 1024:
            return answer(error=_too_large(), status=413)
        if not _compare_allowed(request):
            error = _("Too many comparisons from your address: try again in a minute.")
            return answer(error=error, status=429)
        form = CompareForm(request.POST, request.FILES)
        if not form.is_valid():
            return answer(compare_form=form, status=400)
        if document is None:
            return answer()
        digest = _sha256(form.cleaned_data["file"])
        original = bool(document.sha256) and digest == document.sha256
        return answer(result={"original": original, "sha256": digest})

    @staticmethod
    def document(code: str) -> Document | None:
        found = Document.objects.select_related("unit", "replaces")
        return found.filter(code=code_normal(code)).first()

    def answer(
        self,
        *,
        code=None,
        document=None,
        code_form=None,
        compare_form=None,
        result=None,
        error="",
        status=200,
    ):
        """The page for ``code`` and its ``document`` (None: no such document)."""
        if code and document is None:
            status, code_form = 404, CodeForm(initial={"code": code})
        issued = document is not None and document.is_ready and bool(document.sha256)
        if self.request.method == "POST":  # a copy was sent: the badge is for the original only
            verified = issued and bool(result and result["original"])
        else:
            verified = issued
        context = {
            "code": code,
            "verified": verified,
            "unknown": bool(code) and document is None,
            "code_form": code_form,
            "compare_form": compare_form if document is not None else None,
            "result": result,
            "error": error,
            "document": document
            and {
                "number": document.number,
                "kind": NOTICE_LABELS.get(document.kind, document.kind),
                "unit": document.unit.name,
                "issued_on": document.issued_on,
                "status": document.status,
                "status_label": document.get_status_display(),
                "sha256": document.sha256,
                "replaces": document.replaces.number if document.replaces_id else "",
                "replaced_by": _replaced_by(document),
            },
        }
        response = TemplateResponse(self.request, self.template_name, context, status=status)
        response["X-Robots-Tag"] = "noindex"
        return response
