"""Account rules in plain Python: what a valid registration is, when a profile is complete."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.accounts.countries import ORGANISATION_TYPES, country_codes
from portal.accounts.passwords import password_problems

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
    if not _USER_NAME.match(data.get("user_name", "")):
        errors["user_name"] = ["Use 3 to 60 letters, digits, dots, dashes or underscores."]
    if not _EMAIL.match(data.get("email", "")):
        errors["email"] = ["This is not an e-mail address."]
    problems = password_problems(data.get("password", ""), user_name=data.get("user_name", ""),
                                 email=data.get("email", ""))
    if problems:
        errors["password"] = problems
    errors.update(organisation_errors(data, required=True))
    return errors


def organisation_errors(data: dict[str, str], *, required: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if ("organisation_name" in data or required) and not (data.get("organisation_name") or "").strip():
        errors["organisation_name"] = ["The organisation's name is required."]
    if ("organisation_type" in data or required) and data.get("organisation_type") not in ORGANISATION_TYPES:
        errors["organisation_type"] = [f"Choose one of: {', '.join(ORGANISATION_TYPES)}."]
    if ("country" in data or required) and (data.get("country") or "").upper() not in country_codes():
        errors["country"] = ["Choose a country from the list (ISO 3166 code)."]
    return errors
