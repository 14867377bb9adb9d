"""A fetcher that only talks to public addresses, in the spirit of Stripe's Smokescreen.

Every hop (the first request and each redirect) resolves its host, refuses it if
any resolved address is not public, and then connects to the address it checked,
so a DNS answer that changes between the check and the connect cannot steer us
to an internal service.
"""
from __future__ import annotations

import socket
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address, ip_address, ip_network

import httpx

from index.errors import FetchError, RefusedAddressError

USER_AGENT = "article-bot/0.1"
ALLOWED_CONTENT_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "application/pdf"}
)
# What a feed may be served as (servers label RSS and Atom in many ways).
FEED_CONTENT_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
     "application/feed+json", "application/x-rss+xml"}
)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_METADATA_ADDRESSES = frozenset({ip_address("169.254.169.254"), ip_address("fd00:ec2::254")})
_CGNAT = ip_network("100.64.0.0/10")
_NAT64 = ip_network("64:ff9b::/96")

IPAddress = IPv4Address | IPv6Address


@dataclass(frozen=True)
class FetchedPage:
    """A fetched body with its final URL (after redirects) and media type.

    `status` is 304 (and the body empty) when a conditional request found nothing new;
    `etag` and `last_modified` are the validators to send next time.
    """

    url: str
    content_type: str
    body: bytes
    charset: str | None
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


def refusal_reason(ip: IPAddress) -> str | None:
    """Say why `ip` must not be fetched from ("private", "loopback", ...), or None if public."""
    if ip in _METADATA_ADDRESSES:
        return "cloud metadata"
    if isinstance(ip, IPv6Address):
        embedded = ip.ipv4_mapped if ip.ipv4_mapped is not None else ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = refusal_reason(embedded)
            return f"{inner} (embedded {embedded})" if inner else None
    if ip.is_loopback:
        return "loopback"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    if isinstance(ip, IPv4Address) and ip in _CGNAT:
        return "shared address space (CGNAT)"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "not public"
    return None


def _allow_hint(host: str, reason: str) -> str:
    """How an operator lets the fetcher reach `host` anyway (a local test server); never
    offered for a cloud metadata address, which no article lives on."""
    if reason.startswith("cloud metadata"):
        return ""
    return f"; set FETCH_ALLOW_HOSTS={host} to allow it"


def _normalise_host(host: str) -> str:
    host = host.strip().strip("[]").rstrip(".").lower()
    try:
        return str(ip_address(host))
    except ValueError:
        return host


def _parse_content_type(header: str) -> tuple[str, str | None]:
    mime, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"\''):
            charset = value.strip().strip('"\'').lower()
    return mime.strip().lower(), charset


