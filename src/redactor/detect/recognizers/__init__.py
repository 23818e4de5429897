"""Recognizers written in code. Pattern recognizers that need no code live in rules/."""
