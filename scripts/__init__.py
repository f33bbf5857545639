"""Command-line entry points: python -m scripts.NAME."""
