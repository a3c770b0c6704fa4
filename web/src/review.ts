/**
 * The review panel for one claim: what it says, its signals and entities, status buttons, a note, source
 * links, the history newest first, and the conflict screen when someone else saved first (412).
 */
import { api, ApiError, type Claim, type ClaimStatus, type ReviewChange, type ReviewEvent } from './api.js';
import { can, currentIdentity } from './auth.js';
import { formatTime, h, replace, safeHttpUrl } from './dom.js';

interface Draft {
  note: string;
  /** The claim's note when the reviewer started typing: a draft equal to it is nothing to lose. */
  savedNote?: string;
  url: string;
  title: string;
}

const STATUS_ACTIONS: { status: ClaimStatus; label: string; key: string }[] = [
  { status: 'verified', label: 'Verified', key: 'v' },
  { status: 'disputed', label: 'Disputed', key: 'd' },
  { status: 'sourced', label: 'Sourced', key: 's' },
  { status: 'pending', label: 'Pending', key: 'p' },
];

/** The status a review key sets ("v" → verified …), for every view that takes review keys. */
export function statusForKey(key: string): ClaimStatus | undefined {
  return STATUS_ACTIONS.find((a) => a.key === key)?.status;
}

/** Unsaved notes and links survive switching claims (kept only for this page's life). */
const drafts = new Map<string, Draft>();

/** True when a note or link was typed and not yet saved (the page asks before it is closed). */
export function hasUnsavedWork(): boolean {
  for (const draft of drafts.values()) {
    if (draft.url.trim() || (draft.note.trim() && draft.note !== (draft.savedNote ?? ''))) return true;
  }
  return false;
}

export interface ReviewPanelOptions {
  /** The claim changed (saved by us, or found changed by someone else). */
  onClaimChanged(claim: Claim): void;
  announce(message: string): void;
  onClose?(): void;
}

export class ReviewPanel {
  readonly element = h('section', { class: 'review', 'aria-labelledby': 'review-heading' });
  private claim: Claim | undefined;
  private history: ReviewEvent[] = [];
  private saving = false;
  private readonly parts = {
    summary: h('div', { class: 'review-summary' }),
    facts: h('div', { class: 'review-facts' }),
    status: h('div', { class: 'review-status' }),
    message: h('div', { class: 'review-message', role: 'status', 'aria-live': 'polite' }),
    conflict: h('div', { class: 'conflict', hidden: true }),
    thread: h('div', { class: 'review-thread' }),
    note: h('div', { class: 'review-note' }),
    sources: h('div', { class: 'review-sources' }),
    sourceForm: h('div', { class: 'review-source-form' }),
    history: h('div', { class: 'review-history' }),
  };
  private noteField: HTMLTextAreaElement | undefined;
  private urlField: HTMLInputElement | undefined;
  private titleField: HTMLInputElement | undefined;
  private urlError: HTMLElement | undefined;
  private statusLine = h('p', { class: 'current-status' });
  private statusButtons: HTMLButtonElement[] = [];

  constructor(private readonly options: ReviewPanelOptions) {
    this.showEmpty();
  }

  private get canReview(): boolean {
    return can(currentIdentity(), 'review');
  }

  private draft(claimId: string): Draft {
    let draft = drafts.get(claimId);
    if (!draft) {
      draft = { note: '', url: '', title: '' };
      drafts.set(claimId, draft);
    }
    return draft;
  }

  showEmpty(): void {
    this.claim = undefined;
    replace(
      this.element,
      h('h2', { id: 'review-heading', class: 'visually-hidden' }, 'Review'),
      h('p', { class: 'empty' }, 'Select a claim in the text or the list (or press j) to review it.'),
    );
  }

  /** Shows a claim at once from what the article gave, then its fresh state and history. */
  async show(claim: Claim): Promise<void> {
    const switching = this.claim?.claimId !== claim.claimId;
    this.claim = claim;
    this.history = [];
    if (switching) this.build();
    else this.refresh();
    try {
      const { claim: fresh, history } = await api.getClaim(claim.claimId);
      if (this.claim?.claimId !== claim.claimId) return;
      this.history = history;
      if (fresh.version !== this.claim.version) this.options.onClaimChanged(fresh);
      this.claim = fresh;
      this.refresh();
    } catch (error) {
      if (this.claim?.claimId === claim.claimId) this.say(messageOf(error), 'error');
    }
  }

  get current(): Claim | undefined {
    return this.claim;
  }

