"""A local stand-in for the internet: an HTTP proxy on 127.0.0.1 that serves the simulated hosts.

Browsers are pointed at it as their proxy. For `CONNECT host:443` to a known host it answers
itself and terminates TLS with a certificate from the test CA, so pages load from real
`https://ecf.<court>.uscourts.gov/` URLs and the extension's real match patterns apply.
Unknown hosts are refused; nothing leaves the machine.
"""

from __future__ import annotations

import socketserver
import ssl
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from ecflink.practice.sim.tls import TestPki, make_pki


@dataclass
class Request:
    method: str
    scheme: str
    host: str
    path: str  # path and query
    headers: Message
    body: bytes = b""


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


App = Callable[[Request], Response]
MAX_BODY = 1024 * 1024


class _SiteHandler(BaseHTTPRequestHandler):
    """Serves the app on one connection (inside the TLS tunnel, or a plain proxied request)."""

    protocol_version = "HTTP/1.1"
    scheme = "https"
    server: _Server
    tunnel_host = ""

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def _serve(self, host: str, path: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        request = Request(self.command, self.scheme, host, path, self.headers, body)
        try:
            response = self.server.app(request)
        except Exception:  # the simulated court's bug: show it as a server error page
            response = Response(500, b"<h1>Internal Server Error</h1>")
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _dispatch(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        if host != self.tunnel_host:
            self.send_error(421, "Misdirected Request")
            return
        self._serve(host, self.path)

    do_GET = do_POST = do_HEAD = _dispatch


class _ProxyHandler(_SiteHandler):
    """The proxy endpoint: CONNECT to a known host, or a plain absolute-URL request."""

    scheme = "http"

    def do_CONNECT(self) -> None:
        host, _, port = self.path.rpartition(":")
        host = host.lower()
        if host not in self.server.hosts or port != "443":
            self.send_error(502, "Unknown host in the simulated network")
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        try:
            tunnel = self.server.tls.wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError):
            return
        handler = type("_Tunnel", (_SiteHandler,), {"tunnel_host": host})
        try:
            handler(tunnel, self.client_address, self.server)
        except (ssl.SSLError, OSError):
            pass

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        host = (parts.hostname or "").lower()
        if parts.scheme != "http" or host not in self.server.hosts:
            self.send_error(502, "Unknown host in the simulated network")
            return
        self._serve(host, (parts.path or "/") + (f"?{parts.query}" if parts.query else ""))

    do_GET = do_POST = do_HEAD = _dispatch


class _Server(socketserver.ThreadingTCPServer):
    """The proxy's server: the app it serves, the host names it answers for and their TLS."""

    daemon_threads = True
    allow_reuse_address = True
    app: App
    hosts: frozenset[str]
    tls: ssl.SSLContext

    def handle_error(self, request, client_address) -> None:
        """A browser that hung up first (its refused request to a host outside the simulated
        network, a page left mid-load) is expected; anything else is printed as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SimulatedNetwork:
    """Start with `with SimulatedNetwork(app, hosts, folder) as net:`; browsers use `net.proxy`."""

    def __init__(self, app: App, hosts: list[str], folder: Path) -> None:
        self.hosts = [h.lower() for h in hosts]
        self.pki: TestPki = make_pki(folder, self.hosts)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.pki.server_chain, self.pki.server_key)
        self._server = _Server(("127.0.0.1", 0), _ProxyHandler)
        self._server.app = app
        self._server.hosts = frozenset(self.hosts)
        self._server.tls = context
        self._thread = threading.Thread(target=self._server.serve_forever, name="simulated-network", daemon=True)

    @property
    def app(self) -> App:
        return self._server.app

    @app.setter
    def app(self, app: App) -> None:
        """Serve another app (a fresh simulated world) from now on."""
        self._server.app = app

    @property
    def proxy(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host!s}:{port}"

    def __enter__(self) -> SimulatedNetwork:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
