"""core.datefmt.short_datetime writes what Django's date_format writes."""

from datetime import UTC, datetime, timedelta

from django.utils import timezone, translation
from django.utils.formats import date_format

from paccto.core.datefmt import _template, short_datetime

MOMENTS = [
    datetime(2026, 12, 3, 0, 5, 9, tzinfo=UTC),
    datetime(2026, 1, 1, 23, 59, 59, tzinfo=UTC),
    datetime(999, 7, 4, 9, 0, tzinfo=UTC),
    datetime(2024, 2, 29, 12, 30, tzinfo=UTC),
] + [datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=7 * k, minutes=13 * k) for k in range(60)]


def test_short_datetime_is_django_date_format_in_every_language_and_zone():
    for zone in ("UTC", "America/Montevideo", "Europe/Amsterdam", "America/Mexico_City"):
        with timezone.override(zone):
            for language in ("es", "pt", "fr", "en", "nl", "it"):
                with translation.override(language):
                    for moment in MOMENTS:
                        expected = date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
                        assert short_datetime(moment) == expected, (zone, language, moment)
    assert short_datetime(None) == ""


def test_formats_with_other_letters_or_escapes_are_read_right():
    assert (
        _template("d/m/Y H:i")
        == "{0.day:02d}/{0.month:02d}/{0.year:04d} {0.hour:02d}:{0.minute:02d}"
    )
    assert _template("m/d/Y P") is None  # English: "4:30 p.m." goes to Django
    assert _template(r"j \d\e n {Y}") == "{0.day} de {0.month} {{{0.year:04d}}}"
    assert _template("d\\\\d") is None and _template("d\\") is None  # as Django reads them
