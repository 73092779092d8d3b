"""The contest's phase-1 rules in plain Python: no Flask, no SQLAlchemy."""
