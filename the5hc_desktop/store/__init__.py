"""Local store: SQLAlchemy models, the SQLite/PostgreSQL engine and Alembic upgrades.

Import `the5hc_desktop.store.database.Database` to open a store and
`the5hc_desktop.store.models` for the mapped classes. Nothing here imports Qt.
"""
