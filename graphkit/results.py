"""The results of one analysis: what every output reads.

:func:`graphkit.analysis.compute` takes a :class:`~graphkit.network.Network`
and one :class:`Parameters` and returns one :class:`Results`: the key
figures, the metrics, the network summary, the gaps, the white spaces, the
recommendations, the missions, and the parameters that made them. The map,
the report, the table files, the exports and the Neo4j write-back only read
it; none of them computes an analysis of its own, so a figure that appears
twice is the same figure.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property

import pandas as pd

from .errors import GraphkitError
from .network import Network, Ties

__all__ = ["Parameters", "Results", "PARTS"]

#: What :func:`graphkit.analysis.compute` can compute, in dependency order.
PARTS = ("metrics", "summary", "gaps", "white_spaces", "recommendations",
         "missions")


@dataclass(frozen=True)
class Parameters:
    """Every parameter of an analysis, explicit and in one place.

    Attributes
    ----------
    ties : Ties
        What counts as a tie (types, year window, weights).
    exact : bool
        Exact betweenness and closeness whatever the size.
    seed : int
        Seed of everything random (communities, pivots, tie-breaks).
    group_by : {"country", "type", "pole"}
        Groups of the brokerage roles.
    top : int
        Recommended partners per actor.
    dormant_years, programme_years : int
        A partnership is dormant, a programme idle, after this many years.
    foreign_gaps : bool
        Also report foreign actors' gaps that concern no French actor.
    parks : int
        Parks a delegation mission visits.
    workers : int
        Processes for the path metrics (1: in this process, no pool).
    """
    ties: Ties = field(default_factory=Ties)
    exact: bool = False
    seed: int = 42
    group_by: str = "country"
    top: int = 10
    dormant_years: int = 5
    programme_years: int = 3
    parks: int = 3
    workers: int = 1
    foreign_gaps: bool = False

    def __post_init__(self):
        if not isinstance(self.ties, Ties):
            raise GraphkitError("Parameters.ties must be a Ties (Ties.of(...))")
        for name in ("seed", "top", "dormant_years", "programme_years",
                     "parks", "workers"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise GraphkitError(f"{name} must be a whole number, "
                                    f"not {value!r}")
        for name in ("top", "dormant_years", "programme_years", "parks",
                     "workers"):
            if getattr(self, name) < 1:
                raise GraphkitError(f"{name} must be at least 1, not "
                                    f"{getattr(self, name)!r}")

    def as_dict(self) -> dict:
        """Plain values (JSON-ready): the tie definition flattened in."""
        out = asdict(self)
        del out["ties"]
        return {**self.ties.as_dict(), **out}


@dataclass
class Results:
    """One analysis of one network (see the module docstring).

    A part that was not asked for is None. ``figures`` are
    :func:`graphkit.analysis.figures.key_figures` under ``parameters.ties``.
    """
    network: Network
    parameters: Parameters
    figures: dict
    metrics: pd.DataFrame | None = None
    approximations: list = field(default_factory=list)
    summary: dict | None = None
    gaps: pd.DataFrame | None = None
    white_spaces: pd.DataFrame | None = None
    recommendations: pd.DataFrame | None = None
    score_model: dict | None = None
    missions: dict | None = None

    @property
    def ties(self) -> Ties:
        return self.parameters.ties

    @cached_property
    def reason_words(self):
        """The :class:`graphkit.texts.ReasonWords` of every output of these
        results: the table files and the map word each reason of the
        recommendations once per language."""
        from .texts import ReasonWords
        return ReasonWords()

    def meta(self) -> dict:
        """What the table files record beside their rows: the parameters
        and the approximations they were computed with."""
        return {"parameters": self.parameters.as_dict(),
                "approximations": list(self.approximations)}
