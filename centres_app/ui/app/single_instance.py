"""One window per store: a per-user lock named after the store, and a local socket to wake it."""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QDir,
    QLockFile,
    QObject,
    QThread,
    Signal,
)
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

_REQUEST = b"activate\n"
_ACK = b"ok\n"
_DEFAULT_PORTS = {"postgresql": 5432}
# A Unix socket path must fit in sockaddr_un (108 bytes on Linux, 104 on macOS).
_MAX_SOCKET_PATH = 100


def _tr(text: str) -> str:
    return QCoreApplication.translate("SingleInstance", text)


# --- the store's identity ---------------------------------------------------------------------


def _real_path(path: str) -> str:
    return os.path.normcase(os.path.realpath(os.path.expanduser(path)))


def store_key(target: str) -> str | None:
    """The identity of the store a path or URL names; None for an in-memory store.

    A file: its resolved real path (symbolic links and `..` followed, so two spellings of
    one file are one store). A server: backend, user, host, port and database, without
    the password or the driver (`postgresql+psycopg` and `postgresql` are one server).
    """
    text = target.strip()
    if "://" not in text:
        return "sqlite:" + _real_path(text) if text else None
    scheme, rest = text.split("://", 1)
    backend = scheme.split("+", 1)[0].lower()
    if backend == "sqlite":
        # sqlite:///relative.db, sqlite:////absolute.db; sqlite:// is in memory.
        database = rest[1:].split("?", 1)[0] if rest.startswith("/") else ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return "sqlite:" + _real_path(database)
    parts = urlsplit(text)
    try:
        port = parts.port or _DEFAULT_PORTS.get(backend, 0)
    except ValueError:
        port = 0
    user = unquote(parts.username or "")
    host = unquote(parts.hostname or "localhost").lower()
    database = unquote(parts.path.lstrip("/"))
    return f"{backend}://{user}@{host}:{port}/{database}"


def store_key_of(store: object) -> str | None:
    """The identity of an opened store (its `db_path`, else its `url`), as store_key gives it."""
    path = getattr(store, "db_path", None)
    if path is not None:
        return "sqlite:" + _real_path(str(path))
    url = str(getattr(store, "url", "") or "")
    if not url or url.startswith("sqlite"):
        return None  # in memory: one per process, nothing to share
    return store_key(url)


def key_label(key: str) -> str:
    """The store as the user knows it: the file's path, or the server's address."""
    return key.removeprefix("sqlite:") if key.startswith("sqlite:") else key


# --- where the lock and the socket live -------------------------------------------------------


def runtime_dir() -> Path:
    """A per-user folder for the lock: $XDG_RUNTIME_DIR on Linux, else the temporary folder.

    The temporary folder is per user on Windows and macOS; on a Linux without runtime
    folder it is the shared /tmp, hence the user's name inside every name (`_digest`).
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and sys.platform != "win32" and os.path.isdir(runtime):
        return Path(runtime)
    return Path(QDir.tempPath())


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: the home folder will do
        return str(Path.home())


def _digest(key: str) -> str:
    return hashlib.sha256(f"{_user()}\0{key}".encode()).hexdigest()[:20]


def _server_name(folder: Path, digest: str) -> str:
    name = f"centres-app-{digest}"
    if sys.platform == "win32":
        return name  # a named pipe, in a global namespace: the digest holds the user
    path = str(folder / f"{name}.sock")
    # Too long for a socket path: a bare name, which Qt puts in the temporary folder.
    return path if len(path.encode()) <= _MAX_SOCKET_PATH else name


class InstanceGuard(QObject):
    """Holds one key for this process (a lock file) and answers later claimants (a socket).

    The lock file (QLockFile) decides who owns the key: its creation is atomic, so of two
    starts at the same moment exactly one wins, and a lock left by a crashed process is
    recognised by its dead PID and taken over. The owner listens on a local socket named
    after the same digest; a later claimant connects there to ask the owner to come forward.

    Signals:
        activation_requested: another process asked for this key (bring the window forward).
    """

    activation_requested = Signal()

    def __init__(self, key: str, directory: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.key = key
        folder = directory if directory is not None else runtime_dir()
        digest = _digest(key)
        self.lock_path = folder / f"centres-app-{digest}.lock"
        self.server_name = _server_name(folder, digest)
        self._lock = QLockFile(str(self.lock_path))
        # Never stale by age: the window may stay open for days. Stale only when the PID
        # written in it is no longer running (QLockFile checks that itself).
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def acquire(self) -> bool:
        """Takes the key; False when another live process holds it.

        A folder where no lock can be written is not a reason to refuse the window: it
        opens unguarded (said on stderr) rather than not at all.
        """
        if self._lock.isLocked():
            return True
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                return False
            print(
                f"centres-app : verrou de fenêtre impossible ({self.lock_path}) : "
                "la base pourra être ouverte deux fois.",
                file=sys.stderr,
            )
            return True
        # The key is ours: a socket still there was left by a crashed owner.
        QLocalServer.removeServer(self.server_name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_server_new_connection)
        if not server.listen(self.server_name):
            # Still the owner (the lock decides); later starts just cannot wake this one.
            print(
                f"centres-app : écoute locale impossible ({server.errorString()}).",
                file=sys.stderr,
            )
        self._server = server
        return True

    def activate_running(self, timeout_ms: int = 5000) -> bool:
        """Asks the holder to come forward; True once it answered within `timeout_ms`.

        Blocking on purpose: it runs in a process that is about to exit, before any event
        loop. The holder may have its lock but not yet its socket (two starts at the same
        moment), hence the retries until the deadline.
        """
        deadline = QDeadlineTimer(timeout_ms)
        socket = QLocalSocket()
        try:
            while True:
                socket.connectToServer(self.server_name)
                if socket.waitForConnected(max(1, min(250, deadline.remainingTime()))):
                    break
                socket.abort()
                if deadline.hasExpired():
                    return False
                QThread.msleep(50)
            socket.write(_REQUEST)
            if not socket.waitForBytesWritten(max(1, deadline.remainingTime())):
                return False
            answer = b""
            while not answer.endswith(b"\n") and not deadline.hasExpired():
                if not socket.bytesAvailable() and not socket.waitForReadyRead(
                    max(1, deadline.remainingTime())
                ):
                    break
                answer += bytes(socket.readAll().data())
            return answer == _ACK
        finally:
            socket.abort()

    def release(self) -> None:
        """Gives the key back (the socket closed, the lock file removed)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (client := self._server.nextPendingConnection()) is not None:
            client.readyRead.connect(lambda c=client: self._on_client_ready_read(c))
            client.disconnected.connect(client.deleteLater)
            if client.bytesAvailable():
                self._on_client_ready_read(client)

    def _on_client_ready_read(self, client: QLocalSocket) -> None:
        if not client.canReadLine():
            if client.bytesAvailable() > len(_REQUEST):
                client.abort()  # not one of ours
            return
        line = bytes(client.readLine().data())
        if line != _REQUEST:
            client.abort()
            return
        self.activation_requested.emit()
        client.write(_ACK)
        client.flush()
        client.disconnectFromServer()


