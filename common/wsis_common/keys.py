"""`python -m wsis_common.keys DIR [PUBLIC_DIR]`: create the gateway's token key pair and its
session secret unless they are there already: private.pem and secret in DIR, public.pem in
PUBLIC_DIR (DIR when not given). Used by `make run` and docker-compose, which keeps the public
key apart so that the services never see the gateway's private key."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

from wsis_common.auth import generate_keypair


def ensure_keypair(directory: Path, public_directory: Path | None = None) -> tuple[Path, Path]:
    public_directory = public_directory or directory
    for folder in (directory, public_directory):
        folder.mkdir(parents=True, exist_ok=True)
    private, public = directory / "private.pem", public_directory / "public.pem"
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
    public_target = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    for path in (*ensure_keypair(target, public_target), ensure_secret(target)):
        print(path)
