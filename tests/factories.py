"""Factories for tests. Names are synthetic (Faker, Latin American and European locales)."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from paccto.accounts.models import RoleAssignment, User
from paccto.core.models import Institution


def institution(key: str) -> Institution:
    return Institution.objects.get(key=key)


def first_institution(country: str, sector: str) -> Institution:
    return Institution.objects.filter(country_id=country, sector=sector).order_by("key").first()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="es_CO")
    last_name = factory.Faker("last_name", locale="pt_BR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-9")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user=self, role=r) for r in extracted]
            )
        self.save()


PASSWORD = "correct-horse-battery-9"


def make_user(country: str, sector: str, roles: tuple[str, ...] = (), **kwargs) -> User:
    return UserFactory(institution=first_institution(country, sector), roles=list(roles), **kwargs)


def verify_session(client, user) -> None:
    """Sign a test client in with a confirmed second factor, as after a real TOTP check."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def signed_in_client(user, language: str = "en"):
    """A test client signed in as ``user`` with a confirmed second factor, speaking
    ``language`` (saved as the user's language too, as the profile page saves it)."""
    from django.test import Client

    if language != "en":
        user.language = language
        user.save(update_fields=["language"])
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    verify_session(client, user)
    return client
