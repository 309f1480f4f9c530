"""The pull cursor never skips a row: 4 concurrent pushers and 1 puller, 10,000 commits.

The same harness run over a plain `bigserial` cursor shows why the server numbers rows from
a per-gym counter under the gym's lock: a row numbered earlier but committed later falls
behind a cursor that already moved past it.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from psycopg.types.json import Jsonb
from sync_server_support import ServerHarness, make_hlc, version

pytestmark = pytest.mark.postgres

PUSHERS = 4
COMMITS = 10_000

# write(conn, key) writes one row in the open transaction; read(conn, cursor) returns the
# keys past the cursor and the new cursor.
Write = Callable[[psycopg.Connection, str], None]
Read = Callable[[psycopg.Connection, int], tuple[list[str], int]]


def _race(connect_pusher: Callable[[], psycopg.Connection], puller: psycopg.Connection,
          write: Write, read: Read, commits: int, linger_every: int) -> tuple[set[str], set[str]]:
    """Run the pushers and the puller; returns (committed keys, keys the puller saw)."""
    committed: set[str] = set()
    seen: set[str] = set()
    done = threading.Event()

    def push(worker: int) -> None:
        rng = random.Random(worker)
        with connect_pusher() as conn:
            # Visibility order is what is tested, not durability: skip the flush wait.
            conn.execute("SET synchronous_commit = off")
            conn.commit()
            for n in range(worker, commits, PUSHERS):
                key = str(uuid.uuid4())
                write(conn, key)
                if n % linger_every == 0:  # hold the transaction open a little
                    time.sleep(rng.uniform(0, 0.002))
                conn.commit()
                committed.add(key)

    def pull() -> None:
        cursor = 0
        while True:
            finished = done.is_set()  # read before pulling: the last pull sees everything
            keys, cursor = read(puller, cursor)
            seen.update(keys)
            if finished:
                return

    with ThreadPoolExecutor(PUSHERS + 1) as pool:
        puller_done = pool.submit(pull)
        for future in [pool.submit(push, worker) for worker in range(PUSHERS)]:
            future.result()
        done.set()
        puller_done.result()
    return committed, seen


def test_a_bigserial_cursor_skips_rows(server: ServerHarness) -> None:
    table = f"naive_{uuid.uuid4().hex[:8]}"
    with server.admin() as conn:
        conn.execute(f"CREATE TABLE public.{table} (id bigserial PRIMARY KEY, key text)".encode())

    def write(conn: psycopg.Connection, key: str) -> None:
        conn.execute(f"INSERT INTO public.{table} (key) VALUES (%s)".encode(), (key,))

    def read(conn: psycopg.Connection, cursor: int) -> tuple[list[str], int]:
        rows = conn.execute(f"SELECT id, key FROM public.{table} WHERE id > %s ORDER BY id"
                            .encode(), (cursor,)).fetchall()
        return [r[1] for r in rows], (rows[-1][0] if rows else cursor)

    with server.admin() as puller:
        committed, seen = _race(lambda: psycopg.connect(server.admin_dsn), puller, write, read,
                                commits=2_000, linger_every=1)
    assert len(committed) == 2_000
    assert len(committed - seen) > 0  # the plain sequence lost rows for this puller


@pytest.mark.slow
def test_the_server_cursor_skips_nothing(server: ServerHarness) -> None:
    gym = server.new_gym()
    added = [server.new_device(gym) for _ in range(PUSHERS)]
    puller = server.connect(server.new_device(gym))
    pushers = iter(added)
    lock = threading.Lock()

    def connect_pusher() -> psycopg.Connection:
        with lock:
            device = server.connect(next(pushers))
        device.conn.autocommit = False
        return device.conn

    def write(conn: psycopg.Connection, key: str) -> None:
        entity = "clients" if hash(key) % 2 else "sessions"
        data = {"name": key} if entity == "clients" else {"status": "scheduled",
                                                            "status_seq": 0, "key": key}
        conn.execute("SELECT the5hc.push(%s, %s)",
                     (uuid.uuid4(), Jsonb([version(entity, key, make_hlc(), data)])))

    def read(conn: psycopg.Connection, cursor: int) -> tuple[list[str], int]:
        row = conn.execute("SELECT the5hc.pull(%s, 1000)", (cursor,)).fetchone()
        assert row is not None
        page = row[0]
        return [r["id"] for r in page["rows"]], page["last_seq"]

    committed, seen = _race(connect_pusher, puller.conn, write, read, commits=COMMITS,
                            linger_every=20)
    assert len(committed) == COMMITS
    assert committed - seen == set()
    assert puller.verify()["last_seq"] == COMMITS
