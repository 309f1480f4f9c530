"""A small Legacy (Streamlit) SQLite database built from the exact DDL of DOMAIN.md 10.1.

The rows are our own, chosen to exercise every import rule of DOMAIN.md 10.3: a shared
e-mail, Korean gender words, training_sessions/payment_records rows that duplicate rows of
the newer tables, free-text payment methods, a single heart rate, compensation notes and
columns appended by later migrations (shoulder_mobility_score, farmer_carry_score, fees).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import bcrypt

# Columns in creation order; the later `ALTER TABLE ... ADD COLUMN` ones come last.
LEGACY_DDL = """
CREATE TABLE trainers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    last_login TIMESTAMP,
    failed_login_attempts INTEGER DEFAULT 0,
    locked_until TIMESTAMP
);
CREATE TABLE clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trainer_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    age INTEGER NOT NULL,
    gender TEXT NOT NULL,
    height REAL NOT NULL,
    weight REAL NOT NULL,
    email TEXT,
    phone TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (trainer_id) REFERENCES trainers (id)
);
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL,
    trainer_id INTEGER NOT NULL,
    date TEXT NOT NULL,
    overhead_squat_score INTEGER,
    overhead_squat_notes TEXT,
    overhead_squat_compensations TEXT,
    push_up_score INTEGER,
    push_up_reps INTEGER,
    push_up_notes TEXT,
    push_up_compensations TEXT,
    single_leg_balance_left_eyes_open REAL,
    single_leg_balance_right_eyes_open REAL,
    single_leg_balance_left_eyes_closed REAL,
    single_leg_balance_right_eyes_closed REAL,
    single_leg_balance_notes TEXT,
    toe_touch_score INTEGER,
    toe_touch_distance REAL,
    toe_touch_notes TEXT,
    toe_touch_compensations TEXT,
    shoulder_mobility_left REAL,
    shoulder_mobility_right REAL,
    shoulder_mobility_notes TEXT,
    shoulder_mobility_compensations TEXT,
    farmer_carry_weight REAL,
    farmer_carry_distance REAL,
    farmer_carry_notes TEXT,
    farmer_carry_compensations TEXT,
    harvard_step_test_heart_rate INTEGER,
    harvard_step_test_duration REAL,
    harvard_step_test_notes TEXT,
    overall_score REAL,
    strength_score REAL,
    mobility_score REAL,
    balance_score REAL,
    cardio_score REAL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    shoulder_mobility_score INTEGER,
    farmer_carry_score INTEGER,
    FOREIGN KEY (client_id) REFERENCES clients (id),
    FOREIGN KEY (trainer_id) REFERENCES trainers (id)
);
CREATE TABLE session_packages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL,
    trainer_id INTEGER NOT NULL,
    total_amount INTEGER NOT NULL,
    session_price INTEGER NOT NULL,
    total_sessions INTEGER NOT NULL,
    remaining_credits INTEGER NOT NULL,
    remaining_sessions INTEGER NOT NULL,
    package_name TEXT,
    notes TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    is_active BOOLEAN DEFAULT 1,
    gross_amount INTEGER,
    vat_amount INTEGER,
    card_fee_amount INTEGER,
    net_amount INTEGER,
    vat_rate DECIMAL(5,2) DEFAULT 0.10,
    card_fee_rate DECIMAL(5,2) DEFAULT 0.035,
    fee_calculation_method TEXT DEFAULT 'inclusive',
    FOREIGN KEY (client_id) REFERENCES clients (id),
    FOREIGN KEY (trainer_id) REFERENCES trainers (id)
);
CREATE TABLE training_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL,
    trainer_id INTEGER NOT NULL,
    package_id INTEGER NOT NULL,
    session_date TEXT NOT NULL,
    session_time TEXT,
    session_duration INTEGER DEFAULT 60,
    session_cost INTEGER NOT NULL,
    status TEXT DEFAULT 'scheduled',
    notes TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP,
    FOREIGN KEY (client_id) REFERENCES clients (id),
    FOREIGN KEY (trainer_id) REFERENCES trainers (id),
    FOREIGN KEY (package_id) REFERENCES session_packages (id)
);
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL,
    package_id INTEGER NOT NULL,
    session_date DATE NOT NULL,
    session_time TIME,
    session_duration INTEGER NOT NULL,
    session_cost REAL NOT NULL,
    status TEXT DEFAULT 'scheduled',
    notes TEXT,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    completed_at DATETIME,
    trainer_id INTEGER,
    FOREIGN KEY (client_id) REFERENCES clients (id),
    FOREIGN KEY (package_id) REFERENCES session_packages (id)
);
CREATE TABLE payment_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL,
    trainer_id INTEGER NOT NULL,
    package_id INTEGER,
    amount INTEGER NOT NULL,
    payment_method TEXT,
    payment_date TEXT NOT NULL,
    description TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (client_id) REFERENCES clients (id),
    FOREIGN KEY (trainer_id) REFERENCES trainers (id),
    FOREIGN KEY (package_id) REFERENCES session_packages (id)
);
CREATE TABLE payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER NOT NULL,
    package_id INTEGER,
    amount REAL NOT NULL,
    payment_method TEXT,
    description TEXT,
    payment_date DATE NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    trainer_id INTEGER,
    gross_amount INTEGER,
    vat_amount INTEGER,
    card_fee_amount INTEGER,
    net_amount INTEGER,
    vat_rate DECIMAL(5,2),
    card_fee_rate DECIMAL(5,2),
    FOREIGN KEY (client_id) REFERENCES clients (id),
    FOREIGN KEY (package_id) REFERENCES session_packages (id)
);
CREATE TABLE fee_audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    package_id INTEGER,
    payment_id INTEGER,
    calculation_type TEXT NOT NULL,
    gross_amount INTEGER NOT NULL,
    vat_amount INTEGER NOT NULL,
    card_fee_amount INTEGER NOT NULL,
    net_amount INTEGER NOT NULL,
    vat_rate DECIMAL(5,2) NOT NULL,
    card_fee_rate DECIMAL(5,2) NOT NULL,
    calculation_details TEXT,
    created_by INTEGER,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (package_id) REFERENCES session_packages (id),
    FOREIGN KEY (payment_id) REFERENCES payments (id),
    FOREIGN KEY (created_by) REFERENCES trainers (id)
);
CREATE INDEX idx_clients_trainer ON clients (trainer_id);
CREATE INDEX idx_assessments_trainer ON assessments (trainer_id);
CREATE INDEX idx_assessments_client ON assessments (client_id);
CREATE INDEX idx_assessments_date ON assessments (date DESC);
CREATE INDEX idx_trainers_username ON trainers (username);
CREATE INDEX idx_packages_client ON session_packages (client_id);
CREATE INDEX idx_packages_trainer ON session_packages (trainer_id);
CREATE INDEX idx_training_sessions_client ON training_sessions (client_id);
CREATE INDEX idx_training_sessions_trainer ON training_sessions (trainer_id);
CREATE INDEX idx_training_sessions_package ON training_sessions (package_id);
CREATE INDEX idx_training_sessions_date ON training_sessions (session_date);
CREATE INDEX idx_payment_records_client ON payment_records (client_id);
CREATE INDEX idx_payment_records_trainer ON payment_records (trainer_id);
"""

# Plain passwords of the fixture's trainers (the database holds only their bcrypt hashes).
PASSWORDS = {"admin": "admin-pass-1", "jaesun": "jaesun-pass-2", "minji": "minji-pass-3"}
SHARED_EMAIL = "jaesun9090@gmail.com"


def _hash(password: str) -> str:
    # Cost 4 keeps the suite fast; the format ($2b$, 60 chars) is the Legacy one.
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()


def build_legacy_db(path: Path) -> Path:
    """Create the fixture database at `path` and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        con.executescript(LEGACY_DDL)
        _fill(con)
        con.commit()
    finally:
        con.close()
    return path


