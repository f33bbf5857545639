"""/docs and /redoc with their assets served locally: the shop network has no internet."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs-assets"
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
PUBLIC_PATHS = {"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"}
# The groups of /docs, as the staff think of the work, in this order; every operation is in one.
TAGS = {
    "Pedidos": "Pedidos e seus itens, rascunhos, imagens, reposições e alertas de produção.",
    "Designers": "O painel de artes: itens por designer, liberação da arte e comentários.",
    "Fichas": "Fichas de produção, seus templates e os PDFs para imprimir.",
    "Relatórios": "Fechamentos, resumos, envios e estatísticas de materiais e produção.",
    "Cadastros": "Clientes, vendedores, designers, materiais, pagamentos, envios e tipos de produção.",
    "Máquinas": "Máquinas, sua fila, seu uso e os registros de impressão.",
    "Usuários": "Entrar e sair, a própria senha e o cadastro de usuários (admin).",
    "Sistema": "Saúde do servidor, notificações e a assistente Safira.",
}


def add_docs(app: FastAPI) -> None:
    app.openapi_tags = [{"name": name, "description": text} for name, text in TAGS.items()]
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui():
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - Docs",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_ui_redirect():
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc():
        return get_redoc_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
