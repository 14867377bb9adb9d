# Two commands: `make run` (the bot, or the console without DISCORD_TOKEN) and `make test`.
PY := .venv/bin/python
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test lint bench clean

.venv/.installed: pyproject.toml constraints.txt
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m index.embedding prepare
	touch $@

install: .venv/.installed

run: install
	$(PY) -m bot start

test: install
	$(PY) -m pytest -q

lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

bench: install
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m benchmarks.retrieval --txtai
	$(PY) -m benchmarks.answers
	$(PY) -m benchmarks.runtime --txtai --embedded-text

clean:
	rm -rf .venv
