"""The API's JSON parser: a body nested too deeply is a 400 like any other unreadable body.

Python's decoder recurses once per level and gives up with ``RecursionError`` (``[`` repeated
a few thousand times is enough), which DRF's parser does not catch: it became a 500. The size
of a body is limited before it is read (``config.middleware``, and ``api.exceptions`` for
a body that reaches DRF all the same).
"""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON parse error: nested too deeply.")) from None
