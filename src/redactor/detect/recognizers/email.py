"""E-mail addresses: Presidio's recognizer, validated offline.

Presidio validates the domain with tldextract's default extractor, which downloads the public
suffix list on first use. We validate against the snapshot bundled with tldextract instead.
"""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return bool(OFFLINE_TLD(pattern_text).fqdn)
