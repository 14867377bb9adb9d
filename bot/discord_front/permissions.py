"""Who may do what, where: each server reads its own collection, managers change it."""
from __future__ import annotations

import discord

from index.library import guild_collection as collection_name

from .errors import NoLibraryHere, NotAllowed

__all__ = ["collection_name", "is_manager", "library_of", "require_manager"]


def is_server_library(name: str) -> bool:
    """True for the collections `collection_name` names."""
    return name.startswith("guild-")


def library_of(guild_id: int | None) -> str:
    """The collection of the server a command or message came from; NoLibraryHere in DMs."""
    if guild_id is None:
        raise NoLibraryHere()
    return collection_name(guild_id)


def is_manager(user: discord.abc.User, permissions: discord.Permissions, manager_role: str | None) -> bool:
    """True for members with Manage Server (administrators have it) or the manager role."""
    if permissions.manage_guild or permissions.administrator:
        return True
    if manager_role and isinstance(user, discord.Member):
        wanted = manager_role.casefold()
        return any(role.name.casefold() == wanted for role in user.roles)
    return False


def require_manager(interaction: discord.Interaction, manager_role: str | None) -> None:
    """Raise NotAllowed unless the user may change this server's library."""
    if is_manager(interaction.user, interaction.permissions, manager_role):
        return
    role = f" or the **{discord.utils.escape_markdown(manager_role)}** role" if manager_role else ""
    raise NotAllowed(f"Only members with the Manage Server permission{role} can change this server's library.")
