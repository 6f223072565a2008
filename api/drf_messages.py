"""Django REST framework's own messages, listed so that the project catalogue translates them.

DRF's Vietnamese catalogue covers few of its strings; the project's catalogue (LOCALE_PATHS)
takes precedence, so a msgid listed here and translated in locale/vi reaches API callers in
Vietnamese. The strings are DRF's, verbatim: they are lookup keys, not our prose.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop("A server error occurred."),
    gettext_noop("A valid integer is required."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("Invalid page."),
    gettext_noop("Invalid token header. No credentials provided."),
    gettext_noop("Invalid token header. Token string should not contain invalid characters."),
    gettext_noop("Invalid token header. Token string should not contain spaces."),
    gettext_noop("Invalid token."),
    gettext_noop("Malformed request."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Must be a valid boolean."),
    gettext_noop('Must include "username" and "password".'),
    gettext_noop("Not a valid string."),
    gettext_noop("Not found."),
    gettext_noop("Request was throttled."),
    gettext_noop("String value too large."),
    gettext_noop("This field is required."),
    gettext_noop("This field may not be blank."),
    gettext_noop("This field may not be null."),
    gettext_noop("This list may not be empty."),
    gettext_noop("This value does not match the required pattern."),
    gettext_noop("Unable to log in with provided credentials."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("User inactive or deleted."),
    gettext_noop("You do not have permission to perform this action."),
]
# DRF formats these before its ngettext call, so they are looked up one by one.
WAIT = [
    gettext_noop("Expected available in {wait} second."),
    gettext_noop("Expected available in {wait} seconds."),
]
