#!/usr/bin/env bash
# The main job: run the bundled stock-flow example and write its results under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
./build/revolve sd run models/examples/teacup.yaml --out out/teacup