# --- the guard of the window's store ----------------------------------------------------------


class StoreGuard(QObject):
    """The InstanceGuard of the store the window shows, following it when the store changes.

    Signals:
        activation_requested: a second start asked for the store shown here.
    """

    activation_requested = Signal()

    def __init__(
        self,
        directory: Path | None = None,
        parent: QObject | None = None,
        answer_timeout_ms: int = 5000,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._answer_timeout_ms = answer_timeout_ms
        self._current: InstanceGuard | None = None
        # Set when a claim was refused: the other window's store, and whether it answered.
        self.refused: tuple[str, bool] | None = None

    @property
    def key(self) -> str | None:
        return self._current.key if self._current is not None else None

    def claim(self, target: str | None) -> bool:
        """Before opening `target`: False when another window has it (then brought forward)."""
        return self._take(store_key(target) if target else None, keep_unknown=True)

    def follow(self, store: object) -> bool:
        """The store actually opened: its key taken (the previous one given back), or False
        when another window has it (then brought forward; the previous key is kept)."""
        return self._take(store_key_of(store), keep_unknown=False)

    def release(self) -> None:
        if self._current is not None:
            self._current.release()
            self._current.deleteLater()
            self._current = None

    def refusal_message(self) -> str:
        """Why the last claim was refused, in French."""
        label, answered = self.refused or ("", False)
        if answered:
            return _tr(
                "La base {store} est déjà ouverte dans une autre fenêtre ; elle a été mise "
                "au premier plan."
            ).format(store=label)
        return _tr(
            "La base {store} est déjà ouverte dans une autre fenêtre, qui ne répond pas "
            "encore (démarrage en cours ?). Réessayez dans un instant."
        ).format(store=label)

    def _take(self, key: str | None, keep_unknown: bool) -> bool:
        self.refused = None
        if key is None:
            if not keep_unknown:
                self.release()  # an in-memory store: nothing to guard any more
            return True
        if self._current is not None and self._current.key == key:
            return True
        # The new key first: never a moment where the shown store is unguarded.
        guard = InstanceGuard(key, self._directory, self)
        if not guard.acquire():
            answered = guard.activate_running(self._answer_timeout_ms)
            guard.deleteLater()
            self.refused = (key_label(key), answered)
            return False
        self.release()
        guard.activation_requested.connect(self.activation_requested)
        self._current = guard
        return True


def bring_forward(window: QWidget) -> None:
    """Un-minimises (keeping maximised), raises and activates a window."""
    if window.isMinimized():
        if window.isMaximized():
            window.showMaximized()
        else:
            window.showNormal()
    window.raise_()
    window.activateWindow()
