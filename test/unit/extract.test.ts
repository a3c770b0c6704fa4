import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseArticle, defaultExtractor, htmlToArticle, scoreLine } from '../../lib/extract/index.js';
import { insideQuotes } from '../../lib/extract/quotes.js';
import { splitSentences } from '../../lib/extract/segment.js';
import { normaliseArticleText } from '../../lib/text.js';
import { ExtractedClaim, Segment } from '../../schemas/claim.js';

const ex = defaultExtractor();
const demo = normaliseArticleText(readFileSync(new URL('../../data/articles/nato-russia-talks-2022-01-12.txt', import.meta.url), 'utf8'));
const analysis = analyseArticle(demo, ex);
const sentences = (s: string) => splitSentences(s).map((x) => s.slice(x.start, x.end));

describe('sentence splitting', () => {
  it('keeps abbreviations, initials, decimals and dates inside sentences', () => {
    expect(sentences('The U.S. rejected it on Jan. 12, 2022. Gen. Smith and Dr. Jones agreed.')).toEqual([
      'The U.S. rejected it on Jan. 12, 2022.', 'Gen. Smith and Dr. Jones agreed.',
    ]);
    expect(sentences('Harry S. Truman won 49.6 percent of 1,234,567 votes. No. 10 said so.')).toEqual([
      'Harry S. Truman won 49.6 percent of 1,234,567 votes.', 'No. 10 said so.',
    ]);
    expect(sentences('He met U.S. officials. The talks failed.')).toEqual(['He met U.S. officials.', 'The talks failed.']);
  });
  it('splits quotes that run over several sentences, and keeps "?" he asked together', () => {
    expect(sentences('"Ukraine is a sovereign nation. Ukraine has the right to self-defense," he said. "It is not a threat."')).toEqual([
      '"Ukraine is a sovereign nation.', 'Ukraine has the right to self-defense," he said.', '"It is not a threat."',
    ]);
    expect(sentences('"Why now?" he asked. Nobody knew...')).toEqual(['"Why now?" he asked.', 'Nobody knew...']);
  });
  it('treats lines without a final stop as their own sentence', () => {
    expect(sentences('NATO rejects Russian demands\n\nRussia met NATO.')).toEqual(['NATO rejects Russian demands', 'Russia met NATO.']);
  });
});

