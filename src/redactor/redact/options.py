"""Click options shared by ``redactor redact``, ``plan`` and ``apply``, and the summary printer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from redactor.errors import ExitCode
from redactor.redact.plan import GRAPHICS, Options, parse_color
from redactor.redact.release import Outcome, exit_code


def release_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Appearance options (stored in the plan, so ``apply`` uses what the plan says)."""
    decorators = [
        click.option("--color", default="black", show_default=True, help="Box colour: black, white, gray or #RRGGBB."),
        click.option(
            "--labels/--no-labels", default=True, show_default=True, help="Print the exemption code inside each box."
        ),
        click.option(
            "--graphics",
            type=click.Choice(GRAPHICS),
            default="covered",
            show_default=True,
            help="Vector graphics under a box: removed when covered, when touched, or kept.",
        ),
        click.option("--bates-prefix", default=None, help="Stamp Bates numbers PREFIX000001... on every page."),
        click.option(
            "--bates-start",
            type=click.IntRange(0),
            default=1,
            show_default=True,
            help="First Bates number (numbering continues across the files of a directory).",
        ),
        click.option("--bates-digits", type=click.IntRange(1, 12), default=6, show_default=True),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def config_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Which exemption mapping and detection rules to use (both stop the program when broken)."""
    decorators = [
        click.option(
            "--exemptions",
            "exemptions_path",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Exemption mapping (default: rules/exemptions.yaml).",
        ),
        click.option(
            "--rules",
            "rules_dir",
            type=click.Path(exists=True, file_okay=False),
            default=None,
            help="Detection rules directory (default: the bundled rules/, or $REDACTOR_RULES).",
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def policy_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Which policy decides each whole document before boxes are planned (channel ``release``)."""
    decorators = [
        click.option(
            "--policy",
            "policy_path",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Policy file (default: rules/policy.yaml). Its release channel may withhold a "
            "document in full (block) or hold it back for review (quarantine, exit code 5).",
        ),
        click.option(
            "--no-policy", is_flag=True, help="Skip the document-level policy; redact every document box by box."
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def make_options(
    color: str, labels: bool, graphics: str, bates_prefix: str | None, bates_start: int, bates_digits: int
) -> Options:
    parse_color(color)
    return Options(
        color=color,
        labels=labels,
        graphics=graphics,
        bates_prefix=bates_prefix or None,
        bates_start=bates_start,
        bates_digits=bates_digits,
    )


def load_releaser(
    exemptions_path: str | None,
    options: Options | None,
    rules_dir: str | None,
    policy_path: str | None = None,
    use_policy: bool = False,
) -> Any:
    from redactor.redact.exemptions import load_exemptions
    from redactor.redact.gate import ReleaseGate
    from redactor.redact.release import Releaser
    from redactor.rules import load_rules

    exemptions = load_exemptions(exemptions_path)
    rules = load_rules(rules_dir)
    gate = None
    if use_policy:
        from redactor.policy import load_policy

        load_policy(policy_path)  # a broken policy stops the program before any work
        gate = ReleaseGate(exemptions, policy_path)

    def factory() -> Any:
        from redactor.detect.engine import Engine

        return Engine(rules)

    return Releaser(exemptions=exemptions, options=options, engine_factory=factory, gate=gate)


def report(outcomes: Sequence[Outcome]) -> int:
    released = failed = held = errors = boxes = 0
    for o in outcomes:
        if o.exit_code == ExitCode.OK:
            released += 1
            boxes += o.boxes
            for note in o.review:
                click.echo(f"  review: {note}", err=True)
            click.echo(
                f"released {o.output} ({o.pages} pages, {o.boxes} boxes"
                + (f", {o.ocr_pages} OCR pages" if o.ocr_pages else "")
                + ")"
            )
        elif o.exit_code == ExitCode.VERIFY_FAILED:
            failed += 1
            click.echo(f"error: {o.error}", err=True)
            for problem in o.problems[:20]:
                click.echo(f"  {problem}", err=True)
            if len(o.problems) > 20:
                click.echo(f"  ... {len(o.problems) - 20} more in the .verification.json", err=True)
        elif o.exit_code == ExitCode.HELD_FOR_REVIEW:
            held += 1
            click.echo(f"held: {o.error}", err=True)
        else:
            errors += 1
            click.echo(f"error: {o.error}", err=True)
    click.echo(
        f"{released} released, {failed} failed verification, {held} held for review, {errors} unreadable; "
        f"{boxes} boxes",
        err=True,
    )
    return int(exit_code(outcomes))


def path_arg(name: str, **kwargs: Any) -> Callable[..., Any]:
    return click.argument(name, type=click.Path(exists=True, path_type=Path), **kwargs)
