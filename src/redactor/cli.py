"""The ``redactor`` command. Subcommands live in ``redactor.commands.*``; this module only wires
them together and maps exceptions to exit codes (tracebacks only with ``-v``)."""

from __future__ import annotations

import importlib
import logging
import sys
import traceback

import click

from redactor.errors import ExitCode, RedactorError

# Each module defines one click command (or group) named ``command``.
COMMAND_MODULES = [
    "redactor.commands.scan",
    "redactor.commands.redact",
    "redactor.commands.plan",
    "redactor.commands.apply",
    "redactor.commands.classify",
    "redactor.commands.decide",
    "redactor.commands.policy",
    "redactor.commands.milter",
    "redactor.commands.watch",
    "redactor.commands.audit",
]

EPILOG = """\b
Exit codes:
  0  ran; nothing found (or every output verified)
  1  ran; personal data found
  2  usage error, or an input file could not be read
  3  a rules or policy file is invalid, or the NLP model is missing
  4  an output failed verification and was kept aside
  5  the policy held a document back for review (nothing released for it)
  10 internal error (run with -v and report the traceback)
"""


class LazyGroup(click.Group):
    """Imports a subcommand's module only when it runs (some pull in spaCy, ~3 s)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name.rsplit(".", 1)[1] for name in COMMAND_MODULES]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for name in COMMAND_MODULES:
            if name.rsplit(".", 1)[1] == cmd_name:
                command: click.Command = importlib.import_module(name).command
                return command
        return None


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output on stderr; -v also shows tracebacks.")
@click.version_option(package_name="redactor")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """Find personal data in police and legal records and release them safely.

    \b
    Examples:
      redactor scan samples/                      # table of findings
      redactor scan report.pdf --format jsonl     # one JSON object per finding
      redactor scan share/ --jobs 2 --format csv > findings.csv
    """
    logging.basicConfig(
        level=logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    ctx.obj = {"verbose": verbose}


def main() -> None:
    verbose = any(a in ("-v", "-vv", "--verbose") for a in sys.argv[1:])
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        code = ExitCode.INPUT_ERROR
    except click.ClickException as exc:
        exc.show()
        code = ExitCode.INPUT_ERROR
    except RedactorError as exc:
        click.echo(f"error: {exc}", err=True)
        if verbose:
            traceback.print_exc()
        code = exc.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        code = 130
    except Exception as exc:  # a bug: never print document content, only the type
        click.echo(f"internal error: {type(exc).__name__} (run with -v for the traceback)", err=True)
        if verbose:
            traceback.print_exc()
        code = ExitCode.INTERNAL_ERROR
    sys.exit(int(code or 0))
