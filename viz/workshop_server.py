"""The workshop's web server: the page, the settings, the results (long poll) and snapshots, on 127.0.0.1 only.

Binding 127.0.0.1 keeps other machines out, but not the web pages the board's browser has open: a page from
anywhere can send requests to 127.0.0.1, or rename itself to it (DNS rebinding). So every request must name this
server in its ``Host`` header (``127.0.0.1:PORT`` or ``localhost:PORT``) and, if it has an ``Origin``, come from
this server's pages; every ``/api/`` request must carry the session's random token, which only the page served
here holds (the ``X-Revolve-Token`` header; a header also makes browsers ask before sending it cross-site). A
request body is at most :data:`MAX_BODY` bytes. Bad requests get a JSON error and an HTTP status, never a
traceback (``docs/reliability.md``).

Example:
    >>> _host_allowed("127.0.0.1:8050", 8050), _host_allowed("evil.example:8050", 8050)
    (True, False)
    >>> _origin_allowed(None, 8050), _origin_allowed("http://localhost:8050", 8050), _origin_allowed("null", 8050)
    (True, True, False)
"""
from __future__ import annotations

import hmac
import html
import http.server
import json
import math
import pathlib
import string
import sys
import urllib.parse
from typing import TYPE_CHECKING

import revolve

if TYPE_CHECKING:
    from .workshop import Workshop

ASSETS = pathlib.Path(__file__).resolve().parent / "assets"
MAX_BODY = 64 * 1024  # [bytes] of a request body: the settings the page sends are well under 1 KiB
TOKEN_HEADER = "X-Revolve-Token"


def page(workshop: Workshop, token: str) -> str:
    """The dashboard's HTML, everything inlined, with the session's token for its requests."""
    from .numbers import SPEC_FILE
    from .report import _chart_js, _script
    from .workshop_controls import YOURS
    template = string.Template((ASSETS / "workshop.html").read_text(encoding="utf-8"))
    spec = {"baseline": workshop.baseline.label, "yours": YOURS,
            "controls": [c.spec() for c in workshop.controls.items], "horizon": workshop.baseline.horizon_years,
            "token": token}
    return template.substitute(
        title=html.escape(f"Workshop: {workshop.baseline.label}"),
        style=(ASSETS / "style.css").read_text(encoding="utf-8"),
        chartjs=_script(_chart_js()),
        charts=_script((ASSETS / "charts.js").read_text(encoding="utf-8")),
        script=_script((ASSETS / "workshop.js").read_text(encoding="utf-8")),
        spec=_script(json.dumps(spec)),
        number_format=_script(SPEC_FILE.read_text(encoding="utf-8")),
    )


def _host_allowed(host: str | None, port: int) -> bool:
    return host in (f"127.0.0.1:{port}", f"localhost:{port}")


def _origin_allowed(origin: str | None, port: int) -> bool:
    return origin is None or origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}")


class BadRequest(Exception):
    """A request the server refuses: its HTTP status and a message for the JSON error."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def handler(workshop: Workshop, snapshots: pathlib.Path, token: str) -> type:
    """The request handler for one session: its page, and the checks every request passes first."""
    body = page(workshop, token).encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet: the terminal is for the board's facilitator
            pass

        def _send(self, status: int, data: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _json(self, value, status: int = 200) -> None:
            self._send(status, json.dumps(value, allow_nan=False).encode("utf-8"))

        def _check_request(self, api: bool) -> None:
            """Host and Origin name this server; an API request carries the session's token."""
            port = self.server.server_address[1]
            if not _host_allowed(self.headers.get("Host"), port):
                raise BadRequest(403, f"this server answers only as 127.0.0.1:{port} or localhost:{port}")
            if not _origin_allowed(self.headers.get("Origin"), port):
                raise BadRequest(403, "requests from other sites are refused")
            if api and not hmac.compare_digest(self.headers.get(TOKEN_HEADER, "").encode(), token.encode()):
                raise BadRequest(403, f"missing or wrong {TOKEN_HEADER}: reload the workshop page")

        def _read_json(self) -> dict:
            """The request body: a JSON object of at most MAX_BODY bytes."""
            try:
                length = int(self.headers.get("Content-Length", "0"))
            except ValueError:
                length = -1
            if length < 0:
                raise BadRequest(400, "Content-Length must be a whole number of bytes")
            if length > MAX_BODY:
                self.close_connection = True  # the body is not read
                raise BadRequest(413, f"request body of {length} bytes is larger than the limit of {MAX_BODY}")
            try:
                request = json.loads(self.rfile.read(length) or b"{}")
            except ValueError as e:  # malformed JSON, or bytes that are not UTF-8
                raise BadRequest(400, f"malformed JSON: {e}") from None
            if not isinstance(request, dict):
                raise BadRequest(400, "the request must be a JSON object")
            return request

        def _answer(self, respond) -> None:
            """Run `respond`; a refused request, or a failure, becomes a JSON error with its status."""
            try:
                respond()
            except BadRequest as e:
                self._json({"error": str(e)}, e.status)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page was closed while waiting
            except Exception as e:  # noqa: BLE001 (the server keeps serving; the facilitator sees one line)
                print(f"workshop: {self.command} {self.path}: {type(e).__name__}: {e}", file=sys.stderr)
                self._json({"error": f"internal error: {e}"}, 500)

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self._answer(self._get)

        def do_POST(self) -> None:  # noqa: N802
            self._answer(self._post)

        def _get(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            self._check_request(api=url.path.startswith("/api/"))
            if url.path == "/":
                self._send(200, body, "text/html; charset=utf-8")
            elif url.path == "/api/result":
                have = urllib.parse.parse_qs(url.query).get("have", ["0"])[0]
                if not have.isdigit():
                    raise BadRequest(400, "'have' must be a whole number")
                self._json(workshop.result(int(have)))
            elif url.path.startswith("/snapshots/"):
                self._snapshot_file(url.path.removeprefix("/snapshots/"))
            else:
                raise BadRequest(404, "not found")

        def _post(self) -> None:
            path = urllib.parse.urlsplit(self.path).path
            self._check_request(api=True)
            if path not in ("/api/settings", "/api/snapshot"):
                raise BadRequest(404, "not found")
            request = self._read_json()
            if path == "/api/settings":
                try:
                    self._json({"version": workshop.update(request)})
                except ValueError as e:
                    raise BadRequest(400, str(e)) from None
                return
            try:
                report = workshop.snapshot(snapshots)
            except revolve.Error as e:
                raise BadRequest(400, str(e)) from None
            name = report.parent.name
            self._json({"path": str(report.resolve()), "url": f"/snapshots/{name}/report.html"})

        def _snapshot_file(self, rest: str) -> None:
            path = (snapshots / rest).resolve()
            if snapshots.resolve() not in path.parents or not path.is_file():
                raise BadRequest(404, "not found")
            kinds = {".html": "text/html; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml"}
            self._send(200, path.read_bytes(), kinds.get(path.suffix, "application/octet-stream"))

    return Handler


class Server(http.server.ThreadingHTTPServer):
    """Serves each request in its own thread, so a long poll for results does not hold up the others."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A page closed while waiting for a result is no error."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def finite_number(value, name: str) -> float:
    """A setting's number from the page: finite, not a boolean; else ValueError naming the setting.

    Example:
        >>> finite_number(30, "housing_first")
        30.0
        >>> finite_number(float("nan"), "housing_first")
        Traceback (most recent call last):
          ...
        ValueError: 'housing_first' must be a number, got nan
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise ValueError(f"'{name}' must be a number, got {value!r}")
