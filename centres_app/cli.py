"""Command line `centres-app`: the window by default, and sub-commands for scripted work.

Exit codes: 0 success, 1 unexpected error, 2 bad input. Messages in French on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from centres_app import __version__
from centres_app.cli_centre import add_parser as add_centre_parser
from centres_app.cli_centre import cmd_centre
from centres_app.config import DB_ENV_VAR
from centres_app.db.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS
from centres_app.domain import SORT_KEYS, Filters, SearchRequest
from centres_app.errors import AppError

if TYPE_CHECKING:
    from centres_app.db.store import Store

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT = 0, 1, 2

# CLI flag -> Filters field, for the repeatable facet options.
_FACET_FLAGS = {
    "department": "department",
    "structure": "structure",
    "status": "status",
    "dimension": "dimension",
    "keyword": "keywords",
    "initiative": "initiative",
    "territory": "territory",
    "public": "public",
    "partner": "partners",
    "theme": "themes",  # the older SENACS experience pages (issue 18)
}


# SQLite stores integers on 8 signed bytes: an action number is between 1 and this.
MAX_ID = 2**63 - 1


def _action_id(text: str) -> int:
    """An action number as argparse type: a whole number from 1 to MAX_ID."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"numéro d'action invalide : « {_clean_line(text)} » (un nombre entier attendu)"
        ) from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(
            f"numéro d'action hors limites : « {_clean_line(text)} » (de 1 à {MAX_ID})"
        )
    return value


def _count(text: str) -> int:
    """--limit and --offset: a whole number, 0 or more."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"nombre invalide : « {_clean_line(text)} » (un nombre entier positif ou nul attendu)"
        ) from None
    if not 0 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(
            f"nombre hors limites : « {_clean_line(text)} » (de 0 à {MAX_ID})"
        )
    return value


# What a terminal would interpret rather than show: escape sequences (CSI, OSC and the
# two-character ones), the other C0/C1 control characters, and the bidirectional overrides
# that reorder what is displayed. Line breaks and tabs are handled by the callers.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clear screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks
    r"|\x1b[@-_]?"  # other escapes, or a lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean_text(text: str) -> str:
    """Data as a terminal may print it: escape sequences and control characters removed."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def _clean_line(text: str) -> str:
    """One line of terminal output: as _clean_text, line breaks and tabs become spaces."""
    return _clean_text(re.sub(r"[\t\n\r\v\f\u2028\u2029\x85]", " ", text))


