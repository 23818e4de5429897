"""``redactor plan``: propose redactions for review, as an editable plan.json."""

from __future__ import annotations

from pathlib import Path

import click

from redactor.errors import ExitCode
from redactor.redact.options import (
    config_options,
    load_releaser,
    make_options,
    path_arg,
    policy_options,
    release_options,
)


@click.command("plan")
@path_arg("source")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True, help="The plan file to write.")
@click.option("--consistent", is_flag=True, help="Redact each redacted person's name in all documents of the set.")
@click.option("--search", multiple=True, metavar="TEXT", help="Add a search term: redact every mention of TEXT.")
@click.option("--search-exemption", default=None, help="Exemption for --search terms (default: the PERSON default).")
@config_options
@release_options
@policy_options
def command(
    source: Path,
    out: Path,
    consistent: bool,
    search: tuple[str, ...],
    search_exemption: str | None,
    exemptions_path: str | None,
    rules_dir: str | None,
    policy_path: str | None,
    no_policy: bool,
    **appearance: object,
) -> int:
    """Write a redaction plan for a PDF or a directory of PDFs, for review before `apply`.

    \b
    The plan lists every proposed redaction: id, page, boxes (PDF points, unrotated page
    coordinates), type, role, exemption, reason, masked value and accepted (true when the
    exemption mapping redacts it by default; false for e.g. officer names, which you may switch
    on). Edit it, then run `redactor apply`. You can:
      - reject a redaction:            "accepted": false
      - change an exemption:           "exemption": "(b)(7)(D)"
      - add a manual box:              {"page": 2, "boxes": [[72, 100, 200, 114]], "exemption": "(b)(6)"}
      - redact every mention of text:  "search_terms": [{"text": "Diaz", "exemption": "(b)(6)"}]
      - withhold pages in full:        "withheld": [{"pages": [3, 4], "exemption": "(b)(7)(C)"}]
    The plan holds masked values only (search terms are stored as you typed them). It is bound
    to the input by SHA-256; `apply` refuses a changed input.

    \b
    Examples:
      redactor plan report.pdf -o report.plan.json
      redactor plan case-1234/ -o case-1234.plan.json --consistent --bates-prefix PD-1234-
      redactor plan report.pdf -o plan.json --search "Maria Diaz" --search-exemption "(b)(7)(D)"
    """
    options = make_options(**appearance)  # type: ignore[arg-type]
    from redactor.redact.plan import save_plan

    releaser = load_releaser(exemptions_path, options, rules_dir, policy_path, use_policy=not no_policy)
    plan, errors, _ = releaser.plan(source, consistent=consistent, search=search, search_exemption=search_exemption)
    save_plan(plan, out)
    for outcome in errors:
        click.echo(f"error: {outcome.error}", err=True)
    total = sum(len(d.redactions) for d in plan.documents)
    accepted = sum(e.accepted for d in plan.documents for e in d.redactions)
    click.echo(
        f"{out}: {len(plan.documents)} documents, {total} proposed redactions ({accepted} accepted), "
        f"{len(errors)} unreadable",
        err=True,
    )
    return int(ExitCode.INPUT_ERROR if errors else ExitCode.OK)
