from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.pages import walk_id, walk_param
from wizard.models import Walk

pytestmark = pytest.mark.usefixtures("mini_guide")

THEMED = "accent=%23123456&font=serif&theme=dark"


def hrefs(response) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', response.content.decode())]


def wizard_links(response) -> list[str]:
    """Every link inside the wizard panel that goes to another step (not docs, not the full page)."""
    panel = response.content.decode().split('<section id="wizard"', 1)[1]
    links = [h.replace("&amp;", "&") for h in re.findall(r'(?:href|hx-get)="([^"]+)"', panel)]
    return [link for link in links if link.startswith("/")]


def test_embed_renders_the_wizard_without_site_chrome(client):
    content = client.get("/embed/mini/widget/").content.decode()
    assert 'id="wizard"' in content
    assert "site-header" not in content
    assert "<footer" not in content


def test_embed_guide_url_asks_the_first_question(client):
    response = client.get("/embed/mini/")
    assert response.context["node"].slug == "start"
    assert response.context["embed"] is True


def test_every_step_link_stays_in_embed_mode(client):
    response = client.get("/embed/mini/wrong-src/")
    links = wizard_links(response)
    assert links
    assert all(link.startswith("/embed/mini/") for link in links), links


def test_htmx_request_gets_only_the_panel(client):
    content = client.get("/embed/mini/widget/", headers={"HX-Request": "true"}).content.decode()
    assert content.lstrip().startswith('<section id="wizard"')


def test_unknown_node_is_a_404(client):
    assert client.get("/embed/mini/no-such-step/").status_code == 404


def test_post_is_refused(client):
    assert client.post("/embed/mini/").status_code == 405


def test_open_in_full_page_links_to_the_canonical_url(client):
    content = client.get("/embed/mini/wrong-src/").content.decode()
    link = re.search(r"<a [^>]*full-page-link[^>]*>", content).group(0)
    assert 'href="http://testserver/guides/mini/wrong-src/"' in link
    assert 'target="_blank"' in link
    assert 'rel="noopener"' in link


def test_full_pages_have_no_open_in_full_page_link(client):
    assert "full-page-link" not in client.get("/guides/mini/wrong-src/").content.decode()


def test_canonical_url_is_the_full_page(client):
    content = client.get("/embed/mini/widget/").content.decode()
    assert '<link rel="canonical" href="http://testserver/guides/mini/widget/">' in content


def test_embed_pages_are_noindex(client):
    response = client.get("/embed/mini/widget/")
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_full_pages_are_indexable(client):
    response = client.get("/guides/mini/widget/")
    assert "X-Robots-Tag" not in response
    assert 'name="robots"' not in response.content.decode()


# Framing


