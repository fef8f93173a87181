"""Imports and their previews (centres_app.services.ExchangeService)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial

from centres_app.db import changes
from centres_app.db.bulk import BulkImporter
from centres_app.db.database import OnDatabase
from centres_app.db.import_checks import ImportChecker
from centres_app.db.server_roles import StructureGuard
from centres_app.domain import (
    ActionData,
    ImportFile,
    ImportPreview,
    ImportReport,
    ValidatedActions,
)
from centres_app.gui_turn import give_way


class Imports(OnDatabase):
    """Creates or updates actions by identity from files, all or nothing; previews that."""

    def preview_import(
        self, actions: Sequence[ActionData], with_attachments: bool = False
    ) -> ImportPreview:
        """What import_actions would do (new, updated fields, unchanged, likely duplicates),
        read in one transaction, writing nothing: the window shows it before the import."""
        return self.preview_file(ImportFile("", [(0, data) for data in actions], with_attachments))

    def preview_file(self, file: ImportFile) -> ImportPreview:
        """The preview of one file read whole (its positions name the records it refuses)."""
        from centres_app.db.import_preview import preview_import

        checked: list[ActionData] = []
        for data in ImportChecker().checked(file):
            give_way()  # (off the GUI thread: the window's paints first)
            checked.append(data)
        with self._db.reading() as s:
            return preview_import(s.connection(), checked, file.with_attachments)

    def import_actions(
        self, actions: Iterable[ActionData], source: str, with_attachments: bool = False
    ) -> ImportReport:
        """Creates or updates actions by identity (title + structure + year + form), in one
        transaction.

        A format that does not carry attachments (`with_attachments=False`) leaves the stored
        attachments alone. Importing the same data twice changes nothing the second time.
        """
        # Records a reader validated as it read them (ValidatedActions) are not checked again.
        validated = normalised = False
        if isinstance(actions, ValidatedActions):
            validated, normalised, actions = True, actions.normalised, actions.actions
        located: Iterable[tuple[int, ActionData]] = (
            [(0, data) for data in actions]
            if isinstance(actions, Sequence)
            else ((0, data) for data in actions)
        )
        file = ImportFile(source, located, with_attachments, validated, normalised)
        return self.import_files([file])[0]

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
        with self._db.writing(changed) as s:
            importer = BulkImporter(s.connection(), partial(changes.local_seq, s))
            guard = StructureGuard(s)
            try:
                for file, actions in prepared:
                    counts = importer.run(_guarded(actions, guard), file.with_attachments)
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
            if importer.sqlite:
                # Every row it inserted or updated carries this transaction's change number.
                changes.written_with_seq(s, importer.touched)
        return reports


def _guarded(actions: Iterable[ActionData], guard: StructureGuard) -> Iterable[ActionData]:
    """The actions, each refused (Forbidden) when the server would refuse its structure; a
    list stays a list (the importer sizes its batches by it)."""
    if isinstance(actions, Sequence):
        for data in actions:
            guard.check(data.structure)
        return actions
    return _checking(actions, guard)


def _checking(actions: Iterable[ActionData], guard: StructureGuard) -> Iterator[ActionData]:
    for data in actions:
        guard.check(data.structure)
        yield data
