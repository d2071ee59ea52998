"""A buyer's year as an inline SVG drawn on the server: committed and realised per quarter.

Bars per quarter (cumulative, so the fourth quarter is the year's figures); committed
is hatched-light, realised solid, told apart by fill and legend, not colour alone; the
figure carries a <title> and <desc> and the page shows the same numbers as a table.
"""

import math

from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup, escape

from .council import BuyerYear

WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 466, 40, 224
COMMITTED, REALISED, GRID = "#b8c4d6", "#154273", "#d0d5dd"


def _step(top: float) -> float:
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def council_svg(buyer: BuyerYear, year: int, ident: str) -> Markup:
    """The chart of one buyer; ``ident`` makes its ids unique on the page."""
    top_value = max([float(v) for _q, c, r in buyer.quarters for v in (c, r)] + [0.0])
    step = _step(top_value * 1.05) if top_value > 0 else 1.0
    top = step * math.ceil(top_value * 1.05 / step) if top_value > 0 else step

    def y(value) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * float(value) / top, 1)

    title = _(
        "%(buyer)s %(year)s: gerealiseerd tegen verplicht per kwartaal (euro, cumulatief)",
        buyer=buyer.buyer,
        year=year,
    )
    desc = " ".join(
        _(
            "%(quarter)s: verplicht %(committed)s, gerealiseerd %(realised)s.",
            quarter=quarter,
            committed=format_decimal(committed),
            realised=format_decimal(realised),
        )
        for quarter, committed, realised in buyer.quarters
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="council-chart" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-size="14" font-family="sans-serif">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]
    tick = 0.0
    while tick <= top + step / 1000:
        out.append(
            f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y(tick)}" y2="{y(tick)}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 5}" text-anchor="end">'
            f"{escape(format_decimal(round(tick)))}</text>"
        )
        tick += step
    slot = (RIGHT - LEFT) / max(len(buyer.quarters), 1)
    for n, (quarter, committed, realised) in enumerate(buyer.quarters):
        left = LEFT + n * slot + slot * 0.15
        bar = slot * 0.33
        for offset, value, colour, kind in (
            (0, committed, COMMITTED, "committed"),
            (bar + 2, realised, REALISED, "realised"),
        ):
            out.append(
                f'<rect class="{kind}" x="{round(left + offset, 1)}" y="{y(value)}" '
                f'width="{round(bar, 1)}" height="{round(BOTTOM - y(value), 1)}" '
                f'fill="{colour}" stroke="{REALISED}"><title>{escape(quarter)}: '
                f"{escape(format_decimal(value))}</title></rect>"
            )
        out.append(
            f'<text x="{round(LEFT + n * slot + slot / 2, 1)}" y="{BOTTOM + 20}" '
            f'text-anchor="middle">{escape(quarter)}</text>'
        )
    out.append(f'<line x1="{LEFT}" x2="{RIGHT}" y1="{BOTTOM}" y2="{BOTTOM}" stroke="#555"/>')
    for n, (colour, text) in enumerate(
        ((COMMITTED, _("verplicht")), (REALISED, _("gerealiseerd")))
    ):
        left = LEFT + n * 150
        out.append(
            f'<rect x="{left}" y="8" width="18" height="14" fill="{colour}" stroke="{REALISED}"/>'
            f'<text x="{left + 24}" y="20">{escape(text)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))
