"""The store's use cases: open, search, read, save, delete, import. One transaction each.

Returns frozen dataclasses of centres_app.domain, never live ORM objects.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from centres_app.completeness import Completeness
from centres_app.db import fulltext, livefiles, pgsearch
from centres_app.db.backup import (
    BackupInfo,
    DamagedStoreError,
    auto_backup,
    backup_to,
    check_file,
    count_actions,
    list_backups,
    make_backup,
    restore,
)
from centres_app.db.bulk import BulkImporter, term_names
from centres_app.db.completeness import completeness_of
from centres_app.db.engine import (
    create_store_engine,
    database_url,
    describe_db_error,
    is_sqlite,
    migrate,
    precheck_sqlite_file,
)
from centres_app.db.history import (
    Revision,
    TrashEntry,
    keep_revision,
    latest_entry_of,
    purge_trash,
    restore_history,
    revision_data,
    revisions,
    take_from_trash,
    to_trash,
    trash_entries,
)
from centres_app.db.import_checks import ImportChecker
from centres_app.db.import_checks import normalised as _normalised
from centres_app.db.memindex import MemorySearch, Snapshot
from centres_app.db.models import (
    Action,
    ActionTerm,
    AttachmentFile,
    SavedSearchRow,
    Term,
    terms_text,
    utcnow,
)
from centres_app.db.search import Searcher
from centres_app.db.similar import SimilarFinder, load_features
from centres_app.domain import (
    TERM_FIELDS,
    TEXT_FIELDS,
    ActionData,
    ActionDetail,
    ActionRow,
    Attachment,
    FacetValue,
    ImportFile,
    ImportPreview,
    ImportReport,
    SavedSearch,
    SearchRequest,
    SearchResult,
    SimilarAction,
    fold,
    request_from_dict,
    request_to_dict,
    validate,
)
from centres_app.errors import Conflict, NotFound, StoreError, ValidationFailed
from centres_app.qualifiers import CachedVocabulary, apply_qualifiers

_SCALAR_FIELDS = ("title", "department", "year", "structure", "status", *TEXT_FIELDS)


class Store:
    """A migrated database and the services over it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(sqlite_begin="IMMEDIATE") if is_sqlite(engine) else engine
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._writer = writer
        # Facet counts, sorting and list rows from memory on a SQLite file (design §9);
        # other databases (PostgreSQL) and in-memory SQLite use the SQL path of search.py.
        database = engine.url.database if is_sqlite(engine) else None
        self._memory: MemorySearch | None = None
        if database and database != ":memory:" and not database.startswith("file:"):
            self._memory = MemorySearch(engine, Path(database))
        # change_token(): the data_version left by our own last write, and the token last given.
        self._own_token: int | None = None
        self._seen_token: int | None = None
        # Problems of the last check (or a corruption met on the way): writes are refused.
        self._damage: list[str] | None = None
        # While open, its file is read and written only through SQLite (livefiles.py).
        self._live_file: Path | None = None
        if database and database != ":memory:" and not database.startswith("file:"):
            self._live_file = Path(database)
            livefiles.register(self._live_file)

    # --- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """Opens (creating and migrating when needed) the store at a path or URL."""
        url = database_url(target)
        if "://" not in str(target):
            folder = Path(target).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"Le dossier de la base n'existe pas : {folder}")
            precheck_sqlite_file(Path(target).expanduser().resolve())
        engine = create_store_engine(url)
        try:
            migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
        self.engine.dispose()
        if self._live_file is not None:
            livefiles.unregister(self._live_file)
            self._live_file = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # --- file safety: backups, checks, restore (SQLite files only) ----------------------------

    @property
    def db_path(self) -> Path | None:
        """The store's file, or None for a server database."""
        database = self.engine.url.database if is_sqlite(self.engine) else None
        if not database or database == ":memory:":
            return None
        return Path(database)

    def _require_file(self) -> Path:
        path = self.db_path
        if path is None:
            raise StoreError("Cette opération concerne une base SQLite (un fichier).")
        return path

    def backup(self, out: Path | None = None) -> BackupInfo:
        """A consistent copy: to `out`, or into the rotation folder beside the store."""
        path = self._require_file()
        if out is None:
            return make_backup(path)
        written = backup_to(path, out)
        return BackupInfo(written, datetime.now().replace(microsecond=0), count_actions(written))

    def auto_backup(self) -> BackupInfo | None:
        """The start-up backup, when the newest one is older than a day."""
        path = self.db_path
        return auto_backup(path) if path is not None else None

    def backups(self) -> list[BackupInfo]:
        path = self.db_path
        return list_backups(path) if path is not None else []

    def backup_info(self, path: Path) -> BackupInfo:
        """What a candidate file for a restore holds (actions count None when unreadable)."""
        stamp = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        return BackupInfo(path, stamp, count_actions(path))

    def check(self, full: bool = False) -> list[str]:
        """Problems found in the store file (quick check by default); empty when sound.

        A store that fails its check refuses every write until a check passes again
        (after a restore, for instance): nothing is written into a damaged file.
        """
        path = self.db_path
        problems = check_file(path, full=full) if path is not None else []
        self._damage = problems or None
        return problems

    def require_sound(self) -> None:
        """The quick check before a big write (the CLI import): DamagedStoreError if it fails."""
        if self.check(full=False):
            raise DamagedStoreError("rien n'a été écrit", self._damage or [])

    @property
    def damage(self) -> list[str] | None:
        """Why writes are refused (a failed check, a corruption met), or None."""
        return self._damage

    @contextmanager
    def _noting_damage(self) -> Iterator[None]:
        try:
            yield
        except StoreError as exc:
            if getattr(exc, "corrupt", False):
                self._damage = self._damage or [str(exc)]
            raise

    def risk(self) -> str | None:
        """Why the store's location is unsafe (cloud folder, network share), or None."""
        from centres_app.config import risky_location

        path = self.db_path
        return risky_location(path) if path is not None else None

    def restore_backup(self, backup: Path) -> BackupInfo:
        """Replaces the store by a backup (the current content is backed up first).

        Returns the safety backup of the replaced content. The store is reopened on the
        restored content; callers refresh what they show.
        """
        path = self._require_file()
        url = self.engine.url.render_as_string(hide_password=False)
        self.close()
        try:
            safety = restore(path, backup)
        finally:
            engine = create_store_engine(url)
            migrate(engine)
            self.__init__(engine)  # type: ignore[misc]
        return safety

    def _snapshot(self) -> Snapshot | None:
        """The in-memory search index when it is up to date, else None (use SQL)."""
        if self._memory is None:
            return None
        with _db_errors():
            return self._memory.current()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._noting_damage(), _db_errors(), self._read() as session, session.begin():
            yield session

    @contextmanager
    def writing(self, changed: set[int] | None = None) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE on SQLite): all or nothing.

        `changed` (filled by the caller with the ids of the actions it creates, updates or
        deletes; empty for writes that touch no action) lets the in-memory index patch those
        actions after the commit instead of rebuilding itself (SQLite files only).
        """
        if self._damage:
            raise DamagedStoreError("rien n'a été enregistré", self._damage)
        memory = self._memory
        if memory is None or changed is None:
            with (
                self._noting_damage(),
                _db_errors(),
                self._write() as session,
                session.begin(),
            ):
                yield session
            return
        with self._noting_damage(), _db_errors(), self._writer.connect() as conn:
            raw = conn.connection.driver_connection
            token = None
            committed = False
            try:
                with self._write(bind=conn) as session, session.begin():
                    yield session
                    token = memory.before_commit(raw)  # type: ignore[arg-type]
                committed = True
            finally:
                memory.after_commit(token, raw, changed if committed else None)  # type: ignore[arg-type]
            # What change_token() reads now is this store's own commit, not another process's.
            self._own_token = memory.data_version()

    def change_token(self) -> int | None:
        """A number that moves whenever another process (the command line, another program)
        commits to the store; cheap enough to poll. This store's own writes do not count (the
        token they leave is taken as seen). None when the store cannot tell (PostgreSQL,
        in-memory)."""
        if self._memory is None:
            return None
        with _db_errors():
            token = self._memory.data_version()
        if token is not None and token == self._own_token:
            return self._seen_token
        self._seen_token = self._own_token = token
        return token

    # --- reading ------------------------------------------------------------------------------

    def count(self) -> int:
        with self.reading() as s:
            return int(s.scalar(select(func.count()).select_from(Action)) or 0)

    def get(self, action_id: int) -> ActionDetail:
        with self.reading() as s:
            return _detail(_load(s, action_id))

    def details(self, ids: Sequence[int]) -> list[ActionDetail]:
        """Several actions at once, in the order of `ids` (missing ones skipped)."""
        found: dict[int, ActionDetail] = {}
        with self.reading() as s:
            for start in range(0, len(ids), 500):
                stmt = (
                    select(Action)
                    .where(Action.id.in_(list(ids[start : start + 500])))
                    .options(selectinload(Action.terms), selectinload(Action.attachments))
                )
                for action in s.scalars(stmt):
                    found[action.id] = _detail(action)
        return [found[i] for i in ids if i in found]

    def search(
        self, request: SearchRequest, offset: int = 0, limit: int | None = None
    ) -> SearchResult:
        """Rows of one page, the total and the facet counts, in one read transaction."""
        request = self._with_qualifiers(request)
        snap = self._snapshot() if request.sort != "completeness" else None
        if snap is not None:
            with _db_errors():
                ids = self._memory.ids(snap, request)  # type: ignore[union-attr]
                page = ids[offset : None if limit is None else offset + limit]
                return SearchResult(
                    rows=tuple(snap.rows(page)),
                    total=len(ids),
                    facets=self._memory.facets(snap, request),  # type: ignore[union-attr]
                )
        with self.reading() as s:
            searcher = Searcher(s)
            ids = searcher.ids(request)
            page = ids[offset : None if limit is None else offset + limit]
            return SearchResult(
                rows=tuple(searcher.rows(page)), total=len(ids), facets=searcher.facets(request)
            )

    def search_ids(self, request: SearchRequest) -> list[int]:
        request = self._with_qualifiers(request)
        if self._memory is not None and self._memory.never_built():
            # The window's first list at start-up: the index scan runs before the index build
            # starts, which would otherwise hold the GIL through most of it (~180 instead of
            # ~50 ms at 100,000 actions).
            with _db_errors():
                quick = self._memory.quick_ids(request)
            if quick is not None:
                self._snapshot()  # starts the build
                return quick
        # The in-memory index keeps no completeness order: that sort is done in SQL.
        snap = self._snapshot() if request.sort != "completeness" else None
        if snap is not None:
            with _db_errors():
                return self._memory.ids(snap, request)  # type: ignore[union-attr]
        if self._memory is not None:
            # The index is building (start-up): the plain list comes from one index scan.
            with _db_errors():
                quick = self._memory.quick_ids(request)
            if quick is not None:
                return quick
        with self.reading() as s:
            return Searcher(s).ids(request)

    def rows(self, ids: Sequence[int]) -> list[ActionRow]:
        snap = self._snapshot()
        if snap is not None:
            return snap.rows(ids)
        with self.reading() as s:
            return Searcher(s).rows(ids)

    def facets(self, request: SearchRequest) -> dict[str, tuple[FacetValue, ...]]:
        request = self._with_qualifiers(request)
        snap = None
        if self._memory is not None:
            # Counting waits for an index being built rather than racing it in SQL.
            with _db_errors():
                snap = self._memory.ready_or_wait()
        if snap is not None:
            with _db_errors():
                return self._memory.facets(snap, request)  # type: ignore[union-attr]
        with self.reading() as s:
            return Searcher(s).facets(request)

    def vocabulary(self, kind: str) -> list[str]:
        """Known values of a vocabulary kind (or of department / structure / status)."""
        with self.reading() as s:
            if kind in TERM_FIELDS:
                names = s.scalars(select(Term.name).where(Term.kind == kind))
            elif kind in ("department", "structure", "status"):
                names = s.scalars(select(getattr(Action, kind)).distinct())
            else:
                raise ValueError(kind)
            return sorted({n for n in names if n}, key=fold)

    # --- writing ------------------------------------------------------------------------------

    def create(self, data: ActionData) -> ActionDetail:
        _check(data)
        changed: set[int] = set()
        with self.writing(changed) as s:
            action = Action()
            s.add(action)
            _TermCache(s).apply(action, data)
            s.flush()
            changed.add(action.id)
            _index(s, action)
            return _detail(action)

    def update(self, action_id: int, expected_version: int, data: ActionData) -> ActionDetail:
        """Saves an edit made on `expected_version`; refuses to overwrite a newer one."""
        _check(data)
        try:
            with self.writing({action_id}) as s:
                action = _load(s, action_id)
                if action.version != expected_version:
                    raise _conflict(action)
                previous = _data(action)
                if previous == _normalised(data):
                    return _detail(action)  # nothing changed: no new version
                keep_revision(s, action.id, action.version, action.updated_at, previous)
                _unindex(s, action)  # the stored row's words, before it changes
                _TermCache(s).apply(action, data)
                s.flush()
                _index(s, action)
                return _detail(action)
        except StaleDataError as exc:
            raise Conflict(
                "Cette action a été modifiée ailleurs pendant votre saisie : "
                "rechargez-la avant d'enregistrer."
            ) from exc

    def delete(self, action_id: int, expected_version: int | None = None) -> ActionData:
        """Moves an action to the trash and returns its content. `restore_deleted` undoes it."""
        with self.writing({action_id}) as s:
            action = _load(s, action_id)
            if expected_version is not None and action.version != expected_version:
                raise _conflict(action)
            data = _data(action)
            to_trash(s, action.id, action.version, data)
            _unindex(s, action)
            s.delete(action)
            return data

    # --- trash and history --------------------------------------------------------------------

    def trash(self) -> list[TrashEntry]:
        """The deleted actions, most recently deleted first."""
        with self.reading() as s:
            return trash_entries(s)

    def restore_deleted(self, action_id: int) -> ActionDetail:
        """Undoes the latest deletion of this action."""
        with self.reading() as s:
            entry = latest_entry_of(s, action_id)
        return self.restore_trash_entry(entry)

    def restore_trash_entry(self, entry_id: int) -> ActionDetail:
        """Puts a deleted action back with its history, under its old id when still free."""
        changed: set[int] = set()
        with self.writing(changed) as s:
            taken = take_from_trash(s, entry_id)
            free = s.get(Action, taken.action_id) is None
            action = Action(id=taken.action_id) if free else Action()
            s.add(action)
            _TermCache(s).apply(action, taken.data)
            s.flush()
            # The version count goes on: a window still holding the old version stays stale.
            action.version = taken.version + 1
            s.flush()
            restore_history(s, action.id, taken.history)
            changed.add(action.id)
            _index(s, action)
            return _detail(action)

    def empty_trash(self, entry_ids: Sequence[int] | None = None) -> int:
        """Deletes for good the given trash entries (all when `entry_ids` is None)."""
        with self.writing(set()) as s:  # trash rows only: the index stays as it is
            return purge_trash(s, entry_ids)

    def history(self, action_id: int) -> list[Revision]:
        """Previous versions of an action, newest first."""
        with self.reading() as s:
            return revisions(s, action_id)

    def restore_revision(
        self, action_id: int, revision_version: int, expected_version: int
    ) -> ActionDetail:
        """Makes an old version current again (as a new version; nothing is lost)."""
        with self.reading() as s:
            old = revision_data(s, action_id, revision_version)
        return self.update(action_id, expected_version, old)

    def preview_import(
        self, actions: Sequence[ActionData], with_attachments: bool = False
    ) -> ImportPreview:
        """What import_actions would do (new, updated fields, unchanged, likely duplicates),
        read in one transaction, writing nothing: the window shows it before the import."""
        return self.preview_file(ImportFile("", [(0, data) for data in actions], with_attachments))

    def preview_file(self, file: ImportFile) -> ImportPreview:
        """The preview of one file read whole (its positions name the records it refuses)."""
        from centres_app.db.import_preview import preview_import

        checked = list(ImportChecker().checked(file))
        with self.reading() as s:
            return preview_import(s.connection(), checked, file.with_attachments)

    def import_actions(
        self, actions: Iterable[ActionData], source: str, with_attachments: bool = False
    ) -> ImportReport:
        """Creates or updates actions by identity (title + structure + year), in one transaction.

        A format that does not carry attachments (`with_attachments=False`) leaves the stored
        attachments alone. Importing the same data twice changes nothing the second time.
        """
        located: Iterable[tuple[int, ActionData]] = (
            [(0, data) for data in actions]
            if isinstance(actions, Sequence)
            else ((0, data) for data in actions)
        )
        return self.import_files([ImportFile(source, located, with_attachments)])[0]

    def import_files(self, files: Sequence[ImportFile]) -> list[ImportReport]:
        """Imports several files all or nothing: one transaction for all of them.

        Files read whole (lists) are all checked (import rules, one identity only once across
        every file, db/import_checks.py) before the write lock is taken; a stream (one big
        SENACS file, exchange/pipeline.py) is checked as it is stored, and an invalid action or
        a ParseError from it rolls the whole import back. Each update keeps the replaced version
        in the history; the reports list the actions whose fields an update emptied or
        shortened (domain.lost_fields).
        """
        checker = ImportChecker()
        prepared: list[tuple[ImportFile, Iterable[ActionData]]] = []
        for file in files:
            checked = checker.checked(file)
            prepared.append(
                (file, list(checked) if isinstance(file.located, Sequence) else checked)
            )
        reports: list[ImportReport] = []
        changed: set[int] = set()
        with self.writing(changed) as s:
            importer = BulkImporter(s.connection())
            try:
                for file, actions in prepared:
                    counts = importer.run(actions, file.with_attachments)
                    reports.append(
                        ImportReport(
                            file.source,
                            counts.created,
                            counts.updated,
                            counts.unchanged,
                            tuple(counts.shrunk),
                        )
                    )
            finally:
                changed.update(importer.touched)
        return reports

    # --- insight: qualifiers, similar actions, saved searches (issue 9) ------------------------

    def _with_qualifiers(self, request: SearchRequest) -> SearchRequest:
        """`dep:Drôme vélo` -> text `vélo` + département filter (centres_app.qualifiers)."""
        if ":" not in request.text:
            return request
        cache = self.__dict__.get("_qualifier_vocabulary")
        if cache is None:
            # A minute of cache (CachedVocabulary): keystrokes must not re-read the vocabularies.
            cache = self.__dict__["_qualifier_vocabulary"] = CachedVocabulary(self.vocabulary)
        return apply_qualifiers(request, cache)

    def similar(
        self, action_id: int | None = None, data: ActionData | None = None, limit: int = 8
    ) -> list[SimilarAction]:
        """The actions closest to a stored action or to one being typed (never itself)."""
        if data is None and action_id is None:
            raise ValueError("similar() needs action_id or data")
        finder = self.__dict__.get("_similar_finder")
        if finder is None:
            # Word and term frequencies are kept between calls: typing re-asks every second.
            finder = self.__dict__["_similar_finder"] = SimilarFinder()
        with self.reading() as s:
            if data is None:
                data = load_features(s, action_id)  # type: ignore[arg-type]
            return finder.find(s, data, exclude_id=action_id, limit=limit)

    def completeness(self, ids: Sequence[int]) -> dict[int, Completeness]:
        """How complete the sheets of these actions are (for the rows on screen)."""
        with self.reading() as s:
            return completeness_of(s, ids)

    def saved_searches(self) -> list[SavedSearch]:
        """The saved searches, by name (accents and case ignored)."""
        with self.reading() as s:
            rows = s.scalars(select(SavedSearchRow)).all()
            return sorted((_saved(r) for r in rows), key=lambda x: (fold(x.name), x.name))

    def save_search(self, name: str, request: SearchRequest) -> SavedSearch:
        """Saves a search under a name; an existing search of that name is replaced (the UI
        asks first)."""
        name = _search_name(name)
        payload = json.dumps(request_to_dict(request), ensure_ascii=False, sort_keys=True)
        with self.writing(set()) as s:  # saved searches: the action index stays as it is
            row = s.scalar(select(SavedSearchRow).where(SavedSearchRow.name == name))
            if row is None:
                row = SavedSearchRow(name=name, request=payload)
                s.add(row)
            else:
                row.request = payload
                row.updated_at = utcnow()
            s.flush()
            return _saved(row)

    def rename_search(self, search_id: int, new_name: str) -> SavedSearch:
        new_name = _search_name(new_name)
        with self.writing(set()) as s:
            row = s.get(SavedSearchRow, search_id)
            if row is None:
                raise NotFound(f"Aucune recherche enregistrée n° {search_id}.")
            if row.name != new_name:
                taken = s.scalar(select(SavedSearchRow.id).where(SavedSearchRow.name == new_name))
                if taken is not None:
                    raise Conflict(f"Une recherche s'appelle déjà « {new_name} ».")
                row.name = new_name
                row.updated_at = utcnow()
                s.flush()
            return _saved(row)

    def delete_search(self, search_id: int) -> None:
        with self.writing(set()) as s:
            row = s.get(SavedSearchRow, search_id)
            if row is None:
                raise NotFound(f"Aucune recherche enregistrée n° {search_id}.")
            s.delete(row)

    def financial_texts(self, request: SearchRequest) -> list[str]:
        """The « Ressources financières » texts of a search's result (for the amount total of
        the statistics; empty texts left out)."""
        ids = self.search_ids(replace(request, sort="title", descending=False))
        texts: list[str] = []
        with self.reading() as s:
            for start in range(0, len(ids), 900):
                chunk = ids[start : start + 900]
                stmt = select(Action.financial_resources).where(
                    Action.id.in_(chunk), Action.financial_resources != ""
                )
                texts.extend(s.scalars(stmt))
        return texts


def _search_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed(
            [("name", "required")], "Donnez un nom à la recherche à enregistrer."
        )
    if len(name) > 200:
        raise ValidationFailed(
            [("name", "too_long")], "Le nom de la recherche est trop long (au plus 200 caractères)."
        )
    return name


def _saved(row: SavedSearchRow) -> SavedSearch:
    try:
        request = request_from_dict(json.loads(row.request))
    except ValueError:
        # A damaged entry still lists (and can be deleted); it opens as an empty search.
        request = SearchRequest()
    return SavedSearch(row.id, row.name, request, row.created_at, row.updated_at)


@contextmanager
def _db_errors() -> Iterator[None]:
    try:
        yield
    except (OperationalError, DatabaseError, sqlite3.Error) as exc:
        # sqlite3.Error: the in-memory index reads through the DBAPI connection directly.
        error = StoreError(describe_db_error(exc))
        text = str(getattr(exc, "orig", exc)).lower()
        error.corrupt = "malformed" in text or "not a database" in text  # type: ignore[attr-defined]
        raise error from exc


def _check(data: ActionData) -> None:
    errors = validate(data)
    if errors:
        raise ValidationFailed(errors)


def _conflict(action: Action) -> Conflict:
    return Conflict(
        f"L'action « {action.title} » a été modifiée ailleurs (version {action.version}) "
        "depuis que vous l'avez ouverte : vos changements n'ont pas été enregistrés. "
        "Rechargez-la ou copiez votre texte."
    )


def _load(session: Session, action_id: int) -> Action:
    action = session.get(
        Action,
        action_id,
        options=[selectinload(Action.terms), selectinload(Action.attachments)],
    )
    if action is None:
        raise NotFound(f"Aucune action n° {action_id}.")
    return action


def _data(action: Action) -> ActionData:
    values: dict[str, object] = {name: getattr(action, name) for name in _SCALAR_FIELDS}
    by_kind: dict[str, list[str]] = {kind: [] for kind in TERM_FIELDS}
    for link in action.terms:
        by_kind[link.term.kind].append(link.term.name)
    for kind, multi in TERM_FIELDS.items():
        values[kind] = (
            tuple(by_kind[kind]) if multi else (by_kind[kind][0] if by_kind[kind] else "")
        )
    values["attachments"] = tuple(
        Attachment(name=a.name, data=a.data, mime=a.mime) for a in action.attachments
    )
    return ActionData(**values)  # type: ignore[arg-type]


def _detail(action: Action) -> ActionDetail:
    return ActionDetail(
        id=action.id,
        version=action.version,
        created_at=action.created_at,
        updated_at=action.updated_at,
        data=_data(action),
    )


class _TermCache:
    """Resolves vocabulary names to Term rows once per transaction, creating new ones."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._terms: dict[tuple[str, str], Term] | None = None

    def term(self, kind: str, name: str) -> Term:
        if self._terms is None:
            self._terms = {(t.kind, t.name): t for t in self.session.scalars(select(Term))}
        key = (kind, name)
        found = self._terms.get(key)
        if found is None:
            found = Term(kind=kind, name=name)
            self.session.add(found)
            self._terms[key] = found
        return found

    def apply(self, action: Action, data: ActionData) -> None:
        """Copies every field of `data` onto the ORM action."""
        data = _normalised(data)
        for name in _SCALAR_FIELDS:
            if getattr(action, name, None) != getattr(data, name):
                setattr(action, name, getattr(data, name))
        action.title_key = fold(data.title)
        # Always touch the row: the UPDATE bumps the version even when only terms changed.
        action.updated_at = utcnow()
        names = term_names(data)
        # Before the term lookups below, which flush: the INSERT or UPDATE of the action
        # carries its terms_text (no second UPDATE, no second version).
        text_of_terms = terms_text(name for _, name in names)
        if action.terms_text != text_of_terms:
            action.terms_text = text_of_terms
        wanted = [self.term(kind, name) for kind, name in names]
        current = [link.term for link in action.terms]
        if current != wanted:
            action.terms.clear()
            self.session.flush()
            for position, term in enumerate(wanted):
                action.terms.append(ActionTerm(term=term, position=position))
        attachments = [(a.name, a.mime, a.data) for a in data.attachments]
        if [(a.name, a.mime, a.data) for a in action.attachments] != attachments:
            action.attachments.clear()
            for position, (name, mime, blob) in enumerate(attachments):
                action.attachments.append(
                    AttachmentFile(
                        position=position,
                        name=name,
                        mime=mime,
                        size=len(blob),
                        sha256=Attachment(name, blob).sha256,
                        data=blob,
                    )
                )


def _unindex(session: Session, action: Action) -> None:
    """Takes a stored action's words out of SQLite's full-text index, before its row changes
    or goes (PostgreSQL's vector lives in the row itself)."""
    if session.get_bind().dialect.name == "sqlite":
        fulltext.unindex(session, [action.id])


def _index(session: Session, action: Action) -> None:
    """Indexes the words of a written action, inside the same transaction (on SQLite, its
    old words were taken out before the row changed: fulltext.unindex)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        fulltext.index(session, [action.id])
    elif dialect == "postgresql":
        # Done here rather than by a trigger: the vector needs the terms of another table,
        # written after the action row, and the same words as the SQLite index.
        pgsearch.update_vectors(session, [(action.id, _data(action))])
