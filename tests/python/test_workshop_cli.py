"""`revolve workshop` refuses bad input with one clear line and no traceback, and leaves no worker behind."""
import socket
import subprocess

from viz_support import BUILD, SCENARIOS


def workshop(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BUILD / "revolve"), "workshop", *args], capture_output=True, text=True, timeout=60)


def test_a_taken_port_is_a_clear_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = workshop(str(SCENARIOS), "--port", str(port), "--workers", "1")
    assert result.returncode == 1
    assert f"error: cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "--port 0" in result.stderr, "the message says how to choose another port"
    assert "Traceback" not in result.stderr


def test_a_folder_without_a_baseline_is_a_clear_error(tmp_path):
    result = workshop(str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'baseline.yaml'}: no such file (SCENARIO_DIR must hold baseline.yaml)"


def test_numbers_out_of_range_are_clear_errors():
    for option, value, message in [("--port", "99999", "'99999' is not a whole number from 0 to 65535"),
                                   ("--runs", "0", "'0' is not a whole number of 1 or more"),
                                   ("--workers", "two", "'two' is not a whole number of 1 or more")]:
        result = workshop(str(SCENARIOS), option, value)
        assert result.returncode == 2, (option, result.stderr)
        assert message in result.stderr
        assert "Traceback" not in result.stderr
