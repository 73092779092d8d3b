"""The WSIS team's mail log (role admin): what was sent to whom and when in an edition, how
many of each kind, who unsubscribed, failed mails, one mail with its text, and resending."""

from __future__ import annotations

from flask.views import MethodView

from notify.api import blp, mail_settings
from notify.schemas.mail_log import (
    MailDetailSchema,
    MailPageSchema,
    MailQuerySchema,
    MailSchema,
    PageQuerySchema,
    SummarySchema,
    UnsubscribeSchema,
)
from notify.service import mail_log
from wsis_common.web import authenticate, context


@blp.route("/editions/<int:year>/mails")
class EditionMails(MethodView):
    @blp.arguments(MailQuerySchema, location="query")
    @blp.response(200, MailPageSchema)
    def get(self, filters, year: int):
        """What was sent to whom and when in one edition (oldest first)"""
        authenticate(role="admin")
        return mail_log.edition_mails(context(), year, filters)


@blp.route("/editions/<int:year>/summary")
class EditionSummary(MethodView):
    @blp.response(200, SummarySchema)
    def get(self, year: int):
        """How many mails of each kind are pending, sent, failed"""
        authenticate(role="admin")
        return mail_log.summary(context(), year)


@blp.route("/editions/<int:year>/unsubscribes")
class EditionUnsubscribes(MethodView):
    @blp.response(200, UnsubscribeSchema(many=True))
    def get(self, year: int):
        """Coordinators who stopped the progress mails"""
        authenticate(role="admin")
        return mail_log.unsubscribes(context(), year)


@blp.route("/failed")
class FailedMails(MethodView):
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, MailPageSchema)
    def get(self, page):
        """Mails that kept failing, of every edition"""
        authenticate(role="admin")
        return mail_log.failed_mails(context(), page)


@blp.route("/mails/<mail_id>")
class OneMail(MethodView):
    @blp.response(200, MailDetailSchema)
    def get(self, mail_id: str):
        """One mail with its text"""
        authenticate(role="admin")
        return mail_log.get_mail(context(), mail_id)


@blp.route("/mails/<mail_id>/resend")
class Resend(MethodView):
    @blp.response(202, MailSchema)
    def post(self, mail_id: str):
        """Send a mail again: a failed one as it was, a sent one as a new copy"""
        authenticate(role="admin")
        return mail_log.resend(context(), mail_settings(), mail_id)
