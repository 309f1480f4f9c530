"""Child process for test_bulk_load.py: a suspended load that is killed half-way.

`one`: the load and its suspension in one transaction, killed before COMMIT.
`spanning`: the suspension and part of the rows committed (as sync's first download
would), killed before `finish`. Prints "loading" when the kill may come.
"""

from __future__ import annotations

import random
import sys
import time

from bulk_rows import TABLES, seed_staff, write_rows

from the5hc_desktop.store import bulk_load
from the5hc_desktop.store.database import Database


def _say_loading() -> None:
    sys.stdout.write("loading\n")
    sys.stdout.flush()


def main(path: str, mode: str, seed: int) -> None:
    db = Database.open(path)
    rng = random.Random(seed)
    staff = seed_staff(db, rng)
    with db.write() as s:
        conn = s.connection()
        load = bulk_load.begin(conn, TABLES)
        assert load is not None
        if mode == "one":
            write_rows(conn, db, rng, staff, 60)
            _say_loading()
            time.sleep(600)
    with db.write() as s:
        write_rows(s.connection(), db, rng, staff, 60)
    _say_loading()
    time.sleep(600)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
