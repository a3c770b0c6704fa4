/** Articles made to measure for tests: n claim sentences, one claim each (the extractor reads each line as one). */
const TEMPLATES = [
  (i: number) => `The ministry said ${100 + i} schools closed in district ${i} on Monday.`,
  (i: number) => `Unemployment in region ${i} rose to ${(i % 90) + 5}.${i % 10}% in May, the statistics office said.`,
  (i: number) => `The council approved a budget of $${i + 3} million for road ${i} on Friday.`,
];

export function articleWithClaims(n: number, title = `Article of ${n} claims`): string {
  return [title, ...Array.from({ length: n }, (_, i) => TEMPLATES[i % TEMPLATES.length]!(i))].join('\n\n');
}

/** One claim of each kind the extractor types differently (quantity, causation, rule, other). */
export const MIXED_TYPES = [
  'Mixed types',
  'The minister predicted that inflation will fall to 2% next year.',
  'The floods were caused by the collapse of the dam near Kherson, officials said.',
  'Russia staged military exercises near the border with Ukraine on Tuesday, officials said.',
  'The senator said she had voted against the bill twice in 2019.',
].join('\n\n');
