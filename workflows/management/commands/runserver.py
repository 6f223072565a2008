"""``runserver`` for development: the notices' public address follows the port it serves.

``CASEWORK_PUBLIC_URL`` defaults to http://127.0.0.1:8000 while DEBUG is on
(``config.settings``). A server started on another port (``manage.py runserver 8080``) would
then issue notices whose QR code points at a port where nothing answers. With DEBUG on and no
``CASEWORK_PUBLIC_URL`` in the environment, the address this server is bound to becomes the
public address once it is bound; an address given in the environment always wins, and so does
production (DEBUG off), where the setting is required. ``make run`` also passes the address to
``seed_demo``, which issues the demo's notices before the server starts.

It extends staticfiles' ``runserver`` (which serves the static files in development), and
wins over it because ``workflows`` comes before ``django.contrib.staticfiles`` in
``INSTALLED_APPS``.
"""

import os

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserver

#: Addresses that mean "every interface": the notices then name this machine.
ANY_ADDRESS = {"0", "0.0.0.0", "::"}  # noqa: S104 - recognised, not bound


class Command(StaticRunserver):
    def on_bind(self, server_port):
        super().on_bind(server_port)
        address = self.public_url(server_port)
        if address is not None:
            settings.CASEWORK_PUBLIC_URL = address
            self.stdout.write(f"Notices point at {address}/verify/ (CASEWORK_PUBLIC_URL)")

    def public_url(self, server_port) -> str | None:
        """The address this server serves, for the notices; None where the setting stands."""
        if not settings.DEBUG or os.environ.get("CASEWORK_PUBLIC_URL"):
            return None
        host = self.addr
        if host in ANY_ADDRESS:
            host = "[::1]" if host == "::" else "127.0.0.1"
        elif self._raw_ipv6 or ":" in host:
            host = f"[{host}]"
        return f"{self.protocol}://{host}:{server_port}"
