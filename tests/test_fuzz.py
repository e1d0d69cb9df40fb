"""Property-based: whatever arrives in a path, query string or form, the answer is never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.deploy.forms import post_forms

pytestmark = pytest.mark.usefixtures("mini_guide")

FUZZ = settings(
    max_examples=40,
    deadline=None,
    # No example database: nothing written into the repository, every run explores afresh.
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PREFIXES = ["/", "/guides/", "/guides/mini/", "/embed/", "/embed/mini/", "/search/", "/healthz", "/sitemap.xml"]
# Odd input: markup, NULs, lone surrogates' UTF-8 shapes, percent escapes, very long runs.
ODD = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["%00", "%ff%fe", "%c0%af", "%e2%80", "<script>alert(1)</script>", "../../etc/passwd", "\x00"]),
    st.text(alphabet="%0123456789abcdefABCDEF/.-_", max_size=200),
    st.integers(1000, 20000).map(lambda n: "a" * n),
)


def _url(text: str) -> str:
    # Already-encoded bytes stay as they are (so %ff reaches the server raw); the rest is percent-encoded.
    return quote(text, safe="%/?=&;:@!$'()*+,")


def _ok(status: int) -> bool:
    return status < 500


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), tail=ODD)
def test_random_paths_never_500(client, prefix, tail):
    response = client.get(prefix + _url(tail))
    assert _ok(response.status_code), (prefix, tail, response.status_code)


@FUZZ
@given(
    path=st.sampled_from(
        [
            "/guides/mini/",
            "/guides/mini/widget/",
            "/embed/mini/ad-blocker/",
            "/guides/mini/widget-escalate/",
            "/search/",
            "/",
        ]
    ),
    keys=st.lists(st.one_of(st.sampled_from(["w", "q", "from", "source", "page", "guide", "unsure"]), ODD), max_size=4),
    values=st.lists(ODD, min_size=4, max_size=4),
    htmx=st.booleans(),
)
def test_random_query_strings_never_500(client, path, keys, values, htmx):
    query = "&".join(f"{_url(key)}={_url(value)}" for key, value in zip(keys, values, strict=False))
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(f"{path}?{query}", headers=headers)
    assert _ok(response.status_code), (path, query, response.status_code)


@FUZZ
@given(node=st.text(min_size=1, max_size=120))
def test_random_node_ids_never_500(client, node):
    for prefix in ("/guides/mini/", "/embed/mini/"):
        response = client.get(prefix + quote(node, safe="") + "/")
        assert _ok(response.status_code), (node, response.status_code)


@FUZZ
@given(query=st.text(alphabet=st.sampled_from("<>&\"'/ ascriptimgonerr=()"), min_size=1, max_size=60))
def test_search_queries_with_markup_come_back_escaped(client, query):
    response = client.get("/search/", {"q": f"<b>{query}</b><script>x</script>"})
    assert _ok(response.status_code)
    assert b"<script>x</script>" not in response.content


@pytest.fixture
def form_pages(client, settings):
    settings.FEEDBACK_RATE_LIMIT = settings.ESCALATION_RATE_LIMIT = "100000/m"
    forms = []
    for url in ("/guides/mini/ad-blocker/", "/guides/mini/widget-escalate/"):
        forms += post_forms(client.get(url).content.decode(), url)
    assert forms
    return forms


@FUZZ
@given(data=st.data())
def test_random_form_input_never_500(client, form_pages, data):
    cache.clear()
    form = data.draw(st.sampled_from(form_pages))
    values = form.filled()
    for name in data.draw(st.lists(st.sampled_from(sorted(values)), max_size=len(values), unique=True)):
        values[name] = data.draw(ODD)
    response = client.post(form.action, values, headers={"HX-Request": "true"} if data.draw(st.booleans()) else {})
    assert _ok(response.status_code), (form.action, values, response.status_code)


@FUZZ
@given(body=st.binary(max_size=3000), content_type=st.sampled_from(["application/x-www-form-urlencoded", "text/plain"]))
def test_raw_bodies_with_invalid_encoding_never_500(client, form_pages, body, content_type):
    cache.clear()
    for form in form_pages:
        response = client.generic("POST", form.action, body, content_type=content_type)
        assert _ok(response.status_code), (form.action, body[:100], response.status_code)


def test_csrf_still_applies_to_fuzzed_forms(form_pages):
    strict = Client(enforce_csrf_checks=True)
    for form in form_pages:
        if form.action.startswith("/guides/"):
            assert strict.post(form.action, form.filled()).status_code == 403


@FUZZ
@given(
    node=st.sampled_from(
        ["widget", "check-wrong-src", "wrong-src", "ad-blocker", "widget-escalate", "platform-escalate"]
    ),
    unsure=st.lists(
        st.one_of(st.sampled_from(["widget", "check-wrong-src", "start", "platform", "wrong-src", ""]), ODD), max_size=6
    ),
)
def test_any_not_sure_list_gives_the_step(client, node, unsure):
    response = client.get(f"/guides/mini/{node}/?unsure={_url(','.join(unsure))}")
    assert response.status_code == 200, (node, unsure, response.status_code)


# Every page a reader, an embedder or a staff member can ask for, and the two forms (POSTed, see below).
EVERY_URL = [
    "/",
    "/guides/mini/",
    "/guides/mini/widget/",
    "/guides/mini/ad-blocker/",
    "/guides/mini/widget-escalate/",
    "/guides/mini/gone/",
    "/embed/",
    "/embed/mini/",
    "/embed/mini/ad-blocker/",
    "/embed/mini/widget-escalate/",
    "/search/?q=widget",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/admin/",
    "/admin/login/",
    "/insights/",
]
# Headers the app, Django or django-htmx parse as a URL, a host or an address.
URL_HEADERS = ["Referer", "Origin", "HX-Current-URL", "X-Forwarded-For", "Host", "X-Forwarded-Proto"]
# URL-shaped junk: brackets, ports, user info, escapes, control characters, in any order after a scheme.
URLISH = st.builds(
    lambda scheme, rest: scheme + rest,
    st.sampled_from(["http://", "https://", "//", "", "ftp://", "javascript:", "http:"]),
    st.text(alphabet=st.sampled_from("[]:@/?#%.-_ax19\x00\t\n\\é") | st.characters(), max_size=40),
)
HEADER_VALUES = st.one_of(
    URLISH,
    st.sampled_from(["http://[", "http://[::1", "https://[x]/", "http://]/", "http://a:99999/", "http://[::1]:x/"]),
    ODD,
)


@pytest.fixture
def behind_a_proxy(settings):
    """As deployed behind a load balancer: X-Forwarded-For and X-Forwarded-Proto are read."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@settings(FUZZ, max_examples=300)
@given(
    url=st.sampled_from([*EVERY_URL, "POST feedback", "POST escalate"]),
    headers=st.dictionaries(st.sampled_from(URL_HEADERS), HEADER_VALUES, min_size=1, max_size=3),
    htmx=st.booleans(),
    staff=st.booleans(),
)
@pytest.mark.usefixtures("behind_a_proxy")
def test_any_url_header_on_any_url_never_500(client, form_pages, admin_user, url, headers, htmx, staff):
    cache.clear()
    client.logout()
    if staff:
        client.force_login(admin_user)
    if htmx:
        headers = {**headers, "HX-Request": "true"}
    if url.startswith("POST "):
        form = next(form for form in form_pages if url.removeprefix("POST ") in form.action)
        response = client.post(form.action, form.filled(), headers=headers)
    else:
        response = client.get(url, headers=headers)
    assert _ok(response.status_code), (url, headers, response.status_code)
