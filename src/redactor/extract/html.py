"""HTML pages and HTML mail bodies: visible text, block elements on their own lines.

The standard library parser is lenient (it never rejects broken markup), which is what a scanner
wants: text in a malformed page is still text. Script and style contents are not visible and are
dropped; ``alt`` and ``title`` attributes are kept because people put names in them.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from redactor.errors import InputError
from redactor.model import Document

BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul title".split()
)
HIDDEN = frozenset({"script", "style", "noscript", "template", "head"})
TEXT_ATTRIBUTES = ("alt", "title")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN and tag != "head":
            self.hidden += 1
        if tag in BLOCKS:
            self.out.append("\n")
        for key, value in attrs:
            if key in TEXT_ATTRIBUTES and value and not self.hidden:
                self.out.append(f" {value} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and tag != "head" and self.hidden:
            self.hidden -= 1
        if tag in BLOCKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML document, one line per block, runs of spaces collapsed."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.out).splitlines())
    text, blank = [], False
    for line in lines:
        if line:
            text.append(line)
            blank = False
        elif not blank and text:
            text.append("")
            blank = True
    return "\n".join(text).strip() + "\n" if text else ""


def decode(raw: bytes, charset: str | None = None) -> str:
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return raw.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return raw.decode("cp1252", errors="replace")


def extract(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return Document.from_text(html_to_text(decode(raw)), path=str(path))
