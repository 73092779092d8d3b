"""The coordinators' unsubscribe link (signed, no account): a person opens it, so every answer
is a page, a refused link's too."""

from __future__ import annotations

from flask import Response, render_template
from flask.views import MethodView

from notify.api import blp, mail_settings
from notify.schemas.unsubscribe import TokenQuerySchema
from notify.service import subscriptions
from wsis_common.apidoc import file_answer
from wsis_common.outage import database_unreachable
from wsis_common.problems import Problem, database_unavailable, problem_headers
from wsis_common.web import context

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
