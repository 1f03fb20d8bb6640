"""Authentication that refuses locked usernames without revealing anything."""

from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models.query import RawQuerySet

from paccto.accounts.models import RoleAssignment
from paccto.accounts.services import account_is_locked
from paccto.core.selectors import institution_cached

# The user read with the session just loaded in this thread (``accounts.sessions``), until
# ``get_user`` takes it.
_session_user: ContextVar[Any] = ContextVar("paccto_session_user", default=None)


def hand_session_user(user: Any) -> None:
    """Keep the user read with this request's session (None: none) for ``get_user``."""
    _session_user.set(user)


def take_session_user(pk: int) -> Any:
    """The user read with this request's session if it is user ``pk``, else None; once."""
    user = _session_user.get()
    _session_user.set(None)
    return user if user is not None and user.pk == pk else None


class LockoutAwareBackend(ModelBackend):
    """Django's model backend, refusing locked usernames.

    A locked or unknown username still costs one password hash, so the answer and its timing
    are the same whether the account exists, is locked, or the password is wrong.
    """

    def authenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ):
        if username is None or password is None:
            return None
        if account_is_locked(username):
            get_user_model()().set_password(password)  # same cost as a real check
            return None
        return super().authenticate(
            request, username=username.strip().lower(), password=password, **kwargs
        )

    def get_user(self, user_id: Any):
        """The signed-in user with its roles: read with the session when it was (see
        ``paccto.accounts.sessions``), else in one light query (this runs on every request);
        the institution and its country come from the directory's cache."""
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = take_session_user(pk)
        if user is None:
            UserModel = get_user_model()
            user = next(iter(UserModel._default_manager.raw(_user_sql(), [pk])), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        user._role_codes = sorted(user.role_list.split(",")) if user.role_list else []
        if user.institution_id is not None:
            user._state.fields_cache["institution"] = institution_cached(user.institution_id)
        return user


def _roles_sql(db: Any) -> str:
    """The roles of user ``u``, joined by commas."""
    roles = db.ops.quote_name(RoleAssignment._meta.db_table)
    join = "STRING_AGG" if db.vendor == "postgresql" else "GROUP_CONCAT"
    return f"(SELECT {join}(r.role, ',') FROM {roles} r WHERE r.user_id = u.id)"  # noqa: S608


def _user_sql() -> str:
    """The user row and its roles joined by commas."""
    users = connection.ops.quote_name(get_user_model()._meta.db_table)
    return f"SELECT u.*, {_roles_sql(connection)} AS role_list FROM {users} u WHERE u.id = %s"  # noqa: S608


def session_user_query(db: Any, session_table: str, params: list[Any]) -> RawQuerySet:
    """A live session (``session_key``, ``expire_date`` after a time) with its user's row and
    roles, as users: one row (its ``pk`` None when no user is signed in) or none."""
    quote = db.ops.quote_name
    users = quote(get_user_model()._meta.db_table)
    sql = (
        f"SELECT s.session_data, u.*, {_roles_sql(db)} AS role_list "  # noqa: S608
        f"FROM {quote(session_table)} s LEFT JOIN {users} u ON u.id = s.user_id "
        "WHERE s.session_key = %s AND s.expire_date > %s"
    )
    return get_user_model()._default_manager.db_manager(db.alias).raw(sql, params)
