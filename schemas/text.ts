import * as z from 'zod';

/** A lone surrogate: text that is not well-formed UTF-16 (it cannot be stored or shown faithfully). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bidirectional embeddings, overrides and isolates: they make a name or note read differently from what it says. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export const isWellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);
export const hasBidiControl = (value: string): boolean => BIDI_CONTROL.test(value);

/** Any string the API accepts: well-formed UTF-16. */
export const wellFormedString = () => z.string().refine(isWellFormed, 'must be well-formed text (it holds a lone surrogate)');

/** Text people read as a label (titles, notes, source titles, names): well-formed and without bidi controls. */
export const plainText = () =>
  wellFormedString().refine((value) => !hasBidiControl(value), 'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)');

/**
 * An absolute http(s) URL without user information, normalised to `URL.href` (what is stored).
 * `user:pw@host` is refused: credentials must never be stored, and they disguise the real host.
 */
export const WebUrl = (max = 2048) =>
  wellFormedString()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, context) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        context.addIssue({ code: 'custom', message: 'must be an absolute http or https URL' });
        return;
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname.length === 0) {
        context.addIssue({ code: 'custom', message: 'must be an absolute http or https URL' });
      } else if (url.username !== '' || url.password !== '') {
        context.addIssue({ code: 'custom', message: 'must not contain user information (user:password@)' });
      }
    })
    .transform((value) => new URL(value).href);
