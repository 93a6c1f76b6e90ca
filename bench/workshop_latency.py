"""How soon the workshop's rough-sleeping chart shows a Housing First change, at Bristol scale.

Starts `revolve workshop scenarios/bristol` on a free port, runs the browser script that moves the Housing
First slider to its maximum as soon as the first chart is drawn and times, in the page, until the chart shows
the runs of the new setting; then stops the workshop. Repeats TRIALS times and prints each time and the range.

usage: .venv/bin/python bench/workshop_latency.py [TRIALS]   (after `make build`; needs chromium and npm ci)
"""
import pathlib
import re
import signal
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def one_trial() -> float:
    server = subprocess.Popen([str(ROOT / "build" / "revolve"), "workshop", str(ROOT / "scenarios" / "bristol"),
                               "--port", "0", "--runs", "8", "--out", "/tmp/revolve-workshop-bench"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().split()[1]
        browser = subprocess.run(["node", str(ROOT / "tests" / "browser" / "workshop.mjs"), url],
                                 capture_output=True, text=True, timeout=300)
        found = re.search(r"chart changed (\d+) ms", browser.stdout)
        if not found:
            sys.exit(f"the browser script did not report a time:\n{browser.stdout}{browser.stderr}")
        return float(found.group(1))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    times = []
    for i in range(trials):
        times.append(one_trial())
        print(f"trial {i + 1}: {times[-1]:.0f} ms", flush=True)
    print(f"{trials} trials: {min(times):.0f} to {max(times):.0f} ms, median {sorted(times)[trials // 2]:.0f} ms")


if __name__ == "__main__":
    main()
