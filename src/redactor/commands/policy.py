"""``redactor policy check``: validate a policy file and show how it decides the samples."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from redactor.batch import iter_files
from redactor.commands.classify import FORMATS, emit
from redactor.policy import CHANNELS, load_policy

DEFAULT_SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "corpus" / "heldout"


@click.group("policy")
def command() -> None:
    """Work with policy files (rules/policy.yaml)."""


@command.command("check")
@click.argument("policy_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--samples",
    "samples",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help=f"Files or directories to decide (repeatable; default: {DEFAULT_SAMPLES.name} corpus).",
)
@click.option("--no-samples", is_flag=True, help="Only validate the file.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def check(policy_file: Path, samples: tuple[Path, ...], no_samples: bool, fmt: str) -> int:
    """Validate POLICY_FILE, then print the decision of every channel for sample documents.

    \b
    An invalid file (bad YAML, unknown action, type, role, category, level or channel, a channel
    without a final default rule) stops with file:line and exit code 3.

    \b
    Examples:
      redactor policy check rules/policy.yaml
      redactor policy check my-policy.yaml --samples samples/corpus/dev --format jsonl
      redactor policy check my-policy.yaml --no-samples
    """
    policy = load_policy(policy_file)
    summary = ", ".join(f"{name}: {len(rules)} rules" for name, rules in policy.channels.items())
    click.echo(f"{policy_file}: valid ({summary})", err=True)
    if no_samples:
        return 0
    from redactor.pipeline import Pipeline

    pipeline = Pipeline(policy=policy)
    channels = [c for c in CHANNELS if c in policy.channels]
    files = list(iter_files(samples or [DEFAULT_SAMPLES]))

    def rows() -> Iterable[dict[str, Any]]:
        for path, item in pipeline.analyze_paths(files):
            row: dict[str, Any] = {"file": path}
            for channel in channels:
                decision = (
                    pipeline.assess_unreadable(path, item, channel)
                    if isinstance(item, Exception)
                    else pipeline.assess(item[0], item[1], channel)
                )
                row["level"] = decision.classification.level.name if decision.classification else None
                row[channel] = (
                    f"{decision.action.value} ({decision.rule})"
                    if fmt == "table"
                    else {"action": decision.action.value, "rule": decision.rule, "reasons": list(decision.reasons)}
                )
            yield row

    emit(rows(), fmt, [("file", 36), ("level", 12), *((c, 30) for c in channels)])
    return 0
