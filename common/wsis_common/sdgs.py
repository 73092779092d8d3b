"""The 17 Sustainable Development Goals, numbered 1 to 17 as the United Nations number them, with
their English names: the SDGs a submission may claim (its `sdgs`, and `sdg_links` keyed by
number). The submission service checks the claims and lists the goals (/reference) from here;
the pages name them in the reader's language (portal/pages/labels.py, translated there).

Plain Python (no Flask, no SQLAlchemy).
"""

from __future__ import annotations

from types import MappingProxyType

NAMES = MappingProxyType({
    1: "No poverty",
    2: "Zero hunger",
    3: "Good health and well-being",
    4: "Quality education",
    5: "Gender equality",
    6: "Clean water and sanitation",
    7: "Affordable and clean energy",
    8: "Decent work and economic growth",
    9: "Industry, innovation and infrastructure",
    10: "Reduced inequalities",
    11: "Sustainable cities and communities",
    12: "Responsible consumption and production",
    13: "Climate action",
    14: "Life below water",
    15: "Life on land",
    16: "Peace, justice and strong institutions",
    17: "Partnerships for the goals",
})
NUMBERS = range(1, len(NAMES) + 1)
