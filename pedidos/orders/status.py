"""The stage-flag and status rules the app applies (original-contract §3.7), applied by the server.

Pure: takes the order's current state and the requested changes, returns the resulting changes.
One place for PATCH /pedidos/{id} and POST /pedidos/batch-status (both go through service.update).
Production waits for finance (SPEC: finance approves, then the art is made, printed, sewn...;
unticking financeiro undoes the later stages): staff cannot tick a later stage on an order
financeiro has not released. Admins, who are the ones releasing it, may.
"""

from __future__ import annotations

from typing import Any

from errors import Conflict
from pedidos.orders.stage_flags import FLAGS

AFTER_FINANCEIRO = tuple(flag for flag in FLAGS if flag != "financeiro")
NOTHING_TICKED = dict.fromkeys(AFTER_FINANCEIRO, False)  # a new order's stages, before it is written
STAGE_NAMES = {"conferencia": "conferência", "sublimacao": "sublimação", "costura": "costura", "expedicao": "expedição"}

# Moves a status may make. Staying put is always allowed.
ALLOWED_MOVES: dict[str, tuple[str, ...]] = {
    "pendente": ("em_producao", "pronto", "cancelado"),
    "em_producao": ("pendente", "pronto", "cancelado"),
    "pronto": ("em_producao", "entregue", "cancelado"),
    "entregue": ("pronto",),
    "cancelado": ("pendente",),
}


def apply_rules(current: dict[str, Any], changes: dict[str, Any], *, is_admin: bool) -> dict[str, Any]:
    """`changes` completed with the derived flags, pronto and status; 409 for a senseless status move
    or, from staff, a stage ticked before financeiro.

    `current` holds the order's status, flags, sublimacao_maquina and sublimacao_data_impressao.
    """
    result = dict(changes)
    state = {**current, **changes}
    if not is_admin:
        check_waits_for_financeiro(current, state)

    if current["financeiro"] and not state["financeiro"]:
        # Unticking financeiro undoes every later stage.
        for flag in AFTER_FINANCEIRO:
            result[flag] = state[flag] = False
    if current["sublimacao"] and not state["sublimacao"]:
        result["sublimacao_maquina"] = state["sublimacao_maquina"] = None
        result["sublimacao_data_impressao"] = state["sublimacao_data_impressao"] = None

    target = state["status"]
    check_move(current["status"], target)  # what was asked must make sense before the rules refine it
    all_done = all(state[flag] for flag in FLAGS)
    if all_done and target in ("pendente", "em_producao"):
        target = "pronto"
    elif not all_done and target == "pronto":
        target = "em_producao"
    if target == "pendente" and state["financeiro"] and not current["financeiro"]:
        target = "em_producao"

    check_move(current["status"], target)
    result["status"] = target
    result["pronto"] = all_done
    # Requested keys always come back, resolved: a "pronto" the rules turn back into the order's
    # current "em_producao" must replace the request's value, not vanish and leave it standing.
    return {key: value for key, value in result.items() if key in changes or value != current.get(key, object())}


def check_waits_for_financeiro(current: dict[str, Any], state: dict[str, Any]) -> None:
    """Stages already ticked stay (an admin may have ticked them); only newly ticked ones are refused,
    so the app's clicks, which resend every flag, pass as long as they tick nothing new."""
    if state["financeiro"]:
        return
    ticked = [STAGE_NAMES[flag] for flag in AFTER_FINANCEIRO if state[flag] and not current[flag]]
    if ticked:
        many = len(ticked) > 1
        raise Conflict(
            f"Pedido aguardando o financeiro: {', '.join(ticked)} só "
            f"{'podem ser marcadas' if many else 'pode ser marcada'} depois da liberação financeira."
        )


def check_move(old: str, new: str) -> None:
    if old == new or new in ALLOWED_MOVES.get(old, ()):
        return
    allowed = ", ".join(ALLOWED_MOVES.get(old, ()))
    raise Conflict(f"Mudança de status não permitida: {old} → {new}. Permitidas a partir de {old}: {allowed}.")


def initial_state(data: dict[str, Any]) -> dict[str, Any]:
    """Rules on a new order: applied as changes to a blank pendente order, without move checks."""
    state = dict(data)
    all_done = all(state.get(flag) for flag in FLAGS)
    status = state.get("status", "pendente")
    if all_done and status in ("pendente", "em_producao"):
        status = "pronto"
    elif not all_done and status == "pronto":
        status = "em_producao"
    if status == "pendente" and state.get("financeiro"):
        status = "em_producao"
    state["status"] = status
    state["pronto"] = all_done
    return state
