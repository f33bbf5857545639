"""A lookup table's bodies and answers, derived from its Base model so each field is declared once.

Create is the Base; Update is every Base field optional (left out: unchanged) with the same limits;
Public is the Base plus `id`. /docs names them after the table's model (MaterialCreate, ...).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import create_model
from pydantic.fields import FieldInfo
from sqlmodel.main import FieldInfoMetadata

from database.base import SQLModel


def _optional(info: FieldInfo) -> Any:
    # The field's limits (lengths, ranges, money parsing) stay on the value; only None is added.
    # SQLModel's column options are left behind: a body is no table.
    limits = [item for item in info.metadata if not isinstance(item, FieldInfoMetadata)]
    value = Annotated[(info.annotation, *limits)] if limits else info.annotation
    return value | None


def patch_schema(base: type[SQLModel], name: str, *, checks: type[SQLModel] = SQLModel) -> type[SQLModel]:
    """What a PATCH accepts: `base`'s fields, each optional; `checks` may add validators."""
    fields = {field: (_optional(info), FieldInfo(default=None)) for field, info in base.model_fields.items()}
    return create_model(name, __base__=checks, __doc__=f"{base.__name__}'s fields, each optional.", **fields)


def public_schema(base: type[SQLModel], name: str) -> type[SQLModel]:
    """What the routes answer: `base` and the row's id."""
    return create_model(name, __base__=base, __doc__=f"{base.__name__} and its id.", id=(int, ...))


def lookup_schemas(
    base: type[SQLModel], model: type[SQLModel], *, public: type[SQLModel] | None = None
) -> dict[str, type[SQLModel]]:
    """CrudSpec's create, update and public schemas, named after `model`; `public` when it answers more."""
    name = model.__name__
    return {
        "create_schema": create_model(f"{name}Create", __base__=base, __doc__=f"A new {name}."),
        "update_schema": patch_schema(base, f"{name}Update"),
        "public_schema": public or public_schema(base, f"{name}Public"),
    }
