"""`centres-app --db ADMIN_URL centre add|list|remove|admin`: the federation's administrator
sets the centres' PostgreSQL roles up (centres_app.db.server_roles; migration 0010)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from centres_app.errors import AppError

if TYPE_CHECKING:
    from sqlalchemy import Connection

EXIT_OK = 0


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p_centre = sub.add_parser(
        "centre",
        help="rôles des centres sur le serveur PostgreSQL (administrateur de la fédération)",
    )
    actions = p_centre.add_subparsers(dest="centre_command", metavar="ACTION", required=True)
    p_add = actions.add_parser(
        "add", help="crée (si besoin) le rôle de connexion d'un centre et le lie à sa structure"
    )
    p_add.add_argument("role", metavar="ROLE", help="nom du rôle PostgreSQL du centre")
    p_add.add_argument(
        "--structure",
        required=True,
        metavar="STRUCTURE",
        help="la structure du centre, écrite exactement comme dans ses actions",
    )
    p_add.add_argument(
        "--password-file",
        metavar="FICHIER",
        help="fichier dont la première ligne est le mot de passe (sinon : demandé)",
    )
    actions.add_parser("list", help="liste les centres et les administrateurs")
    p_remove = actions.add_parser(
        "remove", help="retire ses droits à un rôle (le rôle de connexion est gardé)"
    )
    p_remove.add_argument("role", metavar="ROLE")
    p_admin = actions.add_parser(
        "admin", help="ajoute un rôle aux administrateurs de la fédération"
    )
    p_admin.add_argument("role", metavar="ROLE")


def _password(args: argparse.Namespace, needed: bool) -> str | None:
    if args.password_file:
        from centres_app.errors import describe_os_error

        try:
            text = Path(args.password_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise AppError(
                f"Impossible de lire le fichier du mot de passe {args.password_file} : "
                f"{describe_os_error(exc)}."
            ) from exc
        password = text.splitlines()[0] if text.splitlines() else ""
        if not password:
            raise AppError(f"Le fichier {args.password_file} ne contient pas de mot de passe.")
        return password
    if not needed:
        return None
    if not sys.stdin.isatty():
        raise AppError(
            "Le rôle n'existe pas encore : donnez son mot de passe avec --password-file FICHIER "
            "(pas de terminal pour le demander)."
        )
    first = getpass.getpass("Mot de passe du nouveau rôle : ")
    if not first:
        raise AppError("Mot de passe vide : rien n'a été fait.")
    if getpass.getpass("Le même, une seconde fois : ") != first:
        raise AppError("Les deux mots de passe diffèrent : rien n'a été fait.")
    return first


def cmd_centre(args: argparse.Namespace) -> int:
    from centres_app.config import resolve_db_target
    from centres_app.db import server_roles
    from centres_app.db.database import db_errors
    from centres_app.db.engine import create_store_engine, database_url, migrate

    target, _ = resolve_db_target(args.db)
    if "://" not in target or target.startswith("sqlite"):
        raise AppError(
            "Les rôles des centres n'existent que sur le serveur PostgreSQL de la fédération : "
            "donnez l'adresse du serveur (--db postgresql+psycopg://administrateur@serveur/base), "
            "pas une base SQLite."
        )
    engine = create_store_engine(database_url(target))
    try:
        server_roles.require_postgresql(engine)
        migrate(engine)  # the administrator owns the tables: the schema is brought up to date
        with db_errors(), engine.begin() as conn:
            return _run(args, conn)
    finally:
        engine.dispose()


def _run(args: argparse.Namespace, conn: Connection) -> int:
    from centres_app.db import server_roles

    command = args.centre_command
    if command == "list":
        roles = server_roles.list_centres(conn)
        if not roles:
            print("Aucun centre n'est encore déclaré sur ce serveur.")
        for r in roles:
            what = f"structure « {r.structure} » ({r.actions} action(s))" if r.structure else ""
            flags = ", ".join(
                f
                for f, on in (("administrateur", r.admin), ("sans connexion", not r.can_login))
                if on
            )
            print(f"{r.role} : {what or 'aucune structure'}{f' ; {flags}' if flags else ''}")
        return EXIT_OK
    role = server_roles.check_role_name(args.role)
    if command == "add":
        structure = args.structure.strip()
        password = _password(args, needed=not server_roles.role_exists(conn, role))
        created = server_roles.add_centre(conn, role, structure, password)
        count = server_roles.actions_of(conn, structure)
        print(
            f"Rôle « {role} » {'créé' if created else 'existant'}, lié à la structure "
            f"« {structure} » : il lit toute la base et modifie les actions de cette structure."
        )
        if count == 0:
            print(
                f"centres-app : attention : aucune action de la base n'a exactement la structure "
                f"« {structure} » (majuscules, accents et espaces comptent) ; vérifiez son "
                "orthographe avec « centres-app --db … list --structure … ».",
                file=sys.stderr,
            )
        else:
            print(f"{count} action(s) de la base ont cette structure.")
    elif command == "admin":
        server_roles.make_admin(conn, role)
        print(f"Rôle « {role} » ajouté aux administrateurs de la fédération (centres_admin).")
    elif command == "remove":
        had = server_roles.remove_centre(conn, role)
        print(
            f"Rôle « {role} » : droits sur l'application retirés (le rôle de connexion reste ; "
            f"DROP ROLE {role} le supprime)."
            if had
            else f"Le rôle « {role} » n'avait pas de droits sur l'application."
        )
    return EXIT_OK
