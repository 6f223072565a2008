# The same day-first dates in English: the cases, the laws and the users are Vietnamese.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
