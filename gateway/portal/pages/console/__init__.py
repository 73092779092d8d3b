"""The consoles of the people who run the contest (WSIS team, chair, experts): pages over the
services' APIs, one module per area, each adding its routes to the pages' blueprint, so that
nobody works through raw API calls."""

from portal.pages.console import (  # noqa: F401
    admin_editions,
    admin_experts,
    admin_mail,
    admin_people,
    admin_reports,
    admin_winners,
    chair,
    expert,
    live,
)
