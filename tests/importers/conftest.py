"""A local HTTP server for the URL reader's tests: pages, redirects, stalls and endless bodies, on a free port."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False  # answer nothing until the test ends
    stream: int = 0  # send this many bytes with no Content-Length


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                route = server.routes.get(self.path, Route(b"not found", 404))
                if route.stall:
                    server.release.wait(10)
                    return
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.stream:
                    self.end_headers()
                    self.stream(route.stream)
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def stream(self, size: int) -> None:
                chunk = b"x" * 65536
                try:
                    for _ in range(size // len(chunk)):
                        self.wfile.write(chunk)
                except OSError:
                    pass  # the client hung up, as it should past its cap

            def log_message(self, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.http.daemon_threads = True
        self.thread = threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}{path}"

    def serve(self, path: str, body: bytes | str = b"", *, content_type: str = "text/html; charset=utf-8", **route):
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, headers={"Content-Type": content_type, **route.pop("headers", {})}, **route)
        return self.url(path)


@pytest.fixture
def local_server():
    server = LocalServer()
    server.thread.start()
    yield server
    server.release.set()
    server.http.shutdown()
    server.http.server_close()
