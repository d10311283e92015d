# Everything the project does, from a fresh machine: `make demo`, `make test`, `make bench`.
# Every tool the build needs is installed by `make setup`, which is quick when all is present: the
# package's tools (`setup-wasm`, all that `make pkg` and `make demo` need) and the Python binding's
# environments with its wheels built and installed (`setup-python`).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

WASM_PACK_VERSION := 0.15.1
# The nightly toolchain, pinned: it builds the browser's wasm modules (`pkg`, whose sizes the tests
# hold to ceilings) and runs the fuzzers. Installed with rust-src, which `-Zbuild-std` compiles.
NIGHTLY := nightly-2026-05-20
NIGHTLY_SETUP := rustup toolchain list | grep -q '^$(NIGHTLY)-' || rustup toolchain install $(NIGHTLY) --profile minimal --component rust-src; \
	rustup component list --installed --toolchain $(NIGHTLY) | grep -qx rust-src || rustup component add rust-src --toolchain $(NIGHTLY)
# wasm-bindgen-cli must be exactly the wasm-bindgen that Cargo.lock holds.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
NODE_BIN := node_modules/.bin
# Debian's Chromium, never a browser a tool downloads.
export CHROME_BIN := /usr/bin/chromium

.PHONY: setup setup-wasm pkg www server serve test test-service test-rust test-wasm test-js test-fuzz test-demo demo demo-run bench clean fuzz fuzz-setup explore

setup: setup-wasm setup-python

setup-wasm: node_modules/.installed
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-pack --version 2>/dev/null | grep -q "$(WASM_PACK_VERSION)" || cargo install wasm-pack --version $(WASM_PACK_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@command -v chromium >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }
	@$(NIGHTLY_SETUP)

# `npm ci` again only when the lock file changed.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The toolchains of the compatibility tests (tests/js/compat/): Next.js, wrangler, Deno, Bun, webpack,
# Rollup, TypeScript 5, publint, attw. Their install also fills npm's cache, from which each test's
# throw-away project installs what it needs. `npm install` with the lock file, not `npm ci`: the lock
# can only list the platform packages (Next's SWC, Deno, Bun, workerd) that the registry serves here,
# and `npm ci` refuses a lock without those of other platforms; `npm install` installs the locked tree.
COMPAT := tests/compat/node_modules/.installed
$(COMPAT): tests/compat/package-lock.json
	cd tests/compat && npm install --no-audit --no-fund
	touch $@

# The target_features section is wasm-bindgen's to read (it has, by now); engines ignore it.
WASM_OPT := $(NODE_BIN)/wasm-opt --strip-debug --strip-producers --strip-target-features --enable-bulk-memory \
	--enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals

# Four builds of the crate, each into its own folder: browsers get the smaller module (and pages that
# import only the open-types schemas an even smaller one, without the platform record's rules: feature
# open-types-only, src/js/browser.js), both built no_std (`--no-default-features`: without the `std`
# feature, Cargo.toml) by cargo alone, with the `browser` profile (Cargo.toml) and the pinned nightly
# (BROWSER_CARGO, below): they export C symbols and import nothing, so they need no wasm-bindgen glue
# (src/wasm/exports.rs). The other two are built with wasm-pack under the same name, so that one
# wasm-bindgen glue serves both: servers (Node, Deno, Bun, Workers, edge runtimes) get the one with
# the NDJSON scanner (Cargo.toml, feature ndjson-export); `auditlog-wasm/log` gets that and the log
# (feature log-export), built for speed (-O3): hashing whole exports is its job. The extra wasm-opt
# passes made the browser's module 0.2 KB gzip smaller but, tried on the server module, its NDJSON
# path 5-15% slower, so the server module gets plain -Oz. src/js/build-pkg.mjs assembles pkg/ from both.
WASM_BUILD := target/wasm-pack
# The browser modules are built with nightly's `-Zbuild-std` and `-Cpanic=immediate-abort`: core and
# alloc compiled again so that a panic is a trap with no message. Stable's prebuilt alloc keeps the
# formatting of its allocation-failure and capacity-overflow panics (their messages, source paths and
# the digits table), which no call ever reads: without them the open-types module is about 0.55 KB
# gzip smaller and the module with every schema about 0.9 KB (measured when adopted; `make pkg` prints
# the current sizes). LLVM's inlining limit at 50 (its default at opt-level 2 is 225) and no loop
# unrolling: the open-types module about 0.17 KB gzip smaller and the one with every schema about
# 0.39 KB (measured; 25 to 75 all gain, 50 most for both). Their own target folder, so that the
# stable builds' caches stay valid.
BROWSER_CARGO := RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=50 -Cllvm-args=-unroll-threshold=0" CARGO_TARGET_DIR=target/browser \
	cargo +$(NIGHTLY) build -Zbuild-std=core,alloc --lib --target wasm32-unknown-unknown --no-default-features
