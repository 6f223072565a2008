"""What every page's header shows: the user's unread notifications."""

from django import template

from casework.models import Notification

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    """How many of the user's deadline warnings are unread (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
