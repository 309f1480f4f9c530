"""SIGKILL loop through the services: every reported commit must survive every kill.

    python3 bench/kill_services.py [KILLS=120] [DB=/tmp/the5hc-kill.sqlite3]

A child process signs in as the owner (the CLI's system actor) and writes through the
services — a new member, and for every third one a package sale — printing each
member's number only after the call returned (committed). The parent kills it with SIGKILL
after a random number of commits, restarts it, and at the end checks that every reported
member and sale is in the file, that the file passes integrity_check, and that the audit
hash chain verifies (`the5hc check`). Prints the figures; POSIX only.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

# The package beside this script, in the parent as in the children (not an installed copy).
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(path: str, run: str) -> None:
    from datetime import date

    from the5hc_desktop.services import open_services
    from the5hc_desktop.services.clients import ClientDraft

    services = open_services(path)
    actor = services.maintenance.system_actor()
    n = 0
    while True:
        view = services.clients.create(actor, ClientDraft(
            f"{run}-{n}", "female", None, birth_date=date(1990, 1, 1))).client
        if n % 3 == 0:
            services.packages.sell(actor, view.id, 300_000, 50_000, "card")
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()
        n += 1


def main(kills: int, path: Path) -> int:
    from the5hc_desktop.services import open_services

    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    services = open_services(path)
    services.accounts.create_gym_and_owner("킬 테스트 센터", "대표", "owner", "kill-test-pass-1")
    services.close()
    rng = random.Random(13)
    reported: dict[str, int] = {}
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for k in range(kills):
        run = f"k{k}"
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(path), run],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
        assert proc.stdout is not None
        target, got = rng.randint(1, 12), -1
        while got + 1 < target:
            line = proc.stdout.readline()
            if not line:
                print("child ended early:", proc.stderr.read() if proc.stderr else "")
                return 1
            got = int(line)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        got = max([got, *(int(x) for x in proc.stdout.read().split())])
        reported[run] = got + 1
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
    conn = sqlite3.connect(path)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    names = {r[0] for r in conn.execute("SELECT name FROM clients")}
    sales = conn.execute("SELECT count(*) FROM payments").fetchone()[0]
    conn.close()
    expected = [f"{run}-{i}" for run, count in reported.items() for i in range(count)]
    lost = [name for name in expected if name not in names]
    want_sales = sum((count + 2) // 3 for count in reported.values())
    from the5hc_desktop import cli

    check = cli.main(["check", "--db", str(path)])
    print(f"kills {kills}, members committed {len(expected)}, sales >= {want_sales} "
          f"(found {sales}), lost {len(lost)}, integrity {integrity}, check exit {check}, "
          f"{time.perf_counter() - started:.0f} s")
    return 0 if not lost and integrity == "ok" and sales >= want_sales and check == 0 else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        args = sys.argv[1:]
        sys.exit(main(int(args[0]) if args else 120,
                      Path(args[1]) if len(args) > 1 else Path("/tmp/the5hc-kill.sqlite3")))
