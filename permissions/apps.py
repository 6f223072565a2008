from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermissionsConfig(AppConfig):
    name = "permissions"
    label = "permissions"
    verbose_name = _("Permissions")

    def ready(self):
        from django.db.models.signals import post_migrate

        from permissions.grants import permission_ids_forget

        post_migrate.connect(permission_ids_forget, dispatch_uid="permission_ids_forget")
