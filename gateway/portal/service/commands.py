"""`python -m portal create-admin EMAIL USER_NAME`: the first admin (the password comes from
ADMIN_PASSWORD, or is asked for on the terminal)."""

from __future__ import annotations

import argparse
import getpass
import os

from portal.service import accounts
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem


def create_admin(ctx: ServiceContext, args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal create-admin")
    parser.add_argument("email")
    parser.add_argument("user_name")
    parser.add_argument("--organisation", default="WSIS team, ITU")
    parser.add_argument("--country", default="CH")
    options = parser.parse_args(args)
    password = os.environ.get("ADMIN_PASSWORD") or getpass.getpass("Password for the admin: ")
    try:
        account = accounts.register(ctx, user_name=options.user_name, email=options.email, password=password,
                                    organisation_name=options.organisation,
                                    organisation_type="international_organisation", country=options.country,
                                    roles=("stakeholder", "admin"), verified=True)
    except Problem as problem:
        for field, reasons in (problem.errors or {}).items():
            print(f"{field}: {' '.join(reasons)}")
        print(problem.detail)
        return 1
    print(f"admin {account['user_name']} <{account['email']}> created: {account['id']}")
    return 0
