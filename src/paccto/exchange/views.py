"""Pages of secure exchange: inbox, outbox, threads, search, composing, a message with its
status, attachments, forwarding and mentions, forwarding requests, notifications and the
institutions' defaults."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from paccto.core.choices import HandlingCode, Role
from paccto.core.models import Institution
from paccto.core.permissions import Actor
from paccto.core.views import PlatformView, form_add_service_errors
from paccto.entities.forms import EntityForm
from paccto.entities.models import SCHEMA_CHOICES
from paccto.entities.schemata import SCHEMATA
from paccto.exchange import selectors, services
from paccto.exchange.choices import MessageType
from paccto.exchange.forms import (
    DefaultsForm,
    EntityLinkForm,
    ForwardDecisionForm,
    ForwardForm,
    MessageForm,
)
from paccto.exchange.models import ForwardRequest, Message
from paccto.exchange.permissions import can_edit_defaults_of, can_use_exchange
from paccto.exchange.services.attachments import max_mb
from paccto.exchange.services.mentions import mention_provenance


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class InboxView(PlatformView):
    template = "exchange/inbox_page.html"
    partial_template_name = "exchange/partials/inbox_table.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        overdue = request.GET.get("overdue") == "1"
        page = self.paginate(selectors.inbox(actor=self.actor, overdue=overdue))
        return self.render(
            self.template,
            {"page": page, "overdue": overdue, "querystring": _querystring(request)},
        )


class OutboxView(PlatformView):
    template = "exchange/outbox_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        overdue = request.GET.get("overdue") == "1"
        page = self.paginate(selectors.outbox(actor=self.actor, overdue=overdue))
        return self.render(
            self.template,
            {"page": page, "overdue": overdue, "querystring": _querystring(request)},
        )


class ThreadListView(PlatformView):
    template = "exchange/thread_list_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            self.template, {"page": self.paginate(selectors.thread_list(actor=self.actor))}
        )


class ThreadDetailView(PlatformView):
    template = "exchange/thread_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        thread = selectors.thread_get(actor=self.actor, pk=pk)
        return self.render(
            self.template,
            {
                "thread": thread,
                "thread_messages": selectors.thread_messages(actor=self.actor, thread=thread),
            },
        )


class SearchView(PlatformView):
    template = "exchange/search_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "").strip()[:200]
        page = None
        if q:
            services.message_search_record(actor=self.actor, q=q)
            page = self.paginate(selectors.message_search(actor=self.actor, q=q))
        return self.render(
            self.template, {"q": q, "page": page, "querystring": _querystring(request)}
        )


def _message_form(actor: Actor, *args: Any, **kwargs: Any) -> MessageForm:
    return MessageForm(
        *args,
        institutions=selectors.institution_choices(),
        networks=selectors.network_choices(actor=actor),
        rules=list(selectors.clock_rule_list()),
        **kwargs,
    )


class ComposeView(PlatformView):
    """A new message, a reply (``?reply_to=``) or a request after a hit (``?hit=``). The
    only page that takes large bodies (attachments, see ``PACCTO_UPLOAD_ROUTES``)."""

    template = "exchange/compose_page.html"
    permission = staticmethod(can_use_exchange)

    def _context(self, reply_to: Message | None, hit: Any) -> dict[str, Any]:
        return {"reply_to": reply_to, "hit": hit, "max_mb": max_mb()}

    def _sources(self, reply_pk: Any, hit_pk: Any) -> tuple[Message | None, Any]:
        from paccto.hits.selectors import hit_notification_get

        reply_to = None
        if reply_pk:
            reply_to = services.message_access(actor=self.actor, pk=reply_pk, action="reply")
        hit = None
        if hit_pk:
            hit = hit_notification_get(actor=self.actor, pk=hit_pk, action="request")
        return reply_to, hit

    def _initial(self, reply_to: Message | None, hit: Any) -> dict[str, Any]:
        defaults = services.exchange_defaults_for(self.actor.institution_id)
        initial: dict[str, Any] = {
            "message_type": MessageType.REQUEST,
            "language": (defaults.language if defaults else "") or self.request.LANGUAGE_CODE,
            "handling_code": defaults.handling_code if defaults else HandlingCode.H0,
            "handling_note": defaults.handling_note if defaults else "",
            "source_reliability": defaults.source_reliability if defaults else "X",
            "information_reliability": defaults.information_reliability if defaults else "4",
        }
        if reply_to is not None:
            initial.update(
                message_type=MessageType.REPLY,
                recipients=[reply_to.sender_institution_id],
                subject=_("Re: %(subject)s") % {"subject": reply_to.subject},
                language=reply_to.language,
                case_reference=reply_to.case_reference,
                criminal_markets=reply_to.criminal_markets,
                in_reply_to=reply_to.pk,
            )
        if hit is not None:
            reference = hit.entity.reference
            initial.update(
                recipients=[hit.owner_institution_id],
                subject=_("Request for record %(reference)s") % {"reference": reference},
                body=_(
                    "Our hit/no-hit check of %(date)s found your record %(reference)s "
                    "(score: %(band)s). We request the record and what you may share about it."
                )
                % {
                    "date": hit.at.date().isoformat(),
                    "reference": reference,
                    "band": hit.get_band_display(),
                },
                hit=hit.pk,
            )
        return initial

    def get(self, request: HttpRequest) -> HttpResponse:
        reply_to, hit = self._sources(request.GET.get("reply_to"), request.GET.get("hit"))
        form = _message_form(self.actor, initial=self._initial(reply_to, hit))
        return self.render(self.template, {"form": form, **self._context(reply_to, hit)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = _message_form(self.actor, request.POST, request.FILES)
        reply_to, hit = self._sources(request.POST.get("in_reply_to"), request.POST.get("hit"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                message = services.message_send(
                    actor=self.actor,
                    message_type=data["message_type"],
                    subject=data["subject"],
                    body=data["body"],
                    recipient_ids=data["recipients"],
                    network=data["network"],
                    language=data["language"],
                    criminal_markets=data["criminal_markets"],
                    case_reference=data["case_reference"],
                    handling_code=data["handling_code"],
                    handling_note=data["handling_note"],
                    source_reliability=data["source_reliability"],
                    information_reliability=data["information_reliability"],
                    special_category=data["special_category"],
                    clock_rule=data["clock_rule"],
                    in_reply_to=reply_to,
                    uploads=data["attachments"],
                    hit_notification=hit,
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Message %(reference)s sent.") % {"reference": message.reference}
                )
                return redirect("exchange:message_detail", pk=message.pk)
        response = self.render(self.template, {"form": form, **self._context(reply_to, hit)})
        response.status_code = 400
        return response


class MessageDetailView(PlatformView):
    template = "exchange/message_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        actor = self.actor
        message = services.message_access(actor=actor, pk=pk)
        services.message_open(actor=actor, message=message)
        recipients = list(selectors.message_recipients(actor=actor, message=message))
        mine = next((r for r in recipients if r.institution_id == actor.institution_id), None)
        return self.render(
            self.template,
            {
                "message": message,
                "recipients": recipients,
                "my_receipt": mine,
                "attachments": selectors.message_attachments(message=message),
                "replies": selectors.message_replies(actor=actor, message=message),
                "copies": selectors.message_copies(actor=actor, message=message),
                "mentions": selectors.message_mentions(actor=actor, message=message),
                "clock_events": message.clock_events.all(),
                "forward_form": ForwardForm(institutions=selectors.institution_choices()),
                "owner_decides": message.handling_code == HandlingCode.H2
                and message.owner_institution_id != actor.institution_id,
                "link_form": EntityLinkForm(),
                "schemata": SCHEMA_CHOICES,
            },
        )


class MessageAcknowledgeView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk, action="receive")
        row = services.message_acknowledge(actor=self.actor, message=message)
        messages.success(
            request,
            _("Receipt acknowledged on %(at)s.")
            % {"at": date_format(localtime(row.acknowledged_at), "SHORT_DATETIME_FORMAT")},
        )
        return redirect("exchange:message_detail", pk=message.pk)


class MessageForwardView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk, action="forward")
        form = ForwardForm(request.POST, institutions=selectors.institution_choices())
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("exchange:message_detail", pk=message.pk)
        try:
            result = services.message_forward(
                actor=self.actor,
                message=message,
                target_ids=form.cleaned_data["targets"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
            return redirect("exchange:message_detail", pk=message.pk)
        if isinstance(result, ForwardRequest):
            messages.success(
                request,
                _(
                    "This content is H2: its owner was asked for permission. The copy is "
                    "delivered only if the owner grants it."
                ),
            )
            return redirect("exchange:forward_request_list")
        messages.success(
            request,
            _("Forwarded as %(reference)s.") % {"reference": result.reference},
        )
        return redirect("exchange:message_detail", pk=result.pk)


class MessageEntityCreateView(PlatformView):
    """Record an entity mentioned in a message, with the entity store's own form."""

    template = "exchange/mention_form_page.html"
    permission = staticmethod(can_use_exchange)

    def _schema(self, request: HttpRequest) -> str:
        schema = request.GET.get("schema", "")
        if schema not in SCHEMATA:
            raise Http404
        return schema

    def _render(self, message: Message, form: EntityForm, schema: str, status: int = 200):
        response = self.render(
            self.template,
            {
                "message": message,
                "form": form,
                "schema": SCHEMATA[schema],
                "foreign": message.owner_institution_id != self.actor.institution_id,
            },
        )
        response.status_code = status
        return response

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk, action="link")
        schema = self._schema(request)
        initial = mention_provenance(self.actor, message, {})
        return self._render(message, EntityForm(schema=schema, initial=initial), schema)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk, action="link")
        schema = self._schema(request)
        form = EntityForm(request.POST, schema=schema)
        if form.is_valid():
            try:
                entity = services.message_entity_record(
                    actor=self.actor,
                    message=message,
                    schema=schema,
                    properties=form.properties(),
                    flags=form.flags(),
                    provenance=form.provenance(),
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc, prefix="p_")
            else:
                messages.success(
                    request,
                    _("%(reference)s was recorded from this message.")
                    % {"reference": entity.reference},
                )
                return redirect("exchange:message_detail", pk=message.pk)
        return self._render(message, form, schema, status=400)


