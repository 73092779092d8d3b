"""The "WSIS Stocktaking: Success Stories" publication: secret until the ceremony (an embargoed
preview for the WSIS team only), then public as HTML and PDF: a title page, the contents, one
chapter per category with its winner and champions, built from their submissions' texts.

The rendered files and the PDF's pages as PNG are left in test-artifacts/review/ to be looked at."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from review.service.publishing import announce_winners, publish_nominees
from tests.review.flows import BASE, assign, close, confirm, finalists_arrive, put_review, record_expert
from tests.review.support import (
    ADMIN,
    CEREMONY,
    DURING_SELECTION,
    PUBLICATION,
    STAKEHOLDER,
    accept,
    edition_document,
    send_edition,
)
from wsis_common.clock import clock

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "review"
URL = f"{BASE}/success-stories"
# Believable projects, so that the rendered pages read like the real publication.
PROJECTS = {
    "C2": [("Solar-powered community networks for the Atlas villages", "Réseau Atlas Connect", "MA"),
           ("Fibre to every school in the Andes", "Andes Digital Foundation", "PE"),
           ("Last-mile broadband cooperatives", "Rural Broadband Alliance", "KE"),
           ("Open spectrum for island communities", "Pacific Links Trust", "FJ")],
    "C4": [("Digital skills for 10,000 women entrepreneurs", "SheCodes Nairobi", "KE"),
           ("Teachers as digital mentors", "Edu-Bridge Vietnam", "VN"),
           ("Coding clubs in refugee settlements", "Open Horizons", "UG"),
           ("Civil servants' digital academy", "Digital Government Institute", "RW")],
    "C7-HLT": [("Mobile clinics that never lose a record", "Digital Health Kenya", "KE"),
               ("Telemedicine for the Amazon basin", "Saúde em Rede", "BR"),
               ("AI triage for rural health posts", "HealthBridge Bangladesh", "BD"),
               ("Maternal care reminders by SMS", "MamaCare Ghana", "GH")],
    "C10": [("Ethics of algorithms course for judges", "Justice & Tech Lab", "CL"),
            ("Children's privacy charter for apps", "Safe Childhood Online", "PH"),
            ("Citizen panels on public-sector AI", "Civic Futures", "EE"),
            ("Fair data for indigenous communities", "Te Raraunga Collective", "NZ")],
}


def _announced_edition(ctx, client, *, announce: bool = True) -> dict[str, dict]:
    """Four categories walked to their winners (announced at the ceremony unless told not to)."""
    send_edition(ctx, edition_document(2023, revision=2, nominees_per_category=4))
    for expert in ("exp-a", "exp-b"):
        record_expert(client, expert)
    subs: dict[str, dict] = {}
    for category, projects in PROJECTS.items():
        ids = [accept(ctx, category=category, title=title, entity=entity, country=country)["submission_id"]
               for title, entity, country in projects]
        for expert in ("exp-a", "exp-b"):
            assign(client, expert, category=category)
            for value, sid in zip((5, 4, 4, 3), ids, strict=True):
                assert put_review(client, expert, sid, value).status_code == 200
        close(client, category)
        confirm(client, category)
        subs[category] = {"ids": ids, "winner": ids[1]}
    clock.set(PUBLICATION)
    publish_nominees(ctx)
    clock.set(DURING_SELECTION)
    for category, entry in subs.items():
        finalists_arrive(ctx, category, entry["ids"])
        picked = client.put(f"{BASE}/categories/{category}/winner", headers=ADMIN,
                            json={"submission_id": entry["winner"]})
        assert picked.status_code == 200
    if announce:
        clock.set(CEREMONY)
        assert announce_winners(ctx) == 1
    return subs


def test_before_the_ceremony_only_the_wsis_team_sees_an_embargoed_preview(ctx, client):
    _announced_edition(ctx, client, announce=False)
    for headers in ({}, STAKEHOLDER):
        for fmt in ("html", "pdf", "json"):
            hidden = client.get(f"{URL}?format={fmt}", headers=headers)
            assert hidden.status_code == 404, (headers, fmt)
            assert "winner" not in hidden.get_data(as_text=True).lower()
    preview = client.get(f"{URL}?format=html", headers=ADMIN)
    assert preview.status_code == 200 and "embargoed until the ceremony" in preview.get_data(as_text=True)
    pdf = PdfReader(io.BytesIO(client.get(f"{URL}?format=pdf", headers=ADMIN).data))
    assert "Confidential draft" in pdf.pages[0].extract_text()


def test_after_the_ceremony_the_html_has_every_category_with_its_winner_and_champions(ctx, client):
    subs = _announced_edition(ctx, client)
    response = client.get(URL)
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<h1>WSIS Stocktaking: Success Stories</h1>" in html and 'class="embargo"' not in html
    assert "WSIS Prizes 2023 · 12th edition" in html
    positions = [html.index(f'id="category-{code.lower()}"') for code in ("C2", "C4", "C7-HLT", "C10")]
    assert positions == sorted(positions), "categories in the official order (C2 … C10)"
    for category, entry in subs.items():
        section = html[html.index(f'id="category-{category.lower()}"'):]
        first_article = section[section.index("<article"):section.index("</article>")]
        assert f'id="project-{entry["winner"]}"' in first_article and 'class="winner"' in first_article
        for sid in entry["ids"]:
            assert f'id="project-{sid}"' in section
    assert "Economic, social, cultural and environmental impact" in html  # the winner's fuller texts
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "success-stories-2023.html").write_text(html)

    content = client.get(f"{URL}?format=json").json
    assert [c["code"] for c in content["chapters"]] == ["C2", "C4", "C7-HLT", "C10"]
    assert all(len(c["champions"]) == 3 for c in content["chapters"])


def test_after_the_ceremony_the_pdf_is_a_real_publication(ctx, client):
    subs = _announced_edition(ctx, client)
    response = client.get(f"{URL}?format=pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    _keep(response.data)
    reader = PdfReader(io.BytesIO(response.data))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "WSIS Stocktaking: Success Stories" in pages[0] and "4 winners and 12 champions" in pages[0]
    assert "Contents" in pages[1]
    headings = ["C2 · Information and communication infrastructure", "C4 · Capacity building",
                "C7-HLT · ICT applications: E-health", "C10 · Ethical dimensions of the Information Society"]
    for heading in headings:
        assert heading in pages[1], heading
    assert [item.title for item in reader.outline if not isinstance(item, list)] == headings
    # Each chapter opens on its own page with its winner first, then the champions.
    opening = next(i for i, p in enumerate(pages) if "C4 · Capacity building WINNER" in p)
    chapter = " ".join(pages[opening:])
    winner, first_champion = PROJECTS["C4"][1][0], PROJECTS["C4"][0][0]
    assert chapter.index(winner) < chapter.index("CHAMPION") < chapter.index(first_champion)
    assert len(reader.pages) >= 3 + len(subs)


def _keep(pdf: bytes) -> None:
    """The PDF and its first pages as PNG, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "success-stories-2023.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "5", str(path),
                        str(ARTIFACTS / "success-stories-2023-page")], check=True, timeout=60)