def test_embed_allows_framing_by_the_allowed_origins(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://help.example.com", "http://127.0.0.1:8001"]
    response = client.get("/embed/mini/")
    assert (
        "frame-ancestors 'self' https://help.example.com http://127.0.0.1:8001" in response["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in response


def test_embed_setting_is_read_per_request(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://one.example"]
    assert "https://one.example" in client.get("/embed/mini/")["Content-Security-Policy"]
    settings.EMBED_ALLOWED_ORIGINS = ["https://two.example"]
    policy = client.get("/embed/mini/")["Content-Security-Policy"]
    assert "https://two.example" in policy
    assert "https://one.example" not in policy


def test_embed_with_no_allowed_origins_allows_only_itself(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = []
    policy = client.get("/embed/mini/")["Content-Security-Policy"]
    assert re.search(r"frame-ancestors 'self'(;|$)", policy), policy


def test_an_invalid_origin_never_reaches_the_header(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://ok.example", "https://evil.example; script-src *"]
    policy = client.get("/embed/mini/")["Content-Security-Policy"]
    assert "evil" not in policy
    assert "frame-ancestors 'self' https://ok.example" in policy


def test_embed_keeps_the_strict_script_policy(client, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://help.example.com"]
    policy = client.get(f"/embed/mini/?{THEMED}")["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize("url", ["/", "/guides/mini/", "/guides/mini/wrong-src/", "/embed/", "/robots.txt"])
def test_other_pages_still_refuse_framing(client, settings, url):
    settings.EMBED_ALLOWED_ORIGINS = ["https://help.example.com"]
    response = client.get(url)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


# Theme


def test_theme_is_applied_through_custom_properties_with_the_nonce(client):
    response = client.get("/embed/mini/?accent=%23123456&font=serif")
    nonce = re.search(r"style-src 'self' 'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    content = response.content.decode()
    style = re.search(r"<style nonce=\"([^\"]+)\">(.*?)</style>", content, re.S)
    assert style.group(1) == nonce
    assert "--ts-accent: #123456;" in style.group(2)
    assert "--bs-body-font-family: Georgia" in style.group(2)


def test_dark_theme_sets_bootstraps_colour_mode(client):
    assert '<html lang="en" data-bs-theme="dark">' in client.get("/embed/mini/?theme=dark").content.decode()


def test_without_a_theme_there_is_no_style_block_and_no_style_nonce(client):
    response = client.get("/embed/mini/")
    assert "<style" not in response.content.decode()
    assert "style-src 'self';" in response["Content-Security-Policy"]
    assert "data-bs-theme" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "accent=red;}body{display:none}",
        "accent=%23123456%3B%7Dbody%7Bdisplay%3Anone%7D",
        "font=x%22%3B%7D%3C%2Fstyle%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "theme=dark%22%20onload%3D%22alert(1)",
    ],
)
def test_invalid_theme_values_are_ignored(client, query):
    response = client.get(f"/embed/mini/?{query}")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in content
    assert "alert" not in content
    assert "display:none" not in content
    assert "data-bs-theme" not in content


def test_theme_survives_every_step_link(client):
    response = client.get(f"/embed/mini/wrong-src/?{THEMED}")
    links = wizard_links(response)
    assert links
    for link in links:
        query = parse_qs(urlsplit(link).query)
        assert query["accent"] == ["#123456"], link
        assert query["font"] == ["serif"], link
        assert query["theme"] == ["dark"], link


def test_answer_links_keep_the_walk_and_the_theme(client):
    response = client.get(f"/embed/mini/widget/?{THEMED}")
    walk = walk_param(response)
    assert f"/embed/mini/ad-blocker/?w={walk}&accent=%23123456&font=serif&theme=dark" in hrefs(response)


def test_invalid_theme_values_do_not_ride_along(client):
    response = client.get("/embed/mini/widget/?accent=nope&theme=dark")
    for link in wizard_links(response):
        assert "accent" not in link
        assert "theme=dark" in link


def test_full_pages_ignore_theme_parameters(client):
    response = client.get(f"/guides/mini/widget/?{THEMED}")
    content = response.content.decode()
    assert "<style" not in content
    assert "data-bs-theme" not in content
    assert "accent=" not in content


# Walk records


def test_embed_walk_is_recorded_as_embed_with_its_source(client):
    response = client.get("/embed/mini/?source=acme-help", headers={"Referer": "https://help.acme.example/a/1"})
    walk = Walk.objects.get(pk=walk_id(response))
    assert walk.source == Walk.Source.EMBED
    assert walk.source_name == "acme-help"
    assert walk.referrer_host == "help.acme.example"


def test_source_from_a_help_center_link_survives_the_walk(client: Client):
    """A help-center article links with ?source=; the next steps keep the walk (and so its source)."""
    first = client.get("/guides/mini/?source=acme-help")
    started = walk_id(first)
    url = next(h for h in hrefs(first) if h.startswith("/guides/mini/widget/"))
    second = client.get(url)
    url = next(h for h in hrefs(second) if h.startswith("/guides/mini/check-wrong-src/"))
    third = client.get(url)

    assert walk_id(second) == walk_id(third) == started
    walk = Walk.objects.get(pk=started)
    assert walk.source_name == "acme-help"
    assert walk.last_node.slug == "check-wrong-src"
    assert Walk.objects.count() == 1
    assert walk.events.filter(kind="answered").count() == 2


# The page for help-center editors


def test_help_page_shows_the_snippet(client):
    response = client.get("/embed/")
    content = response.content.decode()
    assert response.status_code == 200
    snippet = re.search(r'<textarea[^>]*id="embed-code"[^>]*>(.*?)</textarea>', content, re.S).group(1)
    assert '&lt;script src="http://testserver/static/wizard/embed.js" data-guide="mini" async&gt;' in snippet
    assert '&lt;a href="http://testserver/guides/mini/" data-troubleshooter-fallback&gt;Mini guide&lt;/a&gt;' in snippet


def test_help_page_previews_the_chosen_options(client):
    response = client.get("/embed/?guide=mini&node=wrong-src&theme=dark&accent=%23123456&font=mono")
    content = response.content.decode().replace("&amp;", "&")
    assert 'src="/embed/mini/wrong-src/?accent=%23123456&font=mono&theme=dark"' in content
    snippet = re.search(r'<textarea[^>]*id="embed-code"[^>]*>(.*?)</textarea>', content, re.S).group(1)
    for attr in ('data-node="wrong-src"', 'data-theme="dark"', 'data-accent="#123456"', 'data-font="mono"'):
        assert attr in snippet


def test_help_page_ignores_a_node_of_another_guide(client):
    response = client.get("/embed/?guide=mini&node=no-such-node")
    assert response.status_code == 200
    assert response.context["node_slug"] == "start"


def test_help_page_htmx_gets_only_the_builder(client):
    content = client.get("/embed/?guide=mini", headers={"HX-Request": "true"}).content.decode()
    assert content.lstrip().startswith('<div id="embed-builder"')


def test_help_page_varies_on_htmx(client):
    assert "HX-Request" in client.get("/embed/")["Vary"]


def test_help_page_history_restore_gets_the_full_page(client):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/embed/?guide=mini", headers=headers).content.decode()


def test_help_page_without_guides_says_so(client):
    from wizard.models import Guide

    Guide.objects.all().delete()
    response = client.get("/embed/")
    assert response.status_code == 200
    assert "No guides are published yet" in response.content.decode()


# A form refused by CSRF (the feedback forms post inside the frame)


def test_csrf_failure_in_embed_explains_and_links_to_the_full_page(settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://help.example.com"]
    # Any POST without the CSRF cookie is refused before its view runs, so a step URL shows the page as well
    # as the feedback form's URL will.
    response = Client(enforce_csrf_checks=True).post("/embed/mini/wrong-src/", {"x": "1"})
    content = response.content.decode()
    assert response.status_code == 403
    assert "third-party cookies" in content
    assert 'href="http://testserver/guides/mini/wrong-src/" target="_blank"' in content
    assert "site-header" not in content


def test_csrf_failure_in_embed_can_be_shown_inside_the_frame(settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://help.example.com"]
    response = Client(enforce_csrf_checks=True).post("/embed/mini/wrong-src/", {"x": "1"})
    assert "frame-ancestors 'self' https://help.example.com" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_csrf_failure_elsewhere_is_a_full_page_that_refuses_framing(settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://help.example.com"]
    response = Client(enforce_csrf_checks=True).post("/guides/mini/wrong-src/", {"x": "1"})
    assert response.status_code == 403
    assert "site-header" in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
