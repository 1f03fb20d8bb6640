"""Authentication that refuses locked usernames without revealing anything."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from paccto.accounts.services import account_is_locked


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
        """The signed-in user, with institution and roles loaded in one go."""
        UserModel = get_user_model()
        user = (
            UserModel._default_manager.select_related("institution__country")
            .prefetch_related("role_assignments")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
