"""Server schema revision 3: the trainer availability entities.

`trainer_hours` and `availability_exceptions` are synced like settings (last writer wins),
so they get entity tables of the same shape as revision 1's, with the same tenant wall.
"""

from __future__ import annotations

from the5hc_desktop.sync.server_sql.revision_1 import _ENTITY, _TENANT, CURRENT_GYM

ENTITIES = ("trainer_hours", "availability_exceptions")

SQL = "\n".join(
    [_ENTITY.format(table=t, extra="") for t in ENTITIES]
    + [_TENANT.format(table=t, current=CURRENT_GYM) for t in ENTITIES]
)
