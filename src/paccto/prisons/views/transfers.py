"""Pages of transfers of sentenced persons: the dossiers of one's state, opening one for an
inmate, the dossier with its steps, documents and history, each state's next step."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.core import selectors as core_selectors
from paccto.core.models import Country
from paccto.core.permissions import can
from paccto.core.views import form_add_service_errors
from paccto.prisons import selectors, services
from paccto.prisons.choices import TransferStatus
from paccto.prisons.forms import (
    AdaptForm,
    ConsentForm,
    DecisionForm,
    DocumentForm,
    NoteForm,
    TransferDateForm,
    TransferOpenForm,
)
from paccto.prisons.models import TransferDossier
from paccto.prisons.permissions import is_transfer_authority
from paccto.prisons.services.transfers import DOCUMENT_STATUSES, STEPS
from paccto.prisons.views.base import PrisonsView

DOSSIER = "prisons.transferdossier"


def step_forms(dossier: TransferDossier, side: str) -> list[tuple[str, str, Any]]:
    """The steps the actor's state may take now: (step, label, form)."""
    forms: dict[str, tuple[str, Any]] = {
        "consent": (_("Record the consent or the legal exception"), ConsentForm()),
        "sentencing_decision": (
            _("Decision of the sentencing state"),
            DecisionForm(accept=("approve", _("Approve the transfer"))),
        ),
        "forward": (_("Forward to the administering state"), NoteForm()),
        "administering_decision": (
            _("Decision of the administering state"),
            DecisionForm(accept=("accept", _("Accept the transfer"))),
        ),
        "adapt": (_("Adaptation of the sentence"), AdaptForm()),
        "transfer": (_("Record the transfer"), TransferDateForm()),
    }
    steps = []
    for name, (label, form) in forms.items():
        rule, _target = STEPS[name]
        if rule.side == side and dossier.status in rule.allowed:
            steps.append((name, label, form))
    return steps


class TransferListView(PrisonsView):
    template = "prisons/transfer_list_page.html"
    permission = staticmethod(is_transfer_authority)

    def get(self, request: HttpRequest) -> HttpResponse:
        status = request.GET.get("status", "")
        status = status if status in TransferStatus.values else ""
        page = self.paginate(selectors.transfer_list(actor=self.actor, status=status))
        return self.render(
            self.template,
            {"page": page, "status": status, "statuses": TransferStatus.choices},
        )


class TransferCreateView(PrisonsView):
    template = "prisons/transfer_form_page.html"
    permission = staticmethod(is_transfer_authority)

    def form(self, *args: Any, **kwargs: Any) -> TransferOpenForm:
        countries = [
            (code, name)
            for code, name in core_selectors.country_choices()
            if code != self.actor.country_id
        ]
        return TransferOpenForm(*args, countries=countries, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.found(selectors.inmate_get, "prisons.inmate", pk)
        return self.render(self.template, {"form": self.form(), "inmate": inmate})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        inmate = self.found(selectors.inmate_get, "prisons.inmate", pk)
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier = services.transfer_open(
                    actor=self.actor,
                    inmate=inmate,
                    instrument=data["instrument"],
                    administering_country=Country.objects.filter(
                        pk=data["administering_country"]
                    ).first(),
                    request_reference=data["request_reference"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Transfer dossier %(reference)s opened.") % {"reference": dossier.reference},
                )
                return redirect("prisons:transfer_detail", pk=dossier.pk)
        response = self.render(self.template, {"form": form, "inmate": inmate})
        response.status_code = 400
        return response


class TransferDetailView(PrisonsView):
    template = "prisons/transfer_page.html"
    permission = staticmethod(is_transfer_authority)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        dossier = self.found(selectors.transfer_get, DOSSIER, pk)
        actor = self.actor
        sentencing = can(actor, "sentencing", dossier)
        side = "sentencing" if sentencing else "administering"
        open_ = not dossier.is_closed
        return self.render(
            self.template,
            {
                "dossier": dossier,
                "steps": selectors.transfer_steps(dossier=dossier),
                "documents": selectors.transfer_documents(dossier=dossier),
                "next_steps": step_forms(dossier, side) if open_ else [],
                "document_form": DocumentForm(initial={"dossier": dossier.pk})
                if sentencing and dossier.status in DOCUMENT_STATUSES
                else None,
                "withdraw_form": NoteForm() if sentencing and open_ else None,
                "is_sentencing": sentencing,
            },
        )


class TransferStepView(PrisonsView):
    permission = staticmethod(is_transfer_authority)

    FORMS: dict[str, Any] = {
        "consent": ConsentForm,
        "forward": NoteForm,
        "adapt": AdaptForm,
        "transfer": TransferDateForm,
        "withdraw": NoteForm,
    }

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        dossier = self.found(selectors.transfer_get, DOSSIER, pk)
        step = str(request.POST.get("step", ""))[:40]
        if step in ("sentencing_decision", "administering_decision"):
            accept = "approve" if step == "sentencing_decision" else "accept"
            form: Any = DecisionForm(request.POST, accept=(accept, ""))
        else:
            form = self.FORMS.get(step, NoteForm)(request.POST)
        form.is_valid()
        # The fields that parsed; the service refuses what is missing or wrong, audited.
        data = dict(form.cleaned_data)
        try:
            services.transfer_step(actor=self.actor, dossier=dossier, step=step, data=data)
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(
                request,
                _("The dossier is now “%(status)s”.") % {"status": dossier.get_status_display()},
            )
        return redirect("prisons:transfer_detail", pk=dossier.pk)


class TransferDocumentUploadView(PrisonsView):
    """Takes files: a large-body route (``PACCTO_UPLOAD_ROUTES``), so its path has no id."""

    permission = staticmethod(is_transfer_authority)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = DocumentForm(request.POST, request.FILES)
        try:
            dossier_id = int(request.POST.get("dossier", ""))
        except ValueError:
            dossier_id = 0
        dossier = self.found(selectors.transfer_get, DOSSIER, dossier_id)
        upload = request.FILES.get("file")
        kind = str(request.POST.get("kind", ""))[:20]
        if upload is None:
            self.flash_errors(ValidationError(_("Choose the file to attach.")))
            return redirect("prisons:transfer_detail", pk=dossier.pk)
        form.is_valid()
        try:
            document = services.transfer_document_add(
                actor=self.actor,
                dossier=dossier,
                kind=kind,
                upload=upload,
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("%(name)s was attached.") % {"name": document.file_name})
        return redirect("prisons:transfer_detail", pk=dossier.pk)


class TransferDocumentDownloadView(PrisonsView):
    permission = staticmethod(is_transfer_authority)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = self.found(
            lambda actor, pk, action: selectors.transfer_document_get(actor=actor, pk=pk),
            "prisons.transferdocument",
            pk,
        )
        try:
            content = services.transfer_document_open(actor=self.actor, document=document)
        except services.TransferDocumentIntegrityError:
            response = self.render(
                "core/error_page.html",
                {
                    "title": _("File refused"),
                    "message": _(
                        "This file no longer matches the one received: it is not sent. "
                        "Tell your platform administrator."
                    ),
                },
            )
            response.status_code = 409
            return response
        response = FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=document.file_name,
            content_type=document.media_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Content-SHA256"] = document.sha256
        return response
