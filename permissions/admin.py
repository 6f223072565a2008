"""Admin for units, users and their roles."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from casework.models import Unit, User
from permissions.models import UnitRole
from permissions.roles import role_groups_ensure
from permissions.users import user_move_unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    search_fields = ("code", "name")
    list_select_related = ("parent",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        role_groups_ensure(obj)


class CaseworkUserChangeForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        unit = data.get("unit")
        groups = data.get("groups")
        if groups is not None:
            links = UnitRole.objects.filter(group__in=groups).select_related("unit")
            foreign = [link.group.name for link in links if link.unit and link.unit != unit]
            if foreign:
                self.add_error(
                    "groups",
                    _("These role groups belong to another unit: %(groups)s")
                    % {"groups": ", ".join(foreign)},
                )
        return data


@admin.register(User)
class CaseworkUserAdmin(UserAdmin):
    form = type("UserChangeForm", (CaseworkUserChangeForm, UserAdmin.form), {})
    list_display = ("username", "first_name", "last_name", "unit", "is_active")
    list_filter = ("unit", "is_active", "groups")
    list_select_related = ("unit",)
    fieldsets = (
        *UserAdmin.fieldsets[:1],
        (_("Unit"), {"fields": ("unit",)}),
        *UserAdmin.fieldsets[1:],
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "unit", "password1", "password2")}),
    )

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not request.user.is_superuser:
            # An administrator manages staff but may not make anyone a superuser.
            fields = (*fields, "is_superuser", "user_permissions")
        return fields

    def save_model(self, request, obj, form, change):
        moved = change and "unit" in form.changed_data
        super().save_model(request, obj, form, change)
        if moved:
            user_move_unit(user=obj, unit=obj.unit)


@admin.register(UnitRole)
class UnitRoleAdmin(admin.ModelAdmin):
    list_display = ("group", "unit", "role")
    list_filter = ("role",)
    readonly_fields = ("group", "unit", "role")

    def has_add_permission(self, request):
        return False
