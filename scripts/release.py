"""Releases beside shared/: `python -m scripts.release --help` (install, switch, rollback, deploy, ...).

    python -m scripts.release --root /opt/sgp deploy --source ./api-sgp-1.2.3.zip

The mechanism is in scripts/releases.py (layout, install, migrate, switch), the service's side in
scripts/release_deploy.py (restart, /health, roll back), first set-up in scripts/release_setup.py,
the command line in scripts/release_cli.py.
"""

from __future__ import annotations

from scripts.release_cli import main
from scripts.releases import release_python

__all__ = ["main", "release_python"]

if __name__ == "__main__":
    raise SystemExit(main())
