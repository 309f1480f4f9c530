"""PDF output (ReportLab): assessment and comparison reports, receipts, batch export.

Renderers take the frozen dataclasses of `data.py`, filled by the services; nothing here
knows Qt or the database.
"""
