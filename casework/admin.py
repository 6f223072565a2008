"""Read-only admin for cases and their audit trail: changes go through the door only."""

from django.contrib import admin

from casework.models import Case, CaseEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ("case", "seq", "action", "from_state", "to_state", "actor", "effective_on")
    list_filter = ("action",)
    list_select_related = ("case", "actor")
    search_fields = ("case__reference",)
    ordering = ("-recorded_at",)


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "kind", "state", "unit", "received_on", "assignee")
    list_filter = ("kind", "state", "unit")
    list_select_related = ("unit", "assignee")
    search_fields = ("reference", "subject")
    exclude = ("audit_head",)
