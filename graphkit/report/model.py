"""The report as plain data, before it is written in any format.

A :class:`Report` is a list of :class:`Section` objects; each holds
paragraphs, bullet lists, tables and figures whose words are already in the
report's language. Table cells keep their raw values (numbers stay numbers)
with a *kind* per column, so the HTML and Markdown writers format them in
the language and the Excel writer stores real numbers. Every string in a
section is plain text: the writers escape it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..texts.fmt import value as format_value


@dataclass
class Table:
    key: str                 # stable id (Excel sheet, HTML id)
    title: str               # caption, also the sheet name
    headers: list[str]
    kinds: list[str]         # per column: text, int, float, score, pct, year
    rows: list[list]
    note: str = ""           # e.g. "showing 25 of 140"
    heat: tuple[int, ...] = ()  # columns shaded by value (heat map)
    sheet: str = ""          # Excel sheet name (<= 31 characters)
    row_kinds: list[str] | None = None  # per row kind of the last column
    cell_kinds: list[list[str]] | None = None  # per cell kind (any column)

    def kind(self, i: int, j: int) -> str:
        if self.cell_kinds is not None:
            return self.cell_kinds[i][j]
        if self.row_kinds is not None and j == len(self.kinds) - 1:
            return self.row_kinds[i]
        return self.kinds[j]

    def cell(self, i: int, j: int, lang: str) -> str:
        return format_value(self.rows[i][j], self.kind(i, j), lang)


@dataclass
class Figure:
    key: str
    caption: str
    svg: str                 # inline SVG built by graphkit.report.svg (escaped)


@dataclass
class Block:
    """One piece of a section, in order: a paragraph, a list, a table or a
    figure, optionally under a sub-heading."""
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: Table | None = None
    figure: Figure | None = None


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, **kw) -> Block:
        block = Block(**kw)
        self.blocks.append(block)
        return block

    @property
    def tables(self) -> list[Table]:
        return [b.table for b in self.blocks if b.table is not None]


@dataclass
class Report:
    lang: str
    title: str
    subtitle: str
    sections: list[Section]
    meta: dict = field(default_factory=dict)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]
