"""Server-drawn bar charts (V4): coordinates worked out here, so the templates only place
them. Every chart has its figures in a table beside it; the chart is never the only copy."""

BAR_HEIGHT = 30
LABEL_WIDTH = 260
BAR_LENGTH = 300


def bars(rows, maximum=None, unit=""):
    """rows: (label, value) pairs. Bars are scaled to `maximum`, or to the largest value."""
    rows = list(rows)
    top = maximum or max((value for _label, value in rows), default=0) or 1
    chart = []
    for position, (label, value) in enumerate(rows):
        width = round(BAR_LENGTH * float(value) / float(top))
        chart.append(
            {
                "label": label,
                "value": value,
                "text": f"{value}{unit}",
                "y": position * BAR_HEIGHT + 5,
                "text_y": position * BAR_HEIGHT + 20,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {"bars": chart, "height": max(BAR_HEIGHT * len(chart), BAR_HEIGHT)}
