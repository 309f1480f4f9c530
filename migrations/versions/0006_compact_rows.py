"""Compact assessment rows: recommendations as tip codes, risk factors without concern texts.

Before, every assessment stored each tip and each primary concern with its Korean and
English texts (~3.5 KB a row). Now a tip is its code and a concern is its code plus the
parameters its texts are made of; the texts come from the domain when the row is read
(`domain.recommendations.tip_for`, `domain.risk.concern_of`). A stored text is converted
only when the domain gives back exactly that text; any other (older wording, imports)
stays as it was, which the reader still understands. Downgrade writes the texts back.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from the5hc_desktop.domain.recommendations import tip_for
from the5hc_desktop.domain.risk import concern_of
from the5hc_desktop.domain.words import fmt1

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2_000


def _texts_of(item: dict[str, Any]) -> tuple[str, str]:
    return str(item.get("text_ko", "")), str(item.get("text_en", ""))


def _compact_tip(item: Any) -> Any:
    if not isinstance(item, dict) or not isinstance(item.get("code"), str):
        return item
    try:
        tip = tip_for(item["code"])
    except (KeyError, ValueError):
        return item
    return tip.code if (tip.text_ko, tip.text_en) == _texts_of(item) else item


def _param_candidates(code: str, details: dict[str, Any]) -> list[tuple[str, ...]]:
    """The parameters a concern's texts may have been made of, from its factor's details."""
    try:
        if code == "category_imbalance":
            categories = details.get("categories") or {}
            return [(key, fmt1(float(value["percentage"])))
                    for key, value in categories.items()]
        if code == "balance_asymmetry":
            return [(fmt1(float(details["asymmetry_pct"])),)]
        if code == "shoulder_asymmetry":
            return [(fmt1(float(details["difference_cm"])),)]
        if code == "movement_compensations":
            return [(str(int(details["count"])),)]
        if code == "poor_mobility":
            return [(str(len(details["tests"])),)]
    except (KeyError, TypeError, ValueError, AttributeError):
        return []
    return [()]


def _compact_concern(raw: Any, details: dict[str, Any]) -> Any:
    if not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
        return raw
    for params in _param_candidates(raw["code"], details):
        try:
            concern = concern_of(raw["code"], params)
        except (KeyError, ValueError):
            continue
        if (concern.text_ko, concern.text_en) == _texts_of(raw):
            return [concern.code, *concern.params]
    return raw


def _compact_factor(item: Any) -> Any:
    if not isinstance(item, dict) or "code" not in item:
        return item
    details = item.get("details") if isinstance(item.get("details"), dict) else {}
    row: list[Any] = [item["code"], item.get("points"), item.get("details")]
    if item.get("concern") is not None:
        row += [_compact_concern(item["concern"], details), item.get("primary_rank")]
    return row


def compact_recommendations(data: Any) -> Any:
    by = data.get("by_category") if isinstance(data, dict) else None
    if not isinstance(by, dict):
        return data
    return {**data, "by_category": {
        category: [_compact_tip(t) for t in tips] if isinstance(tips, list) else tips
        for category, tips in by.items()}}


def compact_risk_factors(data: Any) -> Any:
    return [_compact_factor(item) for item in data] if isinstance(data, list) else data


def _wide_tip(item: Any) -> Any:
    if not isinstance(item, str):
        return item
    tip = tip_for(item)
    return {"code": tip.code, "text_ko": tip.text_ko, "text_en": tip.text_en}


def _wide_concern(raw: Any) -> Any:
    if not isinstance(raw, list) or not raw:
        return raw
    concern = concern_of(str(raw[0]), tuple(str(p) for p in raw[1:]))
    return {"code": concern.code, "text_ko": concern.text_ko, "text_en": concern.text_en}


def _wide_factor(item: Any) -> Any:
    if not isinstance(item, list) or len(item) < 3:
        return item
    concern = _wide_concern(item[3]) if len(item) > 3 else None
    return {"code": item[0], "points": item[1], "details": item[2], "concern": concern,
            "primary_rank": item[4] if len(item) > 4 else None}


_ASSESSMENTS = sa.table(
    "assessments",
    sa.column("id", sa.LargeBinary()),
    sa.column("recommendations", sa.JSON()),
    sa.column("risk_factors", sa.JSON()),
)


def _rewrite(recommendations: Any, risk_factors: Any) -> None:
    conn = op.get_bind()
    table = _ASSESSMENTS
    if conn.dialect.name != "sqlite":
        table = sa.table("assessments", sa.column("id", sa.Uuid()),
                         *(sa.column(c.name, sa.JSON()) for c in list(_ASSESSMENTS.c)[1:]))
    rows = conn.execute(sa.select(table.c.id, table.c.recommendations, table.c.risk_factors))
    changed: list[dict[str, Any]] = []
    for row_id, recs, risk in rows.fetchall():
        new_recs, new_risk = recommendations(recs), risk_factors(risk)
        if (new_recs, new_risk) != (recs, risk):
            changed.append({"row_id": row_id, "recs": new_recs, "risk": new_risk})
    update = (
        table.update()
        .where(table.c.id == sa.bindparam("row_id"))
        .values(recommendations=sa.bindparam("recs"), risk_factors=sa.bindparam("risk"))
    )
    for start in range(0, len(changed), _BATCH):
        conn.execute(update, changed[start:start + _BATCH])


def upgrade() -> None:
    # Only the JSON text changes: stamps and clocks stay (the row's meaning is the same).
    _rewrite(compact_recommendations, compact_risk_factors)


def downgrade() -> None:
    _rewrite(
        lambda data: {**data, "by_category": {
            category: [_wide_tip(t) for t in tips] if isinstance(tips, list) else tips
            for category, tips in data["by_category"].items()}}
        if isinstance(data, dict) and isinstance(data.get("by_category"), dict) else data,
        lambda data: [_wide_factor(item) for item in data] if isinstance(data, list) else data,
    )
