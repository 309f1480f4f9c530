"""How long a web-shaped Legacy (Streamlit) database takes to import, and its peak memory.

    PYTHONPATH=. python3 bench/bench_legacy_import.py [--clients 100000] [--keep DIR]

Builds a Legacy file with the density of a busy gym (per member about 1 assessment, 1.25
packages with a payment and a fee-audit row each, 4 sessions; a few rows in the old
training_sessions / payment_records tables, some of them duplicates), then runs
`the5hc import-legacy` as a whole process into a new database, as a user would, and prints
the seconds and the process's peak resident memory. A second run into the same target shows
what an idempotent re-run costs.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "legacy"))

from legacy_fixture_db import LEGACY_DDL, _hash  # noqa: E402  # the Legacy file's exact DDL

TRAINERS = 40
SURNAMES = "김이박최정강조윤장임한오서신권황안송류전"
GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서윤", "지호", "하은", "예준", "수아"]
STATUSES = ("completed",) * 6 + ("cancelled", "no-show", "scheduled", "scheduled")


def build(path: Path, clients: int, seed: int) -> dict[str, int]:
    """Write the Legacy file; returns its row counts."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.executescript(LEGACY_DDL)
    password = _hash("trainer-pass")
    con.executemany(
        "INSERT INTO trainers (id, username, password_hash, name, email, created_at)"
        " VALUES (?,?,?,?,?,?)",
        [(t, "admin" if t == 1 else f"trainer{t}", password, f"트레이너 {t}",
          f"t{t}@the5hc.kr", "2023-01-02 01:00:00") for t in range(1, TRAINERS + 1)])
    counts = dict.fromkeys(("clients", "assessments", "packages", "sessions", "payments",
                            "training_sessions", "payment_records"), 0)
    package_id = session_id = payment_id = 0
    clients_rows, assessments, packages, sessions, payments, audits = [], [], [], [], [], []
    old_sessions, old_payments = [], []

    def flush() -> None:
        con.executemany("INSERT INTO clients (id, trainer_id, name, age, gender, height, weight,"
                        " email, phone, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        clients_rows)
        con.executemany(
            "INSERT INTO assessments (client_id, trainer_id, date, overhead_squat_score,"
            " push_up_score, push_up_reps, single_leg_balance_left_eyes_open,"
            " single_leg_balance_right_eyes_open, toe_touch_score, toe_touch_distance,"
            " shoulder_mobility_left, shoulder_mobility_right, farmer_carry_weight,"
            " farmer_carry_distance, harvard_step_test_heart_rate, harvard_step_test_duration,"
            " overall_score, strength_score, mobility_score, balance_score, cardio_score,"
            " created_at, shoulder_mobility_score, farmer_carry_score, push_up_notes)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", assessments)
        con.executemany(
            "INSERT INTO session_packages (id, client_id, trainer_id, total_amount, session_price,"
            " total_sessions, remaining_credits, remaining_sessions, package_name, created_at,"
            " updated_at, is_active, gross_amount, vat_amount, card_fee_amount, net_amount,"
            " vat_rate, card_fee_rate) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", packages)
        con.executemany(
            "INSERT INTO sessions (id, client_id, package_id, session_date, session_time,"
            " session_duration, session_cost, status, notes, created_at, completed_at,"
            " trainer_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", sessions)
        con.executemany(
            "INSERT INTO payments (id, client_id, package_id, amount, payment_method,"
            " description, payment_date, created_at, trainer_id, gross_amount, vat_amount,"
            " card_fee_amount, net_amount, vat_rate, card_fee_rate)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", payments)
        con.executemany(
            "INSERT INTO fee_audit_log (package_id, payment_id, calculation_type, gross_amount,"
            " vat_amount, card_fee_amount, net_amount, vat_rate, card_fee_rate,"
            " calculation_details, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            audits)
        con.executemany(
            "INSERT INTO training_sessions (client_id, trainer_id, package_id, session_date,"
            " session_time, session_duration, session_cost, status, created_at)"
            " VALUES (?,?,?,?,?,?,?,?,?)", old_sessions)
        con.executemany(
            "INSERT INTO payment_records (client_id, trainer_id, package_id, amount,"
            " payment_method, payment_date, created_at) VALUES (?,?,?,?,?,?,?)", old_payments)
        for batch in (clients_rows, assessments, packages, sessions, payments, audits,
                      old_sessions, old_payments):
            batch.clear()

    for client_id in range(1, clients + 1):
        trainer = rng.randint(1, TRAINERS)
        day = 1 + rng.randrange(3 * 365)
        joined = f"{2023 + day // 365}-{1 + day % 365 // 31:02d}-{1 + day % 28:02d}"
        gender = rng.choice(("남성", "여성"))
        clients_rows.append((
            client_id, trainer, rng.choice(SURNAMES) + rng.choice(GIVEN), rng.randint(18, 75),
            gender, round(rng.uniform(150, 190), 1), round(rng.uniform(45, 100), 1),
            f"m{client_id}@example.com" if client_id % 3 else None,
            f"010-{rng.randint(2000, 9999)}-{rng.randint(0, 9999):04d}",
            f"{joined} 03:00:00", f"{joined} 03:00:00"))
        counts["clients"] += 1
        if rng.random() < 0.97:
            assessments.append((
                client_id, trainer, joined, rng.randint(1, 3), rng.randint(1, 3),
                rng.randint(0, 40), rng.uniform(1, 45), rng.uniform(1, 45), rng.randint(1, 3),
                rng.uniform(-10, 15), rng.uniform(0, 30), rng.uniform(0, 30),
                rng.uniform(10, 40), rng.uniform(10, 60), rng.randint(70, 160),
                rng.uniform(60, 300), rng.uniform(30, 95), rng.uniform(30, 95),
                rng.uniform(30, 95), rng.uniform(30, 95), rng.uniform(30, 95),
                f"{joined} 04:00:00", rng.randint(1, 3), rng.randint(1, 3),
                "무릎 푸시업" if rng.random() < 0.2 else None))
            counts["assessments"] += 1
        for _n in range(2 if rng.random() < 0.25 else 1):
            package_id += 1
            payment_id += 1
            bought = rng.choice((10, 20, 30))
            price = rng.choice((50_000, 60_000, 70_000))
            gross = bought * price
            vat = gross * 10 // 110
            fee = round(gross * 0.035)
            used = rng.randint(0, bought)
            packages.append((
                package_id, client_id, trainer, gross, price, bought, (bought - used) * price,
                bought - used, f"{bought}회 PT", f"{joined} 05:00:00", f"{joined} 05:00:00",
                1, gross, vat, fee, gross - vat - fee, 0.10, 0.035))
            payments.append((
                payment_id, client_id, package_id, float(gross), rng.choice(("카드", "현금")),
                f"패키지 구매: {bought}회 PT", joined, f"{joined} 05:00:00", trainer, gross, vat,
                fee, gross - vat - fee, 0.10, 0.035))
            audits.append((package_id, payment_id, "inclusive", gross, vat, fee,
                           gross - vat - fee, 0.10, 0.035, '"{\\"method\\": \\"inclusive\\"}"',
                           trainer, f"{joined} 05:00:00"))
            counts["packages"] += 1
            counts["payments"] += 1
            if client_id % 97 == 0:  # an old-service row, half of them duplicates
                old_payments.append((client_id, trainer, package_id,
                                     gross if client_id % 2 else gross + 1000, "카드", joined,
                                     f"{joined} 05:00:00"))
                counts["payment_records"] += 1
        for n in range(4 if rng.random() < 0.8 else 3):
            session_id += 1
            status = rng.choice(STATUSES)
            when = f"{2023 + (day + 7 * n) // 365}-{1 + (day + 7 * n) % 365 // 31:02d}-" \
                   f"{1 + (day + 7 * n) % 28:02d}"
            hour = f"{rng.randint(6, 21):02d}:00:00"
            sessions.append((
                session_id, client_id, package_id, when, hour, 60, float(price), status,
                None, f"{when} 01:00:00", f"{when} 12:00:00" if status == "completed" else None,
                trainer))
            counts["sessions"] += 1
            if client_id % 89 == 0 and n == 0:
                old_sessions.append((client_id, trainer, package_id, when,
                                     hour if client_id % 2 else "23:00", 60, price, status,
                                     f"{when} 01:00:00"))
                counts["training_sessions"] += 1
        if client_id % 20_000 == 0:
            flush()
    flush()
    con.commit()
    con.close()
    return counts


def run_import(source: Path, target: Path) -> tuple[float, float, float, str]:
    """(seconds, CPU seconds, peak MB, summary line) of one `the5hc import-legacy` process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "the5hc_desktop", "--db", str(target), "import-legacy",
             str(source), "--owner", "admin"], stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"import failed ({child.returncode}):\n{err.read()[-3000:]}")
        lines = out.read().strip().splitlines()
    cpu = usage.ru_utime + usage.ru_stime  # less sensitive than wall time to a busy machine
    return seconds, cpu, usage.ru_maxrss / 1024, lines[1] if len(lines) > 1 else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="folder to keep the legacy file and target in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="the5hc-bench-legacy-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"legacy-{args.clients}.db"
    if not source.exists():
        started = time.perf_counter()
        counts = build(source, args.clients, args.seed)
        print(f"legacy file: {counts} in {time.perf_counter() - started:.1f} s, "
              f"{source.stat().st_size / 1e6:.0f} MB")
    target = folder / "target.sqlite3"
    for stale in folder.glob("target.sqlite3*"):
        stale.unlink()
    for label in ("new target", "re-run, nothing new"):
        seconds, cpu, peak, summary = run_import(source, target)
        print(f"import-legacy ({label}): {seconds:.1f} s wall, {cpu:.1f} s CPU, "
              f"peak RSS {peak:.0f} MB")
        print(f"  {summary}")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
