"""Child process for test_pull_transactions.py: a download killed after some pages.

    python download_child.py PATH SECRET PAGE ROWS KILL_AFTER BULK

Runs a round on the desk file PATH (sync already set up in it) with pages of PAGE rows
and pulled pages committed every ROWS rows, and kills itself (SIGKILL: nothing runs after
it, as when the power goes) once KILL_AFTER rows have been applied. BULK (0/1) says
whether the first download may suspend the summaries and indexes.
"""

from __future__ import annotations

import os
import signal
import sys

from the5hc_desktop.store.database import Database
from the5hc_desktop.sync.engine import SyncEngine
from the5hc_desktop.sync.link import ServerAddress, connect
from the5hc_desktop.sync.local import SERVER, LocalReplica


def main(path: str, secret: str, page: int, rows: int, kill_after: int, bulk: bool) -> None:
    db = Database.open(path)
    replica = LocalReplica(db)
    try:
        address = ServerAddress.from_state(replica.state(SERVER))
    finally:
        replica.close()

    def progress(stage: str, count: int) -> None:
        if stage == "pull" and count >= kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    engine = SyncEngine(db, lambda: connect(address, secret), pull_page=page,
                        pull_transaction_rows=rows, pull_transaction_s=3600.0,
                        bulk_first_download=bulk)
    engine.run_round(progress)
    sys.stdout.write("finished without being killed\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
         sys.argv[6] == "1")