class MessageEntityLinkView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from paccto.entities.selectors import entity_get

        message = services.message_access(actor=self.actor, pk=pk, action="link")
        form = EntityLinkForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("exchange:message_detail", pk=message.pk)
        entity = entity_get(actor=self.actor, pk=form.cleaned_data["entity"])
        services.message_entity_link(actor=self.actor, message=message, entity=entity)
        messages.success(
            request,
            _("%(reference)s is linked to this message.") % {"reference": entity.reference},
        )
        return redirect("exchange:message_detail", pk=message.pk)


class AttachmentDownloadView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        attachment = services.attachment_access(actor=self.actor, pk=pk)
        try:
            handle = services.attachment_open(actor=self.actor, attachment=attachment)
        except services.AttachmentIntegrityError as exc:
            response = self.render(
                "core/error_page.html", {"title": _("File refused"), "message": str(exc)}
            )
            response.status_code = 409
            return response
        return FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.file_name,
            content_type=attachment.media_type,
        )


class ForwardRequestListView(PlatformView):
    template = "exchange/forward_request_list_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            self.template,
            {
                "page": self.paginate(selectors.forward_request_list(actor=self.actor)),
                "decision_form": ForwardDecisionForm(),
            },
        )


class ForwardRequestDecideView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        forward = selectors.forward_request_get(actor=self.actor, pk=pk, action="decide")
        form = ForwardDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Grant or refuse."))
            return redirect("exchange:forward_request_list")
        grant = form.cleaned_data["decision"] == "grant"
        try:
            services.forward_request_decide(
                actor=self.actor, request=forward, grant=grant, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("Forwarding granted: the copy was delivered.")
                if grant
                else _("Forwarding refused."),
            )
        return redirect("exchange:forward_request_list")


