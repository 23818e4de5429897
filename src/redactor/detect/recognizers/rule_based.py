"""Pattern recognizers defined in rules/recognizers.yaml, with our context rule.

Presidio's own context enhancer works on lemmas and adds a fixed boost; ours is simpler to reason
about for rule authors: if a context word stands in the ``context_window`` characters before a
match (same line) or in a form header above it, the score becomes ``context_score``. A match that
follows one of its ``not_after`` words (with at most a label like "no." between) is dropped.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactor.detect.context import before, cue_pattern, header_above
from redactor.rules import RecognizerRule

NOT_AFTER_WINDOW = 30
NUMBER_LABEL = r"[ \t.:#(]*(?:(?:no|nbr|num|number)\.?[ \t.:#]*)?$"  # "Lab no. ", "array (", "S/N "


class RuleRecognizer(PatternRecognizer):
    """A recognizer from rules/recognizers.yaml. Patterns are compiled once; a group named
    ``value`` marks the part of the match that is the finding (the rest is its label)."""

    def __init__(self, rule: RecognizerRule) -> None:
        flags = regex.MULTILINE | (regex.IGNORECASE if rule.ignore_case else 0)
        super().__init__(
            supported_entity=rule.entity,
            name=f"rules.{rule.name}",
            patterns=[Pattern(p.name, p.regex, p.score) for p in rule.patterns] or None,
            deny_list=list(rule.deny_list) or None,
            global_regex_flags=flags,
        )
        self.rule = rule
        self.compiled = [(regex.compile(p.regex, flags), p.score) for p in self.patterns]
        self.cues = cue_pattern(rule.context) if rule.context else None
        self.vetoes = (
            regex.compile(cue_pattern(rule.not_after).pattern + NUMBER_LABEL, regex.IGNORECASE)
            if rule.not_after
            else None
        )

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        results = []
        for pattern, score in self.compiled:
            has_value = "value" in pattern.groupindex
            for m in pattern.finditer(text):
                start, end = m.span("value") if has_value else m.span()
                if end <= start or (
                    self.vetoes is not None and self.vetoes.search(before(text, start, NOT_AFTER_WINDOW))
                ):
                    continue
                if self.cues is not None and score < self.rule.context_score and self._has_context(text, start, end):
                    score_here = self.rule.context_score
                else:
                    score_here = score
                result = RecognizerResult(self.rule.entity, start, end, score_here)
                result.recognition_metadata = {"recognizer_name": self.name}
                results.append(result)
        return results

    def _has_context(self, text: str, start: int, end: int) -> bool:
        assert self.cues is not None
        window = before(text, start, self.rule.context_window)
        return bool(self.cues.search(window) or self.cues.search(header_above(text, start, end)))


def code_name_recognizer(code_names: tuple[str, ...]) -> PatternRecognizer | None:
    """Informant code names from rules/lists.yaml, as whole words in capitals or quotes."""
    if not code_names:
        return None
    words = "|".join(regex.escape(n) for n in sorted(code_names, key=len, reverse=True))
    upper = "|".join(regex.escape(n.upper()) for n in sorted(code_names, key=len, reverse=True))
    expr = rf'(?<![\w])(?:{upper})(?![\w])|(?<=["“\'])(?i:{words})(?=["”\'])'
    return PatternRecognizer(
        supported_entity="INFORMANT_ID",
        name="rules.informant_code_names",
        patterns=[Pattern("code_name", expr, 0.85)],
        global_regex_flags=regex.MULTILINE,
    )
