"""Generate a test share: every supported format, known PII placements, and the awkward cases
(corrupt, encrypted, too large, zip bombs, deep nesting, symlinks in and out of the tree).

Files are written by the format libraries themselves (python-docx, openpyxl, python-pptx, odfpy,
PyMuPDF, Pillow, the email package), so nothing binary is committed. Each file holds a known
number of US SSNs and e-mail addresses, the two entity types whose detection is exact; filler text
has no personal data. ``generate`` returns the manifest of what every file should give.

    python tests/share_gen.py OUT_DIR [N_FILES]
"""

from __future__ import annotations

import io
import json
import mailbox
import os
import random
import sys
import zipfile
from dataclasses import asdict, dataclass
from email.message import EmailMessage
from pathlib import Path

FILLER = [
    "The vehicle was parked near the north entrance of the station.",
    "No further action was taken at the scene and the report was filed.",
    "The equipment inventory was checked against the quarterly list.",
    "Training hours for the period are recorded in the department log.",
    "The meeting about the budget was moved to the afternoon.",
]
MAX_SIZE_MB = 1  # the tests and the bench scan with --max-size 1


@dataclass
class Expect:
    ssn: int = 0
    email: int = 0
    status: str = "ok"  # ok | error | skipped
    reason: str = ""  # error / skip kind (encrypted, unreadable, too_large, link)
    unscanned: int = 0  # container parts that cannot be read


