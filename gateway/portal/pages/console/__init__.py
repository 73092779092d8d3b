"""The consoles of the people who run the contest (WSIS team, chair, experts): one module per
area, each adding its routes to the pages' blueprint, calling the services' APIs as the
public pages do."""

from portal.pages.console import admin_editions, admin_reports, admin_winners, chair, expert  # noqa: F401