BROWSER_WASM := target/browser/wasm32-unknown-unknown
# The server and log modules use 128-bit SIMD (the NDJSON scanner's byte searches, src/byte_search.rs;
# four leaf hashes at once, src/log/leaf_batch.rs): every engine they run on has it (Node, Deno,
# Bun, workerd). The browser module, which has no scanner, is built without it. Their own target
# folder, so the other builds' caches stay valid.
SIMD := -C target-feature=+simd128
# The browser modules' passes, for size. `--low-memory-unused` lets wasm-opt fold constant offsets
# into loads and stores: Rust puts the stack first (it starts at 1 MiB and grows down), so the low
# 1 KiB of memory is the far end of a stack no call comes near.
BROWSER_OPT := --low-memory-unused -Oz --flatten --rereloop -Oz --converge
pkg: setup-wasm
	mkdir -p $(WASM_BUILD)/web $(WASM_BUILD)/web-open-types
	$(BROWSER_CARGO) --profile browser
	$(WASM_OPT) $(BROWSER_OPT) $(BROWSER_WASM)/browser/auditlog.wasm -o $(WASM_BUILD)/web/auditlog_wasm_bg.wasm
	$(BROWSER_CARGO) --profile browser --features open-types-only
	$(WASM_OPT) $(BROWSER_OPT) $(BROWSER_WASM)/browser/auditlog.wasm -o $(WASM_BUILD)/web-open-types/auditlog_wasm_bg.wasm
	RUSTFLAGS="$(SIMD)" CARGO_TARGET_DIR=target/wasm-simd wasm-pack build --target web --release --out-dir $(WASM_BUILD)/server --out-name auditlog_wasm --no-pack -- --features ndjson-export
	$(WASM_OPT) --enable-simd -Oz $(WASM_BUILD)/server/auditlog_wasm_bg.wasm -o $(WASM_BUILD)/server/auditlog_wasm_bg.wasm
	RUSTFLAGS="$(SIMD)" CARGO_TARGET_DIR=target/wasm-simd wasm-pack build --target web --release --out-dir $(WASM_BUILD)/log --out-name auditlog_wasm --no-pack -- --features ndjson-export,log-export
	$(WASM_OPT) --enable-simd -O3 $(WASM_BUILD)/log/auditlog_wasm_bg.wasm -o $(WASM_BUILD)/log/auditlog_wasm_bg.wasm
	node src/js/build-pkg.mjs
	node src/js/size.mjs

# The browser demo, built against pkg/ as a user's app is (www/package.json: "file:../pkg").
www: pkg
	@test -L www/node_modules/auditlog-wasm || (cd www && npm ci --no-audit --no-fund)
	cd www && node ../node_modules/vite/bin/vite.js build --logLevel warn

# The service (`auditlog serve`, src/server/, feature `serve`): the crate behind HTTP with API keys,
# SQLite and a signed Merkle log per workspace. A debug build with every feature: it is what
# `cargo test --all-features` builds too, so tests and the demo share one compile.
SERVER := target/debug/auditlog
server:
	cargo build --bin auditlog --example log_vectors --all-features

# The service alone, on AUDITLOG_ADDR (127.0.0.1:8080) with AUDITLOG_DB (auditlog.db). It takes
# requests only with a key: `target/debug/auditlog keys create --workspace W --scope write`.
serve: server
	$(SERVER) serve

test: setup test-rust test-wasm test-fuzz test-js test-demo test-service test-python test-spark