describe('analyseArticle on the demo article', () => {
  it('returns valid claims whose text is the stored text at the offsets, in order', () => {
    expect(analysis.claims.length).toBeGreaterThan(15);
    analysis.claims.forEach((c, i) => {
      expect(ExtractedClaim.parse(c)).toBeTruthy();
      expect(c.seq).toBe(i + 1);
      expect(demo.slice(c.start, c.end)).toBe(c.text);
    });
    for (const s of analysis.segments) expect(Segment.parse(s)).toBeTruthy();
  });
  it('keeps the dateline, photo credits and captions out of the claims', () => {
    const kindOf = (needle: string) => analysis.segments.find((s) => demo.slice(s.start, s.end).includes(needle))?.kind;
    expect(kindOf('January 12, 2022, 4:53 PM')).toBe('dateline');
    expect(kindOf('John Thys/AFP via Getty Images')).toBe('credit');
    expect(kindOf('Anatolii Stepanov/AFP via Getty Images')).toBe('credit');
    expect(kindOf('A Ukrainian Military Forces serviceman walks')).toBe('caption');
    expect(kindOf('NATO rejects Russian demands')).toBe('headline');
    for (const c of analysis.claims) {
      expect(c.text).not.toMatch(/Getty Images|4:53 PM|addresses a press conference|serviceman walks/);
    }
  });
  it('leaves rhetorical quotes out', () => {
    for (const c of analysis.claims) {
      expect(c.text).not.toMatch(/We are ready to sit down|I'm glad they did it/);
    }
  });
  it('writes the two stand-alone examples', () => {
    const it1 = analysis.claims.find((c) => c.text.includes('it staged live fire exercises'));
    expect(it1?.standalone).toContain('Russia staged live fire exercises');
    const he = analysis.claims.find((c) => c.text.startsWith('He told reporters afterward'));
    expect(he?.standalone).toMatch(/^Stoltenberg told reporters afterward/);
  });
  it('writes "the alliance" as the organisation the article means, in brackets inside a quotation', () => {
    const find = (needle: string) => analysis.claims.find((c) => c.text.includes(needle));
    expect(find('joining the alliance')?.standalone).toContain('over Ukraine joining NATO, saying');
    expect(find("The alliance's secretary general")?.standalone).toMatch(/^NATO's secretary general, Jens Stoltenberg, said/);
    expect(find('convey to the members of the alliance')?.standalone).toContain('"managed to convey to the members of [NATO] that');
    // A sentence that names NATO itself already stands alone.
    expect(find("at the alliance's headquarters")?.standalone).toBeUndefined();
  });
  it('finds speakers', () => {
    const find = (needle: string) => analysis.claims.find((c) => c.text.includes(needle));
    expect(find('Grushko said Russia was now waiting')?.speaker).toBe('Grushko');
    expect(find('the door to a diplomatic solution remains open')?.speaker).toBe('U.S. and NATO officials');
    expect(find('said it had proposed talks')?.speaker).toBe('Stoltenberg');
  });
});

describe('scoreLine', () => {
  it('scores a line and flags claims', () => {
    const r = scoreLine('Unemployment fell to 3.5 percent last year, the lowest rate in 50 years.', ex);
    expect(r.claim).toBe(true);
    expect(r.checkworthiness).toBeGreaterThanOrEqual(0.5);
    expect(scoreLine('', ex).checkworthiness).toBe(0);
    expect(scoreLine('Thank you very much.', ex).claim).toBe(false);
  });
});

describe('htmlToArticle', () => {
  it('keeps the article text, drops boilerplate, turns figcaptions into paragraphs', () => {
    const html = `<!doctype html><html><head><title>Talks fail | News</title><style>p{}</style><script>var x = "<p>no</p>";</script></head>
      <body><nav><a href="/">Home</a></nav><header>Site header</header>
      <article><h1>Talks fail</h1><p>Russia met 30 NATO states &amp; allies.</p>
      <figure><img src="x.jpg"><figcaption>Stoltenberg speaks. <span class="credit">John Thys/AFP via Getty Images</span></figcaption></figure>
      <div class="share-bar">Share on Twitter</div><p>The talks <b>ended</b> without progress.</p></article>
      <aside>Related stories</aside><footer>© 2022</footer></body></html>`;
    const a = htmlToArticle(html);
    expect(a.title).toBe('Talks fail');
    expect(a.text).toBe('Talks fail\n\nRussia met 30 NATO states & allies.\n\nStoltenberg speaks.\n\nJohn Thys/AFP via Getty Images\n\nThe talks ended without progress.');
  });
});

describe('claims carry type, speaker, entities and signals', () => {
  const find = (needle: string) => analysis.claims.find((c) => c.text.includes(needle));
  it('types claims with Full Fact\'s typology', () => {
    expect(find('3,000 troops')?.type).toBe('quantity');
    expect(find('Russia met with 30 NATO member states')?.type).toBe('quantity');
    expect(find('the talks will move to a third round')?.type).toBe('prediction');
    expect(find('raised fears that Putin')?.type).toBe('causation');
  });
  it('names speakers of quoted and reported claims, resolving pronouns', () => {
    expect(find('There was no commitment to deescalate')?.speaker).toBe('Sherman');
    expect(find('Dmitry Peskov, on Tuesday said')?.speaker).toBe('Peskov');
    expect(find('She and Stoltenberg said')?.speaker).toBe('Sherman and Stoltenberg');
    expect(find('No progress on arms control')?.speaker).toBe('Grushko');
    expect(find('No progress on arms control')?.standalone).toMatch(/Grushko told reporters afterward\.$/);
  });
  it('finds people, places, dates and quantities with exact offsets', () => {
    const c = find('3,000 troops')!;
    const kinds = new Map(c.entities!.map((e) => [e.text, e.kind]));
    expect(kinds.get('3,000 troops')).toBe('quantity');
    expect(kinds.get('hundreds of tanks')).toBe('quantity');
    expect(kinds.get('Tuesday')).toBe('date');
    expect(kinds.get('Ukraine')).toBe('place');
    for (const e of c.entities!) expect(demo.slice(e.start, e.end)).toBe(e.text);
    const s = find('Jens Stoltenberg, said')!;
    expect(s.entities!.find((e) => e.text === 'Jens Stoltenberg')?.kind).toBe('person');
    const g = find('presented the same demands again')!;
    expect(g.entities!.map((e) => e.text)).toContain('Alexander Grushko');
  });
  it('explains scores in a reviewer\'s words', () => {
    expect(find('3,000 troops')!.signals).toContain('a quantity: 3,000 troops, hundreds of tanks');
    expect(find('Grushko said Russia was now waiting')!.signals).toContain('attributed: Grushko said');
  });
  it('reads questions and opinions as such', () => {
    const a = analyseArticle('Is the economy growing? "I\'m glad they did it," she said. Unemployment fell to 3.9 percent in 2019.', ex);
    expect(a.segments.map((s) => s.kind)).toEqual(['question', 'opinion', 'claim']);
    expect(a.claims[0]!.type).toBe('quantity');
  });
});

describe('more splitting cases', () => {
  it('handles ellipses, dashes, No./Gen./Dr., and a.m./p.m.', () => {
    expect(sentences('Gen. Mark Milley met Dr. Anthony Fauci at 9 a.m. Tuesday. They spoke -- briefly -- about No. 10.')).toEqual([
      'Gen. Mark Milley met Dr. Anthony Fauci at 9 a.m. Tuesday.', 'They spoke -- briefly -- about No. 10.',
    ]);
    expect(sentences('Wait... What happened? Prices rose 2.5% in Jan. 2022!')).toEqual(['Wait...', 'What happened?', 'Prices rose 2.5% in Jan. 2022!']);
    expect(sentences('The U.S. economy grew. The U.K. did not.')).toEqual(['The U.S. economy grew.', 'The U.K. did not.']);
  });
});

describe('htmlToArticle details', () => {
  it('takes the <title> when there is no <h1>, and drops hidden and boilerplate blocks', () => {
    const a = htmlToArticle('<html><head><title>Budget cut | Daily</title></head><body><div class="newsletter-signup">Sign up</div><p hidden>x</p><p>The council cut the budget by 4%.</p><div role="navigation">Menu</div></body></html>');
    expect(a.title).toBe('Budget cut');
    expect(a.text).toBe('The council cut the budget by 4%.');
  });
});

describe('wire-style articles', () => {
  const wire = normaliseArticleText(`Fed raises rates by a quarter point

By Jane Smith and Carlos Ruiz

Updated 3:15 PM EST, March 22, 2023

WASHINGTON (AP) — The Federal Reserve raised its benchmark interest rate by a quarter-point Wednesday, the ninth increase since March 2022.

"Deposit flows have stabilized over the last week," Chair Jerome Powell said at a news conference.

Federal Reserve Chair Jerome Powell speaks during a news conference in Washington, March 22, 2023. (AP Photo/Evan Vucci)`);
  const a = analyseArticle(wire, ex);
  const kind = (needle: string) => a.segments.find((s) => wire.slice(s.start, s.end).includes(needle))?.kind;
  it('splits the wire dateline off the first claim and reads byline, timestamp, caption and credit', () => {
    expect(kind('WASHINGTON (AP)')).toBe('dateline');
    expect(a.claims[0]!.text.startsWith('The Federal Reserve raised')).toBe(true);
    expect(kind('By Jane Smith')).toBe('byline');
    expect(kind('Updated 3:15 PM EST')).toBe('dateline');
    expect(kind('(AP Photo/Evan Vucci)')).toBe('credit');
    expect(kind('speaks during a news conference')).toBe('caption');
    expect(a.claims.find((c) => c.text.includes('Deposit flows'))?.speaker).toBe('Powell');
  });
});

describe('htmlToArticle on an article page', () => {
  it('keeps the article header (headline, byline), drops page chrome and footers, and the claims come out', () => {
    const html = `<body><header>Site</header><div class="cookie-banner">We use cookies</div><main><article>
      <header class="article-header"><h1>Big news</h1><p class="byline">By A. Writer</p></header>
      <p>Russia staged live fire exercises on Tuesday with 3,000 troops.</p>
      <figure><figcaption>Troops on exercise. <span class="credit">Jane Roe/Reuters</span></figcaption></figure>
      <footer>Tags: Russia</footer></article></main><footer>site foot</footer></body>`;
    const page = htmlToArticle(html);
    expect(page.title).toBe('Big news');
    expect(page.text).toBe('Big news\n\nBy A. Writer\n\nRussia staged live fire exercises on Tuesday with 3,000 troops.\n\nTroops on exercise.\n\nJane Roe/Reuters');
    const text = normaliseArticleText(page.text);
    const a = analyseArticle(text, ex);
    expect(a.claims.map((c) => c.text)).toEqual(['Russia staged live fire exercises on Tuesday with 3,000 troops.']);
    expect(a.segments.map((s) => s.kind)).toEqual(['headline', 'byline', 'claim', 'caption', 'credit']);
  });
});

describe('quotes running over paragraphs', () => {
  it('carry the speaker into a following all-quote paragraph', () => {
    const text = normaliseArticleText('"We have cut unemployment to 3.5 percent," the minister said.\n\n"Wages rose 4 percent last year, the fastest rise in 20 years."');
    const a = analyseArticle(text, ex);
    expect(a.claims.map((c) => c.speaker)).toEqual(['the minister', 'the minister']);
  });
});

describe('a local-news story (news conventions beyond the demo article)', () => {
  const story = normaliseArticleText(`City council approves $4.2 billion budget after marathon session

Council members voted 9-4 to raise property taxes for the first time in a decade.

By Maria Lopez

March 3, 2025, 10:12 PM

The city council approved a $4.2 billion budget early Tuesday after a 14-hour session, raising property taxes by 3.5% to close a deficit left by falling sales-tax revenue.

"This is a responsible budget for hard times," Mayor Ellen Park said after the vote. "We protected every library and every fire station."

Opponents said the tax increase would hit renters hardest. "I'm disappointed, frankly," council member Tom Reyes said.

The city's sales-tax revenue fell 11% last year, according to the finance department, the steepest drop since 2009.

It is unclear whether the state will restore the transit grants it cut in January.

The budget takes effect July 1.

Mayor Ellen Park speaks to reporters at City Hall on Monday. (AP Photo/John Doe)`);
  const a = analyseArticle(story, ex);
  const kind = (needle: string) => a.segments.find((s) => story.slice(s.start, s.end).includes(needle))?.kind;

  it('reads a short caption with its credit at the end as caption + credit, and leaves the paragraph before it alone', () => {
    expect(kind('Mayor Ellen Park speaks to reporters')).toBe('caption');
    expect(kind('(AP Photo/John Doe)')).toBe('credit');
    expect(kind('The budget takes effect July 1.')).toBe('claim');
  });

  it('keeps a quoted deed, and leaves out quoted stance, feelings and reported uncertainty', () => {
    expect(kind('We protected every library')).toBe('claim');
    expect(kind('This is a responsible budget')).not.toBe('claim');
    expect(kind("I'm disappointed")).not.toBe('claim');
    expect(kind('It is unclear whether')).not.toBe('claim');
    expect(kind('sales-tax revenue fell 11%')).toBe('claim');
    expect(a.claims.find((c) => c.text.includes('fell 11%'))?.speaker).toBe('the finance department');
  });
});

describe('news structure beyond wire copy', () => {
  const story = normaliseArticleText(`Springfield council cuts library hours

SPRINGFIELD, March 14 (Riverside Ledger) — The city council voted 7-2 on Tuesday to cut library opening hours by 20 percent, saving $1.2 million a year.

"Visits fell by 30 percent last year," said Dr. Helen Marsh, who chairs the library board.

A woman walks her dog in Hyde Park, London, on Tuesday. Photograph: Alex Turner/Getty Images

The cuts take effect on April 1 and will save the city $400,000 a year.

© 2026 Riverside Ledger. All rights reserved.`);
  const a = analyseArticle(story, ex);
  const kind = (needle: string) => a.segments.find((s) => story.slice(s.start, s.end).includes(needle))?.kind;

  it('reads a caption that ends in its photo credit as caption + credit, not as a headline', () => {
    expect(kind('A woman walks her dog')).toBe('caption');
    expect(kind('Photograph: Alex Turner/Getty Images')).toBe('credit');
    expect(a.claims.some((c) => c.text.includes('Hyde Park'))).toBe(false);
  });

  it('keeps the last news paragraph before a copyright line as news, and the copyright line out', () => {
    expect(kind('The cuts take effect on April 1')).toBe('claim');
    expect(a.segments.filter((x) => x.kind === 'caption').map((x) => story.slice(x.start, x.end))).toEqual(['A woman walks her dog in Hyde Park, London, on Tuesday.']);
    expect(kind('© 2026 Riverside Ledger')).toBe('credit');
    expect(a.claims.some((c) => c.text.includes('rights reserved'))).toBe(false);
  });

  it('splits a dateline with a date and an outlet in parentheses off the first claim; the outlet is no person', () => {
    expect(kind('SPRINGFIELD, March 14 (Riverside Ledger) —')).toBe('dateline');
    expect(a.claims[0]!.text.startsWith('The city council voted 7-2')).toBe(true);
    const entities = a.claims.flatMap((c) => c.entities ?? []);
    expect(entities.some((e) => e.text.includes('Riverside Ledger'))).toBe(false);
  });

  it('reads a paragraph of a place and a date ("Moscow, Jan 13.") as a dateline, and a short sentence with a place as none', () => {
    const text = normaliseArticleText('Kremlin rejects talks\n\nMoscow, Jan 13.\n\nNEW YORK, March 3, 2022 (Reuters)\n\nThe Kremlin said on Thursday that 100,000 troops would stay on the border.\n\nPutin, in March, ordered 3,000 troops to the border.');
    const b = analyseArticle(text, ex);
    const kindOf = (needle: string) => b.segments.find((s) => text.slice(s.start, s.end).includes(needle))?.kind;
    expect(kindOf('Moscow, Jan 13.')).toBe('dateline');
    expect(kindOf('NEW YORK, March 3, 2022')).toBe('dateline');
    expect(b.claims.map((c) => c.text)).toEqual(['The Kremlin said on Thursday that 100,000 troops would stay on the border.', 'Putin, in March, ordered 3,000 troops to the border.']);
  });

  it('names the speaker after a courtesy title, not the title', () => {
    const c = a.claims.find((x) => x.text.includes('Visits fell by 30 percent'));
    expect(c?.speaker).toBe('Helen Marsh');
    const before = analyseArticle('Dr. Helen Marsh said visits fell by 30 percent last year.', ex).claims[0];
    expect(before?.speaker).toBe('Helen Marsh');
    expect(analyseArticle('"Crime fell 12 percent in 2024," said Gen. Mark Milley.', ex).claims[0]?.speaker).toBe('Milley');
  });

  it('never starts a claim inside a quotation that runs over a sentence end', () => {
    const text = normaliseArticleText('"Exports rose 8 percent in May. Imports fell 3 percent in June," the minister said.');
    expect(analyseArticle(text, ex).claims.map((c) => c.text)).toEqual([text]);
    for (const doc of [demo, story, text]) {
      for (const c of analyseArticle(doc, ex).claims) {
        const paraStart = doc.lastIndexOf('\n', c.start) + 1;
        expect(insideQuotes(doc.slice(paraStart), c.start - paraStart, false), c.text).toBe(false);
      }
    }
    expect(analysis.claims.some((c) => c.text.startsWith('"Ukraine is a sovereign nation. Ukraine has the right to self-defense," he said.'))).toBe(true);
  });
});
