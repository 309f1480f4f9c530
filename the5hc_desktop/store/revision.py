"""The schema revision this program writes, named without importing Alembic or SQLAlchemy.

`migrate` re-exports both names; a test keeps `HEAD_REVISION` equal to the head of the
migration scripts. A new migration changes it here.
"""

from __future__ import annotations

HEAD_REVISION = "0015"
VERSION_TABLE = "alembic_version"
