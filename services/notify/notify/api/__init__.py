"""The mail API: its routes are in api/mail_log.py for this one step (the next splits them by
resource)."""

from notify.api.mail_log import blueprints

__all__ = ["blueprints"]