class UrlFetcher:
    """Fetch http(s) URLs safely: public addresses only, bounded time, size and type."""

    def __init__(
        self,
        *,
        allow_hosts: Iterable[str] = (),
        timeout: float = 15.0,
        max_bytes: int = 10_000_000,
        max_redirects: int = 5,
    ) -> None:
        """`allow_hosts` names hosts or IPs that may be non-public (e.g. a local test server)."""
        self._allow = frozenset(_normalise_host(h) for h in allow_hosts if h.strip())
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects

    def fetch(self, url: str, *, headers: Mapping[str, str] | None = None,
              also_accept: Iterable[str] = ()) -> FetchedPage:
        """Fetch `url`, following up to `max_redirects` redirects, each checked like the first.

        Each network step must finish within `timeout` seconds and the whole fetch
        within four times that, so a server dripping bytes cannot hold us forever.
        `headers` are sent on every hop (e.g. If-None-Match for a conditional request:
        a 304 answer comes back as a page with status 304 and no body); `also_accept`
        adds media types (e.g. FEED_CONTENT_TYPES) to the article types.
        Raises FetchError for a refused address, timeout, HTTP error, wrong content
        type or a body larger than `max_bytes`.
        """
        deadline = time.monotonic() + 4 * self._timeout
        current = self._parse(url)
        # No keep-alive: the pool is keyed by the pinned IP, so a kept connection
        # (with its TLS session for one hostname) could be reused for another host.
        limits = httpx.Limits(max_keepalive_connections=0)
        # trust_env=False: an environment proxy would connect on our behalf, unchecked.
        # identity encoding: a tiny compressed chunk can inflate past max_bytes before we count it.
        sent = {**(headers or {}), "User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        accepted = ALLOWED_CONTENT_TYPES | frozenset(also_accept)
        with httpx.Client(
            headers=sent, follow_redirects=False, trust_env=False, limits=limits
        ) as client:
            for _ in range(self._max_redirects + 1):
                response = self._send(client, current, deadline)
                try:
                    if response.status_code == 304 and headers:
                        return FetchedPage(str(current), "", b"", None, 304, response.headers.get("etag"),
                                           response.headers.get("last-modified"))
                    if response.status_code not in _REDIRECT_STATUSES:
                        return self._read(response, current, deadline, accepted)
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(
                            f"bad redirect: {current} answered {response.status_code} without a Location"
                        )
                    current = self._parse_redirect(current, location)
                finally:
                    response.close()
        raise FetchError(f"too many redirects: {url} redirected more than {self._max_redirects} times")

    def _parse(self, url: str) -> httpx.URL:
        try:
            parsed = httpx.URL(url.strip())
        except (httpx.InvalidURL, TypeError) as exc:
            raise FetchError(f"invalid URL: {url!r} ({exc})") from exc
        if parsed.scheme not in ("http", "https"):
            raise FetchError(f"unsupported URL scheme: {parsed.scheme or '(none)'} (use http or https)")
        if not parsed.raw_host:
            raise FetchError(f"invalid URL: {url!r} has no host")
        return parsed

    def _parse_redirect(self, current: httpx.URL, location: str) -> httpx.URL:
        try:
            target = current.join(location)
        except httpx.InvalidURL as exc:
            raise FetchError(f"bad redirect: {current} sent an invalid Location {location!r}") from exc
        return self._parse(str(target))

    def _vetted_addresses(self, host: str, port: int) -> list[str]:
        """Resolve `host` and return its addresses, refusing if any one is not allowed."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            detail = getattr(exc, "strerror", None) or exc
            raise FetchError(f"cannot resolve host: {host} ({detail})") from exc
        host_allowed = _normalise_host(host) in self._allow
        addresses: list[str] = []
        for info in infos:
            ip = ip_address(str(info[4][0]).split("%", 1)[0])
            if not host_allowed and str(ip) not in self._allow:
                reason = refusal_reason(ip)
                if reason:
                    named = "" if host == str(ip) else f" ({host})"
                    raise RefusedAddressError(f"refused address: {ip} is {reason}{named}{_allow_hint(host, reason)}")
            if str(ip) not in addresses:
                addresses.append(str(ip))
        if not addresses:
            raise FetchError(f"cannot resolve host: {host} has no addresses")
        return addresses

    def _send(self, client: httpx.Client, url: httpx.URL, deadline: float) -> httpx.Response:
        """Connect to a checked address of `url`'s host, keeping the original Host and SNI."""
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = self._vetted_addresses(host, port)
        headers = {"Host": url.netloc.decode("ascii")}
        # httpcore validates the certificate against sni_hostname, not the IP in the URL.
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        last_error: Exception | None = None
        for address in addresses:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            request = client.build_request(
                "GET",
                url.copy_with(host=address),
                headers=headers,
                extensions=extensions,
                timeout=httpx.Timeout(min(self._timeout, remaining)),
            )
            try:
                return client.send(request, stream=True)
            except httpx.ConnectError as exc:
                last_error = exc  # try the next checked address
            except httpx.TimeoutException as exc:
                raise self._timed_out(url) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"fetch failed: {url} ({exc})") from exc
        if last_error is None:
            raise self._timed_out(url)
        raise FetchError(f"cannot connect: {host} port {port} ({last_error})") from last_error

    def _read(self, response: httpx.Response, url: httpx.URL, deadline: float,
              accepted: frozenset[str] = ALLOWED_CONTENT_TYPES) -> FetchedPage:
        """Check status, type and size, then read the body up to `max_bytes`."""
        if not 200 <= response.status_code < 300:
            raise FetchError(f"HTTP {response.status_code} from {url}")
        content_type, charset = _parse_content_type(response.headers.get("content-type", ""))
        if content_type not in accepted:
            shown = content_type or "(none)"
            raise FetchError(f"unsupported content type {shown} at {url} (need HTML, text, Markdown or PDF)")
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise self._too_large(url)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self._max_bytes:
                    raise self._too_large(url)
                if time.monotonic() > deadline:
                    raise self._timed_out(url)
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise self._timed_out(url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"fetch failed: {url} ({exc})") from exc
        return FetchedPage(url=str(url), content_type=content_type, body=b"".join(chunks), charset=charset,
                           status=response.status_code, etag=response.headers.get("etag"),
                           last_modified=response.headers.get("last-modified"))

    def _too_large(self, url: httpx.URL) -> FetchError:
        return FetchError(f"too large: {url} is over {self._max_bytes} bytes")

    def _timed_out(self, url: httpx.URL) -> FetchError:
        return FetchError(f"timed out: {url} did not answer within {self._timeout:g} s")
