"""The summary tables that SQLite triggers keep, and the SQL that fills each from scratch.

Every summary is local and derived: its rows follow from the base tables alone, so a bulk
load (store/bulk_load.py) may drop the triggers feeding one, load, empty it and run its
back-fill — the same SQL its migration ran. A new summary adds its entry here; its
triggers are then found in sqlite_master by the tables they write.
"""

from __future__ import annotations

from the5hc_desktop.store import analytics_sql, dash_summary_sql, member_list_sql

# summary table -> statements that fill it (empty) from the base tables, on SQLite
BACKFILLS: dict[str, tuple[str, ...]] = {
    **{s.table: (dash_summary_sql.backfill(s, "sqlite"),) for s in dash_summary_sql.SUMMARIES},
    "member_activity": (analytics_sql.backfill(),),
    "package_sales": (analytics_sql.PACKAGES_BACKFILL,),
    member_list_sql.FACTS: member_list_sql.BACKFILL,
}
