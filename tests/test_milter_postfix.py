"""The milter against a real Postfix (Debian package) on loopback: reject, pass, hold, tempfail.

One private Postfix instance (``tests/postfix/harness.py``) relays to a Python sink; the main
milter runs with ``tests/postfix/policy.yaml``. Kill, hang and timeout tests use a second milter
behind a second SMTP port so they never disturb the main one. Nothing here is skipped: without
Postfix or root the fixture fails with the reason.
"""

from __future__ import annotations

import signal
import smtplib
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path

import pytest

from redactor.channels.mailverdict import HEADER
from tests.postfix.client import Answer, send
from tests.postfix.harness import POSTFIX, Gateway, gateway
from tests.postfix.messages import (
    CLEAN,
    PARTNER,
    SSN_TEXT,
    STATEMENT,
    WITNESS_DOB,
    mail,
    marker,
    scanned_pdf,
    text_pdf,
    zip_bomb,
    zip_bytes,
)

POLICY = str(Path(__file__).parent / "postfix" / "policy.yaml")
SPARE_CONTENT_TIMEOUT = 5
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gw() -> Iterator[Gateway]:
    with gateway("--policy", POLICY, spare_content_timeout=SPARE_CONTENT_TIMEOUT) as running:
        yield running


def delivered(gw: Gateway, message: EmailMessage, timeout: float = 30.0) -> EmailMessage | None:
    return gw.sink.wait_for(marker(message), timeout)  # type: ignore[return-value]


def assert_rejected(answer: Answer, rule: str, kind: str) -> None:
    assert answer.code == 550, answer
    assert answer.text.startswith("5.7.1 "), answer
    assert rule in answer.text and kind in answer.text, answer
    assert "123-45-6789" not in answer.text and "Gonzalez" not in answer.text


def test_postfix_is_the_debian_package() -> None:
    version = subprocess.run(
        [POSTFIX.replace("postfix", "postconf"), "-h", "mail_version"], capture_output=True, text=True, check=True
    ).stdout
    assert version.startswith("3."), version


def test_clean_mail_is_delivered_with_a_verdict_header(gw: Gateway) -> None:
    message = mail("Training schedule", CLEAN)
    message[HEADER] = "allow; rule=FORGED"  # a sender cannot pre-approve its own mail
    assert send(gw.ports.smtp, message).accepted
    got = delivered(gw, message)
    assert got is not None, gw.postfix.log()[-2000:]
    verdicts = got.get_all(HEADER)
    assert verdicts is not None and len(verdicts) == 1
    assert verdicts[0].startswith("allow; rule=MAIL-DEFAULT"), verdicts


def test_ssn_in_body_is_rejected_550(gw: Gateway) -> None:
    message = mail("File update", SSN_TEXT)
    assert_rejected(send(gw.ports.smtp, message), "MAIL-SSN-INFORMANT", "US_SSN")
    assert delivered(gw, message, 1) is None


def test_ssn_in_subject_is_rejected(gw: Gateway) -> None:
    assert_rejected(send(gw.ports.smtp, mail("SSN 123-45-6789 as asked", CLEAN)), "MAIL-SSN-INFORMANT", "US_SSN")


def test_ssn_in_html_part_is_rejected(gw: Gateway) -> None:
    html = "<html><body><p>Subject <b>SSN</b>: 123-<span>45</span>-6789</p></body></html>"
    assert_rejected(send(gw.ports.smtp, mail("html", CLEAN, html=html)), "MAIL-SSN-INFORMANT", "US_SSN")


def test_ssn_inside_pdf_attachment_is_rejected(gw: Gateway) -> None:
    pdf = text_pdf(["Case summary page one.", SSN_TEXT])
    message = mail("Case summary", CLEAN, attachments=(("summary.pdf", pdf, "application/pdf"),))
    assert_rejected(send(gw.ports.smtp, message), "MAIL-SSN-INFORMANT", "US_SSN")


def test_witness_name_and_dob_in_scanned_pdf_are_rejected(gw: Gateway) -> None:
    pdf = scanned_pdf(WITNESS_DOB)
    message = mail("Statement", CLEAN, attachments=(("statement-scan.pdf", pdf, "application/pdf"),))
    assert_rejected(send(gw.ports.smtp, message), "MAIL-WITNESS-ID", "DATE_OF_BIRTH")


def test_ssn_in_zip_inside_attached_message_is_rejected(gw: Gateway) -> None:
    inner = mail(
        "fwd", CLEAN, attachments=(("files.zip", zip_bytes({"notes/a.txt": SSN_TEXT.encode()}), "application/zip"),)
    )
    message = mail("Forwarding", CLEAN, attachments=(("original.eml", inner.as_bytes(), "message/rfc822"),))
    assert_rejected(send(gw.ports.smtp, message), "MAIL-SSN-INFORMANT", "US_SSN")


