"""Database sessions, read together with their signed-in user in one plain query: this runs
on every signed-in request.

The session row carries its user's id (``accounts.Session.user_id``), so the read joins the
user and its roles. The user read this way is handed to the authentication backend once
(``take_session_user``), for the same request: Django then asks the backend for the user of
the session, which would otherwise be a second query.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

# The user read with the session just loaded in this thread, until the backend takes it.
_session_user: ContextVar[Any] = ContextVar("paccto_session_user", default=None)


def take_session_user(pk: int) -> Any:
    """The user read with this request's session if it is user ``pk``, else None; once."""
    user = _session_user.get()
    _session_user.set(None)
    return user if user is not None and user.pk == pk else None


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
        from paccto.accounts.backends import session_user_query

        _session_user.set(None)
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
        if row.pk is not None:
            _session_user.set(row)
        return self.decode(row.session_data)
