"""A loopback TCP relay that can be cut and restored, to make a server unreachable for the
clients behind it without stopping it for everyone (the network is the edge of the world): the
tests' outages (tests/harness/db_outage.py) and the faulted replay's (replay/faults.py). It counts
the connections its clients open, which is how a test sees a client reconnect too often."""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit, urlunsplit

from devstack.stack import free_port


def through_proxy(url: str, port: int) -> str:
    """`url` (a database or broker URL) pointed at a proxy on loopback port `port`."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@127.0.0.1:{port}" if credentials else f"127.0.0.1:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        # Never a port a stack of this process was given: both bind only later.
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self._refusing = False
        self.accepted = 0  # TCP connections clients opened through the proxy, refused ones too

    @property
    def open_connections(self) -> int:
        """Client connections relayed now (each is two sockets)."""
        with self._lock:
            return len(self._connections) // 2

    def start(self) -> TcpProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def cut(self) -> None:
        """Refuse new connections and drop the open ones."""
        if self._listener is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        self._drop_connections()

    def refuse(self) -> None:
        """Drop the open connections and close each new one at once, counting it: a server whose
        port answers while it cannot serve, where a client's every attempt shows in `accepted`."""
        self._refusing = True
        self._drop_connections()

    def restore(self) -> None:
        self._refusing = False
        if self._listener is None:
            self.start()

    def _drop_connections(self) -> None:
        with self._lock:
            for conn in self._connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                    conn.close()
            self._connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self.accepted += 1
            if self._refusing:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._connections += [client, upstream]
            ends = [2]  # the two directions still relaying; the last one to end closes both
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b, ends), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, ends: list[int]) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
            with self._lock:
                ends[0] -= 1
                if ends[0] == 0:  # a long run (the replay) would otherwise keep every socket open
                    for conn in (source, sink):
                        with contextlib.suppress(ValueError):
                            self._connections.remove(conn)
                        conn.close()
