"""Discord's documented limits, enforced with Discord's own error JSON.

A violation raises :class:`ApiError`, which the server turns into the HTTP response, so
discord.py raises ``discord.HTTPException`` exactly as it would against Discord.
"""

from __future__ import annotations

from typing import Any

from .flags import LINK_BUTTON_STYLE, PREMIUM_BUTTON_STYLE, SELECT_TYPES, ComponentType, MessageFlag
from .messages import walk_components
from .models import Json

Path = tuple[str | int, ...]
Problem = tuple[Path, str, str]

MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000
MAX_ACTION_ROWS = 5
MAX_V2_COMPONENTS = 40
EMBED_FIELD_LIMITS: dict[str, int] = {"title": 256, "description": 4096}


class ApiError(Exception):
    """An error response: HTTP status plus Discord's ``{"code", "message", "errors"}`` body."""

    def __init__(self, status: int, code: int, message: str, errors: Json | None = None) -> None:
        super().__init__(f"{status} {message} (code {code})")
        self.status = status
        self.body: Json = {"message": message, "code": code}
        if errors is not None:
            self.body["errors"] = errors


def not_found(what: str, code: int) -> ApiError:
    """404 ``Unknown <what>`` (e.g. ``not_found("Message", 10008)``)."""
    return ApiError(404, code, f"Unknown {what}")


def missing_permissions() -> ApiError:
    """403 Missing Permissions (50013)."""
    return ApiError(403, 50013, "Missing Permissions")


def invalid_form_body(problems: list[Problem]) -> ApiError:
    """400 Invalid Form Body (50035) with the nested ``errors`` tree Discord returns."""
    errors: Json = {}
    for path, code, message in problems:
        node = errors
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return ApiError(400, 50035, "Invalid Form Body", errors)


def _max_len(path: Path, value: Any, limit: int, out: list[Problem]) -> None:
    if isinstance(value, str) and len(value) > limit:
        out.append((path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length."))


def _embed_problems(embeds: list[Json], out: list[Problem]) -> None:
    if len(embeds) > MAX_EMBEDS:
        out.append((("embeds",), "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_EMBEDS} or fewer in length."))
    total = 0
    for i, embed in enumerate(embeds):
        for key, limit in EMBED_FIELD_LIMITS.items():
            _max_len(("embeds", i, key), embed.get(key), limit, out)
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        _max_len(("embeds", i, "footer", "text"), footer, 2048, out)
        _max_len(("embeds", i, "author", "name"), author, 256, out)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            out.append((("embeds", i, "fields"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
        total += len(embed.get("title") or "") + len(embed.get("description") or "") + len(footer) + len(author)
        for j, fld in enumerate(fields):
            for key, limit in (("name", 256), ("value", 1024)):
                value = fld.get(key)
                if not value:
                    out.append((("embeds", i, "fields", j, key), "BASE_TYPE_REQUIRED", "This field is required"))
                _max_len(("embeds", i, "fields", j, key), value, limit, out)
                total += len(value or "")
    if total > MAX_EMBED_TOTAL:
        out.append((("embeds",), "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {MAX_EMBED_TOTAL}"))


def _component_problems(components: list[Json], v2: bool, out: list[Problem]) -> None:
    if v2:
        if sum(1 for _ in walk_components(components)) > MAX_V2_COMPONENTS:
            out.append((("components",), "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_V2_COMPONENTS} or fewer in length."))
    elif len(components) > MAX_ACTION_ROWS:
        out.append((("components",), "BASE_TYPE_BAD_LENGTH", f"Must be between 1 and {MAX_ACTION_ROWS} in length."))
    seen: set[str] = set()
    for i, row in enumerate(components):
        if not v2 and row.get("type") != ComponentType.ACTION_ROW:
            out.append((("components", i, "type"), "UNION_TYPE_CHOICES", "Value of field \"type\" must be 1."))
            continue
        children = row.get("components") or []
        width = sum(5 if c.get("type") in SELECT_TYPES else 1 for c in children)
        if row.get("type") == ComponentType.ACTION_ROW and not 1 <= width <= 5:
            out.append((("components", i, "components"), "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                        "The specified component exceeds the maximum width"))
    for comp in walk_components(components):
        _one_component(comp, seen, out)


def _one_component(comp: Json, seen: set[str], out: list[Problem]) -> None:
    custom_id = comp.get("custom_id")
    if custom_id is not None:
        _max_len(("components", "custom_id"), custom_id, 100, out)
        if custom_id in seen:
            out.append((("components", "custom_id"), "COMPONENT_CUSTOM_ID_DUPLICATED",
                        "Component custom id cannot be duplicated"))
        seen.add(custom_id)
    if comp.get("type") == ComponentType.BUTTON:
        _max_len(("components", "label"), comp.get("label"), 80, out)
        style = comp.get("style")
        if style == LINK_BUTTON_STYLE and not comp.get("url"):
            out.append((("components", "url"), "BASE_TYPE_REQUIRED", "This field is required"))
        if style not in (LINK_BUTTON_STYLE, PREMIUM_BUTTON_STYLE) and not custom_id:
            out.append((("components", "custom_id"), "BASE_TYPE_REQUIRED", "This field is required"))
    if comp.get("type") == ComponentType.STRING_SELECT and not 1 <= len(comp.get("options") or []) <= 25:
        out.append((("components", "options"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length."))


def check_message_payload(data: Json) -> None:
    """Validate the fields present in a message create/edit payload."""
    out: list[Problem] = []
    _max_len(("content",), data.get("content"), MAX_CONTENT, out)
    embeds = data.get("embeds") or []
    _embed_problems(embeds, out)
    v2 = bool(int(data.get("flags") or 0) & MessageFlag.IS_COMPONENTS_V2)
    if v2 and (data.get("content") or embeds):
        out.append((("content",), "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
                    "The 'content' and 'embeds' fields cannot be used when using components v2"))
    _component_problems(data.get("components") or [], v2, out)
    if out:
        raise invalid_form_body(out)


def check_not_empty(content: str, embeds: list[Json], components: list[Json], attachments: int) -> None:
    """Discord refuses a message with nothing in it (50006)."""
    if not (content or embeds or components or attachments):
        raise ApiError(400, 50006, "Cannot send an empty message")


def check_thread_name(name: Any) -> None:
    """Thread names are 1–100 characters."""
    if not isinstance(name, str) or not name:
        raise invalid_form_body([(("name",), "BASE_TYPE_REQUIRED", "This field is required")])
    out: list[Problem] = []
    _max_len(("name",), name, 100, out)
    if out:
        raise invalid_form_body(out)


def check_modal(data: Json) -> None:
    """Modal title ≤ 45 characters, custom_id ≤ 100, 1–5 top-level components."""
    out: list[Problem] = []
    _max_len(("data", "title"), data.get("title"), 45, out)
    _max_len(("data", "custom_id"), data.get("custom_id"), 100, out)
    if not 1 <= len(data.get("components") or []) <= 5:
        out.append((("data", "components"), "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."))
    if out:
        raise invalid_form_body(out)


def check_choices(choices: list[Json]) -> None:
    """Autocomplete results: at most 25 choices, names ≤ 100 characters."""
    out: list[Problem] = []
    if len(choices) > 25:
        out.append((("data", "choices"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
    for i, choice in enumerate(choices):
        _max_len(("data", "choices", i, "name"), choice.get("name"), 100, out)
    if out:
        raise invalid_form_body(out)
