#!/usr/bin/env bash
# The main job: compare the Bristol-like baseline with every alternative in scenarios/bristol/, paired
# by common random numbers, and write the results to out/bristol/ (see docs/scenarios.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./build/revolve compare \
  scenarios/bristol/baseline.yaml \
  scenarios/bristol/housing_first_x2.yaml \
  scenarios/bristol/mtam.yaml \
  scenarios/bristol/long_contracts.yaml \
  scenarios/bristol/release_accommodation.yaml \
  scenarios/bristol/navigators.yaml \
  scenarios/bristol/all_combined.yaml \
  --out out/bristol
# The report for boards: out/bristol/report.html, self-contained, and its figures (docs/report.md).
./build/revolve report out/bristol
