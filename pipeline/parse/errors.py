"""The one exception parsers raise, kept in its own module so every parser can import it
without importing the package's dispatch code."""

from __future__ import annotations


class ParseError(Exception):
    """Raw bytes could not be turned into a Document.

    `reason` is a short machine-readable word the warehouse records in its error table
    (`bad_pdf`, `encrypted_pdf`, `bad_docx`, `empty_document`, `unsupported_type`, `bad_selector`);
    `detail` says what exactly was wrong, for a person."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
