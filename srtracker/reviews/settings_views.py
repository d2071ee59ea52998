"""Sign-off settings: a buyer's counting policy and evidence files, a bureau's own numbers.

The admin sets them for every buyer and bureau, a bureau for the buyers it serves and
for itself (sign-off.md "Counting policy"); access.py looks the organisation up within
that scope (404 and logged outside it). A refused form answers 422 with each message
beside its field, and nothing stored.
"""

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import bureau_scope, buyer_scope
from ..auth.actors import current_actor
from ..services import decisions
from ..store import signoff
from .forms import BureauNumberingForm, BuyerSettingsForm

bp = Blueprint("signoff_settings", __name__)


def _buyer_form(buyer, formdata=None) -> BuyerSettingsForm:
    return BuyerSettingsForm(
        formdata=formdata,
        prefix=f"buyer-{buyer.id}",
        data={
            "policy": buyer.counting_policy,
            "evidence_files": buyer.evidence_files,
            "retention_days": buyer.evidence_retention_days,
        },
    )


def _bureau_form(bureau, formdata=None) -> BureauNumberingForm:
    return BureauNumberingForm(
        formdata=formdata,
        prefix=f"bureau-{bureau.id}",
        data={"uses_bureau_ref": bureau.uses_bureau_ref},
    )


def _page(refused=None, status=200):
    """The settings of every buyer and bureau in scope; ``refused`` a form sent back."""
    buyers = signoff.organisations(buyer_scope(current_user))
    bureaus = signoff.organisations(bureau_scope(current_user))
    forms = {("buyer", b.id): _buyer_form(b) for b in buyers}
    forms |= {("bureau", b.id): _bureau_form(b) for b in bureaus}
    if refused is not None:
        forms[refused[0]] = refused[1]
    return render_template(
        "reviews/settings.html",
        buyers=buyers,
        bureaus=bureaus,
        forms=forms,
        served=signoff.served_by(b.id for b in buyers),
    ), status


@bp.get("/bureau/settings")
def index():
    return _page()


@bp.post("/bureau/settings/buyers/<int:buyer_id>")
def buyer(buyer_id):
    found = g.organisation  # looked up by access, within the user's buyers
    form = BuyerSettingsForm(prefix=f"buyer-{found.id}")
    if not form.validate():
        return _page((("buyer", found.id), form), 422)
    decisions.set_buyer_settings(
        found.name,
        form.policy.data,
        bool(form.evidence_files.data),
        form.retention_days.data,
        current_actor(),
    )
    flash(_("Instellingen van %(name)s opgeslagen.", name=found.name), "success")
    return redirect(url_for("signoff_settings.index"), code=303)


@bp.post("/bureau/settings/bureaus/<int:bureau_id>")
def bureau(bureau_id):
    found = g.organisation  # looked up by access: one's own bureau (the admin: any)
    form = BureauNumberingForm(prefix=f"bureau-{found.id}")
    if not form.validate():
        return _page((("bureau", found.id), form), 422)
    decisions.set_bureau_numbering(found.name, bool(form.uses_bureau_ref.data), current_actor())
    flash(_("Instellingen van %(name)s opgeslagen.", name=found.name), "success")
    return redirect(url_for("signoff_settings.index"), code=303)