class _Parser(argparse.ArgumentParser):
    """argparse with French usage errors and our exit code for bad input."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog} : erreur : {message}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The search options shared by `list`, `sheet --all` and `export`."""
    parser.add_argument(
        "-q",
        "--query",
        default="",
        help=(
            "texte recherché (sans accents ok) ; un mot à exclure : --query=-mot ; "
            f"au plus {MAX_QUERY_CHARS} caractères et {MAX_QUERY_TERMS} mots sont cherchés"
        ),
    )
    parser.add_argument(
        "--year",
        action="append",
        default=[],
        metavar="ANNEE",
        help="année (2019) ou période (2016..2019) ; répétable",
    )
    for flag, field in _FACET_FLAGS.items():
        parser.add_argument(
            f"--{flag}",
            action="append",
            default=[],
            dest=field,
            metavar="VALEUR",
            help=f"filtre {field} (répétable : OU entre valeurs)",
        )
    parser.add_argument("--sort", choices=SORT_KEYS, default="relevance", help="ordre de la liste")
    parser.add_argument("--desc", action="store_true", help="ordre décroissant")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="centres-app",
        description="Actions des centres sociaux : saisie, recherche et fiches actions.",
    )
    parser.add_argument("--version", action="version", version=f"centres-app {__version__}")
    parser.add_argument(
        "--db",
        metavar="CHEMIN_OU_URL",
        help=f"base à ouvrir (fichier SQLite ou URL) ; sinon ${DB_ENV_VAR} ou la base par défaut",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)

    sub.add_parser("gui", help="ouvre la fenêtre (par défaut)")

    p_import = sub.add_parser(
        "import",
        help="importe des fichiers SENACS (texte), JSON ou CSV ; « - » lit l'entrée standard",
    )
    p_import.add_argument(
        "files",
        nargs="+",
        metavar="FICHIER",
        help="fichier ordinaire, « - » (entrée standard) ou tube du shell (<(…)) ; "
        "dossiers, périphériques et tubes nommés sont refusés",
    )

    p_list = sub.add_parser("list", help="cherche et liste les actions")
    add_filter_options(p_list)
    p_list.add_argument("--limit", type=_count, default=None, help="nombre maximum d'actions")
    p_list.add_argument("--offset", type=_count, default=0, help="sauter les N premières")
    p_list.add_argument(
        "--json", action="store_true", help="sortie JSON (noms du format d'échange)"
    )

    p_show = sub.add_parser("show", help="affiche une action")
    p_show.add_argument("id", type=_action_id, metavar="ID")
    p_show.add_argument("--json", action="store_true", help="sortie JSON")

    p_sheet = sub.add_parser(
        "sheet", help="fiches actions en PDF : une action, plusieurs (dossier) ou --all"
    )
    p_sheet.add_argument("ids", nargs="*", type=_action_id, metavar="ID")
    p_sheet.add_argument(
        "--all", action="store_true", help="un dossier de toutes les actions trouvées (filtres)"
    )
    add_filter_options(p_sheet)
    p_sheet.add_argument("--pdf", required=True, metavar="SORTIE.pdf", help="fichier PDF écrit")
    p_sheet.add_argument("--title", default="", help="titre du dossier (page de garde)")

    p_backup = sub.add_parser("backup", help="sauvegarde une copie cohérente de la base")
    p_backup.add_argument(
        "out", nargs="?", metavar="SORTIE", help="fichier de sortie (sinon : la rotation)"
    )

    sub.add_parser("check", help="vérifie l'intégrité complète de la base")

    p_export = sub.add_parser(
        "export", help="exporte les actions (toutes ou filtrées) : json, csv, senacs, ods, xlsx"
    )
    p_export.add_argument(
        "--format",
        choices=("json", "csv", "senacs", "ods", "xlsx"),
        help="format du fichier (sinon : d'après l'extension de SORTIE)",
    )
    p_export.add_argument(
        "--strict-personal-data",
        action="store_true",
        help="refuse d'exporter si des données personnelles semblent présentes (code 2)",
    )
    add_filter_options(p_export)
    p_export.add_argument("out", metavar="SORTIE", help="fichier à écrire")

    p_sync = sub.add_parser(
        "sync",
        help="synchronise la base locale avec le serveur PostgreSQL de la fédération",
    )
    p_sync.add_argument(
        "server", metavar="URL_SERVEUR", help="postgresql://rôle@hôte/base du serveur"
    )
    p_sync.add_argument(
        "--json",
        action="store_true",
        help='sortie JSON : {"sent": N, "received": M, "conflicts": [{"uuid", "title"}]}',
    )
    add_centre_parser(sub)
    return parser


def _parse_years(values: Sequence[str]) -> tuple[frozenset[int], int | None, int | None]:
    """`2019` picks a year; `2016..2019`, `2016..` and `..2019` give a period."""
    years: set[int] = set()
    year_min = year_max = None
    for value in values:
        single = re.fullmatch(r"\s*(\d{4})\s*", value)
        period = re.fullmatch(r"\s*(\d{4})?\s*(?:\.\.|-|–)\s*(\d{4})?\s*", value)
        if single:
            years.add(int(single.group(1)))
        elif period and (period.group(1) or period.group(2)):
            year_min = int(period.group(1)) if period.group(1) else year_min
            year_max = int(period.group(2)) if period.group(2) else year_max
        else:
            raise AppError(f"année invalide : « {value} » (attendu 2019 ou 2016..2019)")
    return frozenset(years), year_min, year_max


def _query_text(args: argparse.Namespace) -> str:
    """The query as given: `--query=--` reaches here as [] (argparse drops `--`)."""
    query = args.query
    if not isinstance(query, str):
        query = " ".join(query) or "--"
    if len(query) > MAX_QUERY_CHARS or len(query.split()) > MAX_QUERY_TERMS:
        print(
            f"centres-app : attention : recherche trop longue, seuls les {MAX_QUERY_CHARS} "
            f"premiers caractères et {MAX_QUERY_TERMS} premiers mots sont cherchés.",
            file=sys.stderr,
        )
    return query


def request_from_args(args: argparse.Namespace) -> SearchRequest:
    years, year_min, year_max = _parse_years(args.year)
    values: dict[str, Any] = {
        field: frozenset(getattr(args, field)) for field in _FACET_FLAGS.values()
    }
    filters = Filters(year=years, year_min=year_min, year_max=year_max, **values)
    # A CLI query is complete text, not a word being typed: no prefix on the last word.
    return SearchRequest(
        text=_query_text(args),
        filters=filters,
        sort=args.sort,
        descending=args.desc,
        prefix_last=False,
    )


