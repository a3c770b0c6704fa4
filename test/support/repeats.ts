/**
 * The scenario for repeated claims: a copy of the demo article with some sentences reworded (→ `same`), some
 * with a changed number, day or negation (→ `related`, never `same`) and some new (→ no link).
 */
export const REWORDED: ReadonlyArray<{ original: string; copy: string }> = [
  {
    original: 'Russia met with 30 NATO member states',
    copy: 'On Wednesday Russia met with thirty NATO member states at the alliance headquarters in Brussels, the second of three diplomatic meetings organised this week in Europe between Russia and Western countries amid fears raised by Russia massing 100000 troops on the border of Ukraine.',
  },
  {
    original: 'Grushko said Russia was now waiting',
    copy: 'According to Grushko, Russia was now waiting for NATO and the U.S. to send written responses to the Russian proposals and would then make a decision on how to proceed.',
  },
  {
    original: 'Stoltenberg said Russia could not have a veto',
    copy: 'Russia could not have a veto over Ukraine joining the alliance, Stoltenberg said.',
  },
];

export const CHANGED: ReadonlyArray<{ original: string; copy: string }> = [
  {
    original: 'staged live fire exercises',
    copy: 'Amid the diplomatic efforts, Russia staged live fire exercises on Tuesday with 30,000 troops and hundreds of tanks in three regions neighboring Ukraine.',
  },
  {
    original: 'Russia has denied it is planning to attack Ukraine',
    copy: 'Russia has not denied it is planning to attack Ukraine, despite the buildup on its border.',
  },
  {
    original: 'Russia and the United States held talks on Monday',
    copy: 'Russia and the United States held talks on Tuesday in Geneva where Moscow pressed those demands and which the U.S. rejected as impossible.',
  },
];

export const NEW: readonly string[] = [
  'The European Central Bank left interest rates unchanged on Thursday, citing persistent inflation.',
  'Heavy snow closed three airports in Scandinavia and cancelled more than 400 flights.',
];

export const COPY_TEXT = [
  'Talks between Russia and NATO end without a breakthrough',
  ...[...REWORDED, ...CHANGED].map((pair) => pair.copy),
  ...NEW,
].join('\n\n');

/** A reviewer's paraphrase of a demo claim, for "has anyone checked this already?". */
export const PARAPHRASE = {
  original: 'Russia has complained for decades about NATO expansion',
  text: 'For decades Russia has complained about the expansion of NATO into countries formerly dominated by Moscow under the Soviet Union',
};
