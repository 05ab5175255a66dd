"""The cooperation-gap report for officials, in French or English, as
self-contained HTML (printable on A4), Markdown and an Excel workbook,
built from the :class:`~graphkit.results.Results` of an analysis.

>>> from graphkit.analysis import compute  # doctest: +SKIP
>>> report = build_report(compute(network), lang="fr")  # doctest: +SKIP
>>> write_report(report, "out/report.html")  # doctest: +SKIP
"""
from .build import Scope, build_report, input_files, report_for_run
from .model import Report, Section, Table
from .write import FORMATS, to_html, to_markdown, write_report, write_xlsx

__all__ = ["FORMATS", "Report", "Scope", "Section", "Table", "build_report",
           "input_files", "report_for_run", "to_html", "to_markdown",
           "write_report", "write_xlsx"]
