"""Background work of protection orders: e-mails after a change, expiry of orders."""

from django_tasks import task

from paccto.protection import services


@task()
def notification_email_task(notification_id: int) -> int:
    from paccto.protection.models import ProtectionNotification

    notification = ProtectionNotification.objects.select_related("order").get(pk=notification_id)
    return services.notification_email_send(notification=notification)


@task()
def protection_expire_task() -> int:
    return services.protection_orders_expire()
