"""The client's address: the socket peer, or ``X-Forwarded-For`` read past trusted proxies.

Only hops added by proxies we trust are believed. Reading right to left, each address that
belongs to a trusted proxy is skipped; the first one that does not is the client. Whatever a
client writes at the left of the header is never reached unless every hop after it is trusted.
IPv4-mapped IPv6 addresses (``::ffff:10.1.2.3``) are treated as the IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from drift.cloud.settings import IPNetwork

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_address(text: str) -> IPAddress | None:
    """Parse one address; IPv4-mapped IPv6 becomes IPv4. None when it is not an address."""
    value = text.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress, proxies: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def client_address(
    peer: str | None, forwarded_for: Iterable[str], proxies: tuple[IPNetwork, ...]
) -> IPAddress | None:
    """The address to check and record, or None when it cannot be determined.

    ``forwarded_for`` holds the raw values of every ``X-Forwarded-For`` header, in order.
    """
    current = parse_address(peer) if peer else None
    if current is None:
        return None
    hops = [hop for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(current, proxies):
            break
        parsed = parse_address(hop)
        if parsed is None:
            # A trusted proxy forwarded something that is not an address: we cannot tell
            # who the client is, so we say so rather than guess.
            return None
        current = parsed
    return current
