"""/users: admin-only user management with the original's fields and status codes."""

from __future__ import annotations

from tests.conftest import bearer, make_user


async def test_non_admin_and_anonymous_cannot_manage_users(client, user_headers):
    assert (await client.get("/users", headers=user_headers)).status_code == 403
    assert (await client.get("/users")).status_code == 401
    created = await client.post("/users", json={"username": "x", "password": "senha-123456"}, headers=user_headers)
    assert created.status_code == 403


async def test_admin_crud_with_and_without_trailing_slash(client, admin_headers):
    created = await client.post(
        "/users/", json={"username": "designer1", "password": "senha-design-1"}, headers=admin_headers
    )
    assert created.status_code == 201
    user = created.json()
    assert set(user) == {"id", "username", "is_admin", "is_active", "setor", "created_at"}
    assert user["is_admin"] is False and user["is_active"] is True

    listed = await client.get("/users", headers=admin_headers)
    assert listed.status_code == 200
    assert {u["username"] for u in listed.json()} == {"admin", "designer1"}

    fetched = await client.get(f"/users/{user['id']}/", headers=admin_headers)
    assert fetched.json()["username"] == "designer1"

    patched = await client.patch(f"/users/{user['id']}", json={"is_admin": True}, headers=admin_headers)
    assert patched.status_code == 200 and patched.json()["is_admin"] is True

    deleted = await client.delete(f"/users/{user['id']}", headers=admin_headers)
    assert deleted.status_code == 204 and deleted.content == b""
    assert (await client.get(f"/users/{user['id']}", headers=admin_headers)).status_code == 404


async def test_new_password_rules_refuse_short_and_over_72_bytes(client, admin_headers):
    short = await client.post("/users", json={"username": "a1", "password": "curta"}, headers=admin_headers)
    assert short.status_code == 422
    assert "8 caracteres" in short.json()["detail"][0]["msg"]
    # 40 two-byte characters: 40 characters but 80 bytes, which bcrypt would silently truncate.
    long = await client.post("/users", json={"username": "a2", "password": "é" * 40}, headers=admin_headers)
    assert long.status_code == 422
    assert "72 bytes" in long.json()["detail"][0]["msg"]


async def test_duplicate_username_is_refused(client, admin_headers):
    body = {"username": "joana", "password": "senha-joana-1"}
    assert (await client.post("/users", json=body, headers=admin_headers)).status_code == 201
    again = await client.post("/users", json={**body, "username": "JOANA"}, headers=admin_headers)
    assert again.status_code == 400
    assert again.json()["detail"] == "Nome de usuário já está em uso"


async def test_the_last_active_admin_cannot_be_deleted_demoted_or_deactivated(client, admin, admin_headers):
    for change in ({"is_admin": False}, {"is_active": False}):
        response = await client.patch(f"/users/{admin.id}", json=change, headers=admin_headers)
        assert response.status_code == 409
    assert (await client.delete(f"/users/{admin.id}", headers=admin_headers)).status_code == 409


async def test_with_a_second_admin_the_first_can_be_demoted(client, admin, admin_headers, session):
    make_user(session, username="admin2", is_admin=True)
    response = await client.patch(f"/users/{admin.id}", json={"is_admin": False}, headers=admin_headers)
    assert response.status_code == 200


async def test_users_cannot_make_themselves_admin_through_unknown_fields(client, user_headers, seller):
    response = await client.patch(
        "/users/me/password",
        json={"current_password": "senha-vendas-1", "new_password": "nova-senha-123", "is_admin": True},
        headers=user_headers,
    )
    assert response.status_code == 200
    login = await client.post("/auth/login", json={"username": "vendedora", "password": "nova-senha-123"})
    assert login.status_code == 200 and login.json()["is_admin"] is False


async def test_change_own_password_needs_the_current_one(client, user_headers):
    response = await client.patch(
        "/users/me/password",
        json={"current_password": "errada-000", "new_password": "nova-senha-123"},
        headers=user_headers,
    )
    assert response.status_code == 400


async def test_admin_users_mirror_answers_like_the_original(client, admin_headers, session):
    created = await client.post(
        "/admin/users", json={"username": "espelho", "password": "senha-espelho"}, headers=admin_headers
    )
    assert created.status_code == 200
    assert "created_at" not in created.json()
    deleted = await client.delete(f"/admin/users/{created.json()['id']}", headers=admin_headers)
    assert deleted.status_code == 200 and "message" in deleted.json()
    other = make_user(session, username="comum")
    assert (await client.get("/admin/users", headers=bearer(other))).status_code == 403
