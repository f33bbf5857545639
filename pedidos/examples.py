"""Request examples for /docs: an order as the app creates it, and the patches it sends."""

from __future__ import annotations

from typing import Any

CREATE = {
    "pedido_completo": {
        "summary": "Pedido com um painel",
        "description": "Como o app envia: valores em texto, datas AAAA-MM-DD, um item com acabamento.",
        "value": {
            "cliente": "Gráfica São João",
            "telefone_cliente": "(27) 99999-0000",
            "cidade_cliente": "Colatina (ES)",
            "estado_cliente": "",
            "data_entrada": "2026-12-02",
            "data_entrega": "2026-12-09",
            "prioridade": "NORMAL",
            "status": "pendente",
            "forma_envio": "PAC",
            "forma_envio_id": 1,
            "tipo_pagamento": "2",
            "valor_frete": "20.00",
            "valor_itens": "180.00",
            "valor_total": "200.00",
            "observacao": "Entregar na recepção",
            "items": [
                {
                    "tipo_producao": "painel",
                    "descricao": "Painel de fundo 3x2",
                    "largura": "3,00",
                    "altura": "2,00",
                    "metro_quadrado": "6,00",
                    "vendedor": "João",
                    "designer": "Ana",
                    "tecido": "Oxford",
                    "acabamento": {"overloque": True, "elastico": False, "ilhos": True},
                    "emenda": "sem-emenda",
                    "tipo_acabamento": "ilhos",
                    "quantidade_ilhos": "12",
                    "espaco_ilhos": "30",
                    "quantidade_paineis": "1",
                    "valor_unitario": "180.00",
                }
            ],
        },
    },
    "minimo": {
        "summary": "Só o obrigatório",
        "description": "cliente e data_entrada (vazia = hoje); o resto toma o padrão.",
        "value": {"cliente": "Maria Souza", "data_entrada": ""},
    },
}

PATCH = {
    "etapa": {
        "summary": "Marcar uma etapa (como o app envia)",
        "description": "As cinco etapas marcadas deixam o pedido pronto; If-Match com a versão evita sobrescrever.",
        "value": {
            "conferencia": True,
            "sublimacao": True,
            "costura": False,
            "expedicao": False,
            "sublimacao_maquina": "Epson F9470",
            "sublimacao_data_impressao": "2026-12-03",
            "pronto": False,
            "status": "em_producao",
        },
    },
    "status": {
        "summary": "Cancelar o pedido",
        "description": "Só mudanças de status que fazem sentido passam (409 lista as permitidas).",
        "value": {"status": "cancelado"},
    },
    "rascunho": {
        "summary": "Editar um rascunho",
        "description": "Com rascunho: true, só os campos alterados, sem as regras de criação.",
        "value": {"rascunho": True, "cliente": "Maria Souza", "valor_frete": "15,00"},
    },
}


def request_examples(examples: dict[str, Any]) -> dict[str, Any]:
    """The route's openapi_extra: named examples for its JSON body (FastAPI merges it into the operation)."""
    return {"requestBody": {"content": {"application/json": {"examples": examples}}}}
