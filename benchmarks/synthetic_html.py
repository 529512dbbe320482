"""Synthetic HTML in the two shapes the archive is made of.

* Committee written evidence as Word exports it and the committee site wraps it (~50 KB): a big
  `mso` style block, navigation, a cookie banner, `MsoNormal` paragraphs with inline-styled spans,
  numbered paragraphs, `[n]` footnote links and a footnote list, sometimes a `MsoTableGrid` table,
  a footer of social links, inline script and JSON-LD.
* A GOV.UK-style press release (~10 KB): header, breadcrumbs, title, metadata, a `govspeak` body,
  a share bar, related links and a footer.
"""

from __future__ import annotations

import json
import random
from html import escape

from benchmarks import prose

_MSO_STYLE = "\n".join(
    f"p.Mso{name}, li.Mso{name}, div.Mso{name} {{mso-style-priority:{i};margin-top:0cm;margin-right:0cm;"
    f"margin-bottom:8.0pt;margin-left:0cm;line-height:107%;font-size:11.0pt;font-family:\"Calibri\",sans-serif;"
    f"mso-fareast-font-family:Calibri;mso-bidi-font-family:\"Times New Roman\";mso-ansi-language:EN-GB;}}"
    for i, name in enumerate(
        ("Normal", "ListParagraph", "FootnoteText", "Header", "Footer", "Title", "Subtitle", "BodyText",
         "BodyText2", "CommentText", "CommentSubject", "BalloonText", "NoSpacing", "Revision", "TOCHeading",
         "ListBullet", "ListNumber", "Caption", "Quote", "IntenseQuote") * 3)
)
_SPAN = ('<span style="font-size:12.0pt;line-height:107%;font-family:&quot;Arial&quot;,sans-serif;'
         'mso-fareast-font-family:&quot;Times New Roman&quot;">')


def _site_header(rng: random.Random) -> str:
    links = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in
                    ("Committees", "Publications", "Inquiries", "Events", "Members", "Committees A to Z"))
    return (
        '<a class="skip-link" href="#main-content">Skip to main content</a>'
        '<div id="cookie-banner" class="cookie-banner" role="dialog"><p>We use cookies to make this website '
        'work and to understand how you use it.</p><button>Accept all cookies</button></div>'
        f'<header class="site-header"><a class="logo" href="https://www.parliament.uk/">UK Parliament</a>'
        f'<nav class="main-nav" aria-label="Main navigation"><ul>{links}</ul></nav></header>'
        f'<nav class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/committees">Committees</a>'
        f'</li><li><a href="/c/{rng.randint(100, 999)}">Home Affairs Committee</a></li></ol></nav>'
    )


def _footer() -> str:
    social = "".join(f'<li><a href="https://www.{s.lower()}.com/ukparliament">{s}</a></li>'
                     for s in ("Facebook", "Twitter", "Instagram", "YouTube", "LinkedIn"))
    return (
        f'<footer class="site-footer"><ul class="social-links">{social}</ul>'
        '<ul class="footer-links"><li><a href="/cookies">Cookie policy</a></li><li><a href="/a11y">Accessibility'
        '</a></li><li><a href="/privacy">Privacy notice</a></li></ul><p>&copy; UK Parliament 2024</p></footer>'
    )


def _script(payload: dict) -> str:
    return (
        '<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}'
        "gtag('js',new Date());gtag('config','G-XXXX');</script>"
        f'<script type="application/ld+json">{json.dumps(payload)}</script>'
    )


