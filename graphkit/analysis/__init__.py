"""Network analysis: per-actor metrics, network summary, brokerage roles.

>>> from graphkit.analysis import analyse, summarise, brokerage, METRIC_DOCS
"""
from .brokerage import brokerage
from .docs import METRIC_DOCS
from .metrics import METRIC_COLUMNS, analyse, write_metrics
from .summary import summarise, write_summary

__all__ = ["METRIC_COLUMNS", "METRIC_DOCS", "analyse", "brokerage",
           "summarise", "write_metrics", "write_summary"]

# --- gap analysis ---
from .evaluate import evaluate  # noqa: E402
from .gaps import RULES, find_gaps, write_gap_outputs  # noqa: E402
from .missions import mission_table, plan_mission, plan_missions  # noqa: E402
from .programmes import PROGRAMMES, eligible_programmes  # noqa: E402
from .recommend import ROLE_FIT, recommend, write_recommendations  # noqa: E402
from .whitespace import (white_space_matrix, white_spaces,  # noqa: E402
                         write_white_spaces)

__all__ += ["PROGRAMMES", "ROLE_FIT", "RULES", "eligible_programmes",
            "evaluate", "find_gaps", "mission_table", "plan_mission",
            "plan_missions", "recommend", "white_space_matrix",
            "white_spaces", "write_gap_outputs", "write_recommendations",
            "write_white_spaces"]
