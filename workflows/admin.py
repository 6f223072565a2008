"""Admin for the calendar and the deadline rules: a change moves the open deadlines it touches."""

from django.contrib import admin
from django.db import transaction

from casework.deadlines.calendar import MAX_AGE_SECONDS, calendar_invalidate
from casework.models import CalendarDay, DeadlineRule
from workflows import tasks


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "is_working_day", "name", "source")
    list_filter = ("is_working_day", "source")
    date_hierarchy = "day"
    readonly_fields = ("source",)
    search_fields = ("name",)

    def _changed(self, days):
        # At a million cases this takes a while: a background task, after the commit. It runs
        # again once every process's copy of the calendar has expired, for the due dates that
        # another process counted meanwhile with the calendar from before the change.
        calendar_invalidate()
        isodays = [d.isoformat() for d in days]

        def recompute():
            tasks.clocks_recompute_task.delay(isodays)
            tasks.clocks_recompute_task.apply_async((isodays,), countdown=MAX_AGE_SECONDS + 5)

        transaction.on_commit(recompute)

    def save_model(self, request, obj, form, change):
        before = CalendarDay.objects.filter(pk=obj.pk).values_list("day", flat=True).first()
        if not change:
            obj.source = "admin"
        super().save_model(request, obj, form, change)
        self._changed([d for d in (before, obj.day) if d])

    def delete_model(self, request, obj):
        day = obj.day
        super().delete_model(request, obj)
        self._changed([day])

    def delete_queryset(self, request, queryset):
        days = list(queryset.values_list("day", flat=True))
        super().delete_queryset(request, queryset)
        self._changed(days)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "round",
        "stage",
        "is_complex",
        "is_remote_area",
        "period",
        "unit",
        "basis",
        "effective_from",
        "effective_to",
    )
    list_filter = ("kind", "stage", "unit")
