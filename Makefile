# The two commands of the README: `make demo` and `make test`. Each installs what is missing,
# builds (Release) and runs.
BUILD_DIR := build
# The Python module is always built: .venv imports it from build/python.
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=Release -DREVOLVE_BUILD_PYTHON=ON

.PHONY: demo test setup build clean

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
