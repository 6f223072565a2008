"""Evidence attachments: a file added to a case, with its event in the case's trail."""

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.choices import ACTIVE_STATES, Kind
from casework.crypto import identity_bytes_encrypt
from casework.models import Attachment, AttachmentType, Case, User
from casework.models.attachment import attachment_storage_name
from permissions.identity import denouncer_identity_visible
from permissions.selectors import case_permissions
from workflows.errors import ActionForbidden, CaseNotFound, InvalidPayload, StateConflict
from workflows.procedures import ATTACH_EVENT
from workflows.services.audit import event_append
from workflows.services.identity import denouncer_secrets_for, texts_naming_the_denouncer

#: Who adds a file to a case, by the grants they hold on it (``permissions.grants``): its
#: supervisors (``decide_case``, through their unit's group), its current assignee
#: (``investigate_case``, moved on reassignment), and the intake officer who registered it
#: (``record_withdrawal_case``, the registrar's grant: they receive what the citizen brings to
#: the desk, a withdrawal or further papers). Auditors and administrators add nothing.
ATTACH_PERMISSIONS = frozenset({"decide_case", "investigate_case", "record_withdrawal_case"})

DESCRIPTION_MAX_LENGTH = 2000
NAME_MAX_LENGTH = 255

_PDF = b"%PDF-"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_ZIP = b"PK\x03\x04"
#: An Office Open XML package names the content type of its main part in
#: ``[Content_Types].xml``. Only the plain document and workbook are taken: a macro-enabled
#: .docm or .xlsm declares another type and is refused, whatever its name says.
_OOXML_MAIN = {
    AttachmentType.DOCX: (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "word/",
    ),
    AttachmentType.XLSX: (
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "xl/",
    ),
}
#: Bounds on what is read of a zip: a real document has a few dozen parts and a content-types
#: part of a few kilobytes; anything far larger is refused rather than unpacked.
_ZIP_MAX_MEMBERS = 10_000
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024


def attachment_limit_bytes() -> int:
    return settings.CASEWORK_ATTACHMENT_MAX_MB * 1024 * 1024


def _may_attach(held: frozenset[str]) -> bool:
    return "view_case" in held and bool(held & ATTACH_PERMISSIONS)


def attachment_may_add(user: User, case: Case, *, held: frozenset[str] | None = None) -> bool:
    """Whether the user may add a file to the case now (see ``ATTACH_PERMISSIONS``)."""
    held = case_permissions(user, case) if held is None else held
    return _may_attach(held) and case.state in ACTIVE_STATES


def attachment_may_mark_identifying(user: User, case: Case) -> bool:
    """Whether the user may mark a file of this case as identifying the denouncer: only on a
    denunciation, and only who may see its denouncer. An investigator does not know who the
    denouncer is, and a file they marked would be hidden from themselves."""
    return case.kind == Kind.DENUNCIATION and denouncer_identity_visible(user, case)


def attachment_type_detect(upload) -> str | None:
    """The type of the file from its first bytes (and, for a zip, its parts); None if not allowed.

    The file's name and the content type the browser sent are never consulted.
    """
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(_PDF) and head[5:6].isdigit():
        return AttachmentType.PDF
    if head.startswith(_PNG) and head[12:16] == b"IHDR":
        return AttachmentType.PNG
    # After the start-of-image marker comes another marker (APPn, DQT, SOF, COM...): 0xC0-0xFE.
    if head.startswith(_JPEG) and len(head) > 3 and 0xC0 <= head[3] <= 0xFE:
        return AttachmentType.JPEG
    if head.startswith(_ZIP):
        return _ooxml_type(upload)
    return None


def _ooxml_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > _ZIP_MAX_MEMBERS:
                return None
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX_BYTES:
                return None
            with archive.open(info) as part:
                # The size in the header may lie: never decompress more than the bound.
                content_types = part.read(_CONTENT_TYPES_MAX_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError):
        # Not a zip, no content-types part, encrypted, or compressed in a way we do not read.
        return None
    finally:
        upload.seek(0)
    if len(content_types) > _CONTENT_TYPES_MAX_BYTES:
        return None
    names = [m.filename for m in members]
    for content_type, (main, folder) in _OOXML_MAIN.items():
        if main in content_types and any(name.startswith(folder) for name in names):
            return content_type
    return None


