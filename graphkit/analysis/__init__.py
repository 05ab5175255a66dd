"""Network analysis: every analysis is a pure function of the
:class:`~graphkit.Network`; :func:`compute` runs them once, under one
:class:`~graphkit.results.Parameters`, into one
:class:`~graphkit.results.Results` that every output reads.

>>> from graphkit.analysis import compute, analyse, summarise
"""
from ..results import PARTS, Parameters, Results
from .brokerage import brokerage
from .compute import compute
from .figures import key_figures
from .metrics import METRIC_COLUMNS, analyse, metrics_table
from .summary import summarise

__all__ = ["METRIC_COLUMNS", "PARTS", "Parameters",
           "Results", "analyse", "brokerage", "compute", "key_figures",
           "metrics_table", "summarise"]

from .evaluate import evaluate  # noqa: E402
from .gaps import RULES, find_gaps  # noqa: E402
from .missions import mission_table, plan_mission, plan_missions  # noqa: E402
from .programmes import PROGRAMMES, eligible_programmes  # noqa: E402
from .recommend import ROLE_FIT, recommend  # noqa: E402
from .whitespace import white_space_matrix, white_spaces  # noqa: E402

__all__ += ["PROGRAMMES", "ROLE_FIT", "RULES", "eligible_programmes",
            "evaluate", "find_gaps", "mission_table", "plan_mission",
            "plan_missions", "recommend", "white_space_matrix",
            "white_spaces"]
