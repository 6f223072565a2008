"""Evidence attachments: the upload (the case page again when it is refused) and the
permission-checked download. The case page's section with the form is
``workflows.pages.attachment_section``.

Files are never served from MEDIA_URL: the download view checks, on every request, that the
user may see the case.
"""

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from casework.choices import Kind
from casework.crypto import identity_bytes_decrypt
from casework.models import Attachment, Case
from permissions.identity import denouncer_identity_visible
from permissions.selectors import case_is_visible
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.pages.attachment_section import AttachmentForm
from workflows.pages.cases import CasePageView
from workflows.services.attachments import attachment_add, attachment_limit_bytes
from workflows.services.identity import identity_viewed


class _SizeLimit(FileUploadHandler):
    """Stop reading a file once it passes the limit, instead of spooling all of it to disk.

    The file is then left out of ``request.FILES``; ``placeholder`` stands in for it, an empty
    file whose size is what arrived before reading stopped, for the door to refuse as too
    large. The other fields of the form are still read.
    """

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.stopped: dict[str, UploadedFile] = {}

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.stopped[self.field_name] = UploadedFile(
                name=self.file_name, size=start + len(raw_data)
            )
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) holds the file

    def placeholder(self, field_name: str) -> UploadedFile | None:
        return self.stopped.get(field_name)


# The upload handler must be in place before the CSRF check reads the body, so the view is
# exempt at the door and protected at ``post`` (Django's documented way to do this).
@method_decorator(csrf_exempt, name="dispatch")
class AttachmentAddView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        self.size_limit = _SizeLimit(request, attachment_limit_bytes())
        request.upload_handlers.insert(0, self.size_limit)
        return super().dispatch(request, *args, **kwargs)

    @method_decorator(csrf_protect)
    def post(self, request, pk):
        upload = request.FILES.get("file") or self.size_limit.placeholder("file")
        try:
            attachment = attachment_add(
                case_id=pk,
                actor=request.user,
                upload=upload,
                description=request.POST.get("description", ""),
                identifying=bool(request.POST.get("identifying")),
            )
        except CaseNotFound:
            raise Http404 from None
        except InvalidPayload as refused:
            return self.refused(pk, refused.errors, status=refused.status)
        except (ActionForbidden, StateConflict) as refused:
            return self.refused(pk, {None: [str(refused.detail)]}, status=refused.status)
        messages.success(
            request,
            _("“%(name)s” is attached to %(reference)s.")
            % {"name": attachment.original_name, "reference": attachment.case.reference},
        )
        return redirect(self.viewset.reverse("detail", kwargs={"pk": pk}))

    def refused(self, pk, errors: dict, *, status: int):
        """The case page again, with the refusal beside the field and the typed text kept."""
        case = Case.objects.filter(pk=pk).first()
        form = AttachmentForm(
            data=self.request.POST,
            limit_mb=settings.CASEWORK_ATTACHMENT_MAX_MB,
            case=case,
            user=self.request.user,
        )
        form.is_valid()
        for field, field_errors in errors.items():
            for error in field_errors:
                form.add_error(field if field in form.fields else None, error)
        page = CasePageView(viewset=self.viewset)
        page.setup(self.request, pk=pk)
        context = page.get_context_data(pk=pk, attachment_form=form)
        return TemplateResponse(self.request, page.template_name, context, status=status)


class AttachmentDownloadView(LoginRequiredMixin, generic.View):
    """The file, to whoever may see its case; 404 to anyone else (the case is not disclosed)."""

    http_method_names = ["get", "head"]
    viewset = None

    def get(self, request, pk, attachment_id):
        attachment = (
            Attachment.objects.select_related("case").filter(pk=attachment_id, case_id=pk).first()
        )
        if attachment is None or not case_is_visible(request.user, attachment.case):
            raise Http404
        if attachment.identifying and attachment.case.kind == Kind.DENUNCIATION:
            # A file that identifies the denouncer: not there for anyone else; a reading for
            # those allowed, and logged as one.
            if not denouncer_identity_visible(request.user, attachment.case):
                raise Http404
            identity_viewed(case_id=attachment.case_id, actor=request.user)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        if attachment.identifying:
            with handle:
                handle = io.BytesIO(identity_bytes_decrypt(handle.read()))
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.download_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        # Evidence may name people: no shared cache keeps a copy.
        response["Cache-Control"] = "private, no-store"
        return response
