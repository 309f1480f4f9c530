"""0005 -> 0006: assessments keep their tips and concerns as codes (and parameters), and
every assessment reads back the same texts as before, row for row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select

from the5hc_desktop.domain.recommendations import tip_for
from the5hc_desktop.domain.risk import concern_of
from the5hc_desktop.services import open_services, passwords
from the5hc_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, LIGHT, generate_demo
from the5hc_desktop.store import migrate
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.engine import create_sqlite_engine, write_engine
from the5hc_desktop.store.models import Assessment
from the5hc_desktop.store.types import unpack_json

# A tip and a concern worded as an older version wrote them: kept as stored.
OLD_TIP = {"code": "strength.grip", "text_ko": "예전 문구", "text_en": "Older wording"}
OLD_CONCERN = {"code": "poor_balance", "text_ko": "균형 부족", "text_en": "Balance is poor"}


def _wide(recommendations: Any, risk_factors: Any) -> tuple[Any, Any]:
    """The 0005 form: every tip and concern with its texts."""
    def tip(code: str) -> dict[str, str]:
        t = tip_for(code)
        return {"code": t.code, "text_ko": t.text_ko, "text_en": t.text_en}

    def factor(item: list[Any]) -> dict[str, Any]:
        concern = None
        if len(item) > 3:
            c = concern_of(item[3][0], tuple(item[3][1:]))
            concern = {"code": c.code, "text_ko": c.text_ko, "text_en": c.text_en}
        return {"code": item[0], "points": item[1], "details": item[2], "concern": concern,
                "primary_rank": item[4] if len(item) > 4 else None}

    by = {category: [tip(code) for code in codes]
          for category, codes in recommendations["by_category"].items()}
    return {"by_category": by}, [factor(item) for item in risk_factors]


def _views(path: Path) -> dict[Any, Any]:
    services = open_services(path)
    try:
        actor = services.accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        with services.database.read() as s:
            ids = list(s.scalars(select(Assessment.id)))
        views = {i: services.assessments.get(actor, i) for i in ids}
        return {i: (v.risk, [(c.code, c.text_ko, c.text_en) for c in v.risk.primary_concerns]
                    if v.risk else None, v.recommendations) for i, v in views.items()}
    finally:
        services.close()


def test_upgrade_to_0006_compacts_assessments_and_keeps_every_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passwords, "_HASHER", passwords.PasswordHasher(
        time_cost=1, memory_cost=8, parallelism=1))
    path = tmp_path / "demo.sqlite3"
    with Database.open(path) as db:
        generate_demo(db, 150, seed=5, profile=LIGHT)
    conn_engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(conn_engine).begin() as conn:
            _down_to_0006(conn)  # later revisions' tables leave with them
            rows = conn.exec_driver_sql(
                "SELECT id, recommendations, risk_factors FROM assessments").fetchall()
            assert len(rows) > 50
            odd = rows[0][0]
            for row_id, recs, risk in rows:
                wide_recs, wide_risk = _wide(json.loads(recs), json.loads(risk))
                if row_id == odd:
                    wide_recs["by_category"]["strength"].append(OLD_TIP)
                    wide_risk.append({"code": "poor_static_balance", "points": 10.0,
                                      "details": {}, "concern": OLD_CONCERN,
                                      "primary_rank": None})
                conn.exec_driver_sql(
                    "UPDATE assessments SET recommendations = ?, risk_factors = ? WHERE id = ?",
                    (json.dumps(wide_recs), json.dumps(wide_risk), row_id))
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0005'")
    finally:
        conn_engine.dispose()
    before = _views(path)  # read by this version from the 0005 form
    concerns = {c for v in before.values() if v[1] for c in v[1]}
    assert len({code for code, _, _ in concerns}) >= 3  # the rows cover several concerns
    engine = create_sqlite_engine(path, foreign_keys=False)
    try:
        with write_engine(engine).begin() as conn:
            migrate.upgrade(conn, target="0006")
            # _views opened the file, which took it to head: packed JSON since 0009.
            stored = {r[0]: (unpack_json(r[1]), unpack_json(r[2])) for r in conn.exec_driver_sql(
                "SELECT id, recommendations, risk_factors FROM assessments")}
    finally:
        engine.dispose()
    assert _views(path) == before
    for row_id, (recs, risk) in stored.items():
        tips = [t for tips in recs["by_category"].values() for t in tips]
        if row_id == odd:
            assert OLD_TIP in tips
            assert risk[-1][3] == OLD_CONCERN
            tips.remove(OLD_TIP)
            risk = risk[:-1]
        assert all(isinstance(t, str) for t in tips)
        assert all(isinstance(item, list) for item in risk)
        assert "text_ko" not in json.dumps(risk)


def _down_to_0006(conn: Connection) -> None:
    from alembic import command

    config = migrate.make_config()
    config.attributes["connection"] = conn
    command.downgrade(config, "0006")