class Share:
    def __init__(self, root: Path, seed: int = 7) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.manifest: dict[str, Expect] = {}
        self.serial = 0

    # -- values ------------------------------------------------------------------------------

    def ssn(self) -> str:
        self.serial += 1
        area = 100 + self.serial % 500
        area = 667 if area == 666 else area
        return f"{area:03d}-{10 + self.serial % 89:02d}-{1000 + self.serial % 8999:04d}"

    def email(self) -> str:
        self.serial += 1
        return f"records.clerk{self.serial}@county-pd.gov"

    def lines(self, n_ssn: int, n_email: int) -> list[str]:
        out = [self.rng.choice(FILLER) for _ in range(2)]
        out += [f"Social security number: {self.ssn()}." for _ in range(n_ssn)]
        out += [f"Reply to {self.email()} for copies." for _ in range(n_email)]
        out.append(self.rng.choice(FILLER))
        return out

    def path(self, rel: str, expect: Expect) -> Path:
        self.manifest[rel] = expect
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    # -- formats -----------------------------------------------------------------------------

    def txt(self, rel: str, s: int, e: int) -> None:
        self.path(rel, Expect(s, e)).write_text("\n".join(self.lines(s, e)) + "\n")

    def csv(self, rel: str, s: int, e: int) -> None:
        rows = ["id,note"] + [f'{i},"{line}"' for i, line in enumerate(self.lines(s, e))]
        self.path(rel, Expect(s, e)).write_text("\n".join(rows) + "\n")

    def html(self, rel: str, s: int, e: int) -> None:
        body = "".join(f"<p>{line}</p>" for line in self.lines(s, e))
        self.path(rel, Expect(s, e)).write_text(
            f"<html><head><title>Notice</title><style>p{{margin:0}}</style></head><body>{body}"
            "<script>var x = 1;</script></body></html>"
        )

    def rtf(self, rel: str, s: int, e: int) -> None:
        body = "".join(f"{line}\\par\n" for line in self.lines(s, e))
        self.path(rel, Expect(s, e)).write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs22 " + body + "}")

    def docx_bytes(self, s: int, e: int) -> bytes:
        import docx

        document = docx.Document()
        lines = self.lines(s, e)
        document.add_heading("Incident supplement", 1)
        for line in lines[:-1]:
            document.add_paragraph(line)
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Note", lines[-1]
        document.core_properties.author = "Records Unit"
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def docx(self, rel: str, s: int, e: int) -> None:
        self.path(rel, Expect(s, e)).write_bytes(self.docx_bytes(s, e))

    def xlsx(self, rel: str, s: int, e: int) -> None:
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Q3"
        for i, line in enumerate(self.lines(s, e), 1):
            sheet.append([i, line])
        book.create_sheet("Empty")
        book.save(self.path(rel, Expect(s, e)))

    def pptx(self, rel: str, s: int, e: int) -> None:
        import pptx
        from pptx.util import Inches

        deck = pptx.Presentation()
        lines = self.lines(s, e)
        for line in lines:
            slide = deck.slides.add_slide(deck.slide_layouts[5])
            slide.shapes.title.text = "Briefing"
            box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(8), Inches(1))
            box.text_frame.text = line
        deck.save(self.path(rel, Expect(s, e)))

    def odt(self, rel: str, s: int, e: int) -> None:
        from odf.opendocument import OpenDocumentText
        from odf.text import H, P

        document = OpenDocumentText()
        document.text.addElement(H(outlinelevel=1, text="Case notes"))
        for line in self.lines(s, e):
            document.text.addElement(P(text=line))
        document.save(str(self.path(rel, Expect(s, e))))

    def pdf_bytes(self, s: int, e: int, password: str = "") -> bytes:
        import pymupdf

        document = pymupdf.open()
        page = document.new_page()
        page.insert_text((72, 72), "\n".join(self.lines(s, e)), fontsize=10)
        options = (
            {"encryption": pymupdf.PDF_ENCRYPT_AES_256, "user_pw": password, "owner_pw": password} if password else {}
        )
        data = document.tobytes(**options)
        document.close()
        return data

    def pdf(self, rel: str, s: int, e: int) -> None:
        self.path(rel, Expect(s, e)).write_bytes(self.pdf_bytes(s, e))

    def png(self, rel: str, s: int, e: int) -> None:
        from PIL import Image, ImageDraw, ImageFont

        lines = self.lines(s, e)
        image = Image.new("L", (1700, 80 + 60 * len(lines)), 255)
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=34)
        for i, line in enumerate(lines):
            draw.text((40, 40 + 60 * i), line, fill=0, font=font)
        image.save(self.path(rel, Expect(s, e)), dpi=(200, 200))

    def eml_bytes(self, s: int, e: int) -> tuple[bytes, Expect]:
        message = EmailMessage()
        message["Subject"] = "Records request"
        message["From"] = self.email()
        message["To"] = "intake@county-pd.gov"
        message.set_content("\n".join(self.lines(s, 0)))
        message.add_alternative("<p>See the attachment.</p>", subtype="html")
        message.add_attachment(
            self.docx_bytes(0, e),
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename="supplement.docx",
        )
        message.add_attachment(
            self.pdf_bytes(1, 0, password="x"), maintype="application", subtype="pdf", filename="sealed.pdf"
        )
        # From + To headers are e-mail addresses too; the encrypted PDF is listed as unscanned.
        return bytes(message), Expect(s, e + 2, unscanned=1)

    def eml(self, rel: str, s: int, e: int) -> None:
        data, expect = self.eml_bytes(s, e)
        self.path(rel, expect).write_bytes(data)

    def mbox(self, rel: str, s: int, e: int) -> None:
        path = self.path(rel, Expect())
        box = mailbox.mbox(path)
        total = Expect()
        for _ in range(2):
            data, expect = self.eml_bytes(s, e)
            box.add(data)
            total.ssn += expect.ssn
            total.email += expect.email
            total.unscanned += expect.unscanned
        box.close()
        self.manifest[rel] = total

    def zip(self, rel: str, s: int, e: int) -> None:
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("deep/notes.txt", "\n".join(self.lines(0, e)))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("statement.docx", self.docx_bytes(s, 0))
            archive.writestr("inner.zip", inner.getvalue())
            archive.writestr("tool.exe", b"MZ\x90\x00")
        self.path(rel, Expect(s, e, unscanned=1)).write_bytes(buffer.getvalue())

    # -- awkward cases -----------------------------------------------------------------------

    def awkward(self, outside: Path) -> None:
        self.path("bad/corrupt.docx", Expect(status="error", reason="unreadable")).write_bytes(os.urandom(3000))
        self.path("bad/corrupt.pdf", Expect(status="error", reason="unreadable")).write_bytes(b"%PDF-1.7 broken")
        self.path("bad/truncated.zip", Expect(status="error", reason="unreadable")).write_bytes(
            b"PK\x03\x04" + b"x" * 50
        )
        self.path("bad/locked.pdf", Expect(status="error", reason="encrypted")).write_bytes(
            self.pdf_bytes(1, 1, password="secret")
        )
        self.path("bad/locked.docx", Expect(status="error", reason="encrypted")).write_bytes(self._encrypted_docx())
        self.path("bad/binary.txt", Expect(status="error", reason="unreadable")).write_bytes(b"\x00\x01" * 100)
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("zeros.txt", b"0" * (8 * 1024 * 1024))
        self.path("bad/bomb.zip", Expect(status="error", reason="unreadable")).write_bytes(bomb.getvalue())
        nested = b"SSN 123-45-6789"
        name = "core.txt"
        for level in range(6):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as archive:
                archive.writestr(name, nested)
            nested, name = buffer.getvalue(), f"level{level}.zip"
        self.path("bad/deep.zip", Expect(status="error", reason="unreadable")).write_bytes(nested)
        with self.path("big/huge.txt", Expect(status="skipped", reason="too_large")).open("w") as out:
            line = FILLER[0] + "\n"
            out.write(line * (MAX_SIZE_MB * 1024 * 1024 // len(line) + 10))
        outside.mkdir(parents=True, exist_ok=True)
        (outside / "secret.txt").write_text(f"SSN {self.ssn()}\n")
        self._link("links/outside.txt", outside / "secret.txt")
        self._link("links/outside_dir", outside)
        self._link("links/inside.txt", self.root / "docs" / "00" / "f0000.txt")
        (self.root / "misc").mkdir(exist_ok=True)
        (self.root / "misc" / "tool.exe").write_bytes(b"MZ")  # unsupported: counted, not scanned
        if os.geteuid() != 0:  # root reads everything, so this case exists only for other users
            path = self.path("bad/private.txt", Expect(status="error", reason="unreadable"))
            path.write_text("SSN 123-45-6789\n")
            path.chmod(0)

    def _link(self, rel: str, target: Path) -> None:
        path = self.path(rel, Expect(status="skipped", reason="link"))
        path.symlink_to(target)

    def _encrypted_docx(self) -> bytes:
        import msoffcrypto.format.ooxml

        plain = io.BytesIO(self.docx_bytes(1, 0))
        out = io.BytesIO()
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("secret", out)
        return out.getvalue()


KINDS = ["txt", "csv", "html", "rtf", "docx", "xlsx", "pptx", "odt", "pdf", "eml", "mbox", "zip"]
WEIGHTS = [30, 10, 10, 5, 15, 8, 4, 5, 6, 3, 1, 3]
SUFFIX = {
    "txt": "txt",
    "csv": "csv",
    "html": "html",
    "rtf": "rtf",
    "docx": "docx",
    "xlsx": "xlsx",
    "pptx": "pptx",
    "odt": "odt",
    "pdf": "pdf",
    "eml": "eml",
    "mbox": "mbox",
    "zip": "zip",
}


def generate(root: Path, files: int = 2000, images: int = 2, seed: int = 7) -> dict[str, Expect]:
    """Write the share under ``root`` (and a folder beside it that links point to)."""
    share = Share(root, seed)
    for kind in KINDS:  # every format at least once
        share.__getattribute__(kind)(f"formats/sample.{SUFFIX[kind]}", 1, 1)
    for i in range(images):
        share.png(f"scans/scan{i}.png", 1, 0)
    n = max(0, files - len(share.manifest) - 20)
    for i in range(n):
        kind = share.rng.choices(KINDS, WEIGHTS)[0]
        s, e = share.rng.choice([(0, 0), (0, 1), (1, 0), (1, 1), (2, 1), (3, 0)])
        share.__getattribute__(kind)(f"docs/{i // 100:02d}/f{i:04d}.{SUFFIX[kind]}", s, e)
    share.awkward(root.parent / (root.name + "-outside"))
    return share.manifest


def expected_totals(manifest: dict[str, Expect]) -> dict[str, int]:
    ok = [x for x in manifest.values() if x.status == "ok"]
    return {
        "files": len(manifest),
        "ok": len(ok),
        "errors": sum(x.status == "error" for x in manifest.values()),
        "skipped": sum(x.status == "skipped" for x in manifest.values()),
        "US_SSN": sum(x.ssn for x in ok),
        "EMAIL_ADDRESS": sum(x.email for x in ok),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1])
    manifest = generate(out, int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
    (out.parent / (out.name + "-manifest.json")).write_text(json.dumps({k: asdict(v) for k, v in manifest.items()}))
    print(json.dumps(expected_totals(manifest)))
