from __future__ import annotations

import pytest

from wizard.models import Guide, GuideDraft


@pytest.fixture
def staff(client, django_user_model):
    """The test client, logged in as a superuser."""
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", None))
    return client


@pytest.fixture
def guide(mini_guide) -> Guide:
    return Guide.objects.get(slug="mini")


@pytest.fixture
def draft(staff, guide) -> GuideDraft:
    """A draft of the mini guide, started from its page as an editor does."""
    staff.post(f"/admin/wizard/guide/{guide.pk}/draft/start/")
    return GuideDraft.objects.get(guide=guide)


@pytest.fixture
def corpus_server():
    """A local web server on a free port serving the import corpus (tests allow private addresses for it)."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from tests.conftest import FIXTURES

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(FIXTURES / "import_corpus")))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join()
    httpd.server_close()
