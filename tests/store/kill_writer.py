"""Child process for test_crash.py: commit small batches forever, report each commit.

Each transaction writes BATCH audit rows tagged with the run and its batch number; the batch number
is written to stdout only after COMMIT returned, so every reported batch must survive.
"""

from __future__ import annotations

import sys

from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import AuditLogEntry

BATCH = 3


def main(path: str, run: str) -> None:
    db = Database.open(path)
    batch = 0
    while True:
        with db.write() as s:
            for part in range(BATCH):
                details = {"run": run, "batch": batch, "part": part, "pad": "x" * 400}
                s.add(AuditLogEntry(action="crash_test", details=details))
        sys.stdout.write(f"{batch}\n")
        sys.stdout.flush()
        batch += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
