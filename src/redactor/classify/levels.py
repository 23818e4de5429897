"""Sensitivity levels and record categories: the vocabulary shared by classification and policy."""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    """Ordered: a higher value is more sensitive, so ``max`` of floors gives the level."""

    PUBLIC = 0
    INTERNAL = 1
    CONFIDENTIAL = 2
    RESTRICTED = 3

    @classmethod
    def parse(cls, name: str) -> Level:
        return cls[name.upper()]


LEVEL_NAMES: tuple[str, ...] = tuple(level.name for level in Level)

CATEGORIES: tuple[str, ...] = (
    "juvenile_record",
    "criminal_history",
    "informant_file",
    "medical",
    "sealed_or_expunged",
    "victim_sensitive",
    "personnel",
    "incident_report",
    "witness_statement",
    "policy_or_public",
)
