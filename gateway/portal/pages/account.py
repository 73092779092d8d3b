"""Register, verify the e-mail (the link of the verification mail), log in and out, a forgotten
or changed password, and the profile that must be complete before voting. The accounts module
does the work. Registration says "check your mail" whether or not the address has an account
(the owner of an existing one gets a mail instead), so the page tells no one who is registered."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from portal.domain import countries as country_list
from portal.i18n import LANGUAGES, current_language
from portal.pages import auth, vote_token
from portal.pages.blueprint import bp, render
from portal.pages.forms import FormErrors, reason
from portal.pages.labels import ORGANISATION_TYPES
from portal.service import accounts, credentials
from wsis_common.problems import Problem
from wsis_common.web import context

REGISTER_FIELDS = ("user_name", "email", "password", "organisation_name", "organisation_type", "country",
                   "language")
PROFILE_FIELDS = ("user_name", "organisation_name", "organisation_type", "country", "language")


def _choices() -> dict[str, Any]:
    return {
        "countries": country_list.countries(current_language()),
        "organisation_types": [(code, ORGANISATION_TYPES.get(code, code))
                               for code in country_list.ORGANISATION_TYPES],
        # Each language named in itself: a person who cannot read this page still finds theirs.
        "mail_languages": list(LANGUAGES.items()),
    }


@bp.route("/register", methods=["GET", "POST"])
def register() -> Any:
    values = {name: request.form.get(name, "") for name in REGISTER_FIELDS}
    # The mails' language starts as the page's: the one the person reads the form in.
    values["language"] = values["language"] or current_language()
    errors = FormErrors()
    if request.method == "POST":
        try:
            account = accounts.register(context(), **values)
        except Problem as problem:
            if problem.status not in (409, 422):
                raise
            errors = FormErrors.of(problem.errors, set(REGISTER_FIELDS))
            if problem.status == 409:
                errors.add("user_name", gettext("This user name or e-mail was just taken; choose another."))
        else:
            # Back to the page that sent them here (a nominee's shared link) once logged in.
            login = url_for("pages.login", next=auth.safe_next(request.values.get("next"), "") or None)
            return render("message.html", 200, title=gettext("Check your mail"),
                          message=gettext("We have sent a message to %(email)s: open the link in it to "
                                          "confirm your address, then log in.", email=account["email"]),
                          link=(login, gettext("Log in")))
    values["password"] = ""  # never sent back to the browser
    return render("register.html", 422 if errors else 200, values=values, errors=errors,
                  next=auth.safe_next(request.values.get("next"), ""), **_choices())


@bp.get("/verify")
def verify() -> Any:
    token = request.args.get("token", "")
    try:
        account = accounts.verify_email(context(), token)
    except Problem as problem:
        if problem.status == 410:
            message = gettext("This link has expired. Log in and ask for a new one on your profile page.")
        elif problem.status in (400, 404, 422):
            message = gettext("This link is not valid. Check that you opened the whole link from the "
                              "e-mail, or ask for a new one on your profile page.")
        else:
            raise
        return render("verify.html", 400, verified=False, message=message)
    return render("verify.html", verified=True, verified_account=account)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    target = auth.safe_next(request.values.get("next"), url_for("pages.home"))
    identifier = request.form.get("identifier", "")
    errors = FormErrors()
    if request.method == "POST":
        try:
            account, _token = accounts.login(context(), identifier=identifier,
                                             password=request.form.get("password", ""),
                                             remote_addr=request.remote_addr or "")
        except Problem as problem:
            if problem.status == 429:
                minutes = max(1, int(problem.extra.get("retry_after", 60)) // 60)
                errors.add("identifier", gettext("Too many failed log-ins: try again in %(minutes)s "
                                                 "minutes.", minutes=minutes))
            elif problem.status in (400, 401, 422):
                errors.add("identifier", gettext("The user name or e-mail, or the password, is not right."))
            else:
                raise
        else:
            auth.log_in(account)
            return redirect(target, 303)
    return render("login.html", 401 if errors else 200, identifier=identifier, next=target, errors=errors)


@bp.route("/password-reset", methods=["GET", "POST"])
def password_reset() -> Any:
    """Ask for a link to choose a new password: the same answer for any name."""
    if request.method == "POST":
        credentials.request_password_reset(context(), request.form.get("identifier", ""))
        return render("message.html", 200, title=gettext("Check your mail"),
                      message=gettext("If an account has this user name or e-mail address, we have sent "
                                      "it a link to choose a new password. The link works once, for 30 "
                                      "minutes."))
    return render("password_reset.html", errors=FormErrors())


@bp.route("/password-reset/confirm", methods=["GET", "POST"])
def password_reset_confirm() -> Any:
    token = request.values.get("token", "")
    errors = FormErrors()
    if request.method == "POST":
        try:
            credentials.reset_password(context(), token, request.form.get("password", ""))
        except Problem as problem:
            if problem.status in (400, 410):
                return render("message.html", 400, title=gettext("This link does not work any more"),
                              message=gettext("Links to choose a new password work once, for 30 "
                                              "minutes. Ask for a new one from the log-in page."))
            if problem.status != 422:
                raise
            errors = FormErrors.of(problem.errors, {"password"})
        else:
            auth.forget_session()
            flash(gettext("Your new password is set: log in with it."))
            return redirect(url_for("pages.login"), 303)
    return render("password_reset_confirm.html", 422 if errors else 200, token=token, errors=errors)


@bp.post("/profile/password")
@auth.login_required
def change_password() -> Any:
    account = auth.current_account()
    assert account is not None
    try:
        changed = credentials.change_password(context(), account["id"],
                                              request.form.get("current_password", ""),
                                              request.form.get("new_password", ""))
    except Problem as problem:
        if problem.status == 429:
            flash(gettext("Too many wrong passwords: try again later."))
        elif problem.status == 422:
            for reasons in (problem.errors or {}).values():
                for text in reasons:
                    flash(reason(text).text)
        else:
            raise
        return redirect(url_for("pages.profile"), 303)
    auth.log_in(changed)  # this session goes on; every other one has ended
    flash(gettext("Your password is changed. Every other session is logged out."))
    return redirect(url_for("pages.profile"), 303)


@bp.get("/logout")
def logout_form() -> Any:
    """The link of the shared vote pages' header (which carry no CSRF token): the form."""
    if auth.current_account() is None:
        return redirect(url_for("pages.home"), 303)
    return render("logout.html")


