"""The portal's rules that need no web framework and no database (plain Python, tested alone)."""
