"""``redactor decide``: what the policy does with files on one channel, and why."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from redactor.batch import iter_files
from redactor.commands.classify import FORMATS, emit
from redactor.errors import ExitCode
from redactor.policy import CHANNELS, Action, Decision, Facts

TABLE = [("file", 36), ("level", 12), ("action", 10), ("rule", 24), ("reasons", 0)]


def decision_row(decision: Decision) -> dict[str, Any]:
    row = decision.to_dict()
    if decision.facts.error:
        row["error"] = decision.facts.error
    return row


@click.command("decide")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--channel", "-c", type=click.Choice(CHANNELS), required=True, help="The channel asking.")
@click.option(
    "--recipient",
    "recipients",
    multiple=True,
    metavar="ADDRESS",
    help="Mail recipient (repeatable); used by recipients_outside conditions.",
)
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Policy file (default: rules/policy.yaml, or $REDACTOR_RULES/policy.yaml).",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format on stdout."
)
def command(
    paths: tuple[Path, ...], channel: str, recipients: tuple[str, ...], policy_path: str | None, fmt: str
) -> int:
    """Decide what to do with files or directories on a channel: allow, redact, quarantine or block.

    \b
    The decision comes from the first matching rule of the channel in the policy file; the
    output names the rule and the reasons (counts, types, roles, categories; never values).
    Files that cannot be read are decided too (facts unreadable/encrypted/too_large).
    Exit code 0 when every file is allowed, 1 when any needs another action.

    \b
    Examples:
      redactor decide outbox/ --channel watch
      redactor decide report.pdf --channel mail --recipient jdoe@example.com --format jsonl
      redactor decide foia/request-118/ --channel release --format json
      redactor decide memo.txt -c mail --policy my-policy.yaml
    """
    from redactor.pipeline import Pipeline

    pipeline = Pipeline(policy_path=policy_path)
    pipeline.policy.rules_for(channel)  # fail before the slow part if the channel has no rules
    actions: list[Action] = []

    def rows() -> Iterable[dict[str, Any]]:
        for decision in pipeline.assess_paths(iter_files(paths), channel, Facts(recipients=recipients)):
            actions.append(decision.action)
            if decision.facts.error:
                click.echo(f"error: {decision.facts.error}", err=True)
            yield decision_row(decision)

    emit(rows(), fmt, TABLE)
    counts = {a.value: actions.count(a) for a in Action if a in actions}
    click.echo(f"{len(actions)} files: " + ", ".join(f"{n} {a}" for a, n in counts.items()), err=True)
    sys.stdout.flush()
    return ExitCode.OK if all(a == Action.ALLOW for a in actions) else ExitCode.FINDINGS
