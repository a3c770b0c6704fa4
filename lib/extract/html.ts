/**
 * htmlToArticle: the main text of an article page as paragraphs (one blank line between them), using htmlparser2's
 * streaming parser. Scripts, styles, navigation, headers, footers, asides, forms and boilerplate blocks (share bars,
 * newsletters, related links, ads, cookie notices, comments) are dropped; `<figcaption>` becomes a caption paragraph
 * (with its credit, when marked up separately, as its own paragraph). When the page has `<article>` or `<main>`,
 * only text inside it is kept. Title: the first `<h1>`, else `<title>`.
 */
import { Parser } from 'htmlparser2';

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'nav', 'aside', 'form', 'button',
  'iframe', 'select', 'option', 'textarea', 'input', 'menu', 'dialog', 'canvas', 'video', 'audio', 'object', 'embed',
  'head',
]);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote',
  'figure', 'figcaption', 'table', 'tr', 'td', 'th', 'dd', 'dt', 'dl', 'pre', 'address', 'hr', 'br', 'time',
  'caption', 'summary', 'details', 'center',
]);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'param']);
/** class/id/role values that mark boilerplate. Simple alternation, no nested quantifiers. */
const BOILERPLATE = /(?:^|[\s_-])(?:share|sharing|social|related|recommend|newsletter|subscribe|signup|promo|advert|ads?|advertisement|sponsor|cookie|consent|comments?|breadcrumbs?|sidebar|menu|navigation|navbar|masthead|footer|header|popup|modal|paywall|outbrain|taboola|tags|toolbar|skip)(?:$|[\s_-])/i;
const CREDIT_CLASS = /(?:credit|copyright|byline|attribution|source)/i;
const ROLES_SKIP = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert']);

interface Para {
  text: string;
  inMain: boolean;
}

export function htmlToArticle(html: string): { text: string; title?: string } {
  const input = typeof html === 'string' ? html : String(html ?? '');
  const paras: Para[] = [];
  let buf = '';
  let skipDepth = 0; // >0 while inside a skipped element
  const stack: { name: string; skip: boolean; main: boolean; block: boolean }[] = [];
  let mainDepth = 0;
  let sawMain = false;
  let titleTag = '';
  let inTitle = false;
  let h1 = '';
  let h1Depth = 0;
  let headDepth = 0;

  const flush = () => {
    const text = buf.replace(/\s+/g, ' ').trim();
    buf = '';
    if (text) paras.push({ text, inMain: mainDepth > 0 });
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const cls = `${attribs.class ?? ''} ${attribs.id ?? ''}`;
        const role = (attribs.role ?? '').toLowerCase();
        const hidden = attribs.hidden !== undefined || attribs['aria-hidden'] === 'true' || /display:\s?none/i.test(attribs.style ?? '');
        // <header>/<footer> of the page are boilerplate; inside <article>/<main> the header holds the headline.
        const pageChrome = (name === 'header' && mainDepth === 0) || name === 'footer';
        let skip = SKIP.has(name) || pageChrome || ROLES_SKIP.has(role) || hidden;
        if (name === 'head') headDepth++;
        if (name === 'title') inTitle = true;
        // Inside <article>/<main> an "article-header" holds the headline: only the page's headers are boilerplate.
        const clsTest = mainDepth > 0 ? cls.replace(/header/gi, ' ') : cls;
        if (!skip && name !== 'body' && name !== 'html' && name !== 'article' && name !== 'main' && BOILERPLATE.test(clsTest)) skip = true;
        const isMain = name === 'article' || name === 'main' || role === 'main' || role === 'article';
        const creditSpan = (name === 'span' || name === 'small' || name === 'cite' || name === 'p') && CREDIT_CLASS.test(cls);
        const block = BLOCK.has(name) || creditSpan;
        if (VOID.has(name)) {
          if (name === 'br' && skipDepth === 0) flush();
          return;
        }
        if (block && skipDepth === 0) flush();
        if (isMain) {
          mainDepth++;
          sawMain = true;
        }
        if (name === 'h1' && skipDepth === 0 && !h1) h1Depth++;
        if (skip) skipDepth++;
        stack.push({ name, skip, main: isMain, block });
      },
      ontext(data) {
        if (inTitle) titleTag += data;
        if (headDepth > 0) return;
        if (skipDepth > 0) return;
        if (h1Depth > 0) h1 += data;
        buf += data;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'head' && headDepth > 0) headDepth--;
        if (VOID.has(name)) return;
        // Pop to the matching open tag (htmlparser2 already balances implied closes).
        for (let i = stack.length - 1; i >= 0; i--) {
          if (stack[i]!.name !== name) continue;
          while (stack.length > i) {
            const top = stack.pop()!;
            if (top.block && skipDepth === 0) flush();
            if (top.skip) skipDepth--;
            if (top.main) {
              if (skipDepth === 0) flush();
              mainDepth--;
            }
            if (top.name === 'h1' && h1Depth > 0) h1Depth--;
          }
          break;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(input);
  parser.end();
  flush();
  const kept = sawMain ? paras.filter((p) => p.inMain) : paras;
  let texts = kept.map((p) => p.text);
  const h1Text = h1.replace(/\s+/g, ' ').trim();
  const docTitle = titleTag.replace(/\s+/g, ' ').trim().split(/ [|–—] | - /)[0]?.trim();
  const title = h1Text || docTitle || undefined;
  // Keep the headline as the first paragraph (as in plain-text articles) when it was outside <article>.
  if (h1Text && !texts.includes(h1Text)) texts = [h1Text, ...texts];
  const result: { text: string; title?: string } = { text: texts.join('\n\n') };
  if (title) result.title = title;
  return result;
}
