"""What the door answers when it says no. Each carries the HTTP status that the API gives."""

from django.utils.translation import gettext_lazy as _


class DoorError(Exception):
    status = 500
    default_detail = _("The action failed.")

    def __init__(self, detail=None):
        self.detail = detail if detail is not None else self.default_detail
        super().__init__(str(self.detail))


class CaseNotFound(DoorError):
    """The case does not exist, or the actor may not see it (its existence is not disclosed)."""

    status = 404
    default_detail = _("Case not found.")


class ActionForbidden(DoorError):
    status = 403
    default_detail = _("You may not take this action on this case.")


class InvalidPayload(DoorError):
    """Field messages, as ``{field: [message, ...]}``."""

    status = 400
    default_detail = _("The data sent is not valid.")

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__()


class StateConflict(DoorError):
    """The case's state (or a concurrent change) does not allow the action now."""

    status = 409
    default_detail = _("The case's state does not allow this action.")


def form_messages(form) -> dict[str, list[str]]:
    """An invalid form's messages, as ``InvalidPayload`` carries them."""
    errors = form.errors.get_json_data()
    return {field: [e["message"] for e in errs] for field, errs in errors.items()}
