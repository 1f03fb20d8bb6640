"""Writes of protection orders (the only code that writes): issuing and the order's life,
breach reports, notifications, verification, and the audit of every read of personal data."""

from paccto.protection.services.access import (
    protected_persons_consult,
    protection_access_refused,
    protection_order_consult,
    protection_order_search_record,
    protection_refuse,
)
from paccto.protection.services.breaches import breach_report, breach_victim_informed
from paccto.protection.services.notifications import (
    notification_email_send,
    protection_notifications_seen,
    protection_notify,
)
from paccto.protection.services.orders import (
    age_group,
    mentions_protected_data,
    protection_order_close,
    protection_order_issue,
    protection_order_transmit,
    protection_orders_expire,
    transmission_decide,
)
from paccto.protection.services.verification import Verification, protection_verify

__all__ = [
    "Verification",
    "age_group",
    "breach_report",
    "breach_victim_informed",
    "mentions_protected_data",
    "notification_email_send",
    "protected_persons_consult",
    "protection_access_refused",
    "protection_notifications_seen",
    "protection_notify",
    "protection_order_close",
    "protection_order_consult",
    "protection_order_issue",
    "protection_order_search_record",
    "protection_order_transmit",
    "protection_orders_expire",
    "protection_refuse",
    "protection_verify",
    "transmission_decide",
]
