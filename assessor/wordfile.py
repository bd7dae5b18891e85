"""A Word document (.docx) from a list of text blocks, with the standard library only.

Municipal case systems take Word files, and the officer's record must be made in the browser
with nothing sent anywhere: the page passes the record as blocks (headings, paragraphs, list
items, label-value rows), and this module writes the smallest Office Open XML package Word,
LibreOffice and python-docx open: the document, its styles, and the package's relationships.
It knows nothing of what the record says.

A block is ``{"kind": KIND, "text": str}``, or for a row ``{"kind": "row", "cells": [str, ...]}``;
consecutive rows become one table. Kinds: title, heading1, heading2, heading3, paragraph, item,
note (small print), row.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, Iterable, Mapping

KINDS = ("title", "heading1", "heading2", "heading3", "paragraph", "item", "note", "row")
#: Word's built-in style ids for the kinds written as paragraphs (Word shows its own names for them).
_STYLES = {"title": "Title", "heading1": "Heading1", "heading2": "Heading2", "heading3": "Heading3",
           "paragraph": None, "item": "ListParagraph", "note": "Note"}
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def escape(text: str) -> str:
    """Text as XML character data or attribute value (here rather than xml.sax.saxutils: the
    browser's trimmed standard library then needs no xml package)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


#: A fixed time for every entry: the same record gives the same bytes.
_STAMP = (2026, 1, 1, 0, 0, 0)

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""
_PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""
_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>{title}</dc:title><dc:language>{language}</dc:language>
</cp:coreProperties>"""


def _style(style_id: str, name: str, *, size: int, bold: bool = False, space_before: int = 0,
           indent: int = 0, based_on: str = "Normal") -> str:
    run = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    spacing = f'<w:spacing w:before="{space_before}" w:after="80"/>'
    ind = f'<w:ind w:left="{indent}" w:hanging="{indent // 2}"/>' if indent else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based_on}"/><w:qFormat/><w:pPr><w:keepNext w:val="{int(bool(bold))}"/>'
            f"{spacing}{ind}</w:pPr>{run}</w:style>")


def _styles(language: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_W}>'
            f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>'
            f'<w:sz w:val="21"/><w:lang w:val="{escape(language)}"/></w:rPr></w:rPrDefault>'
            f'<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
            + _style("Title", "Title", size=40, bold=True)
            + _style("Heading1", "heading 1", size=30, bold=True, space_before=280)
            + _style("Heading2", "heading 2", size=25, bold=True, space_before=200)
            + _style("Heading3", "heading 3", size=22, bold=True, space_before=120)
            + _style("ListParagraph", "List Paragraph", size=21, indent=360)
            + _style("Note", "Note", size=17)
            + '<w:style w:type="table" w:styleId="Record"><w:name w:val="Record"/><w:tblPr><w:tblBorders>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/></w:tblBorders>'
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="120" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
            "</w:styles>")


def _run(text: str, *, bold: bool = False) -> str:
    """Text as runs; a line break in the text stays a line break."""
    lines = text.split("\n")
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    parts = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines]
    return f"<w:r>{props}{'<w:br/>'.join(parts)}</w:r>"


def _paragraph(kind: str, text: str) -> str:
    style = _STYLES[kind]
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    marker = "\u2022\t" if kind == "item" else ""
    return f"<w:p>{props}{_run(marker + text)}</w:p>"


def _table(rows: list[list[str]]) -> str:
    width = max(len(cells) for cells in rows)
    # A label column a third of the text width (9,000 twips on A4 with Word's default margins).
    grid = "".join(f'<w:gridCol w:w="{3000 if index == 0 else 6000 // max(width - 1, 1)}"/>' for index in range(width))
    body = []
    for cells in rows:
        cells = list(cells) + [""] * (width - len(cells))
        body.append("<w:tr>" + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr><w:p>{_run(cell, bold=index == 0)}</w:p></w:tc>'
            for index, cell in enumerate(cells)) + "</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="Record"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')


def _body(blocks: Iterable[Mapping[str, Any]]) -> str:
    parts: list[str] = []
    rows: list[list[str]] = []
    for block in blocks:
        kind = block.get("kind")
        if kind not in KINDS:
            raise ValueError(f"onbekend soort blok: {kind!r}")
        if kind == "row":
            rows.append([str(cell) for cell in block.get("cells") or []])
            continue
        if rows:
            parts.append(_table(rows))
            rows = []
        parts.append(_paragraph(kind, str(block.get("text", ""))))
    if rows:
        parts.append(_table(rows))
    # A4, with margins of 2 cm (twips).
    section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{"".join(parts)}{section}</w:body></w:document>'


def document(blocks: Iterable[Mapping[str, Any]], *, title: str = "", language: str = "nl-NL") -> bytes:
    """The .docx file's bytes; the same blocks give the same bytes."""
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _PACKAGE_RELS,
        "docProps/core.xml": _CORE.format(title=escape(title), language=escape(language)),
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": _body(blocks),
        "word/styles.xml": _styles(language),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
