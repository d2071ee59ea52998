"""The OpenAPI 3.1 document of /api/v1, made from the routes themselves.

Every route of the blueprint is in it (tests/test_api_openapi.py validates it and
compares its paths with the URL map): its summary is the view's docstring, its roles
are those of srtracker/access.py, its answers the problem codes and the schemas below.
"""

import re

from flask import current_app

from ..access import PUBLIC, RULES

ISSUE = {
    "type": "object",
    "required": ["sheet", "row", "column", "cell", "code", "message"],
    "properties": {
        "sheet": {"type": ["string", "null"]},
        "row": {"type": ["integer", "null"]},
        "column": {"type": ["string", "null"]},
        "cell": {"type": ["string", "null"]},
        "code": {"type": "string"},
        "message": {"type": "string"},
    },
}
SCHEMAS = {
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details, with a stable `code`.",
        "required": ["type", "title", "status", "detail", "code"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "code": {"type": "string"},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}},
        },
    },
    "Issue": ISSUE,
    "ImportResult": {
        "type": "object",
        "description": "The machine-readable result of progress-report.md.",
        "required": ["status", "report_id", "contract", "period", "rows", "errors", "warnings"],
        "properties": {
            "status": {"enum": ["accepted", "rejected", "duplicate"]},
            "report_id": {"type": ["integer", "null"]},
            "contract": {"type": "string"},
            "period": {"type": "string"},
            "rows": {"type": "integer"},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}},
            "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}},
        },
    },
    "ClauseFigures": {
        "type": "object",
        "description": "One clause as `srtracker check --json` gives it (cli.md).",
        "required": ["contract", "clause", "measure", "target", "realised", "expected", "status"],
        "properties": {
            "contract": {"type": "string"},
            "clause": {"type": "string"},
            "measure": {"type": "string"},
            "target": {"type": ["number", "null"]},
            "realised": {"type": ["number", "null"]},
            "expected": {"type": ["number", "null"]},
            "status": {"type": "string"},
            "report_period": {"type": ["string", "null"]},
            "excluded": {"type": "object", "additionalProperties": {"type": "integer"}},
            "pending": {"type": ["number", "null"]},
            "enforcement": {"type": ["object", "null"]},
            "unrealised_value": {"type": ["number", "null"]},
        },
    },
}
IMPORT_RESULT = {"$ref": "#/components/schemas/ImportResult"}
# endpoint -> the schema of its 200 answer (others: an object)
RESPONSES = {
    "api.figures": {
        "type": "object",
        "properties": {
            "as_of": {"type": "string", "format": "date"},
            "clauses": {"type": "array", "items": {"$ref": "#/components/schemas/ClauseFigures"}},
        },
    },
    "api.clause": {"$ref": "#/components/schemas/ClauseFigures"},
    "api.report": IMPORT_RESULT,
    "api.upload": IMPORT_RESULT,
}
UPLOAD_BODY = {
    "required": True,
    "content": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": {"type": "string", "format": "binary"}
        },
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
    },
}
REVIEW_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["candidate", "decision"],
                "properties": {
                    "candidate": {"type": "string", "maxLength": 40},
                    "decision": {"enum": ["approve", "reject", "withdraw"]},
                    "reason": {"type": "string", "maxLength": 500},
                },
            }
        }
    },
}
BODIES = {"api.upload": UPLOAD_BODY, "api.review": REVIEW_BODY}
QUERY = {
    "api.contracts": ["page", "per_page", "archived"],
    "api.flags": ["page", "per_page", "state", "kind"],
}
QUERY_SCHEMAS = {
    "page": {"type": "integer", "minimum": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 500},
    "archived": {"enum": ["1"]},
    "state": {"type": "string", "description": "open (default), all, or one state"},
    "kind": {"type": "string"},
}
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def _operation(rule, method: str) -> dict:
    endpoint = rule.endpoint
    view = current_app.view_functions[endpoint]
    doc = (view.__doc__ or endpoint).strip()
    roles = RULES.get(endpoint)
    public = roles == PUBLIC
    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer"} if kind == "int" else {"type": "string"},
        }
        for kind, name in ARGUMENT.findall(rule.rule)
    ] + [
        {"name": name, "in": "query", "required": False, "schema": QUERY_SCHEMAS[name]}
        for name in QUERY.get(endpoint, ())
    ]
    ok = RESPONSES.get(endpoint, {"type": "object"})
    responses = {
        "200": {
            "description": "OK",
            "content": {
                "text/html" if endpoint == "api.docs" else "application/json": {"schema": ok}
            },
        }
    }
    if not public:
        responses.update(
            {
                "401": _problem("no valid token (missing, unknown or revoked)"),
                "403": _problem("the token's role may not use this route"),
                "404": _problem("not found within the token user's contracts"),
                "429": _problem("over the rate limit; see Retry-After"),
            }
        )
    if method == "POST":
        responses["400"] = _problem("the body could not be read")
        responses["422"] = (
            {
                "description": "rejected: the result lists every error",
                "content": {"application/json": {"schema": IMPORT_RESULT}},
            }
            if endpoint == "api.upload"
            else _problem("refused: see `code`")
        )
    if endpoint == "api.upload":
        responses["413"] = _problem("over the upload size limit; nothing stored")
    operation = {
        "operationId": endpoint.removeprefix("api."),
        "summary": doc.splitlines()[0],
        "description": " ".join(doc.split())
        + ("" if public else f" Roles: {', '.join(roles or ())}."),
        "parameters": parameters,
        "responses": responses,
        "security": [] if public else [{"bearerAuth": []}],
    }
    if endpoint in BODIES:
        operation["requestBody"] = BODIES[endpoint]
    return operation


def document() -> dict:
    paths: dict[str, dict] = {}
    rules = sorted(
        (r for r in current_app.url_map.iter_rules() if r.endpoint.startswith("api.")),
        key=lambda r: r.rule,
    )
    for rule in rules:
        path = ARGUMENT.sub(r"{\2}", rule.rule.removeprefix("/api/v1"))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, method)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "srtracker API",
            "version": "1",
            "description": "Contracts, figures, flags, reports and reviews of srtracker; "
            "see docs/api.md. Authenticate with a personal token: "
            "`Authorization: Bearer <token>`.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