def _fill(con: sqlite3.Connection) -> None:
    con.executemany(
        "INSERT INTO trainers (id, username, password_hash, name, email, created_at,"
        " last_login, failed_login_attempts) VALUES (?,?,?,?,?,?,?,?)",
        [
            (1, "admin", _hash(PASSWORDS["admin"]), "김 관리", "admin@the5hc.kr",
             "2025-05-01 01:00:00", "2025-06-20 09:30:00", 0),
            (2, "jaesun", _hash(PASSWORDS["jaesun"]), "박 재선", SHARED_EMAIL,
             "2025-05-02 02:00:00", None, 0),
            (3, "minji", _hash(PASSWORDS["minji"]), "이 민지", SHARED_EMAIL,
             "2025-05-03 03:00:00", None, 2),
        ],
    )
    con.executemany(
        "INSERT INTO clients (id, trainer_id, name, age, gender, height, weight, email, phone,"
        " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [
            (1, 2, "홍길동", 35, "남성", 175.0, 72.5, "hong@example.com", "010-1234-5678",
             "2025-05-10 01:00:00", "2025-05-10 01:00:00"),
            (2, 2, "김영희", 28, "여성", 162.0, 54.0, None, "01098765432",
             "2025-05-11 02:00:00", "2025-05-11 02:00:00"),
            (3, 3, "이민호", 61, "남성", 170.0, 80.0, None, None,
             "2025-05-12 03:00:00", "2025-05-12 03:00:00"),
            (4, 3, "최수진", 45, "female", 158.0, 60.0, "", "010 5555 1111",
             "2025-05-13 04:00:00", "2025-05-13 04:00:00"),
        ],
    )
    _fill_assessments(con)
    _fill_money(con)