# Every feature set: `std` alone (the default), none (the engine without std, as the browser's
# modules are built), all (schemars, axum, the log, the service and the server's NDJSON export), the
# library with axum's extractor alone (its minimal axum features), the log alone, the files module
# alone (as the Python binding uses it), the service alone, the binding itself, and the wasm32 builds
# (with std as the wasm tests run, browser, browser open-types, server, log). `fmt --all` covers the
# binding. The tests need std: without it there is no Rust API to test.
test-rust:
	cargo fmt --all -- --check
	cargo clippy --all-targets --no-default-features --features std -- -D warnings
	cargo clippy --lib --no-default-features -- -D warnings
	cargo clippy --all-targets --all-features -- -D warnings
	cargo clippy --lib --features axum -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features open-types-only -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets --features ndjson-export -- -D warnings
	cargo clippy --lib --features log -- -D warnings
	cargo clippy --lib --features files -- -D warnings
	cargo clippy -p auditlog-python --all-targets -- -D warnings
	cargo clippy -p auditlog-python --all-targets --features abi3-py39 -- -D warnings
	cargo clippy --bin auditlog --tests --features cli -- -D warnings
	cargo clippy --all-targets --features serve -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets --features ndjson-export,log-export -- -D warnings
	RUSTFLAGS="$(SIMD)" CARGO_TARGET_DIR=target/wasm-simd cargo clippy --target wasm32-unknown-unknown --lib --features ndjson-export,log-export -- -D warnings
	cargo test --no-default-features --features std
	cargo test --all-features

# The browser suite goes through tests/js/wasm-browser-runner.mjs, not `wasm-pack test --chrome`:
# that script says why.
test-wasm: setup-wasm
	wasm-pack test --node
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="node tests/js/wasm-browser-runner.mjs" \
		cargo test --target wasm32-unknown-unknown --test wasm_browser

test-js: www $(COMPAT) server
	node --test tests/js/

# The samples checked from Node and from Rust and by the command-line tool, then the service and the
# browser demo together (examples/serve-demo.mjs prints both addresses; Ctrl-C stops both).
# DEMO_SMOKE=1 runs every step, then, instead of waiting for Ctrl-C, loads the page and posts one entry
# through it to the service, and stops both (`make test` runs it so).
DEMO_PORTS := $(if $(filter 1,$(DEMO_SMOKE)),--smoke --service-port 0 --page-port 0,--service-port 8080 --page-port 5173)
demo: www server
	$(MAKE) --no-print-directory demo-run

# The demo's steps alone, on what `www` and `server` built.
demo-run:
	node examples/demo.mjs examples/samples.json examples/records.json
	cargo run --quiet --example validate -- examples/samples.json examples/records.json
	@# Exit status 1 means some entries are invalid, as the samples are on purpose; 2 would be an error.
	@# --all-features: the binary `make server` built, which serve-demo.mjs then runs as the service.
	cargo run --quiet --all-features --bin auditlog -- check www/public/samples/entries-5000.ndjson www/public/samples/entries-2000.json || [ $$? -eq 1 ]
	node examples/serve-demo.mjs $(DEMO_PORTS)

test-demo: www server
	$(MAKE) --no-print-directory demo-run DEMO_SMOKE=1

clean:
	rm -rf pkg target node_modules www/node_modules www/dist tests/compat/node_modules

# Fuzzing (cargo-fuzz, nightly): every native entry point, FUZZ_SECONDS each, growing
# fuzz/corpus/<target>. A crash stops the run and leaves its input in fuzz/artifacts/<target>/; add it
# to tests/hostile.rs as a regression test.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := entry_json record_json wire datetime ndjson fastpath

fuzz-setup:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2
	@$(NIGHTLY_SETUP)

# The bounded run in `make test`, the same on every run: each target from its committed seeds only
# (copied, so nothing is added to them), a fixed libFuzzer seed and a fixed number of inputs (about
# ten seconds each here; the ndjson target checks every line five ways, so it gets fewer, and the
# fastpath target, which changes each byte of the lines it accepts, fewer still). fastpath runs on
# the ndjson target's seeds.
FUZZ_TEST_RUNS ?= 200000
FUZZ_TEST_RUNS_NDJSON ?= 10000
FUZZ_TEST_RUNS_FASTPATH ?= 1500
test-fuzz: fuzz-setup
	@for target in $(FUZZ_TARGETS); do \
		runs=$(FUZZ_TEST_RUNS); [ $$target = ndjson ] && runs=$(FUZZ_TEST_RUNS_NDJSON); \
		[ $$target = fastpath ] && runs=$(FUZZ_TEST_RUNS_FASTPATH); seeds=$$target; [ $$target = fastpath ] && seeds=ndjson; \
		rm -rf target/fuzz-test/$$target && mkdir -p target/fuzz-test && cp -r fuzz/seeds/$$seeds target/fuzz-test/$$target; \
		echo "== $$target: $$runs inputs, libFuzzer -seed=1"; \
		(cd fuzz && cargo +$(NIGHTLY) fuzz run $$target ../target/fuzz-test/$$target -- \
			-runs=$$runs -seed=1 -max_len=4096 -print_final_stats=1) || exit 1; \
	done