  private build(): void {
    const claim = this.claim!;
    const draft = this.draft(claim.claimId);
    const reviewer = this.canReview;

    this.noteField = h('textarea', {
      id: 'note',
      name: 'note',
      rows: 3,
      maxlength: 4000,
      placeholder: reviewer ? 'What did you check? (saved with the next status, or with “Save note”)' : '',
      disabled: !reviewer,
      // A new note joins the thread; it never edits someone else's.
      value: draft.note,
    });
    this.noteField.addEventListener('input', () => {
      draft.note = this.noteField!.value;
      draft.savedNote = this.claim?.note ?? '';
    });
    this.noteField.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.saveNote();
      }
    });
    this.urlError = h('p', { id: 'source-url-error', class: 'field-error', hidden: true });
    this.urlField = h('input', {
      id: 'source-url',
      name: 'url',
      type: 'url',
      inputmode: 'url',
      autocomplete: 'off',
      placeholder: 'https://…',
      'aria-describedby': 'source-url-error',
      disabled: !reviewer,
      value: draft.url,
    });
    this.urlField.addEventListener('input', () => {
      draft.url = this.urlField!.value;
      this.fieldError(null);
    });
    this.titleField = h('input', {
      id: 'source-title',
      name: 'title',
      type: 'text',
      maxlength: 300,
      autocomplete: 'off',
      placeholder: 'optional',
      disabled: !reviewer,
      value: draft.title,
    });
    this.titleField.addEventListener('input', () => (draft.title = this.titleField!.value));

    this.statusLine = h('p', { class: 'current-status' });
    this.statusButtons = STATUS_ACTIONS.map(({ status, label, key }) =>
      h(
        'button',
        {
          type: 'button',
          class: `status-button st-${status}`,
          'aria-pressed': 'false',
          'aria-keyshortcuts': key,
          'data-status': status,
          disabled: !reviewer,
          onclick: () => void this.setStatus(status),
        },
        label,
        ' ',
        h('kbd', { 'aria-hidden': 'true' }, key),
      ),
    );
    replace(this.parts.status, this.statusLine, h('div', { class: 'status-buttons', role: 'group', 'aria-label': 'Set status' }, this.statusButtons));
    replace(
      this.parts.note,
      h(
        'form',
        {
          class: 'note-form',
          onsubmit: (event: Event) => {
            event.preventDefault();
            void this.saveNote();
          },
        },
        h('label', { for: 'note' }, 'Add a note ', h('kbd', null, 'n')),
        this.noteField,
        h('button', { type: 'submit', class: 'secondary', disabled: !reviewer }, 'Save note'),
      ),
    );
    const sourceForm = h(
      'form',
      {
        class: 'source-form',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void this.addSource();
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'source-url' }, 'Source link ', h('kbd', null, 'a')), this.urlField, this.urlError),
      h('div', { class: 'field' }, h('label', { for: 'source-title' }, 'Title'), this.titleField),
      h('button', { type: 'submit', class: 'secondary', disabled: !reviewer }, 'Add source'),
    );
    replace(this.parts.sourceForm, sourceForm);
    this.parts.conflict.hidden = true;
    replace(this.parts.message);
    replace(
      this.element,
      h(
        'header',
        { class: 'review-head' },
        h('h2', { id: 'review-heading', tabindex: -1 }, `Claim ${claim.seq}`),
        this.options.onClose
          ? h('button', { type: 'button', class: 'close', 'aria-label': 'Close review panel', onclick: () => this.options.onClose?.() }, '×')
          : null,
      ),
      this.parts.summary,
      this.parts.status,
      this.parts.message,
      this.parts.conflict,
      this.parts.facts,
      this.parts.thread,
      this.parts.note,
      this.parts.sources,
      this.parts.sourceForm,
      this.parts.history,
    );
    if (!reviewer) this.say('You can read reviews; marking claims needs the reviewer role.', 'info');
    this.refresh();
  }

  /** Re-renders what depends on the claim's saved state; leaves the fields and the user's typing alone. */
  private refresh(): void {
    const claim = this.claim;
    if (!claim) return;
    replace(
      this.parts.summary,
      h('blockquote', { class: 'claim-text' }, claim.text),
      claim.standalone && claim.standalone !== claim.text
        ? h('p', { class: 'standalone' }, h('span', { class: 'label' }, 'Stands alone as: '), claim.standalone)
        : null,
    );
    replace(
      this.parts.facts,
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, 'Check-worthiness'),
        h('dd', null, score(claim.checkworthiness)),
        h('dt', null, 'Type'),
        h('dd', null, claim.type),
        claim.speaker ? [h('dt', null, 'Speaker'), h('dd', null, claim.speaker)] : null,
        claim.signals?.length
          ? [h('dt', null, 'Signals'), h('dd', null, h('ul', { class: 'chips' }, claim.signals.map((s) => h('li', null, s))))]
          : null,
        claim.entities?.length
          ? [
              h('dt', null, 'Entities'),
              h(
                'dd',
                null,
                h(
                  'ul',
                  { class: 'chips' },
                  claim.entities.map((e) => h('li', { class: `entity entity-${e.kind}` }, e.text, h('span', { class: 'kind' }, ` ${e.kind}`))),
                ),
              ),
            ]
          : null,
      ),
    );
    replace(
      this.statusLine,
      'Status: ',
      h('strong', { class: `status-badge st-${claim.status}` }, claim.status),
      ` · version ${claim.version}`,
      claim.updatedBy ? ` · last by ${claim.updatedBy}` : '',
    );
    // The buttons stay the same elements so a focused one keeps focus across saves.
    for (const button of this.statusButtons) {
      button.setAttribute('aria-pressed', String(claim.status === button.dataset.status));
      if (this.saving) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    }
    if (this.noteField && this.noteField !== document.activeElement && !this.draft(claim.claimId).note) this.noteField.value = '';
    this.renderThread(claim);
    replace(
      this.parts.sources,
      h('h3', null, `Sources (${claim.sources.length})`),
      claim.sources.length
        ? h(
            'ul',
            { class: 'sources' },
            claim.sources.map((source) => {
              const href = safeHttpUrl(source.url);
              return h(
                'li',
                null,
                href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', referrerpolicy: 'no-referrer' }, source.title || source.url) : source.url,
                h('span', { class: 'meta' }, ` — ${source.addedBy}, ${formatTime(source.addedAt)}`),
              );
            }),
          )
        : h('p', { class: 'muted' }, 'No source yet.'),
    );
    const events = [...this.history].sort((a, b) => b.version - a.version);
    replace(
      this.parts.history,
      h('h3', null, 'History'),
      events.length
        ? h('ol', { class: 'history', reversed: true }, events.map((event) => historyItem(event)))
        : h('p', { class: 'muted' }, claim.version > 1 ? 'Loading…' : 'No reviews yet.'),
    );
  }

  /** Every note anyone wrote on this claim, oldest first, so a later note never hides an earlier one. */
  private renderThread(claim: Claim): void {
    const notes = [...this.history].filter((e) => e.note).sort((a, b) => a.version - b.version);
    const items = notes.length
      ? notes.map((e) => ({ by: e.by, at: e.at, note: e.note! }))
      : claim.note
        ? [{ by: claim.updatedBy ?? '', at: claim.updatedAt, note: claim.note }]
        : [];
    replace(
      this.parts.thread,
      h('h3', { id: 'notes-heading' }, `Notes (${items.length})`),
      items.length
        ? h(
            'ol',
            { class: 'note-thread', 'aria-labelledby': 'notes-heading' },
            items.map((item) =>
              h(
                'li',
                { class: 'thread-item' },
                h('p', { class: 'thread-head' }, h('strong', null, item.by || 'someone'), ' ', h('time', { datetime: item.at }, formatTime(item.at))),
                h('blockquote', { class: 'thread-note' }, item.note),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'No notes yet.'),
    );
  }

  /** After a review action the reviewer's next move is another status key or j: focus the current status. */
  private focusStatus(status = this.claim?.status): void {
    this.statusButtons.find((b) => b.dataset.status === status)?.focus({ preventScroll: true });
  }

  focusHeading(): void {
    (this.element.querySelector('#review-heading') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  // ---- actions -------------------------------------------------------------------------------------------

  focusNote(): void {
    this.noteField?.focus();
    this.noteField?.select();
  }

  focusSource(): void {
    this.urlField?.focus();
  }

  /** Sets a status; a note typed but not saved, and a link typed but not added, go along in the same change. */
  async setStatus(status: ClaimStatus): Promise<void> {
    const claim = this.claim;
    if (!claim || this.saving) return;
    if (!this.canReview) return this.say('Marking claims needs the reviewer role.', 'error');
    const change: ReviewChange = {};
    const draft = this.draft(claim.claimId);
    if (status !== claim.status) change.status = status;
    if (this.noteDirty()) change.note = draft.note;
    if (draft.url.trim()) {
      const source = this.readSource();
      if (!source) return;
      change.addSources = [source];
    }
    if (Object.keys(change).length === 0) {
      this.say(`Already ${status}.`, 'info');
      return;
    }
    await this.save(change, claim);
  }

  private noteDirty(): boolean {
    const claim = this.claim;
    if (!claim) return false;
    const draft = this.draft(claim.claimId);
    return draft.note !== '' && draft.note !== (claim.note ?? '');
  }

  async saveNote(): Promise<void> {
    const claim = this.claim;
    if (!claim || this.saving) return;
    const note = this.noteField?.value ?? '';
    if (!note.trim()) return this.say('Write the note first.', 'info');
    await this.save({ note }, claim);
  }

  async addSource(): Promise<void> {
    const claim = this.claim;
    if (!claim || this.saving) return;
    const source = this.readSource();
    if (!source) return;
    await this.save({ addSources: [source] }, claim);
  }

  private readSource(): { url: string; title?: string } | null {
    const raw = this.urlField?.value ?? '';
    const url = safeHttpUrl(raw);
    if (!raw.trim()) {
      this.fieldError('Enter the link to the source (http or https).');
      return null;
    }
    if (!url) {
      this.fieldError('That is not a web link: it must start with http:// or https://.');
      return null;
    }
    const title = this.titleField?.value.trim() ?? '';
    return title ? { url: raw.trim(), title } : { url: raw.trim() };
  }

  private fieldError(message: string | null): void {
    if (!this.urlError || !this.urlField) return;
    this.urlError.hidden = message === null;
    this.urlError.textContent = message ?? '';
    if (message === null) this.urlField.removeAttribute('aria-invalid');
    else {
      this.urlField.setAttribute('aria-invalid', 'true');
      this.urlField.focus();
    }
  }

  private async save(change: ReviewChange, base: Claim, version = base.version, resolving = false): Promise<void> {
    this.saving = true;
    this.refresh();
    this.say('Saving…', 'info');
    try {
      const { claim } = await api.review(base.claimId, version, change);
      this.sent(base.claimId, change);
      this.claim = claim;
      this.parts.conflict.hidden = true;
      this.options.onClaimChanged(claim);
      const what = change.status ? `Marked ${change.status}` : change.addSources ? 'Source added' : 'Note saved';
      this.say(`${what}.`, 'ok');
      this.options.announce(`Claim ${claim.seq}: ${what.toLowerCase()}.`);
      void this.reloadHistory(claim.claimId);
      if (change.status || resolving) this.focusStatus();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412 && isClaim(error.problem.claim)) {
        this.conflict(change, base, error.problem.claim);
      } else if (error instanceof ApiError && error.status === 409 && change.status === 'sourced') {
        // Focus stays off the link field, so the "a" this message asks for is a command, not a typed letter.
        this.say('Not marked sourced: this claim has no source yet. Press a to add a link (Enter adds it), then press s.', 'error');
        this.focusStatus('sourced');
      } else if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        const urlProblem = error.problem.errors.find((e) => e.path.startsWith('addSources'));
        if (urlProblem) this.fieldError(`The API refused this link: ${urlProblem.message}.`);
        this.say(error.problem.errors.map((e) => `${e.path || 'request'}: ${e.message}`).join('; '), 'error');
      } else if (error instanceof ApiError && error.status === 403) {
        this.say('Your role does not allow reviewing claims.', 'error');
      } else {
        this.say(messageOf(error), 'error');
      }
    } finally {
      this.saving = false;
      this.refresh();
    }
  }

  /** Forgets the parts of the draft that were saved. */
  private sent(claimId: string, change: ReviewChange): void {
    const draft = this.draft(claimId);
    if (change.note !== undefined) draft.note = '';
    if (change.addSources) {
      draft.url = '';
      draft.title = '';
      if (this.claim?.claimId === claimId && this.urlField && this.titleField) {
        this.urlField.value = '';
        this.titleField.value = '';
      }
    }
  }

  private async reloadHistory(claimId: string): Promise<void> {
    try {
      const { claim, history } = await api.getClaim(claimId);
      if (this.claim?.claimId !== claimId) return;
      this.history = history;
      if (claim.version >= this.claim.version) this.claim = claim;
      this.refresh();
    } catch {
      /* the history will load with the next look at this claim */
    }
  }

  /** Someone saved first: show what they changed next to what we wanted, and let the user choose. */
  private conflict(mine: ReviewChange, base: Claim, theirs: Claim): void {
    this.claim = theirs;
    this.options.onClaimChanged(theirs);
    this.say('Not saved: someone else changed this claim first. Compare and choose below.', 'error');
    const theirSources = theirs.sources.filter((s) => !base.sources.some((b) => b.url === s.url && b.addedAt === s.addedAt));
    const row = (label: string, theirValue: string, myValue: string) =>
      h('tr', null, h('th', { scope: 'row' }, label), h('td', null, theirValue), h('td', null, myValue));
    const who = h('p', { class: 'conflict-who' }, `${theirs.updatedBy ?? 'Another reviewer'} saved version ${theirs.version} at ${formatTime(theirs.updatedAt)} (you were editing version ${base.version}).`);
    const heading = h('h3', { id: 'conflict-heading', tabindex: -1 }, 'Someone else changed this claim');
    replace(
      this.parts.conflict,
      heading,
      who,
      h(
        'table',
        { class: 'conflict-table' },
        h('thead', null, h('tr', null, h('td', null), h('th', { scope: 'col' }, 'Theirs (saved)'), h('th', { scope: 'col' }, 'Yours (not saved)'))),
        h(
          'tbody',
          null,
          row('Status', `${base.status} → ${theirs.status}`, mine.status ? `${base.status} → ${mine.status}` : 'unchanged'),
          row('Note', theirs.note !== base.note ? theirs.note ?? '(removed)' : 'unchanged', mine.note !== undefined ? `${mine.note} (added to the notes; theirs stays)` : 'unchanged'),
          row(
            'Sources added',
            theirSources.length ? theirSources.map((s) => s.title || s.url).join(', ') : 'none',
            mine.addSources?.length ? mine.addSources.map((s) => s.title || s.url).join(', ') : 'none',
          ),
        ),
      ),
      h(
        'div',
        { class: 'conflict-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            'data-action': 'reapply',
            onclick: () => void this.save(mine, theirs, theirs.version, true),
          },
          'Re-apply my change',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'data-action': 'keep-theirs',
            onclick: () => {
              const draft = this.draft(theirs.claimId);
              draft.note = '';
              draft.url = '';
              draft.title = '';
              this.parts.conflict.hidden = true;
              this.build();
              this.say('Kept their version; your change was discarded.', 'ok');
              this.focusStatus();
              void this.reloadHistory(theirs.claimId);
            },
          },
          'Keep theirs',
        ),
      ),
    );
    this.parts.conflict.hidden = false;
    heading.focus({ preventScroll: true });
    this.parts.conflict.scrollIntoView({ block: 'nearest' });
    void this.reloadHistory(theirs.claimId);
  }

  private say(message: string, tone: 'ok' | 'error' | 'info'): void {
    replace(this.parts.message, message ? h('p', { class: `message ${tone}` }, message) : null);
  }
}