class NotificationListView(PlatformView):
    template = "exchange/notification_list_page.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = self.paginate(selectors.notification_list(actor=self.actor))
        unread = {n.pk for n in page.object_list if n.read_at is None}
        services.notifications_mark_read(actor=self.actor, ids=unread)
        return self.render(self.template, {"page": page, "unread": unread})


def _is_defaults_admin(actor: Actor) -> bool:
    return actor.has_role(Role.PLATFORM_ADMIN, Role.NATIONAL_ADMIN)


class DefaultsListView(PlatformView):
    """The institutions whose message defaults the administrator sets."""

    template = "exchange/defaults_list_page.html"
    permission = staticmethod(_is_defaults_admin)

    def get(self, request: HttpRequest) -> HttpResponse:
        institutions = Institution.objects.select_related("exchange_defaults").order_by(
            "country_id", "name"
        )
        if not self.actor.has_role(Role.PLATFORM_ADMIN):
            institutions = institutions.filter(country_id=self.actor.country_id)
        return self.render(self.template, {"page": self.paginate(institutions)})


class DefaultsEditView(PlatformView):
    template = "exchange/defaults_page.html"
    permission = staticmethod(_is_defaults_admin)

    def _institution(self, pk: int) -> Institution:
        institution = Institution.objects.filter(pk=pk).first()
        if institution is None or not can_edit_defaults_of(self.actor, institution.country_id):
            raise Http404
        return institution

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        institution = self._institution(pk)
        defaults = services.exchange_defaults_for(institution.pk)
        initial = {
            f: getattr(defaults, f)
            for f in DefaultsForm.base_fields
            if defaults is not None and hasattr(defaults, f)
        }
        return self.render(
            self.template, {"institution": institution, "form": DefaultsForm(initial=initial)}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        institution = self._institution(pk)
        form = DefaultsForm(request.POST)
        if form.is_valid():
            try:
                services.exchange_defaults_set(
                    actor=self.actor, institution=institution, **form.cleaned_data
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The defaults were saved."))
                return redirect(reverse("exchange:defaults_list"))
        response = self.render(self.template, {"institution": institution, "form": form})
        response.status_code = 400
        return response
