"""The production stages' flags (the app's checkboxes): an order and a reposição carry the same six.

A plain pydantic model, so the tables (SQLModel) and the request bodies inherit one declaration;
`StageFlagsPatch` is the same six, each optional, for a PATCH.
"""

from __future__ import annotations

from pydantic import BaseModel, create_model


class StageFlags(BaseModel):
    financeiro: bool = False
    conferencia: bool = False
    sublimacao: bool = False
    costura: bool = False
    expedicao: bool = False
    pronto: bool = False


# The six as stored, in the app's order; FLAGS are the five the sectors tick, which pronto follows.
STAGE_FIELDS: tuple[str, ...] = tuple(StageFlags.model_fields)
FLAGS: tuple[str, ...] = tuple(name for name in STAGE_FIELDS if name != "pronto")

StageFlagsPatch = create_model(
    "StageFlagsPatch",
    __doc__="StageFlags, each optional.",
    **{name: (bool | None, None) for name in STAGE_FIELDS},
)
