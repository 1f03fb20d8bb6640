"""Writes of secure exchange (the only code that writes): messages, attachments, onward
sharing, clocks, mentions in the entity store and notifications. Every write is audited in
its transaction."""

from paccto.exchange.services.access import (
    access_refused_record,
    attachment_access,
    message_access,
)
from paccto.exchange.services.attachments import (
    AttachmentIntegrityError,
    attachment_open,
    attachment_upload,
)
from paccto.exchange.services.clocks import (
    clock_rules_load,
    clock_times,
    exchange_clock_run,
    register_clock_pass,
)
from paccto.exchange.services.defaults import exchange_defaults_for, exchange_defaults_set
from paccto.exchange.services.forwarding import forward_request_decide, message_forward
from paccto.exchange.services.mentions import message_entity_link, message_entity_record
from paccto.exchange.services.messages import (
    message_acknowledge,
    message_open,
    message_search_record,
    message_send,
)
from paccto.exchange.services.notifications import (
    notification_emails_send,
    notifications_mark_read,
    notify_institutions,
    notify_users,
)

__all__ = [
    "AttachmentIntegrityError",
    "access_refused_record",
    "attachment_access",
    "attachment_open",
    "attachment_upload",
    "clock_rules_load",
    "clock_times",
    "exchange_clock_run",
    "exchange_defaults_for",
    "exchange_defaults_set",
    "forward_request_decide",
    "message_access",
    "message_acknowledge",
    "message_entity_link",
    "message_entity_record",
    "message_forward",
    "message_open",
    "message_search_record",
    "message_send",
    "notification_emails_send",
    "notifications_mark_read",
    "notify_institutions",
    "notify_users",
    "register_clock_pass",
]
