# Two entry points for a fresh machine (Python 3.11, pip, git):
#   make demo   set up .venv and run the main job on the built-in demo plan
#   make test   set up .venv and run every check CI runs
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck pytest benchcheck docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# Dependency groups (PEP 735) need pip >= 25.1; a fresh machine's pip is older.
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e ".[cli]" --group dev
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/quickstart.py
	@mkdir -p build
	@$(BIN)/python -c "from crisiscomms.samples import demo_plan; print(demo_plan().to_json(indent=2))" > build/demo-plan.json
	@echo; echo "== crisiscomms lint build/demo-plan.json (the command line, as a CI job runs it)"
	-$(BIN)/crisiscomms lint build/demo-plan.json --now 2026-11-24T09:00+01:00

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy src tests $(wildcard examples/*.py) $(wildcard benchmarks/*.py)

pytest: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir build/site

# The benchmarks' own checks (identical output to each baseline), each benchmark run once.
benchcheck: $(STAMP)
	$(BIN)/pytest benchmarks --benchmark-disable -o addopts="" -p no:cacheprovider -q

test: lint typecheck pytest benchcheck docs

bench: $(STAMP)
	$(BIN)/pytest benchmarks --benchmark-columns=min,median,mean,rounds -o addopts="" -p no:cacheprovider

clean:
	rm -rf $(VENV) build .coverage .mypy_cache .ruff_cache .hypothesis
