"""A private Postfix instance on 127.0.0.1 with its own config, queue and log under one directory.

Three SMTP listeners share one Postfix: ``smtp`` (milter ``milter``), ``spare`` (milter
``spare_milter``, short milter timeouts, for kill/hang tests that must not disturb the main
milter) and ``plain`` (no milter, the benchmark's baseline). Everything is relayed to a Python
SMTP sink on another loopback port. Requires root (Postfix's master runs as root and drops to
the ``postfix`` user) and the Debian ``postfix`` package (``make install`` installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

ROOT = Path(__file__).resolve().parents[2]
POSTFIX = "/usr/sbin/postfix"
POSTQUEUE = "/usr/sbin/postqueue"


class HarnessError(RuntimeError):
    """Postfix or the milter could not be started: tests fail loudly, never skip."""


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise HarnessError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise HarnessError(f"nothing listening on 127.0.0.1:{port} after {timeout:g} s")


# -- the sink: where Postfix delivers ---------------------------------------------------------


class _Handler:
    def __init__(self, sink: Sink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.sink.add(list(envelope.rcpt_tos), content)
        return "250 2.0.0 delivered to sink"


class Sink:
    """An SMTP server on 127.0.0.1 that keeps every delivered message in memory."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._messages: list[tuple[list[str], bytes]] = []
        self._cond = threading.Condition()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=port, data_size_limit=0)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def add(self, recipients: list[str], content: bytes) -> None:
        with self._cond:
            self._messages.append((recipients, content))
            self._cond.notify_all()

    def messages(self) -> list[Message]:
        with self._cond:
            return [message_from_bytes(raw) for _, raw in self._messages]

    def count(self) -> int:
        with self._cond:
            return len(self._messages)

    def wait_for(self, marker: str, timeout: float = 30.0) -> Message | None:
        """The delivered message whose Message-ID or Subject contains ``marker``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for _, raw in self._messages:
                    message = message_from_bytes(raw)
                    if marker in str(message.get("Message-ID", "")) or marker in str(message.get("Subject", "")):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)


# -- Postfix ----------------------------------------------------------------------------------


@dataclass
class Ports:
    smtp: int = field(default_factory=free_port)
    spare: int = field(default_factory=free_port)
    plain: int = field(default_factory=free_port)
    sink: int = field(default_factory=free_port)
    milter: int = field(default_factory=free_port)
    spare_milter: int = field(default_factory=free_port)


MAIN_CF = """\
compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
maillog_file = {root}/maillog
maillog_file_prefixes = {root}
mail_owner = postfix
setgid_group = postdrop
myhostname = gateway.redactor.test
mydomain = redactor.test
myorigin = $myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
relay_domains =
relayhost = [127.0.0.1]:{sink}
smtpd_relay_restrictions = permit_mynetworks, reject
alias_maps =
alias_database =
smtputf8_enable = no
biff = no
in_flow_delay = 0
message_size_limit = 26214400
smtp_connect_timeout = 5s
# The gateway settings under test: a milter that is down or hung defers mail, never passes it.
smtpd_milters = inet:127.0.0.1:{milter}
non_smtpd_milters = $smtpd_milters
milter_default_action = tempfail
milter_protocol = 6
milter_connect_timeout = 10s
milter_command_timeout = 10s
milter_content_timeout = 60s
"""

MASTER_CF = """\
127.0.0.1:{smtp} inet n - n - - smtpd
127.0.0.1:{spare} inet n - n - - smtpd
  -o smtpd_milters=inet:127.0.0.1:{spare_milter}
  -o milter_connect_timeout=3s
  -o milter_command_timeout=3s
  -o milter_content_timeout={spare_content_timeout}s
127.0.0.1:{plain} inet n - n - - smtpd
  -o smtpd_milters=
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""


