# The same day-first dates in English: the cases, the laws and the users are Vietnamese.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Read day first in English too: an officer switching language must not have 05/12/2026 read
# as 12 May (config/formats/vi/formats.py).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
