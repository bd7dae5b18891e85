"""Model documents as Word files (.docx), made at build time with python-docx.

A municipality adapts a model letter in its own word processor, so each model document is
also offered as a .docx with the same text as its page: the notice that it is an example to
adapt with the municipality's legal department (on the first page and in the header of every
page), the legal references with their links, every «invulveld» with what goes in it, the
sources, and then the letter itself on a new page. The letter's Markdown is converted through
Python-Markdown's HTML, so the Word file and the page read the same text; a Markdown construct
this converter does not know stops the build instead of disappearing from the file.
"""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as etree
from typing import Iterable

import docx
import markdown
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from .reference_check import ModelDocument

HARD_BREAK = re.compile(r"\\\n")
LINK_COLOUR = RGBColor(0x1A, 0x4F, 0xA0)


def letter_markdown(body: str) -> str:
    """The letter as Markdown: a line ending in a backslash keeps its line break."""
    return HARD_BREAK.sub("  \n", body)


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A clickable link (python-docx reads links but has no call to write one)."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK_COLOUR))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


class _Letter:
    """Writes the HTML of the letter's Markdown into the Word document."""

    def __init__(self, document: docx.document.Document, heading_offset: int):
        self.document = document
        self.heading_offset = heading_offset

    def block(self, element: etree.Element) -> None:
        tag = element.tag
        if re.fullmatch(r"h[1-6]", tag):
            heading = self.document.add_heading(level=min(int(tag[1]) + self.heading_offset, 9))
            self.inline(heading, element)
        elif tag == "p":
            self.inline(self.document.add_paragraph(), element)
        elif tag in ("ul", "ol"):
            for number, item in enumerate(element.findall("li"), start=1):
                paragraph = self.document.add_paragraph(style="List Bullet" if tag == "ul" else "List Paragraph")
                if tag == "ol":
                    paragraph.paragraph_format.left_indent = Pt(18)
                    paragraph.paragraph_format.first_line_indent = Pt(-18)
                    paragraph.add_run(f"{number}.\t")
                nested = [child for child in item if child.tag in ("p", "ul", "ol")]
                if nested:  # a loose list: paragraphs inside the item
                    for index, child in enumerate(nested):
                        if child.tag == "p":
                            target = paragraph if index == 0 else self.document.add_paragraph(style="List Continue")
                            self.inline(target, child)
                        else:
                            self.block(child)
                else:
                    self.inline(paragraph, item)
        elif tag == "blockquote":
            for child in element:
                paragraph = self.document.add_paragraph(style="Quote")
                self.inline(paragraph, child)
        elif tag == "hr":
            self.document.add_paragraph("—")
        else:
            raise ValueError(f"de Word-versie kent <{tag}> niet")

    def inline(self, paragraph: Paragraph, element: etree.Element, bold: bool = False, italic: bool = False) -> None:
        if element.text:
            self._run(paragraph, element.text, bold, italic)
        for child in element:
            if child.tag in ("strong", "b"):
                self.inline(paragraph, child, True, italic)
            elif child.tag in ("em", "i"):
                self.inline(paragraph, child, bold, True)
            elif child.tag == "br":
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif child.tag == "a":
                _hyperlink(paragraph, child.get("href", ""), "".join(child.itertext()))
            elif child.tag in ("code", "span", "mark", "abbr"):
                self.inline(paragraph, child, bold, italic)
            else:
                raise ValueError(f"de Word-versie kent <{child.tag}> in een alinea niet")
            if child.tail:
                self._run(paragraph, child.tail, bold, italic)

    @staticmethod
    def _run(paragraph: Paragraph, text: str, bold: bool, italic: bool) -> None:
        text = re.sub(r"\s*\n\s*", " ", text)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None


def _bullet(document: docx.document.Document, parts: Iterable[tuple[str, str]]) -> Paragraph:
    """A bulleted line of (text, url) parts; a part with a url is a link."""
    paragraph = document.add_paragraph(style="List Bullet")
    for text, url in parts:
        if url:
            _hyperlink(paragraph, url, text)
        else:
            paragraph.add_run(text)
    return paragraph


def document_docx(document: ModelDocument, *, notice: str, instrument_names: dict[str, str], kind_label: str,
                  content_version: str, content_date: datetime.date) -> bytes:
    """The Word file of one model document."""
    word = docx.Document()
    properties = word.core_properties
    properties.title = document.title
    properties.subject = "Voorbeeld om aan te passen met de juridische afdeling van de gemeente"
    properties.author = "Aanpak Woonoverlast"
    properties.language = "nl-NL"
    moment = datetime.datetime.combine(content_date, datetime.time())
    properties.created = properties.modified = moment
    properties.last_modified_by = "Aanpak Woonoverlast"
    properties.revision = 1

    section = word.sections[0]
    section.header.paragraphs[0].text = f"VOORBEELD – {document.title}. Pas aan met de juridische afdeling van uw gemeente."
    section.footer.paragraphs[0].text = (f"Aanpak Woonoverlast, inhoudsversie {content_version}. "
                                         "Oriëntatie, geen juridisch advies.")

    word.add_heading(document.title, level=0)
    warning = word.add_paragraph(style="Intense Quote")
    warning.add_run("Voorbeeld. ").bold = True
    warning.add_run(notice)

    word.add_heading("Over dit voorbeeld", level=1)
    word.add_paragraph(f"Soort: {kind_label}.")
    word.add_paragraph("Bij de instrumenten: " + ", ".join(instrument_names.get(i, i) for i in document.instruments) + ".")

    word.add_heading("Wettelijke grondslag", level=2)
    for citation in document.legal:
        _bullet(word, [(citation.text, citation.url), (f" – {citation.url}", "")])

    word.add_heading("Invulvelden", level=2)
    word.add_paragraph("Vervang elk invulveld tussen « » door de gegevens van uw zaak:")
    for name, explanation in document.fields.items():
        paragraph = word.add_paragraph(style="List Bullet")
        paragraph.add_run(f"«{name}»").bold = True
        paragraph.add_run(f": {' '.join(explanation.split())}")

    if document.sources:
        word.add_heading("Bronnen", level=2)
        for source in document.sources:
            _bullet(word, [(source.title, source.url), (f" – {source.url}", "")])

    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    html = markdown.markdown(letter_markdown(document.body), extensions=["md_in_html"])
    root = etree.fromstring(f"<div>{html}</div>")
    letter = _Letter(word, heading_offset=0)
    for element in root:
        letter.block(element)

    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
