"""Releases beside shared/: `python -m scripts.release --help` (install, switch, rollback, deploy, ...).

    python -m scripts.release --root /opt/sgp deploy --source ./api-sgp-1.2.3.zip

The layout and its pointers (lock, switch, prune) are in scripts/releases.py, putting a release in
place (unpack, link to shared/, venv, migrate) in scripts/release_install.py, the service's side
(restart, /health, roll back, deploy) in scripts/release_deploy.py, first set-up and updates in
scripts/release_setup.py, the command line in scripts/release_cli.py.
"""

from __future__ import annotations

from scripts.release_cli import main
from scripts.releases import release_python

__all__ = ["main", "release_python"]

if __name__ == "__main__":
    raise SystemExit(main())
