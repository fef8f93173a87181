"""What every import (command line, window, preview) checks on the records of its files before
they reach the store: the import rules, and one identity (title + structure + year + form) only once
across all the files of the import, refused with the `FILE:LINE` of both records."""

from __future__ import annotations

from collections.abc import Iterator

from centres_app.domain import (
    ActionData,
    ImportFile,
    normalised,
    show_text,
    validate,
    validation_message,
)

__all__ = ["ImportChecker", "normalised"]
from centres_app.errors import ValidationFailed

Identity = tuple[str, str, int | None, str]


class ImportChecker:
    """Checks the files of one import in turn; remembers where each identity came first."""

    def __init__(self) -> None:
        self._first: dict[Identity, tuple[ImportFile, int, int]] = {}

    def checked(self, file: ImportFile) -> Iterator[ActionData]:
        """The file's actions validated (lenient import rules, unless the reader did:
        `file.validated`) and normalised, as they come.

        Raises ValidationFailed (exit 2, nothing written) at the first invalid record or at
        the second record of an identity already met in this import.
        """
        first = self._first
        for index, (line, data) in enumerate(file.located, start=1):
            # Once per record: a reader that validated its records says so (ImportFile).
            errors = [] if file.validated else validate(data, strict=False)
            if errors:
                raise ValidationFailed(
                    errors,
                    f"{file.where(index, line)}: action « {show_text(data.title)} » : "
                    + " ".join(validation_message(f, c) for f, c in errors),
                )
            if not file.normalised:  # a reader that normalised its records says so too
                data = normalised(data)
            identity = data.identity
            earlier = first.get(identity)
            if earlier is None:
                first[identity] = (file, index, line)
                yield data
                continue
            other, other_index, other_line = earlier
            year = "sans année" if data.year is None else str(data.year)
            raise ValidationFailed(
                [("title", "repeated")],
                f"{file.where(index, line)}: action « {data.title[:80]} » "
                f"({data.structure[:80]}, {year}) en double : même titre, structure, année et "
                f"forme que {other.where(other_index, other_line)}. Une action ne peut venir "
                "qu'une fois dans un import : rien n'a été importé.",
            )
