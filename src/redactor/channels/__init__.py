"""Channels: the doors documents come through (mail gateway, ...). Each door only moves bytes in
and out and calls ``redactor.pipeline.Pipeline``; no door decides anything itself."""