@bp.post("/logout")
def logout() -> Any:
    auth.log_out()
    flash(gettext("You are logged out."))
    response = redirect(url_for("pages.home"), 303)
    vote_token.take_back(response)
    return response


def missing_for_voting(account: dict[str, Any]) -> list[str]:
    organisation = account.get("organisation") or {}
    missing = []
    if not account.get("user_name"):
        missing.append(gettext("a user name"))
    if not account.get("email_verified"):
        missing.append(gettext("a confirmed e-mail address"))
    if not organisation.get("name"):
        missing.append(gettext("the organisation's name"))
    if not organisation.get("type"):
        missing.append(gettext("the organisation's type"))
    if not organisation.get("country"):
        missing.append(gettext("the organisation's country"))
    return missing


@bp.route("/profile", methods=["GET", "POST"])
@auth.login_required
def profile() -> Any:
    account = auth.current_account()
    assert account is not None
    organisation = account.get("organisation") or {}
    values = {"user_name": account.get("user_name", ""), "organisation_name": organisation.get("name", ""),
              "organisation_type": organisation.get("type", ""), "country": organisation.get("country", ""),
              "language": account.get("language") or "en"}
    errors = FormErrors()
    if request.method == "POST":
        changes = {name: request.form.get(name, "") for name in PROFILE_FIELDS}
        if not changes["language"]:
            del changes["language"]  # a form without the choice keeps the one made before
        try:
            account = accounts.update_profile(context(), account["id"], changes)
        except Problem as problem:
            if problem.status != 422:
                raise
            errors = FormErrors.of(problem.errors, set(PROFILE_FIELDS))
            values.update(changes)
        else:
            flash(gettext("Your profile is saved."))
            return redirect(url_for("pages.profile"), 303)
    return render("profile.html", 422 if errors else 200, values=values, errors=errors,
                  profile_account=account, missing=missing_for_voting(account), **_choices())


@bp.post("/profile/verification")
@auth.login_required
def resend_verification() -> Any:
    account = auth.current_account()
    assert account is not None
    if not account.get("email_verified"):
        try:
            accounts.resend_verification(context(), account["id"])
        except Problem as problem:
            if problem.status != 429:
                raise
            flash(gettext("You have asked for several links already: please wait an hour, then "
                          "ask again."))
        else:
            flash(gettext("We have sent a new link to %(email)s.", email=account["email"]))
    # Back where the button was (the profile, or the questionnaire that asked for the address).
    return redirect(auth.safe_next(request.form.get("next"), url_for("pages.profile")), 303)
