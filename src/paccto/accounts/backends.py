"""Authentication that refuses locked usernames without revealing anything."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import OuterRef, Subquery

from paccto.accounts.models import RoleAssignment
from paccto.accounts.services import account_is_locked
from paccto.core.db.functions import GroupConcat


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
        """The signed-in user, with institution, country and roles in one query (this runs
        on every request)."""
        UserModel = get_user_model()
        roles = (
            RoleAssignment.objects.filter(user=OuterRef("pk"))
            .values("user")
            .annotate(codes=GroupConcat("role"))
            .values("codes")
        )
        user = (
            UserModel._default_manager.select_related("institution__country")
            .annotate(role_list=Subquery(roles))
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user._role_codes = sorted(user.role_list.split(",")) if user.role_list else []
        return user
