#!/usr/bin/env bash
# Installs what revolve needs, only what is missing: Debian packages (scripts/packages.txt) through
# apt-get, then the Python virtual environment .venv (Debian's python3 with its site packages).
# Safe to run again; does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t wanted < <(grep -v '^#' scripts/packages.txt | awk 'NF {print $1}')
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv from /usr/bin/python3 (--system-site-packages)"
  /usr/bin/python3 -m venv --system-site-packages .venv
fi

# .venv imports revolve from build/python, where the build puts the compiled module beside links to the
# package's sources (bindings/CMakeLists.txt): `make` keeps it current and nothing is built twice.
site_packages=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
echo "$PWD/build/python" > "$site_packages/revolve-build.pth"
