"""Contrast between two colours, as WCAG 2 measures it, for verdict badges readers must be able to read."""

# WCAG 2.x level AA for normal-size text; verdict badges are small text.
MINIMUM_CONTRAST = 4.5
BADGE_TEXT = "#ffffff"


def relative_luminance(colour):
    """Return the relative luminance (0 black .. 1 white) of a #rrggbb colour."""
    channels = (int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    """Return the contrast ratio (1 .. 21) between two #rrggbb colours."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