def attachment_name_clean(name: str | None) -> str:
    """The user's file name, safe to store and to offer back on download.

    Only the last path component is kept; control and formatting characters (a right-to-left
    override can disguise ``gpj.exe`` as ``exe.jpg``) are dropped; runs of white space become
    one space; at most 255 characters, the extension kept.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).strip(" .")
    if len(name) > NAME_MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) <= 16:
            name = f"{stem[: NAME_MAX_LENGTH - len(extension) - 1].rstrip()}.{extension}"
        else:
            name = name[:NAME_MAX_LENGTH]
    return name or _("attachment")


def _allowed_types() -> str:
    return ", ".join(("PDF", "JPEG", "PNG", "DOCX", "XLSX"))


@dataclass(frozen=True)
class _Inspected:
    content_type: str
    size: int
    sha256: str


def _inspect(upload: UploadedFile | None) -> tuple[_Inspected | None, list[str]]:
    """Type, size and hash of the file, or why it is refused. Reads the file, not its name."""
    limit = settings.CASEWORK_ATTACHMENT_MAX_MB
    if upload is None:
        return None, [_("Choose a file to attach.")]
    too_large = _("The file is too large: at most %(limit)s MB is accepted.") % {"limit": limit}
    if upload.size is not None and upload.size > attachment_limit_bytes():
        # Also how the page reports a file its upload handler stopped reading at the limit.
        return None, [too_large]
    digest, size = hashlib.sha256(), 0
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    if size == 0:
        return None, [_("The file is empty.")]
    if size > attachment_limit_bytes():
        return None, [too_large]
    content_type = attachment_type_detect(upload)
    if content_type is None:
        return None, [
            _(
                "This type of file is not accepted. Allowed: %(types)s. The type is recognised "
                "from the file's content, not from its name."
            )
            % {"types": _allowed_types()}
        ]
    return _Inspected(content_type, size, digest.hexdigest()), []


def attachment_add(
    *,
    case_id: int,
    actor: User,
    upload: UploadedFile | None,
    description: str = "",
    identifying: bool = False,
) -> Attachment:
    """Add a file of evidence to a case, with an ``ATTACHMENT_ADDED`` event in its trail.

    Who may: the unit's supervisors, the case's current assignee and its registrar
    (``ATTACH_PERMISSIONS``), while the case is active. Refusals, in this order: 404 (the actor
    may not see the case), 403 (may see, may not attach), 409 (the case is closed: no file
    would be worth fixing), 400 (``file``, ``description`` or ``identifying``: missing, empty,
    too large, not an allowed type, marked identifying by someone who may not see the
    denouncer, or naming the denouncer unmarked, for those who may see them).

    The file is read (type, size, SHA-256) before the case's row is locked; it is stored
    under a random name only once every check has passed. The payload of the event holds the
    attachment's id, hash, size and type; the file's name and the description are free text
    and go in the event's ``texts``, outside the chain.

    Breaks a default: the transaction is ``durable``. A file on disk cannot be rolled back
    with the database, so this must be the outermost transaction: when it fails or rolls back,
    the stored file is deleted here; inside a caller's transaction, a later rollback of the
    caller's would leave the file behind with no row.
    """
    description = (description or "").strip()
    inspected, file_errors = _inspect(upload)
    errors: dict[str, list[str]] = {}
    if file_errors:
        errors["file"] = file_errors
    if len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = [
            _("At most %(count)s characters.") % {"count": DESCRIPTION_MAX_LENGTH}
        ]
    storage = Attachment._meta.get_field("file").storage
    stored = None
    try:
        with transaction.atomic(durable=True):
            case = Case.objects.select_for_update().filter(pk=case_id).first()
            held = case_permissions(actor, case) if case is not None else frozenset()
            if "view_case" not in held:
                raise CaseNotFound
            if not _may_attach(held):
                raise ActionForbidden(_("You may not add attachments to this case."))
            if case.state not in ACTIVE_STATES:
                raise StateConflict(
                    _("A case that is “%(state)s” takes no more attachments.")
                    % {"state": case.get_state_display()}
                )
            if identifying and not attachment_may_mark_identifying(actor, case):
                errors["identifying"] = [
                    _(
                        "Only those who may see the denouncer's identity mark a file as "
                        "identifying them."
                    )
                    if case.kind == Kind.DENUNCIATION
                    else _("Only a denunciation's files are marked as identifying the denouncer.")
                ]
            if not identifying:
                texts = {"description": description, "file": upload.name if upload else ""}
                secrets = denouncer_secrets_for(case, actor)
                errors.update(texts_naming_the_denouncer(secrets, texts))
            if errors:
                raise InvalidPayload(errors)
            if identifying:
                # Like the identity itself: encrypted at rest, so the disk alone reveals no one.
                upload.seek(0)
                content = ContentFile(identity_bytes_encrypt(upload.read()))
            else:
                content = upload
            stored = storage.save(attachment_storage_name(inspected.content_type), content)
            name = attachment_name_clean(upload.name)
            attachment = Attachment(
                case=case,
                uploaded_by=actor,
                uploaded_at=timezone.now(),
                original_name=name,
                file=stored,
                content_type=inspected.content_type,
                size=inspected.size,
                sha256=inspected.sha256,
                description=description,
                identifying=identifying,
            )
            attachment.save(force_insert=True)
            event_append(
                case=case,
                action=ATTACH_EVENT,
                actor=actor,
                payload={
                    "attachment": attachment.pk,
                    "sha256": inspected.sha256,
                    "size": inspected.size,
                    "content_type": inspected.content_type,
                    **({"identifying": True} if identifying else {}),
                },
                # The timeline is read by everyone who sees the case: a file that identifies
                # the denouncer leaves its name and description on the attachment only.
                texts={} if identifying else {"file_name": name, "description": description},
            )
    except BaseException:
        if stored is not None:
            storage.delete(stored)
        raise
    return attachment
