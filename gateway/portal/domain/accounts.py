"""Account rules in plain Python: what a valid registration is, when a profile is complete.

A user name is letters, digits, dots, dashes and underscores: never an '@', so that no user
name can be, or look like, anyone's e-mail address (log-in takes either), and never markup.
One rule for registration and every later change."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.domain.countries import ORGANISATION_TYPES, country_codes
from portal.domain.passwords import password_problems

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_USER_NAME = re.compile(r"^[\w.\-]{3,60}$")


@dataclass(frozen=True)
class Profile:
    user_name: str
    email: str
    email_verified: bool
    organisation_name: str
    organisation_type: str
    country: str

    @property
    def complete(self) -> bool:
        """Rule 1 of the vote: organisation name, type, country, user name and a verified e-mail."""
        return bool(self.user_name and self.email and self.email_verified and self.organisation_name
                    and self.organisation_type and self.country)


def registration_errors(data: dict[str, str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    name_problems = user_name_problems(data.get("user_name", ""))
    if name_problems:
        errors["user_name"] = name_problems
    if not _EMAIL.match(data.get("email", "")):
        errors["email"] = ["This is not an e-mail address."]
    problems = password_problems(data.get("password", ""), user_name=data.get("user_name", ""),
                                 email=data.get("email", ""))
    if problems:
        errors["password"] = problems
    errors.update(organisation_errors(data, required=True))
    return errors


def user_name_problems(user_name: str) -> list[str]:
    if not _USER_NAME.fullmatch(user_name):
        return ["Use 3 to 60 letters, digits, dots, dashes or underscores."]
    return []


def is_email(identifier: str) -> bool:
    """Log-in by an identifier with an '@' looks among e-mail addresses only."""
    return "@" in identifier


def organisation_errors(data: dict[str, str], *, required: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if ("organisation_name" in data or required) and not (data.get("organisation_name") or "").strip():
        errors["organisation_name"] = ["The organisation's name is required."]
    if ("organisation_type" in data or required) and data.get("organisation_type") not in ORGANISATION_TYPES:
        errors["organisation_type"] = [f"Choose one of: {', '.join(ORGANISATION_TYPES)}."]
    if ("country" in data or required) and (data.get("country") or "").upper() not in country_codes():
        errors["country"] = ["Choose a country from the list (ISO 3166 code)."]
    return errors
