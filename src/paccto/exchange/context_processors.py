from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict:
    """The number of unread notifications under the bell, counted only when a page
    shows it (one indexed count)."""

    def count() -> int:
        from paccto.core.permissions import actor_for
        from paccto.exchange.selectors import notification_unread_count

        return notification_unread_count(actor=actor_for(request.user))

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(count)}
