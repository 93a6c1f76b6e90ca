"""The workshop server answers only its own page (viz/workshop_server.py): a web page elsewhere in the browser cannot
drive it (CSRF) or read it (DNS rebinding); bad requests get an HTTP error, not a traceback; and stopping it stops
its worker processes too."""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import time

import pytest

from viz_support import BUILD, SCENARIOS


def start(out):
    """A workshop on a free port with one worker; returns (process, port)."""
    server = subprocess.Popen([str(BUILD / "revolve"), "workshop", str(SCENARIOS), "--port", "0", "--runs", "2",
                               "--workers", "1", "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    first = server.stdout.readline()  # "workshop: http://127.0.0.1:PORT/ (...)" once it serves
    assert first.startswith("workshop: http://127.0.0.1:"), first + server.stderr.read()
    return server, int(re.search(r":(\d+)/", first).group(1))


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    snapshots = tmp_path_factory.mktemp("snapshots")
    server, port = start(snapshots)
    yield port, snapshots
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=20) == 0
    assert "Traceback" not in server.stderr.read()


def request(port, method, path, body=None, headers=None):
    """(status, parsed JSON or text) of one request; Host is 127.0.0.1:PORT unless `headers` says otherwise."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True)
    for name, value in {"Host": f"127.0.0.1:{port}", **(headers or {})}.items():
        connection.putheader(name, value)
    data = body.encode() if isinstance(body, str) else body
    if data is not None:
        connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    kind = response.getheader("Content-Type", "")
    return response.status, json.loads(text) if kind.startswith("application/json") else text


def token_of(port):
    status, page = request(port, "GET", "/")
    assert status == 200
    spec = json.loads(re.search(r'<script id="workshop-spec" type="application/json">(.*?)</script>', page).group(1))
    return spec["token"]


def test_the_page_carries_a_session_token_that_the_api_requires(workshop):
    port, _ = workshop
    token = token_of(port)
    assert len(token) >= 32
    assert request(port, "GET", "/api/result?have=0")[0] == 403
    assert request(port, "GET", "/api/result?have=0", headers={"X-Revolve-Token": token[:-1] + "x"})[0] == 403
    status, result = request(port, "GET", "/api/result?have=0", headers={"X-Revolve-Token": token})
    assert status == 200 and "seq" in result


def test_another_site_cannot_post_settings_or_take_snapshots(workshop):
    port, snapshots = workshop
    status, answer = request(port, "POST", "/api/snapshot", "{}", {"Origin": "http://evil.example"})
    assert status == 403 and "error" in answer
    status, _ = request(port, "POST", "/api/settings", '{"navigators": 5}',
                        {"Origin": "http://evil.example", "X-Revolve-Token": token_of(port)})
    assert status == 403
    assert list(snapshots.iterdir()) == []


def test_a_rebound_host_name_is_refused(workshop):
    port, _ = workshop
    for path in ("/", "/api/result?have=0"):
        status, _ = request(port, "GET", path, headers={"Host": f"evil.example:{port}"})
        assert status == 403
    assert request(port, "GET", "/", headers={"Host": f"localhost:{port}"})[0] == 200


def test_a_large_body_is_refused_without_reading_it(workshop):
    port, _ = workshop
    token = token_of(port)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"POST /api/settings HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Revolve-Token: {token}\r\n"
                  "Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(4096):  # the server answers and closes the connection (headers and body may
            reply += chunk             # come in separate packets)
        reply = reply.decode()
    assert reply.startswith("HTTP/1.0 413"), reply
    assert "larger than the limit of 65536" in reply


@pytest.mark.parametrize("body, message", [
    (b"{not json", "malformed JSON"),
    (b'{"housing_first": "\xff"}', "malformed JSON"),
    (b"[1, 2]", "the request must be a JSON object"),
    (b'{"housing_first": "many"}', "'housing_first' must be a number, got 'many'"),
    (b'{"housing_first": NaN}', "'housing_first' must be a number, got nan"),
    (b'{"bogus": 1}', "unknown control 'bogus'"),
])
def test_bad_requests_get_400_and_a_json_error(workshop, body, message):
    port, _ = workshop
    status, answer = request(port, "POST", "/api/settings", body, {"X-Revolve-Token": token_of(port)})
    assert status == 400 and message in answer["error"]


def test_a_bad_long_poll_is_400_and_the_server_keeps_serving(workshop):
    port, _ = workshop
    token = token_of(port)
    status, answer = request(port, "GET", "/api/result?have=abc", headers={"X-Revolve-Token": token})
    assert status == 400 and "'have' must be a whole number" in answer["error"]
    assert request(port, "GET", "/api/result?have=0", headers={"X-Revolve-Token": token})[0] == 200


def children(pid):
    """Ids of the live processes whose parent is `pid` (a zombie counts as gone)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def gone_within(pids, seconds):
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(alive(p) for p in pids)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_workshop_stops_its_workers(tmp_path, stop):
    server, _ = start(tmp_path)
    workers = children(server.pid)
    assert workers, "the workshop runs its chunks in worker processes"
    server.send_signal(stop)
    assert server.wait(timeout=20) == 0
    assert gone_within(workers, 5), f"workers {workers} outlived the workshop"


def test_workers_do_not_outlive_a_killed_workshop(tmp_path):
    server, _ = start(tmp_path)
    workers = children(server.pid)
    server.send_signal(signal.SIGKILL)
    server.wait(timeout=20)
    assert gone_within(workers, 15), f"workers {workers} outlived the workshop (SIGKILL)"
