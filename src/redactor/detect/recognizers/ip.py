"""IP addresses: Presidio's recognizer behind a cheap test (its IPv6 pattern is slow on long text)."""

from __future__ import annotations

import regex
from presidio_analyzer.predefined_recognizers import IpRecognizer

# Text without four dotted numbers or two colons in a row of hex digits holds no IP address.
IP_HINT = regex.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:")


class QuickIpRecognizer(IpRecognizer):
    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        if not IP_HINT.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)
