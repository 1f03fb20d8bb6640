"""core.markup.html_join gives what Django's format_html_join gives."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from paccto.core.markup import html_join

TEMPLATE = '<tr><td><a href="{}">{}</a>{}</td><td>{}</td></tr>'
ROWS = [
    ("/x/?a=1&b=2", 'O\'Brien & "Sons" <script>', "", 3),
    ("/y/", gettext_lazy("None."), format_html(" ({})", "A&B"), None),
    ("/z/", mark_safe("<b>safe</b>"), 0, 1.5),
    ("", "Ñandú · São Tomé", "\u200b", "\n\t"),
]


def test_html_join_escapes_as_format_html_join():
    for language in ("en", "es", "nl"):
        with override(language):
            mine = html_join(TEMPLATE, ROWS)
            django = format_html_join("", TEMPLATE, ROWS)
            assert mine == django
            assert "<script>" not in mine and "<b>safe</b>" in mine
            assert hasattr(mine, "__html__")


def test_no_rows_give_an_empty_string():
    assert html_join(TEMPLATE, []) == ""


def test_pk_url_gives_what_reverse_gives():
    from django.urls import get_script_prefix, reverse, set_script_prefix

    from paccto.core.markup import pk_url

    before = get_script_prefix()
    try:
        for prefix in ("/", "/paccto/"):
            set_script_prefix(prefix)
            for name in ("core:institution_detail", "exchange:message_detail"):
                url = pk_url(name)
                for pk in (1, 42, 987654321, 10**12):
                    assert url(pk) == reverse(name, args=[pk])
    finally:
        set_script_prefix(before)


def test_every_page_s_top_bar_links_are_the_views_addresses(signed_in, actors):
    from django.urls import reverse

    page = signed_in(actors.owner).get(reverse("core:country_list")).content.decode()
    for name in ("accounts:language", "accounts:logout"):
        assert f'action="{reverse(name)}"' in page
    for name in ("core:dashboard", "exchange:notification_list", "accounts:profile"):
        assert f'href="{reverse(name)}"' in page
