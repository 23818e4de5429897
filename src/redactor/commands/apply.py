"""``redactor apply``: produce exactly what a reviewed plan says."""

from __future__ import annotations

from pathlib import Path

import click

from redactor.redact.options import config_options, load_releaser, path_arg, report


@click.command("apply")
@path_arg("source")
@click.argument("plan_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Output PDF (one input file) or directory (a directory of PDFs).",
)
@config_options
def command(source: Path, plan_file: Path, out: Path, exemptions_path: str | None, rules_dir: str | None) -> int:
    """Apply a reviewed plan (from `redactor plan`) to the same input.

    \b
    Accepted redactions, search terms and withheld pages are applied; box colour, labels and
    Bates numbering come from the plan's options. Each output is sanitized and verified like
    `redactor redact`; verification also re-runs detection and fails on any finding the
    exemption mapping says must be redacted, unless the plan explicitly rejected that value.

    \b
    Examples:
      redactor plan report.pdf -o plan.json && $EDITOR plan.json
      redactor apply report.pdf plan.json -o released/report.pdf
      redactor apply case-1234/ case-1234.plan.json -o release-1234/
    """
    from redactor.redact.plan import load_plan

    plan = load_plan(plan_file)
    releaser = load_releaser(exemptions_path, plan.options, rules_dir)
    return report(releaser.apply(plan, source, out))
