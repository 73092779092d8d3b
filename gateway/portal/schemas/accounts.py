"""Schemas of the accounts API."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from wsis_common.languages import LANGUAGES


class RegistrationSchema(Schema):
    user_name = fields.String(required=True)
    email = fields.String(required=True)
    password = fields.String(required=True, load_only=True)
    organisation_name = fields.String(required=True)
    organisation_type = fields.String(required=True, metadata={
        "description": "government | private_sector | civil_society | academia | "
                       "international_organisation | other"})
    country = fields.String(required=True, metadata={"description": "ISO 3166-1 alpha-2 code"})
    language = fields.String(load_default=None, validate=validate.OneOf(LANGUAGES), metadata={
        "description": "the language of the mails: ar | en | es | fr | ru | zh (absent: English)"})


class VerifySchema(Schema):
    token = fields.String(required=True)


class LoginSchema(Schema):
    identifier = fields.String(required=True, metadata={"description": "user name or e-mail"})
    password = fields.String(required=True, load_only=True)


class OrganisationSchema(Schema):
    name = fields.String()
    type = fields.String()
    country = fields.String()


class AccountSchema(Schema):
    id = fields.String()
    user_name = fields.String()
    email = fields.String()
    email_verified = fields.Boolean()
    organisation = fields.Nested(OrganisationSchema)
    roles = fields.List(fields.String())
    profile_complete = fields.Boolean(metadata={"description": "may vote (phase 3, rule 1)"})
    language = fields.String(metadata={"description": "the language of the mails (English if never chosen)"})
    created_at = fields.String()


class TokenSchema(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
    account = fields.Nested(AccountSchema)


class ProfilePatchSchema(Schema):
    user_name = fields.String()
    organisation_name = fields.String()
    organisation_type = fields.String()
    country = fields.String()
    language = fields.String(validate=validate.OneOf(LANGUAGES),
                             metadata={"description": "the language of the mails"})


class RoleSchema(Schema):
    role = fields.String(required=True, validate=validate.OneOf(["stakeholder", "expert", "admin"]))


class AccountQuerySchema(Schema):
    q = fields.String(load_default="")


class PasswordResetRequestSchema(Schema):
    identifier = fields.String(required=True, metadata={"description": "user name or e-mail"})


class PasswordResetSchema(Schema):
    token = fields.String(required=True, metadata={"description": "from the mailed link"})
    password = fields.String(required=True, load_only=True)


class PasswordChangeSchema(Schema):
    current_password = fields.String(required=True, load_only=True)
    new_password = fields.String(required=True, load_only=True)
