# Two commands do all the set-up on a fresh machine:
#   make run    create .venv, install Pacer, start the app
#   make test   create .venv, install Pacer with its test tools, lint and run the whole suite
#   make bundle build the one-folder desktop app with PyInstaller into packaging/dist/
#   make screenshots  the README's pictures, from the real app on a private X display
#   make deb    the Debian package pacer_<version>_<arch>.deb from the bundle (built if missing)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: run test lint bench bundle deb screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pacer

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python -m bench

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $(PACKAGE_STAMP)

bundle: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath packaging/dist --workpath packaging/build packaging/pacer.spec

# The .deb reuses the bundle already built (CI builds it once); `make bundle deb` rebuilds both.
packaging/dist/Pacer/pacer:
	$(MAKE) bundle

deb: $(STAMP) packaging/dist/Pacer/pacer
	$(BIN)/python packaging/deb/build_deb.py

screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) build dist packaging/build packaging/dist
