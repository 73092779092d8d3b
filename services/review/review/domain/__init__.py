"""The expert group's rules in plain Python: no Flask, no SQLAlchemy."""
