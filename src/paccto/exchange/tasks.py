"""Background work of secure exchange: e-mails of notifications, and the clock."""

from django_tasks import task

from paccto.exchange import services


@task()
def notification_emails_task(notification_ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet."""
    return services.notification_emails_send(ids=notification_ids)


@task()
def exchange_clock_task() -> dict[str, int]:
    """One pass of the exchange clock (reminders, escalations, forgotten uploads)."""
    return services.exchange_clock_run()
