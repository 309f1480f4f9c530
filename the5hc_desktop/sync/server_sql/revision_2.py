"""Server schema revision 2: the health screening and questionnaire entities.

`health_screenings` and `assessment_health` are synced like members (last writer wins), so
they get entity tables of the same shape as revision 1's, with the same tenant wall.
"""

from __future__ import annotations

from the5hc_desktop.sync.server_sql.revision_1 import _ENTITY, _TENANT, CURRENT_GYM

ENTITIES = ("health_screenings", "assessment_health")

SQL = "\n".join(
    [_ENTITY.format(table=t, extra="") for t in ENTITIES]
    + [_TENANT.format(table=t, current=CURRENT_GYM) for t in ENTITIES]
)
