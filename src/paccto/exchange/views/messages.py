"""Pages of one message: composing (new, reply, after a hit, about a case), reading with its
status, acknowledging receipt, downloading attachments, linking it to a case."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from paccto.cases.selectors import case_link_choices, message_cases
from paccto.cases.services import case_link_message
from paccto.core.choices import HandlingCode
from paccto.core.permissions import Actor
from paccto.core.views import PlatformView, form_add_service_errors
from paccto.entities.models import SCHEMA_CHOICES
from paccto.exchange import selectors, services
from paccto.exchange.choices import MessageType
from paccto.exchange.forms import (
    CaseLinkForm,
    EntityLinkForm,
    ForwardForm,
    MessageForm,
)
from paccto.exchange.models import Message
from paccto.exchange.permissions import can_use_exchange
from paccto.exchange.services.attachments import max_mb


def message_form(actor: Actor, *args: Any, **kwargs: Any) -> MessageForm:
    return MessageForm(
        *args,
        institutions=selectors.institution_choices(),
        networks=selectors.network_choices(actor=actor),
        rules=list(selectors.clock_rule_list()),
        cases=case_link_choices(actor=actor),
        **kwargs,
    )


class ComposeView(PlatformView):
    """A new message, a reply (``?reply_to=``), a request after a hit (``?hit=``) or a
    message about a case (``?case=``, linked to it once sent). The only page that takes
    large bodies (attachments, see ``PACCTO_UPLOAD_ROUTES``)."""

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

    def _case(self, case_pk: Any, reply_to: Message | None) -> Any:
        """The case to link the new message to: the one asked for, else the first case of
        the message replied to; only among the cases the actor may link messages to."""
        choices = case_link_choices(actor=self.actor)
        if case_pk and str(case_pk).isdigit():
            return choices.filter(pk=int(case_pk)).first()
        if reply_to is not None:
            linked = message_cases(actor=self.actor, message=reply_to).values("case_id")
            return choices.filter(pk__in=linked).first()
        return None

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
            # A reply goes back to the sender; the sender following up writes to its
            # recipients again.
            recipients = [reply_to.sender_institution_id]
            if reply_to.sender_institution_id == self.actor.institution_id:
                recipients = list(reply_to.recipients.values_list("institution_id", flat=True))
            initial.update(
                message_type=MessageType.REPLY,
                recipients=recipients,
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
        initial = self._initial(reply_to, hit)
        case = self._case(request.GET.get("case"), reply_to)
        if case is not None:
            initial["case"] = case.pk
        form = message_form(self.actor, initial=initial)
        return self.render(self.template, {"form": form, **self._context(reply_to, hit)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = message_form(self.actor, request.POST, request.FILES)
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
                    case=data["case"],
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
                **self._cases(message),
            },
        )

    def _cases(self, message: Message) -> dict[str, Any]:
        """The cases the message is linked to that the reader takes part in, and those the
        reader may still link it to."""
        linked = list(message_cases(actor=self.actor, message=message))
        choices = case_link_choices(actor=self.actor).exclude(
            pk__in=[link.case_id for link in linked]
        )
        return {
            "case_links": linked,
            "case_link_form": CaseLinkForm(cases=choices) if choices.exists() else None,
        }


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


class MessageCaseLinkView(PlatformView):
    """Link a message one sees to one of one's cases (a lead or member of it)."""

    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk)
        form = CaseLinkForm(request.POST, cases=case_link_choices(actor=self.actor))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("exchange:message_detail", pk=message.pk)
        case = form.cleaned_data["case"]
        try:
            case_link_message(actor=self.actor, case=case, message=message)
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("The message is linked to case %(reference)s.") % {"reference": case.reference},
            )
        return redirect("exchange:message_detail", pk=message.pk)
