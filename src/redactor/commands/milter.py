"""``redactor milter``: the mail gateway (Sendmail milter protocol) for Postfix and Sendmail."""

from __future__ import annotations

import logging

import click

from redactor.channels.mailscan import MAX_MESSAGE_BYTES, SCAN_TIMEOUT_S

WARMUP = b"From: warmup@localhost\r\nTo: warmup@localhost\r\nSubject: warm-up\r\n\r\nThe model is loaded.\r\n"


@click.command("milter")
@click.option(
    "--listen",
    required=True,
    metavar="HOST:PORT",
    help="Where Postfix connects (smtpd_milters = inet:HOST:PORT); or unix:/path/to/socket.",
)
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Policy file (default: rules/policy.yaml, or $REDACTOR_RULES/policy.yaml); its 'mail' channel decides.",
)
@click.option(
    "--max-message-size",
    type=click.IntRange(1024),
    default=MAX_MESSAGE_BYTES,
    show_default=True,
    metavar="BYTES",
    help="Larger messages are not buffered; the policy decides them as 'too_large'.",
)
@click.option(
    "--scan-timeout",
    type=click.FloatRange(0.001),
    default=SCAN_TIMEOUT_S,
    show_default=True,
    metavar="SECONDS",
    help="Time budget per message, queueing included; past it: 451 4.7.1 (tempfail).",
)
def command(listen: str, policy_path: str | None, max_message_size: int, scan_timeout: float) -> None:
    """Scan outgoing mail and reject, hold or pass it by the policy's 'mail' channel.

    \b
    Speaks the Sendmail milter protocol (libmilter via pymilter). For each message the headers,
    every text and HTML part and every attachment (PDF incl. scanned, office files, .eml, .zip,
    ...) are scanned; the policy then decides:
      block       -> 550 5.7.1 message blocked (1 US_SSN); see policy MAIL-SSN-INFORMANT
      quarantine  -> Postfix hold queue (redact too: the gateway does not rewrite mail)
      allow       -> delivered
    Held and delivered mail carry an X-Redactor-Verdict header (rule, level, counts; no values).
    Any internal error or a scan past --scan-timeout answers 451 4.7.1: mail is never passed
    unscanned. The model is loaded once before listening; SIGTERM stops it.

    \b
    Postfix (main.cf):
      smtpd_milters = inet:127.0.0.1:8899
      non_smtpd_milters = $smtpd_milters
      milter_default_action = tempfail      # milter down or hung: defer, never pass
      milter_content_timeout = 60s          # must exceed --scan-timeout
      milter_protocol = 6

    \b
    Examples:
      redactor milter --listen 127.0.0.1:8899
      redactor milter --listen 127.0.0.1:8899 --policy /etc/redactor/policy.yaml --scan-timeout 30
      redactor -v milter --listen unix:/var/spool/postfix/redactor/milter.sock
    """
    from redactor.channels.mailscan import MailScanner, MessageBuffer
    from redactor.channels.milter import serve, socket_spec
    from redactor.pipeline import Pipeline

    try:
        socket_spec(listen)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--listen") from None
    channel_log = logging.getLogger("redactor.channels")
    if channel_log.getEffectiveLevel() > logging.INFO:
        channel_log.setLevel(logging.INFO)
    pipeline = Pipeline(policy_path=policy_path)
    pipeline.policy.rules_for("mail")  # a policy without a mail channel stops here
    scanner = MailScanner(pipeline, timeout=scan_timeout)
    warmup = MessageBuffer(max_message_size)
    warmup.write(WARMUP)
    scanner.scan(warmup, ("warmup@localhost",), timeout=max(scan_timeout, 300.0))  # load the model now
    click.echo(f"redactor milter: listening on {listen}", err=True)
    serve(listen, scanner, max_bytes=max_message_size)
