"""``redactor redact``: truly redacted, sanitized, verified PDFs plus a redaction log."""

from __future__ import annotations

from pathlib import Path

import click

from redactor.redact.options import (
    config_options,
    load_releaser,
    make_options,
    path_arg,
    policy_options,
    release_options,
    report,
)


@click.command("redact")
@path_arg("source")
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Output PDF (for one input file) or directory (for a directory of PDFs).",
)
@click.option(
    "--consistent",
    is_flag=True,
    help="Redact every redacted person's name in all documents of the set, not only where found.",
)
@click.option("--search", multiple=True, metavar="TEXT", help="Also redact every mention of TEXT (repeatable).")
@config_options
@click.option(
    "--save-plan",
    type=click.Path(path_type=Path),
    default=None,
    help="Also write the plan that was applied (for the case file).",
)
@release_options
@policy_options
def command(
    source: Path,
    out: Path,
    consistent: bool,
    search: tuple[str, ...],
    exemptions_path: str | None,
    rules_dir: str | None,
    save_plan: Path | None,
    policy_path: str | None,
    no_policy: bool,
    **appearance: object,
) -> int:
    """Redact PDFs for release: plan with the exemption defaults, then apply.

    \b
    Text under each box is removed from the content stream, image pixels are blanked, vector
    graphics under a box are removed; scanned pages are OCR'd with Tesseract. Every output is
    sanitized (metadata, bookmarks, annotations, form fields, attachments, JavaScript, links,
    thumbnails, hidden text), saved as one full revision, then reopened and verified with
    pdftotext, PyMuPDF, a raw stream scan, OCR and a re-run of detection. Only verified files
    reach OUT, each with NAME.redactions.csv and NAME.redactions.json (a Vaughn index). A file
    that fails verification is kept aside in OUT/.failed/ and the exit code is 4.

    \b
    Examples:
      redactor redact report.pdf -o released/report.pdf
      redactor redact case-1234/ -o release-1234/ --consistent --bates-prefix PD-1234-
      redactor redact scan.pdf -o out.pdf --search "Maria Diaz" --no-labels --color white
    """
    options = make_options(**appearance)  # type: ignore[arg-type]
    from redactor.redact.release import redact

    releaser = load_releaser(exemptions_path, options, rules_dir, policy_path, use_policy=not no_policy)
    return report(redact(releaser, source, out, consistent=consistent, search=search, plan_out=save_plan))
