"""REST routes for interaction callbacks and the interaction webhook (follow-ups, ``@original``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from .flags import CallbackType, InteractionType, MessageFlag
from .interactions import InteractionCallback, InteractionRecord, MessageEdit
from .limits import ApiError, check_choices, check_modal, invalid_form_body
from .messages import Message
from .models import Json
from .rest import API, body, json_response, no_content, uploads

if TYPE_CHECKING:
    from .server import DiscordEmulator

_COMPONENT_LIKE = (InteractionType.MESSAGE_COMPONENT, InteractionType.MODAL_SUBMIT)
_ALLOWED: dict[int, tuple[int, ...]] = {
    CallbackType.CHANNEL_MESSAGE_WITH_SOURCE: (2, 3, 5),
    CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: (2, 3, 5),
    CallbackType.DEFERRED_UPDATE_MESSAGE: _COMPONENT_LIKE,
    CallbackType.UPDATE_MESSAGE: _COMPONENT_LIKE,
    CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT: (InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,),
    CallbackType.MODAL: (2, 3),
}


class InteractionRoutes:
    """``/interactions/{id}/{token}/callback`` and ``/webhooks/{application_id}/{token}...``."""

    def __init__(self, emu: DiscordEmulator) -> None:
        self._emu = emu

    def routes(self) -> list[web.RouteDef]:
        """The route table."""
        hook = API + "/webhooks/{app_id}/{token}"
        return [
            web.post(API + "/interactions/{interaction_id}/{token}/callback", self.callback),
            web.post(hook, self.followup),
            web.get(hook + "/messages/{message_id}", self.get_message),
            web.patch(hook + "/messages/{message_id}", self.edit_message),
            web.delete(hook + "/messages/{message_id}", self.delete_message),
        ]

    async def callback(self, request: web.Request) -> web.Response:
        """Acknowledge an interaction once, within ``interaction_ack_timeout`` seconds (Discord: 3 s)."""
        emu = self._emu
        record = emu.interactions.get(int(request.match_info["interaction_id"]))
        if record is None or record.token != request.match_info["token"]:
            raise ApiError(404, 10062, "Unknown interaction")
        if record.acknowledged:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        if emu.loop_time() - record.created > emu.interaction_ack_timeout:
            raise ApiError(404, 10062, "Unknown interaction")
        data = body(request)
        kind, inner = int(data.get("type", 0)), data.get("data") or {}
        if record.type not in _ALLOWED.get(kind, ()):
            raise invalid_form_body([(("type",), "INTERACTION_CALLBACK_TYPE_INVALID",
                                      f"Callback type {kind} is invalid for interaction type {record.type}")])
        msg = self._apply_callback(record, kind, inner, request)
        record.callbacks.append(InteractionCallback(kind, inner, msg))
        emu._notify()
        if "with_response" not in request.query:
            return no_content()
        info: Json = {"id": str(record.id), "type": record.type,
                      "response_message_loading": kind == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
                      "response_message_ephemeral": bool(msg and msg.ephemeral)}
        resource: Json = {"type": kind}
        if msg is not None:
            info["response_message_id"] = str(msg.id)
            resource["message"] = msg.payload()
        return json_response({"interaction": info, "resource": resource})

    def _apply_callback(self, record: InteractionRecord, kind: int, inner: Json,
                        request: web.Request) -> Message | None:
        emu = self._emu
        eph = int(inner.get("flags") or 0) & MessageFlag.EPHEMERAL
        if kind == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE:
            record.original = emu.create_message(record.channel, emu.bot_user, inner, uploads(request),
                                                 extra_flags=MessageFlag.EPHEMERAL, interaction=record)
            return record.original
        if kind == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
            record.original = emu.create_message(
                record.channel, emu.bot_user, {"flags": eph | MessageFlag.LOADING},
                extra_flags=MessageFlag.EPHEMERAL | MessageFlag.LOADING, interaction=record, allow_empty=True)
            return record.original
        if kind in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
            record.original = record.message
            if kind == CallbackType.UPDATE_MESSAGE and record.message is not None:
                emu.edit_message(record.message, inner, uploads(request))
                record.edits.append(MessageEdit(record.message, inner))
            return record.message
        if kind == CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT:
            check_choices(inner.get("choices") or [])
            record.choices = list(inner.get("choices") or [])
        elif kind == CallbackType.MODAL:
            check_modal(inner)
            record.modal = inner
        return None

    def _record(self, request: web.Request) -> InteractionRecord:
        emu = self._emu
        if int(request.match_info["app_id"]) != emu.application_id:
            raise ApiError(404, 10015, "Unknown Webhook")
        token = request.match_info["token"]
        record = next((r for r in emu.interactions.values() if r.token == token), None)
        if record is None:
            raise ApiError(401, 50027, "Invalid Webhook Token")
        if not record.acknowledged:
            raise ApiError(404, 10015, "Unknown Webhook")
        return record

    def _target(self, record: InteractionRecord, message_id: str) -> Message:
        if message_id == "@original":
            msg = record.original
        else:
            msg = next((m for m in [record.original, *record.followups] if m is not None and str(m.id) == message_id),
                       None)
        if msg is None or msg.deleted:
            raise ApiError(404, 10008, "Unknown Message")
        return msg

    async def followup(self, request: web.Request) -> web.Response:
        """``POST /webhooks/{app}/{token}``; after a deferral the first one completes the "thinking" message."""
        emu, record, data = self._emu, self._record(request), body(request)
        original = record.original
        if (original is not None and original.loading
                and record.response_type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE):
            emu.edit_message(original, data, uploads(request))
            msg = original
        else:
            channel = emu.channel(int(request.query["thread_id"])) if "thread_id" in request.query else record.channel
            msg = emu.create_message(channel, emu.bot_user, data, uploads(request),
                                     extra_flags=MessageFlag.EPHEMERAL, interaction=record)
        record.followups.append(msg)
        emu._notify()
        if request.query.get("wait", "").lower() in ("true", "1"):
            return json_response(msg.payload())
        return no_content()

    async def get_message(self, request: web.Request) -> web.Response:
        """``GET /webhooks/{app}/{token}/messages/{id|@original}``."""
        return json_response(self._target(self._record(request), request.match_info["message_id"]).payload())

    async def edit_message(self, request: web.Request) -> web.Response:
        """``PATCH /webhooks/{app}/{token}/messages/{id|@original}``; recorded in ``record.edits``."""
        record = self._record(request)
        msg = self._target(record, request.match_info["message_id"])
        data = body(request)
        self._emu.edit_message(msg, data, uploads(request))
        record.edits.append(MessageEdit(msg, data))
        self._emu._notify()
        return json_response(msg.payload())

    async def delete_message(self, request: web.Request) -> web.Response:
        """``DELETE /webhooks/{app}/{token}/messages/{id|@original}``."""
        msg = self._target(self._record(request), request.match_info["message_id"])
        self._emu.delete_message(msg)
        return no_content()
