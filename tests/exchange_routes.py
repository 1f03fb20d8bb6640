"""Permission-matrix rows of secure exchange (pages and API), and the records they need.

Secure exchange: operational roles; a message from the owner (Colombian police) to the
Portuguese police with an attachment, and a pending request to forward H2 content of the
owner, asked by the Portuguese police.
"""

from __future__ import annotations

from paccto.core.permissions import actor_for
from tests.exchange_helpers import pdf
from tests.factories import first_institution

EXCHANGE_RECORD_KEYS = ("message", "attachment", "forward_request")
ALL_OF_COLOMBIA_AND_ROOT = dict(
    owner=200, colleague_no_role=200, co_admin=200, co_dpo=200, platform_admin=200
)
DEFAULTS_EDITORS = dict(
    owner=403, colleague_no_role=403, co_dpo=403, co_admin=200, platform_admin=200
)
OPERATIONAL_PAGE = dict(owner=200, other_institution=200, other_country=200)
OPERATIONAL_API = dict(owner=200, other_institution=200, other_country=200)
SENDER_AND_RECIPIENT = dict(owner=200, other_country=200)
FR_POLICE = lambda a, r: first_institution("FR", "police").pk  # noqa: E731


def exchange_routes(Route, expect) -> list:
    return [
        Route("exchange:inbox", "/exchange/", expect(302, 403, **OPERATIONAL_PAGE)),
        Route("exchange:outbox", "/exchange/outbox/", expect(302, 403, **OPERATIONAL_PAGE)),
        Route("exchange:thread_list", "/exchange/threads/", expect(302, 403, **OPERATIONAL_PAGE)),
        Route(
            "exchange:thread_detail",
            lambda a, r: f"/exchange/threads/{r['message'].thread_id}/",
            expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
        ),
        Route("exchange:search", "/exchange/search/?q=juan", expect(302, 403, **OPERATIONAL_PAGE)),
        Route(
            "exchange:message_compose", "/exchange/compose/", expect(302, 403, **OPERATIONAL_PAGE)
        ),
        Route(
            "exchange:message_compose",
            "/exchange/compose/",
            expect(302, 403, owner=400, other_institution=400, other_country=400),
            "post",
            {"subject": ""},
        ),
        Route(
            "exchange:message_detail",
            lambda a, r: f"/exchange/messages/{r['message'].pk}/",
            expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
        ),
        Route(
            "exchange:message_acknowledge",
            lambda a, r: f"/exchange/messages/{r['message'].pk}/acknowledge/",
            expect(302, 403, owner=404, other_institution=404, other_country=302),
            "post",
            {},
        ),
        Route(
            "exchange:message_forward",
            lambda a, r: f"/exchange/messages/{r['message'].pk}/forward/",
            expect(302, 403, owner=302, other_institution=404, other_country=302),
            "post",
            lambda a, r: {"targets": [str(FR_POLICE(a, r))], "note": "matrix"},
        ),
        Route(
            "exchange:mention_create",
            lambda a, r: f"/exchange/messages/{r['message'].pk}/entities/new/?schema=Phone",
            expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
        ),
        Route(
            "exchange:mention_link",
            lambda a, r: f"/exchange/messages/{r['message'].pk}/entities/link/",
            expect(302, 403, owner=302, other_institution=404, other_country=404),
            "post",
            lambda a, r: {"entity": r["entity"].reference},
        ),
        Route(
            "exchange:message_case_link",
            lambda a, r: f"/exchange/messages/{r['message'].pk}/cases/",
            expect(302, 403, other_institution=404, owner=302, other_country=302),
            "post",
            lambda a, r: {"case": str(r["case"].pk)},
        ),
        Route(
            "exchange:attachment_download",
            lambda a, r: f"/exchange/attachments/{r['attachment'].pk}/",
            expect(302, 403, other_institution=404, **SENDER_AND_RECIPIENT),
        ),
        Route(
            "exchange:forward_request_list",
            "/exchange/forward-requests/",
            expect(302, 403, **OPERATIONAL_PAGE),
        ),
        Route(
            "exchange:forward_request_decide",
            lambda a, r: f"/exchange/forward-requests/{r['forward_request'].pk}/decide/",
            expect(302, 403, owner=302, other_institution=404, other_country=404),
            "post",
            {"decision": "refuse", "note": "matrix"},
        ),
        Route("exchange:notification_list", "/exchange/notifications/", expect(302, 200)),
        Route(
            "exchange:defaults_list",
            "/exchange/defaults/",
            expect(302, 403, co_admin=200, fr_admin=200, platform_admin=200),
        ),
        Route(
            "exchange:defaults_edit",
            lambda a, r: f"/exchange/defaults/{a.owner.institution_id}/",
            expect(302, 403, co_admin=200, fr_admin=404, platform_admin=200),
        ),
        Route("api:exchange_inbox", "/api/v1/exchange/inbox", expect(401, 200)),
        Route("api:exchange_outbox", "/api/v1/exchange/outbox", expect(401, 200)),
        Route(
            "api:exchange_message_search",
            "/api/v1/exchange/messages?q=juan",
            expect(401, 403, **OPERATIONAL_API),
        ),
        Route(
            "api:exchange_message_send",
            "/api/v1/exchange/messages",
            expect(401, 403, owner=201, other_institution=201, other_country=201),
            "post",
            lambda a, r: {
                "message_type": "request",
                "recipient_ids": [FR_POLICE(a, r)],
                "subject": "Matriz",
                "body": "Solicitud de la matriz de permisos.",
                "handling_code": "H0",
                "instrument": "eu-2023-977",
                "urgency": "normal",
            },
            json=True,
        ),
        Route(
            "api:exchange_message_detail",
            lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}",
            expect(401, 404, **SENDER_AND_RECIPIENT),
        ),
        Route(
            "api:exchange_message_acknowledge",
            lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}/acknowledge",
            expect(401, 404, other_country=200),
            "post",
            {},
            json=True,
        ),
        Route(
            "api:exchange_message_forward",
            lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}/forward",
            expect(401, 404, owner=201, other_country=201),
            "post",
            lambda a, r: {"target_ids": [FR_POLICE(a, r)]},
            json=True,
        ),
        Route(
            "api:exchange_message_mention",
            lambda a, r: f"/api/v1/exchange/messages/{r['message'].pk}/entities",
            expect(401, 404, owner=201),
            "post",
            lambda a, r: {"entity_id": r["entity"].pk},
            json=True,
        ),
        Route("api:exchange_thread_list", "/api/v1/exchange/threads", expect(401, 200)),
        Route(
            "api:exchange_thread_detail",
            lambda a, r: f"/api/v1/exchange/threads/{r['message'].thread_id}",
            expect(401, 404, **SENDER_AND_RECIPIENT),
        ),
        Route(
            "api:exchange_attachment_upload",
            "/api/v1/exchange/attachments",
            expect(401, 403, owner=201, other_institution=201, other_country=201),
            "post",
            lambda a, r: {"file": pdf("matriz.pdf")},
        ),
        Route(
            "api:exchange_attachment_download",
            lambda a, r: f"/api/v1/exchange/attachments/{r['attachment'].pk}",
            expect(401, 404, **SENDER_AND_RECIPIENT),
        ),
        Route(
            "api:exchange_forward_request_list",
            "/api/v1/exchange/forward-requests",
            expect(401, 200),
        ),
        Route(
            "api:exchange_forward_request_decide",
            lambda a, r: f"/api/v1/exchange/forward-requests/{r['forward_request'].pk}/decide",
            expect(401, 404, owner=200),
            "post",
            {"grant": False},
            json=True,
        ),
        Route("api:exchange_notification_list", "/api/v1/exchange/notifications", expect(401, 200)),
        Route(
            "api:exchange_notifications_read",
            "/api/v1/exchange/notifications/read",
            expect(401, 200),
            "post",
            {},
            json=True,
        ),
        Route("api:exchange_clock_rule_list", "/api/v1/exchange/clock-rules", expect(401, 200)),
        Route(
            "api:exchange_defaults_detail",
            lambda a, r: f"/api/v1/exchange/defaults/{a.owner.institution_id}",
            expect(
                401,
                404,
                owner=200,
                colleague_no_role=200,
                co_admin=200,
                co_dpo=200,
                platform_admin=200,
            ),
        ),
        Route(
            "api:exchange_defaults_update",
            lambda a, r: f"/api/v1/exchange/defaults/{a.owner.institution_id}",
            expect(
                401,
                404,
                owner=403,
                colleague_no_role=403,
                co_dpo=403,
                co_admin=200,
                platform_admin=200,
            ),
            "put",
            {"handling_code": "H1"},
            json=True,
        ),
    ]


def exchange_records(actors) -> dict:
    """A message from the owner to the Portuguese police with an attachment, and a pending
    request to forward H2 content of the owner, asked by the Portuguese police."""
    from paccto.exchange.services import message_forward
    from tests.exchange_helpers import send

    message = send(actors.owner, actors.other_country, uploads=[pdf()])
    secret = send(actors.owner, actors.other_country, handling_code="H2")
    forward_request = message_forward(
        actor=actor_for(actors.other_country),
        message=secret,
        target_ids=[actors.other_institution.institution_id],
    )
    return {
        "message": message,
        "attachment": message.attachments.get(),
        "forward_request": forward_request,
    }
