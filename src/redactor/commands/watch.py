"""``redactor watch``: the outbox watcher daemon (see ``redactor.channels.watch``)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from redactor import yamlfile
from redactor.errors import ConfigError, ExitCode

# Config-file keys: the long option names with '-' or '_' (and 'inbox' for the argument).
CONFIG_KEYS = {
    "inbox": str,
    "release": str,
    "quarantine": str,
    "blocked": str,
    "policy": str,
    "polling": bool,
    "poll_interval": (int, float),
    "workers": int,
    "settle": (int, float),
    "rescan": (int, float),
    "timeout": (int, float),
    "grace": (int, float),
    "state": str,
    "originals": str,
    "audit_log": str,
    "alert_command": str,
    "ignore": list,
}


def _load_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    root = yamlfile.mapping(yamlfile.load(value), value, 1, "the config file")
    defaults: dict[str, Any] = {}
    for raw_key in root:
        key = raw_key.replace("-", "_")
        if key not in CONFIG_KEYS:
            raise root.fail(f"unknown key '{raw_key}' (allowed: {', '.join(CONFIG_KEYS)})", raw_key)
        kind = CONFIG_KEYS[key]
        item = root[raw_key]
        if not isinstance(item, kind) or (kind is not bool and isinstance(item, bool)):
            raise root.fail(f"'{raw_key}' has the wrong type", raw_key)
        if key == "ignore" and not all(isinstance(p, str) for p in item):
            raise root.fail("'ignore' must be a list of file name patterns", raw_key)
        defaults[key] = item
    ctx.default_map = {**(ctx.default_map or {}), **defaults}
    return value


FOLDER = click.Path(file_okay=False, path_type=Path)


@click.command("watch")
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    callback=_load_config,
    is_eager=True,
    expose_value=False,
    help="YAML file with any of these options (e.g. 'release: /srv/out'); options given here win.",
)
@click.argument("inbox", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--release", required=True, type=FOLDER, help="Where allowed and redacted documents go.")
@click.option("--quarantine", required=True, type=FOLDER, help="Held for review (owner-only), with a sidecar JSON.")
@click.option("--blocked", required=True, type=FOLDER, help="Blocked documents (owner-only), with a sidecar JSON.")
@click.option(
    "--policy",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Policy file (default: rules/policy.yaml, or $REDACTOR_RULES/policy.yaml); its 'watch' channel decides.",
)
@click.option("--polling", is_flag=True, help="Poll the inbox (SMB/NFS shares send no file events).")
@click.option("--poll-interval", type=click.FloatRange(0.1), default=1.0, show_default=True, metavar="SECONDS")
@click.option(
    "--workers", type=click.IntRange(1, 64), default=2, show_default=True, help="Worker processes (one model each)."
)
@click.option(
    "--settle",
    type=click.FloatRange(0.0),
    default=2.0,
    show_default=True,
    metavar="SECONDS",
    help="A file is complete when size and mtime have not changed for this long.",
)
@click.option(
    "--rescan",
    type=click.FloatRange(0.5),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Full inbox rescan period.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1.0),
    default=300.0,
    show_default=True,
    metavar="SECONDS",
    help="Per-document time limit; past it the document is quarantined.",
)
@click.option(
    "--grace",
    type=click.FloatRange(0.0),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="On SIGTERM/SIGINT, how long in-flight documents may finish (the rest is redone on the next start).",
)
@click.option(
    "--state", type=FOLDER, default=None, help="Journal, work area, audit log [default: QUARANTINE/.redactor-watch]."
)
@click.option(
    "--originals", type=FOLDER, default=None, help="Archive of released originals [default: STATE/originals]."
)
@click.option(
    "--audit-log", type=click.Path(dir_okay=False, path_type=Path), default=None, help="[default: STATE/audit.jsonl]"
)
@click.option(
    "--alert-command",
    default=None,
    metavar="CMD",
    help="Run for every blocked document, with its sidecar path as last argument.",
)
@click.option("--ignore", multiple=True, metavar="PATTERN", help="More file name patterns to ignore (repeatable).")
def command(inbox: Path | None, **options: Any) -> int:
    """Watch INBOX: every file dropped there is released, released redacted, quarantined or blocked.

    \b
    The policy's 'watch' channel decides each file (recursively, once, when complete):
      allow       -> copied unchanged to --release (original kept in --originals)
      redact      -> the verified redacted PDF plus its redaction log to --release
      quarantine  -> moved to --quarantine with NAME.decision.json (decision and reasons; no values)
      block       -> moved to --blocked with its sidecar; an ALERT line and --alert-command
    Anything that fails (unreadable or unsupported file, redaction of a non-PDF, verification,
    timeout, crash) is quarantined with the reason. A journal makes every file done exactly once
    across crashes; every decision is appended to a hash-chained audit log
    (check it with 'redactor audit verify'). Write large files as NAME.part and rename when done.

    \b
    Examples:
      redactor watch outbox/ --release public/ --quarantine held/ --blocked blocked/
      redactor watch /mnt/share/out --polling --release /srv/pub --quarantine /srv/q --blocked /srv/b
      redactor watch --config /etc/redactor/watch.yaml
      redactor watch outbox/ --release r/ --quarantine q/ --blocked b/ --alert-command "/usr/local/bin/notify-dpo"
    """
    from redactor.channels.watch import Config, Watcher

    if inbox is None:
        inbox = Path(click.get_current_context().lookup_default("inbox") or "")
        if not str(inbox) or str(inbox) == ".":
            raise click.UsageError("missing INBOX (argument or 'inbox:' in --config)")
    channel_log = logging.getLogger("redactor.channels")
    if channel_log.getEffectiveLevel() > logging.INFO:
        channel_log.setLevel(logging.INFO)
    paths = {
        k: Path(v) if isinstance(v, str) else v for k, v in options.items() if k in ("state", "originals", "audit_log")
    }
    try:
        config = Config(inbox=inbox, **{**options, **paths, "ignore": tuple(options["ignore"])})
    except TypeError as exc:
        raise ConfigError(f"invalid watch configuration ({exc})") from None
    Watcher(config).run()
    return ExitCode.OK
