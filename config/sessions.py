"""Sessions in the database whose idle window slides with the user's requests, written at most
once a minute instead of on every request.

``SESSION_COOKIE_AGE`` is the idle window (30 minutes unless ``SESSION_IDLE_MINUTES`` says
otherwise). A session read with more than a minute of it used is written again, with a whole
window ahead; one read sooner is not written at all: a user who clicks through ten pages in
a minute costs one write, not ten (and a page's answer no write in the database at all). The
window is therefore between 29 and 30 minutes after the last request that read the session
(every page of a signed-in user does).
"""

from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

#: How much of the idle window a session uses before a request writes it again (at most
#: half of the window, when the window is short).
REFRESH_AFTER = timedelta(minutes=1)


class SessionStore(DatabaseSessionStore):
    def _slide(self, found) -> None:
        if found is None:
            return
        window = timedelta(seconds=self.get_session_cookie_age())
        if found.expire_date - timezone.now() < window - min(REFRESH_AFTER, window / 2):
            self.modified = True  # written with a new window when the response leaves

    def _get_session_from_db(self):
        found = super()._get_session_from_db()
        self._slide(found)
        return found

    async def _aget_session_from_db(self):
        found = await super()._aget_session_from_db()
        self._slide(found)
        return found
