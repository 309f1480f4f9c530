"""Pure domain rules: scoring, risk, recommendations, fees, people and Korean text helpers.

Nothing here imports Qt, SQLAlchemy or ReportLab (enforced by import-linter).
"""
