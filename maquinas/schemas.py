from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from database.types import Timestamp

PrintStatus = Literal["success", "error", "reprint"]


class MachineCreate(BaseModel):
    name: str = Field(min_length=1, max_length=255)
    active: bool = True


class MachineUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=255)
    active: bool | None = None


class MachinePublic(BaseModel):
    id: int
    name: str
    active: bool
    created_at: Timestamp


class QueueItem(BaseModel):
    order_id: int
    order_number: str
    item_index: int
    item_name: str
    dimensions: str
    material: str
    date_due: date | None
    preview_url: str | None
    status: str
    priority: str


class MachineOverview(BaseModel):
    machine_id: int
    machine_name: str
    total_items: int
    total_area: float
    queue: list[QueueItem]


DbId = Annotated[int, Field(ge=1, le=2_147_483_647)]


class PrintLogCreate(BaseModel):
    printer_id: DbId
    pedido_id: DbId
    item_id: DbId | None = None
    status: PrintStatus = "success"
    error_message: str | None = None


class PrintLogPublic(BaseModel):
    id: int
    printer_id: int
    printer_name: str | None
    pedido_id: int
    pedido_numero: str | None
    cliente: str | None
    item_id: int | None
    status: str
    error_message: str | None
    created_at: Timestamp
    item_descricao: str | None
    item_imagem: str | None
    item_medidas: str | None
    item_material: str | None


class PrintStats(BaseModel):
    printer_id: int
    printer_name: str
    total_prints: int
    successful: int
    errors: int
    reprints: int
    success_rate: float


class UsageDay(BaseModel):
    data: date
    itens: int
    metros_quadrados: float


class MachineUsage(BaseModel):
    machine_id: int
    machine_name: str
    data_inicio: date | None
    data_fim: date | None
    total_itens: int
    total_metros_quadrados: float
    dias: list[UsageDay]
