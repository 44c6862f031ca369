# Recueil — the two commands of the quick start are `make demo` and `make test`; each prepares the machine
# itself (installer/setup-dev.sh: system packages, uv, `uv sync`).
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV := uv

.PHONY: setup demo test bench lint package package-demo

setup:
	@./installer/setup-dev.sh

demo: setup
	$(UV) run --frozen python -m devstation.demo $(DEMO_ARGS)

test: setup lint
	$(UV) run --frozen pytest -q

lint: setup
	$(UV) run --frozen lint-imports
	$(UV) run --frozen ruff check .

bench: setup
	@$(UV) run --frozen python -m bench

# The installable one-folder station (docs/packaging.md): dist/station/station and
# dist/recueil-station-<version>-linux-<arch>.tar.gz (the folder, install.sh, the outbox's systemd user unit).
package: setup
	$(UV) run --frozen python installer/package/build.py

# The test-only demo variant, dist/station-demo/: the same station plus the scripted offscreen demo.
package-demo: setup
	$(UV) run --frozen python installer/package/build.py --variant demo
