"""robots.txt read as RFC 9309 says, including the wildcards and fractional delays real sites use."""

from pipeline.robots import parse, product_token

GOVUK_LIKE = """
User-agent: *
Disallow: /*/print
Disallow: /search
Allow: /search/news-and-communications
Disallow: /*.pdf$
Crawl-delay: 0.5

User-agent: BadBot
User-agent: evidence-pipeline
Disallow: /private/
Request-rate: 1/4
"""


def test_wildcards_anchor_and_longest_match():
    rules = parse(GOVUK_LIKE)
    ok = lambda path: rules.allowed("somebot", f"https://www.gov.uk{path}")  # noqa: E731
    assert not ok("/government/news/some-release/print")
    assert ok("/government/news/some-release")
    assert not ok("/search?q=smuggling")
    assert ok("/search/news-and-communications?organisations[]=home-office")  # the longer allow wins
    assert not ok("/media/report.pdf") and ok("/media/report.pdf?download=1")
    assert rules.crawl_delay("somebot") == 0.5


def test_our_own_group_replaces_the_star_group():
    rules = parse(GOVUK_LIKE)
    token = product_token("evidence-pipeline/0.1 (+https://example.org) (ops@example.org)")
    assert token == "evidence-pipeline"
    assert rules.allowed(token, "https://www.gov.uk/government/news/x/print")  # the * rules do not apply
    assert not rules.allowed(token, "https://www.gov.uk/private/x")
    assert rules.crawl_delay(token) == 4.0


def test_empty_disallow_and_no_groups_allow_everything():
    assert parse("User-agent: *\nDisallow:\n").allowed("x", "https://a.example/anything")
    assert parse("").allowed("x", "https://a.example/anything")
    assert parse("# only comments\n").crawl_delay("x") is None


def test_equal_length_allow_wins_and_percent_encoding_matches():
    rules = parse("User-agent: *\nDisallow: /page\nAllow: /page\nDisallow: /caf%C3%A9\n")
    assert rules.allowed("x", "https://a.example/page")
    assert not rules.allowed("x", "https://a.example/café/menu")
