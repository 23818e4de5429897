"""Sending through Postfix with smtplib and reading the SMTP answer, whatever stage it came at."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class Answer:
    code: int
    text: str

    @property
    def accepted(self) -> bool:
        return 200 <= self.code < 300


def send(port: int, message: EmailMessage, timeout: float = 60.0, smtp: smtplib.SMTP | None = None) -> Answer:
    """Send one message to 127.0.0.1:port; the server's final answer (250 on acceptance)."""
    try:
        if smtp is not None:
            smtp.send_message(message)
            return Answer(250, "accepted")
        with smtplib.SMTP("127.0.0.1", port, timeout=timeout) as client:
            client.send_message(message)
        return Answer(250, "accepted")
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        return Answer(code, text.decode(errors="replace"))
    except smtplib.SMTPResponseException as exc:  # sender refused, data error, connect error
        text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return Answer(exc.smtp_code, text)
    except smtplib.SMTPServerDisconnected as exc:
        return Answer(421, f"disconnected: {exc}")
