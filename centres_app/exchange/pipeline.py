"""Reading a big SENACS file in a second process while the store writes what is already read.

Parsing costs ~150 us per action and storing ~300 us, both CPU-bound in Python and SQLite: in
one process they add up; here a child process parses and sends the actions in batches through
a pipe, and the caller stores them as they come (Store.import_actions takes any iterable, in
one transaction). On two cores the parse is hidden behind the store.

The stream is all or nothing like a list: a malformation found at the end of the file raises
ParseError from the iterator, the import's transaction is rolled back and nothing is written.
The child is started with "spawn" (safe in a process with Qt or other threads), is stopped when
the iterator is closed or dropped early, and a failure to start it falls back to parsing here.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection

from centres_app.domain import ActionData, normalised
from centres_app.errors import ParseError

# Below this size (~1,700 actions of synthetic text, every real département's export) starting
# a process (~0.2 s) costs more than it saves.
MIN_BYTES = 8 * 1024 * 1024
_BATCH = 500
_AHEAD = 64  # batches pickled and waiting to be read (~2.3 MB each for synthetic actions)


def stream_senacs_file(path: str | os.PathLike[str]) -> Iterator[ActionData]:
    """The actions of a SENACS file, parsed in a child process when the file is big."""
    return actions_only(stream_senacs_located(path))


def actions_only(located: Iterator[tuple[int, ActionData]]) -> Iterator[ActionData]:
    """The actions without their lines; closing it closes `located` (and stops the child)."""
    try:
        for _, action in located:
            yield action
    finally:
        close = getattr(located, "close", None)
        if close is not None:
            close()


def stream_senacs_located(path: str | os.PathLike[str]) -> Iterator[tuple[int, ActionData]]:
    """Like stream_senacs_file, each action with the line where its block starts. The
    actions come normalised (domain.normalised, as the import checks would make them:
    ImportFile.normalised), in the child for a big file, so the storing process need not."""
    name = os.fspath(path)
    from centres_app.exchange.senacs_reader import iter_senacs_located

    try:
        big = os.path.getsize(name) >= MIN_BYTES
    except OSError:
        big = False  # the reader says what is wrong with the path, in French
    if not big:
        return _normalised(iter_senacs_located(name))
    try:
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=_parse_in_child, args=(name, sender), name="centres-app-parse", daemon=True
        )
        child.start()
    except (OSError, RuntimeError, ValueError):
        return _normalised(iter_senacs_located(name))
    sender.close()  # the child holds its own end: EOF here when it exits
    return _receive(name, child, receiver)


def _normalised(
    located: Iterator[tuple[int, ActionData]],
) -> Iterator[tuple[int, ActionData]]:
    for line, action in located:
        yield line, normalised(action)


def _receive(
    name: str, child: multiprocessing.process.BaseProcess, receiver: Connection
) -> Iterator[tuple[int, ActionData]]:
    try:
        while True:
            try:
                kind, payload = pickle.loads(receiver.recv_bytes())
            except EOFError:
                from centres_app.exchange.loader import SourceRefused

                raise SourceRefused(
                    name, "la lecture du fichier s'est arrêtée (processus de lecture interrompu)"
                ) from None
            if kind == "actions":
                yield from payload
            elif kind == "done":
                return
            elif kind == "parse-error":
                raise ParseError(*payload)
            else:  # "os-error": the file could not be read
                from centres_app.errors import describe_os_error
                from centres_app.exchange.loader import SourceRefused

                raise SourceRefused(name, describe_os_error(OSError(*payload)))
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()  # the caller stopped early (validation error, cancel)
        child.join()


def _parse_in_child(path: str, sender: Connection) -> None:
    """The child process: parse and send batches, then "done" or the error.

    A pipe holds ~64 KB: written from the parsing thread, every send would wait until the
    parent, busy in SQLite, reads again, and the two processes would take turns instead of
    working together (measured: the parent waited 13 s of 53 s at 100,000). So batches are
    pickled here and written by a second thread (which waits in the OS, without the GIL), up to
    _AHEAD batches ahead of the parent.
    """
    from centres_app.exchange.senacs_reader import iter_senacs_located

    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=_AHEAD)
    writer = threading.Thread(target=_write_all, args=(outbox, sender), daemon=True)
    writer.start()

    def put(kind: str, payload: object) -> None:
        item = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
        while True:
            try:
                outbox.put(item, timeout=1.0)
                return
            except queue.Full:
                if not writer.is_alive():  # the parent is gone: stop, do not wait forever
                    raise _Stopped from None

    batch: list[tuple[int, ActionData]] = []
    try:
        for located in _normalised(iter_senacs_located(path)):
            _derive(located[1])
            batch.append(located)
            if len(batch) == _BATCH:
                put("actions", batch)
                batch = []
        if batch:
            put("actions", batch)
        put("done", None)
    except ParseError as exc:
        put("parse-error", (exc.path, exc.line, exc.message))
    except OSError as exc:
        put("os-error", (exc.errno, exc.strerror, exc.filename))
    except (_Stopped, KeyboardInterrupt):
        return
    finally:
        if writer.is_alive():
            outbox.put(None)
            writer.join()


def _derive(action: ActionData) -> None:
    """Works out here, in the parsing process, what the storing process asks of every record:
    the cached properties of ActionData (its identity, its terms, its folded title) travel
    with it through the pipe, so the process that writes (the one busier of the two) finds
    them made instead of computing them between its writes."""
    _ = (action.identity, action.term_names, action.folded_title)  # cached on the instance


class _Stopped(Exception):
    pass


def _write_all(outbox: queue.Queue[bytes | None], sender: Connection) -> None:
    try:
        while (item := outbox.get()) is not None:
            sender.send_bytes(item)
    except OSError:
        pass  # the parent stopped reading (it stops this process too)
    finally:
        sender.close()
