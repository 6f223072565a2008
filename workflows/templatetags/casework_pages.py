"""What every page's header shows: the user's unread notifications."""

from django import template

from casework.choices import Role
from casework.models import Notification
from permissions.roles import user_roles

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    """How many of the user's deadline warnings are unread (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@register.simple_tag
def reads_only(user) -> bool:
    """Whether the user may read but never act: an auditor (and nothing more)."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    roles = user_roles(user)
    return bool(roles) and roles <= {Role.AUDITOR}
