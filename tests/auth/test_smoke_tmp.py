async def test_login_and_me(client, admin):
    r = await client.post("/auth/login", json={"username": "admin", "password": "admin-senha-123"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["success"] and body["session_token"]
    r2 = await client.get("/auth/me/", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert r2.status_code == 200, r2.text
    r3 = await client.post("/auth/logout", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert r3.status_code == 200
    r4 = await client.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert r4.status_code == 401
    r5 = await client.get("/users", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert r5.status_code == 401
    r = await client.get("/health")
    assert r.status_code == 200 and r.json()["checks"]["database"] == "ok"
