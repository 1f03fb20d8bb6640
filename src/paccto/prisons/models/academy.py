"""The bi-regional network of prison academies (RAP): a training catalogue, sessions,
enrolment of prison staff of member institutions, and completion."""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from paccto.core.models import Institution
from paccto.prisons.choices import CourseTopic, EnrolmentStatus

USER = settings.AUTH_USER_MODEL


def _in_language(texts: dict, fallback: str) -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return str(texts.get(language) or texts.get("en") or fallback)


class Course(models.Model):
    """A course of the prison academies' catalogue: its topic, title and description in
    the platform's languages, the languages it is taught in, its length and the academy
    (an institution of the RAP network) that gives it. Reference data, shipped in
    ``prisons/reference/rap_catalogue.json``."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    topic = models.CharField(_("topic"), max_length=16, choices=CourseTopic)
    titles = models.JSONField(_("title"), default=dict, help_text=_("One text per language."))
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    languages = models.JSONField(_("taught in"), default=list)
    hours = models.PositiveSmallIntegerField(_("hours"))
    provider = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("academy")
    )
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["topic", "code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.code

    @property
    def title(self) -> str:
        return _in_language(self.titles, self.code)

    @property
    def description(self) -> str:
        return _in_language(self.descriptions, "")


class CourseSession(models.Model):
    """A session of a course: its dates, where (or online), in which language, and how
    many people it takes."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    online = models.BooleanField(_("online"), default=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2)
    capacity = models.PositiveSmallIntegerField(_("places"))
    created_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="course_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_id} from {self.starts_on}"


class Enrolment(models.Model):
    """A member of prison staff enrolled in a session, and what became of it: withdrawn,
    attended (with or without a certificate) or absent."""

    session = models.ForeignKey(CourseSession, on_delete=models.PROTECT, related_name="enrolments")
    participant = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus, default=EnrolmentStatus.ENROLLED
    )
    enrolled_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    certificate_number = models.CharField(_("certificate"), max_length=40, blank=True)
    completed_at = models.DateTimeField(_("completion recorded"), null=True, blank=True)
    completed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["session", "enrolled_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="uniq_enrolment_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} in session {self.session_id}"
