"""Names the pages show for codes that the services send: categories, SDGs, phases, roles,
organisation types, the questionnaire's boxes. Each is a translatable string; a code without
a name here is shown as the service sent it."""

from __future__ import annotations

from functools import cache
from typing import Any

from babel import Locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from portal.i18n import current_language

CATEGORIES = {
    "C1": _l("The role of public governance authorities and all stakeholders in the promotion of ICTs "
             "for development"),
    "C2": _l("Information and communication infrastructure"),
    "C3": _l("Access to information and knowledge"),
    "C4": _l("Capacity building"),
    "C5": _l("Building confidence and security in the use of ICTs"),
    "C6": _l("Enabling environment"),
    "C7-GOV": _l("ICT applications: E-government"),
    "C7-BUS": _l("ICT applications: E-business"),
    "C7-LRN": _l("ICT applications: E-learning"),
    "C7-HLT": _l("ICT applications: E-health"),
    "C7-EMP": _l("ICT applications: E-employment"),
    "C7-ENV": _l("ICT applications: E-environment"),
    "C7-AGR": _l("ICT applications: E-agriculture"),
    "C7-SCI": _l("ICT applications: E-science"),
    "C8": _l("Cultural diversity and identity, linguistic diversity and local content"),
    "C9": _l("Media"),
    "C10": _l("Ethical dimensions of the Information Society"),
    "C11": _l("International and regional cooperation"),
}

SDGS = {
    1: _l("No poverty"),
    2: _l("Zero hunger"),
    3: _l("Good health and well-being"),
    4: _l("Quality education"),
    5: _l("Gender equality"),
    6: _l("Clean water and sanitation"),
    7: _l("Affordable and clean energy"),
    8: _l("Decent work and economic growth"),
    9: _l("Industry, innovation and infrastructure"),
    10: _l("Reduced inequalities"),
    11: _l("Sustainable cities and communities"),
    12: _l("Responsible consumption and production"),
    13: _l("Climate action"),
    14: _l("Life below water"),
    15: _l("Life on land"),
    16: _l("Peace, justice and strong institutions"),
    17: _l("Partnerships for the goals"),
}

PHASES = {
    "announced": _l("Announced: submissions have not opened yet"),
    "submission": _l("Phase 1: submission of projects"),
    "nomination": _l("Phase 2: nomination by the expert group"),
    "voting": _l("Phase 3: public vote"),
    "selection": _l("Phase 4: selection of the winners"),
    "ceremony": _l("Phase 5: prize ceremony at the WSIS Forum"),
    "over": _l("This edition is over"),
}

# When the phase ends, as a sentence around the date (a piece of HTML: the date in Geneva time,
# in UTC and in the visitor's time).
PHASE_ENDS = {
    "announced": _l("Submissions open on %(date)s."),
    "submission": _l("Submissions close on %(date)s."),
    "nomination": _l("The public vote opens on %(date)s."),
    "voting": _l("The vote closes on %(date)s."),
    "selection": _l("The winners are announced on %(date)s."),
    "ceremony": _l("The WSIS Forum ends on %(date)s."),
}

# The dates an admin edits, in the contest's order (the keys are the submission service's).
PHASE_DATES = {
    "submission_opens": _l("Submissions open"),
    "submission_closes": _l("Submissions close"),
    "nomination_opens": _l("Nomination opens"),
    "nomination_closes": _l("Nomination closes"),
    "nominees_published_at": _l("Nominee lists published"),
    "voting_opens": _l("The vote opens"),
    "voting_closes": _l("The vote closes"),
    "selection_opens": _l("Winner selection opens"),
    "selection_closes": _l("Winner selection closes"),
    "forum_opens": _l("The WSIS Forum opens"),
    "ceremony_at": _l("Prize ceremony"),
    "forum_closes": _l("The WSIS Forum closes"),
}

ORGANISATION_TYPES = {
    "government": _l("Government"),
    "private_sector": _l("Private sector"),
    "civil_society": _l("Civil society"),
    "academia": _l("Academia"),
    "international_organisation": _l("International organisation"),
    "other": _l("Other"),
}
# What a submission's entity type says (submissions are in English): the English name.
ORGANISATION_TYPES_EN = {
    "government": "Government",
    "private_sector": "Private sector",
    "civil_society": "Civil society",
    "academia": "Academia",
    "international_organisation": "International organisation",
    "other": "Other",
}

ROLES = {
    "stakeholder": _l("Stakeholder"),
    "expert": _l("Expert"),
    "admin": _l("WSIS team"),
}

# The nomination criteria (contest rules, phase 2) by the review service's codes; compliance
# is a yes/no gate, the others are scored on the edition's scale.
CRITERIA = {
    "compliance": _l("Compliance with the submission rules"),
    "alignment": _l("Strong alignment with the WSIS action lines"),
    "outcomes_and_impact": _l("Outcomes and impact shown clearly"),
    "community_empowerment": _l("Community empowerment"),
    "sdg_relevance": _l("Relevance to the Sustainable Development Goals"),
    "replicability": _l("Replicability of the model"),
    "sustainability": _l("Sustainability"),
    "partnership_development": _l("Partnership development"),
    "wsis_values": _l("Promotion of WSIS values in society"),
}

PROJECT_STATUSES = {
    "completed": _l("Completed"),
    "key_phase_concluded": _l("A key phase is concluded"),
}

SUBMISSION_STATUSES = {
    "draft": _l("Draft"),
    "accepted": _l("Accepted"),
    "withdrawn": _l("Withdrawn"),
}

# The boxes of the shipped questionnaires (2018, 2023); another edition's boxes show the
# label its form template gives.
BOXES = {
    "short_description": _l("Short description"),
    "impact": _l("Economic, social, cultural and environmental impact (qualitative and quantitative)"),
    "partnerships": _l("Partnerships"),
    "challenges_and_prospects": _l("Main challenges and future prospects"),
    "summary": _l("Summary"),
    "project_information": _l("Project information"),
}


def phase_ends(key: str, date: Markup) -> Markup:
    """The sentence saying when the phase `key` ends, around the date's HTML."""
    return Markup(escape(str(PHASE_ENDS[key]))) % {"date": date}


def category(code: str | None, fallback: str | None = None) -> str:
    if not code:
        return ""
    return str(CATEGORIES[code]) if code in CATEGORIES else (fallback or code)


def criterion(code: str, fallback: str | None = None) -> str:
    return str(CRITERIA[code]) if code in CRITERIA else (fallback or code)


def sdg(number: int) -> str:
    return str(SDGS.get(number, number))


def box(spec: dict[str, Any]) -> str:
    name = spec.get("name", "")
    return str(BOXES[name]) if name in BOXES else str(spec.get("label") or name)


def organisation_type(code: str | None) -> str:
    if not code:
        return ""
    return str(ORGANISATION_TYPES[code]) if code in ORGANISATION_TYPES else code


def country(code: str | None, language: str | None = None) -> str:
    """A country's name in the page's language (Babel's CLDR data); the code if CLDR has none."""
    if not code:
        return ""
    return _territories(language or current_language()).get(code.upper(), code)


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)
