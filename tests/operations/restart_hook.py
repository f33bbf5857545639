"""Fake service manager: `restart_hook.py LOG RELEASE` records that RELEASE was (re)started."""

import sys

with open(sys.argv[1], "a", encoding="utf-8") as log:
    log.write(sys.argv[2] + "\n")
