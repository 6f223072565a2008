"""System checks: settings a deployment must give that Django cannot tell are missing."""

from django.conf import settings
from django.core.checks import Warning, register


@register("casework")
def public_url_check(app_configs, **kwargs):
    if settings.CASEWORK_PUBLIC_URL:
        return []
    return [
        Warning(
            "CASEWORK_PUBLIC_URL is not set: notices will print their verification page "
            "without the address of the site.",
            hint="Set CASEWORK_PUBLIC_URL to the public address, e.g. https://casework.example.vn",
            id="casework.W001",
        )
    ]
