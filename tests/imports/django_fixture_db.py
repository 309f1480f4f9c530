"""A small database of the Django web edition, written from the schema of DOMAIN.md 1 and
10.4 the way Django creates SQLite tables (`<field>_id` foreign keys, `bool` columns,
`datetime` text in UTC). No Django involved.

`trainer_fk` chooses what the trainer columns reference: the trainer profile (as DOMAIN
1.5 documents) or the user (as early versions did); the import reads it from the schema.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from pathlib import Path

PASSWORDS = {"boss": "boss-pass-1", "coach": "coach-pass-2"}


def django_hash(password: str, salt: str = "fixturesalt123", iterations: int = 1000) -> str:
    """Django's pbkdf2_sha256 format (few iterations keep the suite fast)."""
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations)
    return f"pbkdf2_sha256${iterations}${salt}${base64.b64encode(digest).decode()}"


def _ddl(trainer_fk: str) -> str:
    ref = ('REFERENCES "trainers_trainer" ("id")' if trainer_fk == "trainer"
           else 'REFERENCES "accounts_user" ("id")')
    return f"""
CREATE TABLE "accounts_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL,
 "username" varchar(150) NOT NULL UNIQUE, "first_name" varchar(150) NOT NULL,
 "last_name" varchar(150) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL,
 "date_joined" datetime NOT NULL, "email" varchar(254) NOT NULL UNIQUE,
 "name" varchar(200) NOT NULL, "failed_login_attempts" integer NOT NULL,
 "locked_until" datetime NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL);
CREATE TABLE "trainers_organization" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "name" varchar(100) NOT NULL, "slug" varchar(100) NOT NULL UNIQUE, "description" text NOT NULL,
 "phone" varchar(20) NOT NULL, "email" varchar(254) NOT NULL, "address" text NOT NULL,
 "business_hours" text NOT NULL, "timezone" varchar(50) NOT NULL,
 "max_trainers" integer NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL);
CREATE TABLE "trainers_trainer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "role" varchar(20) NOT NULL, "bio" text NOT NULL, "profile_photo" varchar(100) NULL,
 "certifications" text NOT NULL, "specialties" text NOT NULL,
 "years_of_experience" integer NOT NULL, "session_price" integer NOT NULL,
 "availability_schedule" text NOT NULL, "is_active" bool NOT NULL,
 "deactivated_at" datetime NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL,
 "organization_id" bigint NULL
   REFERENCES "trainers_organization" ("id") DEFERRABLE INITIALLY DEFERRED,
 "user_id" bigint NOT NULL UNIQUE REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "clients" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "name" varchar(200) NOT NULL, "age" integer NOT NULL, "gender" varchar(20) NOT NULL,
 "height" real NOT NULL, "weight" real NOT NULL, "email" varchar(254) NULL,
 "phone" varchar(50) NULL, "created_at" datetime NOT NULL,
 "trainer_id" bigint NOT NULL {ref} DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "assessments" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "date" datetime NOT NULL, "overhead_squat_score" integer NULL,
 "overhead_squat_knee_valgus" bool NOT NULL, "overhead_squat_forward_lean" bool NOT NULL,
 "overhead_squat_heel_lift" bool NOT NULL, "overhead_squat_arm_drop" bool NOT NULL,
 "overhead_squat_quality" varchar(20) NULL, "overhead_squat_notes" text NULL,
 "overhead_squat_score_manual_override" bool NOT NULL,
 "push_up_reps" integer NULL, "push_up_type" varchar(20) NOT NULL, "push_up_score" integer NULL,
 "push_up_notes" text NULL, "push_up_score_manual_override" bool NOT NULL,
 "single_leg_balance_right_eyes_open" integer NULL,
 "single_leg_balance_left_eyes_open" integer NULL,
 "single_leg_balance_right_eyes_closed" integer NULL,
 "single_leg_balance_left_eyes_closed" integer NULL,
 "single_leg_balance_score_manual" integer NULL,
 "single_leg_balance_score_manual_override" bool NOT NULL, "single_leg_balance_notes" text NULL,
 "toe_touch_distance" real NULL, "toe_touch_score" integer NULL,
 "toe_touch_flexibility" varchar(20) NULL, "toe_touch_notes" text NULL,
 "toe_touch_score_manual_override" bool NOT NULL,
 "shoulder_mobility_right" real NULL, "shoulder_mobility_left" real NULL,
 "shoulder_mobility_score" integer NULL, "shoulder_mobility_pain" bool NOT NULL,
 "shoulder_mobility_asymmetry" real NULL, "shoulder_mobility_category" varchar(20) NULL,
 "shoulder_mobility_notes" text NULL, "shoulder_mobility_score_manual_override" bool NOT NULL,
 "farmer_carry_weight" real NULL, "farmer_carry_distance" real NULL,
 "farmer_carry_time" integer NULL, "farmer_carry_percentage" real NULL,
 "farmer_carry_score" integer NULL, "farmer_carry_notes" text NULL,
 "farmer_carry_score_manual_override" bool NOT NULL,
 "harvard_step_test_hr1" integer NULL, "harvard_step_test_hr2" integer NULL,
 "harvard_step_test_hr3" integer NULL, "harvard_step_test_duration" real NULL,
 "harvard_step_test_score_manual" integer NULL,
 "harvard_step_test_score_manual_override" bool NOT NULL, "harvard_step_test_notes" text NULL,
 "test_environment" varchar(10) NOT NULL, "temperature" real NULL,
 "overall_score" real NULL, "strength_score" real NULL, "mobility_score" real NULL,
 "balance_score" real NULL, "cardio_score" real NULL, "injury_risk_score" real NULL,
 "risk_factors" text NULL, "knowledge_score" real NULL, "lifestyle_score" real NULL,
 "readiness_score" real NULL, "comprehensive_score" real NULL, "created_at" datetime NOT NULL,
 "client_id" bigint NOT NULL REFERENCES "clients" ("id") DEFERRABLE INITIALLY DEFERRED,
 "trainer_id" bigint NOT NULL {ref} DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "session_packages" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "package_name" varchar(200) NOT NULL, "total_amount" decimal NOT NULL,
 "session_price" decimal NOT NULL, "total_sessions" integer NOT NULL,
 "remaining_sessions" integer NOT NULL, "remaining_credits" decimal NOT NULL,
 "is_active" bool NOT NULL, "notes" text NOT NULL, "gross_amount" integer NULL,
 "vat_amount" integer NULL, "card_fee_amount" integer NULL, "net_amount" integer NULL,
 "vat_rate" decimal NOT NULL, "card_fee_rate" decimal NOT NULL,
 "fee_calculation_method" varchar(20) NOT NULL, "created_at" datetime NOT NULL,
 "updated_at" datetime NOT NULL,
 "client_id" bigint NOT NULL REFERENCES "clients" ("id") DEFERRABLE INITIALLY DEFERRED,
 "trainer_id" bigint NOT NULL {ref} DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "sessions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "session_date" date NOT NULL, "session_time" time NULL, "session_duration" integer NOT NULL,
 "session_cost" decimal NOT NULL, "status" varchar(20) NOT NULL, "notes" text NOT NULL,
 "created_at" datetime NOT NULL, "completed_at" datetime NULL,
 "client_id" bigint NOT NULL REFERENCES "clients" ("id") DEFERRABLE INITIALLY DEFERRED,
 "package_id" bigint NOT NULL REFERENCES "session_packages" ("id") DEFERRABLE INITIALLY DEFERRED,
 "trainer_id" bigint NOT NULL {ref} DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "payments" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "amount" decimal NOT NULL, "payment_method" varchar(20) NOT NULL, "description" text NOT NULL,
 "payment_date" date NOT NULL, "gross_amount" integer NULL, "vat_amount" integer NULL,
 "card_fee_amount" integer NULL, "net_amount" integer NULL, "vat_rate" decimal NULL,
 "card_fee_rate" decimal NULL, "created_at" datetime NOT NULL,
 "client_id" bigint NOT NULL REFERENCES "clients" ("id") DEFERRABLE INITIALLY DEFERRED,
 "package_id" bigint NULL REFERENCES "session_packages" ("id") DEFERRABLE INITIALLY DEFERRED,
 "trainer_id" bigint NOT NULL {ref} DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "fee_audit_log" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "calculation_type" varchar(20) NOT NULL, "gross_amount" integer NOT NULL,
 "vat_amount" integer NOT NULL, "card_fee_amount" integer NOT NULL, "net_amount" integer NOT NULL,
 "vat_rate" decimal NOT NULL, "card_fee_rate" decimal NOT NULL,
 "calculation_details" text NOT NULL, "created_at" datetime NOT NULL,
 "created_by_id" bigint NOT NULL {ref} DEFERRABLE INITIALLY DEFERRED,
 "package_id" bigint NULL REFERENCES "session_packages" ("id") DEFERRABLE INITIALLY DEFERRED,
 "payment_id" bigint NULL REFERENCES "payments" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "trainers_auditlog" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "action" varchar(50) NOT NULL, "object_id" integer unsigned NULL, "ip_address" char(39) NULL,
 "user_agent" text NOT NULL, "extra_data" text NOT NULL, "created_at" datetime NOT NULL,
 "content_type_id" integer NULL, "organization_id" bigint NULL,
 "user_id" bigint NULL REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "assessments_questioncategory" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "name" varchar(100) NOT NULL UNIQUE, "name_ko" varchar(100) NOT NULL);
CREATE TABLE "assessments_questionresponse" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
 "response_text" text NULL, "points_earned" integer NOT NULL, "assessment_id" bigint NOT NULL,
 "question_id" bigint NOT NULL);
"""


