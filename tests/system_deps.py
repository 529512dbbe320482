"""System packages some tests need: Debian's chromium (driven through Playwright's Python package,
whose own browser download is never used) and the PostgreSQL server.

Without them those tests skip on a developer's machine; CI sets EVIDENCE_REQUIRE_SYSTEM_DEPS=1
(.ci/run installs both), and there a missing one fails them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REQUIRED = os.environ.get("EVIDENCE_REQUIRE_SYSTEM_DEPS") == "1"
# Flags for a root user on a machine with no outside network: without the background-networking
# ones Chromium keeps dialling Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def missing(reason: str) -> None:
    """CI must drive the real browser, so a missing dependency only skips on a developer's machine."""
    if REQUIRED:
        pytest.fail(f"{reason}, and EVIDENCE_REQUIRE_SYSTEM_DEPS=1 requires it")
    pytest.skip(reason)


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright):
    """A headless Chromium, or a skip (a failure in CI) saying what is missing."""
    path = chromium_path()
    if path is None:
        missing("Debian's chromium is not installed")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


def sync_playwright():
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        missing("the playwright package is not installed")
    return start()
