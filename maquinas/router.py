"""Machine dashboard and usage (the CRUD itself comes from cadastros.crud) and the print logs."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from auth.dependencies import CurrentUser
from cadastros.crud import RecordId
from database.pagination import with_total
from database.session import SessionDep
from maquinas import queries, service
from maquinas.schemas import MachineOverview, MachineUsage, PrintLogCreate, PrintLogPublic, PrintStats, PrintStatus

router = APIRouter(prefix="/maquinas", tags=["Máquinas"])
print_logs_router = APIRouter(prefix="/print-logs", tags=["Máquinas"])


@router.get("/dashboard/overview", response_model=list[MachineOverview], summary="Painel das máquinas")
def dashboard_overview(session: SessionDep, _user: CurrentUser):
    """Cada máquina ativa com a fila de itens de pedidos pendentes ou em produção."""
    return queries.dashboard_overview(session)


@router.get("/{machine_id}/uso", response_model=MachineUsage, summary="Uso de uma máquina")
def machine_usage(
    machine_id: RecordId,
    session: SessionDep,
    _user: CurrentUser,
    data_inicio: date | None = None,
    data_fim: date | None = None,
):
    """Itens e m² impressos por dia, pelos registros de impressão (falhas fora)."""
    return queries.machine_usage(session, machine_id, data_inicio, data_fim)


class _LogFilters:
    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=50_000)] = 1000,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
        status_filter: PrintStatus | None = None,
        data_inicio: date | None = None,
        data_fim: date | None = None,
    ):
        self.values = {
            "limit": limit,
            "offset": offset,
            "status": status_filter,
            "data_inicio": data_inicio,
            "data_fim": data_fim,
        }


LogFilters = Annotated[_LogFilters, Depends()]


@print_logs_router.get("", response_model=list[PrintLogPublic], summary="Listar impressões")
def list_print_logs(response: Response, session: SessionDep, _user: CurrentUser, filters: LogFilters):
    """Registros de impressão, mais novos primeiro, com filtros; o total vem em X-Total-Count."""
    return with_total(response, service.list_print_logs(session, **filters.values))


@print_logs_router.get(
    "/printers/{printer_id}", response_model=list[PrintLogPublic], summary="Impressões de uma máquina"
)
def list_printer_logs(
    printer_id: RecordId, response: Response, session: SessionDep, _user: CurrentUser, filters: LogFilters
):
    """Os registros de impressão de uma máquina, com os mesmos filtros."""
    return with_total(response, service.list_print_logs(session, printer_id=printer_id, **filters.values))


@print_logs_router.post("", response_model=PrintLogPublic, status_code=201, summary="Registrar impressão")
def create_print_log(body: PrintLogCreate, session: SessionDep, _user: CurrentUser):
    """Registra (ou atualiza) a impressão de um item de pedido numa máquina."""
    return service.record_print(session, **body.model_dump())


@print_logs_router.get("/stats/{printer_id}", response_model=PrintStats, summary="Estatísticas de uma máquina")
def print_stats(printer_id: RecordId, session: SessionDep, _user: CurrentUser):
    """Total de impressões, sucessos, erros, reimpressões e taxa de sucesso."""
    return queries.print_stats(session, printer_id)
