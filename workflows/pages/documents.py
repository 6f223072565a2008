"""The notices on the case page: the permission-checked download, a supervisor's retry (of a
failed or a stuck document) and correction."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from casework.models import Case
from permissions.selectors import case_permissions
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.procedures import NOTICE_LABELS
from workflows.services.documents import (
    CORRECTION_REASON_MAX,
    STUCK_MINUTES,
    document_correct,
    document_is_stuck,
    document_read,
    document_retry,
    documents_visible,
)


def pdf_response(document, data: bytes) -> HttpResponse:
    """A notice as a download, never kept by a shared cache (it may name people)."""
    response = HttpResponse(data, content_type="application/pdf")
    filename = document.number.replace("/", "-").replace("Đ", "D")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def documents_context(*, case: Case, user) -> dict:
    documents = documents_visible(user, case, case.documents.select_related("replaces"))
    replaced = {d.replaces_id: d for d in documents if d.replaces_id}
    now = timezone.now()
    rows = [
        {
            "document": d,
            "label": NOTICE_LABELS.get(d.kind, d.kind),
            "replaced_by": replaced.get(d.pk),
            # Its task lost (a crash after the act): retried as a failed one would be.
            "stuck": document_is_stuck(d, now),
        }
        for d in documents
    ]
    return {
        "documents": rows,
        "may_decide": "decide_case" in case_permissions(user, case),
        "correction_reason_max": CORRECTION_REASON_MAX,
        "stuck_minutes": STUCK_MINUTES,
    }


class DocumentDownloadView(LoginRequiredMixin, generic.View):
    """The PDF, to whoever may see it; 404 to anyone else (the case is not disclosed)."""

    http_method_names = ["get", "head"]
    viewset = None

    def get(self, request, pk, document_id):
        try:
            document, data = document_read(request.user, document_id, case_id=pk)
        except CaseNotFound:
            raise Http404 from None
        except StateConflict as refused:
            return HttpResponse(str(refused.detail), status=409, content_type="text/plain")
        return pdf_response(document, data)


class _DocumentActView(LoginRequiredMixin, generic.View):
    """A supervisor's act on one document (``act``), then back to the case's documents with
    a message saying how it went; a refusal is said the same way, 404 for what is not seen."""

    http_method_names = ["post"]
    viewset = None

    def act(self, request, pk, document_id) -> tuple[int, str]:
        raise NotImplementedError

    def post(self, request, pk, document_id):
        try:
            level, text = self.act(request, pk, document_id)
        except CaseNotFound:
            raise Http404 from None
        except InvalidPayload as refused:
            for errors in refused.errors.values():
                for error in errors:
                    messages.error(request, error)
        except (ActionForbidden, StateConflict) as refused:
            messages.error(request, str(refused.detail))
        else:
            messages.add_message(request, level, text)
        return redirect(self.viewset.reverse("detail", kwargs={"pk": pk}) + "#documents")


class DocumentRetryView(_DocumentActView):
    """A supervisor renders a failed document, or one stuck being issued, again."""

    def act(self, request, pk, document_id):
        document = document_retry(request.user, document_id, case_id=pk)
        document.refresh_from_db()  # rendered after the commit, eagerly without a broker
        if document.is_ready:
            return messages.SUCCESS, _("%(number)s is issued.") % {"number": document.number}
        status = {"number": document.number, "status": document.get_status_display()}
        return messages.WARNING, _("%(number)s: %(status)s.") % status


class DocumentCorrectView(_DocumentActView):
    """A supervisor issues a correction of a document, with the reason for it."""

    def act(self, request, pk, document_id):
        reason = request.POST.get("reason", "")
        correction = document_correct(request.user, document_id, case_id=pk, reason=reason)
        numbers = {"number": correction.number, "old": correction.replaces.number}
        return messages.SUCCESS, _("%(number)s issued: it replaces %(old)s.") % numbers
