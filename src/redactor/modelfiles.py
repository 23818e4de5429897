"""Trained models on disk: plain arrays (``model.npz``, loaded with ``allow_pickle=False``) beside
``meta.json``, which records their SHA-256. A pickle would run code when loaded, so a swapped model
file would be code execution in a DLP tool; the digest stops a truncated or mismatched file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from redactor.errors import ModelError

MODEL_FILE, META_FILE = "model.npz", "meta.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_checked(directory: Path, what: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """(meta, arrays) of the model in ``directory``; ModelError if either is missing or they do not
    match. ``what`` names the model in messages ("classifier", "role model")."""
    model_path, meta_path = directory / MODEL_FILE, directory / META_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{meta_path}: cannot read {what} metadata ({exc})", hint(what)) from None
    if not model_path.is_file() or sha256(model_path) != meta.get("sha256"):
        raise ModelError(f"{model_path}: missing, or its SHA-256 does not match {META_FILE}", hint(what))
    with np.load(model_path, allow_pickle=False) as arrays:
        return meta, {name: arrays[name] for name in arrays.files}


def hint(what: str) -> str:
    return f"run 'make train' to build the {what}"
