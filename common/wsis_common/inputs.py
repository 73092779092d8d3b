"""Input every service refuses before a view runs, so that hostile input is a 4xx problem and
never a 500: a path integer beyond the database's INTEGER, a JSON body nested deeper than any
of our documents (the JSON parser recurses and fails with RecursionError), a JSON body over the
size of any of our documents, and C0 control characters (NUL above all: PostgreSQL refuses
it in text) in any string of a JSON body, a form, the query or the path. One place for every
service: `install(app)` from the shared app factory.

The vote reads its body itself (for speed): it is marked `reads_own_body` and calls
`check_json_body` on what it reads."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from flask import Flask, current_app, request
from werkzeug.routing import IntegerConverter, Map

from wsis_common.problems import Problem

T = TypeVar("T")

# PostgreSQL's INTEGER: every integer in a path (a year, an assignment id) is one.
LARGEST_PATH_INTEGER = 2**31 - 1
# Our deepest document (a draft's answers.sdg_links) is four levels deep.
DEEPEST_JSON = 32
# Our largest JSON document (a full questionnaire) is well under 200 KB; photos are not JSON.
LARGEST_JSON_BYTES = 1024 * 1024
# C0 controls except tab, line feed and carriage return, which texts may hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# In raw JSON a control character can only be an escape (the parser refuses raw ones): an
# unescaped backslash, then \b, \f or \u00XX below 0x20. A hit is confirmed on the parsed body.
_ESCAPED_CONTROL = re.compile(rb"(?<!\\)(?:\\\\)*\\(?:[bf]|u00[01][0-9a-fA-F])")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


class PathInteger(IntegerConverter):
    """`<int:...>` matching only what an INTEGER column holds: a larger number is no page (404)."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = LARGEST_PATH_INTEGER, signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def install(app: Flask) -> None:
    """Before any rule is added: bounded path integers; before every request: the checks."""
    app.url_map.converters["int"] = PathInteger
    app.before_request(check_request)


def check_request() -> None:
    """Refuse the request's hostile input with a problem (the vote's view opts out by reading
    its body itself: it is checked there)."""
    errors = dict(control_character_errors(_texts_of_request()))
    if request.is_json and not _reads_own_body():
        if (request.content_length or 0) > LARGEST_JSON_BYTES:
            raise _too_large(LARGEST_JSON_BYTES)  # refused unread
        errors.update(json_body_errors(request.get_data(cache=True)))
    if errors:
        raise control_character_problem(errors)


def check_json_body(raw: bytes, *, largest: int = LARGEST_JSON_BYTES) -> None:
    """The checks of a JSON body read by its view itself (the vote): a problem, or nothing."""
    errors = json_body_errors(raw, largest=largest)
    if errors:
        raise control_character_problem(errors)


def json_body_errors(raw: bytes, *, largest: int = LARGEST_JSON_BYTES) -> dict[str, str]:
    """413 for a body over `largest`, 400 for one nested over DEEPEST_JSON, before parsing it;
    then the fields holding a control character (parsed only when an escape may be one)."""
    if len(raw) > largest:
        raise _too_large(largest)
    if json_depth(raw) > DEEPEST_JSON:
        raise Problem(400, f"A JSON body is nested at most {DEEPEST_JSON} levels deep.",
                      title="Invalid request")
    if not _ESCAPED_CONTROL.search(raw):
        return {}
    return dict(control_character_errors(_walk(_parsed_or_none(raw), "")))


def reads_own_body(view_class: T) -> T:
    """Marks a view (class or function) that reads and checks its body itself (the vote and
    the vote form, for speed)."""
    view_class.reads_own_body = True  # type: ignore[attr-defined]
    return view_class


def _reads_own_body() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(getattr(view, "view_class", view), "reads_own_body", False))


def _too_large(largest: int) -> Problem:
    return Problem(413, f"A JSON body is at most {largest} bytes.", title="Request too large")


def json_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in `raw`, not counting brackets in strings;
    a cheap upper bound when there are few brackets at all (a vote, most forms)."""
    opened = raw.count(b"[") + raw.count(b"{")
    if opened <= DEEPEST_JSON:
        return opened
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub(b"", raw)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


def control_character_errors(texts: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """(field, the first control character's code point) for each (field, text) holding one."""
    for name, text in texts:
        found = _CONTROL.search(text)
        if found:
            yield name, f"U+{ord(found.group()):04X}"


def control_character_problem(found: Mapping[str, str]) -> Problem:
    """422 field by field, worded and coded as the contracts' own check words it
    (wsis_common.limits), so a client reads one shape whichever check caught the text."""
    return Problem(422, "The request is not valid: see `errors` for every field and reason.",
                   title="Invalid request",
                   errors={name: [f"Contains a control character ({point})."]
                           for name, point in found.items()},
                   reasons={name: [{"code": "text.control_character", "params": {"codepoint": point}}]
                            for name, point in found.items()})


def _texts_of_request() -> Iterator[tuple[str, str]]:
    for name, value in (request.view_args or {}).items():
        if isinstance(value, str):
            yield name, value
    # A field's name is checked with its value: a NUL in either is refused.
    for name, value in request.args.items(multi=True):
        yield name, name + value
    forms = ("application/x-www-form-urlencoded", "multipart/form-data")
    if request.mimetype in forms and not _reads_own_body():
        for name, value in request.form.items(multi=True):
            yield name, name + value


def _parsed_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None  # not JSON: the view's parser says so


def _walk(value: Any, name: str) -> Iterator[tuple[str, str]]:
    """Every string of a parsed JSON document, keys included, with its dotted field name."""
    if isinstance(value, str):
        yield name or "_request", value
    elif isinstance(value, dict):
        for key, inner in value.items():
            field = f"{name}.{key}" if name else str(key)
            yield field, str(key)
            yield from _walk(inner, field)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _walk(inner, f"{name}.{index}" if name else str(index))
