# The two commands of the README: `make demo` and `make test`. Each installs what is missing,
# builds (Release) and runs.
BUILD_DIR := build
# The Python module is always built: .venv imports it from build/python.
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Release -DREVOLVE_BUILD_PYTHON=ON

# Seconds of fuzzing for each target of `make fuzz` (scripts/fuzz.sh): make fuzz FUZZ_SECONDS=60
FUZZ_SECONDS ?= 600

.PHONY: demo test setup build clean fuzz sanitize

demo: build
	@scripts/demo.sh

test: build
	@scripts/test.sh

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(BUILD_DIR) --parallel

clean:
	rm -rf $(BUILD_DIR)

# The readers under libFuzzer in build-fuzz/ (clang++, from the packages of the group `fuzz`); exits 1 if a
# target found a crash, a leak, a hang or a memory blow-up (docs/reliability.md, "Fuzzing").
fuzz:
	@scripts/setup.sh fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# Every C++ test under AddressSanitizer and UBSan (build-asan/), the threaded ones under ThreadSanitizer
# (build-tsan/) (docs/reliability.md, "Sanitizers").
sanitize: setup
	@scripts/sanitize.sh
