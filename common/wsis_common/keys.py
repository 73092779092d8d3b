"""`python -m wsis_common.keys DIR`: create the gateway's Ed25519 token key pair in DIR
(private.pem, public.pem) and its session secret (secret) unless they are there already.
Used by `make run` and docker-compose."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from wsis_common.auth import generate_keypair


def ensure_keypair(directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    private, public = directory / "private.pem", directory / "public.pem"
    if not (private.exists() and public.exists()):
        private_pem, public_pem = generate_keypair()
        private.write_text(private_pem)
        private.chmod(0o600)
        public.write_text(public_pem)
    return private, public


def ensure_secret(directory: Path) -> Path:
    path = directory / "secret"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "var/keys")
    for path in (*ensure_keypair(target), ensure_secret(target)):
        print(path)
