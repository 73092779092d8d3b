"""The WSIS team's view of the vote as it happens: live counts per category and nominee, votes
over time (a surge shows as a peak), and the suspicious-voting report with its evidence (bursts
sharing a trait, and votes from new accounts). The
pages work without JavaScript (tables, refreshed on reload); with it, static/js/console_live.js
draws the charts from those tables and polls `live.json` to update them."""

from __future__ import annotations

from typing import Any

from babel.dates import format_date, format_datetime
from flask import jsonify, request
from flask_babel import get_locale, gettext, lazy_gettext

from portal.domain import live
from portal.pages import auth, editions
from portal.pages.blueprint import bp, render
from portal.pages.client import ApiError, get_json
from portal.pages.forms import FormErrors
from wsis_common.clock import GENEVA
from wsis_common.phases import parse_instant

REFRESH_SECONDS = 15
TRAIT_LABELS = {
    "address": lazy_gettext("Internet address"),
    "email_domain": lazy_gettext("E-mail domain"),
    "organisation": lazy_gettext("Organisation"),
    "country": lazy_gettext("Country"),
}
REPORT_FIELDS = ("window_minutes", "threshold", "traits", "new_account_hours")


def _votes(year: int, what: str, **params: Any) -> Any:
    return get_json(f"/api/v1/editions/{year}/votes/{what}", token=auth.service_token(),
                    params=params or None)


def _bucket() -> str:
    return "day" if request.args.get("bucket") == "day" else "hour"


def bucket_label(start: str, bucket: str) -> str:
    """A bucket's start in Geneva time, short, in the page's language."""
    geneva = parse_instant(start).astimezone(GENEVA)
    if bucket == "day":
        return format_date(geneva, "medium", locale=get_locale())
    return format_datetime(geneva, "d MMM, HH:mm", locale=get_locale())


def _live(year: int, bucket: str) -> tuple[dict[str, Any], list[live.CategoryCount], live.Timeline]:
    counts = _votes(year, "counts")
    return counts, live.category_counts(counts), live.timeline(_votes(year, "timeline", bucket=bucket))


@bp.get("/admin/editions/<int:year>/vote/live")
@auth.role_required("admin")
def admin_vote_live(year: int) -> Any:
    bucket = _bucket()
    counts, categories, timeline = _live(year, bucket)
    return render("console/vote_live.html", edition=editions.edition(year), year=year, bucket=bucket,
                  as_of=counts.get("as_of"), total=counts.get("votes", 0), categories=categories,
                  timeline=timeline, bucket_labels=[bucket_label(s, bucket) for s in timeline.starts],
                  refresh=REFRESH_SECONDS)


@bp.get("/admin/editions/<int:year>/vote/live.json")
@auth.role_required("admin")
def admin_vote_live_json(year: int) -> Any:
    """What the live page's script redraws: the same figures as the page's tables."""
    bucket = _bucket()
    counts, categories, timeline = _live(year, bucket)
    response = jsonify({
        "as_of": counts.get("as_of"), "votes": counts.get("votes", 0),
        "categories": [{"category": c.category, "votes": c.votes,
                        "nominees": [{"nominee": n.nominee, "title": n.title, "votes": n.votes,
                                      "rank": n.rank, "share": n.share} for n in c.nominees]}
                       for c in categories],
        "timeline": {"bucket": bucket, "labels": [bucket_label(s, bucket) for s in timeline.starts],
                     "series": [{"category": c, "values": v} for c, v in timeline.series.items()]},
    })
    response.headers["Cache-Control"] = "no-store"
    return response


def _report_problems(problems: dict[str, str]) -> FormErrors:
    words = {
        "window_minutes": gettext("Enter a whole number of minutes from 1 to 1440 (one day)."),
        "threshold": gettext("Enter a whole number of votes, 2 or more."),
        "traits": gettext("Choose at least one kind of evidence from the list."),
        "new_account_hours": gettext(
            "Enter a whole number of hours from 1 to 720 (30 days), or leave it empty."),
    }
    errors = FormErrors(order=REPORT_FIELDS)
    for field in problems:
        errors.add(field, words[field])
    return errors


@bp.get("/admin/editions/<int:year>/vote/suspicious")
@auth.role_required("admin")
def admin_vote_suspicious(year: int) -> Any:
    query, problems = live.read_query(request.args.to_dict(), request.args.getlist("traits"))
    errors = _report_problems(problems)
    found: list[live.Burst] | None = None
    newcomers: live.NewAccounts | None = None
    if not errors:
        asked = {"new_account_hours": query.new_account_hours} if query.new_account_hours else {}
        try:
            report = _votes(year, "suspicious", window_minutes=query.window_minutes,
                            threshold=query.threshold, traits=list(query.traits), **asked)
        except ApiError as error:
            if error.status != 422:
                raise
            errors = FormErrors.of_problem(error.problem, set(REPORT_FIELDS), order=REPORT_FIELDS)
        else:
            found, newcomers = live.bursts(report), live.new_accounts(report)
    return render("console/vote_suspicious.html", 422 if errors else 200, edition=editions.edition(year),
                  year=year, query=query, errors=errors, found=found, newcomers=newcomers,
                  traits=TRAIT_LABELS)
