"""Database sessions, read together with their signed-in user in one plain query: this runs
on every signed-in request.

The session row carries its user's id (``accounts.Session.user_id``), so the read joins the
user and its roles. The user read this way is handed to the authentication backend
(``backends.hand_session_user``), which gives it once, for that user id, to Django's request
for the user of the session (otherwise a second query).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from paccto.accounts.backends import hand_session_user, session_user_query


class SessionStore(DatabaseSessionStore):
    """Django's database sessions (same writes) in ``accounts.Session``, with the user's id
    stored beside the data and a lighter read that brings the user along."""

    @classmethod
    def get_model_class(cls) -> Any:
        from paccto.accounts.models import Session

        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session

    def load(self) -> dict[str, Any]:
        hand_session_user(None)
        key = self.session_key
        if not key:
            return {}
        model = self.model
        connection = connections[router.db_for_read(model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = list(session_user_query(connection, model._meta.db_table, [key, now]))
        if not rows:
            self._session_key = None
            return {}
        row = rows[0]
        hand_session_user(row if row.pk is not None else None)
        return self.decode(row.session_data)
