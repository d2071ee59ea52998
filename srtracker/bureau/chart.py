"""A clause's progress as an inline SVG, drawn on the server: no JavaScript, no CDN.

Time runs left to right from the clause's start to its deadline; the dashed
line is the expected curve (start, milestones, deadline), the dotted one the
target, the solid line with dots what was realised at each period's end.
Lines differ in dash and marker, not only in colour, and the figure carries a
<title> and <desc>; the page also shows the same numbers as a table.
"""

import math
from datetime import date, timedelta
from fractions import Fraction

from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..domain.contracts import Clause
from ..domain.figures import show_date, show_number
from ..domain.progress import ProgressPoint

WIDTH, HEIGHT = 480, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 466, 44, 244
REALISED, EXPECTED, TARGET, GRID = "#154273", "#7a4b00", "#1d6b35", "#d0d5dd"


def figure(value) -> str:
    return show_number(value)


def unit(measure: str) -> str:
    return {"persons": _("personen"), "hours": _("uur"), "euros": _("euro")}[measure]


def _step(top: float) -> float:
    """A round tick step giving about four gridlines up to ``top``."""
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def description(clause: Clause, points: list[ProgressPoint]) -> str:
    """The chart in words, for screen readers (the same figures as the table)."""
    parts = [
        _(
            "Doel: %(target)s %(unit)s uiterlijk %(deadline)s.",
            target=figure(clause.target),
            unit=unit(clause.measure),
            deadline=show_date(clause.deadline),
        )
    ]
    if not points:
        parts.append(_("Nog geen geaccepteerde rapportage."))
    for point in points:
        if point.realised is None:
            parts.append(_("%(period)s: niet beoordeeld.", period=point.period))
        else:
            parts.append(
                _(
                    "%(period)s (peildatum %(date)s): gerealiseerd %(realised)s, verwacht "
                    "%(expected)s.",
                    period=point.period,
                    date=show_date(point.reporting_date),
                    realised=figure(point.realised),
                    expected=figure(point.expected),
                )
            )
    return " ".join(parts)


def progress_svg(
    clause: Clause, points: list[ProgressPoint], plan: list[tuple[date, Fraction]]
) -> Markup:
    """The chart of one clause; ``plan`` is domain.progress.plan_line(clause)."""
    first = min([clause.start, *(p.reporting_date for p in points)])
    last = max([clause.deadline, *(p.reporting_date for p in points)])
    span = max((last - first).days, 1)
    values = [
        clause.target,
        *(v for p in points for v in (p.realised, p.expected) if v is not None),
    ]
    step = _step(float(max(values)) * 1.05 or 1)
    top = step * math.ceil(float(max(values)) * 1.05 / step) or step

    def x(day: date) -> float:
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 1)

    def y(value) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * float(value) / top, 1)

    ident = f"progress-{clause.code}"  # codes are unique in a contract and id-safe
    title = _(
        "Voortgang %(code)s: gerealiseerd tegen verwacht en doel (%(unit)s)",
        code=clause.code,
        unit=unit(clause.measure),
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-size="15" font-family="sans-serif">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description(clause, points))}</desc>',
    ]
    tick = 0.0
    while tick <= top + step / 1000:
        out.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y(tick)}" y2="{y(tick)}" '
            f'stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 5}" text-anchor="end">'
            f"{escape(show_number(tick))}</text>"
        )
        tick += step
    year = date(first.year + (first != date(first.year, 1, 1)), 1, 1)
    ticks = [first] if year - first > timedelta(days=60) else []
    while year <= last:
        ticks.append(year)
        year = date(year.year + 1, 1, 1)
    for day in ticks:
        label = str(day.year) if (day.month, day.day) == (1, 1) else format_date(day, "MM-yyyy")
        out.append(
            f'<line x1="{x(day)}" x2="{x(day)}" y1="{TOP}" y2="{BOTTOM}" stroke="{GRID}"/>'
            f'<text x="{x(day)}" y="{BOTTOM + 20}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    out.append(f'<line x1="{LEFT}" x2="{RIGHT}" y1="{BOTTOM}" y2="{BOTTOM}" stroke="#555"/>')
    out.append(
        f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y(clause.target)}" y2="{y(clause.target)}" '
        f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="2 4" class="target"/>'
    )
    out.append(
        f'<polyline fill="none" stroke="{EXPECTED}" stroke-width="2" '
        f'stroke-dasharray="8 5" class="expected" points="'
        + " ".join(f"{x(day)},{y(value)}" for day, value in plan)
        + '"/>'
    )
    for point in points:
        if point.expected is not None:
            out.append(
                f'<rect x="{x(point.reporting_date) - 4}" y="{y(point.expected) - 4}" '
                f'width="8" height="8" fill="#fff" stroke="{EXPECTED}" stroke-width="2"/>'
            )
    realised = [p for p in points if p.realised is not None]
    if realised:
        out.append(
            f'<polyline fill="none" stroke="{REALISED}" stroke-width="3" class="realised" '
            'points="'
            + " ".join(f"{x(p.reporting_date)},{y(p.realised)}" for p in realised)
            + '"/>'
        )
    for point in realised:
        out.append(
            f'<circle cx="{x(point.reporting_date)}" cy="{y(point.realised)}" r="5" '
            f'fill="{REALISED}"><title>{escape(point.period)}: '
            f"{escape(_('gerealiseerd'))} {escape(figure(point.realised))}</title></circle>"
        )
    legend = (
        (REALISED, "", _("gerealiseerd")),
        (EXPECTED, "8 5", _("verwacht")),
        (TARGET, "2 4", _("doel")),
    )
    for n, (colour, dash, text) in enumerate(legend):
        left = LEFT + n * 140
        out.append(
            f'<line x1="{left}" x2="{left + 32}" y1="16" y2="16" stroke="{colour}" '
            f'stroke-width="3" stroke-dasharray="{dash or "none"}"/>'
            f'<text x="{left + 38}" y="20">{escape(text)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))
