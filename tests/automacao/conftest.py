"""The materials tests' orders (tests/materiais/conftest.py) serve the automação figures too."""

from tests.materiais.conftest import orders  # noqa: F401