class Postfix:
    """``postfix -c DIR``: its own main.cf/master.cf, queue, data directory and log file."""

    def __init__(self, root: Path, ports: Ports, spare_content_timeout: int = 5) -> None:
        self.root = root
        self.ports = ports
        self.config = root / "etc"
        self.spare_content_timeout = spare_content_timeout

    def write_config(self) -> None:
        self.config.mkdir(parents=True, exist_ok=True)
        values = {**vars(self.ports), "root": self.root, "spare_content_timeout": self.spare_content_timeout}
        (self.config / "main.cf").write_text(MAIN_CF.format(**values))
        (self.config / "master.cf").write_text(MASTER_CF.format(**values))
        (self.root / "queue").mkdir(exist_ok=True)  # post-install creates the rest inside it
        for path in (self.root, self.config, self.root / "queue"):
            path.chmod(0o755)

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [POSTFIX, "-c", str(self.config), *args], capture_output=True, text=True, timeout=timeout, check=False
        )

    def start(self) -> None:
        if not Path(POSTFIX).exists():
            raise HarnessError("Postfix is not installed: run 'make install' (Debian package postfix)")
        if os.geteuid() != 0:
            raise HarnessError("the Postfix tests run Postfix's master, which needs root")
        self.write_config()
        for step in (("check",), ("start",)):
            done = self._run(*step)
            if done.returncode != 0:
                raise HarnessError(
                    f"postfix {step[0]} failed: {done.stderr.strip()} {done.stdout.strip()}\n{self.log()}"
                )
        for port in (self.ports.smtp, self.ports.spare, self.ports.plain):
            wait_for_port(port, 20)

    def stop(self) -> None:
        self._run("stop")
        pid_file = self.root / "queue" / "pid" / "master.pid"
        deadline = time.monotonic() + 15
        while pid_file.exists() and time.monotonic() < deadline:
            try:
                os.kill(int(pid_file.read_text().split()[0]), 0)
            except (OSError, ValueError):
                break
            time.sleep(0.1)

    def queue(self) -> list[dict[str, object]]:
        """``postqueue -j``: every queued message (queue_name active, deferred, hold, ...)."""
        done = subprocess.run(
            [POSTQUEUE, "-c", str(self.config), "-j"], capture_output=True, text=True, timeout=30, check=False
        )
        if done.returncode != 0:
            raise HarnessError(f"postqueue -j failed: {done.stderr.strip()}")
        return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]

    def held(self) -> list[dict[str, object]]:
        return [item for item in self.queue() if item.get("queue_name") == "hold"]

    def log(self) -> str:
        path = self.root / "maillog"
        return path.read_text(errors="replace") if path.exists() else ""


# -- the milter under test -------------------------------------------------------------------


class MilterProcess:
    """``redactor milter`` as a child process; ready once its port accepts connections."""

    # REDACTOR_MILTER_COMMAND (space-separated) runs another build of the milter, e.g. an installed one.
    command: tuple[str, ...] = tuple(
        os.environ.get("REDACTOR_MILTER_COMMAND", "").split() or (sys.executable, "-m", "redactor", "milter")
    )

    def __init__(self, port: int, log_path: Path, *options: str) -> None:
        self.port = port
        self.log_path = log_path
        self.options = options
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [*self.command, "--listen", f"127.0.0.1:{self.port}", *self.options],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                env=env,
            )
        try:
            wait_for_port(self.port, timeout, self.proc)
        except HarnessError as exc:
            raise HarnessError(f"{exc}; milter log:\n{self.log()}") from None

    def signal(self, sig: signal.Signals) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGCONT)
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


# -- everything together ----------------------------------------------------------------------


@dataclass
class Gateway:
    root: Path
    ports: Ports
    postfix: Postfix
    sink: Sink
    milter: MilterProcess

    def spare_milter(self, *options: str) -> MilterProcess:
        return MilterProcess(self.ports.spare_milter, self.root / "spare-milter.log", *options)


@contextmanager
def gateway(*milter_options: str, spare_content_timeout: int = 5) -> Iterator[Gateway]:
    """Sink, Postfix and the main milter, started; all stopped and removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="redactor-postfix-"))
    ports = Ports()
    sink = Sink(ports.sink)
    postfix = Postfix(root, ports, spare_content_timeout)
    milter = MilterProcess(ports.milter, root / "milter.log", *milter_options)
    try:
        sink.start()
        milter.start()
        postfix.start()
        yield Gateway(root, ports, postfix, sink, milter)
    finally:
        postfix.stop()
        milter.stop()
        sink.stop()
        if os.environ.get("REDACTOR_KEEP_POSTFIX"):
            print(f"postfix test directory kept: {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
