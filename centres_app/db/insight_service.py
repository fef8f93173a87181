"""Similar actions and saved searches (centres_app.services.InsightService)."""

from __future__ import annotations

from sqlalchemy import select

from centres_app.db.database import OnDatabase
from centres_app.db.models import SavedSearchRow, utcnow
from centres_app.db.similar import SimilarFinder, load_features
from centres_app.domain import (
    ActionData,
    SavedSearch,
    SearchRequest,
    SimilarAction,
    fold,
    request_from_json,
    request_to_json,
)
from centres_app.errors import Conflict, NotFound, ValidationFailed


class Insight(OnDatabase):
    """The actions closest to another; named searches kept in the store."""

    _similar_finder: SimilarFinder | None = None

    def similar(
        self, action_id: int | None = None, data: ActionData | None = None, limit: int = 8
    ) -> list[SimilarAction]:
        """The actions closest to a stored action or to one being typed (never itself)."""
        if data is None and action_id is None:
            raise ValueError("similar() needs action_id or data")
        if self._similar_finder is None:
            # Word and term frequencies are kept between calls: typing re-asks every second.
            self._similar_finder = SimilarFinder()
        finder = self._similar_finder
        memory = self._db.memory
        with self._db.reading() as s:
            # Read inside the transaction: a commit after it moves it for the next call.
            generation = memory.data_version() if memory is not None else None
            if data is None:
                assert action_id is not None
                data = load_features(s, action_id)
            return finder.find(s, data, exclude_id=action_id, limit=limit, generation=generation)

    def saved_searches(self) -> list[SavedSearch]:
        """The saved searches, by name (accents and case ignored)."""
        with self._db.reading() as s:
            rows = s.scalars(select(SavedSearchRow)).all()
            return sorted((_saved(r) for r in rows), key=lambda x: (fold(x.name), x.name))

    def save_search(self, name: str, request: SearchRequest) -> SavedSearch:
        """Saves a search under a name; an existing search of that name is replaced (the UI
        asks first)."""
        name = _search_name(name)
        payload = request_to_json(request)
        with self._db.writing(set()) as s:  # saved searches: the action index stays as it is
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
        with self._db.writing(set()) as s:
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
        with self._db.writing(set()) as s:
            row = s.get(SavedSearchRow, search_id)
            if row is None:
                raise NotFound(f"Aucune recherche enregistrée n° {search_id}.")
            s.delete(row)


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
        request = request_from_json(row.request)
    except ValueError:
        # A damaged entry still lists (and can be deleted); it opens as an empty search.
        request = SearchRequest()
    return SavedSearch(row.id, row.name, request, row.created_at, row.updated_at)
