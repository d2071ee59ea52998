"""The new-contract form in parts: each under its heading, listed on top with its errors."""

import re


def parts(page):
    nav = re.search(r'<nav class="on-this-page".*?</nav>', page, re.S).group()
    return re.findall(r'<a href="#(part-[a-z]+)">([^<]+)</a>', nav)


def test_the_new_contract_form_lists_its_parts_on_top(client, auth):
    auth.login("officer")
    page = client.get("/contracts/+new").get_data(as_text=True)
    assert parts(page) == [
        ("part-contract", "Contract"),
        ("part-period", "Looptijd en rapportage"),
        ("part-valuation", "Waardering in euro"),
        ("part-clause", "Eerste verplichting: het doel"),
        ("part-counts", "Eerste verplichting: wat telt mee"),
        ("part-dates", "Eerste verplichting: termijnen"),
        ("part-enforcement", "Handhaving"),
    ]
    for anchor, title in parts(page):
        assert f'<h2 id="{anchor}-head">{title}</h2>' in page
        assert re.search(
            rf'<fieldset class="group" id="{anchor}" aria-labelledby="{anchor}-head">', page
        )


def test_each_field_sits_in_its_part(client, auth):
    auth.login("officer")
    page = client.get("/contracts/+new").get_data(as_text=True)
    counts = page[page.index('id="part-counts"') : page.index('id="part-dates"')]
    assert 'id="clause_min_hours_per_week"' in counts and 'id="clause_target"' not in counts


def test_the_list_of_parts_says_which_parts_have_errors(client, auth):
    auth.login("officer")
    page = client.post(
        "/contracts/+new", data={"title": "Schoonmaak", "clause_title": "Plaatsingen"}
    ).get_data(as_text=True)
    nav = re.search(r'<nav class="on-this-page".*?</nav>', page, re.S).group()
    # reference, supplier, value (the buyer is the officer's own); start, end; code, measure, target
    assert re.search(
        r'href="#part-contract">Contract</a> <span class="field-error">\(3 fouten\)', nav
    )
    assert re.search(r'href="#part-period">[^<]+</a> <span class="field-error">\(2 fouten\)', nav)
    assert re.search(r'href="#part-counts">[^<]+</a> <span class="field-error">\(1 fout\)', nav)
    assert 'href="#part-enforcement">Handhaving</a></li>' in nav


def test_a_clause_form_of_its_own_has_the_clause_parts_only(client, auth, spec_contract):
    auth.login("officer")
    page = client.get("/contracts/2026-HH-014/clauses/+new").get_data(as_text=True)
    assert [anchor for anchor, _ in parts(page)] == ["part-clause", "part-counts", "part-dates"]
    edit = client.get("/contracts/2026-HH-014/edit").get_data(as_text=True)
    assert [anchor for anchor, _ in parts(edit)] == [
        "part-contract",
        "part-period",
        "part-valuation",
        "part-enforcement",
    ]


def test_every_field_of_the_forms_is_in_a_part(client, auth, spec_contract):
    """A field added to a form but to no part would silently vanish from the page."""
    from srtracker.contracts.forms import ClauseForm, NewContractForm

    auth.login("officer")
    page = client.get("/contracts/+new").get_data(as_text=True)
    with client.application.test_request_context():
        names = [f.name for f in NewContractForm() if f.name not in ("csrf_token", "buyer")]
        clause = [f.name for f in ClauseForm() if f.name != "csrf_token"]
    assert [n for n in names if f'id="{n}"' not in page] == []
    page = client.get("/contracts/2026-HH-014/clauses/+new").get_data(as_text=True)
    assert [n for n in clause if f'id="{n}"' not in page] == []