def _fill_assessments(con: sqlite3.Connection) -> None:
    columns = (
        "id, client_id, trainer_id, date, overhead_squat_score, overhead_squat_notes,"
        " overhead_squat_compensations, push_up_score, push_up_reps, push_up_notes,"
        " push_up_compensations, single_leg_balance_left_eyes_open,"
        " single_leg_balance_right_eyes_open, single_leg_balance_left_eyes_closed,"
        " single_leg_balance_right_eyes_closed, single_leg_balance_notes, toe_touch_score,"
        " toe_touch_distance, toe_touch_notes, toe_touch_compensations, shoulder_mobility_left,"
        " shoulder_mobility_right, shoulder_mobility_notes, shoulder_mobility_compensations,"
        " farmer_carry_weight, farmer_carry_distance, farmer_carry_notes,"
        " farmer_carry_compensations, harvard_step_test_heart_rate, harvard_step_test_duration,"
        " harvard_step_test_notes, overall_score, strength_score, mobility_score, balance_score,"
        " cardio_score, created_at, shoulder_mobility_score, farmer_carry_score"
    )
    rows = [
        (1, 1, 2, "2025-05-15", 2, "무릎 안쪽", "무릎 외반, 상체 숙임", 3, 22, None, None,
         31.5, 28.0, 12.3, 9.8, "흔들림", 3, 2.0, None, "햄스트링 긴장", 12.0, 15.0, None,
         None, 24.0, 30.0, None, "그립 약함", 112, 180.0, "호흡 빠름",
         71.25, 75.0, 62.5, 70.0, 60.0, "2025-05-15 03:00:00", 2, 3),
        # Second assessment of the same client: incomplete, scores partly missing.
        (2, 1, 2, "2025-06-14", 2, None, None, 3, 25, None, None,
         None, None, None, None, None, 3, 4.5, None, None, None, None, None,
         None, None, None, None, None, None, None, None,
         None, 80.0, None, None, None, "2025-06-14 03:00:00", None, None),
        (3, 3, 3, "2025-05-20", 1, None, None, 1, 4, "무릎 푸시업", "허리 처짐",
         5.0, 6.0, 2.0, 1.5, None, 1, -12.0, None, None, 25.0, 30.0, "통증 없음", None,
         10.0, 15.0, None, None, 138, 120.0, None,
         38.5, 30.0, 35.0, 40.0, 45.0, "2025-05-20 05:00:00", 1, 1),
    ]
    marks = ",".join("?" * len(rows[0]))
    con.executemany(f"INSERT INTO assessments ({columns}) VALUES ({marks})", rows)


