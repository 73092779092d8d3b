"""What a valid password is, in plain Python: one rule for registration, a reset and a change.
The hashing (Argon2id, salted: not a pure function) is service/passwords.py."""

from __future__ import annotations

MIN_LENGTH = 10


def password_problems(password: str, *, user_name: str, email: str) -> list[str]:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Use at least {MIN_LENGTH} characters.")
    lowered = password.lower()
    if lowered in {user_name.lower(), email.lower()} or lowered == email.split("@")[0].lower():
        problems.append("Do not use your user name or e-mail as the password.")
    return problems
