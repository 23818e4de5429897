"""``redactor audit verify``: check a hash-chained audit log (see ``redactor.audit``)."""

from __future__ import annotations

from pathlib import Path

import click

from redactor.errors import ExitCode


@click.group("audit")
def command() -> None:
    """Work with audit logs (JSON lines, each entry chained to the one before by its hash)."""


@command.command("verify")
@click.argument("log", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--head",
    default=None,
    metavar="HASH",
    help="The last entry's hash recorded elsewhere earlier; detects lines removed from the end.",
)
def verify(log: Path, head: str | None) -> int:
    """Check that no line of LOG was edited, removed or reordered.

    \b
    Prints 'ok: N entries, head HASH' and exits 0, or lists each problem by line number and
    exits 4. Keep the printed head hash somewhere else (a ticket, another machine) and pass it
    back with --head to detect lines cut off the end as well.

    \b
    Examples:
      redactor audit verify /srv/held/.redactor-watch/audit.jsonl
      redactor audit verify audit.jsonl --head 3f5a...e9
    """
    from redactor.audit import verify as check

    result = check(log, head)
    for problem in result.problems:
        click.echo(f"{log}: {problem}", err=True)
    if not result.ok:
        click.echo(f"FAILED: {len(result.problems)} problems in {result.entries} entries", err=True)
        return ExitCode.VERIFY_FAILED
    click.echo(f"ok: {result.entries} entries, head {result.head}")
    return ExitCode.OK