def build_django_db(path: Path, trainer_fk: str = "trainer") -> Path:
    """Create the fixture at `path`; trainer columns reference profiles ('trainer') or users."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        con.executescript(_ddl(trainer_fk))
        _fill(con, trainer_fk)
        con.commit()
    finally:
        con.close()
    return path


def _fill(con: sqlite3.Connection, trainer_fk: str) -> None:
    now = "2025-06-20 01:00:00"
    con.execute("INSERT INTO trainers_organization VALUES (1, '더파이브 강남', 'the5hc-gangnam',"
                " '', '0212345678', 'gym@the5hc.kr', '서울 강남구', '{}', 'Asia/Seoul', 10, ?, ?)",
                (now, now))
    users = [  # id, password, superuser, username, first, last, active, email, name
        (1, django_hash(PASSWORDS["boss"]), 1, "boss", "대표", "김", 1, "boss@the5hc.kr", ""),
        (2, django_hash(PASSWORDS["coach"]), 0, "coach", "", "", 1, "coach@the5hc.kr", "박코치"),
        (3, "!unusablehash", 0, "gone", "", "", 0, "gone@the5hc.kr", "퇴사자"),
    ]
    for uid, pw, su, username, first, last, active, email, name in users:
        con.execute("INSERT INTO accounts_user VALUES (?,?,NULL,?,?,?,?,?,?,?,?,?,0,NULL,?,?)",
                    (uid, pw, su, username, first, last, su, active, "2025-05-01 00:00:00",
                     email, name, now, now))
    # Profiles have their own ids (10, 20, 30), so a wrong reference is caught by the tests.
    for pid, role, uid in ((10, "owner", 1), (20, "trainer", 2), (30, "trainer", 3)):
        con.execute("INSERT INTO trainers_trainer VALUES (?,?,'',NULL,'[]','[]',3,50000,'{}',1,"
                    "NULL,?,?,1,?)", (pid, role, now, now, uid))
    coach = 20 if trainer_fk == "trainer" else 2
    con.executemany(
        "INSERT INTO clients VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(1, "홍길동", 35, "male", 175.0, 72.5, "hong@example.com", "010-1234-5678",
          "2025-05-10 01:00:00", coach),
         (2, "김영희", 28, "여성", 162.0, 54.0, None, "01098765432", "2025-05-11 02:00:00",
          coach)],
    )
    con.execute(
        "INSERT INTO session_packages VALUES (1, '10회 PT', 1000000, 100000, 10, 7, 700000, 1,"
        " '', 1000000, 88105, 30837, 881058, 0.1, 0.04, 'inclusive', ?, ?, 1, ?)",
        ("2025-05-10 02:00:00", now, coach))
    con.executemany(
        "INSERT INTO sessions VALUES (?,?,?,60,100000,?,'',?,?,1,1,?)",
        [(1, "2025-06-02", "10:00:00", "completed", now, "2025-06-02 02:00:00", coach),
         (2, "2025-06-02", "18:30:00", "completed", now, "2025-06-02 10:30:00", coach),
         (3, "2025-06-25", None, "scheduled", now, None, coach)],
    )
    con.executemany(
        "INSERT INTO payments VALUES (?,?,?,'',?,?,?,?,?,?,?,?,?,?,?)",
        [(1, 1000000, "card", "2025-05-10", 1000000, 88105, 30837, 881058, 0.1, 0.04,
          "2025-05-10 02:00:00", 1, 1, coach),
         (2, 50000, "현금", "2025-06-01", None, None, None, None, None, None, now, 2, None,
          coach)],
    )
    details = json.dumps(json.dumps({"original_amount": 1000000.0, "method": "inclusive"}))
    con.execute("INSERT INTO fee_audit_log VALUES (1, 'inclusive', 1000000, 88105, 30837,"
                " 881058, 0.1, 0.04, ?, ?, ?, 1, NULL)",
                (details, "2025-05-10 02:00:00", coach))
    _assessment(con, coach)
    con.execute("INSERT INTO trainers_auditlog VALUES (1, 'login_success', NULL, '10.0.0.1',"
                " 'Mozilla', '{\"username\": \"boss\"}', ?, NULL, 1, 1)", (now,))
    con.execute("INSERT INTO assessments_questioncategory VALUES (1, 'Knowledge', '지식')")
    con.execute("INSERT INTO assessments_questionresponse VALUES (1, NULL, 3, 1, 1)")


def _assessment(con: sqlite3.Connection, coach: int) -> None:
    columns = [r[1] for r in con.execute('PRAGMA table_info("assessments")')]
    values: dict[str, object] = dict.fromkeys(columns)
    values.update({c: 0 for c in columns if c.endswith("_override") or c in (
        "overhead_squat_knee_valgus", "overhead_squat_forward_lean",
        "overhead_squat_heel_lift", "overhead_squat_arm_drop", "shoulder_mobility_pain")})
    values.update({
        "id": 1, "date": "2025-06-27 15:30:00",  # 28 June in Seoul: after the regression
        "overhead_squat_score": 2, "overhead_squat_knee_valgus": 1,
        "overhead_squat_quality": "compensations", "push_up_reps": 18,
        "push_up_type": "modified", "push_up_score": 3,
        "single_leg_balance_right_eyes_open": 0, "single_leg_balance_left_eyes_open": 0,
        "single_leg_balance_right_eyes_closed": 0, "single_leg_balance_left_eyes_closed": 0,
        "single_leg_balance_score_manual": 1, "toe_touch_distance": 3.5, "toe_touch_score": 3,
        "shoulder_mobility_score": 2, "farmer_carry_weight": 20.0,
        "farmer_carry_distance": 30.0, "farmer_carry_time": 40, "farmer_carry_score": 3,
        "harvard_step_test_hr1": 80, "harvard_step_test_hr2": 75, "harvard_step_test_hr3": 70,
        "harvard_step_test_duration": 180.0, "harvard_step_test_score_manual": 2,
        "test_environment": "indoor", "overall_score": 61.5, "strength_score": 70.0,
        "mobility_score": 65.0, "balance_score": 25.0, "cardio_score": 20.0,
        "injury_risk_score": 35.0, "risk_factors": json.dumps({"primary": ["balance"]}),
        "push_up_notes": "무릎 푸시업", "created_at": "2025-06-27 15:40:00",
        "client_id": 1, "trainer_id": coach,
    })
    marks = ",".join("?" * len(columns))
    con.execute(f"INSERT INTO assessments ({','.join(columns)}) VALUES ({marks})",
                [values[c] for c in columns])
