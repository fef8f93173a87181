"""The exchange JSON of design §7: {"format": "centres_app/actions", "version": 1, ...}."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from typing import Any

from centres_app.attachment_files import MAX_ATTACHMENT_BYTES
from centres_app.domain import EXCHANGE_FORMAT, EXCHANGE_VERSION, ActionData
from centres_app.errors import ParseError
from centres_app.exchange.atomic_files import write_bytes_atomic


def dump_actions(actions: Iterable[ActionData]) -> dict[str, Any]:
    return {
        "format": EXCHANGE_FORMAT,
        "version": EXCHANGE_VERSION,
        "actions": [_action_object(a) for a in actions],
    }


def _action_object(action: ActionData) -> dict[str, Any]:
    """The §7 object, plus each attachment's "mime" (read back by ActionData.from_dict).

    Without it the reader guesses the type from the name, and an attachment stored as
    `application/octet-stream` under the name `x.pdf` would not come back identical.
    """
    obj = action.to_dict()
    for item, attachment in zip(obj["attachments"], action.attachments, strict=True):
        item["mime"] = attachment.mime
    return obj


def write_json(actions: Iterable[ActionData], path: str | os.PathLike[str]) -> None:
    """Writes the exchange file atomically (UTF-8, no BOM, attachments in base64)."""
    text = json.dumps(dump_actions(actions), ensure_ascii=False, indent=2)
    write_bytes_atomic(path, (text + "\n").encode("utf-8"))


def read_json(text: str, path: str = "<json>") -> list[ActionData]:
    """Reads an exchange file; any problem is a ParseError naming the file and line."""
    return [action for _, action in read_json_located(text, path)]


# Limits of what the reader accepts (design §7 needs depth 5: document, actions, action,
# attachments, attachment). Checked by a scan of the text before json.loads, which would
# otherwise raise RecursionError, ValueError (int max str digits) or hold huge values.
MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 30
# The longest string: an attachment of files.MAX_ATTACHMENT_BYTES in base64, with slack.
MAX_STRING_CHARS = (MAX_ATTACHMENT_BYTES + 2) // 3 * 4 + 4096

# Strings (whole, escapes included), brackets, and numbers; anything else is left to json.
_TOKEN = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|[\[\]{}]|-?[0-9][0-9.eE+\-]*|true|false|null')


def _scan(text: str, path: str) -> list[int]:
    """Checks depth, numbers and string sizes, and returns the line where each element of the
    top-level "actions" array starts (objects, and any other value, so that the lines follow
    the elements); raises ParseError at the line of the first excess. A text json cannot
    read is left to json.loads (which gives its own line)."""
    lines: list[int] = []
    stack: list[str] = []
    line, counted = 1, 0
    last_key = ""
    in_actions = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        start = match.start()
        first = token[0]
        if in_actions and len(stack) == 2 and first not in "]}":
            line += text.count("\n", counted, start)
            counted = start
            lines.append(line)  # an element of "actions" starts here
        if first == '"':
            if len(token) > MAX_STRING_CHARS:
                line += text.count("\n", counted, start)
                counted = start
                raise ParseError(
                    path,
                    line,
                    f"texte trop long ({len(token)} caractères, au plus {MAX_STRING_CHARS})",
                )
            if len(stack) == 1:
                last_key = token
            continue
        if first in "[{":
            line += text.count("\n", counted, start)
            counted = start
            if len(stack) >= MAX_DEPTH:
                raise ParseError(
                    path,
                    line,
                    f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de "
                    "crochets ou d'accolades) : ce n'est pas un fichier d'échange",
                )
            if len(stack) == 1:
                in_actions = first == "[" and stack[0] == "{" and last_key == '"actions"'
                if in_actions:
                    lines = []  # a repeated key: json.loads keeps the last one
            stack.append(first)
        elif first in "]}":
            if stack:
                stack.pop()
            if len(stack) == 1:
                in_actions = False
        elif first in "tfn":
            continue  # true, false, null
        else:  # a number (or digits json will refuse)
            digits = sum(c.isdigit() for c in token)
            if digits > MAX_NUMBER_DIGITS:
                line += text.count("\n", counted, start)
                counted = start
                raise ParseError(
                    path, line, f"nombre trop long ({digits} chiffres, au plus {MAX_NUMBER_DIGITS})"
                )
    return lines


def read_json_located(text: str, path: str = "<json>") -> list[tuple[int, ActionData]]:
    """Like read_json, each action with the line where its object starts."""
    lines = _scan(text, path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(path, exc.lineno, f"JSON invalide : {exc.msg}") from exc
    except (ValueError, RecursionError) as exc:  # bounded by _scan: a last safety net
        raise ParseError(path, 1, "JSON illisible (valeur hors limites)") from exc
    if not isinstance(doc, dict) or doc.get("format") != EXCHANGE_FORMAT:
        raise ParseError(path, 1, f"ce n'est pas un fichier d'échange « {EXCHANGE_FORMAT} »")
    if doc.get("version") != EXCHANGE_VERSION:
        raise ParseError(path, 1, f"version de format non prise en charge : {doc.get('version')!r}")
    items = doc.get("actions")
    if not isinstance(items, list):
        raise ParseError(path, 1, "la clé « actions » doit être une liste")
    located: list[tuple[int, ActionData]] = []
    for index, item in enumerate(items, start=1):
        line = lines[index - 1] if index <= len(lines) else _line_of_action(text, index)
        try:
            located.append((line, ActionData.from_dict(item)))
        except (ValueError, TypeError) as exc:
            raise ParseError(path, line, f"action n° {index} : {exc}") from exc
    return located


def _line_of_action(text: str, index: int) -> int:
    """Best effort: the line where the index-th action object starts."""
    decoder = json.JSONDecoder()
    start = text.find("[", text.find('"actions"'))
    pos = start + 1
    for _ in range(index - 1):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        try:
            _, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
    while pos < len(text) and text[pos] in " \t\r\n,":
        pos += 1
    return text.count("\n", 0, pos) + 1
