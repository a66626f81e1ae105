"""Server URLs and what may be printed of them: one check for ``--store``, ``KG_STORE`` and every
``KG_SPARQL_*`` variable, a redirect policy that keeps credentials with their server, and the
scrubbing of anything a server echoes back.

>>> is_url("HTTP://example.org:7878"), is_url("./kg-store")
(True, False)
>>> checked_url("http://user:pa/ss@example.org:7878")
Traceback (most recent call last):
...
kg.errors.StoreError: give the server's credentials in $KG_STORE_USER and $KG_STORE_PASSWORD, not in the URL
>>> scrub("echo: Authorization: Basic dXNlcjpzZWNyZXQ= and more", ("secret",))
'echo: Authorization: [credentials removed] and more'
"""

from __future__ import annotations

import base64
import ipaddress
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from email.message import Message
from typing import IO

from kg.errors import StoreError

__all__ = ["ENV_PASSWORD", "ENV_USER", "checked_url", "is_url", "no_redirects", "origin", "scrub",
           "warn_plain_credentials"]

ENV_USER = "KG_STORE_USER"
ENV_PASSWORD = "KG_STORE_PASSWORD"  # noqa: S105 - the name of a variable, not a secret
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HTTP = re.compile(r"^https?://", re.IGNORECASE)
_MAX_ECHO = 200  # characters of a server's error body kg repeats
_CREDENTIALS = re.compile(r"(?i)\b(?:basic|bearer|digest)\s+[A-Za-z0-9+/=._~:-]{6,}|\bauthorization:\s*\S+(?:\s+\S+)?")


def is_url(location: object) -> bool:
    """Whether a ``--store`` value names a server rather than a directory (any case of http/https)."""
    return isinstance(location, str) and _HTTP.match(location) is not None


def checked_url(url: str, what: str = "the store URL") -> str:
    """``url`` as kg will use it, without its trailing slash, or one line saying why not; the line never
    repeats the URL, which may hold a password (a password with "/" in it splits the URL anywhere)."""
    if not is_url(url):
        scheme = _SCHEME.match(url)
        shown = scheme.group(0) if scheme else "that value"
        raise StoreError(f"{what} must start with http:// or https:// ({shown} does not)")
    head = re.split(r"[?#]", url, maxsplit=1)[0]
    if "@" in head[head.index("://") + 3:]:
        raise StoreError(f"give the server's credentials in ${ENV_USER} and ${ENV_PASSWORD}, not in the URL")
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # "http://[::1" and "http://host:port" with a bad port fail here
    except ValueError:
        raise StoreError(f"{what} is not a valid URL") from None
    if not parts.hostname:
        raise StoreError(f"{what} names no host")
    return url.rstrip("/")


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: where credentials for ``url`` may go."""
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _shown(location: str) -> str:
    """A location fit to print: no credentials, no query string."""
    parts = urllib.parse.urlsplit(location)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """Follow no redirect: a POST would turn into a body-less GET, and credentials would go along."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: Message, newurl: str) -> urllib.request.Request | None:
        try:
            where = _shown(newurl)
        except ValueError:
            where = "an address that is not a valid URL"
        raise StoreError(f"the server redirected the request ({code}) to {where}; kg follows no redirects: "
                         "give that address as the store")


def no_redirects(*handlers: urllib.request.BaseHandler) -> urllib.request.OpenerDirector:
    """An opener that refuses every redirect (one line naming the new location, without credentials)."""
    return urllib.request.build_opener(_RefuseRedirects(), *handlers)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """A server's words fit to repeat: cut short, every credential-looking token and every secret
    (and its Base64 forms) removed."""
    out = text
    for secret in secrets:
        if secret:
            for form in {secret, base64.b64encode(secret.encode()).decode()}:
                out = out.replace(form, "[credentials removed]")
    out = _CREDENTIALS.sub(lambda m: m.group(0).split()[0] + " [credentials removed]"
                           if m.group(0).lower().startswith("authorization") else "[credentials removed]", out)
    out = " ".join(out.split())
    return out if len(out) <= _MAX_ECHO else out[:_MAX_ECHO] + "…"


def warn_plain_credentials(url: str, stream: IO[str] | None = None) -> None:
    """Warn once when credentials would cross a network in clear text (plain http to a host that is not
    this machine)."""
    try:
        parts = urllib.parse.urlsplit(checked_url(url))
    except StoreError:
        return  # the URL check says what is wrong with it, once the store is opened
    if parts.scheme.lower() != "http":
        return
    host = (parts.hostname or "").lower()
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        print(f"kg: warning: credentials go to {host} over plain http, readable on the way; use https",
              file=stream or sys.stderr)
