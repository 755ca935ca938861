"""Smoke test of `make serve`, as a newcomer runs it: start it, fetch three URLs, stop it.

Usage: python3 .ci/serve_smoke.py [PATH ...]   (standard library only: it runs before any venv)

Starts `make serve` on a free loopback port in its own process group, waits for the home page, then
expects HTTP 200 from each path (by default: /, a deep page, the search index, a handout PDF and the
offline zip), and stops the
whole group (make, mkdocs and its file watcher). Exits 1 naming what failed, with the server's output.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# The PDF and the offline zip too: `make serve` makes them into docs/ first, so the live site has them.
PATHS = ["/", "/treatment/risks/", "/search/search_index.json", "/pdf/after-your-procedure.pdf",
         "/vertebroplasty-kyphoplasty-offline.zip"]
STARTUP_SECONDS = 240  # a first run installs the site's requirements before it serves


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> int | str:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError) as exc:
        return f"no answer ({exc})"


def main(paths: list[str]) -> int:
    base = f"http://127.0.0.1:{free_port()}"
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(
        ["make", "serve", f"SERVE_ADDR={base.removeprefix('http://')}"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    failures: list[str] = []
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while status(base + "/") != 200:
            if proc.poll() is not None:
                failures.append(f"make serve exited with status {proc.returncode} before serving {base}/")
                break
            if time.monotonic() > deadline:
                failures.append(f"make serve did not answer {base}/ within {STARTUP_SECONDS} s")
                break
            time.sleep(1)
        if not failures:
            for path in paths:
                got = status(base + path)
                print(f"serve smoke: GET {path} -> {got}")
                if got != 200:
                    failures.append(f"GET {path} answered {got}, expected 200")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    if failures:
        log.seek(0)
        print("serve smoke: make serve printed:\n" + log.read()[-6000:], file=sys.stderr)
        for line in failures:
            print(f"serve smoke: FAILED: {line}", file=sys.stderr)
        return 1
    print(f"serve smoke: make serve answered 200 on {len(paths)} paths")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or PATHS))