fuzz: fuzz-setup
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$target; seeds=$$target; [ $$target = fastpath ] && seeds=ndjson; \
		echo "== $$target: $(FUZZ_SECONDS) s"; \
		(cd fuzz && cargo +$(NIGHTLY) fuzz run $$target corpus/$$target seeds/$$seeds -- \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1) || exit 1; \
	done

# Wide random exploration, never part of `make test`: the randomized JS tests with new seeds and
# more inputs, EXPLORE_ROUNDS times (a failure prints its seed: FC_SEED=<seed> node --test <file>
# replays it), then every fuzz target for FUZZ_SECONDS.
EXPLORE_ROUNDS ?= 3
explore: www
	@for round in $$(seq $(EXPLORE_ROUNDS)); do \
		seed=$$(node -p 'require("node:crypto").randomInt(2 ** 31)'); \
		echo "== round $$round: FC_SEED=$$seed"; \
		FC_SEED=$$seed FC_RUNS=200000 HOSTILE_RUNS=20000 node --test tests/js/differential.test.mjs \
			tests/js/hostile.test.mjs tests/js/ndjson.test.mjs tests/js/platform.test.mjs || exit 1; \
	done
	$(MAKE) fuzz

# Speed and size against Zod 4.6.7 and its peers, and the Python binding against Pydantic and
# jsonschema (numbers only: never fails). What it prints also goes to bench/results.txt, which the
# docs link to, headed by when, where and what was measured.
bench: pkg $(COMPAT) setup-python setup-spark
	header="make bench, $$(date -u '+%Y-%m-%d %H:%M UTC'), $$(nproc) cores $$(uname -m), Node $$(node --version), commit $$(git rev-parse --short HEAD)$$(git diff --quiet HEAD -- . ':!bench/results.txt' || echo ' with uncommitted changes')"; \
	{ echo "$$header"; \
		node bench/bench.mjs; \
		node --max-old-space-size=8192 bench/log.mjs; \
		node bench/files.mjs; \
		node bench/service.mjs; \
		$(PY_VENV)/bin/python python/bench/bench.py; \
		$(PY39_VENV)/bin/python python/bench/bench.py; \
		$(SPARK_ENV) $(PY_SPARK_VENV)/bin/python python/bench/spark.py 2>/dev/null; } 2>&1 | tee bench/results.txt

# ---------------------------------------------------------------------------------------------
# The Python binding (python/): `test` runs test-python, `bench` the benchmark. Two
# wheels from one source: abi3-py311 (strings and buffers read in place) and abi3-py39 (copies
# where 3.9 and 3.10's stable ABI has no in-place read), each installed into a virtual environment
# of its own and tested there. PYTHON is the interpreter both environments are made from: 3.11 or
# later, so that it takes both wheels (the py39 wheel's code is tested on it; see python/README.md).
PYTHON ?= python3
PY_VENV := target/venv
PY39_VENV := target/venv-py39
PY_WHEELS_STAMP := target/wheels/.auditlog-rs-built
PY_SOURCES := Cargo.toml Cargo.lock python/Cargo.toml python/build.rs python/pyproject.toml \
	$(shell find src python/src python/pysrc -type f) python/README.md

.PHONY: setup-python test-python bench-python

# An environment again only when the pinned requirements change; the wheels again only when the
# Rust or Python sources do (maturin builds into target/wheels, pip installs from there).
target/%/.requirements: python/requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "make setup-python needs CPython 3.11 or later (it installs the abi3-py311 wheel too): make PYTHON=python3.x ..."; exit 1; }
	test -x target/$*/bin/python || $(PYTHON) -m venv target/$*
	target/$*/bin/pip install --quiet -r python/requirements-dev.txt
	touch $@

# Both wheels in one directory (a cargo feature selects the abi3 minimum; the two builds' artifacts
# live side by side in target/python-release, so a change rebuilds only what it touches).
$(PY_WHEELS_STAMP): $(PY_VENV)/.requirements $(PY_SOURCES)
	rm -f target/wheels/auditlog_rs-*.whl
	cd python && ../$(PY_VENV)/bin/maturin build --release --out ../target/wheels
	cd python && ../$(PY_VENV)/bin/maturin build --release --features abi3-py39 --out ../target/wheels
	touch $@