def _open(args: argparse.Namespace, reading: bool = False) -> Store:
    """The store of --db (or the environment, or the default), its path checked first.

    `reading`: the command only reads (list, show, sheet, export, backup, check); an empty
    (0-byte) file is then refused rather than silently made into a new store — where a store
    was expected, an empty file is more likely a store lost (a full disk, a failed copy) than
    a new one, and `check` calls it so too. `import` still creates a store in it.
    """
    from centres_app.bootstrap import open_store

    _check_db_path(args.db, reading)
    return open_store(args.db)


def _check_db_path(value: str | None, reading: bool) -> None:
    """Refuses, in French, a --db path that cannot be a store file."""
    from centres_app.config import resolve_db_target
    from centres_app.errors import describe_os_error

    target, _ = resolve_db_target(value)
    if "://" in target:
        return
    path = Path(target).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        return  # a new store (its folder is checked when it is opened)
    except OSError as exc:
        raise AppError(f"Impossible d'ouvrir la base {target} : {describe_os_error(exc)}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise AppError(
            f"Impossible d'ouvrir la base {target} : c'est un dossier ; donnez le fichier de "
            "la base (par exemple centres.db)."
        )
    if not stat.S_ISREG(info.st_mode):
        raise AppError(
            f"Impossible d'ouvrir la base {target} : ce n'est pas un fichier ordinaire "
            "(périphérique ou tube) ; donnez le fichier de la base."
        )
    if reading and info.st_size == 0:
        raise AppError(
            f"La base {target} est un fichier vide (0 octet) : ce n'est pas une base de "
            "l'application. Si elle a été vidée (disque plein, copie interrompue), restaurez "
            "une sauvegarde ; pour créer une nouvelle base, importez-y des actions "
            "(centres-app --db … import FICHIER)."
        )


# An import of this many actions or more prepares the search caches before the command ends
# (db/memindex.py keeps them for stores of more than RANK_LIMIT = 5,000 actions).
PREPARE_AFTER = 5000