def _fill_money(con: sqlite3.Connection) -> None:
    con.executemany(
        "INSERT INTO session_packages (id, client_id, trainer_id, total_amount, session_price,"
        " total_sessions, remaining_credits, remaining_sessions, package_name, notes,"
        " created_at, updated_at, is_active, gross_amount, vat_amount, card_fee_amount,"
        " net_amount, vat_rate, card_fee_rate, fee_calculation_method)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (1, 1, 2, 1000000, 50000, 20, 742270, 17, "20회 PT", None,
             "2025-05-10 02:00:00", "2025-06-01 02:00:00", 1,
             1000000, 90909, 35000, 874091, 0.10, 0.035, "inclusive"),
            (2, 2, 2, 600000, 60000, 10, 524454, 10, None, "첫 등록",
             "2025-05-11 03:00:00", "2025-05-11 03:00:00", 1,
             600000, 54545, 21000, 524455, 0.10, 0.035, "inclusive"),
            (3, 3, 3, 300000, 50000, 6, 0, 0, "6회 체험", None,
             "2025-05-12 04:00:00", "2025-06-10 04:00:00", 0,
             None, None, None, None, 0.10, 0.035, "inclusive"),
        ],
    )
    # Old service: row 1 duplicates sessions row 1 (same client, package, date).
    con.executemany(
        "INSERT INTO training_sessions (id, client_id, trainer_id, package_id, session_date,"
        " session_time, session_duration, session_cost, status, notes, created_at,"
        " completed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (1, 1, 2, 1, "2025-05-20", "10:00:44.064956", 60, 50000, "completed", None,
             "2025-05-19 01:00:00", "2025-05-20 02:00:00"),
            (2, 1, 2, 1, "2025-05-22", "19:30", 60, 50000, "completed", "하체",
             "2025-05-21 01:00:00", "2025-05-22 11:30:00"),
        ],
    )
    con.executemany(
        "INSERT INTO sessions (id, client_id, package_id, session_date, session_time,"
        " session_duration, session_cost, status, notes, created_at, completed_at, trainer_id)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (1, 1, 1, "2025-05-20", "10:00:00", 60, 50000.0, "completed", "상체",
             "2025-05-19 01:00:00", "2025-05-20 02:00:00", 2),
            (2, 1, 1, "2025-06-05", "07:00:00", 50, 50000.0, "completed", None,
             "2025-06-01 01:00:00", "2025-06-05 00:00:00", None),
            (3, 2, 2, "2025-06-30", "18:00:00", 60, 60000.0, "scheduled", None,
             "2025-06-20 01:00:00", None, 2),
            (4, 3, 3, "2025-06-01", "09:00:00", 60, 50000.0, "cancelled", None,
             "2025-05-30 01:00:00", None, 3),
        ],
    )
    # Old service: row 1 duplicates payments row 1 (same client, amount, date).
    con.executemany(
        "INSERT INTO payment_records (id, client_id, trainer_id, package_id, amount,"
        " payment_method, payment_date, description, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (1, 1, 2, 1, 1000000, "카드", "2025-05-10", "패키지 구매: 20회 PT",
             "2025-05-10 02:00:00"),
            (2, 3, 3, 3, 300000, "현금", "2025-05-12", None, "2025-05-12 04:00:00"),
        ],
    )
    con.executemany(
        "INSERT INTO payments (id, client_id, package_id, amount, payment_method, description,"
        " payment_date, created_at, trainer_id, gross_amount, vat_amount, card_fee_amount,"
        " net_amount, vat_rate, card_fee_rate) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (1, 1, 1, 1000000.0, "card", "패키지 구매: 20회 PT", "2025-05-10",
             "2025-05-10 02:00:00", 2, 1000000, 90909, 35000, 874091, 0.10, 0.035),
            (2, 2, 2, 600000.0, "Package Purchase", "패키지 구매: 기본 패키지", "2025-05-11",
             "2025-05-11 03:00:00", None, 600000, 54545, 21000, 524455, 0.10, 0.035),
            (3, 1, 1, 100000.0, "카드", "크래딧 충전", "2025-06-01",
             "2025-06-01 02:00:00", 2, None, None, None, None, None, None),
        ],
    )


# What a correct import of the fixture produces (DOMAIN.md 10.3 applied by hand).
EXPECTED = {
    "staff": 3,
    "clients": 4,
    "assessments": 3,
    "packages": 3,
    # 4 sessions + 2 training_sessions, of which one duplicates sessions row 1.
    "sessions": 5,
    # 3 payments + 2 payment_records, of which one duplicates payments row 1.
    "payments": 4,
}


def file_digest(path: Path) -> str:
    """SHA-256 of a file, to prove the import never wrote to the legacy database."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
