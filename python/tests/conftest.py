"""Fixtures: the real monitor (java -jar spectralflow.jar monitor, embedded KRaft broker, Flink MiniCluster)."""
import os
import pathlib
import queue
import signal
import socket
import subprocess
import threading
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def jar():
    path = pathlib.Path(os.environ.get("SPECTRALFLOW_JAR", ROOT / "target" / "spectralflow.jar"))
    if not path.exists():
        pytest.fail(f"{path} is missing: build it with `mvn -o package -DskipTests` (or set SPECTRALFLOW_JAR)")
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Monitor:
    """A running `spectralflow monitor`: its broker's address, and what it printed."""

    def __init__(self):
        port = free_port()
        self.proc = subprocess.Popen(
            ["java", "-jar", str(jar()), "monitor", "--embedded-port", str(port), "--checkpoint-interval", "300"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stdout, self.stderr = [], []
        lines = queue.Queue()
        for stream, sink in ((self.proc.stdout, self.stdout), (self.proc.stderr, self.stderr)):
            threading.Thread(target=self._pump, args=(stream, sink, lines), daemon=True).start()
        deadline = time.monotonic() + 120
        self.bootstrap = None
        while self.bootstrap is None:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError("the monitor did not start:\n" + "".join(self.stderr[-40:]))
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if line.startswith("monitoring: publish weights to topic"):
                self.bootstrap = line.strip().rsplit(" at ", 1)[1]

    @staticmethod
    def _pump(stream, sink, lines):
        for line in stream:
            sink.append(line)
            lines.put(line)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="session")
def monitor():
    m = Monitor()
    yield m
    m.stop()