function historyItem(event: ReviewEvent): HTMLElement {
  return h(
    'li',
    { class: 'event' },
    h(
      'p',
      { class: 'event-head' },
      h('strong', null, event.by),
      ' ',
      h('time', { datetime: event.at }, formatTime(event.at)),
      ' ',
      event.from === event.to
        ? h('span', { class: 'transition' }, `kept ${event.to}`)
        : h('span', { class: 'transition' }, h('span', { class: `status-badge st-${event.from}` }, event.from), ' → ', h('span', { class: `status-badge st-${event.to}` }, event.to)),
      h('span', { class: 'meta' }, ` v${event.version}`),
    ),
    event.note ? h('blockquote', { class: 'event-note' }, event.note) : null,
    event.sourcesAdded?.length
      ? h(
          'ul',
          { class: 'event-sources' },
          event.sourcesAdded.map((s) => {
            const href = safeHttpUrl(s.url);
            return h('li', null, '+ ', href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, s.title || s.url) : s.url);
          }),
        )
      : null,
  );
}

export function score(value: number): string {
  return value.toFixed(2);
}

function isClaim(value: unknown): value is Claim {
  return typeof value === 'object' && value !== null && typeof (value as Claim).claimId === 'string' && typeof (value as Claim).version === 'number';
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Your session has ended. Sign in again.';
    if (error.status === 503) return 'Storage is unavailable right now. Try again in a moment.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}
