"""PNGs of the sync screens, from two desks of one gym on a scratch server.

    PYTHONPATH=. python bench/screenshots_sync.py [--out DIR] [--pg-host H] [--pg-port P]

Needs the PostgreSQL server (user postgres, trust auth). Desk A and desk B edit the same
member, so desk B's 충돌 기록 has a real entry. Writes: 설정 → 동기화 (connection and the
conflict log), the not-yet-connected form, the first-run dialog with 기존 센터에 연결, and
the status bar in each state (오프라인, 동기화 중…, HH:MM 동기화됨 with pending changes,
오류). Look at them: Hangul must render, nothing clipped. Removes its database and roles.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_sync_live import Desk, drop_database, pg, spin_until

from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.sync import errors, server_admin
from the5hc_desktop.ui import application, worker
from the5hc_desktop.ui.main_window import MainWindow, StaffStatus
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.settings.sync_page import SyncPage
from the5hc_desktop.ui.signin import FirstRunDialog
from the5hc_desktop.ui.snapshots import save_widget_png
from the5hc_desktop.ui.sync_controller import SyncDisplay, SyncPhase
from the5hc_desktop.ui.sync_status import SyncStatusButton


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots-sync"))
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    app, _translations = application.create_application(["screenshots"], language="ko")
    messages = MessageBridge()
    lanes = worker.Worker(messages)
    worker.install(lanes)
    name = f"the5hc_shots_sync_{uuid.uuid4().hex[:10]}"
    with pg(args.pg_host, args.pg_port) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="the5hc-shots-sync-"))
    desks: list[Desk] = []
    shots: list[Path] = []

    def shot(widget: object, file: str) -> None:
        spin_until(lambda: False, 0.4)
        lanes.wait_idle(30_000)
        spin_until(lambda: False, 0.2)
        path = args.out / file
        save_widget_png(widget, path)  # type: ignore[arg-type]
        shots.append(path)

    try:
        dsn = f"host={args.pg_host} port={args.pg_port} user=postgres dbname={name}"
        server_admin.init(dsn)
        gym = server_admin.add_gym(dsn, "더파이브 피트니스")
        added = [server_admin.add_device(dsn, str(gym.gym), f"{n} 데스크") for n in ("1층", "2층")]
        a = Desk("A", folder / "a.sqlite3", added[0].code, added[0].secret, True, messages)
        desks.append(a)
        member = a.services.clients.create(a.owner, ClientDraft(
            "김민수", "male", "010-1234-5678", date(1990, 3, 15))).client.id
        a.services.sync.run_round(added[0].secret)
        b = Desk("B", folder / "b.sqlite3", added[1].code, added[1].secret, False, messages)
        desks.append(b)
        a.services.clients.update(a.owner, member, ClientDraft(
            "김민수", "male", "010-1111-1111", date(1990, 3, 15), notes="1층에서 수정"))
        a.services.sync.run_round(added[0].secret)
        b.services.clients.update(b.owner, member, ClientDraft(
            "김민수", "male", "010-2222-2222", date(1990, 3, 15), notes="2층에서 수정"))
        b.services.sync.run_round(added[1].secret)

        page = SyncPage(b.services.sync, b.owner, messages, b.controller)
        page.resize(1000, 620)
        page.show()
        page.reload()
        shot(page, "sync-settings-connection.png")
        page.tabs.setCurrentIndex(1)
        page.reload()
        shot(page, "sync-settings-conflicts.png")
        page.close()

        fresh = SyncPage(b.services.sync, b.owner, messages)
        fresh.resize(1000, 520)
        fresh.show()
        fresh._show_status(None)
        shot(fresh, "sync-settings-not-connected.png")
        fresh.close()

        first = FirstRunDialog(lambda _g: None, lambda: None, join_gym=lambda: None)
        first.show()
        shot(first, "first-run-join.png")
        first.close()

        window = MainWindow(staff=StaffStatus("김대표", "소유자", str(folder / "b.sqlite3")),
                            messages=messages, verify_password=lambda _p: True)
        button = SyncStatusButton()
        window.install_sync_status(button)
        window.resize(1100, 300)
        window.show()
        synced_at = datetime.now(UTC)
        states = {
            "offline": SyncDisplay(SyncPhase.OFFLINE, 3, synced_at),
            "syncing": SyncDisplay(SyncPhase.SYNCING, 0, synced_at),
            "synced": SyncDisplay(SyncPhase.SYNCED, 0, synced_at),
            "synced-pending": SyncDisplay(SyncPhase.SYNCED, 2, synced_at),
            "error": SyncDisplay(SyncPhase.ERROR, 1, synced_at, errors.revoked()),
        }
        for state, display in states.items():
            button.show_state(display)
            shot(window.statusBar(), f"status-sync-{state}.png")
        window.close()
        for path in shots:
            print(path)
        return 0
    finally:
        for desk in desks:
            desk.close()
        lanes.shutdown()
        worker.install(None)
        time.sleep(1.0)
        drop_database(args.pg_host, args.pg_port, name)
        shutil.rmtree(folder, ignore_errors=True)
        del app



if __name__ == "__main__":
    sys.exit(main())
