"""A real OpenID Connect provider for the single sign-on tests: django-oauth-toolkit, run apart.

A tiny Django project of its own (`settings`, `urls`, `wsgi`) with its own SQLite database and
RSA key in the folder `OIDC_PROVIDER_HOME`, OpenID Connect on and PKCE required. `control`
prepares it (tables, key, the client, people and their groups) and reads what it stored;
`uppsikt_side` does the same for the Uppsikt it signs people in to. The tests in
`tests/test_single_sign_on.py` run both as servers on loopback and sign in through them.
"""
