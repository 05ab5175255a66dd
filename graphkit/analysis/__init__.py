"""Network analysis: per-actor metrics, network summary, brokerage roles.

>>> from graphkit.analysis import analyse, summarise, brokerage, METRIC_DOCS
"""
from .brokerage import brokerage
from .docs import METRIC_DOCS
from .metrics import METRIC_COLUMNS, analyse, write_metrics
from .summary import summarise, write_summary

__all__ = ["METRIC_COLUMNS", "METRIC_DOCS", "analyse", "brokerage",
           "summarise", "write_metrics", "write_summary"]

# --- gap analysis (issue 4) ---
