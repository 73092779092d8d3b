"""The mail API (nginx routes /api/v1/mail here): the WSIS team's mail log, failed mails and
resending (role admin), and the coordinators' unsubscribe link (signed, no account).
Routes only: schema in, use case, schema out."""

from __future__ import annotations

from flask import Response, current_app, render_template
from flask.views import MethodView
from flask_smorest import Blueprint

from notify.config import MailSettings
from notify.schemas.mail_log import (
    MailDetailSchema,
    MailPageSchema,
    MailQuerySchema,
    MailSchema,
    PageQuerySchema,
    SummarySchema,
    UnsubscribeSchema,
)
from notify.schemas.unsubscribe import TokenQuerySchema
from notify.service import mail_log, subscriptions
from wsis_common.apidoc import file_answer
from wsis_common.outage import database_unreachable
from wsis_common.problems import Problem, database_unavailable, problem_headers
from wsis_common.web import authenticate, context

blp = Blueprint("mail", __name__, url_prefix="/api/v1/mail",
                description="Every e-mail of the contest: the log, failed mails, resending, unsubscribing")


def mail_settings() -> MailSettings:
    return current_app.config["NOTIFY_MAIL"]


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


# A person opens the link: the answer is a page, a refused link's too.
UNSUBSCRIBE_PAGE = file_answer("text/html", description="The page", pages_for_errors=True)


@blp.route("/unsubscribe")
class UnsubscribeLink(MethodView):
    @blp.arguments(TokenQuerySchema, location="query")
    @blp.doc(**UNSUBSCRIBE_PAGE)
    def get(self, args):
        """The page behind the link: asks to confirm (link scanners must not unsubscribe anyone)"""
        return _page(lambda: subscriptions.check(context(), mail_settings(), args["token"]),
                     "confirm", args["token"])

    @blp.arguments(TokenQuerySchema, location="query")
    @blp.doc(**UNSUBSCRIBE_PAGE)
    def post(self, args):
        """Unsubscribe (the page's button, or a mail client's RFC 8058 one-click POST)"""
        return _page(lambda: subscriptions.unsubscribe(context(), mail_settings(), args["token"]),
                     "done", args["token"])


def _page(use_case, state: str, token: str) -> Response:
    try:
        edition, email = use_case()
    except Exception as exc:
        # A person reads the answer: a refused link, or the database out (503, to retry), as a page.
        if isinstance(exc, Problem):
            problem = exc
        elif database_unreachable(exc):
            problem = database_unavailable()
        else:
            raise
        html = render_template("pages/unsubscribe.html", state="invalid", detail=problem.detail,
                               edition=None)
        return Response(html, status=problem.status, mimetype="text/html", headers=problem_headers(problem))
    html = render_template("pages/unsubscribe.html", state=state, edition=edition, email=email,
                           token=token)
    return Response(html, mimetype="text/html")


def blueprints() -> list[Blueprint]:
    return [blp]