def test_clean_nested_message_and_zip_are_delivered(gw: Gateway) -> None:
    inner = mail("fwd", CLEAN, attachments=(("files.zip", zip_bytes({"a.txt": CLEAN.encode()}), "application/zip"),))
    message = mail("Forwarding", CLEAN, attachments=(("original.eml", inner.as_bytes(), "message/rfc822"),))
    assert send(gw.ports.smtp, message).accepted
    assert delivered(gw, message) is not None


def test_zip_bomb_is_refused(gw: Gateway) -> None:
    message = mail("Archive", CLEAN, attachments=(("logs.zip", zip_bomb(), "application/zip"),))
    answer = send(gw.ports.smtp, message)
    assert_rejected(answer, "MAIL-TOO-LARGE", "too large")
    assert delivered(gw, message, 1) is None


def test_confidential_record_is_held_for_outside_recipient(gw: Gateway) -> None:
    message = mail("Statement", STATEMENT)
    assert send(gw.ports.smtp, message).accepted  # accepted into the hold queue, not delivered
    held = _wait_held(gw, marker(message))
    assert held is not None, gw.postfix.log()[-2000:]
    assert delivered(gw, message, 2) is None
    queue_file = subprocess.run(
        ["/usr/sbin/postcat", "-c", str(gw.postfix.config), "-q", str(held["queue_id"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"{HEADER}: quarantine; rule=MAIL-CONFIDENTIAL-EXTERNAL" in queue_file
    assert "milter-hold: END-OF-MESSAGE" in gw.postfix.log()


def test_partner_agency_may_receive_confidential(gw: Gateway) -> None:
    message = mail("Statement", STATEMENT, to=PARTNER)
    assert send(gw.ports.smtp, message).accepted
    got = delivered(gw, message)
    assert got is not None
    assert str(got[HEADER]).startswith("allow; rule=MAIL-DEFAULT; level=CONFIDENTIAL")


def test_concurrent_clients_get_their_own_verdicts(gw: Gateway) -> None:
    messages = [mail(f"clean {i}", CLEAN) if i % 2 else mail(f"ssn {i}", SSN_TEXT) for i in range(8)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda m: send(gw.ports.smtp, m), messages))
    for i, answer in enumerate(answers):
        assert answer.accepted if i % 2 else answer.code == 550, (i, answer)


def _wait_held(gw: Gateway, marker_text: str, timeout: float = 20.0) -> dict[str, object] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for item in gw.postfix.held():
            queue_file = subprocess.run(
                ["/usr/sbin/postcat", "-c", str(gw.postfix.config), "-hq", str(item["queue_id"])],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if marker_text in queue_file:
                return item
        time.sleep(0.3)
    return None


# -- fail closed: the spare milter behind the spare port ---------------------------------------


def test_milter_killed_means_4xx(gw: Gateway) -> None:
    spare = gw.spare_milter("--policy", POLICY)
    spare.start()
    try:
        assert send(gw.ports.spare, mail("before kill", CLEAN)).accepted
        spare.signal(signal.SIGKILL)
        spare.proc.wait(10)  # type: ignore[union-attr]
        message = mail("after kill", CLEAN)
        answer = send(gw.ports.spare, message)
        assert 400 <= answer.code < 500, answer
        assert delivered(gw, message, 1) is None
    finally:
        spare.stop()


def test_milter_hang_means_4xx_after_the_timeout(gw: Gateway) -> None:
    spare = gw.spare_milter("--policy", POLICY)
    spare.start()
    try:
        message = mail("during hang", CLEAN)
        with smtplib.SMTP("127.0.0.1", gw.ports.spare, timeout=60) as client:
            client.ehlo()  # Postfix has connected to the milter and negotiated by now
            spare.signal(signal.SIGSTOP)
            started = time.monotonic()
            answer = send(gw.ports.spare, message, smtp=client)
        waited = time.monotonic() - started
        assert 400 <= answer.code < 500, answer
        assert waited >= SPARE_CONTENT_TIMEOUT - 1, waited
        assert waited < SPARE_CONTENT_TIMEOUT + 15, waited
        assert delivered(gw, message, 1) is None
    finally:
        spare.stop()


def test_scan_over_budget_means_451(gw: Gateway) -> None:
    spare = gw.spare_milter("--policy", POLICY, "--scan-timeout", "0.001")
    spare.start()
    try:
        pdf = text_pdf(["page"] * 3)
        message = mail("slow", CLEAN, attachments=(("r.pdf", pdf, "application/pdf"),))
        answer = send(gw.ports.spare, message)
        assert answer.code == 451 and answer.text.startswith("4.7.1 content scan timed out"), answer
        assert delivered(gw, message, 1) is None
    finally:
        spare.stop()


def test_postfix_settings_under_test(gw: Gateway) -> None:
    done = subprocess.run(
        ["/usr/sbin/postconf", "-c", str(gw.postfix.config), "-h", "milter_default_action"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "tempfail"
