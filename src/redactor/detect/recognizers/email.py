"""E-mail addresses: Presidio's recognizer, validated offline.

Presidio validates the domain with tldextract's default extractor, which downloads the public
suffix list on first use. We validate against the snapshot bundled with tldextract instead, and
remember the answer per domain (building the suffix trie is the expensive part).
"""

from __future__ import annotations

from functools import lru_cache

import regex
import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
# A message identifier in mail headers looks like an address but names no one:
# "Message-ID: <20240716154412.77120@mail.alleghenyda.example>"
MESSAGE_ID = regex.compile(r"(?i)[ \t]*(?:message-id|in-reply-to|references)[ \t]*:")


# Reserved for documentation and tests (RFC 2606, RFC 6761): no public suffix, but sample and
# training records use them, and an address there is still someone's address in the text.
RESERVED_TLDS = frozenset({"example", "test", "invalid", "localhost", "local", "internal"})


@lru_cache(maxsize=4096)
def has_public_suffix(domain: str) -> bool:
    return domain.rpartition(".")[2] in RESERVED_TLDS or bool(OFFLINE_TLD(domain).fqdn)


class OfflineEmailRecognizer(EmailRecognizer):
    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        # Cheap pre-filter: Presidio's e-mail pattern is slow on long texts without any "@".
        if "@" not in text:
            return []
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not MESSAGE_ID.match(text, text.rfind("\n", 0, r.start) + 1, r.start)]

    def validate_result(self, pattern_text: str) -> bool:
        return has_public_suffix(pattern_text.rpartition("@")[2].lower())
