"""boundwire: strict, schema-checked messages for Python and Ray.

The types themselves live in the extension modules that ``bwc``
generates from a schema (``python -m boundwire build``); this package
holds what they share: the exceptions, and the build helper.
"""

from __future__ import annotations

__all__ = ["DecodeError", "Error", "ValidationError", "__version__"]

__version__ = "0.1.0"


class Error(ValueError):
    """A value or an input that breaks a rule of the schema.

    ``str(error)`` is the text the C runtime gives (``bw_error_format``),
    such as ``"items[3].qty: 1001 is above the maximum 1000"``.  The
    details are attributes:

    - ``code``: the runtime's name of the error, as ``"above_maximum"``;
    - ``path``: the field path, as ``"items[3].qty"`` (``""`` at the top);
    - ``rule``: the schema's text of the rule broken, or ``""``;
    - ``value`` and ``limit``: the numbers involved, or None;
    - ``offset``: the byte offset in the input (0 for a validation).
    """

    code: str
    path: str
    rule: str
    value: int | float | None
    limit: int | float | None
    offset: int

    def __init__(
        self,
        message: str,
        *,
        code: str = "",
        path: str = "",
        rule: str = "",
        value: float | None = None,
        limit: float | None = None,
        offset: int = 0,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.path = path
        self.rule = rule
        self.value = value
        self.limit = limit
        self.offset = offset


class DecodeError(Error):
    """Bytes that do not decode: malformed wire data or a broken rule."""


class ValidationError(Error):
    """A value that cannot be encoded, since it breaks a rule."""
