"""Scanning shared drives: walk, incremental state, parallel and distributed execution, baseline,
and the summary / SARIF / HTML outputs. ``redactor scan`` (commands/scan.py) wires these together;
every file still goes through the one ``Pipeline`` (extract -> detect -> classify -> decide)."""
