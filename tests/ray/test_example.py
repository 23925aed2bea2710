"""The Ray example, examples/shop/pipeline.py, run as a newcomer runs it:
on a local Ray it starts itself, and on a running cluster that
$RAY_ADDRESS names."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from conftest import TOP_SRCDIR

PIPELINE = TOP_SRCDIR / "examples" / "shop" / "pipeline.py"
EXPECTED = [
    "checkout: 5 orders paid, 5 events in the ledger, takings EUR 105.50",
    "shipping: 14.00 kg for the orders in the object store",
    ("tampered order refused in the worker: checkout: argument 'order': "
    "items[0].qty: 0 is below the minimum 1"),
    ("pickled code refused: boundwire.ray refused to unpickle the global "
    "builtins.print: it is not on the allowlist"),
]


def run_pipeline(modules: Path, **env: str) -> list[str]:
    environ = dict(os.environ, PYTHONPATH=str(TOP_SRCDIR / "python"),
                   PYTHONDONTWRITEBYTECODE="1", **env)
    done = subprocess.run(
        [sys.executable, str(PIPELINE), "--modules", str(modules)],
        env=environ, capture_output=True, text=True, timeout=180,
        check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout.splitlines()


def assert_ran(lines: list[str], where: str) -> None:
    assert lines[0] == f"ray: running on {where}"
    assert len(lines) == 1 + len(EXPECTED)
    for line, expected in zip(lines[1:], EXPECTED):
        assert line.startswith(expected), line


def test_pipeline_on_local_ray(modules: Path) -> None:
    # conftest has removed $RAY_ADDRESS: the example starts its own Ray.
    assert_ran(run_pipeline(modules), "a local Ray")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else b""
            raise AssertionError(f"ray start exited: {err[-2000:]!r}")
        with contextlib.suppress(OSError), socket.create_connection(
                ("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise AssertionError(f"no Ray head on port {port} after 60 s")


@contextlib.contextmanager
def ray_head(env: dict[str, str]) -> Iterator[int]:
    """A Ray head node of its own, on loopback, for the block; stopped
    with its whole process group, so no other Ray on the machine is
    touched (unlike `ray stop`).  Its files go in a short folder of
    /tmp: the sockets in it must fit a socket path's 107 bytes."""
    port = free_port()
    temp_dir = tempfile.mkdtemp(prefix="bw-head-")
    ray = Path(sys.executable).with_name("ray")
    proc = subprocess.Popen(
        [str(ray), "start", "--head", "--block", f"--port={port}",
         "--num-cpus=2", "--include-dashboard=false",
         "--node-ip-address=127.0.0.1", f"--temp-dir={temp_dir}"],
        env=dict(os.environ, **env), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for_port(port, proc)
        yield port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(temp_dir, ignore_errors=True)


def test_pipeline_joins_cluster_named_by_ray_address(
        modules: Path) -> None:
    # Ray's own token authentication stays on, as a cluster runs it.
    auth = {"RAY_AUTH_MODE": "token", "RAY_USAGE_STATS_ENABLED": "0"}
    with ray_head(auth) as port:
        address = f"127.0.0.1:{port}"
        lines = run_pipeline(modules, RAY_ADDRESS=address, **auth)
    assert_ran(lines, f"the Ray cluster at {address}")
