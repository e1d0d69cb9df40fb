"""CPU per request without a server or a network: Django's WSGI handler called in this process.

Under full load the server's cores are the limit, so the step's share of the bare view's throughput cannot
beat the inverse ratio of these costs, whatever the server settings.
"""

from __future__ import annotations

import io
import json
import sys
import time

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

from wizard.services.step_records import recorder  # noqa: E402

HANDLER = WSGIHandler()


def environ(path: str, htmx: bool) -> dict:
    found = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    if htmx:
        found["HTTP_HX_REQUEST"] = "true"
    return found


def ms_per_request(path: str, htmx: bool, count: int = 2000) -> float:
    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        assert status.startswith("200"), (path, status)

    for _ in range(100):
        b"".join(HANDLER(environ(path, htmx), start_response))
    began = time.process_time()
    for _ in range(count):
        response = HANDLER(environ(path, htmx), start_response)
        b"".join(response)
        response.close()
    recorder.flush()  # the walk records these steps queued are part of their cost
    return (time.process_time() - began) / count * 1000


if __name__ == "__main__":
    step = sys.argv[1]
    print(
        json.dumps(
            {
                "step (htmx partial)": ms_per_request(step, True),
                "step (full page)": ms_per_request(step, False),
                "bare Django view": ms_per_request("/bench/bare/", False),
            }
        )
    )
