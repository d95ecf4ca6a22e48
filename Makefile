# The commands a newcomer needs:
#   make run       set up .venv (first time) and process data/raw -> data/out
#   make test      set up .venv with test extras and run the test suite
#   make notebook  install the notebook extra (Jupyter) and open notebooks/ (JUPYTER_ARGS=--no-browser on a server)
#   make report    write data/out/report.html (one self-contained page) after `make run`
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-test bench clean notebook report

$(BIN)/egovnews: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

setup: $(BIN)/egovnews

$(VENV)/.test-deps: $(BIN)/egovnews
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

setup-test: $(VENV)/.test-deps

$(VENV)/.notebook-deps: $(BIN)/egovnews
	$(BIN)/python -m pip install --quiet -e ".[notebook]"
	@touch $@

# The notebook runs the pipeline over data/raw itself when data/out holds no tables.
notebook: $(VENV)/.notebook-deps
	$(BIN)/jupyter notebook --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root) $(JUPYTER_ARGS)

report: setup
	$(BIN)/egovnews report data/out

run: setup
	$(BIN)/egovnews run data/raw --out data/out

test: setup-test
	$(BIN)/python -m pytest

bench: setup-test
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf data/out/*.parquet data/out/*.csv
