"""Routes of accounts and tokens: schema in, service call, schema out."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from portal.schemas.accounts import (
    AccountQuerySchema,
    AccountSchema,
    LoginSchema,
    PasswordChangeSchema,
    PasswordResetRequestSchema,
    PasswordResetSchema,
    ProfilePatchSchema,
    RegistrationSchema,
    RoleSchema,
    TokenSchema,
    VerifySchema,
)
from portal.service import accounts, credentials
from wsis_common.web import authenticate, context

blp = Blueprint("accounts", __name__, url_prefix="/api/v1", description="Accounts, roles and tokens")


@blp.route("/accounts")
class Accounts(MethodView):
    @blp.arguments(RegistrationSchema)
    @blp.response(201, AccountSchema)
    def post(self, data):
        """Register a stakeholder; a verification link is sent by e-mail."""
        return accounts.register(context(), **data)

    @blp.arguments(AccountQuerySchema, location="query")
    @blp.response(200, AccountSchema(many=True))
    def get(self, query):
        """Admin: find accounts (by user name, e-mail or organisation)."""
        authenticate(role="admin")
        return accounts.list_accounts(context(), query["q"])


@blp.post("/accounts/verify")
@blp.arguments(VerifySchema)
@blp.response(200, AccountSchema)
def verify(data):
    return accounts.verify_email(context(), data["token"])


@blp.post("/accounts/verification")
@blp.response(202)
def resend_verification():
    """A new verification link (at most 3 mails an hour per account, then 429)."""
    accounts.resend_verification(context(), authenticate().account_id)


@blp.post("/accounts/password-reset")
@blp.arguments(PasswordResetRequestSchema)
@blp.response(202)
def request_password_reset(data):
    """Mail a link to choose a new password; the same answer whether the account exists."""
    credentials.request_password_reset(context(), data["identifier"])


@blp.post("/accounts/password-reset/confirm")
@blp.arguments(PasswordResetSchema)
@blp.response(200, AccountSchema)
def reset_password(data):
    """A new password from a mailed link (30 minutes, single use); every earlier session ends."""
    return credentials.reset_password(context(), data["token"], data["password"])


@blp.post("/accounts/me/password")
@blp.arguments(PasswordChangeSchema)
@blp.response(200, AccountSchema)
def change_password(data):
    """Change the password with the current one; every earlier page session ends."""
    return credentials.change_password(context(), authenticate().account_id, data["current_password"],
                                       data["new_password"])


@blp.post("/tokens")
@blp.arguments(LoginSchema)
@blp.response(200, TokenSchema)
def log_in(data):
    """Log in: a short-lived access token signed by the gateway."""
    account, token = accounts.login(context(), identifier=data["identifier"], password=data["password"],
                                    remote_addr=request.remote_addr or "unknown")
    return {"access_token": token, "token_type": "Bearer",
            "expires_in": int(accounts.settings().token_lifetime.total_seconds()), "account": account}


@blp.route("/accounts/me")
class Me(MethodView):
    @blp.response(200, AccountSchema)
    def get(self):
        return accounts.get_account(context(), authenticate().account_id)

    @blp.arguments(ProfilePatchSchema)
    @blp.response(200, AccountSchema)
    def patch(self, changes):
        return accounts.update_profile(context(), authenticate().account_id, changes)


@blp.post("/accounts/<account_id>/roles")
@blp.arguments(RoleSchema)
@blp.response(200, AccountSchema)
def grant_role(data, account_id: str):
    """Admin: grant a role (e.g. expert)."""
    admin = authenticate(role="admin")
    return accounts.grant_role(context(), admin.account_id, account_id, data["role"])


@blp.delete("/accounts/<account_id>/roles/<role>")
@blp.response(200, AccountSchema)
def revoke_role(account_id: str, role: str):
    admin = authenticate(role="admin")
    return accounts.revoke_role(context(), admin.account_id, account_id, role)
