"""The Word record (assessor/wordfile.py, browser.word_document): a file Word and python-docx
open, made from blocks with the standard library only, the same bytes for the same record."""

from __future__ import annotations

import base64
import io
import json

import docx

from assessor import browser
from assessor.wordfile import document

BLOCKS = [
    {"kind": "title", "text": "Beoordeling woonoverlast Z-1"},
    {"kind": "heading1", "text": "Uitkomst van de beoordeling"},
    {"kind": "row", "cells": ["Kenmerk", "Z-1 <&>"]},
    {"kind": "row", "cells": ["Datum", "8 december 2026"]},
    {"kind": "heading2", "text": "Stappenplan"},
    {"kind": "paragraph", "text": "Eén alinea met ‘aanhalingstekens’."},
    {"kind": "item", "text": "Vraag de melder een logboek bij te houden."},
    {"kind": "note", "text": "Inhoudsversie 2026.12"},
    {"kind": "row", "cells": ["Acuut gevaar", "Nee"]},
]


def test_the_file_opens_with_its_headings_paragraphs_and_tables():
    opened = docx.Document(io.BytesIO(document(BLOCKS, title="Z-1")))
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in opened.paragraphs]
    assert paragraphs == [("Title", "Beoordeling woonoverlast Z-1"), ("Heading 1", "Uitkomst van de beoordeling"),
                          ("Heading 2", "Stappenplan"), ("Normal", "Eén alinea met ‘aanhalingstekens’."),
                          ("List Paragraph", "•\tVraag de melder een logboek bij te houden."), ("Note", "Inhoudsversie 2026.12")]
    # Consecutive rows make one table; text is escaped, not markup.
    assert [[cell.text for cell in row.cells] for table in opened.tables for row in table.rows] == [
        ["Kenmerk", "Z-1 <&>"], ["Datum", "8 december 2026"], ["Acuut gevaar", "Nee"]]
    assert len(opened.tables) == 2
    assert opened.core_properties.title == "Z-1" and opened.core_properties.language == "nl-NL"


def test_the_same_record_gives_the_same_bytes():
    assert document(BLOCKS) == document(BLOCKS)


def test_the_browser_gets_the_file_as_base64_or_a_dutch_error():
    reply = json.loads(browser.word_document(json.dumps({"title": "t", "blocks": BLOCKS})))
    assert base64.b64decode(reply["base64"]) == document(BLOCKS, title="t")
    wrong = json.loads(browser.word_document(json.dumps({"blocks": [{"kind": "script", "text": "x"}]})))
    assert wrong == {"error": "Het Word-bestand kon niet worden gemaakt: onbekend soort blok: 'script'"}
    assert "error" in json.loads(browser.word_document("{"))
