"""SQL text of the server schema, kept as Python modules so it ships with the package.

`STEPS[n - 1]` takes a schema from revision n - 1 to n and is never edited once released;
`functions.definitions()` is the current set of functions, re-created after every step.
"""

from __future__ import annotations

from the5hc_desktop.sync.server_sql import revision_1, revision_2, revision_3

STEPS: tuple[str, ...] = (revision_1.SQL, revision_2.SQL, revision_3.SQL)
