"""The exchange JSON of design §7: {"format": "centres_app/actions", "version": 1, ...}."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from centres_app.domain import EXCHANGE_FORMAT, EXCHANGE_VERSION, ActionData
from centres_app.errors import ParseError
from centres_app.exchange.files import write_bytes_atomic


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


def write_json(actions: Iterable[ActionData], path: str | Path) -> None:
    """Writes the exchange file atomically (UTF-8, no BOM, attachments in base64)."""
    text = json.dumps(dump_actions(actions), ensure_ascii=False, indent=2)
    write_bytes_atomic(path, (text + "\n").encode("utf-8"))


def read_json(text: str, path: str = "<json>") -> list[ActionData]:
    """Reads an exchange file; any problem is a ParseError naming the file and line."""
    return [action for _, action in read_json_located(text, path)]


def read_json_located(text: str, path: str = "<json>") -> list[tuple[int, ActionData]]:
    """Like read_json, each action with the line where its object starts."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(path, exc.lineno, f"JSON invalide : {exc.msg}") from exc
    if not isinstance(doc, dict) or doc.get("format") != EXCHANGE_FORMAT:
        raise ParseError(path, 1, f"ce n'est pas un fichier d'échange « {EXCHANGE_FORMAT} »")
    if doc.get("version") != EXCHANGE_VERSION:
        raise ParseError(path, 1, f"version de format non prise en charge : {doc.get('version')!r}")
    items = doc.get("actions")
    if not isinstance(items, list):
        raise ParseError(path, 1, "la clé « actions » doit être une liste")
    actions: list[ActionData] = []
    for index, item in enumerate(items, start=1):
        try:
            actions.append(ActionData.from_dict(item))
        except ValueError as exc:
            raise ParseError(
                path, _line_of_action(text, index), f"action n° {index} : {exc}"
            ) from exc
    return list(zip(_lines_of_actions(text, len(actions)), actions, strict=True))


def _lines_of_actions(text: str, count: int) -> list[int]:
    """The line where each of the first `count` action objects starts, in one pass (0 where
    the text cannot be followed)."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    pos = text.find("[", text.find('"actions"')) + 1
    line, counted = 1, 0
    for _ in range(count):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        line += text.count("\n", counted, pos)
        counted = pos
        lines.append(line)
        try:
            _, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            return lines + [0] * (count - len(lines))
    return lines


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
