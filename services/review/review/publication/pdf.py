"""The publication as a PDF: a title page, the contents with page numbers, a foreword, then one
chapter per category (the winner in full, then the champions). ReportLab's platypus lays it
out; `multiBuild` runs twice so that the contents know the page numbers."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from review.publication.document import Chapter, Story, SuccessStories, paragraphs

BLUE = colors.HexColor("#00396b")
LIGHT = colors.HexColor("#e8eef5")
GOLD = colors.HexColor("#b8860b")
GREY = colors.HexColor("#4a5868")
RED = colors.HexColor("#a11d21")
INK = colors.HexColor("#1d2733")
MARGIN = 20 * mm
TOP_MARGIN = MARGIN + 6 * mm  # room for the running head
TEXT_WIDTH = A4[0] - 2 * MARGIN - 12  # the frame pads 6 points on each side

# DejaVu (Debian's fonts-dejavu-core) covers most scripts; ReportLab's own Vera, which DejaVu
# grew from, is the fallback that is always there.
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path(reportlab.__file__).parent / "fonts")
_FACES = {"": ("DejaVuSans.ttf", "Vera.ttf"), "Bold": ("DejaVuSans-Bold.ttf", "VeraBd.ttf"),
          "Italic": ("DejaVuSans-Oblique.ttf", "VeraIt.ttf"),
          "BoldItalic": ("DejaVuSans-BoldOblique.ttf", "VeraBI.ttf")}


@cache
def _font() -> str:
    """Register the body font family once; returns its name."""
    for directory, index in ((_FONT_DIRS[0], 0), (_FONT_DIRS[1], 1)):
        files = {face: directory / names[index] for face, names in _FACES.items()}
        if all(f.exists() for f in files.values()):
            for face, path in files.items():
                pdfmetrics.registerFont(TTFont(f"Stories{face}", str(path)))
            pdfmetrics.registerFontFamily("Stories", normal="Stories", bold="StoriesBold",
                                          italic="StoriesItalic", boldItalic="StoriesBoldItalic")
            return "Stories"
    return "Helvetica"  # no TrueType font at all: the PDF's standard font (Latin-1 only)


@cache
def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    bold = f"{font}Bold" if font == "Stories" else "Helvetica-Bold"
    base = ParagraphStyle("body", fontName=font, fontSize=10, leading=14.5, spaceAfter=6,
                          textColor=colors.black)
    return {
        "body": base,
        "lead": ParagraphStyle("lead", parent=base, fontSize=11, leading=16, textColor=INK),
        "section": ParagraphStyle("section", parent=base, fontName=bold, fontSize=12, leading=16,
                                  textColor=BLUE, spaceBefore=4, spaceAfter=2),
        "cover_year": ParagraphStyle("cover_year", parent=base, fontName=bold, fontSize=54, leading=60,
                                     textColor=GOLD, alignment=TA_CENTER),
        "cover_note": ParagraphStyle("cover_note", parent=base, fontSize=11, leading=16, textColor=GREY,
                                     alignment=TA_CENTER),
        "cover_title": ParagraphStyle("cover_title", parent=base, fontName=bold, fontSize=30, leading=36,
                                      textColor=colors.white, alignment=TA_CENTER),
        "cover_line": ParagraphStyle("cover_line", parent=base, fontSize=15, leading=20,
                                     textColor=colors.white, alignment=TA_CENTER),
        "embargo": ParagraphStyle("embargo", parent=base, fontName=bold, textColor=colors.white,
                                  alignment=TA_CENTER),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=18, leading=23, textColor=BLUE,
                             spaceBefore=0, spaceAfter=10),
        "label": ParagraphStyle("label", parent=base, fontName=bold, fontSize=8.5, leading=11, textColor=GOLD,
                                spaceAfter=2),
        "champion_label": ParagraphStyle("champion_label", parent=base, fontName=bold, fontSize=8.5,
                                         leading=11, textColor=BLUE, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=13.5, leading=17,
                             textColor=colors.black, spaceAfter=2),
        "entity": ParagraphStyle("entity", parent=base, textColor=GREY, spaceAfter=8),
        "h3": ParagraphStyle("h3", parent=base, fontName=bold, fontSize=10.5, leading=14, textColor=BLUE,
                             spaceBefore=6, spaceAfter=3),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=GREY),
        "toc0": ParagraphStyle("toc0", parent=base, fontName=bold, fontSize=10.5, leading=14, spaceBefore=5),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=9, leading=12, leftIndent=14, textColor=GREY),
    }


class _Anchor(Flowable):
    """An invisible mark: a contents entry (and a PDF bookmark) for the page it lands on."""

    def __init__(self, level: int, text: str, key: str) -> None:
        super().__init__()
        self.level, self.text, self.key = level, text, key

    def wrap(self, *_args: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.text, self.key, level=self.level, closed=self.level > 0)


class _Publication(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, doc: SuccessStories) -> None:
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=TOP_MARGIN, bottomMargin=MARGIN, title=f"{doc.title} {doc.year}",
                         author="WSIS Prizes", subject=doc.edition_line)
        self.story_doc = doc
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("cover", [frame], onPage=self._cover),
                               PageTemplate("body", [frame], onPage=self._running)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Anchor):
            self.notify("TOCEntry", (flowable.level, escape(flowable.text), self.page, flowable.key))

    def _cover(self, canvas, _doc) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(BLUE)
        canvas.rect(0, height * 0.38, width, height * 0.62, stroke=0, fill=1)
        canvas.setFillColor(GOLD)
        canvas.rect(0, height * 0.38 - 4 * mm, width, 4 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _running(self, canvas, _doc) -> None:
        width, height = A4
        doc = self.story_doc
        canvas.saveState()
        canvas.setFont(_font(), 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, f"{doc.title} · {doc.edition_line}")
        canvas.drawRightString(width - MARGIN, MARGIN - 10 * mm, str(canvas.getPageNumber()))
        canvas.setStrokeColor(LIGHT)
        canvas.line(MARGIN, height - MARGIN, width - MARGIN, height - MARGIN)
        if doc.embargoed:
            canvas.setFillColor(RED)
            canvas.drawString(MARGIN, MARGIN - 10 * mm, doc.embargo_notice)
        canvas.restoreState()


def _p(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _cover(doc: SuccessStories) -> list[Flowable]:
    title = Paragraph("WSIS Stocktaking:<br/>Success Stories", _styles()["cover_title"])
    counts = f"{len(doc.chapters)} winners and {doc.champions_count} champions"
    flow: list[Flowable] = [
        Spacer(1, 40 * mm), title, Spacer(1, 10 * mm), _p(str(doc.year), "cover_year"), Spacer(1, 6 * mm),
        _p(doc.edition_line, "cover_line"), Spacer(1, 52 * mm), _p(counts, "cover_note"),
        _p("World Summit on the Information Society · WSIS Prizes", "cover_note")]
    if doc.embargoed:
        banner = Table([[_p(doc.embargo_notice, "embargo")]], colWidths=[TEXT_WIDTH])
        banner.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), RED),
                                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        flow += [Spacer(1, 12 * mm), banner]
    return [*flow, NextPageTemplate("body"), PageBreak()]


def _contents(doc: SuccessStories) -> list[Flowable]:
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [_styles()["toc0"], _styles()["toc1"]]
    flow: list[Flowable] = [_p("Contents", "h1"), toc, PageBreak(), _p("About this publication", "h1")]
    flow += [_p(text, "body") for text in doc.foreword]
    return [*flow, PageBreak()]


def _anchor(story: Story) -> _Anchor:
    return _Anchor(1, f"{story.distinction.capitalize()}: {story.title}", f"project-{story.submission_id}")


def _story(story: Story) -> list[Flowable]:
    # Conditional page breaks rather than KeepTogether: a long paragraph may then split across
    # pages instead of leaving half a page empty, and no heading is left alone at a page's foot.
    label = "label" if story.distinction == "winner" else "champion_label"
    where = f"{story.entity} · {story.country}" if story.country else story.entity
    flow: list[Flowable] = [_p(story.distinction.upper(), label), _p(story.title, "h2"), _p(where, "entity")]
    flow += [_p(text, "lead") for text in paragraphs(story.lead)]
    for heading, text in story.sections:
        flow += [CondPageBreak(30 * mm), _p(heading, "h3"), *(_p(p, "body") for p in paragraphs(text))]
    if story.sdgs:
        goals = ", ".join(f"SDG {n}" for n in story.sdgs)
        flow.append(_p(f"Sustainable Development Goals: {goals}", "small"))
    return flow


def _chapter(chapter: Chapter) -> list[Flowable]:
    # Anchors stand outside KeepTogether blocks (only top-level flowables reach afterFlowable),
    # and a conditional page break comes first, so that an anchor's page is its story's.
    flow: list[Flowable] = [_Anchor(0, chapter.heading, chapter.anchor), _p(chapter.heading, "h1"),
                            HRFlowable(width="100%", thickness=2, color=GOLD, spaceAfter=10),
                            _anchor(chapter.winner), *_story(chapter.winner), Spacer(1, 6 * mm)]
    if chapter.champions:
        flow += [CondPageBreak(70 * mm), _p("Champions", "section"),
                 HRFlowable(width="100%", thickness=0.8, color=BLUE, spaceAfter=8)]
    for champion in chapter.champions:
        flow += [CondPageBreak(55 * mm), _anchor(champion), *_story(champion), Spacer(1, 4 * mm)]
    return flow


def render_pdf(doc: SuccessStories) -> bytes:
    buffer = io.BytesIO()
    flow = _cover(doc) + _contents(doc)
    for number, chapter in enumerate(doc.chapters):
        flow += ([PageBreak()] if number else []) + _chapter(chapter)
    if not doc.chapters:
        flow.append(_p("No category has its winner yet.", "body"))
    _Publication(buffer, doc).multiBuild(flow)
    return buffer.getvalue()
