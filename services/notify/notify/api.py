"""The notify service's HTTP API (the sent-mail log for the WSIS team comes with issue 9)."""

from flask_smorest import Blueprint


def blueprints() -> list[Blueprint]:
    return []
