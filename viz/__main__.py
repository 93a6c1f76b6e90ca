"""``python -m viz report DIR`` and ``python -m viz workshop [SCENARIO_DIR]``: what ``revolve report`` and
``revolve workshop`` run (apps/revolve/report_command.cpp passes their arguments through).

Example:
    >>> import subprocess, sys
    >>> subprocess.run([sys.executable, "-m", "viz", "report", "--help"], capture_output=True).returncode
    0
"""
import sys


def main(argv: list[str]) -> int:
    """Run the subcommand named first in `argv` with the rest of its arguments; return its exit status."""
    commands = {"report": "viz.report", "workshop": "viz.workshop"}
    if not argv or argv[0] not in commands:
        print(f"usage: python -m viz {{{','.join(commands)}}} ...", file=sys.stderr)
        return 2
    module = __import__(commands[argv[0]], fromlist=["main"])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
