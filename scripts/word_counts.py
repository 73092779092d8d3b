"""Recount the word-counting corpus with LibreOffice Writer itself, the reference our counter
is tested against (tests/common/data/word_counts.json, field "count").

A developer's tool, not run by tests or CI. It needs a headless LibreOffice and its Python
bridge (Debian: `apt-get install libreoffice-writer-nogui python3-uno`) and runs with the
system Python, which has `uno`:

    /usr/bin/python3 scripts/word_counts.py [--check] [corpus.json]

Each text is typed into one Writer document (a newline becomes a new paragraph) with the
default settings, and Writer's own statistic is read: the document's `WordCount`, the number
Tools > Word Count shows. Without --check the counts are written back into the corpus."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]  # the system Python's LibreOffice bridge

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "common" / "data" / "word_counts.json"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_office(profile: str, port: int) -> subprocess.Popen[bytes]:
    """A private soffice (own profile, loopback port), so that it cannot meet a user's one."""
    return subprocess.Popen([
        shutil.which("soffice") or "soffice", "--headless", "--invisible", "--norestore",
        "--nologo", f"-env:UserInstallation=file://{profile}",
        f"--accept=socket,host=127.0.0.1,port={port};urp;",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _connect(port: int, seconds: float = 60.0) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(
                f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        except Exception:  # NoConnectException until soffice listens
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _writer_document(context: Any) -> Any:
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    hidden = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    hidden.Name, hidden.Value = "Hidden", True
    return desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (hidden,))


def writer_count(document: Any, text: str) -> int:
    """Writer's word count of `text`, each line of it a paragraph."""
    body = document.getText()
    body.setString("")
    cursor = body.createTextCursor()
    paragraph_break = uno.getConstantByName("com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK")
    for i, line in enumerate(text.split("\n")):
        if i:
            body.insertControlCharacter(cursor, paragraph_break, False)
        body.insertString(cursor, line, False)
    return int(document.WordCount)


def recount(corpus: dict[str, Any], document: Any) -> list[str]:
    """Set each entry's "count" to Writer's; returns the entries whose count changed."""
    changed = []
    for entry in corpus["texts"]:
        count = writer_count(document, entry["text"])
        if entry.get("count") != count:
            changed.append(f"{entry['id']}: {entry.get('count')} -> {count}")
            entry["count"] = count
    return changed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--check", action="store_true", help="report differences, write nothing")
    args = parser.parse_args(argv)
    corpus = json.loads(args.corpus.read_text(encoding="utf-8"))
    profile, port = tempfile.mkdtemp(prefix="wordcount-lo-"), _free_port()
    office = _start_office(profile, port)
    try:
        context = _connect(port)
        document = _writer_document(context)
        changed = recount(corpus, document)
        document.close(True)
    finally:
        office.terminate()
        office.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)
    for line in changed:
        print(line)
    print(f"{len(corpus['texts'])} texts, {len(changed)} counts changed")
    if not args.check and changed:
        args.corpus.write_text(json.dumps(corpus, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    sys.exit(main(sys.argv[1:]))