def evidence_html(rng: random.Random, title: str, target_bytes: int = 50_000) -> bytes:
    body: list[str] = [f'<p class="MsoNormal"><b>{_SPAN}{escape(title)}</span></b></p>']
    footnotes: list[str] = []
    number = 0
    size = 0
    table_done = rng.random() > 0.25
    while size < target_bytes - 26_000:
        number += 1
        text = escape(prose.paragraph(rng))
        if rng.random() < 0.3:
            footnotes.append(f"Source: {escape(prose.sentence(rng))}")
            n = len(footnotes)
            cut = text.find(". ") + 1 or len(text)
            text = (f'{text[:cut]}<a href="#_ftn{n}" name="_ftnref{n}"><span class="MsoFootnoteReference">'
                    f'<span style="mso-special-character:footnote">[{n}]</span></span></a>{text[cut:]}')
        if rng.random() < 0.15:
            body.append(f'<p class="MsoNormal"><b>{_SPAN}{escape(rng.choice(prose.OBJECTS).capitalize())}'
                        '</span></b></p>')
        body.append(f'<p class="MsoListParagraph" style="margin-left:18.0pt;text-indent:-18.0pt;'
                    f'mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">{number}.<span style="font:7.0pt '
                    f'&quot;Times New Roman&quot;">&nbsp;&nbsp;&nbsp; </span></span>{_SPAN}{text}</span></p>')
        if not table_done and number > 6:
            table_done = True
            rows = "".join(
                "<tr>" + "".join(f'<td style="border:solid windowtext 1.0pt;padding:0cm 5.4pt"><p class="MsoNormal">'
                                 f"{escape(c)}</p></td>" for c in row) + "</tr>"
                for row in prose.table_rows(rng, rng.randint(3, 8)))
            head = "".join(f"<th>{h}</th>" for h in ("Platform", "Referred", "Removed", "Still online"))
            body.append(f'<table class="MsoTableGrid" border="1" cellspacing="0"><thead><tr>{head}</tr></thead>'
                        f"<tbody>{rows}</tbody></table>")
        size += len(body[-1])
    notes = "".join(
        f'<div id="ftn{i}"><p class="MsoFootnoteText"><a href="#_ftnref{i}" name="_ftn{i}">[{i}]</a> {note}</p></div>'
        for i, note in enumerate(footnotes, 1))
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} - Committees - UK '
        f'Parliament</title><meta name="viewport" content="width=device-width"><style>{_MSO_STYLE}</style>'
        f'</head><body>{_site_header(rng)}<main id="main-content"><div class="WordSection1">{"".join(body)}</div>'
        f'<div style="mso-element:footnote-list"><hr align="left" size="1" width="33%">{notes}</div></main>'
        f'{_footer()}{_script({"@type": "Report", "name": title})}</body></html>'
    )
    return page.encode("utf-8")


def press_release_html(rng: random.Random, title: str, published: str, target_bytes: int = 10_000) -> bytes:
    paras = []
    size = 0
    while size < target_bytes - 3_300:
        paras.append(f"<p>{escape(prose.paragraph(rng, figure_rate=0.25, platform_rate=0.3))}</p>")
        if rng.random() < 0.2:
            paras.append(f"<h2>{escape(rng.choice(prose.OBJECTS).capitalize())}</h2>")
        size += len(paras[-1])
    related = "".join(f'<li><a href="/government/news/{i}">{escape(rng.choice(prose.OBJECTS).capitalize())}</a></li>'
                      for i in range(rng.randint(3, 6)))
    share = "".join(f'<a href="https://www.{s}.com/sharer?u=x" class="share-link">Share on {s}</a>'
                    for s in ("facebook", "twitter", "linkedin"))
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} - GOV.UK</title>'
        f'<meta property="article:published_time" content="{published}T09:30:00+00:00">'
        '<link rel="stylesheet" href="/assets/application.css"></head><body>'
        '<a href="#content" class="govuk-skip-link">Skip to main content</a>'
        '<div class="gem-c-cookie-banner" role="region" aria-label="Cookies on GOV.UK"><p>We use some essential '
        'cookies to make this website work.</p><button>Accept additional cookies</button></div>'
        '<header class="govuk-header" role="banner"><a href="/" class="govuk-header__link">GOV.UK</a>'
        '<nav aria-label="Menu"><ul><li><a href="/browse">Topics</a></li><li><a href="/government">Government '
        'activity</a></li></ul></nav></header>'
        '<div class="govuk-breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/crime">Crime, justice and '
        'law</a></li></ol></div>'
        f'<main id="content" role="main"><h1 class="gem-c-title__text">{escape(title)}</h1>'
        f'<p class="gem-c-lead-paragraph">{escape(prose.sentence(rng))}</p>'
        f'<div class="gem-c-metadata"><dl><dt>From:</dt><dd><a href="/home-office">Home Office</a></dd>'
        f'<dt>Published</dt><dd>{published}</dd></dl></div>'
        f'<div class="govspeak">{"".join(paras)}</div>'
        f'<div class="gem-c-share-links" aria-label="Share this page">{share}</div></main>'
        f'<aside class="related" role="complementary"><h2>Related content</h2><ul>{related}</ul></aside>'
        f'<footer class="govuk-footer" role="contentinfo"><p>All content is available under the Open Government '
        f'Licence v3.0</p></footer>{_script({"@type": "NewsArticle", "headline": title})}</body></html>'
    )
    return page.encode("utf-8")
