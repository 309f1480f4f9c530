"""Sync with the gym's PostgreSQL server (no Qt; psycopg is imported only inside functions).

Server side: `server_schema` (versioned schema in schema `the5hc`), `server_admin` (init,
upgrade, gyms and devices) and `enrolment` (the code a desk types to join its gym).
"""
