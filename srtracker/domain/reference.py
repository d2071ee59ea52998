"""Reference data: contribution types and target groups (contract-file.md).

Shipped defaults, extendable in config.toml. Uploads may name an item by its
code or either label, matched trimmed and case-insensitively.
"""

import re
from dataclasses import dataclass, field

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class ContributionType:
    """A contribution type of the reference data (contract-file.md); `person`: it counts people."""

    code: str
    label_nl: str
    label_en: str
    person: bool = True


@dataclass(frozen=True)
class TargetGroup:
    """A target group of the reference data (contract-file.md), with the labels it had before."""

    code: str
    label_nl: str
    label_en: str
    aliases: tuple[str, ...] = ()  # former labels that uploads may still use


DEFAULT_TYPES = (
    ContributionType(
        "placement",
        "Plaatsing (dienstverband of detachering)",
        "Placement (employment or secondment)",
    ),
    ContributionType(
        "apprenticeship", "Leerwerkplek / BBL", "Apprenticeship / work-based learning"
    ),
    ContributionType("internship", "Stageplaats", "Internship"),
    ContributionType("work_experience", "Werkervaringsplaats", "Work-experience place"),
    ContributionType("training", "Opleidingstraject", "Training trajectory"),
    ContributionType(
        "social_purchase",
        "Inkoop bij sociale onderneming",
        "Purchase from a social enterprise",
        person=False,
    ),
    # Reference data of 2026 (issue 18, docs/valuation.md): activities and subcontracting
    # that some tables value per hour, per day, per activity or at the real labour cost.
    ContributionType(
        "social_activity",
        "Maatschappelijke activiteit",
        "Social activity (community work by staff)",
        person=False,
    ),
    ContributionType(
        "school_visit",
        "Schoolbezoek of gastles",
        "School visit or guest lesson",
        person=False,
    ),
    ContributionType(
        "sw_subcontracting",
        "Onderaanneming bij een SW-bedrijf",
        "Subcontracting to a sheltered-work (SW) company",
        person=False,
    ),
)

DEFAULT_GROUPS = (
    TargetGroup(
        "participatiewet",
        "Participatiewet / bijstand",
        "Participation Act / social assistance (formerly Wwb, WIJ)",
    ),
    TargetGroup("wajong", "Wajong", "Wajong (young disabled)"),
    # The Wsw closed to new entrants in 2015; beschut werk (Participatiewet) replaced it.
    TargetGroup(
        "wsw",
        "Wsw (sociale werkvoorziening)",
        "Sheltered employment (Wsw)",
        ("Wsw / beschut werk",),  # the label before 2026: workbooks made then still read
    ),
    TargetGroup("beschut_werk", "Beschut werk", "Sheltered work (Participation Act)"),
    TargetGroup(
        "doelgroepregister",
        "Doelgroepregister banenafspraak",
        "Jobs agreement target-group register",
    ),
    TargetGroup("ww", "WW", "Unemployment benefit (WW)"),
    TargetGroup("wia", "WIA / WAO", "Disability benefit (WIA/WAO)"),
    TargetGroup("nug", "Niet-uitkeringsgerechtigd", "No benefit (NUG)"),
    TargetGroup(
        "participatiewet_arbeidsbeperking",
        "Participatiewet met arbeidsbeperking (vastgesteld door UWV)",
        "Participation Act with an occupational disability (assessed by UWV)",
    ),
    TargetGroup(
        "nug_arbeidsbeperking",
        "Niet-uitkeringsgerechtigd met arbeidsbeperking",
        "No benefit, with an occupational disability",
    ),
    TargetGroup(
        "pro_vso",
        "Schoolverlater praktijkonderwijs / voortgezet speciaal onderwijs (PrO/VSO)",
        "School-leaver of practical or special secondary education (PrO/VSO)",
    ),
    TargetGroup(
        "vsv",
        "Voortijdig schoolverlater zonder startkwalificatie",
        "Early school-leaver without a basic qualification",
    ),
    TargetGroup("ioaw_ioaz", "IOAW / IOAZ", "Income provision for older unemployed (IOAW/IOAZ)"),
    TargetGroup(
        "wga_waz", "WGA / WAZ", "Partial disability (WGA) / self-employed disability (WAZ)"
    ),
    TargetGroup("other", "Overig", "Other"),
)


def _fold(text: str) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).casefold()


def _index(items) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for item in items:
        for name in (item.code, item.label_nl, item.label_en, *getattr(item, "aliases", ())):
            lookup.setdefault(_fold(name), item.code)
    return lookup


@dataclass(frozen=True)
class Reference:
    """The contribution types and target groups by code, and their lookups by label."""

    types: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)

    _type_lookup: dict[str, str] = field(init=False, repr=False, compare=False)
    _group_lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_type_lookup", _index(self.types.values()))
        object.__setattr__(self, "_group_lookup", _index(self.groups.values()))

    def match_type(self, text) -> str | None:
        return self._type_lookup.get(_fold(text))

    def match_group(self, text) -> str | None:
        return self._group_lookup.get(_fold(text))

    def is_person_type(self, code: str) -> bool:
        return self.types[code].person


DEFAULT_REFERENCE = Reference(
    {t.code: t for t in DEFAULT_TYPES}, {g.code: g for g in DEFAULT_GROUPS}
)


class ReferenceConfigError(ValueError):
    pass


def build_reference(extra: dict | None) -> Reference:
    """Defaults plus the `[reference]` table of config.toml.

    ``extra`` looks like ``{"contribution_types": {"code": {"label_nl": ..,
    "label_en": .., "person": true}}, "target_groups": {"code": {...}}}``.
    A default may be relabelled but not removed: stored reports use its code.
    """
    extra = extra or {}
    unknown = set(extra) - {"contribution_types", "target_groups"}
    if unknown:
        raise ReferenceConfigError(
            f"[reference]: unknown key(s) {', '.join(sorted(unknown))}; "
            "use contribution_types or target_groups"
        )
    types: dict = {t.code: t for t in DEFAULT_TYPES}
    groups: dict = {g.code: g for g in DEFAULT_GROUPS}
    for section, target, make in (
        (
            "contribution_types",
            types,
            lambda c, v: ContributionType(
                c, v["label_nl"], v["label_en"], bool(v.get("person", True))
            ),
        ),
        ("target_groups", groups, lambda c, v: TargetGroup(c, v["label_nl"], v["label_en"])),
    ):
        for code, values in (extra.get(section) or {}).items():
            if not CODE.match(code):
                raise ReferenceConfigError(
                    f"[reference.{section}.{code}]: a code is 1-40 characters of a-z, 0-9 and _, "
                    "starting with a letter"
                )
            if not isinstance(values, dict) or not {"label_nl", "label_en"} <= set(values):
                raise ReferenceConfigError(
                    f"[reference.{section}.{code}]: give label_nl and label_en"
                )
            target[code] = make(code, values)
    return Reference(types, groups)
