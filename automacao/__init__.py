"""Automação: read-only production figures and order lookups for scripts and integrations."""
