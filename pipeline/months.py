"""Month names as documents write them: one table for every module that reads dates."""

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}

# An alternation of every name, longest first so "September" wins over "Sep"; lower case, so
# compile it with re.IGNORECASE or use MONTH_PATTERN_TITLE.
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
# The same names as they start a word in running text ("January", "Sept"): case-sensitive use.
MONTH_PATTERN_TITLE = "|".join(name.capitalize() for name in sorted(MONTHS, key=len, reverse=True))
