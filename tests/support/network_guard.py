"""Refuse internet sockets in-process: Pacer makes no network connections at all."""

from __future__ import annotations

import socket

INTERNET_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class NetworkAccessError(AssertionError):
    pass


def refuse_internet(original):
    def guarded(self, address, *args, **kwargs):
        if self.family in INTERNET_FAMILIES:
            raise NetworkAccessError(f"Pacer tried to connect to {address!r}")
        return original(self, address, *args, **kwargs)

    return guarded
