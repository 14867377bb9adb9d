"""Errors the knowledge base raises for problems a user can fix.

Every message is one line that names the problem; fronts print it as it is.
"""
from __future__ import annotations


class KnowledgeBaseError(Exception):
    """Base class: a problem with the user's input or the store, never a bug."""


class InputError(KnowledgeBaseError):
    """The input is empty, binary, unreadable or of an unsupported type."""


class FetchError(InputError):
    """A URL could not be fetched safely (refused address, timeout, too large, wrong type)."""


class RefusedAddressError(FetchError):
    """A URL whose host is (or redirects to) a private, loopback or otherwise internal address."""


class NotFoundError(KnowledgeBaseError):
    """An article id that the collection does not hold."""


class ModelMismatchError(KnowledgeBaseError):
    """The store was built with another embedding model than the one loaded."""


class CollectionNameError(KnowledgeBaseError):
    """A collection name that cannot be used as one."""
