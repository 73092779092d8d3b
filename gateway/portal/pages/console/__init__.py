"""The consoles of the people who run the contest (the WSIS team, the chair, the experts):
pages over the services' APIs, one module per area, so that nobody works through raw API calls."""

from portal.pages.console import live  # noqa: F401