# target/venv gets the wheel pip chooses from the two (the newest tag the interpreter takes, cp311
# on 3.11: the tests check which); target/venv-py39 the cp39 one by name.
$(PY_VENV)/.wheel-installed: $(PY_WHEELS_STAMP)
	$(PY_VENV)/bin/pip install --quiet --force-reinstall --no-deps --no-index --find-links target/wheels auditlog-rs
	touch $@

$(PY39_VENV)/.wheel-installed: $(PY39_VENV)/.requirements $(PY_WHEELS_STAMP)
	$(PY39_VENV)/bin/pip install --quiet --force-reinstall --no-deps target/wheels/auditlog_rs-*-cp39-abi3-*.whl
	touch $@

setup-python: $(PY_VENV)/.wheel-installed $(PY39_VENV)/.wheel-installed

# The whole suite against each wheel; AUDITLOG_EXPECT_ABI3 makes it check it has the wheel meant.
# The property tests compare with the CLI's report (a debug build, as cargo test makes it).
test-python: setup-python
	cargo build --quiet --all-features --bin auditlog
	cd python && AUDITLOG_EXPECT_ABI3=3.11 ../$(PY_VENV)/bin/pytest -q tests
	cd python && AUDITLOG_EXPECT_ABI3=3.9 ../$(PY39_VENV)/bin/pytest -q tests

# The Spark module (auditlog.spark) on a real two-executor cluster on this machine
# (local-cluster[2,1,1024]: two executor JVMs, each with its own Python workers), every socket on
# loopback (SPARK_LOCAL_IP), the executors' Python the environment's (PYSPARK_PYTHON: it has the
# wheel and pyarrow). Its own environment, target/venv-spark (python/requirements-spark.txt), with
# the abi3-py311 wheel; Java is Debian's OpenJDK 17.
PY_SPARK_VENV := target/venv-spark
SPARK_ENV := SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON=$(CURDIR)/$(PY_SPARK_VENV)/bin/python \
	PYSPARK_DRIVER_PYTHON=$(CURDIR)/$(PY_SPARK_VENV)/bin/python

.PHONY: setup-spark test-spark bench-spark

$(PY_SPARK_VENV)/.requirements: python/requirements-spark.txt
	test -x $(PY_SPARK_VENV)/bin/python || $(PYTHON) -m venv $(PY_SPARK_VENV)
	$(PY_SPARK_VENV)/bin/pip install --quiet -r python/requirements-spark.txt
	touch $@

$(PY_SPARK_VENV)/.wheel-installed: $(PY_SPARK_VENV)/.requirements $(PY_WHEELS_STAMP)
	$(PY_SPARK_VENV)/bin/pip install --quiet --force-reinstall --no-deps --no-index --find-links target/wheels auditlog-rs
	touch $@

setup-spark: $(PY_SPARK_VENV)/.wheel-installed
	@command -v java >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless; }

# The tests compare with the CLI (the debug build, with every feature as the service tests need).
test-spark: setup-spark
	cargo build --quiet --all-features --bin auditlog
	cd python && $(SPARK_ENV) ../$(PY_SPARK_VENV)/bin/pytest -q -rA tests_spark

bench-python: setup-python
	$(PY_VENV)/bin/python python/bench/bench.py
	$(PY39_VENV)/bin/python python/bench/bench.py

# The Spark part of make bench alone (the release CLI against auditlog.spark.check).
bench-spark: setup-spark
	cargo build --release --features cli --bin auditlog
	$(SPARK_ENV) $(PY_SPARK_VENV)/bin/python python/bench/spark.py 2>/dev/null

# The service against its own OpenAPI document with Schemathesis (PyPI; pinned in
# tests/schemathesis-requirements.txt, in a virtual environment of its own, apart from other Python
# tools' target/venv): tests/schemathesis.mjs says how (positive and negative cases, bounded, fixed
# seed, derandomized). SCHEMATHESIS_EXAMPLES sets how many examples per operation (25).
SCHEMATHESIS_VENV := target/venv-schemathesis
$(SCHEMATHESIS_VENV)/.installed: tests/schemathesis-requirements.txt
	python3 -m venv $(SCHEMATHESIS_VENV)
	$(SCHEMATHESIS_VENV)/bin/pip install --quiet --disable-pip-version-check -r $<
	touch $@

test-service: server $(SCHEMATHESIS_VENV)/.installed
	node tests/schemathesis.mjs
