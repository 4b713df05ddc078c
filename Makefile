# The two commands of the README: `make run` and `make test`. Both install what is missing
# (scripts/install-deps) and build first.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_DB ?= $(BUILD)/demo.db

.PHONY: all deps configure build run test bench screenshots format clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null

build: configure
	@cmake --build $(BUILD) --parallel $(JOBS)

# Serves the demo workspaces (created on first run) with the dashboard at /app/.
run: build
	@scripts/run-demo $(BUILD)/src/frontdesk $(DEMO_DB)

# A test without a timeout of its own fails after five minutes rather than holding up the run.
test: build
	@cd $(BUILD) && ctest --output-on-failure --parallel $(JOBS) --timeout 300 < /dev/null

# The four benchmarks of the README, one after the other (a few minutes).
bench: build
	@$(BUILD)/bench/engine_bench --benchmark_counters_tabular=true
	@$(BUILD)/bench/inbox_bench --binary $(BUILD)/src/frontdesk
	@bench/run-ingest $(BUILD)
	@bench/run-e2e $(BUILD)
	@$(BUILD)/bench/llm_turn_bench
	@$(BUILD)/bench/llm_e2e_bench --binary $(BUILD)/src/frontdesk 2>/dev/null

# The README's dashboard screenshots (docs/screenshots), taken by the browser tests.
screenshots: build
	@tests/browser/node tests/browser/run.mjs $(BUILD)/src/frontdesk --screenshots docs/screenshots

format:
	@clang-format -i $$(git ls-files '*.h' '*.cpp')

clean:
	@rm -rf $(BUILD)
