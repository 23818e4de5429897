"""Watcher building blocks without the daemon: stability rules, safe placement, the journal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redactor.channels import journal as states
from redactor.channels.inbox import Inbox, ignored
from redactor.channels.journal import Journal
from redactor.channels.outcome import LostFile, choose_names, digest, place, private_dir, stage, variant


@pytest.mark.parametrize(
    ("name", "skip"),
    [
        ("report.pdf", False),
        ("report.pdf.part", True),
        ("report.PDF.tmp", True),
        (".report.pdf", True),
        ("~$report.docx", True),
        ("report.docx~", True),
        ("download.crdownload", True),
        ("notes.txt", False),
    ],
)
def test_temporary_names_are_ignored(name: str, skip: bool) -> None:
    assert ignored(name) is skip


def test_a_file_is_ready_only_when_unchanged_for_the_settle_time(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path, settle=2.0)
    (tmp_path / "sub").mkdir()
    f = tmp_path / "sub" / "a.txt"
    f.write_text("first")
    (tmp_path / "b.txt.part").write_text("partial")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("x")
    inbox.rescan(now=100.0)
    assert len(inbox) == 1
    assert inbox.ready(now=101.0, limit=10) == []
    f.write_text("first and more")  # still being written
    assert inbox.ready(now=102.5, limit=10) == []  # changed since the first look: the clock restarts
    assert inbox.ready(now=104.0, limit=10) == []
    ready = inbox.ready(now=104.6, limit=10)
    assert [r.name for r in ready] == ["sub/a.txt"]
    assert len(inbox) == 0


def test_hints_from_events_and_limit(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path, settle=0.0)
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(str(i))
        inbox.hint(str(tmp_path / f"{i}.txt"))
    inbox.hint(str(tmp_path / "gone.txt"))
    inbox.drain(now=1.0)
    assert len(inbox.ready(now=1.0, limit=3)) == 3
    assert len(inbox.ready(now=1.0, limit=3)) == 2


def test_variants_and_group_names(tmp_path: Path) -> None:
    assert (
        variant("a.pdf", 1) == "a.pdf" and variant("a.pdf", 3) == "a (3).pdf" and variant("README", 2) == "README (2)"
    )
    (tmp_path / "a.redactions.csv").write_text("")  # only a log of the group is taken: the whole group moves on
    derive = [lambda v: Path(v).stem + ".redactions.csv", str]
    assert choose_names(tmp_path, "a.pdf", derive) == ["a (2).redactions.csv", "a (2).pdf"]


def test_place_never_overwrites_and_is_idempotent(tmp_path: Path) -> None:
    src, dest = tmp_path / "src.txt", tmp_path / "out" / "dest.txt"
    dest.parent.mkdir()
    src.write_text("mine")
    sha = digest(src)
    dest.write_text("someone else's")
    assert place(src, dest, sha) is False  # taken: caller picks another name
    assert dest.read_text() == "someone else's" and src.exists()
    dest.unlink()
    assert place(src, dest, sha) is True
    assert dest.read_text() == "mine" and not src.exists()
    assert place(src, dest, sha) is True  # replay after the move: done already
    os.link(dest, src)  # replay after link, before unlink
    assert place(src, dest, sha) is True and not src.exists()
    dest.unlink()
    with pytest.raises(LostFile):
        place(src, dest, sha)


def test_stage_is_idempotent(tmp_path: Path) -> None:
    src = tmp_path / "inbox" / "a.txt"
    src.parent.mkdir()
    src.write_text("doc")
    st = os.lstat(src)
    ident = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    dest = tmp_path / "work" / "1" / "in" / "a.txt"
    assert stage(src, dest, ident) and dest.read_text() == "doc" and not src.exists()
    assert stage(src, dest, ident)  # replay: already staged
    assert not stage(tmp_path / "inbox" / "gone.txt", tmp_path / "work" / "2" / "in" / "gone.txt", ident)


def test_private_dir(tmp_path: Path) -> None:
    folder = private_dir(tmp_path / "q" / "sub")
    assert folder.stat().st_mode & 0o777 == 0o700


def test_journal_states_survive_reopening(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x")
    journal = Journal(tmp_path / "j.sqlite3")
    instance = journal.instance
    job = journal.claim("a.txt", str(f), os.lstat(f))
    journal.processing(job, "ab" * 32, 1)
    other = journal.claim("b.txt", str(f), os.lstat(f))
    journal.forget(other)
    done = journal.claim("c.txt", str(f), os.lstat(f))
    journal.decided(done, {"action": "allow"}, [])
    journal.advance(done, states.DONE)
    journal.close()
    journal = Journal(tmp_path / "j.sqlite3")
    assert journal.instance == instance
    (left,) = journal.unfinished()
    assert (left.name, left.state, left.sha256) == ("a.txt", states.PROCESSING, "ab" * 32)
    assert journal.counts() == {states.PROCESSING: 1, states.DONE: 1}
    assert os.stat(tmp_path / "j.sqlite3").st_mode & 0o777 == 0o600
