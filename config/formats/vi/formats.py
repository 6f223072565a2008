# Dates as a Vietnamese office writes them: 19/01/2026 (Django's own short form is 19-01-2026).
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
