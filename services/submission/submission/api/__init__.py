"""The submission service's HTTP API, one blueprint per feature."""

from flask_smorest import Blueprint


def blueprints() -> list[Blueprint]:
    from submission.api import editions, reference, report, submissions, winners

    return [editions.blp, reference.blp, submissions.blp, report.blp, winners.blp]
