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


StageFlagsPatch = create_model(
    "StageFlagsPatch",
    __doc__="StageFlags, each optional.",
    **{name: (bool | None, None) for name in StageFlags.model_fields},
)
