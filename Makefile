# The two commands of the README: `make demo` and `make test`. Both build .venv from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: install demo test lint score clean

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
	@for query in ontology/queries/*.rq; do \
		echo; echo "== $$(head -n 1 $$query | sed 's/^# *//')  [$$query]"; \
		$(BIN)/kg query --file $$query || exit 1; \
	done

## test: lint, then the whole suite (doctests included)
test: install lint
	$(BIN)/python -m pytest

## score: precision, recall and F1 per event family on the gold set and the public devsets
score: install
	$(BIN)/python benchmarks/extraction.py

lint: install
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) kg-store $(OUT) .pytest_cache .ruff_cache *.egg-info
