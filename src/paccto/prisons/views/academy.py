"""Pages of the prison academies' network (RAP): the training catalogue (every signed-in
user), a course with its sessions, a session with its enrolments; enrolment by prison
officers of member institutions; sessions and completion by the academy giving the
course."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from paccto.accounts.models import User
from paccto.core.permissions import can
from paccto.prisons import selectors, services
from paccto.prisons.choices import EnrolmentStatus
from paccto.prisons.forms import CompletionForm, CourseFilterForm, EnrolForm, SessionForm
from paccto.prisons.permissions import can_enrol_staff
from paccto.prisons.views.base import PrisonsView

SESSION = "prisons.coursesession"


class CourseListView(PrisonsView):
    template = "prisons/course_list_page.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CourseFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        courses = selectors.course_list(
            actor=self.actor,
            topic=filters.get("topic", ""),
            language=filters.get("language", ""),
        )
        return self.render(
            self.template,
            {
                "form": form,
                "courses": courses,
                "enrolments": selectors.enrolment_list(actor=self.actor)[:20],
                "can_enrol": can_enrol_staff(self.actor),
            },
        )


class CourseDetailView(PrisonsView):
    template = "prisons/course_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        course = self.found(selectors.course_get, "prisons.course", pk)
        manages = can(self.actor, "manage", course)
        return self.render(
            self.template,
            {
                "course": course,
                "sessions": selectors.course_sessions(course=course),
                "session_form": SessionForm(languages=course.languages) if manages else None,
            },
        )


class SessionCreateView(PrisonsView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        course = self.found(selectors.course_get, "prisons.course", pk, "manage")
        form = SessionForm(request.POST, languages=course.languages)
        form.is_valid()
        data = form.cleaned_data
        try:
            session = services.session_create(
                actor=self.actor,
                course=course,
                starts_on=data.get("starts_on"),
                ends_on=data.get("ends_on"),
                language=data.get("language", ""),
                capacity=data.get("capacity"),
                online=data.get("online", False),
                place=data.get("place", ""),
            )
        except ValidationError as exc:
            self.flash_errors(exc)
            return redirect("prisons:course_detail", pk=course.pk)
        messages.success(request, _("The session was scheduled."))
        return redirect("prisons:session_detail", pk=session.pk)


class SessionDetailView(PrisonsView):
    template = "prisons/session_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        session = self.found(selectors.session_get, SESSION, pk)
        actor = self.actor
        enrolments = list(selectors.session_enrolments(actor=actor, session=session))
        academy = can(actor, "manage", session)
        return self.render(
            self.template,
            {
                "session": session,
                "course": session.course,
                "enrolments": enrolments,
                "free": max(session.capacity - session.taken, 0),  # type: ignore[attr-defined]
                "enrol_form": EnrolForm(
                    staff=selectors.staff_choices(actor=actor),
                    initial={"participant": actor.user_id},
                )
                if can_enrol_staff(actor)
                else None,
                "completion_form": CompletionForm() if academy else None,
                "is_academy": academy,
                "open_status": EnrolmentStatus.ENROLLED,
            },
        )


class EnrolmentCreateView(PrisonsView):
    permission = staticmethod(can_enrol_staff)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        session = self.found(selectors.session_get, SESSION, pk)
        try:
            participant_id = int(request.POST.get("participant") or self.actor.user_id or 0)
        except ValueError:
            participant_id = 0
        participant = User.objects.filter(pk=participant_id).first()
        try:
            enrolment = services.enrolment_create(
                actor=self.actor,
                session=session,
                participant=participant or User(pk=None, institution_id=None),
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(
                request,
                _("%(user)s is enrolled.") % {"user": enrolment.participant.get_username()},
            )
        return redirect("prisons:session_detail", pk=session.pk)


class EnrolmentWithdrawView(PrisonsView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        enrolment = self.found(selectors.enrolment_get, "prisons.enrolment", pk, "withdraw")
        try:
            services.enrolment_withdraw(actor=self.actor, enrolment=enrolment)
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("The enrolment was withdrawn."))
        return redirect("prisons:session_detail", pk=enrolment.session_id)


class EnrolmentCompleteView(PrisonsView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        enrolment = self.found(selectors.enrolment_get, "prisons.enrolment", pk, "complete")
        form = CompletionForm(request.POST)
        form.is_valid()
        try:
            services.enrolment_complete(
                actor=self.actor,
                enrolment=enrolment,
                attended=form.cleaned_data.get("attended", False),
                certificate=form.cleaned_data.get("certificate", False),
            )
        except ValidationError as exc:
            self.flash_errors(exc)
        else:
            messages.success(request, _("The completion was recorded."))
        return redirect("prisons:session_detail", pk=enrolment.session_id)
