# Dates as a Vietnamese office writes them: 19/01/2026 (Django's own short form is 19-01-2026).
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# What a date field reads, and (the first) how it shows a date back: day first, a year of four
# digits, as the pages print it; ISO 8601 (2026-12-05) too. Django's fallback reads 05/12/2026
# as 12 May: never that. A two-digit year is refused, not guessed.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
