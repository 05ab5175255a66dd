"""Opening a Neo4j driver the Neo4j way, with short messages when it fails.

Only the CLI (and test fixtures, benchmarks) call :func:`connect`; library
functions take the driver it yields ("inject the driver").
"""
from __future__ import annotations

import contextlib
import logging
import re

from ..errors import GraphkitError

#: URI schemes the official driver accepts.
SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")

#: Loggers of the official driver (they mask credentials themselves; the
#: filter below is a second lock in case a password ever reached a message).
_DRIVER_LOGGERS = ("neo4j", "neo4j.io", "neo4j.pool", "neo4j.notifications",
                   "neo4j.auth_management")


def _split_userinfo(uri: str) -> tuple[str, str, str]:
    """``(scheme + "://", userinfo, rest)``. The userinfo ends at the *last*
    ``@``: a password written unencoded may hold ``/ ? # @ %``, which a URL
    parser would take for the path, query or fragment (and then print part
    of the password as a host name); a host never holds ``@``."""
    head, sep, tail = uri.partition("://")
    if not sep:
        head, tail = "", uri
    else:
        head += sep
    userinfo, at, rest = tail.rpartition("@")
    return (head, userinfo, rest) if at else (head, "", tail)


def safe_uri(uri: str) -> str:
    """``uri`` without any ``user:password@`` part, fit to be printed,
    whatever characters the password holds.

    >>> safe_uri("neo4j+s://neo4j:secret@abc.databases.neo4j.io:7687")
    'neo4j+s://abc.databases.neo4j.io:7687'
    >>> safe_uri("bolt://user:ab/Sec?r#e@t%@host:7687")
    'bolt://host:7687'
    """
    head, _, rest = _split_userinfo(uri)
    return head + rest


def secrets_of(uri: str | None, password: str | None) -> list[str]:
    """Every text that must never be shown: the password, the URI's userinfo,
    its password part (as written and percent-decoded) and the pieces a URL
    parser may cut it into; longest first, so that masking one never leaves
    a longer one half shown."""
    from urllib.parse import unquote
    found = {password or ""}
    if uri:
        userinfo = _split_userinfo(uri)[1]
        if userinfo:
            secret = userinfo.partition(":")[2] or userinfo
            found |= {userinfo, secret, unquote(secret)}
            found |= {p for p in re.split(r"[/?#@%:]", secret) if len(p) >= 2}
    return sorted((f for f in found if f), key=len, reverse=True)


def mask(text: str, secrets: list[str]) -> str:
    """``text`` with each of ``secrets`` replaced by ``******``."""
    for secret in secrets:
        text = text.replace(secret, "******")
    return text


class _Redact(logging.Filter):
    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:  # pragma: no cover - a broken record stays as it is
            return True
        masked = mask(text, self.secrets)
        if masked != text:
            record.msg, record.args = masked, ()
        return True


def _check_uri(uri: str | None) -> str:
    if not uri:
        raise GraphkitError(
            "no Neo4j database given: pass --uri (e.g. neo4j://localhost:7687) "
            "or set NEO4J_URI")
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise GraphkitError(
            f"cannot use Neo4j URI {safe_uri(uri)!r}: the scheme must be one of "
            f"{', '.join(s + '://' for s in SCHEMES)}")
    if _split_userinfo(uri)[1]:
        raise GraphkitError(
            f"cannot use Neo4j URI {safe_uri(uri)!r} with credentials in it: "
            f"remove the user:password@ part and pass --user / --password "
            f"(NEO4J_USERNAME / NEO4J_PASSWORD)")
    return uri


def _explain(exc: Exception, uri: str, user: str, database: str | None) -> str:
    from neo4j import exceptions as ne
    where = safe_uri(uri)
    if isinstance(exc, ne.AuthError):
        return (f"Neo4j at {where} refused the credentials of user {user!r}: "
                f"check --user / --password (NEO4J_USERNAME / NEO4J_PASSWORD)")
    code = getattr(exc, "code", "") or ""
    if "DatabaseNotFound" in code or (
            isinstance(exc, ne.ClientError) and "does not exist" in str(exc)
            and "atabase" in str(exc)):
        return (f"Neo4j at {where} has no database {database!r}: check "
                f"--database (NEO4J_DATABASE) or create it")
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
        return (f"cannot reach Neo4j at {where}: is the server running and "
                f"the address right?")
    if isinstance(exc, (ne.ConfigurationError, ValueError)):
        return f"cannot use Neo4j URI {where!r}: {exc}"
    first = str(getattr(exc, "message", None) or exc).splitlines()[0][:200]
    return f"Neo4j at {where} failed: {first}"


@contextlib.contextmanager
def connect(uri: str | None = None, user: str | None = "neo4j",
            password: str | None = None, database: str | None = None):
    """Open a driver, check the server and the database, close it at the end.

    Parameters
    ----------
    uri : str
        ``neo4j://``, ``neo4j+s://``, ``neo4j+ssc://``, ``bolt://``,
        ``bolt+s://`` or ``bolt+ssc://`` address.
    user, password : str
        Credentials (basic auth). The password is never printed nor logged.
    database : str, optional
        Database every graphkit call will use (None: the server's default).

    Yields
    ------
    neo4j.Driver
        A driver whose connectivity and database have been checked.

    Raises
    ------
    GraphkitError
        No URI, a bad URI scheme, an unreachable server, refused
        credentials or a missing database, each with a short message.

    Examples
    --------
    >>> with connect("bolt://127.0.0.1:7687", "neo4j", "secret") as driver:  # doctest: +SKIP
    ...     pull_network(driver)
    """
    from neo4j import GraphDatabase, NotificationMinimumSeverity
    from neo4j import exceptions as ne

    secrets = secrets_of(uri, password)
    try:
        uri = _check_uri(uri)
    except GraphkitError as exc:
        raise GraphkitError(mask(str(exc), secrets)) from None
    user = user or "neo4j"
    redact = _Redact(secrets)
    loggers = [logging.getLogger(n) for n in _DRIVER_LOGGERS]
    for lg in loggers:
        lg.addFilter(redact)
    driver = None
    try:
        try:
            # graphkit's statements are fixed and tested: the server's
            # notifications (e.g. "property key does not exist" on a database
            # graphkit has not written yet) would only reach the user as
            # log lines of the driver on standard error
            driver = GraphDatabase.driver(
                uri, auth=(user, password or ""),
                notifications_min_severity=NotificationMinimumSeverity.OFF)
            driver.verify_connectivity()
            # verify_connectivity does not open the database: a trivial query does
            driver.execute_query("RETURN 1 AS ok", database_=database)
        except (ne.Neo4jError, ne.DriverError, ValueError, OSError) as exc:
            message = _explain(exc, uri, user, database)
            message = mask(message.replace(uri, safe_uri(uri)), secrets)
            raise GraphkitError(message) from None
        yield driver
    finally:
        if driver is not None:
            driver.close()
        for lg in loggers:
            lg.removeFilter(redact)
