"""The mail gateway's parts without Postfix: verdict texts, the bounded buffer, the scan worker."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.channels.mailscan import MailScanner, MessageBuffer, ScanTimeout
from redactor.channels.mailverdict import Disposition, clean, tempfail, verdict_for
from redactor.channels.milter import socket_spec
from redactor.cli import cli
from redactor.detect.engine import Engine
from redactor.model import Document, Finding
from redactor.pipeline import Pipeline
from redactor.policy import Action, Facts, load_policy
from tests.postfix.messages import CLEAN, SSN_TEXT, STATEMENT, mail, zip_bomb

POLICY = Path(__file__).parent / "postfix" / "policy.yaml"


class SlowEngine:
    """The real engine, after a pause (a scan that overruns its budget)."""

    def __init__(self, engine: Engine, pause: float) -> None:
        self.engine, self.pause = engine, pause

    def analyze(self, document: Document) -> list[Finding]:
        time.sleep(self.pause)
        return self.engine.analyze(document)

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Finding]]]:
        time.sleep(self.pause)
        return self.engine.analyze_many(documents)


class BrokenEngine:
    def analyze(self, document: Document) -> list[Finding]:
        raise RuntimeError("boom")

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Finding]]]:
        raise RuntimeError("boom")


def buffer_of(raw: bytes, max_bytes: int = 1024 * 1024) -> MessageBuffer:
    buffer = MessageBuffer(max_bytes, spool_bytes=1024)
    for i in range(0, len(raw), 700):
        buffer.write(raw[i : i + 700])
    return buffer


@pytest.fixture(scope="module")
def scanner(engine: Engine) -> Iterator[MailScanner]:
    running = MailScanner(Pipeline(engine=engine, policy=load_policy(POLICY)), timeout=60)
    yield running
    running.close()


def test_ssn_message_is_blocked_with_a_reply_free_of_values(scanner: MailScanner) -> None:
    decision = scanner.scan(buffer_of(mail("x", SSN_TEXT).as_bytes()), ("a@example.com",))
    verdict = verdict_for(decision)
    assert verdict.disposition == Disposition.REJECT and (verdict.code, verdict.xcode) == ("550", "5.7.1")
    assert verdict.text == "message blocked (1 US_SSN); see policy MAIL-SSN-INFORMANT"
    assert "6789" not in verdict.text + verdict.header


def test_recipients_reach_the_policy(scanner: MailScanner) -> None:
    outside = scanner.scan(buffer_of(mail("x", STATEMENT).as_bytes()), ("a@example.com",))
    partner = scanner.scan(buffer_of(mail("x", STATEMENT).as_bytes()), ("a@partner.example.org",))
    assert outside.action == Action.QUARANTINE and partner.action == Action.ALLOW
    assert verdict_for(outside).disposition == Disposition.HOLD


def test_too_large_message_is_decided_by_policy_without_keeping_the_bytes(scanner: MailScanner) -> None:
    buffer = buffer_of(mail("x", CLEAN * 200).as_bytes(), max_bytes=4096)
    assert buffer.too_large and buffer.size > 4096
    decision = scanner.scan(buffer, ("a@example.com",))
    assert decision.facts.too_large and decision.rule == "MAIL-TOO-LARGE"


def test_archive_bomb_is_too_large(scanner: MailScanner) -> None:
    raw = mail("x", CLEAN, attachments=(("b.zip", zip_bomb(16 * 1024 * 1024), "application/zip"),)).as_bytes()
    decision = scanner.scan(buffer_of(raw, 8 * 1024 * 1024), ())
    assert decision.action == Action.BLOCK and decision.facts.too_large


def test_unreadable_attachment_is_a_fact(scanner: MailScanner) -> None:
    raw = mail("x", CLEAN, attachments=(("tool.bin", b"\x7fELF" + b"\0" * 64, "application/octet-stream"),)).as_bytes()
    decision = scanner.scan(buffer_of(raw), ("a@example.com",))
    assert decision.facts.unreadable and decision.action == Action.QUARANTINE


def test_concurrent_scans_each_get_their_own_decision(scanner: MailScanner) -> None:
    results: dict[int, Action] = {}

    def one(i: int) -> None:
        raw = mail(str(i), SSN_TEXT if i % 2 else CLEAN).as_bytes()
        results[i] = scanner.scan(buffer_of(raw), ("a@example.com",)).action

    threads = [threading.Thread(target=one, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {i: Action.BLOCK if i % 2 else Action.ALLOW for i in range(12)}


def test_scan_past_budget_times_out_and_the_worker_recovers(engine: Engine) -> None:
    slow = MailScanner(Pipeline(engine=SlowEngine(engine, 0.5), policy=load_policy(POLICY)), timeout=0.1)  # type: ignore[arg-type]
    try:
        with pytest.raises(ScanTimeout):
            slow.scan(buffer_of(mail("x", CLEAN).as_bytes()), ())
        assert slow.scan(buffer_of(mail("x", CLEAN).as_bytes()), (), timeout=10).action == Action.ALLOW
    finally:
        slow.close()


def test_engine_failure_raises_to_the_caller(engine: Engine) -> None:
    broken = MailScanner(Pipeline(engine=BrokenEngine(), policy=load_policy(POLICY)), timeout=10)  # type: ignore[arg-type]
    try:
        with pytest.raises(RuntimeError):
            broken.scan(buffer_of(mail("x", CLEAN).as_bytes()), ())
    finally:
        broken.close()


def test_buffer_spools_to_disk_and_caps_memory() -> None:
    buffer = buffer_of(b"x" * 10_000, max_bytes=5_000)
    assert buffer.size == 10_000 and buffer.too_large and len(buffer.read()) == 5_000
    buffer.close()


def test_texts_are_short_printable_and_percent_free() -> None:
    assert clean("a%b\r\nc\u00e9 d") == "a?b c? d"
    assert len(clean("x" * 1000)) == 180
    verdict = tempfail("content scan timed out")
    assert (verdict.code, verdict.xcode, verdict.text) == ("451", "4.7.1", "content scan timed out; try again later")


def test_header_names_rule_level_and_counts_only(scanner: MailScanner) -> None:
    decision = scanner.scan(buffer_of(mail("x", CLEAN).as_bytes()), ("a@police.example.gov",))
    verdict = verdict_for(decision)
    assert verdict.disposition == Disposition.ACCEPT
    assert verdict.header.startswith("allow; rule=MAIL-DEFAULT; level=")
    assert decision.facts == Facts(recipients=("a@police.example.gov",))


@pytest.mark.parametrize(
    ("listen", "spec"),
    [
        ("127.0.0.1:8899", "inet:8899@127.0.0.1"),
        ("[::1]:8899", "inet6:8899@::1"),
        ("unix:/run/m.sock", "unix:/run/m.sock"),
    ],
)
def test_socket_spec(listen: str, spec: str) -> None:
    assert socket_spec(listen) == spec


def test_bad_listen_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["milter", "--listen", "8899"])
    assert result.exit_code != 0 and "HOST:PORT" in result.output


def test_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["milter", "--help"])
    assert result.exit_code == 0 and "redactor milter --listen 127.0.0.1:8899" in result.output