def cmd_import(args: argparse.Namespace) -> int:
    import time

    from centres_app.domain import FIELD_LABELS
    from centres_app.exchange.loader import read_import_file, stream_import_file

    if len(args.files) == 1:
        # One file: a big one is parsed in a second process while it is stored, in one
        # transaction (a malformation found on the way rolls everything back).
        files = [stream_import_file(args.files[0])]
    else:
        # Several: every file is read here, and checked by the store (import rules, an action
        # only once across all of them) before anything is written; then one transaction.
        files = [read_import_file(path) for path in args.files]
    store = _open(args)
    try:
        store.require_sound()  # nothing is written into a damaged store
        reports = store.import_files(files)
        if sum(r.created + r.updated for r in reports) >= PREPARE_AFTER:
            # A big import: the search caches are computed now (the caches of the store's new
            # state), not in the first seconds of the window's next opening.
            print("centres-app : préparation de la recherche…", file=sys.stderr)
            start = time.perf_counter()
            store.prepare_search()
            took = time.perf_counter() - start
            print(f"centres-app : recherche prête ({took:.0f} s).", file=sys.stderr)
    finally:
        store.close()
    for report in reports:
        print(
            f"{report.source} : {report.created} créée(s), {report.updated} mise(s) à jour, "
            f"{report.unchanged} inchangée(s)"
        )
        for shrunk in report.shrunk:
            labels = ", ".join(FIELD_LABELS.get(name, name) for name in shrunk.fields)
            print(
                f"  action n° {shrunk.action_id} « {shrunk.title} » : champs vidés ou "
                f"raccourcis : {labels} (version précédente gardée dans l'historique)"
            )
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    request = request_from_args(args)
    store = _open(args, reading=True)
    try:
        ids = store.search_ids(request)
        page = ids[args.offset : None if args.limit is None else args.offset + args.limit]
        if args.json:
            details = store.details(page)
            doc = {"total": len(ids), "actions": [d.to_dict() for d in details]}
            _print_json(doc)
            return EXIT_OK
        rows = store.rows(page)
    finally:
        store.close()
    for row in rows:
        department = _clean_line(row.department)[:18]
        print(f"{row.id:>6}  {row.year or '':<4}  {department:<18}  {_clean_line(row.title)}")
        print(f"{'':>6}  {'':<4}  {'':<18}  {_clean_line(row.structure)}")
    count = len(ids)
    print(
        "Aucune action ne correspond."
        if count == 0
        else f"{count} action{'s' if count > 1 else ''}.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from centres_app.domain import FIELD_LABELS

    store = _open(args, reading=True)
    try:
        detail = store.get(args.id)
    finally:
        store.close()
    if args.json:
        _print_json(detail.to_dict())
        return EXIT_OK
    data = detail.to_dict()
    print(f"Action n° {detail.id} (version {detail.version})")
    for field, label in FIELD_LABELS.items():
        value = data[field]
        if field == "attachments":
            value = ", ".join(f"{a['name']} ({a['size']} octets)" for a in value)
        elif isinstance(value, list):
            value = " ; ".join(value)
        elif field == "form":
            # Said only for the older SENACS pages (issue 18): every other record is an action.
            value = "expérience (ancienne fiche SENACS)" if value == "experience" else ""
        if value in ("", None):
            continue
        lines = str(value).splitlines() or [""]
        if len(lines) > 1:
            print(f"{label} :")
            for line in lines:
                print(f"    {_clean_line(line)}")
        else:
            print(f"{label} : {_clean_line(lines[0])}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from centres_app.bootstrap import open_store, open_store_for_window
    from centres_app.config import resolve_db_target
    from centres_app.ui.app.startup import run_gui

    # The choice made in the window (« Base de données… ») applies unless --db or the
    # environment variable name a store.
    use_saved = args.db is None and not os.environ.get(DB_ENV_VAR)
    # The target is named before anything is opened: a second window on the same store then
    # gives way without touching the database (one window per store, ui/app/single_instance.py).
    target, _ = resolve_db_target(args.db)
    return run_gui(
        lambda: open_store_for_window(args.db),
        lambda path: open_store(path),
        use_saved,
        store_target=target,
    )


def cmd_sheet(args: argparse.Namespace) -> int:
    """One id: its sheet; several ids or --all: a dossier (cover, contents, one per page)."""
    import os

    request = request_from_args(args)
    if args.all and args.ids:
        raise AppError("Donnez des numéros d'actions ou --all, pas les deux.")
    if not args.all and not args.ids:
        raise AppError("Donnez au moins un numéro d'action, ou --all (avec des filtres).")
    if not args.all and (request.text.strip() or not request.filters.is_empty):
        raise AppError("Les options de recherche et les filtres s'utilisent avec --all.")
    out = _output_target(args.pdf)
    # PDF rendering needs a QGuiApplication but no screen: offscreen when there is no display.
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from centres_app.ui.printing.engine import load_job, render_pdf

    app = QGuiApplication.instance() or QGuiApplication(["centres-app"])  # noqa: F841 - kept alive
    store = _open(args, reading=True)
    try:
        ids = store.search_ids(request) if args.all else list(args.ids)
        if not ids:
            raise AppError("Aucune action ne correspond : pas de PDF écrit.")
        job = load_job(
            store,
            ids,
            title=args.title,
            request=request if args.all else None,
            dossier=True if args.all else None,
        )
    finally:
        store.close()
    pages = render_pdf(job, out)
    print(f"{args.pdf} : {pages} page(s)")
    return EXIT_OK


def _output_target(name: str) -> Path:
    """The file a command will write, checked first: French message and exit 2 when refused."""
    from centres_app.errors import describe_os_error
    from centres_app.exchange.atomic_files import check_output_target

    try:
        return check_output_target(name)
    except OSError as exc:
        raise AppError(f"Impossible d'écrire {name} : {describe_os_error(exc)}.") from exc


def _print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def _sqlite_path(args: argparse.Namespace) -> Path:
    from centres_app.config import resolve_db_target

    _check_db_path(args.db, reading=True)
    target, _ = resolve_db_target(args.db)
    if "://" in target and not target.startswith("sqlite"):
        raise AppError("Les sauvegardes et la vérification concernent une base SQLite (fichier).")
    path = Path(target.split("///", 1)[-1]).expanduser()
    if not path.exists():
        raise AppError(f"La base n'existe pas : {path}")
    return path


def cmd_backup(args: argparse.Namespace) -> int:
    from centres_app.db.backup import backup_to, count_actions, make_backup

    path = _sqlite_path(args)
    if args.out:
        _output_target(args.out)
    _open(args, reading=True).close()  # refuses a file that is not one of our stores
    out = backup_to(path, Path(args.out)) if args.out else make_backup(path).path
    print(f"Sauvegarde écrite : {out} ({count_actions(out)} action(s))")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from centres_app.db.backup import check_file

    path = _sqlite_path(args)
    problems = check_file(path, full=True)
    if problems:
        for problem in problems:
            print(f"centres-app : {path} : {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    store = _open(args, reading=True)
    try:
        count = store.count()
    finally:
        store.close()
    print(f"{path} : base saine, {count} action(s).")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from centres_app.exchange.export import EXTENSIONS, export_actions, format_for_path
    from centres_app.exchange.personal_data import scan

    fmt = args.format or format_for_path(args.out)
    if fmt is None:
        raise AppError(
            f"Format d'export inconnu pour « {args.out} » : précisez --format "
            f"ou une extension ({', '.join(EXTENSIONS)})."
        )
    request = request_from_args(args)
    _output_target(args.out)  # a folder, a device or a FIFO is refused before any work
    store = _open(args, reading=True)
    try:
        details = store.details(store.search_ids(request))
    finally:
        store.close()
    # Before anything leaves the app: what looks like inhabitants' personal data.
    hits = scan((detail.id, detail.data) for detail in details)
    for hit in hits:
        print(
            f"Données personnelles possibles : action n° {hit.action} {hit.message()}",
            file=sys.stderr,
        )
    if hits and args.strict_personal_data:
        print(
            f"centres-app : export refusé : {len(hits)} donnée(s) personnelle(s) possible(s) "
            "(--strict-personal-data). Corrigez les textes ou exportez sans cette option.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    for warning in export_actions([d.data for d in details], args.out, fmt):
        print(f"centres-app : attention : {warning}", file=sys.stderr)
    print(f"{len(details)} action(s) exportée(s) vers {args.out}")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    """Pulls the server's changes since the last sync, then pushes the local ones (issue 19)."""
    from centres_app.db.engine import url_for_display

    store = _open(args)
    terminal = sys.stderr.isatty()

    def progress(done: int, total: int) -> bool:
        if terminal:
            sys.stderr.write(f"\rSynchronisation : {done}/{total} action(s)…")
            sys.stderr.flush()
        return True

    try:
        report = store.sync(args.server, progress)
        conflicts = store.sync_conflicts()
    finally:
        store.close()
        if terminal:
            sys.stderr.write("\n")
    if args.json:
        _print_json(report.to_dict())
        return EXIT_OK
    print(
        f"Synchronisation avec {url_for_display(args.server)} : {report.sent} action(s) "
        f"envoyée(s), {report.received} reçue(s), {len(report.conflicts)} conflit(s)."
    )
    reasons = {
        "edited_both": "modifiée des deux côtés : la version du serveur est appliquée, "
        "la vôtre est gardée dans l'historique",
        "deleted_here": "supprimée ici mais modifiée sur le serveur : elle est revenue",
        "deleted_there": "modifiée ici mais supprimée sur le serveur : votre version est gardée "
        "et renvoyée",
    }
    for c in report.conflicts:
        print(f"  conflit : « {c.title} » (n° {c.action_id}) — {reasons.get(c.reason, c.reason)}")
    for c in report.refused:
        print(f"  refusée par le serveur (droits) : « {c.title} » (n° {c.action_id})")
    if len(conflicts) > len(report.conflicts):
        print(f"{len(conflicts)} conflit(s) restent à trancher (historique des actions).")
    return EXIT_OK


COMMANDS = {
    "export": cmd_export,
    "gui": cmd_gui,
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "sheet": cmd_sheet,
    "backup": cmd_backup,
    "check": cmd_check,
    "sync": cmd_sync,
    "centre": cmd_centre,
}


def _window_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's usual command lines, `centres-app` and `centres-app --db TARGET`, read
    without building every sub-command's parser (10–30 ms of the start-up, issue 17); None
    for anything else (argparse reads it)."""
    if not argv:
        return argparse.Namespace(db=None, command=None)
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return argparse.Namespace(db=argv[1], command=None)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = _window_only(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv)
    command = args.command or "gui"
    try:
        return COMMANDS[command](args)
    except AppError as exc:
        print(f"centres-app : {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("centres-app : interrompu.", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        # A file system fault no command turned into its own message: still French, exit 2.
        from centres_app.errors import describe_os_error

        where = f"{exc.filename} : " if exc.filename else ""
        print(f"centres-app : {where}{describe_os_error(exc)}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a bare traceback
        import traceback

        traceback.print_exc(file=sys.stderr)
        print(f"centres-app : erreur inattendue : {exc}", file=sys.stderr)
        return EXIT_ERROR
