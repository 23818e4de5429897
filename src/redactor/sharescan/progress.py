"""The progress bar on stderr: files, MB, findings and ETA (by bytes, the better predictor)."""

from __future__ import annotations

import sys
from types import TracebackType

from redactor.batch import FileResult


class Progress:
    def __init__(self, files: int, total_bytes: int, enabled: bool) -> None:
        self.files, self.done, self.findings = files, 0, 0
        self.bar = None
        if enabled and files:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total_bytes,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=sys.stderr,
                desc="scanning",
                dynamic_ncols=True,
                smoothing=0.05,
            )

    def update(self, result: FileResult) -> None:
        self.done += 1
        self.findings += len(result.hits)
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.done}/{self.files} files, {self.findings} findings", refresh=False)
            self.bar.update(result.size)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.close()
