"""Users: list, add, reset a password."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from peewee import JOIN

from ..auth.actors import current_actor
from ..auth.forms import PasswordForm, UserForm, organisation_choices
from ..contracts.forms import ConfirmForm
from ..models import Organisation, User
from ..services.accounts import (
    AccountError,
    OrganisationChoice,
    add_user,
    organisations_by_kind,
    set_active,
    set_password,
    set_role,
)

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _cost():
    return current_app.config.get("PASSWORD_HASH_COST", "default")


@bp.route("/users")
def users():
    rows = User.select(User, Organisation).join(Organisation, JOIN.LEFT_OUTER).order_by(User.email)
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    form = UserForm()
    grouped = organisations_by_kind()
    form.organisation.choices = organisation_choices(grouped)
    form.serves.choices = {b.name: b.name for b in grouped["buyer"]}
    if form.validate_on_submit():
        chosen = form.organisation.data or ""
        try:
            add_user(
                form.email.data,
                form.role.data,
                form.password.data,
                actor=current_actor(),
                organisation=OrganisationChoice(
                    chosen=int(chosen) if chosen.isdigit() else None,
                    new=form.new_organisation.data,
                    serves=form.serves.data or [],
                ),
                cost=_cost(),
            )
        except AccountError as exc:
            form[exc.field].errors.append(_(str(exc), **exc.params))
        else:
            flash(_("Gebruiker aangemaakt."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_new.html", form=form)


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
def user_password(user_id):
    user = User.get_or_none(User.id == user_id) or abort(404)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            set_password(user, form.password.data, actor=current_actor(), cost=_cost())
        except AccountError as exc:
            form.password.errors.append(_(str(exc)))
        else:
            flash(_("Wachtwoord opnieuw ingesteld; de gebruiker moet opnieuw inloggen."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_password.html", form=form, user=user)


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def user_active(user_id):
    """Deactivate or reactivate; an admin cannot lock themselves out."""
    user = User.get_or_none(User.id == user_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash(_("U kunt uw eigen account niet deactiveren."), "error")
    else:
        active = request.form.get("active") == "1"
        set_active(user, active, actor=current_actor())
        flash(
            _("%(email)s kan weer inloggen.", email=user.email)
            if active
            else _("%(email)s is gedeactiveerd en overal uitgelogd.", email=user.email),
            "success",
        )
    return redirect(url_for("admin.users"))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
def user_role(user_id):
    user = User.get_or_none(User.id == user_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash(_("U kunt uw eigen rol niet wijzigen."), "error")
        return redirect(url_for("admin.users"))
    try:
        set_role(user, request.form.get("role", ""), actor=current_actor())
    except AccountError as exc:
        flash(_(str(exc)), "error")
    else:
        flash(_("De rol van %(email)s is gewijzigd.", email=user.email), "success")
    return redirect(url_for("admin.users"))
