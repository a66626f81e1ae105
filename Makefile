# The two commands of the README: `make demo` and `make test`. Both build .venv from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser virtuoso demo test lint score bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## demo: load the sample articles into the default store ($$KG_STORE or ./kg-store), export Turtle, answer the saved queries
demo: install
	$(BIN)/kg load kg/samples
	mkdir -p $(OUT)
	$(BIN)/kg export --format turtle -o $(OUT)/graph.ttl
	@echo "wrote $(OUT)/graph.ttl ($$(wc -l < $(OUT)/graph.ttl) lines)"
	$(BIN)/kg viz -o $(OUT)/graph.html --png $(OUT)/graph.png
	@for query in ontology/queries/*.rq; do \
		echo; echo "== $$(head -n 1 $$query | sed 's/^# *//')  [$$query]"; \
		$(BIN)/kg query --file $$query || exit 1; \
	done

## browser: Debian's chromium for the browser test of `kg viz` (skipped, with a note, where it cannot install)
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser test"; \
		$(SUDO) apt-get install -y -qq chromium >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; } || \
		echo "could not install chromium: the browser test will be skipped"; }

## virtuoso: Debian's Virtuoso server binary, the second engine of the remote-store tests (skipped where it cannot install)
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
		echo "installing Debian's virtuoso-opensource-7-bin for the remote-store tests"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7-bin >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq virtuoso-opensource-7-bin >/dev/null; } || \
		echo "could not install virtuoso: its remote-store tests will be skipped"; }

## test: lint, then the whole suite (doctests, notebooks, the browser test and both SPARQL servers included)
test: install lint browser virtuoso
	$(BIN)/python -m pytest

## score: precision, recall and F1 per event family on the gold set and the public devsets
score: install
	$(BIN)/python benchmarks/extraction.py

## bench: speed and memory against bare spaCy (see benchmarks/README.md; SIZES=100,1000,10000 for the full run)
SIZES ?= 100,1000
bench: install
	$(BIN)/python benchmarks/performance.py --sizes $(SIZES)

lint: install
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) kg-store $(OUT) .pytest_cache .ruff_cache *.egg-info
