#!/usr/bin/env bash
# Installs what revolve needs, only what is missing: Debian packages (scripts/packages.txt) through
# apt-get, then the Python virtual environment .venv (Debian's python3 with its site packages), then the
# front-end packages of package-lock.json (npm ci) for viz/ and the browser tests.
# Safe to run again; does nothing when everything is present.
#   scripts/setup.sh          what `make demo` and `make test` need
#   scripts/setup.sh fuzz     that, and the packages of the group `fuzz` (packages.txt's third word)
set -euo pipefail
cd "$(dirname "$0")/.."

groups=" $* "
mapfile -t wanted < <(grep -v '^#' scripts/packages.txt |
  awk -v groups="$groups" 'NF && (NF < 3 || index(groups, " " $3 " ")) {print $1}')
# A package counts as present when it is installed or an installed package provides it (a newer Node.js
# from another archive provides npm, and conflicts with Debian's npm).
provided=" $(dpkg-query -W -f='${db:Status-Abbrev}|${Provides}\n' 2>/dev/null | awk -F'|' '/^ii/ {print $2}' |
  tr ',' '\n' | awk 'NF {printf "%s ", $1}')"
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    [[ "$provided" == *" $package "* ]] || missing+=("$package")
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

# Front-end packages (chart.js for the report, playwright-core for the browser tests), reinstalled only when
# node_modules is missing or older than package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing front-end packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
