"""graphkit: map international R&D cooperation and find the partnerships that are missing."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("graphkit-coop")
except PackageNotFoundError:  # running from a checkout
    __version__ = "0.1.0.dev0"

from .errors import GraphkitError, Problem, ValidationError  # noqa: E402
from .model import ACTOR_TYPES, COOPERATION_TYPES  # noqa: E402
from .network import Network  # noqa: E402

__all__ = ["ACTOR_TYPES", "COOPERATION_TYPES", "GraphkitError", "Network",
           "Problem", "ValidationError", "__version__"]
__all__ += ["analyse"]


def __getattr__(name):  # graphkit.analyse, imported on first use (scipy, igraph)
    if name == "analyse":
        from .analysis import analyse
        return analyse
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
